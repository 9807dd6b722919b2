export const id = 536;
export const ids = [536];
export const modules = {

/***/ 536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _N: () => (/* binding */ filterTags),
  se: () => (/* binding */ selectLatest),
  mr: () => (/* binding */ validatePolicySpec)
});

// UNUSED EXPORTS: FLUX_ORDERS, compareFluxVersions, fluxErrorIsStalled, newMastermindsVersion, parseFluxVersion

// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./node_modules/re2js/build/index.js
var build = __webpack_require__(2856);
;// CONCATENATED MODULE: ./packages/tagging/go.ts
/**
 * Go-compatible primitives that Flux's image policies are built on: the `regexp` package (RE2
 * syntax, leftmost-first, `Regexp.ExpandString`), `strconv.ParseFloat`, `strconv.Quote` and Go's
 * byte-wise string order. Flux runs these in Go; JavaScript's `RegExp`, `Number()` and `<` differ
 * in ways that change which tag wins (https://pkg.go.dev/regexp,
 * https://pkg.go.dev/strconv#ParseFloat, https://go.dev/ref/spec#Comparison_operators).
 */

// ---------------------------------------------------------------------------------------------
// regexp
// ---------------------------------------------------------------------------------------------
/** A pattern Go's `regexp.Compile` rejects; `message` is Go's `syntax.Error.Error()` text. */
class GoRegexpError extends Error {
    code;
    expr;
    constructor(code, expr) {
        super(`error parsing regexp: ${code}: \`${expr}\``);
        this.name = 'GoRegexpError';
        this.code = code;
        this.expr = expr;
    }
}
// Go's syntax.Parse reports these with the whole pattern; re2js leaves the expression out.
const WHOLE_PATTERN_CODES = new Set(['expression nests too deeply', 'expression too large']);
const DUPLICATE_NAME_CODE = 'duplicate capture group name';
/**
 * Compiles like Go's `regexp.Compile` (flags `syntax.Perl`, which are re2js's defaults; lookbehind
 * stays off because Go has none). Throws `GoRegexpError` with Go's exact message.
 *
 * re2js decides what compiles and is the matcher of record. Where the pattern lies in a subset on
 * which JavaScript's backtracking `RegExp` gives Go's leftmost-first match and submatches (see
 * `toJsRegExp`), and the text is printable ASCII (as every OCI tag is), `groups` runs that
 * `RegExp` instead: the same answer at a fraction of the cost, which matters over 100,000 tags.
 * `fastPath: false` keeps re2js for everything (tests compare the two).
 */
