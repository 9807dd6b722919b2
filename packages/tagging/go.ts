/**
 * Go-compatible primitives that Flux's image policies are built on: the `regexp` package (RE2
 * syntax, leftmost-first, `Regexp.ExpandString`), `strconv.ParseFloat`, `strconv.Quote` and Go's
 * byte-wise string order. Flux runs these in Go; JavaScript's `RegExp`, `Number()` and `<` differ
 * in ways that change which tag wins (https://pkg.go.dev/regexp,
 * https://pkg.go.dev/strconv#ParseFloat, https://go.dev/ref/spec#Comparison_operators).
 */
import { RE2JS, RE2JSSyntaxException } from 're2js';

// ---------------------------------------------------------------------------------------------
// regexp
// ---------------------------------------------------------------------------------------------

/** A pattern Go's `regexp.Compile` rejects; `message` is Go's `syntax.Error.Error()` text. */
export class GoRegexpError extends Error {
  readonly code: string;
  readonly expr: string;

  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
    this.name = 'GoRegexpError';
    this.code = code;
    this.expr = expr;
  }
}

/** The result of one unanchored search, as Go's `FindStringSubmatchIndex` + `SubexpNames` see it. */
export interface GoMatch {
  /** `$0`: the text the whole pattern matched, not the whole input when the pattern is unanchored. */
  readonly whole: string;
  /** Offset of the match in the input (UTF-16 code units). */
  readonly index: number;
  /** Group values by index (0 = whole match); `null` for a group that did not take part. */
  readonly groups: readonly (string | null)[];
  /** Go's `SubexpNames()`: the name of each group, `''` when unnamed; index 0 is always `''`. */
  readonly names: readonly string[];
  /**
   * A group by index or by name; `null` when it did not take part or does not exist. By name, the
   * leftmost group of that name that took part, as `Regexp.Expand` looks names up.
   */
  group(ref: number | string): string | null;
}

export type GoGroups = ArrayLike<string | null | undefined>;

