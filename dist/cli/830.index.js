export const id = 830;
export const ids = [830];
export const modules = {

/***/ 4364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ findLink)
/* harmony export */ });
/* unused harmony export parseLinkHeader */
const OWS = new Set([' ', '\t']);
/** token delimiters of RFC 9110 §5.6.2 that may end a parameter name or a bare value */
const TOKEN_END = new Set([' ', '\t', ';', ',', '=', '"', '<', '>']);
/** Every link-value of the header (or of each of its lines), in order. */
function parseLinkHeader(header) {
    if (header === null || header === undefined)
        return [];
    const lines = typeof header === 'string' ? [header] : header;
    const out = [];
    for (const line of lines)
        parseLine(line, out);
    return out;
}
/** The target of the first link-value whose `rel` includes `rel` (case-insensitive), if any. */
function findLink(header, rel) {
    const wanted = rel.toLowerCase();
    return parseLinkHeader(header).find((l) => l.rel.includes(wanted))?.target;
}
function parseLine(s, out) {
    let i = 0;
    const n = s.length;
    const skipOws = () => {
        while (i < n && OWS.has(s[i]))
            i++;
    };
    /** past the next comma that is outside a quoted-string and outside <…> */
    const skipToNextValue = () => {
        let inQuotes = false;
        let inUri = false;
        for (; i < n; i++) {
            const c = s[i];
            if (inQuotes) {
                if (c === '\\')
                    i++;
                else if (c === '"')
                    inQuotes = false;
            }
            else if (inUri) {
                if (c === '>')
                    inUri = false;
            }
            else if (c === '"')
                inQuotes = true;
            else if (c === '<')
                inUri = true;
            else if (c === ',') {
                i++;
                return;
            }
        }
    };
    const token = () => {
        const start = i;
        while (i < n && !TOKEN_END.has(s[i]))
            i++;
        return s.slice(start, i);
    };
    const quoted = () => {
        // at the opening quote
        i++;
        let value = '';
        while (i < n) {
            const c = s[i];
            if (c === '\\' && i + 1 < n) {
                value += s[i + 1];
                i += 2;
            }
            else if (c === '"') {
                i++;
                return value;
            }
            else {
                value += c;
                i++;
            }
        }
        return undefined; // unterminated
    };
    while (i < n) {
        // empty list elements and the whitespace around them (RFC 9110 §5.6.1)
        while (i < n && (OWS.has(s[i]) || s[i] === ','))
            i++;
        if (i >= n)
            break;
        if (s[i] !== '<') {
            skipToNextValue();
            continue;
        }
        const close = s.indexOf('>', i + 1);
        if (close < 0)
            break;
        const target = s.slice(i + 1, close).trim();
        i = close + 1;
        // no prototype: a parameter named `__proto__` or `constructor` is data like any other
        const params = Object.create(null);
        let valid = true;
        for (;;) {
            skipOws();
            if (i >= n || s[i] === ',')
                break;
            if (s[i] !== ';') {
                valid = false;
                break;
            }
            i++;
            skipOws();
            const name = token().toLowerCase();
            if (name === '') {
                // `;` with nothing after it: tolerated, like a trailing empty parameter
                continue;
            }
            skipOws();
            let value = '';
            if (s[i] === '=') {
                i++;
                skipOws();
                if (s[i] === '"') {
                    const q = quoted();
                    if (q === undefined) {
                        valid = false;
                        break;
                    }
                    value = q;
                }
                else
                    value = token();
            }
            if (!Object.prototype.hasOwnProperty.call(params, name))
                params[name] = value;
        }
        if (!valid) {
            skipToNextValue();
            continue;
        }
        const rel = (params.rel ?? '')
            .split(/[ \t]+/)
            .filter((r) => r !== '')
            .map((r) => r.toLowerCase());
        out.push({ target, rel, params });
    }
}


/***/ }),

/***/ 8852:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Mq: () => (/* binding */ isRetriedStatus),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy)
/* harmony export */ });
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9088);

const defaultRetryPolicy = { retries: 4, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 30000 };
const RETRIED_STATUS = new Set([408, 429, 499, 500, 502, 503, 504, 522]);
/** Statuses worth another attempt: timeouts, rate limits and a server or gateway failing for now. */
function isRetriedStatus(status) {
    return RETRIED_STATUS.has(status);
}
/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function backoffDelay(attempt, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `attempt` until `decide` lets its outcome stand, the retries are spent or the deadline would pass. */
async function retry(attempt, opts) {
    const logger = opts.logger ?? _logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    const sleep = opts.sleep ?? realSleep;
    const now = opts.now ?? Date.now;
    const formatDelay = opts.formatDelay ?? ((ms) => `${ms} ms`);
    for (let n = 0;; n++) {
        let outcome;
        try {
            outcome = { ok: true, value: await attempt(n) };
        }
        catch (error) {
            outcome = { ok: false, error };
        }
        const step = opts.decide(outcome, n);
        const why = step === undefined
            ? undefined
            : n >= opts.policy.retries
                ? 'retries'
                : opts.deadline !== undefined && now() + step.delayMs > opts.deadline
                    ? 'deadline'
                    : undefined;
        if (step === undefined || why !== undefined) {
            if (step !== undefined && why !== undefined && opts.giveUp)
                return opts.giveUp(outcome, n, why, step);
            if (outcome.ok)
                return outcome.value;
            throw outcome.error;
        }
        await opts.discard?.(outcome);
        const line = `${opts.what}: ${opts.describe(outcome)}, retry ${n + 1}/${opts.policy.retries} in ${formatDelay(step.delayMs)}`;
        if (step.notice)
            logger.info(`${step.notice} (${line})`);
        else
            logger.debug(line);
        await sleep(step.delayMs);
    }
}


/***/ }),