function compileGoRegexp(pattern, opts = {}) {
    let compiled;
    let renamed = new Map();
    try {
        compiled = build/* RE2JS */.L3.compile(pattern);
    }
    catch (err) {
        if (!(err instanceof build/* RE2JSSyntaxException */.pB) || err.error !== DUPLICATE_NAME_CODE) {
            throw translateSyntaxError(err, pattern, renamed);
        }
        // Go accepts repeated group names ((?P<ts>..)|(?P<ts>..)); RE2/re2js refuse them. Rename the
        // later ones to unique names, compile that, and map the names back.
        const rewrite = renameDuplicateGroups(pattern);
        renamed = rewrite.renamed;
        try {
            compiled = build/* RE2JS */.L3.compile(rewrite.pattern);
        }
        catch (err2) {
            throw translateSyntaxError(err2, pattern, renamed);
        }
    }
    const subexpNames = new Array(compiled.groupCount() + 1).fill('');
    for (const [name, index] of Object.entries(compiled.namedGroups())) {
        subexpNames[index] = renamed.get(name) ?? name;
    }
    const re2Groups = (text, from) => {
        const matcher = compiled.matcher(text);
        if (!matcher.find(from))
            return null;
        const groups = [];
        for (let i = 0; i < subexpNames.length; i++)
            groups.push(matcher.group(i));
        return { groups, index: matcher.start(0) };
    };
    const js = opts.fastPath === false || renamed.size > 0 ? undefined : toJsRegExp(pattern, subexpNames.length - 1);
    return {
        source: pattern,
        subexpNames,
        match(text, from = 0) {
            const found = re2Groups(text, from);
            return found === null ? null : makeMatch(found.groups, subexpNames, found.index);
        },
        groups(text) {
            if (js === undefined || !PRINTABLE_ASCII.test(text))
                return re2Groups(text, 0)?.groups ?? null;
            return js.exec(text);
        },
    };
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/*
 * The subset of Go's syntax that JavaScript's RegExp (no flags) matches exactly as Go does on
 * printable ASCII text. Both engines are leftmost-first: the leftmost start, then the first match
 * in priority order (https://pkg.go.dev/regexp: "the one that a backtracking search would have
 * found first"). On printable ASCII, `.`, `\d`, `\w`, `\s`, `\b` and negated classes mean the same
 * in both, and `^`/`$` without flags are the ends of the text. What differs, and is left to
 * re2js: flag groups, `\Q…\E`, POSIX and Unicode classes, and repetition of a group that contains
 * a capture or can match the empty string (JavaScript clears captures at each iteration and
 * refuses empty iterations; Go does neither). Go's named groups become plain groups: group
 * numbers follow the opening parentheses in both, and the names come from re2js.
 */
const SAFE_PUNCT = new Set('!"#%&\',-/:;<=>@_`~ '.split(''));
const ESCAPABLE = new Set('\\.+*?()|[]{}^$-/!"#%&\',:;<=>@_`~'.split(''));
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
/** The JavaScript RegExp for `pattern`, or `undefined` when it lies outside the safe subset. */
function toJsRegExp(pattern, groupCount) {
    let i = 0;
    const n = pattern.length;
    const parseAlternation = () => {
        const branches = [];
        for (;;) {
            const seq = parseSequence();
            if (seq === undefined)
                return undefined;
            branches.push(seq);
            if (pattern[i] !== '|')
                break;
            i++;
        }
        return {
            source: branches.map((b) => b.source).join('|'),
            minLength: Math.min(...branches.map((b) => b.minLength)),
            captures: branches.reduce((a, b) => a + b.captures, 0),
            repeatable: false,
        };
    };
    const parseSequence = () => {
        let source = '';
        let minLength = 0;
        let captures = 0;
        while (i < n && pattern[i] !== '|' && pattern[i] !== ')') {
            let atom = parseAtom();
            if (atom === undefined)
                return undefined;
            atom = parseQuantifier(atom);
            if (atom === undefined)
                return undefined;
            source += atom.source;
            minLength += atom.minLength;
            captures += atom.captures;
        }
        return { source, minLength, captures, repeatable: false };
    };
    const parseAtom = () => {
        const c = pattern[i];
        if (c === '(') {
            let kind = 'capture';
            if (pattern.startsWith('(?:', i)) {
                kind = 'plain';
                i += 3;
            }
            else if (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i)) {
                const close = pattern.indexOf('>', i);
                if (close < 0)
                    return undefined;
                i = close + 1;
            }
            else if (pattern[i + 1] === '?') {
                return undefined;
            }
            else {
                i++;
            }
            const inner = parseAlternation();
            if (inner === undefined || pattern[i] !== ')')
                return undefined;
            i++;
            return {
                source: `${kind === 'capture' ? '(' : '(?:'}${inner.source})`,
                minLength: inner.minLength,
                captures: inner.captures + (kind === 'capture' ? 1 : 0),
                repeatable: true,
                group: kind,
            };
        }
        if (c === '[')
            return parseClass();
        if (c === '^' || c === '$') {
            i++;
            return { source: c, minLength: 0, captures: 0, repeatable: false };
        }
        if (c === '.') {
            i++;
            return { source: '.', minLength: 1, captures: 0, repeatable: true };
        }
        if (c === '\\') {
            const e = pattern[i + 1];
            if (e === undefined)
                return undefined;
            i += 2;
            if (e === 'A')
                return { source: '^', minLength: 0, captures: 0, repeatable: false };
            if (e === 'z')
                return { source: '$', minLength: 0, captures: 0, repeatable: false };
            if (e === 'b' || e === 'B')
                return { source: `\\${e}`, minLength: 0, captures: 0, repeatable: false };
            if (CLASS_ESCAPES.has(e) || ESCAPABLE.has(e)) {
                return { source: `\\${e}`, minLength: 1, captures: 0, repeatable: true };
            }
            return undefined;
        }
        if (/^[A-Za-z0-9]$/.test(c) || SAFE_PUNCT.has(c)) {
            i++;
            return { source: c === '/' ? '\\/' : c, minLength: 1, captures: 0, repeatable: true };
        }
        return undefined;
    };
    const parseClass = () => {
        let j = i + 1;
        let source = '[';
        if (pattern[j] === '^') {
            source += '^';
            j++;
        }
        const start = j;
        const item = () => {
            const c = pattern[j];
            if (c === undefined || c === '[' || c === ']')
                return undefined;
            if (c === '\\') {
                const e = pattern[j + 1];
                if (e === undefined)
                    return undefined;
                j += 2;
                if (CLASS_ESCAPES.has(e))
                    return { text: `\\${e}` };
                if (ESCAPABLE.has(e))
                    return { text: `\\${e}`, char: e };
                return undefined;
            }
            const code = c.charCodeAt(0);
            if (code < 0x20 || code > 0x7e)
                return undefined;
            j++;
            return { text: c, char: c };
        };
        while (j < n && pattern[j] !== ']') {
            if (pattern[j] === '-') {
                // A literal '-' only first or last in the class; elsewhere it must be a range.
                if (j !== start && pattern[j + 1] !== ']')
                    return undefined;
                source += '\\-';
                j++;
                continue;
            }
            const from = item();
            if (from === undefined)
                return undefined;
            if (pattern[j] === '-' && pattern[j + 1] !== ']' && pattern[j + 1] !== undefined) {
                j++;
                const to = item();
                if (to === undefined || from.char === undefined || to.char === undefined || from.char > to.char)
                    return undefined;
                source += `${from.text}-${to.text}`;
            }
            else {
                source += from.text;
            }
        }
        if (pattern[j] !== ']' || j === start)
            return undefined;
        i = j + 1;
        return { source: `${source}]`, minLength: 1, captures: 0, repeatable: true };
    };
    const parseQuantifier = (atom) => {
        const c = pattern[i];
        let q;
        if (c === '*' || c === '+' || c === '?') {
            q = c;
            i++;
        }
        else if (c === '{') {
            const m = /^\{([0-9]{1,4})(,([0-9]{0,4}))?\}/.exec(pattern.slice(i));
            if (m === null)
                return undefined;
            q = m[0];
            i += q.length;
        }
        else {
            return atom;
        }
        if (pattern[i] === '?') {
            q += '?';
            i++;
        }
        if (pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '?' || pattern[i] === '{')
            return undefined;
        if (!atom.repeatable)
            return undefined;
        if (atom.group !== undefined) {
            const nested = atom.captures - (atom.group === 'capture' ? 1 : 0);
            if (atom.minLength === 0 || nested > 0)
                return undefined;
        }
        const min = q[0] === '{' ? Number(/[0-9]+/.exec(q)?.[0]) : q[0] === '+' ? 1 : 0;
        return { source: atom.source + q, minLength: atom.minLength * min, captures: atom.captures, repeatable: false };
    };
    const whole = parseAlternation();
    if (whole === undefined || i !== n || whole.captures !== groupCount)
        return undefined;
    try {
        return new RegExp(whole.source);
    }
    catch {
        return undefined;
    }
}
function makeMatch(groups, names, index) {
    return {
        whole: groups[0] ?? '',
        index,
        groups,
        names,
        group(ref) {
            if (typeof ref === 'number')
                return groups[ref] ?? null;
            for (let i = 1; i < names.length; i++) {
                if (names[i] === ref && groups[i] !== null && groups[i] !== undefined)
                    return groups[i];
            }
            return null;
        },
    };
}
function translateSyntaxError(err, pattern, renamed) {
    if (!(err instanceof build/* RE2JSSyntaxException */.pB))
        return err instanceof Error ? err : new Error(String(err));
    let expr = err.input ?? '';
    if (err.input === null && WHOLE_PATTERN_CODES.has(err.error))
        expr = pattern;
    // The expression may quote the rewritten pattern; show the user's names, as Go would.
    for (const [synthetic, original] of renamed)
        expr = expr.split(synthetic).join(original);
    return new GoRegexpError(err.error, expr);
}
/**
 * Finds the named-group openers `(?P<name>` / `(?<name>` that the parser will see as groups,
 * skipping escapes, `\Q…\E` and character classes, and renames every repeat of a name.
 */