export interface GoRegexp {
  readonly source: string;
  /** Go's `SubexpNames()`. */
  readonly subexpNames: readonly string[];
  /**
   * Unanchored leftmost-first search, like Go's `FindStringSubmatchIndex`; `null` if no match.
   * `from` starts the search later in the same text (for FindAll), keeping `^` at the text start.
   */
  match(text: string, from?: number): GoMatch | null;
  /**
   * The same search from the start of `text`, giving only the groups (0 = the whole match;
   * `null` or `undefined` for a group that did not take part).
   */
  groups(text: string): GoGroups | null;
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
export function compileGoRegexp(pattern: string, opts: { fastPath?: boolean } = {}): GoRegexp {
  let compiled: RE2JS;
  let renamed = new Map<string, string>();
  try {
    compiled = RE2JS.compile(pattern);
  } catch (err) {
    if (!(err instanceof RE2JSSyntaxException) || err.error !== DUPLICATE_NAME_CODE) {
      throw translateSyntaxError(err, pattern, renamed);
    }
    // Go accepts repeated group names ((?P<ts>..)|(?P<ts>..)); RE2/re2js refuse them. Rename the
    // later ones to unique names, compile that, and map the names back.
    const rewrite = renameDuplicateGroups(pattern);
    renamed = rewrite.renamed;
    try {
      compiled = RE2JS.compile(rewrite.pattern);
    } catch (err2) {
      throw translateSyntaxError(err2, pattern, renamed);
    }
  }

  const subexpNames: string[] = new Array<string>(compiled.groupCount() + 1).fill('');
  for (const [name, index] of Object.entries(compiled.namedGroups())) {
    subexpNames[index] = renamed.get(name) ?? name;
  }

  const re2Groups = (text: string, from: number): { groups: (string | null)[]; index: number } | null => {
    const matcher = compiled.matcher(text);
    if (!matcher.find(from)) return null;
    const groups: (string | null)[] = [];
    for (let i = 0; i < subexpNames.length; i++) groups.push(matcher.group(i));
    return { groups, index: matcher.start(0) };
  };
  const js = opts.fastPath === false || renamed.size > 0 ? undefined : toJsRegExp(pattern, subexpNames.length - 1);

  return {
    source: pattern,
    subexpNames,
    match(text: string, from = 0): GoMatch | null {
      const found = re2Groups(text, from);
      return found === null ? null : makeMatch(found.groups, subexpNames, found.index);
    },
    groups(text: string): GoGroups | null {
      if (js === undefined || !PRINTABLE_ASCII.test(text)) return re2Groups(text, 0)?.groups ?? null;
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

interface Piece {
  source: string;
  /** Shortest text it matches. */
  minLength: number;
  captures: number;
  /** Can take a quantifier (not an anchor, not already quantified). */
  repeatable: boolean;
  /** A group: its own capture counts in `captures`. */
  group?: 'capture' | 'plain';
}

/** The JavaScript RegExp for `pattern`, or `undefined` when it lies outside the safe subset. */
export function toJsRegExp(pattern: string, groupCount: number): RegExp | undefined {
  let i = 0;
  const n = pattern.length;

  const parseAlternation = (): Piece | undefined => {
    const branches: Piece[] = [];
    for (;;) {
      const seq = parseSequence();
      if (seq === undefined) return undefined;
      branches.push(seq);
      if (pattern[i] !== '|') break;
      i++;
    }
    return {
      source: branches.map((b) => b.source).join('|'),
      minLength: Math.min(...branches.map((b) => b.minLength)),
      captures: branches.reduce((a, b) => a + b.captures, 0),
      repeatable: false,
    };
  };

  const parseSequence = (): Piece | undefined => {
    let source = '';
    let minLength = 0;
    let captures = 0;
    while (i < n && pattern[i] !== '|' && pattern[i] !== ')') {
      let atom = parseAtom();
      if (atom === undefined) return undefined;
      atom = parseQuantifier(atom);
      if (atom === undefined) return undefined;
      source += atom.source;
      minLength += atom.minLength;
      captures += atom.captures;
    }
    return { source, minLength, captures, repeatable: false };
  };

  const parseAtom = (): Piece | undefined => {
    const c = pattern[i] as string;
    if (c === '(') {
      let kind: 'capture' | 'plain' = 'capture';
      if (pattern.startsWith('(?:', i)) {
        kind = 'plain';
        i += 3;
      } else if (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i)) {
        const close = pattern.indexOf('>', i);
        if (close < 0) return undefined;
        i = close + 1;
      } else if (pattern[i + 1] === '?') {
        return undefined;
      } else {
        i++;
      }
      const inner = parseAlternation();
      if (inner === undefined || pattern[i] !== ')') return undefined;
      i++;
      return {
        source: `${kind === 'capture' ? '(' : '(?:'}${inner.source})`,
        minLength: inner.minLength,
        captures: inner.captures + (kind === 'capture' ? 1 : 0),
        repeatable: true,
        group: kind,
      };
    }
    if (c === '[') return parseClass();
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
      if (e === undefined) return undefined;
      i += 2;
      if (e === 'A') return { source: '^', minLength: 0, captures: 0, repeatable: false };
      if (e === 'z') return { source: '$', minLength: 0, captures: 0, repeatable: false };
      if (e === 'b' || e === 'B') return { source: `\\${e}`, minLength: 0, captures: 0, repeatable: false };
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

  const parseClass = (): Piece | undefined => {
    let j = i + 1;
    let source = '[';
    if (pattern[j] === '^') {
      source += '^';
      j++;
    }
    const start = j;
    const item = (): { text: string; char?: string } | undefined => {
      const c = pattern[j];
      if (c === undefined || c === '[' || c === ']') return undefined;
      if (c === '\\') {
        const e = pattern[j + 1];
        if (e === undefined) return undefined;
        j += 2;
        if (CLASS_ESCAPES.has(e)) return { text: `\\${e}` };
        if (ESCAPABLE.has(e)) return { text: `\\${e}`, char: e };
        return undefined;
      }
      const code = c.charCodeAt(0);
      if (code < 0x20 || code > 0x7e) return undefined;
      j++;
      return { text: c, char: c };
    };
    while (j < n && pattern[j] !== ']') {
      if (pattern[j] === '-') {
        // A literal '-' only first or last in the class; elsewhere it must be a range.
        if (j !== start && pattern[j + 1] !== ']') return undefined;
        source += '\\-';
        j++;
        continue;
      }
      const from = item();
      if (from === undefined) return undefined;
      if (pattern[j] === '-' && pattern[j + 1] !== ']' && pattern[j + 1] !== undefined) {
        j++;
        const to = item();
        if (to === undefined || from.char === undefined || to.char === undefined || from.char > to.char)
          return undefined;
        source += `${from.text}-${to.text}`;
      } else {
        source += from.text;
      }
    }
    if (pattern[j] !== ']' || j === start) return undefined;
    i = j + 1;
    return { source: `${source}]`, minLength: 1, captures: 0, repeatable: true };
  };

  const parseQuantifier = (atom: Piece): Piece | undefined => {
    const c = pattern[i];
    let q: string;
    if (c === '*' || c === '+' || c === '?') {
      q = c;
      i++;
    } else if (c === '{') {
      const m = /^\{([0-9]{1,4})(,([0-9]{0,4}))?\}/.exec(pattern.slice(i));
      if (m === null) return undefined;
      q = m[0];
      i += q.length;
    } else {
      return atom;
    }
    if (pattern[i] === '?') {
      q += '?';
      i++;
    }
    if (pattern[i] === '*' || pattern[i] === '+' || pattern[i] === '?' || pattern[i] === '{') return undefined;
    if (!atom.repeatable) return undefined;
    if (atom.group !== undefined) {
      const nested = atom.captures - (atom.group === 'capture' ? 1 : 0);
      if (atom.minLength === 0 || nested > 0) return undefined;
    }
    const min = q[0] === '{' ? Number(/[0-9]+/.exec(q)?.[0]) : q[0] === '+' ? 1 : 0;
    return { source: atom.source + q, minLength: atom.minLength * min, captures: atom.captures, repeatable: false };
  };

  const whole = parseAlternation();
  if (whole === undefined || i !== n || whole.captures !== groupCount) return undefined;
  try {
    return new RegExp(whole.source);
  } catch {
    return undefined;
  }
}

function makeMatch(groups: (string | null)[], names: readonly string[], index: number): GoMatch {
  return {
    whole: groups[0] ?? '',
    index,
    groups,
    names,
    group(ref: number | string): string | null {
      if (typeof ref === 'number') return groups[ref] ?? null;
      for (let i = 1; i < names.length; i++) {
        if (names[i] === ref && groups[i] !== null && groups[i] !== undefined) return groups[i] as string;
      }
      return null;
    },
  };
}

function translateSyntaxError(err: unknown, pattern: string, renamed: Map<string, string>): Error {
  if (!(err instanceof RE2JSSyntaxException)) return err instanceof Error ? err : new Error(String(err));
  let expr = err.input ?? '';
  if (err.input === null && WHOLE_PATTERN_CODES.has(err.error)) expr = pattern;
  // The expression may quote the rewritten pattern; show the user's names, as Go would.
  for (const [synthetic, original] of renamed) expr = expr.split(synthetic).join(original);
  return new GoRegexpError(err.error, expr);
}

/**
 * Finds the named-group openers `(?P<name>` / `(?<name>` that the parser will see as groups,
 * skipping escapes, `\Q…\E` and character classes, and renames every repeat of a name.
 */
function renameDuplicateGroups(pattern: string): { pattern: string; renamed: Map<string, string> } {
  const openers: { start: number; end: number; name: string }[] = [];
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const close = pattern.indexOf('\\E', i + 2);
        i = close < 0 ? n : close + 2;
      } else {
        i += 2;
      }
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') {
        if (pattern[j] === '\\') j += 2;
        else if (pattern.startsWith('[:', j) && pattern.indexOf(':]', j + 2) >= 0) j = pattern.indexOf(':]', j + 2) + 2;
        else j++;
      }
      i = j + 1;
    } else if (c === '(' && (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i))) {
      const start = pattern.startsWith('(?P<', i) ? i + 4 : i + 3;
      const end = pattern.indexOf('>', start);
      if (end < 0) break;
      const name = pattern.slice(start, end);
      if (/^[A-Za-z0-9_]+$/.test(name)) openers.push({ start, end, name });
      i = end + 1;
    } else {
      i++;
    }
  }

  const used = new Set(openers.map((o) => o.name));
  const seen = new Set<string>();
  const renamed = new Map<string, string>();
  let out = '';
  let last = 0;
  let counter = 0;
  for (const opener of openers) {
    if (!seen.has(opener.name)) {
      seen.add(opener.name);
      continue;
    }
    let synthetic: string;
    do synthetic = `zzgodup${counter++}x`;
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
export function goExpand(template: string, match: GoMatch): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
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
    if (value !== null) out += value;
  }
  return out + rest;
}