/***/ 5141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CY: () => (/* binding */ fluxPattern),
/* harmony export */   LY: () => (/* binding */ validateShaLength),
/* harmony export */   Mb: () => (/* binding */ FLUX_EXTRACT),
/* harmony export */   Pj: () => (/* binding */ validateVersion),
/* harmony export */   ek: () => (/* binding */ parseImmutableTag),
/* harmony export */   eo: () => (/* binding */ nextTimestamp),
/* harmony export */   m5: () => (/* binding */ buildTags),
/* harmony export */   qQ: () => (/* binding */ validateEnvironment),
/* harmony export */   sC: () => (/* binding */ formatImmutableTag),
/* harmony export */   xt: () => (/* binding */ validateSha),
/* harmony export */   xw: () => (/* binding */ validateTimestamp),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
/* unused harmony exports ENV_GRAMMAR, newestTimestamp */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1251);



/** No dash: the immutable tag is split on dashes, and Flux's pattern starts with `^<env>-v`. */
const ENV_GRAMMAR = /^[a-z][a-z0-9]*$/;
const ENV_ACCEPTED = 'a lowercase letter followed by lowercase letters or digits, e.g. develop, staging, production';
const VERSION_ACCEPTED = 'MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2';
const SHA_LENGTH_ACCEPTED = 'an integer from 7 to 40';
const TIMESTAMP_ACCEPTED = 'Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123';
const TAG_ACCEPTED = 'an OCI tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, at most 128 characters';
const MIN_SHA = 7;
const MAX_SHA = 40;
/** A git SHA-256 object name; longer hex is not a commit. */
const MAX_COMMIT_HEX = 64;
const PLAIN_VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/**
 * Exactly the tags Flux's policy for some environment matches (`fluxPattern`): the digit runs and
 * the sha are as loose as Flux's `[0-9]+` and `[a-f0-9]+`, so that every tag Flux could select
 * takes part in `newestTimestamp`.
 */