function renameDuplicateGroups(pattern) {
    const openers = [];
    const n = pattern.length;
    let i = 0;
    while (i < n) {
        const c = pattern[i];
        if (c === '\\') {
            if (pattern[i + 1] === 'Q') {
                const close = pattern.indexOf('\\E', i + 2);
                i = close < 0 ? n : close + 2;
            }
            else {
                i += 2;
            }
        }
        else if (c === '[') {
            let j = i + 1;
            if (pattern[j] === '^')
                j++;
            if (pattern[j] === ']')
                j++;
            while (j < n && pattern[j] !== ']') {
                if (pattern[j] === '\\')
                    j += 2;
                else if (pattern.startsWith('[:', j) && pattern.indexOf(':]', j + 2) >= 0)
                    j = pattern.indexOf(':]', j + 2) + 2;
                else
                    j++;
            }
            i = j + 1;
        }
        else if (c === '(' && (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i))) {
            const start = pattern.startsWith('(?P<', i) ? i + 4 : i + 3;
            const end = pattern.indexOf('>', start);
            if (end < 0)
                break;
            const name = pattern.slice(start, end);
            if (/^[A-Za-z0-9_]+$/.test(name))
                openers.push({ start, end, name });
            i = end + 1;
        }
        else {
            i++;
        }
    }
    const used = new Set(openers.map((o) => o.name));
    const seen = new Set();
    const renamed = new Map();
    let out = '';
    let last = 0;
    let counter = 0;
    for (const opener of openers) {
        if (!seen.has(opener.name)) {
            seen.add(opener.name);
            continue;
        }
        let synthetic;
        do
            synthetic = `zzgodup${counter++}x`;
        while (used.has(synthetic) || pattern.includes(synthetic));
        used.add(synthetic);
        renamed.set(synthetic, opener.name);
        out += pattern.slice(last, opener.start) + synthetic;
        last = opener.end;
    }
    return { pattern: out + pattern.slice(last), renamed };
}
// Go's expand: `unicode.IsLetter || unicode.IsDigit || '_'`.
const NAME_CHAR = /^[\p{L}\p{Nd}_]$/u;
/**
 * Go's `Regexp.ExpandString(nil, template, src, match)`: the template alone with `$name`,
 * `${name}`, `$1` and `$$` substituted (https://pkg.go.dev/regexp#Regexp.Expand).
 */
function goExpand(template, match) {
    let out = '';
    let rest = template;
    for (;;) {
        const dollar = rest.indexOf('$');
        if (dollar < 0)
            break;
        out += rest.slice(0, dollar);
        rest = rest.slice(dollar + 1);
        if (rest.startsWith('$')) {
            out += '$';
            rest = rest.slice(1);
            continue;
        }
        const ref = extractReference(rest);
        if (ref === undefined) {
            // Malformed: Go keeps the `$` as literal text.
            out += '$';
            continue;
        }
        rest = ref.rest;
        const value = ref.num >= 0 ? match.group(ref.num) : match.group(ref.name);
        if (value !== null)
            out += value;
    }
    return out + rest;
}
/**
 * `goExpand` with the template parsed once: a function of one match's groups (as
 * `GoRegexp.groups` gives them) for a pattern whose `SubexpNames()` are `names`.
 */
function compileGoTemplate(template, names) {
    // Each part: literal text, or the group indexes to try in turn (a name may label several groups,
    // and Expand takes the leftmost that took part).
    const parts = [];
    let literal = '';
    let rest = template;
    for (;;) {
        const dollar = rest.indexOf('$');
        if (dollar < 0)
            break;
        literal += rest.slice(0, dollar);
        rest = rest.slice(dollar + 1);
        if (rest.startsWith('$')) {
            literal += '$';
            rest = rest.slice(1);
            continue;
        }
        const ref = extractReference(rest);
        if (ref === undefined) {
            literal += '$';
            continue;
        }
        rest = ref.rest;
        if (literal !== '')
            parts.push(literal);
        literal = '';
        if (ref.num >= 0)
            parts.push([ref.num]);
        else
            parts.push(names.flatMap((name, index) => (index > 0 && name === ref.name ? [index] : [])));
    }
    literal += rest;
    if (literal !== '')
        parts.push(literal);
    const only = parts[0];
    if (parts.length === 1 && typeof only === 'string')
        return () => only;
    if (parts.length === 1 && only !== undefined && only.length === 1) {
        // `$ts`: the group's text itself, with nothing to concatenate.
        const index = only[0];
        return (groups) => groups[index] ?? '';
    }
    return (groups) => {
        let out = '';
        for (const part of parts) {
            if (typeof part === 'string') {
                out += part;
                continue;
            }
            for (const index of part) {
                const value = groups[index];
                if (value !== null && value !== undefined) {
                    out += value;
                    break;
                }
            }
        }
        return out;
    };
}
/** Go's regexp `extract`: a leading `name` or `{name}`; `num` is -1 unless the name is a group index. */
function extractReference(str) {
    if (str === '')
        return undefined;
    let s = str;
    const brace = s[0] === '{';
    if (brace)
        s = s.slice(1);
    let i = 0;
    for (const ch of s) {
        if (!NAME_CHAR.test(ch))
            break;
        i += ch.length;
    }
    if (i === 0)
        return undefined;
    const name = s.slice(0, i);
    if (brace) {
        if (i >= s.length || s[i] !== '}')
            return undefined;
        i++;
    }
    let num = 0;
    for (let k = 0; k < name.length; k++) {
        const code = name.charCodeAt(k);
        if (code < 0x30 || code > 0x39 || num >= 1e8) {
            num = -1;
            break;
        }
        num = num * 10 + (code - 0x30);
    }
    // A leading zero makes it a name ($01), which no group can have matched by index.
    if (name[0] === '0' && name.length > 1)
        num = -1;
    return { name, num, rest: s.slice(i) };
}
// ---------------------------------------------------------------------------------------------
// strconv
// ---------------------------------------------------------------------------------------------
/** What Go's `strconv.ParseFloat` returns as its error: `ErrSyntax` or `ErrRange`. */
class GoNumError extends Error {
    input;
    reason;
    constructor(input, reason) {
        super(`strconv.ParseFloat: parsing ${goQuote(input)}: ${reason}`);
        this.name = 'GoNumError';
        this.input = input;
        this.reason = reason;
    }
}
/**
 * Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (mandatory `p` exponent) literals,
 * `_` only between digits, `inf`/`infinity` (signed or not) and unsigned `nan`, case-insensitive;
 * no trimming. Throws `GoNumError` for what Go rejects, including overflow to ±Inf (ErrRange).
 */