/**
 * `goExpand` with the template parsed once: a function of one match's groups (as
 * `GoRegexp.groups` gives them) for a pattern whose `SubexpNames()` are `names`.
 */
export function compileGoTemplate(template: string, names: readonly string[]): (groups: GoGroups) => string {
  // Each part: literal text, or the group indexes to try in turn (a name may label several groups,
  // and Expand takes the leftmost that took part).
  const parts: (string | number[])[] = [];
  let literal = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
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
    if (literal !== '') parts.push(literal);
    literal = '';
    if (ref.num >= 0) parts.push([ref.num]);
    else parts.push(names.flatMap((name, index) => (index > 0 && name === ref.name ? [index] : [])));
  }
  literal += rest;
  if (literal !== '') parts.push(literal);

  const only = parts[0];
  if (parts.length === 1 && typeof only === 'string') return () => only;
  if (parts.length === 1 && only !== undefined && only.length === 1) {
    // `$ts`: the group's text itself, with nothing to concatenate.
    const index = only[0] as number;
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
function extractReference(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  let s = str;
  const brace = s[0] === '{';
  if (brace) s = s.slice(1);
  let i = 0;
  for (const ch of s) {
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = s.slice(0, i);
  if (brace) {
    if (i >= s.length || s[i] !== '}') return undefined;
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
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}

// ---------------------------------------------------------------------------------------------
// strconv
// ---------------------------------------------------------------------------------------------

/** What Go's `strconv.ParseFloat` returns as its error: `ErrSyntax` or `ErrRange`. */
export class GoNumError extends Error {
  readonly input: string;
  readonly reason: 'invalid syntax' | 'value out of range';

  constructor(input: string, reason: 'invalid syntax' | 'value out of range') {
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
export function goParseFloat(s: string): number {
  // Plain digits (every timestamp tag): Number() rounds a decimal literal as Go does.
  if (s.length > 0 && s.length <= 400 && ALL_DIGITS.test(s)) {
    const value = Number(s);
    if (!Number.isFinite(value)) throw new GoNumError(s, 'value out of range');
    return value;
  }
  const special = parseSpecial(s);
  if (special !== undefined) return special;

  const literal = scanFloat(s);
  if (literal === undefined) throw new GoNumError(s, 'invalid syntax');

  const value = literal.hex ? hexToFloat(literal) : Number(s.replace(/_/g, ''));
  if (!Number.isFinite(value)) throw new GoNumError(s, 'value out of range');
  return value;
}

const ALL_DIGITS = /^[0-9]+$/;

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

function parseSpecial(s: string): number | undefined {
  const sign = s[0] === '-' ? -1 : 1;
  const unsigned = s[0] === '+' || s[0] === '-' ? s.slice(1) : s;
  const lower = asciiLower(unsigned);
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  // Go's `special` only recognises NaN without a sign.
  if (unsigned === s && lower === 'nan') return NaN;
  return undefined;
}

interface ScannedFloat {
  hex: boolean;
  negative: boolean;
  mantissaDigits: string; // hex digits, '.' removed
  fractionDigits: number; // hex digits after the '.'
  exponent: number; // binary exponent (p), clamped like Go
}

/** Go's `readFloat` plus `underscoreOK`, requiring the whole string to be consumed. */
function scanFloat(s: string): ScannedFloat | undefined {
  const n = s.length;
  let i = 0;
  if (n === 0) return undefined;
  let negative = false;
  if (s[i] === '+') i++;
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
    const c = s[i] as string;
    if (c === '_') {
      underscores = true;
      continue;
    }
    if (c === '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && /^[a-fA-F]$/.test(c))) {
      sawDigits = true;
      mantissaDigits += c;
      if (sawDot) fractionDigits++;
      continue;
    }
    break;
  }
  if (!sawDigits) return undefined;

  let exponent = 0;
  const expChar = hex ? 'p' : 'e';
  if (i < n && asciiLower(s[i] as string) === expChar) {
    i++;
    if (i >= n) return undefined;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (i >= n || (s[i] as string) < '0' || (s[i] as string) > '9') return undefined;
    let e = 0;
    for (; i < n && (((s[i] as string) >= '0' && (s[i] as string) <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 0x30);
    }
    exponent = e * esign;
  } else if (hex) {
    return undefined;
  }
  if (i !== n) return undefined;
  if (underscores && !underscoreOK(s)) return undefined;
  return { hex, negative, mantissaDigits, fractionDigits, exponent };
}

/** Go's `underscoreOK`: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(str: string): boolean {
  let s = str;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /^[bBoOxX]$/.test(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /^[a-fA-F]$/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Exact value m·2^e rounded to the nearest double, ties to even, like Go's `atofHex`. */
function hexToFloat(lit: ScannedFloat): number {
  const m = BigInt(`0x${lit.mantissaDigits}`);
  const sign = lit.negative ? -1 : 1;
  if (m === 0n) return sign * 0;
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
    if (remainder > half || (remainder === half && (q & 1n) === 1n)) q += 1n;
  }
  return sign * Number(q) * pow2(scale);
}

/** 2^k as an exact double (subnormal when k < -1022, Infinity above 1023). */
function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k < -1074) return 0;
  const view = new DataView(new ArrayBuffer(8));
  if (k >= -1022) {
    view.setUint32(0, (k + 1023) << 20);
  } else {
    const bit = k + 1074; // position within the 52-bit fraction
    if (bit >= 32) view.setUint32(0, 1 << (bit - 32));
    else view.setUint32(4, 2 ** bit);
  }
  return view.getFloat64(0);
}

/** Go's `strconv.Quote` (used by `%q`): double-quoted with Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp >= 0x80 && /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
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
export function goStringCompare(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX === surrogateY) return x < y ? -1 : 1;
    // A surrogate (code point ≥ U+10000) sorts after any BMP character.
    return surrogateX ? 1 : -1;
  }
  return a.length < b.length ? -1 : 1;
}