const IMMUTABLE_SHAPE = /^([a-z][a-z0-9]*)-v([0-9]+\.[0-9]+\.[0-9]+)-([a-f0-9]+)-([0-9]+)$/;
function validateEnvironment(env, input = 'environment') {
    if (ENV_GRAMMAR.test(env))
        return env;
    let reason;
    if (env === '')
        reason = 'it is empty';
    else if (env.includes('-'))
        reason = 'it contains "-", and the immutable tag <env>-v<version>-<sha>-<ts> is split on dashes';
    else if (/[A-Z]/.test(env) && ENV_GRAMMAR.test(env.toLowerCase()))
        reason = 'it has upper-case letters';
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, env, ENV_ACCEPTED, reason);
}
function validateVersion(version, input = 'version') {
    const plain = version.startsWith('v') ? version.slice(1) : version;
    if (PLAIN_VERSION.test(plain)) {
        if (plain.split('.').every((n) => Number.isSafeInteger(Number(n))))
            return plain;
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, 'a number is too large for semver');
    }
    let reason;
    const suffixed = /^([0-9]+\.[0-9]+\.[0-9]+)[-+]/.exec(plain);
    if (suffixed) {
        reason =
            "a prerelease or build suffix is not allowed: Flux's pattern <env>-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-<ts> would not match the tag";
    }
    else if (/^[0-9]+\.[0-9]+\.[0-9]+$/.test(plain)) {
        reason = 'semver forbids leading zeros';
    }
    else if (version === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, version, VERSION_ACCEPTED, reason);
}
function validateShaLength(length, input = 'sha-length') {
    const text = String(length);
    if (/^[0-9]+$/.test(text)) {
        const n = Number(text);
        if (n >= MIN_SHA && n <= MAX_SHA)
            return n;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, SHA_LENGTH_ACCEPTED);
}
function validateSha(sha, length = MIN_SHA, input = 'sha') {
    const size = validateShaLength(length);
    const accepted = `a hexadecimal commit sha of at least ${size} characters (the full 40-character sha is fine)`;
    if (!/^[0-9a-fA-F]+$/.test(sha)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, sha === '' ? 'it is empty' : 'it is not hexadecimal');
    }
    if (sha.length < size) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters`);
    }
    if (sha.length > MAX_COMMIT_HEX) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, accepted, `it has ${sha.length} characters, more than a commit sha`);
    }
    return sha.slice(0, size).toLowerCase();
}
function validateTimestamp(ts, input = 'timestamp') {
    const text = String(ts);
    if (/^[1-9][0-9]{9}$/.test(text))
        return Number(text);
    let reason;
    if (/^[0-9]{13}$/.test(text)) {
        reason =
            "it has 13 digits, so it looks like milliseconds; a millisecond tag outranks every second tag in Flux's numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000))";
    }
    else if (/^[0-9]+$/.test(text)) {
        reason = text.startsWith('0') ? 'it has a leading zero' : `it has ${text.length} digits`;
    }
    else if (text === '') {
        reason = 'it is empty';
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, text, TIMESTAMP_ACCEPTED, reason);
}
function validateTag(tag, input = 'tags') {
    if (_common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.test(tag))
        return tag;
    let reason;
    if (tag === '')
        reason = 'it is empty';
    else if (tag.length > 128)
        reason = `it is ${tag.length} characters long`;
    else if (!/^[A-Za-z0-9_]/.test(tag))
        reason = `it starts with ${JSON.stringify(tag[0])}`;
    else {
        const bad = [...tag].find((c) => !/[A-Za-z0-9._-]/.test(c));
        if (bad !== undefined)
            reason = `it contains ${JSON.stringify(bad)}`;
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, tag, TAG_ACCEPTED, reason);
}
/** The sha part of an immutable tag: already short, lowercase hex, 7 to 40 characters. */
function validateTagSha(sha, input) {
    if (/^[0-9a-fA-F]+$/.test(sha) && sha.length >= MIN_SHA && sha.length <= MAX_SHA)
        return sha.toLowerCase();
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, `hexadecimal, ${MIN_SHA} to ${MAX_SHA} characters`);
}
function formatImmutableTag(t) {
    const env = validateEnvironment(t.env);
    const version = validateVersion(t.version);
    const sha = validateTagSha(t.sha, 'sha');
    const ts = validateTimestamp(t.ts);
    return validateTag(`${env}-v${version}-${sha}-${ts}`, 'tag');
}
/**
 * `undefined` for aliases, sha tags and anything else Flux's environment patterns would not match.
 * Parts are as loose as Flux's pattern (`ts` read as a number, as Flux's numerical policy does), so
 * a parsed tag may still be refused by `formatImmutableTag`.
 */
function parseImmutableTag(tag) {
    const m = IMMUTABLE_SHAPE.exec(tag);
    if (!m)
        return undefined;
    return { env: m[1], version: m[2], sha: m[3], ts: Number(m[4]) };
}
/** The README's policy pattern, character for character (Go RE2 syntax: `(?P<ts>…)`). */
function fluxPattern(env) {
    return `^${validateEnvironment(env)}-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$`;
}
const FLUX_EXTRACT = '$ts';
function newestOf(tags, env) {
    let newest;
    for (const tag of tags) {
        const parsed = parseImmutableTag(tag);
        if (parsed?.env !== env)
            continue;
        if (newest === undefined || parsed.ts > newest.ts)
            newest = { tag, ts: parsed.ts };
    }
    return newest;
}
function newestTimestamp(tags, env) {
    return newestOf(tags, validateEnvironment(env))?.ts;
}
/**
 * `max(now, newest + 1)`: Flux breaks ties between equal timestamps by byte order, not by age, so
 * a new tag must be strictly newer than every tag of its environment.
 */
function nextTimestamp(nowSeconds, tags, env) {
    const now = validateTimestamp(Math.floor(nowSeconds), 'now');
    const newest = newestOf(tags, validateEnvironment(env));
    if (newest === undefined || newest.ts < now)
        return now;
    const next = newest.ts + 1;
    if (next > 9_999_999_999) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`Tag ${newest.tag} of environment ${env} has timestamp ${newest.ts}, which is not Unix seconds ` +
            `(milliseconds?). Flux's numerical policy ranks it above every 10-digit timestamp, so no new tag ` +
            `of ${env} could become the newest: delete that tag from the registry first.`);
    }
    return next;
}
function buildTags(opts) {
    const env = validateEnvironment(opts.env);
    const version = validateVersion(opts.version);
    const shaTag = validateSha(opts.sha, validateShaLength(opts.shaLength ?? MIN_SHA));
    const ts = validateTimestamp(opts.ts);
    const immutable = formatImmutableTag({ env, version, sha: shaTag, ts });
    const names = [];
    for (const image of opts.images) {
        const ref = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImageRef */ .Q)(image, 'images');
        if (ref.tag !== undefined || ref.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('images', image, 'image names without tag or digest, e.g. ghcr.io/org/backend', 'the tags are computed here, so the name must not carry one');
        }
        const name = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageRef */ .kL)(ref);
        if (!names.includes(name))
            names.push(name);
    }
    const refs = names.flatMap((name) => [`${name}:${env}`, `${name}:${immutable}`, `${name}:${shaTag}`]);
    return { alias: env, immutable, shaTag, refs };
}


/***/ })

};