function goParseFloat(s) {
    // Plain digits (every timestamp tag): Number() rounds a decimal literal as Go does.
    if (s.length > 0 && s.length <= 400 && ALL_DIGITS.test(s)) {
        const value = Number(s);
        if (!Number.isFinite(value))
            throw new GoNumError(s, 'value out of range');
        return value;
    }
    const special = parseSpecial(s);
    if (special !== undefined)
        return special;
    const literal = scanFloat(s);
    if (literal === undefined)
        throw new GoNumError(s, 'invalid syntax');
    const value = literal.hex ? hexToFloat(literal) : Number(s.replace(/_/g, ''));
    if (!Number.isFinite(value))
        throw new GoNumError(s, 'value out of range');
    return value;
}
const ALL_DIGITS = /^[0-9]+$/;
function asciiLower(s) {
    return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
function parseSpecial(s) {
    const sign = s[0] === '-' ? -1 : 1;
    const unsigned = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
    const lower = asciiLower(unsigned);
    if (lower === 'inf' || lower === 'infinity')
        return sign * Infinity;
    // Go's `special` only recognises NaN without a sign.
    if (unsigned === s && lower === 'nan')
        return NaN;
    return undefined;
}
/** Go's `readFloat` plus `underscoreOK`, requiring the whole string to be consumed. */
function scanFloat(s) {
    const n = s.length;
    let i = 0;
    if (n === 0)
        return undefined;
    let negative = false;
    if (s[i] === '+')
        i++;
    else if (s[i] === '-') {
        negative = true;
        i++;
    }
    let hex = false;
    if (i + 2 < n && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
        hex = true;
        i += 2;
    }
    let underscores = false;
    let sawDot = false;
    let sawDigits = false;
    let mantissaDigits = '';
    let fractionDigits = 0;
    for (; i < n; i++) {
        const c = s[i];
        if (c === '_') {
            underscores = true;
            continue;
        }
        if (c === '.') {
            if (sawDot)
                break;
            sawDot = true;
            continue;
        }
        if ((c >= '0' && c <= '9') || (hex && /^[a-fA-F]$/.test(c))) {
            sawDigits = true;
            mantissaDigits += c;
            if (sawDot)
                fractionDigits++;
            continue;
        }
        break;
    }
    if (!sawDigits)
        return undefined;
    let exponent = 0;
    const expChar = hex ? 'p' : 'e';
    if (i < n && asciiLower(s[i]) === expChar) {
        i++;
        if (i >= n)
            return undefined;
        let esign = 1;
        if (s[i] === '+')
            i++;
        else if (s[i] === '-') {
            i++;
            esign = -1;
        }
        if (i >= n || s[i] < '0' || s[i] > '9')
            return undefined;
        let e = 0;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
            if (s[i] === '_') {
                underscores = true;
                continue;
            }
            if (e < 10000)
                e = e * 10 + (s.charCodeAt(i) - 0x30);
        }
        exponent = e * esign;
    }
    else if (hex) {
        return undefined;
    }
    if (i !== n)
        return undefined;
    if (underscores && !underscoreOK(s))
        return undefined;
    return { hex, negative, mantissaDigits, fractionDigits, exponent };
}
/** Go's `underscoreOK`: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(str) {
    let s = str;
    let saw = '^';
    let i = 0;
    if (s.length >= 1 && (s[0] === '-' || s[0] === '+'))
        s = s.slice(1);
    let hex = false;
    if (s.length >= 2 && s[0] === '0' && /^[bBoOxX]$/.test(s[1])) {
        i = 2;
        saw = '0';
        hex = s[1] === 'x' || s[1] === 'X';
    }
    for (; i < s.length; i++) {
        const c = s[i];
        if ((c >= '0' && c <= '9') || (hex && /^[a-fA-F]$/.test(c))) {
            saw = '0';
            continue;
        }
        if (c === '_') {
            if (saw !== '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw === '_')
            return false;
        saw = '!';
    }
    return saw !== '_';
}
/** Exact value m·2^e rounded to the nearest double, ties to even, like Go's `atofHex`. */
function hexToFloat(lit) {
    const m = BigInt(`0x${lit.mantissaDigits}`);
    const sign = lit.negative ? -1 : 1;
    if (m === 0n)
        return sign * 0;
    const e = lit.exponent - 4 * lit.fractionDigits;
    const bitLength = m.toString(2).length;
    const topExponent = bitLength - 1 + e;
    // Bits kept: 53 for normal numbers, fewer for subnormals (possibly none).
    const keep = topExponent >= -1022 ? 53 : 53 - (-1022 - topExponent);
    const shift = bitLength - keep;
    let q = m;
    let scale = e;
    if (shift > 0) {
        scale = e + shift;
        const big = BigInt(shift);
        q = m >> big;
        const remainder = m - (q << big);
        const half = 1n << (big - 1n);
        if (remainder > half || (remainder === half && (q & 1n) === 1n))
            q += 1n;
    }
    return sign * Number(q) * pow2(scale);
}
/** 2^k as an exact double (subnormal when k < -1022, Infinity above 1023). */
function pow2(k) {
    if (k > 1023)
        return Infinity;
    if (k < -1074)
        return 0;
    const view = new DataView(new ArrayBuffer(8));
    if (k >= -1022) {
        view.setUint32(0, (k + 1023) << 20);
    }
    else {
        const bit = k + 1074; // position within the 52-bit fraction
        if (bit >= 32)
            view.setUint32(0, 1 << (bit - 32));
        else
            view.setUint32(4, 2 ** bit);
    }
    return view.getFloat64(0);
}
/** Go's `strconv.Quote` (used by `%q`): double-quoted with Go escapes. */
function goQuote(s) {
    let out = '"';
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (ch === '"' || ch === '\\')
            out += `\\${ch}`;
        else if (cp >= 0x20 && cp < 0x7f)
            out += ch;
        else if (cp >= 0x80 && /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch))
            out += ch;
        else if (ch === '\x07')
            out += '\\a';
        else if (ch === '\b')
            out += '\\b';
        else if (ch === '\f')
            out += '\\f';
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch === '\v')
            out += '\\v';
        else if (cp < 0x80)
            out += `\\x${cp.toString(16).padStart(2, '0')}`;
        else if (cp < 0x10000)
            out += `\\u${cp.toString(16).padStart(4, '0')}`;
        else
            out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
    return `${out}"`;
}
// ---------------------------------------------------------------------------------------------
// strings
// ---------------------------------------------------------------------------------------------
/**
 * Go's string order (`strings.Compare`, `<`): byte-wise over UTF-8, which is code point order.
 * JS `<` compares UTF-16 code units and differs for characters above U+FFFF.
 */
function goStringCompare(a, b) {
    if (a === b)
        return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y)
            continue;
        const surrogateX = x >= 0xd800 && x <= 0xdfff;
        const surrogateY = y >= 0xd800 && y <= 0xdfff;
        if (surrogateX === surrogateY)
            return x < y ? -1 : 1;
        // A surrogate (code point ≥ U+10000) sorts after any BMP character.
        return surrogateX ? 1 : -1;
    }
    return a.length < b.length ? -1 : 1;
}

;// CONCATENATED MODULE: ./packages/tagging/flux.ts
/**
 * Flux's image-policy selection (image-reflector-controller `internal/policy`, `applyPolicy`):
 * the tag filter with `pattern`/`extract`, and the `numerical`, `alphabetical` and `semver`
 * policies, with Flux's error texts. Sources: https://fluxcd.io/flux/components/image/imagepolicies/
 * and https://github.com/fluxcd/image-reflector-controller/tree/main/internal/policy.
 *
 * Where Flux's own answer depends on Go's random map iteration order (ties between different
 * extracted strings of equal value), the pick here is deterministic (the byte-wise smallest
 * original tag) and the other tags Flux could have returned are listed in `ties`.
 */


/** `numerical.order` and `alphabetical.order` as the ImagePolicy CRD accepts them: an exact, lower-case enum. */
const FLUX_ORDERS = ['asc', 'desc'];
/**
 * What the API server refuses before the controller ever sees the ImagePolicy (the CRD schema of
 * https://github.com/fluxcd/image-reflector-controller/blob/main/api/v1/imagepolicy_types.go):
 * `order` exists only under `numerical` and `alphabetical`, as the enum `asc`/`desc` (omitted means
 * asc; `DESC` is refused even though the controller would upper-case it), and `range` only under
 * `semver`, where it is required. `names` are how the caller's user wrote these fields.
 */
function validatePolicySpec(policy, names = { order: 'order', range: 'range' }) {
    if (policy.policy === 'semver') {
        if (policy.order !== undefined) {
            throw new errors/* InputError */.dz(names.order, policy.order, `${names.order} only with the numerical or alphabetical policy`, "Flux's semver policy has no order: it always picks the highest version in the range");
        }
        if (policy.range === undefined) {
            throw new errors/* InputError */.dz(names.range, '', 'a semver range, e.g. ">=1.0.0" (Flux requires one for the semver policy)');
        }
        return;
    }
    if (policy.range !== undefined) {
        throw new errors/* InputError */.dz(names.range, policy.range, `${names.range} only with the semver policy`, `Flux's ${policy.policy} policy has no range`);
    }
    if (policy.order !== undefined && !FLUX_ORDERS.includes(policy.order)) {
        throw new errors/* InputError */.dz(names.order, policy.order, `${FLUX_ORDERS.join(', ')} (the ImagePolicy CRD's enum, lower case; omitted means asc)`);
    }
}
const ERR_EMPTY = 'version list argument cannot be empty';
const ERR_NO_TAGS = 'no tags in database';
const ERR_SEMVER_NONE = 'unable to determine latest version from provided list';
const INVALID_POLICY = 'invalid policy: ';
const FILTER_FAILED = 'failed to filter tags: ';
/** Whether a Flux error message is one that stalls the policy (InvalidPolicy) rather than a retried failure. */
function fluxErrorIsStalled(error) {
    return error.startsWith(INVALID_POLICY) || error.startsWith(FILTER_FAILED);
}
/**
 * Picks the tag Flux's ImagePolicy would pick from `tags` (the ImageRepository's tag list, in any
 * order), or Flux's error. Checks run in the controller's order: policy, tag list, filter, policy.
 */
function selectLatest(tags, policy) {
    const policer = buildPolicer(policy);
    if ('error' in policer)
        return policer;
    // The controller reports an empty repository before it looks at filterTags.
    if (tags.length === 0)
        return failure(ERR_NO_TAGS);
    const hasFilter = policy.pattern !== undefined || policy.extract !== undefined;
    let re;
    if (hasFilter) {
        const pattern = policy.pattern ?? '';
        try {
            re = compileGoRegexp(pattern);
        }
        catch (err) {
            if (!(err instanceof GoRegexpError))
                throw err;
            return stalled(`${FILTER_FAILED}invalid regular expression pattern '${pattern}': ${err.message}`);
        }
    }
    if (policy.policy === 'numerical') {
        const streamed = streamNumerical(tags, re, policy.extract ?? '', policer.order, !hasFilter);
        if (streamed !== undefined)
            return streamed;
    }
    const candidates = [];
    if (re !== undefined) {
        for (const [value, tag] of applyFilter(re, tags, policy.extract ?? ''))
            candidates.push({ value, tag });
    }
    else {
        for (const tag of new Set(tags))
            candidates.push({ value: tag, tag });
    }
    if (candidates.length === 0)
        return failure(ERR_EMPTY);
    return policer(candidates, !hasFilter);
}
/**
 * The numerical policy in one pass over the tags, keeping only the keys at the extreme value so far
 * (the product's policy, over the largest lists). `undefined` when a value is NaN: then Flux's
 * answer depends on the whole list, and the caller decides over all the candidates.
 */
function streamNumerical(tags, re, extract, order, ordered) {
    const expand = re !== undefined && extract !== '' ? compileGoTemplate(extract, re.subexpNames) : undefined;
    let any = false;
    let unparsable;
    let extreme = NaN;
    const atExtreme = new Map();
    for (const tag of tags) {
        let key = tag;
        if (re !== undefined) {
            const groups = re.groups(tag);
            if (groups === null)
                continue;
            if (expand !== undefined)
                key = expand(groups);
        }
        any = true;
        let v;
        try {
            v = goParseFloat(key);
        }
        catch {
            // Flux names the first bad value it iterates (see numerical()).
            const cmp = unparsable === undefined ? 0 : byteOrder(key, unparsable);
            if (unparsable === undefined || (ordered ? cmp > 0 : cmp < 0))
                unparsable = key;
            continue;
        }
        if (Number.isNaN(v))
            return undefined;
        if (Number.isNaN(extreme) || (order === 'ASC' ? v > extreme : v < extreme)) {
            extreme = v;
            atExtreme.clear();
            atExtreme.set(key, tag);
        }
        else if (v === extreme) {
            const kept = atExtreme.get(key);
            if (kept === undefined || (kept !== tag && byteOrder(tag, kept) < 0))
                atExtreme.set(key, tag);
        }
    }
    if (!any)
        return failure(ERR_EMPTY);
    if (unparsable !== undefined)
        return failure(`failed to parse invalid numeric value '${unparsable}'`);
    const winners = [...atExtreme].map(([value, tag]) => ({ value, tag }));
    if (ordered) {
        // Flux's loop keeps the last of equal values in storage order: the byte-wise smallest tag.
        const c = winners.reduce((a, b) => (byteOrder(b.tag, a.tag) < 0 ? b : a));
        return { ok: true, tag: c.tag, value: c.value, ties: [] };
    }
    return pickAmong(winners);
}
/**
 * Flux's `RegexFilter.Apply`: key (extracted string, or the tag when `extract` is `''`) → original
 * tag, for every tag the pattern matches anywhere. Flux processes the tags in the ImageRepository's
 * storage order (descending bytes, IRC ≥ v1.0.0) and the last write wins, so among tags with the
 * same key the byte-wise smallest keeps it. The map's order is not Flux's (Go's is random). Throws
 * `GoRegexpError` for a pattern Go rejects.
 */
function filterTags(tags, pattern = '', extract = '') {
    return applyFilter(compileGoRegexp(pattern), tags, extract);
}
function applyFilter(re, tags, extract) {
    const expand = extract !== '' ? compileGoTemplate(extract, re.subexpNames) : undefined;
    const filtered = new Map();
    for (const tag of tags) {
        const groups = re.groups(tag);
        if (groups === null)
            continue;
        const key = expand === undefined ? tag : expand(groups);
        const kept = filtered.get(key);
        if (kept === undefined || (kept !== tag && goStringCompare(tag, kept) < 0))
            filtered.set(key, tag);
    }
    return filtered;
}
function byteOrder(a, b) {
    return goStringCompare(a, b);
}
function stalled(error) {
    return { ok: false, error, stalled: true };
}
function failure(error) {
    return { ok: false, error, stalled: false };
}
/** Among candidates Flux picks at random, the deterministic pick and the rest as ties. */
function pickAmong(winners) {
    const sorted = [...winners].sort((a, b) => byteOrder(a.tag, b.tag));
    const first = sorted[0];
    return { ok: true, tag: first.tag, value: first.value, ties: sorted.slice(1).map((c) => c.tag) };
}
function buildPolicer(policy) {
    switch (policy.policy) {
        case 'numerical': {
            const order = parseOrder(policy.order);
            return typeof order === 'string' ? numerical(order) : order;
        }
        case 'alphabetical': {
            const order = parseOrder(policy.order);
            return typeof order === 'string' ? alphabetical(order) : order;
        }
        case 'semver': {
            let constraints;
            try {
                constraints = newConstraint(policy.range ?? '');
            }
            catch (err) {
                return stalled(`${INVALID_POLICY}${err.message}`);
            }
            return semverPolicy(constraints);
        }
        default:
            return stalled(`${INVALID_POLICY}given ImagePolicyChoice object is invalid`);
    }
}
/** The factory upper-cases the order (`strings.ToUpper`); `''` means ASC. */
function parseOrder(order) {
    const upper = (order ?? '').replace(/\p{Ll}/gu, (c) => {
        const u = c.toUpperCase();
        return [...u].length === 1 ? u : c;
    });
    if (upper === '' || upper === 'ASC')
        return 'ASC';
    if (upper === 'DESC')
        return 'DESC';
    return stalled(`${INVALID_POLICY}invalid order argument provided: '${upper}', must be one of: ASC, DESC`);
}
// ---------------------------------------------------------------------------------------------
// numerical (IRC internal/policy/numerical.go)
// ---------------------------------------------------------------------------------------------
/*
 * NaN ("nan", "NaN", …, accepted by ParseFloat) never compares smaller or larger, so in Flux's loop
 * a NaN replaces the current best and whatever is iterated next replaces the NaN: with map order
 * random, every candidate is a possible answer once a NaN is among several. The choice here: the
 * pick Flux makes when it iterates the NaN first (the extreme of the other values; the byte-smallest
 * NaN tag if all are NaN), with every other candidate's tag in `ties`. Without filterTags the order
 * is known and Flux's loop is replayed exactly, NaN included, with no ties.
 */
function numerical(order) {
    const better = order === 'ASC' ? (a, b) => a > b : (a, b) => a < b;
    return withOrder(order, (candidates, ordered) => {
        const values = new Float64Array(candidates.length);
        // Any bad value fails the whole policy. Flux names the first it iterates: the first in storage
        // order (the byte-wise greatest), or an arbitrary one from a map, for which the byte-smallest
        // stands in.
        let unparsable;
        let hasNaN = false;
        let extreme = NaN;
        for (let i = 0; i < candidates.length; i++) {
            const value = candidates[i].value;
            let v;
            try {
                v = goParseFloat(value);
            }
            catch {
                const cmp = unparsable === undefined ? 0 : byteOrder(value, unparsable);
                if (unparsable === undefined || (ordered ? cmp > 0 : cmp < 0))
                    unparsable = value;
                continue;
            }
            values[i] = v;
            if (Number.isNaN(v))
                hasNaN = true;
            else if (Number.isNaN(extreme) || better(v, extreme))
                extreme = v;
        }
        if (unparsable !== undefined)
            return failure(`failed to parse invalid numeric value '${unparsable}'`);
        if (ordered && hasNaN)
            return replayNumerical(candidates, values, order);
        if (Number.isNaN(extreme))
            return pickAmong(candidates);
        const winners = candidates.filter((_, i) => values[i] === extreme);
        if (ordered) {
            // Flux's loop keeps the last of equal values in storage order: the byte-wise smallest tag.
            const c = winners.reduce((a, b) => (byteOrder(b.tag, a.tag) < 0 ? b : a));
            return { ok: true, tag: c.tag, value: c.value, ties: [] };
        }
        const selected = pickAmong(winners);
        if (!hasNaN)
            return selected;
        const ties = candidates
            .map((c) => c.tag)
            .filter((t) => t !== selected.tag)
            .sort(byteOrder);
        return { ...selected, ties };
    });
}
function withOrder(order, latest) {
    return Object.assign(latest, { order });
}
/** Flux's numerical loop over the stored order (descending bytes), for lists holding a NaN. */
function replayNumerical(candidates, values, order) {
    const indexes = candidates
        .map((_, i) => i)
        .sort((a, b) => byteOrder(candidates[b].tag, candidates[a].tag));
    let best = indexes[0];
    let bestValue = values[best];
    for (const i of indexes.slice(1)) {
        const v = values[i];
        if ((order === 'ASC' && v < bestValue) || (order === 'DESC' && v > bestValue))
            continue;
        best = i;
        bestValue = v;
    }
    const c = candidates[best];
    return { ok: true, tag: c.tag, value: c.value, ties: [] };
}
// ---------------------------------------------------------------------------------------------
// alphabetical (IRC internal/policy/alphabetical.go)
// ---------------------------------------------------------------------------------------------
/** Go `sort.Strings` order: ASC returns the byte-wise maximum, DESC the minimum. Keys are unique, so no ties. */
function alphabetical(order) {
    return withOrder(order, (candidates) => {
        let best = candidates[0];
        for (const c of candidates) {
            const cmp = byteOrder(c.value, best.value);
            if ((order === 'ASC' && cmp > 0) || (order === 'DESC' && cmp < 0))
                best = c;
        }
        return { ok: true, tag: best.tag, value: best.value, ties: [] };
    });
}
const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;
// Go's \s is [\t\n\f\r ].
const S = '[\\t\\n\\f\\r ]';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
    '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
    '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
let constraintRegexes;
function regexes() {
    constraintRegexes ??= {
        constraint: compileGoRegexp(`^${S}*(${OPS})${S}*(${CV})${S}*$`),
        range: compileGoRegexp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`),
        find: compileGoRegexp(`(${OPS})${S}*(${CV})`),
        valid: compileGoRegexp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`),
    };
    return constraintRegexes;
}
/** Go's FindAll for patterns that cannot match the empty string. */
function findAll(re, text) {
    const out = [];
    let from = 0;
    while (from <= text.length) {
        const m = re.match(text, from);
        if (m === null || m.whole === '')
            break;
        out.push(m);
        from = m.index + m.whole.length;
    }
    return out;
}
function newConstraint(range) {
    if (new TextEncoder().encode(range).length > MAX_CONSTRAINT_LEN) {
        throw new Error(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
    }
    const re = regexes();
    // Hyphen ranges become two comparisons first (Masterminds rewriteRange).
    let rewritten = range;
    for (const m of findAll(re.range, range)) {
        const text = `>= ${m.groups[1] ?? ''}, <= ${m.groups[11] ?? ''} `;
        rewritten = rewritten.replace(m.whole, () => text);
    }
    const ors = rewritten.split('||');
    if (ors.length > MAX_CONSTRAINT_GROUPS) {
        throw new Error(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
    }
    const groups = [];
    const containsPre = [];
    for (const group of ors) {
        if (re.valid.match(group) === null)
            throw new Error(`improper constraint: ${goQuote(group)}`);
        const found = findAll(re.find, group).map((m) => m.whole);
        const parsed = (found.length > 0 ? found : [group]).map(parseConstraint);
        groups.push(parsed);
        containsPre.push(parsed.some((c) => c.con.prerelease !== ''));
    }
    return { groups, containsPre };
}
function isX(s) {
    return s === 'x' || s === 'X' || s === '*';
}
function parseConstraint(text) {
    const m = regexes().constraint.match(text);
    if (m === null)
        throw new Error(`improper constraint: ${goQuote(text)}`);
    const op = m.group(1) ?? '';
    const major = m.group(3) ?? '';
    const minor = m.group(4) ?? '';
    const patch = m.group(5) ?? '';
    const pre = m.group(6) ?? '';
    let ver = m.group(2) ?? '';
    let dirty = false;
    let minorDirty = false;
    let patchDirty = false;
    if (isX(major) || major === '') {
        ver = `0.0.0${pre}`;
        dirty = true;
    }
    else if (isX(minor.replace(/^\./, '')) || minor === '') {
        minorDirty = true;
        dirty = true;
        ver = `${major}.0.0${pre}`;
    }
    else if (isX(patch.replace(/^\./, '')) || patch === '') {
        dirty = true;
        patchDirty = true;
        ver = `${major}${minor}.0${pre}`;
    }
    const con = newVersion(ver);
    if (con === undefined)
        throw new Error('constraint parser error');
    return { op, con, dirty, minorDirty, patchDirty };
}
const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
// Version parts repeat across a repository's tags (1, 2, 10, …); BigInt parsing showed in profiles.
const SMALL_PARTS = new Map();
function uint64(digits) {
    if (digits.length <= 4) {
        let value = SMALL_PARTS.get(digits);
        if (value === undefined)
            SMALL_PARTS.set(digits, (value = BigInt(digits)));
        return value;
    }
    const value = BigInt(digits);
    return value > MAX_UINT64 ? undefined : value;
}
function validPrerelease(pre) {
    return pre.split('.').every((part) => {
        if (part === '')
            return false;
        if (/^[0-9]+$/.test(part))
            return !(part.length > 1 && part[0] === '0');
        return /^[0-9A-Za-z-]+$/.test(part);
    });
}
function validMetadata(meta) {
    return meta.split('.').every((part) => /^[0-9A-Za-z-]+$/.test(part));
}
/**
 * Masterminds `NewVersion` with `CoerceNewVersion` (its default): `v`, missing minor/patch and
 * leading zeros accepted; parts are uint64. `undefined` where it returns an error.
 */
function newMastermindsVersion(text) {
    return newVersion(text);
}
function newVersion(text) {
    const m = LOOSE_VERSION.exec(text);
    if (m === null)
        return undefined;
    const major = uint64(m[1]);
    const minor = uint64((m[2] ?? '.0').slice(1));
    const patch = uint64((m[3] ?? '.0').slice(1));
    if (major === undefined || minor === undefined || patch === undefined)
        return undefined;
    const prerelease = m[5] ?? '';
    if (prerelease !== '' && !validPrerelease(prerelease))
        return undefined;
    const metadata = m[8] ?? '';
    if (metadata !== '' && !validMetadata(metadata))
        return undefined;
    return { major, minor, patch, prerelease, metadata };
}
/**
 * fluxcd/pkg `version.ParseVersion` as image-reflector-controller v1.0.0 and later use it
 * (fluxcd/pkg version/v0.10.0 and later): the text must hold at least two dots
 * (`strings.SplitN(v, ".", 3)` gives three parts), then Masterminds `NewVersion` parses it, which
 * coerces: a `v`, leading zeros (`v2024.01.15` is 2024.1.15) and, once the dots are there, a missing
 * patch (`1.2-rc.1` is 1.2.0-rc.1, `1.2+build.5` is 1.2.0+build.5) are accepted.
 * https://github.com/fluxcd/pkg/blob/main/version/version.go,
 * https://github.com/Masterminds/semver/blob/master/version.go (`NewVersion`, `coerceNewVersion`).
 *
 * Up to fluxcd/pkg version/v0.9.0 (image-reflector-controller up to v0.35.x) the rule was strict:
 * one `v` trimmed, then `StrictNewVersion` (exactly X.Y.Z, no leading zeros).
 */
function parseFluxVersion(text) {
    const firstDot = text.indexOf('.');
    if (firstDot < 0 || text.indexOf('.', firstDot + 1) < 0)
        return undefined;
    return newVersion(text);
}
function compareBig(a, b) {
    return a === b ? 0 : a < b ? -1 : 1;
}
function isUint64Text(s) {
    return /^[0-9]+$/.test(s) && BigInt(s) <= MAX_UINT64;
}
function comparePrePart(s, o) {
    if (s === o)
        return 0;
    if (s === '')
        return -1;
    if (o === '')
        return 1;
    const sNum = isUint64Text(s);
    const oNum = isUint64Text(o);
    if (!sNum && !oNum)
        return goStringCompare(s, o) > 0 ? 1 : -1;
    if (!oNum)
        return -1;
    if (!sNum)
        return 1;
    return BigInt(s) > BigInt(o) ? 1 : -1;
}
function comparePrerelease(a, b) {
    const as = a.split('.');
    const bs = b.split('.');
    for (let i = 0; i < Math.max(as.length, bs.length); i++) {
        const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
        if (d !== 0)
            return d;
    }
    return 0;
}
/** Masterminds `Version.Compare` (-1, 0, 1): build metadata does not count. */
function compareFluxVersions(v, o) {
    return compareVersions(v, o);
}
function compareVersions(v, o) {
    const d = compareBig(v.major, o.major) || compareBig(v.minor, o.minor) || compareBig(v.patch, o.patch);
    if (d !== 0)
        return d;
    if (v.prerelease === '' && o.prerelease === '')
        return 0;
    if (v.prerelease === '')
        return 1;
    if (o.prerelease === '')
        return -1;
    return comparePrerelease(v.prerelease, o.prerelease);
}
function tilde(v, c) {
    if (compareVersions(v, c.con) < 0)
        return false;
    if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty)
        return true;
    if (v.major !== c.con.major)
        return false;
    return v.minor === c.con.minor || c.minorDirty;
}
function caret(v, c) {
    if (compareVersions(v, c.con) < 0)
        return false;
    if (c.con.major > 0n || c.minorDirty)
        return v.major === c.con.major;
    if (v.major > 0n)
        return false;
    if (c.con.minor > 0n || c.patchDirty)
        return v.minor === c.con.minor;
    if (v.minor > 0n)
        return false;
    return c.con.patch === v.patch;
}
function notEqual(v, c) {
    if (c.dirty) {
        if (c.con.major !== v.major)
            return true;
        if (c.con.minor !== v.minor && !c.minorDirty)
            return true;
        if (c.minorDirty)
            return false;
        if (c.con.patch !== v.patch && !c.patchDirty)
            return true;
        if (c.patchDirty) {
            if (v.prerelease !== '' || c.con.prerelease !== '')
                return comparePrerelease(v.prerelease, c.con.prerelease) !== 0;
            return false;
        }
    }
    return compareVersions(v, c.con) !== 0;
}
function checkConstraint(v, c, includePre) {
    if (v.prerelease !== '' && !includePre)
        return false;
    switch (c.op) {
        case '':
        case '=':
            return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
        case '!=':
            return notEqual(v, c);
        case '>':
            if (!c.dirty)
                return compareVersions(v, c.con) > 0;
            if (v.major !== c.con.major)
                return v.major > c.con.major;
            if (c.minorDirty)
                return false;
            if (c.patchDirty)
                return v.minor > c.con.minor;
            return compareVersions(v, c.con) > 0;
        case '<':
            return compareVersions(v, c.con) < 0;
        case '>=':
        case '=>':
            return compareVersions(v, c.con) >= 0;
        case '<=':
        case '=<':
            if (!c.dirty)
                return compareVersions(v, c.con) <= 0;
            if (v.major > c.con.major)
                return false;
            return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
        case '~':
        case '~>':
            return tilde(v, c);
        case '^':
            return caret(v, c);
        default:
            return false;
    }
}
function satisfies(v, cs) {
    return cs.groups.some((group, i) => group.every((c) => checkConstraint(v, c, cs.containsPre[i] === true)));
}
/**
 * Values that do not parse are skipped; the greatest satisfying version wins and, being replaced
 * only by a strictly greater one, the first of equal versions (`1.0.0` / `v1.0.0`) stays: in
 * storage order the byte-wise greatest tag, from a Go map any of them.
 */
function semverPolicy(constraints) {
    return withOrder('ASC', (candidates, ordered) => {
        let best;
        let equal = [];
        for (const c of candidates) {
            const v = parseFluxVersion(c.value);
            if (v === undefined || !satisfies(v, constraints))
                continue;
            const d = best === undefined ? 1 : compareVersions(v, best);
            if (d > 0) {
                best = v;
                equal = [c];
            }
            else if (d === 0) {
                equal.push(c);
            }
        }
        if (best === undefined)
            return failure(ERR_SEMVER_NONE);
        if (ordered) {
            const c = equal.reduce((a, b) => (byteOrder(b.tag, a.tag) > 0 ? b : a));
            return { ok: true, tag: c.tag, value: c.value, ties: [] };
        }
        return pickAmong(equal);
    });
}


/***/ })

};
