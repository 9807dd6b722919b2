export const id = 61;
export const ids = [61,773];
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

/***/ 9088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
/* unused harmony export stderrLogger */
const silentLogger = { debug() { }, info() { }, warning() { } };
/** Logs to stderr, so that stdout stays machine-readable for the CLI. */
const stderrLogger = (verbose = false) => ({
    debug: (m) => {
        if (verbose)
            process.stderr.write(`debug: ${m}\n`);
    },
    info: (m) => process.stderr.write(`${m}\n`),
    warning: (m) => process.stderr.write(`warning: ${m}\n`),
});


/***/ }),

/***/ 1822:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   uv: () => (/* binding */ readProxySettings)
/* harmony export */ });
/* unused harmony exports hasProxyVariable, redactProxyUrl, parseProxyUrl, bypassesProxy */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4715);


const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** Whether any proxy variable is set: without one, callers need not load any proxy support. */
function hasProxyVariable(env) {
    return PROXY_VARIABLES.some((name) => !!env[name]);
}
function variable(env, lower) {
    const upper = lower.toUpperCase();
    if (env[lower])
        return { name: lower, value: env[lower] };
    if (env[upper])
        return { name: upper, value: env[upper] };
    return undefined;
}
/**
 * A proxy URL with its password replaced by `***`, for messages. Everything before the last `@`
 * is userinfo, so a password with an unencoded `@` or `/` is hidden whole; a user name alone may
 * be a token and is hidden too.
 */
function redactProxyUrl(value) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
    const rest = value.slice(scheme.length);
    const at = rest.lastIndexOf('@');
    if (at < 0)
        return value;
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}${rest.slice(at)}`;
}
/** The proxy URL a variable holds, parsed; an InputError (the password kept out) when it is not one. */
function parseProxyUrl(name, value) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    const shown = redactProxyUrl(value);
    const accepted = 'an http:// or https:// proxy URL, e.g. http://proxy.example:3128 or http://user:password@proxy:3128';
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, shown, accepted, 'it is not a URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, shown, accepted, `${url.protocol.slice(0, -1)} proxies are not supported`);
    if (!url.hostname)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(name, shown, accepted, 'it names no host');
    let authorization;
    if (url.username || url.password) {
        const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
        authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    }
    const bare = new URL(`${url.protocol}//${url.host}`);
    return { url: bare, variable: name, ...(authorization ? { authorization } : {}) };
}
const DEFAULT_PORTS = { 'http:': 80, 'https:': 443 };
function isLoopback(host) {
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 4)
        return host.startsWith('127.');
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host) === 6)
        return host === '::1';
    return false;
}
/** A host in URL form (`[::1]`, `Registry.Example.`) as the rules compare it (`::1`, `registry.example`). */
function plainHost(host) {
    return host
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, '')
        .toLowerCase();
}
function canonicalIp(ip) {
    return (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(ip) === 6 ? plainHost(new URL(`http://[${ip}]`).hostname) : ip;
}
/** Whether NO_PROXY (or loopback) sends a request to this host and port directly. */
function bypassesProxy(hostname, port, noProxy) {
    const host = plainHost(hostname);
    if (isLoopback(host))
        return true;
    const hostIp = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host);
    for (const raw of noProxy.split(/[\s,]+/)) {
        let entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        let entryPort;
        const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
        const withPort = bracketed ? undefined : /^([^:]+):(\d+)$/.exec(entry);
        const parts = bracketed ?? withPort;
        if (parts) {
            entry = parts[1];
            if (parts[2] !== undefined)
                entryPort = Number(parts[2]);
        }
        if (entryPort !== undefined && entryPort !== port)
            continue;
        const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
        if (cidr) {
            const family = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(cidr[1]);
            if (!family || !hostIp)
                continue;
            const list = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
            try {
                list.addSubnet(cidr[1], Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
            }
            catch {
                continue;
            }
            if (list.check(host, hostIp === 6 ? 'ipv6' : 'ipv4'))
                return true;
            continue;
        }
        if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(entry)) {
            if (hostIp && canonicalIp(entry) === canonicalIp(host))
                return true;
            continue;
        }
        const domain = plainHost(entry.replace(/^\*?\.?/, ''));
        if (!domain)
            continue;
        if (host === domain || host.endsWith(`.${domain}`))
            return true;
    }
    return false;
}
/**
 * The proxy variables of `env`, or undefined when none is set (a direct connection for every
 * request, and no proxy support to load). Throws an InputError, the password redacted, when a
 * variable holds no usable proxy URL: a setting to fix, found before any request is sent.
 */
function readProxySettings(env) {
    if (!hasProxyVariable(env))
        return undefined;
    const https = variable(env, 'https_proxy');
    const http = variable(env, 'http_proxy');
    return {
        ...(https ? { https: parseProxyUrl(https.name, https.value) } : {}),
        ...(http ? { http: parseProxyUrl(http.name, http.value) } : {}),
        noProxy: variable(env, 'no_proxy')?.value ?? '',
    };
}
/** The proxy a request to `target` goes through, or undefined for a direct connection. */
function proxyFor(target, settings) {
    if (!settings)
        return undefined;
    const proxy = target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined;
    if (!proxy)
        return undefined;
    const port = Number(target.port) || DEFAULT_PORTS[target.protocol];
    return bypassesProxy(target.hostname, port, settings.noProxy) ? undefined : proxy;
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

/***/ 7061:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Sm: () => (/* reexport */ ImageCopier),
  bP: () => (/* reexport */ RegistryClient),
  gl: () => (/* reexport */ RegistryError),
  vN: () => (/* reexport */ RegistryPermissionError),
  L5: () => (/* reexport */ TagImmutableError),
  ol: () => (/* reexport */ digestOf),
  F7: () => (/* reexport */ imageRevisionLabel),
  z8: () => (/* reexport */ resolveCredentials)
});

// UNUSED EXPORTS: DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, MANIFEST_MEDIA_TYPES, MAX_MANIFEST_BYTES, OCI_INDEX, OCI_MANIFEST, RequestTimeoutError, SCHEMA1_MEDIA_TYPES, addStats, anonymous, createHttpTransport, emptyStats, httpTransport, indexDescriptors, isImageManifestMediaType, isIndexMediaType, isLoopbackHost, parseWwwAuthenticate, realmProblem, referrersTag

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
;// CONCATENATED MODULE: ./packages/common/http.ts
/*
 * What the registry and GitHub clients share about a request in flight: its timeouts, the budget
 * of the operation it belongs to, and how a transport fault is described and classed. Retries are
 * in retry.ts.
 */
/**
 * A request that took too long: `connect` (no connection within `ms`), `idle` (the peer sent no
 * byte for `ms`), or `budget` (the whole operation, retries included, ran out of its `ms`). Connect
 * and idle timeouts are faults like a dropped connection and are retried; an exhausted budget is not.
 */
class RequestTimeoutError extends Error {
    timeout;
    ms;
    constructor(message, timeout, ms) {
        super(message);
        this.name = 'RequestTimeoutError';
        this.timeout = timeout;
        this.ms = ms;
    }
}
/** The timeout behind an error, if any: the error itself or its `cause` (fetch wraps errors in a TypeError). */
function timeoutOf(err) {
    for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++)
        if (e instanceof RequestTimeoutError)
            return e;
    return undefined;
}
/** Starts a budget of `ms`; call `end()` when the operation is over so its timer does not linger. */
function startBudget(ms, what) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(budgetError(what, ms)), ms);
    timer.unref?.();
    return {
        budget: { ms, deadline: Date.now() + ms, signal: controller.signal },
        end: () => clearTimeout(timer),
    };
}
function budgetError(what, ms, last) {
    return new RequestTimeoutError(`${what}: gave up when its ${ms} ms budget (budgetMs) ran out${last ? `; last: ${last}` : ''}`, 'budget', ms);
}
/**
 * Marks a transport fault that sending the same request again cannot cure, such as a proxy's 407
 * (its credentials are wrong or missing): it is not retried.
 */
function finalFault(err) {
    return Object.assign(err, { final: true });
}
function isFinalFault(err) {
    const cause = err?.cause;
    return err?.final === true || cause?.final === true;
}
/** The message of an error with the message of its cause, as fetch failures carry the reason there. */
function describeFault(err) {
    if (!(err instanceof Error))
        return String(err);
    const cause = err.cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
// EXTERNAL MODULE: ./packages/common/retry.ts
var retry = __webpack_require__(8852);
// EXTERNAL MODULE: ./packages/tagging/image.ts
var tagging_image = __webpack_require__(1895);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./packages/registry/auth.ts

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
/**
 * RFC 7235 §4.1: a header may hold several challenges separated by commas, and parameter values
 * may be quoted strings with commas and backslash escapes inside, so splitting on "," is wrong.
 * A value that fails to parse ends the parse; what was read so far is kept.
 */
function parseWwwAuthenticate(header) {
    const challenges = [];
    let i = 0;
    const n = header.length;
    const skipSpaces = () => {
        while (i < n && (header[i] === ' ' || header[i] === '\t'))
            i++;
    };
    const skipSeparators = () => {
        while (i < n && (header[i] === ' ' || header[i] === '\t' || header[i] === ','))
            i++;
    };
    const readToken = () => {
        const start = i;
        while (i < n && TCHAR.test(header[i]))
            i++;
        return header.slice(start, i);
    };
    const readQuoted = () => {
        // header[i] === '"'
        i++;
        let value = '';
        while (i < n) {
            const c = header[i];
            if (c === '\\' && i + 1 < n) {
                value += header[i + 1];
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
        return undefined;
    };
    /** At i: is this `token BWS "="` followed by something other than another "=" (a token68 tail)? */
    const atParam = () => {
        let j = i;
        while (j < n && TCHAR.test(header[j]))
            j++;
        if (j === i)
            return false;
        while (j < n && (header[j] === ' ' || header[j] === '\t'))
            j++;
        if (header[j] !== '=')
            return false;
        j++;
        while (j < n && (header[j] === ' ' || header[j] === '\t'))
            j++;
        return j < n && header[j] !== '=' && header[j] !== ',';
    };
    skipSeparators();
    while (i < n) {
        const scheme = readToken();
        if (scheme === '')
            break;
        const challenge = { scheme: scheme.toLowerCase(), params: {} };
        challenges.push(challenge);
        skipSpaces();
        if (i < n && header[i] !== ',' && !atParam()) {
            const start = i;
            while (i < n && TOKEN68_CHAR.test(header[i]))
                i++;
            while (i < n && header[i] === '=')
                i++;
            if (i > start)
                challenge.token68 = header.slice(start, i);
            skipSpaces();
        }
        // Parameters until the next challenge: after a comma, a token not followed by "=" starts one.
        for (;;) {
            skipSeparators();
            if (i >= n || !atParam())
                break;
            const name = readToken().toLowerCase();
            skipSpaces();
            i++; // "="
            skipSpaces();
            let value;
            if (header[i] === '"')
                value = readQuoted();
            else {
                // Lenient: some servers leave URLs unquoted, which are not RFC tokens (":" and "/").
                const start = i;
                while (i < n && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t')
                    i++;
                value = header.slice(start, i);
            }
            if (value === undefined)
                return challenges;
            challenge.params[name] = value;
        }
    }
    return challenges;
}
/** Hosts where plain HTTP is the norm (a test or local registry) and realms may point. */
function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if ((0,external_node_net_.isIP)(host) === 4)
        return host.startsWith('127.');
    if ((0,external_node_net_.isIP)(host) === 6)
        return host === '::1' || host === '0:0:0:0:0:0:0:1';
    return false;
}
function isPrivateOrLinkLocalIp(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if ((0,external_node_net_.isIP)(host) === 4) {
        const [a, b] = host.split('.').map(Number);
        return (a === 10 ||
            a === 127 ||
            a === 0 ||
            (a === 172 && b >= 16 && b <= 31) ||
            (a === 192 && b === 168) ||
            (a === 169 && b === 254));
    }
    if ((0,external_node_net_.isIP)(host) === 6) {
        return (host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:'));
    }
    return false;
}
/** `host[:port]` of a URL, with the default port made explicit, for "same place" comparisons. */
function hostPort(url) {
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    return `${url.hostname.toLowerCase()}:${port}`;
}
/**
 * Credentials go to the token realm, so a registry must not be able to aim them anywhere
 * (GGCR `pkg/v1/remote/transport/bearer.go` validateRealmURL): the realm is https, and not a
 * private, loopback or link-local literal. A realm on the registry's own scheme, host and port is
 * always allowed, and a loopback registry may name a loopback realm: that is a local test setup.
 * Returns why the realm is refused, or undefined when it is acceptable.
 */
function realmProblem(realm, registryBase, insecure = []) {
    let url;
    try {
        url = new URL(realm);
    }
    catch {
        return 'it is not an absolute URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return `its scheme ${url.protocol} is not https`;
    if (url.username || url.password)
        return 'it carries credentials in the URL';
    if (url.protocol === registryBase.protocol && hostPort(url) === hostPort(registryBase))
        return undefined;
    if (isLoopbackHost(url.hostname)) {
        return isLoopbackHost(registryBase.hostname)
            ? undefined
            : 'it points at a loopback address while the registry does not';
    }
    if (isPrivateOrLinkLocalIp(url.hostname))
        return 'it points at a private or link-local address';
    const insecureHost = insecure.includes(url.host) || insecure.includes(url.hostname);
    if (url.protocol === 'http:' && !insecureHost)
        return 'it is plain http; credentials are only sent over https';
    return undefined;
}
/**
 * The user name sent with an identity token as a Basic password when no user name came with it:
 * the one Azure documents for logging in to ACR with a token (`docker login <registry>.azurecr.io
 * --username 00000000-0000-0000-0000-000000000000 --password-stdin <<< $TOKEN`, `az acr login
 * --expose-token`).
 */
const IDENTITY_TOKEN_BASIC_USER = '00000000-0000-0000-0000-000000000000';
/**
 * Basic credentials (`user:password`, not yet base64) for a GET token request: the user name and
 * password when both are known (GGCR `pkg/v1/remote/transport/basic.go`), else an identity token as
 * the password, as containerd's fallback does (`remotes/docker/authorizer.go`: SetBasicAuth with the
 * refresh token as secret). The realm that gets it is the one the POST would have sent it to.
 */
function basicTokenCredentials(creds) {
    if (creds.username && creds.password)
        return `${creds.username}:${creds.password}`;
    if (creds.identityToken)
        return `${creds.username || IDENTITY_TOKEN_BASIC_USER}:${creds.identityToken}`;
    return undefined;
}
/** Every form of a credential that may appear on the wire, to mask: the secrets and their Basic encodings. */
function credentialSecrets(creds) {
    const secrets = [creds.password, creds.identityToken, creds.registryToken].filter((s) => !!s);
    const basic = basicTokenCredentials(creds);
    if (basic)
        secrets.push(Buffer.from(basic).toString('base64'));
    return secrets;
}
/**
 * One token request to the realm. `oauth`: the OAuth2 POST with the identity token as a refresh
 * token (distribution docs/spec/auth/oauth.md). `basic`: the GET every token server supports
 * (docs/spec/auth/token.md), with Basic credentials when there are any.
 */
function tokenRequest(kind, creds, realm, service, scopes) {
    const url = new URL(realm);
    if (kind === 'oauth') {
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: creds.identityToken ?? '',
            client_id: 'gitops-promote',
        });
        if (service)
            form.set('service', service);
        form.set('scope', scopes.join(' '));
        return {
            url,
            init: {
                method: 'POST',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                body: form.toString(),
            },
        };
    }
    if (service)
        url.searchParams.set('service', service);
    for (const scope of scopes)
        url.searchParams.append('scope', scope);
    const headers = {};
    const basic = basicTokenCredentials(creds);
    if (basic)
        headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    return { url, init: { method: 'GET', headers } };
}
/**
 * The realm does not do OAuth2: "Not all token servers implement oauth2. If the request to the
 * endpoint returns 404 using the HTTP POST method, refer to Token Documentation for using the HTTP
 * GET method supported by all token servers" (GGCR `pkg/v1/remote/transport/bearer.go` Refresh,
 * quoting distribution docs/spec/auth/oauth.md). 405 says the same in HTTP's own words.
 */
function oauthUnsupported(status) {
    return status === 404 || status === 405;
}
/** Token answers carry `token` or `access_token` (treat as the same); expires_in defaults to, and is never below, 60 s. */
function parseTokenResponse(body) {
    if (typeof body !== 'object' || body === null)
        return undefined;
    const record = body;
    const token = typeof record.token === 'string' && record.token !== ''
        ? record.token
        : typeof record.access_token === 'string'
            ? record.access_token
            : '';
    if (token === '')
        return undefined;
    const expires = typeof record.expires_in === 'number' && Number.isFinite(record.expires_in) ? record.expires_in : 60;
    const refreshToken = typeof record.refresh_token === 'string' && record.refresh_token !== '' ? record.refresh_token : undefined;
    return { token, expiresInSeconds: Math.max(60, expires), ...(refreshToken ? { refreshToken } : {}) };
}
/** `repository:<name>:<actions>` scopes; one covers another when the names match and its actions include all of the other's. */
function scopeCovers(held, wanted) {
    if (held === wanted)
        return true;
    const h = held.split(':');
    const w = wanted.split(':');
    if (h.length !== 3 || w.length !== 3 || h[0] !== w[0] || h[1] !== w[1])
        return false;
    const actions = new Set(h[2].split(','));
    return w[2].split(',').every((a) => actions.has(a) || actions.has('*'));
}

;// CONCATENATED MODULE: ./packages/registry/errors.ts


/** A registry answered with an error; the message names the operation, the image and the registry's code. */
class RegistryError extends Error {
    status;
    codes;
    constructor(message, status, codes) {
        super(message);
        this.name = 'RegistryError';
        this.status = status;
        this.codes = codes;
    }
}
/**
 * The registry refused a write to the repository (401, 403 or 404 on a push), found before anything
 * was written by checkPushPermission. The message names the registry, the repository, the answer and
 * the way out; it never holds a secret.
 */
class RegistryPermissionError extends RegistryError {
    registry;
    repository;
    constructor(message, status, codes, registry, repository) {
        super(message, status, codes);
        this.name = 'RegistryPermissionError';
        this.registry = registry;
        this.repository = repository;
    }
}
/**
 * The registry refused a manifest PUT because the tag exists and the repository's tags are immutable.
 * Not a credentials problem: the message quotes the registry and names the setting to change, or
 * promoting without moving the alias.
 */
class TagImmutableError extends RegistryError {
    registry;
    repository;
    tag;
    registryKind;
    constructor(message, status, codes, fields) {
        super(message, status, codes);
        this.name = 'TagImmutableError';
        this.registry = fields.registry;
        this.repository = fields.repository;
        this.tag = fields.tag;
        this.registryKind = fields.registryKind;
    }
}
/** The error codes of distribution-spec ("Error Codes"), whose `detail` is data (a name, a digest, the access asked for). */
const SPEC_ERROR_CODES = new Set([
    'BLOB_UNKNOWN',
    'BLOB_UPLOAD_INVALID',
    'BLOB_UPLOAD_UNKNOWN',
    'DIGEST_INVALID',
    'MANIFEST_BLOB_UNKNOWN',
    'MANIFEST_INVALID',
    'MANIFEST_UNKNOWN',
    'NAME_INVALID',
    'NAME_UNKNOWN',
    'SIZE_INVALID',
    'UNAUTHORIZED',
    'DENIED',
    'UNSUPPORTED',
    'TOOMANYREQUESTS',
]);
/**
 * An error's `detail` as text: a string as it is; for a registry's own codes, an object or array
 * as compact JSON, since that is where such a registry puts its reason (Quay's errors carry
 * `detail` as given, `{}` when none: `V2RegistryException.as_dict` in quay/quay
 * endpoints/v2/errors.py). The spec's codes keep to their string details, as before.
 */
function detailText(code, detail) {
    if (typeof detail === 'string')
        return detail;
    if (typeof detail === 'number' || typeof detail === 'boolean')
        return String(detail);
    if (detail === null || typeof detail !== 'object' || SPEC_ERROR_CODES.has(code))
        return '';
    if (!Array.isArray(detail) && Object.keys(detail).length === 0)
        return '';
    if (Array.isArray(detail) && detail.length === 0)
        return '';
    return JSON.stringify(detail);
}
/**
 * The registry's `{"errors":[{code,message,detail}]}` body as "CODE message: detail, detail; …".
 * Entries with the same code and message are merged: distribution reports MANIFEST_BLOB_UNKNOWN
 * once per missing child, with its digest as the detail.
 */
function describeErrorBody(body) {
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
            const groups = new Map();
            const codes = [];
            for (const e of parsed.errors) {
                const code = typeof e.code === 'string' ? e.code : '';
                if (code !== '' && !codes.includes(code))
                    codes.push(code);
                const head = [code, typeof e.message === 'string' ? e.message : ''].filter((s) => s !== '').join(' ');
                const details = groups.get(head) ?? [];
                const detail = detailText(code, e.detail);
                if (detail !== '' && detail.length <= 200 && !details.includes(detail))
                    details.push(detail);
                groups.set(head, details);
            }
            const text = [...groups]
                .filter(([head]) => head !== '')
                .map(([head, details]) => (details.length ? `${head}: ${details.join(', ')}` : head))
                .join('; ');
            return { codes, text };
        }
        const single = parsed;
        const text = [single.error, single.details ?? single.message]
            .filter((s) => typeof s === 'string')
            .join(': ');
        return { codes: [], text };
    }
    catch {
        const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
        return { codes: [], text: /^</.test(text) ? '' : text.slice(0, 200) };
    }
}
function authHint(ctx, status) {
    const creds = ctx.credentials;
    if (status === 401) {
        switch (creds.source) {
            case 'anonymous':
                return `no credentials for ${ctx.registry}: pass username and password, log in with docker login${ctx.registry === 'ghcr.io' ? ', or set GITHUB_TOKEN' : ''}`;
            case 'input':
                return 'check username/password';
            case 'docker-config':
                return `check the credentials for ${ctx.registry} in the Docker config (docker login again)`;
            case 'credential-helper':
                return `check the credentials the Docker credential helper gives for ${ctx.registry} (docker login again)`;
            case 'registry-token':
                return 'check the registry token (the registry-token input, or REGISTRY_TOKEN)';
            case 'github-token':
                return 'check GITHUB_TOKEN';
        }
    }
    if (ctx.registry === 'ghcr.io') {
        return 'the credentials lack permission: the job needs `permissions: packages: write` and the package must grant this repository access under "Manage Actions access"';
    }
    return `the credentials${creds.username ? ` of user ${creds.username}` : ''} lack permission for this repository`;
}
function permissionDenied(ctx, what, reply, repository) {
    const { codes, text } = describeErrorBody(reply.body);
    const answer = `${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}`;
    const image = `${ctx.registry}/${repository}`;
    let wayOut;
    if (ctx.registry === 'ghcr.io') {
        // GHCR grants the token and refuses the write: the job's token scope and the package's own
        // access list are both needed (https://docs.github.com/en/packages/learn-github-packages/configuring-a-packages-access-control-and-visibility,
        // https://github.com/docker/build-push-action/issues/463).
        wayOut = `the job needs \`permissions: packages: write\`, and the package ${repository} must grant this repository write access under "Manage Actions access" in the package settings (or use a token of an account that can write the package)`;
    }
    else if (reply.status === 401 && ctx.credentials.source === 'anonymous') {
        wayOut = authHint(ctx, 401);
    }
    else {
        wayOut = `use credentials with push rights to ${image}${ctx.credentials.username ? ` (user ${ctx.credentials.username} has none)` : ''}`;
    }
    return new RegistryPermissionError(ctx.redact(`${what}: ${ctx.registry} refused to start an upload to ${repository}: ${answer} — ${wayOut}.`), reply.status, codes, ctx.registry, repository);
}
/**
 * A manifest PUT refused because the tag exists in a repository whose tags are immutable, told
 * apart from a refusal of the credentials. Each registry answers in its own way:
 * - ECR: 400 `TAG_INVALID` "The image tag '<tag>' already exists in the '<repo>' repository and
 *   cannot be overwritten because the repository is immutable."
 *   (https://github.com/aws/containers-roadmap/issues/862);
 * - Harbor: 412 `PRECONDITION` "Failed to process request due to '<repo>:<tag>' configured as
 *   immutable." (https://github.com/goharbor/harbor/blob/main/src/server/middleware/immutable/pushmf.go,
 *   error.go beside it);
 * - Docker Hub: 403 on a repository with immutable tags
 *   (https://github.com/docker/hub-feedback/issues/2466,
 *   https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/);
 * - Quay: "tag is immutable and cannot be overwritten" (https://issues.redhat.com/browse/PROJQUAY-10859).
 * All of them say "immutable"; a 401 or a DENIED without that word stays a credentials problem.
 */
function immutableTag(ctx, what, reply, repository, tag) {
    if (![400, 403, 405, 409, 412].includes(reply.status))
        return undefined;
    const { codes, text } = describeErrorBody(reply.body);
    if (!/immutable/i.test(text) && !codes.includes('TAG_IMMUTABLE'))
        return undefined;
    const kind = immutableRegistryKind(ctx.registry, reply.status, codes);
    const ways = {
        ecr: `set the ECR repository's tag mutability to IMMUTABLE_WITH_EXCLUSION with the moving aliases (such as ${tag}) as exclusion filters (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)`,
        harbor: `exclude ${tag} from the project's tag immutability rule in Harbor (https://goharbor.io/docs/main/working-with-projects/working-with-images/create-tag-immutability-rules/)`,
        dockerhub: `make only specific tags immutable in the Docker Hub repository's settings (Settings > General > Tag mutability settings), leaving ${tag} out (https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/)`,
        unknown: `exclude ${tag} from the registry's tag immutability setting for ${repository}`,
    };
    return new TagImmutableError(ctx.redact(`${what}: the registry refuses to move tag ${tag}: ${reply.status} ${text} — the repository's tags are immutable; ${ways[kind]}, or promote without moving the alias (move-alias: false, or --no-move-alias).`), reply.status, codes, { registry: ctx.registry, repository, tag, registryKind: kind });
}
/** The registry's product by its host, else by the shape of its answer (see immutableTag). */
function immutableRegistryKind(registry, status, codes) {
    const host = (0,tagging_image/* registryApiHost */.Mb)(registry);
    if (/\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || host === 'public.ecr.aws')
        return 'ecr';
    if (['docker.io', 'registry-1.docker.io', 'index.docker.io'].includes(host) || registry === 'docker.io')
        return 'dockerhub';
    if (codes.includes('TAG_INVALID'))
        return 'ecr';
    if (status === 412 || codes.includes('PRECONDITION'))
        return 'harbor';
    return 'unknown';
}
function failure(ctx, what, reply) {
    const { codes, text } = describeErrorBody(reply.body);
    const hints = [];
    if (reply.status === 401)
        hints.push(authHint(ctx, 401));
    else if (reply.status === 403 || codes.includes('DENIED'))
        hints.push(authHint(ctx, 403));
    else if (codes.includes('MANIFEST_BLOB_UNKNOWN')) {
        hints.push('the repository lacks a blob or child manifest this manifest references; copy them into the repository first');
    }
    else if (reply.status === 413 && reply.url.pathname.includes('/manifests/'))
        hints.push('the manifest is larger than the registry accepts');
    if ((0,retry/* isRetriedStatus */.Mq)(reply.status))
        hints.push(`gave up after ${ctx.retries + 1} attempts`);
    const detail = text || reply.statusText;
    return new RegistryError(ctx.redact(`${what}: ${reply.status}${detail ? ` ${detail}` : ''}${hints.length ? ` — ${hints.join('; ')}` : ''}`), reply.status, codes);
}

;// CONCATENATED MODULE: ./packages/registry/authenticator.ts


class Authenticator {
    o;
    challenge;
    tokens = new Map();
    tokenFlights = new Map();
    /** realms that answered the OAuth2 POST 404: later token fetches go straight to the GET */
    realmsWithoutOAuth = new Set();
    /** the first request of a client with credentials, while it meets the registry's auth challenge */
    handshake;
    handshakeDone = false;
    constructor(o) {
        this.o = o;
    }
    /** True while credentials are held but the registry's challenge has not been met yet. */
    get pending() {
        return this.challenge === undefined && this.o.credentials.source !== 'anonymous';
    }
    /**
     * Sends with the credentials the registry asks for. The first request of a client with credentials
     * goes alone and the others sent meanwhile wait for it, so one challenge and one token fetch serve
     * them all (as go-containerregistry's transport pings once before the first request); callers
     * send their requests together without knowing whether the handshake happened.
     */
    async send(request, transfer) {
        if (!this.handshakeDone && this.pending && !this.o.credentials.registryToken) {
            if (this.handshake) {
                await this.handshake.catch(() => undefined);
            }
            else {
                const first = this.sendAuthenticated(request, transfer);
                this.handshake = first;
                try {
                    return await first;
                }
                finally {
                    this.handshakeDone = true;
                }
            }
        }
        return this.sendAuthenticated(request, transfer);
    }
    /** One retry after a 401, with a fresh token or Basic credentials. */
    async sendAuthenticated(request, transfer) {
        let reply;
        let extraScope;
        for (let round = 0; round < 2; round++) {
            const authorization = await this.authorization(request, round > 0, extraScope);
            if (round > 0 && authorization === undefined)
                return reply;
            reply = await transfer(authorization);
            if (reply.status !== 401 || round > 0)
                return reply;
            const challenges = parseWwwAuthenticate(reply.headers.get('www-authenticate') ?? '');
            const chosen = challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic');
            if (!chosen)
                return reply;
            this.challenge = chosen;
            const challengeScope = chosen.params.scope;
            extraScope =
                challengeScope &&
                    !challengeScope.split(' ').every((s) => request.scope.split(' ').some((mine) => scopeCovers(mine, s)))
                    ? challengeScope
                    : undefined;
        }
        return reply;
    }
    async authorization(request, fresh, extraScope) {
        const creds = this.o.credentials;
        // A registry token is a bearer token for this registry: no exchange (docker/cli authconfig.go).
        if (creds.registryToken)
            return fresh ? undefined : `Bearer ${creds.registryToken}`;
        const challenge = this.challenge;
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            if (creds.username && creds.password)
                return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
            return undefined;
        }
        const realm = challenge.params.realm;
        const service = challenge.params.service ?? '';
        const key = `${realm}\n${service}`;
        const scopes = [...request.scope.split(' '), ...(extraScope ? extraScope.split(' ') : [])];
        const cached = this.tokens.get(key) ?? [];
        const now = Date.now();
        if (!fresh) {
            const hit = cached.find((t) => t.expiresAt > now && scopes.every((s) => t.scopes.some((held) => scopeCovers(held, s))));
            if (hit)
                return `Bearer ${hit.token}`;
        }
        // Parallel requests (a retag's PUTs) with a cold cache share one token fetch.
        const flightKey = `${key}\n${scopes.join(' ')}`;
        let flight = this.tokenFlights.get(flightKey);
        if (!flight) {
            flight = this.fetchToken(request.what, realm, service, scopes).then((token) => {
                // Leave a margin so a token does not expire between the cache lookup and the registry's check.
                const entry = {
                    scopes,
                    token: token.token,
                    expiresAt: Date.now() + token.expiresInSeconds * 1000 - 5000,
                };
                const kept = (this.tokens.get(key) ?? []).filter((t) => t.expiresAt > Date.now() && !scopes.every((s) => t.scopes.includes(s)));
                this.tokens.set(key, [entry, ...kept]);
                return token.token;
            });
            this.tokenFlights.set(flightKey, flight);
            const clear = () => this.tokenFlights.delete(flightKey);
            flight.then(clear, clear);
        }
        return `Bearer ${await flight}`;
    }
    async fetchToken(what, realm, service, scopes) {
        const { credentials: creds, errors, logger } = this.o;
        const sendsCredentials = !!creds.identityToken || !!(creds.username && creds.password);
        if (sendsCredentials) {
            const problem = realmProblem(realm, this.o.baseUrl, this.o.insecure);
            if (problem) {
                throw new RegistryError(`${what}: refusing to send credentials to the token realm ${realm} named by ${errors.registry}: ${problem}`, 401, []);
            }
        }
        let url;
        try {
            url = new URL(realm);
        }
        catch {
            throw new RegistryError(`${what}: the registry names a token realm that is not a URL: ${realm}`, 401, []);
        }
        const realmShown = `${url.origin}${url.pathname}`;
        // An identity token is an OAuth2 refresh token (distribution docs/spec/auth/oauth.md): POST it,
        // and on a realm without OAuth2 (404) GET with Basic instead, as GGCR bearer.go Refresh does.
        const oauth = !!creds.identityToken && !this.realmsWithoutOAuth.has(realm);
        const ask = (kind) => {
            const request = tokenRequest(kind, creds, url, service, scopes);
            return this.o.tokenExchange(request.url, request.init, `${what}: requesting a token from ${realmShown}`);
        };
        let reply = await ask(oauth ? 'oauth' : 'basic');
        if (oauth && oauthUnsupported(reply.status)) {
            logger.debug(`${what}: ${realmShown} answered the OAuth2 POST ${reply.status}; asking with GET and Basic`);
            this.realmsWithoutOAuth.add(realm);
            reply = await ask('basic');
        }
        if (reply.status !== 200) {
            const { codes, text } = describeErrorBody(reply.body);
            const hint = reply.status === 401 || reply.status === 403 ? authHint(errors, reply.status) : '';
            throw new RegistryError(errors.redact(`${what}: the token server ${realmShown} answered ${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}${hint ? ` — ${hint}` : ''}`), reply.status, codes);
        }
        let parsed;
        try {
            parsed = JSON.parse(reply.body.toString('utf8'));
        }
        catch {
            parsed = undefined;
        }
        const token = parseTokenResponse(parsed);
        if (!token)
            throw new RegistryError(`${what}: the token server ${realmShown} answered without a token`, reply.status, []);
        this.o.addSecret(token.token);
        if (token.refreshToken)
            this.o.addSecret(token.refreshToken);
        logger.debug(`${what}: token for ${scopes.join(' ')} from ${realmShown}, valid ${token.expiresInSeconds} s`);
        return token;
    }
}

;// CONCATENATED MODULE: ./packages/registry/exchange.ts




const MAX_REDIRECTS = 10;
/** The body stopped before its end: a fault to retry, never data. */
class BodyDropped extends Error {
    /** set when the body stopped because the registry went quiet for idleTimeoutMs */
    timeout;
}
class BodyTooLarge extends Error {
}
/**
 * Sends `init` to `start` and returns the answer with its body read. Retried as one attempt, from
 * the first URL again: a 408, 429 or 5xx (after `Retry-After` when the registry names one, up to
 * the policy's cap), a dropped connection, a timeout, and a body cut short. The last answer is
 * returned when the retries are spent; a connection that kept failing throws.
 */
async function exchange(start, init, what, opts) {
    const { policy, budget } = opts;
    return (0,retry/* retry */.L5)(async () => {
        if (budget?.signal.aborted)
            throw budgetError(what, budget.ms);
        return follow(start, init, what, opts);
    }, {
        what,
        policy,
        logger: opts.logger,
        ...(budget ? { deadline: budget.deadline } : {}),
        decide: (outcome, attempt) => {
            if (outcome.ok) {
                if (!(0,retry/* isRetriedStatus */.Mq)(outcome.value.status))
                    return undefined;
                const delay = (0,retry/* backoffDelay */.EY)(attempt, policy);
                const asked = (0,retry/* parseRetryAfter */.mu)(outcome.value.headers.get('retry-after'));
                return { delayMs: asked === undefined ? delay : Math.min(Math.max(asked, delay), policy.maxRetryAfterMs) };
            }
            const err = outcome.error;
            if (err instanceof BodyTooLarge || isFinalFault(err))
                return undefined;
            if (timeoutOf(err)?.timeout === 'budget' || budget?.signal.aborted)
                return undefined;
            return { delayMs: (0,retry/* backoffDelay */.EY)(attempt, policy) };
        },
        describe: (outcome) => (outcome.ok ? `HTTP ${outcome.value.status}` : opts.redact(describeFault(outcome.error))),
        giveUp: (outcome, attempt, why) => {
            if (why === 'deadline') {
                const last = outcome.ok ? `HTTP ${outcome.value.status}` : describeFault(outcome.error);
                throw budgetError(what, budget.ms, opts.redact(last));
            }
            if (outcome.ok) {
                opts.logger.debug(`${what}: HTTP ${outcome.value.status} after ${attempt + 1} attempts`);
                return outcome.value;
            }
            const message = opts.redact(`${what} failed after ${attempt + 1} attempts: ${describeFault(outcome.error)}`);
            const timeout = timeoutBehind(outcome.error);
            throw timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
        },
    }).catch((err) => {
        throw settled(err, what, opts);
    });
}
/**
 * An error leaving the exchange: its secrets removed, its kind kept (a timeout stays a
 * RequestTimeoutError, an over-long answer a RegistryError, a spent budget says so).
 */
function settled(err, what, opts) {
    if (err instanceof BodyTooLarge)
        return new RegistryError(opts.redact(`${what}: ${err.message}`), 200, []);
    const timeout = timeoutBehind(err);
    if (opts.budget && (timeout?.timeout === 'budget' || opts.budget.signal.aborted)) {
        return timeout?.timeout === 'budget' && err === timeout
            ? new RequestTimeoutError(opts.redact(timeout.message), 'budget', timeout.ms)
            : budgetError(what, opts.budget.ms);
    }
    const text = err instanceof Error ? err.message : String(err);
    // Messages written here already start with `what`; a fault from below gets it in front.
    const message = opts.redact(text.startsWith(what) ? text : `${what} failed: ${describeFault(err)}`);
    return timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
}
/** The timeout behind a fault: the error itself, its cause, or the pause that cut a body short. */
function timeoutBehind(err) {
    return err instanceof BodyDropped ? err.timeout : timeoutOf(err);
}
/**
 * Follows redirects by hand: Authorization goes only to the origin it was meant for (the
 * registry, or the realm for a token request), never to blob storage on another host, as
 * go-containerregistry's transport and containers/image drop it on a redirect to another host.
 */
async function follow(start, init, what, opts) {
    const credentialOrigin = start.origin;
    let url = start;
    let method = init.method ?? 'GET';
    let body = init.body;
    // Plain lower-cased records, not Headers: the Headers class alone loads undici (see transport.ts).
    const baseHeaders = {};
    for (const [k, v] of Object.entries((init.headers ?? {})))
        baseHeaders[k.toLowerCase()] = v;
    for (let hop = 0;; hop++) {
        const headers = { ...baseHeaders };
        if (url.origin !== credentialOrigin)
            delete headers.authorization;
        opts.onRequest?.();
        const response = await opts.fetchImpl(url, {
            method,
            headers,
            redirect: 'manual',
            ...(body !== undefined ? { body } : {}),
            ...(opts.budget ? { signal: opts.budget.signal } : {}),
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
            await response.body?.cancel().catch(() => undefined);
            if (body instanceof external_node_stream_.Readable) {
                // A streamed body is spent: the caller starts again (a blob copy retries as a whole).
                throw new Error(`${what}: the registry redirected a streamed upload (HTTP ${response.status})`);
            }
            if (hop >= MAX_REDIRECTS)
                throw finalFault(new Error(`${what}: more than ${MAX_REDIRECTS} redirects`));
            url = new URL(location, url);
            if (response.status === 303 ||
                ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')) {
                method = 'GET';
                body = undefined;
            }
            continue;
        }
        if (opts.stream && method === 'GET' && response.status >= 200 && response.status < 300) {
            return {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
                body: Buffer.alloc(0),
                url,
                stream: bodyStream(response),
            };
        }
        const bytes = method === 'HEAD' ? await finishHead(response) : await readBody(response, what, opts);
        return { status: response.status, statusText: response.statusText, headers: response.headers, body: bytes, url };
    }
}
/**
 * A HEAD answer has no body, but its end must still be read: until it is, node:http keeps the
 * keep-alive socket tied to the answer, so the next request opens another connection and an idle
 * one holds the process open (a registry that never closes idle connections, as distribution,
 * kept a library user's process alive after its last request).
 */
async function finishHead(response) {
    const reader = response.body?.getReader();
    if (!reader)
        return Buffer.alloc(0);
    try {
        for (let read = 0; read < 64 * 1024;) {
            const { done, value } = await reader.read();
            if (done)
                return Buffer.alloc(0);
            read += value.byteLength;
        }
    }
    catch {
        return Buffer.alloc(0);
    }
    // A body on a HEAD answer is a broken server: stop reading it.
    await reader.cancel().catch(() => undefined);
    return Buffer.alloc(0);
}
async function readBody(response, what, opts) {
    const { maxBytes, budget } = opts;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new BodyTooLarge(`the response is ${declared} bytes, more than the ${maxBytes} accepted`);
    }
    if (!response.body)
        return Buffer.alloc(0);
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    try {
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            total += value.byteLength;
            if (total > maxBytes) {
                await reader.cancel().catch(() => undefined);
                throw new BodyTooLarge(`the response is more than the ${maxBytes} bytes accepted`);
            }
            chunks.push(Buffer.from(value));
        }
    }
    catch (err) {
        if (err instanceof BodyTooLarge)
            throw err;
        const timeout = timeoutOf(err);
        if (timeout?.timeout === 'budget' || budget?.signal.aborted)
            throw budgetError(what, budget?.ms ?? 0);
        if (timeout) {
            const dropped = new BodyDropped(`the response stopped half-way: ${timeout.message}`);
            dropped.timeout = timeout;
            throw dropped;
        }
        const cause = err.cause;
        throw new BodyDropped(`the connection dropped while reading the response (${err.message}${cause ? `: ${cause.message}` : ''})`);
    }
    return Buffer.concat(chunks, total);
}
/** A response body as a node:stream Readable: the transport's own stream when it has one, else read through its reader. */
function bodyStream(response) {
    const own = response.nodeStream;
    if (own)
        return own;
    const body = response.body;
    if (!body)
        return external_node_stream_.Readable.from([]);
    const reader = body.getReader();
    return external_node_stream_.Readable.from((async function* () {
        try {
            for (;;) {
                const { done, value } = await reader.read();
                if (done)
                    return;
                yield Buffer.from(value);
            }
        }
        finally {
            await reader.cancel().catch(() => undefined);
        }
    })());
}

// EXTERNAL MODULE: ./packages/common/patterns.ts
var patterns = __webpack_require__(1251);
;// CONCATENATED MODULE: ./packages/registry/media-types.ts
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
/**
 * Every type a retag must copy, all sent in `Accept`: an incomplete list makes registries answer
 * 404 or downgrade to schema 1 (Azure/acr #764, NotGlop/docker-drag #41, cue-labs/oci #22).
 */
const MANIFEST_MEDIA_TYPES = [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST];
/** Schema 1 is signed over its JSON form and cannot be copied byte for byte into a modern registry. */
const SCHEMA1_MEDIA_TYPES = [
    'application/vnd.docker.distribution.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v1+prettyjws',
];
function isIndexMediaType(mediaType) {
    return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}
function isImageManifestMediaType(mediaType) {
    return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}
/** `Content-Type` without parameters; registries SHOULD NOT add them and clients SHOULD ignore them (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L162). */
function baseMediaType(contentType) {
    if (!contentType)
        return undefined;
    const base = contentType.split(';')[0].trim().toLowerCase();
    return base === '' ? undefined : base;
}

;// CONCATENATED MODULE: ./packages/registry/manifest.ts




/**
 * Manifests are JSON documents of a few KiB; GGCR caps them at 100 MiB (`fetcher.go` L40) so a
 * broken or hostile registry cannot stream unbounded data into memory. Blobs read here are image
 * configs, held in memory too, so the same cap applies.
 */
const MAX_MANIFEST_BYTES = 100 * 1024 * 1024;
const ATTESTATION_REFERENCE_TYPE = 'attestation-manifest';
function digestOf(bytes, algorithm = 'sha256') {
    return `${algorithm}:${(0,external_node_crypto_.createHash)(algorithm).update(bytes).digest('hex')}`;
}
function isDigest(reference) {
    return patterns/* DIGEST_REFERENCE */.H0.test(reference);
}
/**
 * A `Docker-Content-Digest` header as a digest, or undefined when it holds none. Huawei's SWR (and
 * others) send the bare hex without `sha256:` (https://github.com/GoogleContainerTools/kaniko/issues/298);
 * a bare 64-hex value is a sha256 by its length and gets the prefix. Anything else that is not a
 * sha256 or sha512 digest is unusable and ignored: the manifest's bytes decide its digest, as
 * go-containerregistry does since that issue (pkg/v1/remote/fetcher.go, "so many registries
 * implement this incorrectly that it's not worth checking"). A well-formed digest that differs
 * from the bytes is still an error.
 */
function reportedDigest(header) {
    const value = header?.trim().toLowerCase();
    if (!value)
        return undefined;
    if (patterns/* SHA256_HEX */.Y5.test(value))
        return `sha256:${value}`;
    if (patterns/* DIGEST */.Dh.test(value))
        return value;
    return undefined;
}
/** The digest of `bytes` computed with the algorithm `expected` names, for comparing the two. */
function digestLike(expected, bytes) {
    const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
    return digestOf(bytes, algorithm);
}
/**
 * The manifest in a registry's answer, checked: not schema 1, JSON, a media type we copy (from
 * Content-Type, else the body's own, else its shape), and its bytes matching the digest asked for
 * and the digest the registry reports.
 */
function checkManifest(what, reply, reference) {
    const bytes = reply.body;
    const contentType = baseMediaType(reply.headers.get('content-type'));
    if (contentType && SCHEMA1_MEDIA_TYPES.includes(contentType))
        throw schema1Error(what);
    let body;
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new Error('not an object');
        body = parsed;
    }
    catch {
        throw new RegistryError(`${what}: the registry answered with a body that is not a JSON manifest`, reply.status, []);
    }
    if (body.schemaVersion === 1)
        throw schema1Error(what);
    const bodyType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
    let mediaType;
    if (contentType && MANIFEST_MEDIA_TYPES.includes(contentType)) {
        // spec.md L162-168: reject a body whose mediaType disagrees with Content-Type.
        if (bodyType !== undefined && bodyType !== contentType) {
            throw new RegistryError(`${what}: Content-Type is ${contentType} but the manifest says mediaType ${bodyType}`, reply.status, []);
        }
        mediaType = contentType;
    }
    else if (bodyType !== undefined) {
        mediaType = bodyType;
    }
    else if (contentType === undefined ||
        contentType === 'application/json' ||
        contentType === 'application/octet-stream') {
        // OCI allows omitting mediaType; the shape tells an index from an image manifest.
        mediaType = Array.isArray(body.manifests) ? OCI_INDEX : typeof body.config === 'object' ? OCI_MANIFEST : undefined;
    }
    else {
        mediaType = contentType;
    }
    if (!mediaType || !MANIFEST_MEDIA_TYPES.includes(mediaType)) {
        throw new RegistryError(`${what}: unsupported manifest media type ${mediaType ?? '(none)'}; supported: ${MANIFEST_MEDIA_TYPES.join(', ')}`, reply.status, []);
    }
    const digest = digestOf(bytes);
    if (isDigest(reference)) {
        const actual = digestLike(reference, bytes);
        if (actual !== reference)
            throw new RegistryError(`${what}: the bytes received have digest ${actual}`, reply.status, []);
    }
    const reported = reportedDigest(reply.headers.get('docker-content-digest'));
    if (reported && digestLike(reported, bytes) !== reported) {
        throw new RegistryError(`${what}: the registry reports digest ${reported} but the bytes received have digest ${digestLike(reported, bytes)}`, reply.status, []);
    }
    return { bytes, mediaType, digest: isDigest(reference) ? reference : digest };
}
/** The `mediaType` a manifest's bytes declare, if any. */
function bodyMediaType(bytes) {
    try {
        const parsed = JSON.parse(bytes.toString('utf8'));
        return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
    }
    catch {
        return undefined;
    }
}
function schema1Error(what) {
    return new RegistryError(`${what}: the registry answered with a Docker schema 1 manifest, which cannot be copied byte for byte; push the image again with a current Docker or buildx (schema 2 or OCI)`, 200, ['UNSUPPORTED']);
}
/**
 * The `org.opencontainers.image.revision` label of the image's config: of the manifest itself, or
 * of the first platform manifest of an index. BuildKit puts attestation manifests (platform
 * `unknown/unknown`, `vnd.docker.reference.type: attestation-manifest`) in the index; they have
 * no such label and are skipped.
 */
async function imageRevisionLabel(client, repository, manifest) {
    let current = manifest;
    for (let depth = 0; depth < 3 && isIndexMediaType(current.mediaType); depth++) {
        const index = JSON.parse(current.bytes.toString('utf8'));
        const child = (index.manifests ?? []).find((d) => typeof d.digest === 'string' &&
            d.annotations?.['vnd.docker.reference.type'] !== ATTESTATION_REFERENCE_TYPE &&
            !(d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown'));
        if (!child)
            return undefined;
        current = await client.getManifest(repository, child.digest);
    }
    if (!isImageManifestMediaType(current.mediaType))
        return undefined;
    const image = JSON.parse(current.bytes.toString('utf8'));
    const configDigest = image.config?.digest;
    if (typeof configDigest !== 'string')
        return undefined;
    const config = JSON.parse((await client.getBlob(repository, configDigest)).toString('utf8'));
    const revision = config.config?.Labels?.['org.opencontainers.image.revision'];
    return typeof revision === 'string' && revision !== '' ? revision : undefined;
}

// EXTERNAL MODULE: ./packages/common/link.ts
var common_link = __webpack_require__(4364);
;// CONCATENATED MODULE: ./packages/registry/tag-list.ts



/*
 * Listing a repository's tags page by page (distribution-spec "Listing Tags",
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags), with what
 * registries do to the pagination in practice: a Link to another origin, Artifactory's Link
 * without the repository key, Quay's page-size limit, Nexus's nulls among the tags.
 */
const MAX_TAG_PAGES = 10000;
/**
 * Every tag of `repository`, following `Link: <…>; rel="next"` until it is absent
 * (spec.md "Listing Tags"); a repository that does not exist lists no tags, or is an error when
 * `absent` says so.
 */
async function listAllTags(repository, what, pageSize, absent, ctx) {
    let url = new URL(`/v2/${repository}/tags/list?n=${pageSize}`, ctx.baseUrl);
    const seen = new Set();
    const tags = [];
    const notes = { crossOrigin: false, pageShrunk: false };
    for (let page = 0; url; page++) {
        if (seen.has(url.href) || page >= MAX_TAG_PAGES) {
            throw new RegistryError(`${what}: the registry's pagination loops (page ${page + 1} is ${url.pathname}${url.search} again)`, 200, []);
        }
        seen.add(url.href);
        const reply = await ctx.get(url);
        if (reply.status === 404) {
            const { codes } = describeErrorBody(reply.body);
            if (page === 0 && (codes.length === 0 || codes.includes('NAME_UNKNOWN'))) {
                if (absent === 'empty')
                    return [];
                throw new RegistryError(`${what}: the registry has no repository ${repository} (404${codes.length ? ` ${codes.join(', ')}` : ''}); check the image name`, 404, codes);
            }
        }
        const smaller = reply.status === 413 && !notes.pageShrunk ? smallerTagPage(url, reply) : undefined;
        if (smaller) {
            notes.pageShrunk = true;
            const { text } = describeErrorBody(reply.body);
            ctx.logger.debug(ctx.errors.redact(`${what}: the registry refused n=${url.searchParams.get('n')}: ${reply.status}${text ? ` ${text}` : ''}; asking for n=${smaller.searchParams.get('n')}`));
            url = smaller;
            page--;
            continue;
        }
        if (reply.status !== 200)
            throw failure(ctx.errors, what, reply);
        let parsed;
        try {
            parsed = JSON.parse(reply.body.toString('utf8'));
        }
        catch {
            throw new RegistryError(`${what}: page ${page + 1} is not JSON`, reply.status, []);
        }
        // distribution answers `"tags": null` for a repository whose tags were all deleted
        if (parsed.tags !== null && parsed.tags !== undefined) {
            if (!Array.isArray(parsed.tags)) {
                throw new RegistryError(`${what}: page ${page + 1} has no "tags" array`, reply.status, []);
            }
            // Sonatype Nexus 3.58 puts JSON nulls among the tags (https://github.com/containers/skopeo/issues/2409),
            // and versions of Artifactory put digests there (https://github.com/containers/skopeo/issues/2346);
            // containers/image skips both (GetRepositoryTags in docker/docker_image.go), and so does
            // this with anything else that is no tag name by the spec's grammar.
            const kept = parsed.tags.filter((t) => typeof t === 'string' && patterns/* TAG */.Dk.test(t));
            if (kept.length < parsed.tags.length) {
                ctx.logger.debug(`${what}: page ${page + 1} has ${parsed.tags.length - kept.length} entries that are no tag (null, not a string, or not a tag name such as a digest); skipped`);
            }
            tags.push(...kept);
        }
        url = nextTagPage(what, url, reply, ctx, notes);
    }
    return tags;
}
/**
 * The same page with a smaller `n`, after a 413: Quay answered `n` above its page size (100
 * unless V2_PAGINATION_SIZE raises it) with 413 TOO_MANY_TAGS_REQUESTED "requested limit 1000 is
 * too high, max is 100" (quay/quay#2884 `oci_tag_paginate` in endpoints/v2/__init__.py; on
 * quay.io in June 2024, google/go-containerregistry#1963, akuity/kargo#2186; removed again by
 * quay/quay#2964). The size the answer names is asked for, else 100, the size every Quay serves;
 * once per listing, the next pages' Links carry it on.
 */
function smallerTagPage(url, reply) {
    const asked = Number(url.searchParams.get('n'));
    if (!Number.isInteger(asked))
        return undefined;
    const named = /\bmax(?:imum)?\b\D{0,8}?(\d+)/i.exec(describeErrorBody(reply.body).text);
    const max = named ? Number(named[1]) : 0;
    const n = max > 0 && max < asked ? max : 100;
    if (asked <= n)
        return undefined;
    const smaller = new URL(url.href);
    smaller.searchParams.set('n', String(n));
    return smaller;
}
/**
 * The next tag page from the page's `Link: <…>; rel="next"` (RFC 8288, common/link.ts), resolved
 * against the page's URL and always read from the registry's own origin: a Link that names
 * another origin (scheme, host or port) keeps only its path and query, the way containers/image
 * (skopeo) does (`GetRepositoryTags` in docker/docker_image.go: "we only want the path (and I
 * guess we're in trouble if it forwards to a new place...)"). go-containerregistry refuses such a
 * link instead (`validatePaginationURL`, pkg/v1/remote/list.go, since #2332 "prevent SSRF"), and
 * renovate drops it (`resolvePaginationUrl`); keeping path and query lists every tag of the
 * registries that name their own public host behind a proxy, and no request, with or without
 * credentials, ever reaches a host the user did not name.
 */
function nextTagPage(what, current, reply, ctx, notes) {
    const target = (0,common_link/* findLink */.K)(reply.headers.get('link'), 'next');
    if (target === undefined)
        return undefined;
    let next;
    try {
        next = new URL(target, reply.url);
    }
    catch {
        throw new RegistryError(`${what}: the registry's next-page Link is not a URL`, 200, []);
    }
    if (reply.headers.has('x-jfrog-version') && next.pathname !== current.pathname) {
        // Artifactory's Link lacks the `/v2/<repo-key>` prefix (https://jfrog.atlassian.net/browse/RTFACT-18971:
        // `</team/app/tags/list?n=1000&last=x>` for /v2/docker-local/team/app/tags/list), a 404 to
        // follow. renovate re-applies the Link's `last` on the URL it asked for when X-JFrog-Version is
        // present (lib/modules/datasource/docker/index.ts, "Artifactory bug"); the whole query of the
        // Link (its `n` and `last`) goes on the path of this page here.
        ctx.logger.debug(`${what}: Artifactory's next-page Link ${next.pathname} lacks the repository path (RTFACT-18971); reading ${current.pathname}${next.search}`);
        return new URL(`${current.pathname}${next.search}`, ctx.baseUrl);
    }
    if (next.origin !== ctx.baseUrl.origin) {
        if (!notes.crossOrigin) {
            notes.crossOrigin = true;
            ctx.logger.warning(`${what}: the registry's next-page Link names another origin (${next.origin}); reading its path from ${ctx.baseUrl.origin} instead, so that nothing is sent to another host`);
        }
        next = new URL(`${next.pathname}${next.search}`, ctx.baseUrl);
    }
    return next;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ./packages/common/proxy.ts
var common_proxy = __webpack_require__(1822);
;// CONCATENATED MODULE: ./packages/registry/transport.ts




const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
/**
 * The registry client's default transport: the subset of fetch it uses, over node:http(s).
 *
 * Why not the global fetch: in a cold process the first fetch loads and compiles undici, which cost
 * ~90 ms per CLI call or action step against docker-registry here (a GET and exit: 135 ms with fetch,
 * 45 ms with node:http), more than the whole retag's round trips on a LAN. Redirects are never
 * followed (the client follows them itself so credentials stay with their origin); request bodies
 * are bytes or strings, as the client sends them.
 *
 * Every request has a connect timeout and an idle timeout: node:http has neither by default, so a
 * registry (or a proxy in front of it) that accepts a request and never answers would hold a
 * workflow until the job's own limit (6 hours on GitHub-hosted runners). GGCR bounds the same
 * phases with Go's dialer and transport timeouts (`pkg/v1/remote/transport/transport.go`
 * https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/transport/transport.go).
 * Both reject with a RequestTimeoutError as the `cause` of the fetch failure, which the retry
 * policy treats like a dropped connection; an idle timeout while the body streams errors the body.
 */
function createHttpTransport(opts = {}) {
    const connectMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    // Read once, as the runner reads them once: a malformed proxy URL fails here, before any request.
    const proxies = (0,common_proxy/* readProxySettings */.uv)(opts.env ?? process.env);
    const tunnels = new Map();
    return (input, init = {}) => {
        // No `instanceof Request`: touching the global loads undici.
        const url = new URL(typeof input === 'object' && 'url' in input ? input.url : String(input));
        const headers = plainHeaders(init.headers);
        const body = init.body;
        if (body !== undefined &&
            body !== null &&
            typeof body !== 'string' &&
            !(body instanceof Uint8Array) &&
            !isReadable(body)) {
            return Promise.reject(new TypeError('httpTransport: request bodies must be strings, bytes or a node:stream Readable'));
        }
        const proxy = (0,common_proxy/* proxyFor */.iJ)(url, proxies);
        if (!proxy)
            return exchange(url, headers, init, body, { direct: true });
        if (url.protocol === 'http:') {
            // A plain-http registry: the request itself goes to the proxy, its target in absolute form
            // (RFC 9112 §3.2.2), as curl and Go send it; the proxy sees it whole, Authorization included.
            const viaProxy = {
                ...headers,
                host: url.host,
                ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
            };
            return exchange(url, viaProxy, init, body, { direct: false, proxy });
        }
        // An https registry: a CONNECT tunnel, TLS to the registry inside it; the proxy sees the host
        // and port only, never a header of the request.
        const key = `${proxy.url.href} ${proxy.authorization ?? ''}`;
        let tunnel = tunnels.get(key);
        if (!tunnel) {
            tunnel = tunnelAgent(proxy, connectMs);
            tunnels.set(key, tunnel);
            tunnel.catch(() => tunnels.delete(key));
        }
        return tunnel.then((agent) => exchange(url, headers, init, body, { direct: false, proxy, agent }));
    };
    function exchange(url, headers, init, body, route) {
        const { proxy, agent } = route;
        const forward = proxy !== undefined && agent === undefined;
        const send = (forward ? proxy.url.protocol : url.protocol) === 'https:' ? (external_node_https_default()).request : (external_node_http_default()).request;
        const target = forward ? new URL(url.pathname + url.search, proxy.url) : url;
        const via = proxy ? ` through the proxy ${proxy.url.host} (${proxy.variable})` : '';
        const requestOptions = {
            method: init.method ?? 'GET',
            headers,
            ...(opts.lookup ? { lookup: opts.lookup } : {}),
            ...(agent ? { agent } : {}),
            ...(opts.ca && !forward ? { ca: opts.ca } : {}),
            ...(forward ? { path: url.href } : {}),
        };
        return new Promise((resolve, reject) => {
            let res;
            let connectTimer;
            const fail = (err) => {
                clearTimeout(connectTimer);
                // A keep-alive socket may outlive a finished exchange: nothing is left to fail then.
                if (res?.complete)
                    return;
                // Once the answer has begun, the error must reach its body stream, where the client reads.
                if (res)
                    res.destroy(err);
                // A tunnel still being opened has no socket to destroy yet: node:http would hold the error
                // until the agent hands one over (or gives up itself), so the answer fails here and now.
                else if (!req.socket)
                    reject(Object.assign(new TypeError(`fetch failed`), { cause: err }));
                req.destroy(err);
            };
            const req = send(target, requestOptions, (response) => {
                res = response;
                resolve(new HttpResponse(url, response));
            });
            const armConnectTimer = () => setTimeout(() => fail(new RequestTimeoutError(`no connection to ${url.host}${via} within ${connectMs} ms (connectTimeoutMs)`, 'connect', connectMs)), connectMs);
            // Through a tunnel, the socket arrives once the proxy has answered the CONNECT: the wait for
            // it (connecting to the proxy, the proxy connecting onwards) is the connection phase.
            if (agent)
                connectTimer = armConnectTimer();
            req.on('socket', (socket) => {
                if (agent) {
                    clearTimeout(connectTimer);
                    return;
                }
                if (!socket.connecting)
                    return;
                connectTimer = armConnectTimer();
                socket.once('connect', () => clearTimeout(connectTimer));
            });
            // Socket inactivity in either direction, from connection to the last byte of the body.
            req.setTimeout(idleMs, () => fail(new RequestTimeoutError(`${url.host}${via} sent nothing for ${idleMs} ms (idleTimeoutMs)${res ? ' while sending the response body' : ''}`, 'idle', idleMs)));
            req.on('error', (err) => {
                clearTimeout(connectTimer);
                reject(Object.assign(new TypeError(`fetch failed`), { cause: proxy ? proxyFault(err, proxy) : err }));
            });
            req.on('close', () => clearTimeout(connectTimer));
            if (init.signal) {
                const signal = init.signal;
                const abort = () => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
                if (signal.aborted)
                    abort();
                else {
                    signal.addEventListener('abort', abort, { once: true });
                    req.on('close', () => signal.removeEventListener('abort', abort));
                }
            }
            if (isReadable(body)) {
                // A streamed body (a blob copied from another registry): backpressure keeps memory bounded,
                // and a source that fails mid-way fails the request instead of sending a short body.
                body.on('error', (err) => fail(err));
                body.pipe(req);
            }
            else
                req.end(body ?? undefined);
        });
    }
}
function isReadable(body) {
    return typeof body === 'object' && body !== null && typeof body.pipe === 'function';
}
/**
 * An agent that opens CONNECT tunnels through the proxy (hpagent), loaded on first use: a run
 * without a proxy never loads it. Its `timeout` bounds the CONNECT exchange itself a little after
 * the transport's own connect timer, so a proxy that never answers does not keep a socket (and the
 * process) alive. Proxy-Authorization goes in the CONNECT request only.
 */
async function tunnelAgent(proxy, connectMs) {
    const { HttpsProxyAgent } = await __webpack_require__.e(/* import() */ 611).then(__webpack_require__.bind(__webpack_require__, 9611));
    return new HttpsProxyAgent({
        proxy: proxy.url,
        keepAlive: true,
        timeout: connectMs + 1000,
        ...(proxy.authorization
            ? { proxyRequestOptions: { headers: { 'proxy-authorization': proxy.authorization } } }
            : {}),
    });
}
/** hpagent's "Bad response: 407" as a sentence that names the proxy and the setting to check. */
function proxyFault(err, proxy) {
    const status = /^Bad response: (\d{3})$/.exec(err.message)?.[1];
    if (!status)
        return err;
    const hint = status === '407'
        ? proxy.authorization
            ? `: it refused the credentials in ${proxy.variable}`
            : `: it asks for credentials (${proxy.variable}=http://user:password@${proxy.url.host})`
        : '';
    const fault = new Error(`the proxy ${proxy.url.host} (${proxy.variable}) answered the CONNECT with HTTP ${status}${hint}`);
    // A 407 answers every retry alike: the credentials in the variable must change first.
    return status === '407' ? finalFault(fault) : fault;
}
let defaultTransport;
/** The transport with the default timeouts, and the proxy variables of process.env; made on first use. */
const httpTransport = (input, init) => (defaultTransport ??= createHttpTransport())(input, init);
function plainHeaders(h) {
    const out = {};
    if (!h)
        return out;
    if (Array.isArray(h))
        for (const [k, v] of h)
            out[k.toLowerCase()] = v;
    else if (typeof h.forEach === 'function' && !(h.constructor === Object)) {
        h.forEach((v, k) => (out[k.toLowerCase()] = v));
    }
    else
        for (const [k, v] of Object.entries(h))
            out[k.toLowerCase()] = v;
    return out;
}
/**
 * The parts of Response the client reads: status, statusText, headers.get/has, arrayBuffer, text,
 * and a body with `getReader()` (read, cancel) and `cancel()`, read straight from the node:http
 * stream. Not a web ReadableStream: `Readable.toWeb` loads Node's web streams, ~9 ms of every cold
 * CLI call measured here, for the two methods the client uses.
 */
class HttpResponse {
    status;
    statusText;
    ok;
    url;
    headers;
    body;
    /** the body as node:http delivers it, for a caller that streams it onwards (exchange.ts `stream`) */
    nodeStream;
    constructor(url, res) {
        this.nodeStream = res;
        this.status = res.statusCode ?? 0;
        this.statusText = res.statusMessage ?? '';
        this.ok = this.status >= 200 && this.status < 300;
        this.url = url.toString();
        const raw = res.headers;
        this.headers = {
            get: (name) => {
                const v = raw[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
            has: (name) => raw[name.toLowerCase()] !== undefined,
        };
        this.body = new NodeBody(res);
    }
    async arrayBuffer() {
        const chunks = [];
        const reader = this.body.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            chunks.push(value);
        }
        const buf = Buffer.concat(chunks);
        return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    }
    async text() {
        return Buffer.from(await this.arrayBuffer()).toString('utf8');
    }
}
/** A response body as the reader of a web stream reads it: chunks in order, then done; an error as a rejection. */
class NodeBody {
    res;
    chunks;
    constructor(res) {
        this.res = res;
    }
    getReader() {
        // Made on first read, so a body streamed onwards through nodeStream has no other reader.
        return {
            read: async () => {
                this.chunks ??= this.res[Symbol.asyncIterator]();
                const next = await this.chunks.next();
                return next.done ? { done: true, value: new Uint8Array(0) } : { done: false, value: next.value };
            },
            cancel: () => this.cancel(),
        };
    }
    async cancel() {
        this.res.destroy();
    }
}

;// CONCATENATED MODULE: ./packages/registry/client.ts

















/*
 * The registry client: the few operations the suite needs (read, check and push a manifest, list
 * tags, read a config blob, prove push rights) on top of the layers below it. Each layer is a
 * module: transport.ts (connections, proxies, timeouts), exchange.ts (redirects, body limits,
 * retries), authenticator.ts with auth.ts (challenges, tokens, the first-request handshake),
 * errors.ts (the registry's answers as errors with a way out), manifest.ts (what a manifest must
 * be to be copied byte for byte) and tag-list.ts (pagination as registries really do it).
 */


class RegistryClient {
    /** the registry as users write it (`docker.io`), for messages */
    registry;
    baseUrl;
    /** HTTP requests to the registry (every attempt and redirect hop); token fetches are in tokenRequestCount */
    requestCount = 0;
    tokenRequestCount = 0;
    credentials;
    logger;
    policy;
    fetchImpl;
    onSecret;
    access;
    budgetMs;
    auth;
    /** what error messages need of this client */
    errors;
    /**
     * The budget of the operation under way, found by every request it makes without threading it
     * through each private method: nested calls (headManifest falling back to getManifest) and the
     * token fetch a request waits for share it.
     */
    budgets = new external_node_async_hooks_.AsyncLocalStorage();
    secrets = new Set();
    /**
     * True while this client holds credentials but has not yet met the registry's auth challenge.
     * Callers need not act on it: requests sent together meanwhile wait for the first one's challenge
     * and token inside the client (authenticator.ts).
     */
    /** the retry policy of this client's requests, which a copy's blob transfers follow too */
    get retryPolicy() {
        return this.policy;
    }
    get authPending() {
        return this.auth.pending;
    }
    constructor(registry, opts = {}) {
        if (!/^(?:[a-z0-9.-]+|\[[a-f0-9:]+\])(?::\d+)?$/i.test(registry)) {
            throw new errors/* InputError */.dz('registry', registry, 'a registry host with an optional port, e.g. ghcr.io or 127.0.0.1:5000', 'it is not a host[:port]');
        }
        this.registry = registry.toLowerCase();
        this.credentials = opts.credentials ?? { source: 'anonymous' };
        this.logger = opts.logger ?? common_logger/* silentLogger */.q;
        this.policy = opts.retry ?? retry/* defaultRetryPolicy */.ur;
        const insecure = opts.insecure ?? [];
        this.fetchImpl =
            opts.fetchImpl ??
                createHttpTransport({
                    connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
                    idleTimeoutMs: opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
                    ...(opts.env ? { env: opts.env } : {}),
                });
        this.budgetMs = opts.budgetMs;
        this.onSecret = opts.onSecret ?? (() => { });
        this.access = opts.access ?? 'pull';
        const host = (0,tagging_image/* registryApiHost */.Mb)(this.registry);
        const hostname = new URL(`http://${host}`).hostname;
        const plain = isLoopbackHost(hostname) || insecure.includes(host) || insecure.includes(hostname);
        this.baseUrl = new URL(`${plain ? 'http' : 'https'}://${host}`);
        for (const secret of credentialSecrets(this.credentials))
            this.addSecret(secret);
        this.errors = {
            registry: this.registry,
            credentials: this.credentials,
            retries: this.policy.retries,
            redact: (message) => this.redact(message),
        };
        this.auth = new Authenticator({
            credentials: this.credentials,
            baseUrl: this.baseUrl,
            insecure,
            logger: this.logger,
            errors: this.errors,
            tokenExchange: (url, init, what) => this.request(url, init, what, MAX_MANIFEST_BYTES, 'token'),
            addSecret: (secret) => this.addSecret(secret),
        });
    }
    async getManifest(repository, reference) {
        const what = `getting manifest ${this.image(repository, reference)}`;
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'GET',
                url: this.url(`/v2/${repository}/manifests/${reference}`),
                headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
                scope: this.scope(repository, false),
                what,
                maxBytes: MAX_MANIFEST_BYTES,
            });
            if (reply.status !== 200)
                throw failure(this.errors, what, reply);
            return checkManifest(what, reply, reference);
        });
    }
    async headManifest(repository, reference) {
        const what = `checking manifest ${this.image(repository, reference)}`;
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'HEAD',
                url: this.url(`/v2/${repository}/manifests/${reference}`),
                headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
                scope: this.scope(repository, false),
                what,
            });
            if (reply.status === 404)
                return undefined;
            if (reply.status !== 200)
                throw failure(this.errors, what, reply);
            const digest = reportedDigest(reply.headers.get('docker-content-digest'));
            const mediaType = baseMediaType(reply.headers.get('content-type'));
            const size = Number(reply.headers.get('content-length'));
            if (mediaType && SCHEMA1_MEDIA_TYPES.includes(mediaType))
                throw schema1Error(what);
            if (digest &&
                mediaType &&
                MANIFEST_MEDIA_TYPES.includes(mediaType) &&
                Number.isInteger(size) &&
                reply.headers.has('content-length')) {
                if (isDigest(reference) && digest !== reference) {
                    throw new RegistryError(this.redact(`${what}: the registry reports digest ${digest} for it`), 200, []);
                }
                return { digest, mediaType, size };
            }
            // Registries on older spec versions may omit the digest or type on HEAD (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L198-214): read the manifest instead.
            this.logger.debug(`${what}: HEAD lacks a usable Docker-Content-Digest, Content-Type or Content-Length; reading the manifest`);
            const manifest = await this.getManifest(repository, reference);
            return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.length };
        });
    }
    /** PUTs the exact bytes under `tag` (a tag or the digest itself) and returns the digest the registry confirmed. */
    async putManifest(repository, tag, manifest) {
        return (await this.pushManifest(repository, tag, manifest)).digest;
    }
    /**
     * putManifest, telling also whether the registry indexed the manifest's `subject` itself: a
     * registry with the referrers API answers with an `OCI-Subject` header, and without it the client
     * keeps the referrers fallback tag up to date (distribution-spec "Pushing Manifests with Subject",
     * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests-with-subject).
     */
    async pushManifest(repository, tag, manifest) {
        const what = `pushing manifest to ${this.image(repository, tag)}`;
        const actual = digestLike(manifest.digest, manifest.bytes);
        if (actual !== manifest.digest) {
            throw new Error(`${what}: the manifest given has digest ${manifest.digest} but its bytes hash to ${actual}`);
        }
        const bodyType = bodyMediaType(manifest.bytes);
        if (bodyType !== undefined && bodyType !== manifest.mediaType) {
            // spec.md L482-486: Content-Type MUST equal the body's mediaType.
            throw new Error(`${what}: media type ${manifest.mediaType} differs from the manifest's own mediaType ${bodyType}`);
        }
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'PUT',
                url: this.url(`/v2/${repository}/manifests/${tag}`),
                headers: { 'content-type': manifest.mediaType },
                body: manifest.bytes,
                scope: this.scope(repository, true),
                what,
            });
            // 201 per spec.md L505; Quay answers 202 for the same success.
            if (reply.status !== 201 && reply.status !== 200 && reply.status !== 202) {
                throw immutableTag(this.errors, what, reply, repository, tag) ?? failure(this.errors, what, reply);
            }
            const reported = reportedDigest(reply.headers.get('docker-content-digest'));
            if (reported && reported !== manifest.digest) {
                throw new RegistryError(this.redact(`${what}: the registry reports digest ${reported}, but the bytes sent have digest ${manifest.digest}; it did not store them unchanged`), reply.status, []);
            }
            return { digest: manifest.digest, subjectIndexed: reply.headers.has('oci-subject') };
        });
    }
    /**
     * The manifests that refer to `digest` (signatures, SBOMs, attestations), as descriptors:
     * `GET /v2/<name>/referrers/<digest>`, every page; on a registry without the API (404, as GHCR
     * answers), the referrers tag schema's index under `sha256-<hex>` instead
     * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers,
     * "Referrers Tag Schema"). `via` says which one answered; `none` when neither holds anything.
     */
    async listReferrers(repository, digest) {
        const what = `listing referrers of ${this.registry}/${repository}@${digest}`;
        if (!isDigest(digest))
            throw new Error(`${what}: not a sha256/sha512 digest`);
        return this.operation(what, async () => {
            const descriptors = [];
            let url = this.url(`/v2/${repository}/referrers/${digest}`);
            for (let page = 0; url && page < 100; page++) {
                const reply = await this.send({
                    method: 'GET',
                    url,
                    headers: { accept: OCI_INDEX },
                    scope: this.scope(repository, false),
                    what,
                    maxBytes: MAX_MANIFEST_BYTES,
                });
                if (reply.status === 404 && page === 0) {
                    const fallback = await this.headManifest(repository, referrersTag(digest));
                    if (!fallback)
                        return { descriptors: [], via: 'none' };
                    const index = await this.getManifest(repository, referrersTag(digest));
                    return { descriptors: indexDescriptors(index.bytes), via: 'tag' };
                }
                if (reply.status !== 200)
                    throw failure(this.errors, what, reply);
                descriptors.push(...indexDescriptors(reply.body));
                const next = (0,common_link/* findLink */.K)(reply.headers.get('link'), 'next');
                url = next ? new URL(next, reply.url) : undefined;
            }
            return { descriptors, via: 'api' };
        });
    }
    /** Every tag, following `Link: <…>; rel="next"` until it is absent (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L608-610); each page is retried on its own. */
    async listTags(repository, opts = {}) {
        const what = `listing tags of ${this.registry}/${repository}`;
        return this.operation(what, async () => {
            return listAllTags(repository, what, opts.pageSize ?? 1000, opts.absent ?? 'empty', {
                baseUrl: this.baseUrl,
                logger: this.logger,
                errors: this.errors,
                get: (url) => this.send({ method: 'GET', url, scope: this.scope(repository, false), what, maxBytes: MAX_MANIFEST_BYTES }),
            });
        });
    }
    /** Reads a blob into memory (meant for image configs) and checks its digest; redirects to storage are followed without credentials. */
    async getBlob(repository, digest) {
        const what = `getting blob ${this.registry}/${repository}@${digest}`;
        if (!isDigest(digest))
            throw new Error(`${what}: not a sha256/sha512 digest`);
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'GET',
                url: this.url(`/v2/${repository}/blobs/${digest}`),
                scope: this.scope(repository, false),
                what,
                maxBytes: MAX_MANIFEST_BYTES,
            });
            if (reply.status !== 200)
                throw failure(this.errors, what, reply);
            const actual = digestLike(digest, reply.body);
            if (actual !== digest)
                throw new RegistryError(`${what}: the bytes received have digest ${actual}`, reply.status, []);
            return reply.body;
        });
    }
    /** Whether `repository` holds the blob (HEAD, distribution-spec "Checking if content exists"). */
    async hasBlob(repository, digest) {
        const what = `checking blob ${this.registry}/${repository}@${digest}`;
        if (!isDigest(digest))
            throw new Error(`${what}: not a sha256/sha512 digest`);
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'HEAD',
                url: this.url(`/v2/${repository}/blobs/${digest}`),
                scope: this.scope(repository, false),
                what,
            });
            if (reply.status === 200)
                return true;
            if (reply.status === 404)
                return false;
            throw failure(this.errors, what, reply);
        });
    }
    /**
     * Opens the blob for reading without holding it: the body streams as the reader consumes it, so
     * memory stays bounded whatever the blob's size. Redirects to storage are followed without
     * credentials. The caller consumes or destroys the stream.
     */
    async openBlob(repository, digest) {
        const what = `getting blob ${this.registry}/${repository}@${digest}`;
        if (!isDigest(digest))
            throw new Error(`${what}: not a sha256/sha512 digest`);
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'GET',
                url: this.url(`/v2/${repository}/blobs/${digest}`),
                scope: this.scope(repository, false),
                what,
                stream: true,
            });
            if (reply.status !== 200 || !reply.stream)
                throw failure(this.errors, what, reply);
            const length = Number(reply.headers.get('content-length'));
            return {
                stream: reply.stream,
                size: reply.headers.has('content-length') && Number.isInteger(length) ? length : undefined,
            };
        });
    }
    /**
     * Puts a blob into `repository`, the way distribution-spec "Pushing blobs" and "Mounting a blob
     * from another repository" describe
     * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md): with `mountFrom` (a
     * repository of this same registry), `POST …/blobs/uploads/?mount=<digest>&from=<repository>`
     * first: `201` means mounted and nothing is sent; a `202` is a plain upload session, as a registry
     * that cannot or will not mount answers. Then the bytes from `open()` (called only when needed)
     * are streamed in one `PUT <location>?digest=<digest>`, checked on the way against the digest
     * and size: a source that sends other bytes fails the request before its end, so the registry
     * stores nothing. go-containerregistry mounts and falls back the same way
     * (pkg/v1/remote/write.go, https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/write.go).
     */
    async pushBlob(repository, blob, open, opts = {}) {
        const { digest, size } = blob;
        const what = `pushing blob ${this.registry}/${repository}@${digest}`;
        if (!isDigest(digest))
            throw new Error(`${what}: not a sha256/sha512 digest`);
        const mountFrom = opts.mountFrom !== undefined && opts.mountFrom !== repository ? opts.mountFrom : undefined;
        const scope = mountFrom
            ? `${this.scope(repository, true)} repository:${mountFrom}:pull`
            : this.scope(repository, true);
        const start = await this.operation(what, async () => {
            const query = mountFrom ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}` : '';
            const reply = await this.send({
                method: 'POST',
                url: this.url(`/v2/${repository}/blobs/uploads/${query}`),
                scope,
                what,
            });
            if (reply.status === 401 || reply.status === 403)
                throw permissionDenied(this.errors, what, reply, repository);
            if (reply.status === 201)
                return 'mounted';
            if (reply.status !== 202)
                throw failure(this.errors, what, reply);
            const location = reply.headers.get('location');
            if (!location)
                throw new RegistryError(`${what}: the registry started an upload without a Location`, 202, []);
            return new URL(location, reply.url);
        });
        if (start === 'mounted') {
            this.logger.debug(`${what}: mounted from ${mountFrom}`);
            return 'mounted';
        }
        const source = await open();
        const checked = verifyingStream(digest, size, what);
        source.on('error', (err) => checked.destroy(err));
        source.pipe(checked);
        const url = new URL(start);
        url.searchParams.set('digest', digest);
        const reply = await this.send({
            method: 'PUT',
            url,
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body: checked,
            scope: this.scope(repository, true),
            what,
            retries: 0,
        }).finally(() => {
            source.unpipe(checked);
            source.destroy();
        });
        if (reply.status === 401 || reply.status === 403)
            throw permissionDenied(this.errors, what, reply, repository);
        if (reply.status !== 201 && reply.status !== 204 && reply.status !== 200)
            throw failure(this.errors, what, reply);
        return 'uploaded';
    }
    /**
     * Proves that the credentials may push to `repository` while leaving nothing a user can see, the
     * way GGCR's `remote.CheckPushPermission` does
     * (https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/check.go): start a blob
     * upload (`POST /v2/<name>/blobs/uploads/`, distribution-spec "Pushing blobs",
     * https://github.com/opencontainers/distribution-spec/blob/main/spec.md) with the token a write uses,
     * then cancel it with `DELETE <Location>`. A token alone proves nothing: token servers grant the
     * intersection of the scope asked and the rights held without an error
     * (https://github.com/distribution/distribution/blob/main/docs/content/spec/auth/token.md), and GHCR hands `GITHUB_TOKEN` a token, then refuses this very POST
     * with `denied: permission_denied: write_package` (https://github.com/tuna-os/tunaOS/issues/642).
     * Throws a RegistryPermissionError on 401, 403 or 404.
     */
    async checkPushPermission(repository) {
        const what = `checking push permission for ${this.registry}/${repository}`;
        return this.operation(what, async () => {
            const reply = await this.send({
                method: 'POST',
                url: this.url(`/v2/${repository}/blobs/uploads/`),
                scope: this.scope(repository, true),
                what,
            });
            if (reply.status === 401 || reply.status === 403 || reply.status === 404) {
                throw permissionDenied(this.errors, what, reply, repository);
            }
            if (reply.status < 200 || reply.status >= 300)
                throw failure(this.errors, what, reply);
            const location = reply.headers.get('location');
            if (!location) {
                this.logger.debug(`${what}: the registry started an upload without a Location; nothing to cancel`);
                return;
            }
            await this.cancelUpload(what, repository, new URL(location, reply.url));
        });
    }
    /**
     * An upload session holds no blob and no tag, but the registry keeps it until it expires: cancel
     * it (distribution-spec "Canceling an upload"). Some registries cannot (405) or have already dropped it
     * (404); the check has succeeded either way, so any failure here is only logged.
     */
    async cancelUpload(what, repository, location) {
        const cancel = `${what}: cancelling the upload`;
        try {
            const reply = await this.send({
                method: 'DELETE',
                url: location,
                scope: this.scope(repository, true),
                what: cancel,
            });
            if (reply.status >= 200 && reply.status < 300)
                this.logger.debug(`${cancel}: done (${reply.status})`);
            else {
                const { text } = describeErrorBody(reply.body);
                this.logger.debug(`${cancel}: the registry answered ${reply.status}${text ? ` ${text}` : ''}; it will expire the upload itself`);
            }
        }
        catch (err) {
            this.logger.debug(`${cancel}: ${this.redact(describeFault(err))}; it will expire the upload itself`);
        }
    }
    // ---- requests -----------------------------------------------------------------------------
    image(repository, reference) {
        return `${this.registry}/${repository}${isDigest(reference) ? '@' : ':'}${reference}`;
    }
    url(pathAndQuery) {
        return new URL(pathAndQuery, this.baseUrl);
    }
    scope(repository, write) {
        return `repository:${repository}:${write || this.access === 'push' ? 'pull,push' : 'pull'}`;
    }
    addSecret(secret) {
        if (this.secrets.has(secret))
            return;
        this.secrets.add(secret);
        this.onSecret(secret);
    }
    redact(message) {
        let out = message;
        for (const secret of this.secrets)
            if (secret.length >= 4)
                out = out.split(secret).join('***');
        return out;
    }
    /** Runs one public operation within budgetMs, unless an operation already under way holds the budget. */
    async operation(what, run) {
        if (this.budgetMs === undefined || this.budgets.getStore())
            return run();
        const { budget, end } = startBudget(this.budgetMs, what);
        try {
            return await this.budgets.run(budget, run);
        }
        finally {
            end();
        }
    }
    /**
     * Sends one request to the registry with the credentials it asks for (authenticator.ts), within
     * the operation's budget, retried and its redirects followed (exchange.ts).
     */
    send(spec) {
        return this.auth.send({ scope: spec.scope, what: spec.what }, (authorization) => {
            const headers = { ...spec.headers };
            if (authorization)
                headers.authorization = authorization;
            const init = { method: spec.method, headers, ...(spec.body ? { body: spec.body } : {}) };
            return this.request(spec.url, init, spec.what, spec.maxBytes ?? MAX_MANIFEST_BYTES, 'registry', spec);
        });
    }
    /** One exchange (exchange.ts) within the operation's budget, counted as a registry or a token request. */
    request(url, init, what, maxBytes, counter, spec) {
        const budget = this.budgets.getStore();
        return exchange(url, init, what, {
            fetchImpl: this.fetchImpl,
            policy: spec?.retries === undefined ? this.policy : { ...this.policy, retries: spec.retries },
            ...(spec?.stream ? { stream: true } : {}),
            logger: this.logger,
            maxBytes,
            ...(budget ? { budget } : {}),
            onRequest: () => (counter === 'registry' ? this.requestCount++ : this.tokenRequestCount++),
            redact: (message) => this.redact(message),
        });
    }
}
/**
 * A pass-through that hashes what flows and fails at the end when the bytes are not the blob they
 * claim to be (other digest, other size): the request it feeds then fails before its last byte.
 */
function verifyingStream(digest, size, what) {
    const algorithm = digest.startsWith('sha512:') ? 'sha512' : 'sha256';
    const hash = (0,external_node_crypto_.createHash)(algorithm);
    let seen = 0;
    // The last chunk is held back until the whole has been checked, so a registry never receives
    // the full declared length of bytes that are not the blob.
    let held;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, done) {
            seen += chunk.length;
            if (seen > size) {
                done(new RegistryError(`${what}: the source sent more than the ${size} bytes the manifest declares`, 0, []));
                return;
            }
            hash.update(chunk);
            const previous = held;
            held = chunk;
            done(null, previous);
        },
        flush(done) {
            const actual = `${algorithm}:${hash.digest('hex')}`;
            if (seen !== size) {
                done(new RegistryError(`${what}: the source sent ${seen} bytes, not the ${size} the manifest declares`, 0, []));
            }
            else if (actual !== digest) {
                done(new RegistryError(`${what}: the source's bytes have digest ${actual}`, 0, []));
            }
            else
                done(null, held);
        },
    });
}
/** The referrers tag schema's tag for a digest: `<alg>-<hex>` (distribution-spec "Referrers Tag Schema"). */
function referrersTag(digest) {
    return digest.replace(':', '-');
}
/** The well-formed descriptors of an index's `manifests` (anything else in it is ignored). */
function indexDescriptors(bytes) {
    let parsed;
    try {
        parsed = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        return [];
    }
    const manifests = parsed.manifests;
    if (!Array.isArray(manifests))
        return [];
    return manifests.filter((d) => typeof d === 'object' &&
        d !== null &&
        typeof d.digest === 'string' &&
        isDigest(d.digest) &&
        typeof d.mediaType === 'string' &&
        typeof d.size === 'number');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./packages/registry/docker-config.ts





/** Docker Hub's key in `auths` and the server address its helpers are asked for (login docs). */
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** `$DOCKER_CONFIG/config.json` when DOCKER_CONFIG is set, else `$HOME/.docker/config.json`. */
function dockerConfigPath(env) {
    if (env.DOCKER_CONFIG)
        return external_node_path_default().join(env.DOCKER_CONFIG, 'config.json');
    const home = env.HOME ?? env.USERPROFILE;
    return home ? external_node_path_default().join(home, '.docker', 'config.json') : undefined;
}
/** undefined when the file does not exist; a clear error when it exists and is not a JSON object. */
async function readDockerConfig(file) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR')
            return undefined;
        throw new Error(`reading the Docker config ${file}: ${err.message}`);
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`the Docker config ${file} is not valid JSON (${err.message}); fix it or point DOCKER_CONFIG at another directory`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error(`the Docker config ${file} is not a JSON object; fix it or point DOCKER_CONFIG at another directory`);
    }
    return parsed;
}
/** docker/cli `ConvertToHostname`: strip the scheme and everything from the first slash. */
function convertToHostname(address) {
    const stripped = address.replace(/^https?:\/\//i, '');
    return stripped.split('/')[0].toLowerCase();
}
function isDockerHub(registry) {
    return DOCKER_HUB_HOSTS.has(registry.toLowerCase());
}
/** The server address Docker uses as a key and sends to helpers for this registry. */
function serverAddress(registry) {
    return isDockerHub(registry) ? DOCKER_HUB_CONFIG_KEY : registry.toLowerCase();
}
/** Exact key first, then any key whose hostname matches after stripping scheme and path (docker/cli `file_store.go`). */
function findConfigKey(map, registry) {
    if (!map)
        return undefined;
    const exact = [serverAddress(registry), registry];
    for (const key of exact)
        if (Object.hasOwn(map, key))
            return key;
    const wanted = isDockerHub(registry) ? DOCKER_HUB_HOSTS : new Set([registry.toLowerCase()]);
    return Object.keys(map).find((key) => wanted.has(convertToHostname(key)));
}
function nonEmpty(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** An `auths` entry: `auth` is base64 of `user:password`, split at the first colon (passwords may hold colons). */
function decodeAuthEntry(entry, key, file) {
    const creds = {};
    if (nonEmpty(entry.auth)) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0)
            throw new Error(`the Docker config ${file}: auths["${key}"].auth is not base64 of user:password`);
        creds.username = decoded.slice(0, colon);
        creds.password = decoded.slice(colon + 1);
    }
    else {
        if (nonEmpty(entry.username))
            creds.username = entry.username;
        if (nonEmpty(entry.password))
            creds.password = entry.password;
    }
    if (nonEmpty(entry.identitytoken))
        creds.identityToken = entry.identitytoken;
    if (nonEmpty(entry.registrytoken))
        creds.registryToken = entry.registrytoken;
    return creds;
}
function hasCredentials(c) {
    return !!c && (!!(c.username && c.password) || !!c.identityToken || !!c.registryToken);
}
/** `credHelpers[host]` wins over `credsStore` (docker/cli `getConfiguredCredentialStore`). */
function credentialHelperFor(config, registry) {
    const key = findConfigKey(config.credHelpers, registry);
    const helper = key !== undefined ? nonEmpty(config.credHelpers[key]) : undefined;
    return helper ?? nonEmpty(config.credsStore);
}
/** `docker-credential-<name>` on the PATH of `env` (not of this process: tests and callers may pass their own). */
async function findHelperProgram(name, env) {
    const program = `docker-credential-${name}`;
    const dirs = (env.PATH ?? env.Path ?? '').split((external_node_path_default()).delimiter).filter((d) => d !== '');
    const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
    for (const dir of dirs) {
        for (const ext of extensions) {
            const candidate = external_node_path_default().join(dir, program + ext);
            try {
                await (0,promises_.access)(candidate, process.platform === 'win32' ? external_node_fs_.constants.F_OK : external_node_fs_.constants.X_OK);
                return candidate;
            }
            catch {
                // not here
            }
        }
    }
    return undefined;
}
/** How long a credential helper may take before it is stopped (a helper waiting on a locked keychain's prompt). */
const DEFAULT_HELPER_TIMEOUT_MS = 30_000;
/** A helper's answer is a small JSON object; more than this is not an answer. */
const MAX_HELPER_OUTPUT_BYTES = 1 << 20;
/** After the helper exits, how long its stdout may stay open (held by a process it started) before it is read as ended. */
const STDOUT_GRACE_MS = 1000;
/**
 * Runs the helper with its own process group (POSIX), so that a timeout stops a shell script and
 * whatever it started. stderr is drained and dropped: see runCredentialHelper. The helper may exit
 * without reading its input: the EPIPE (or ECONNRESET on Windows) of that write is expected and
 * its answer still counts (Docker's helper client, docker-credential-helpers `client/client.go`,
 * runs on Go's os/exec, which drops that EPIPE when the program exits 0: `skipStdinCopyError`).
 */
function runHelperProcess(program, input, env, timeoutMs) {
    return new Promise((resolve, reject) => {
        const windows = process.platform === 'win32';
        let child;
        try {
            // Node refuses to run .cmd/.bat without a shell (CVE-2024-27980); the path comes from PATH, and
            // is quoted for the shell, which joins the command line unquoted (C:\Program Files\…).
            const script = windows && /\.(?:cmd|bat)$/i.test(program);
            child = (0,external_node_child_process_.spawn)(script ? `"${program}"` : program, ['get'], {
                env,
                stdio: ['pipe', 'pipe', 'pipe'],
                windowsHide: true,
                detached: !windows,
                shell: script,
            });
        }
        catch (err) {
            reject(err);
            return;
        }
        const chunks = [];
        let length = 0;
        let tooLong = false;
        let done = false;
        const stop = () => {
            try {
                if (!windows && child.pid !== undefined)
                    process.kill(-child.pid, 'SIGKILL');
                else
                    child.kill('SIGKILL');
            }
            catch {
                // already gone
            }
        };
        const finish = (run) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            resolve({ ...run, stdout: Buffer.concat(chunks).toString('utf8'), tooLong });
        };
        const timer = setTimeout(() => {
            stop();
            child.stdout.destroy();
            child.stderr.destroy();
            finish({ code: null, signal: null, timedOut: true });
        }, timeoutMs);
        child.stdout.on('data', (chunk) => {
            if (tooLong)
                return;
            length += chunk.length;
            if (length > MAX_HELPER_OUTPUT_BYTES) {
                tooLong = true;
                chunks.length = 0;
                stop();
                return;
            }
            chunks.push(chunk);
        });
        child.stderr.resume();
        child.stdin.on('error', () => {
            // the helper closed its input unread: expected, see above
        });
        child.once('error', (err) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            reject(err);
        });
        // The answer is complete once the helper has exited and its stdout has ended. A process it left
        // behind may hold stdout open (an agent it started): then what was read within a grace period counts.
        let exited;
        let ended = false;
        const settle = () => {
            if (exited && ended)
                finish({ ...exited, timedOut: false });
        };
        child.stdout.once('end', () => {
            ended = true;
            settle();
        });
        child.stdout.once('close', () => {
            ended = true;
            settle();
        });
        child.once('exit', (code, signal) => {
            exited = { code, signal };
            settle();
            if (!done) {
                setTimeout(() => {
                    ended = true;
                    child.stdout.destroy();
                    child.stderr.destroy();
                    settle();
                }, STDOUT_GRACE_MS).unref();
            }
        });
        child.stdin.end(input);
    });
}
/**
 * Runs `docker-credential-<name> get` with the server address on stdin, as Docker does
 * (docker/docker-credential-helpers `credentials/credentials.go`). "credentials not found" (exit 1)
 * means none; Username `<token>` means Secret is an identity token (`native_store.go`).
 *
 * Nothing the helper prints reaches an error or a log: not stdout, which is its answer, and not
 * stderr either. Only strings known to be secrets can be masked, and a helper that failed gave no
 * answer to learn them from, while its stderr is free text from another program: a `set -x` trace
 * of the `echo` that prints the answer, an answer written to the wrong stream, a debug dump. So the
 * error names the helper, its exit code and the command that shows what it says, run by the user.
 * (Docker's own client quotes stdout in its error: docker-credential-helpers `client/client.go`.)
 */
async function runCredentialHelper(name, registry, env, logger = common_logger/* silentLogger */.q, opts = {}) {
    const program = await findHelperProgram(name, env);
    if (!program) {
        logger.warning(`the Docker config names the credential helper "${name}" for ${registry}, but docker-credential-${name} is not on PATH; trying other sources`);
        return undefined;
    }
    const address = serverAddress(registry);
    const helper = `docker-credential-${name}`;
    const timeoutMs = opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
    const wayOut = `run \`echo ${address} | ${helper} get\` to see what it says and fix it (often: log in to ${registry} again), ` +
        `${opts.configured ? `remove ${opts.configured}` : 'remove it from the Docker config'}, ` +
        "or give the registry credentials directly (username and password inputs; the CLI's --username and --password-stdin)";
    let run;
    try {
        run = await runHelperProcess(program, address, env, timeoutMs);
    }
    catch (err) {
        const code = err.code;
        throw new Error(`the credential helper ${helper} (${program}) could not be started${code ? ` (${code})` : ''}; ${wayOut}`);
    }
    if (run.timedOut) {
        throw new Error(`the credential helper ${helper} did not answer for ${address} within ${Math.round(timeoutMs / 100) / 10} s and was stopped (is it waiting for a keychain to be unlocked or a prompt to be answered?); ${wayOut}`);
    }
    if (run.tooLong) {
        throw new Error(`the credential helper ${helper} printed more than ${MAX_HELPER_OUTPUT_BYTES} bytes for ${address} and was stopped; its output is not shown, as it may hold the password; ${wayOut}`);
    }
    if (run.signal) {
        throw new Error(`the credential helper ${helper} was killed by ${run.signal} while asked for ${address}; its output is not shown, as it may hold the password; ${wayOut}`);
    }
    if (run.code !== 0) {
        // docker-credential-helpers `credentials.NewErrCredentialsNotFound`: exit 1 with this text on stdout.
        if (/credentials not found/i.test(run.stdout))
            return undefined;
        throw new Error(`the credential helper ${helper} failed for ${address} with exit code ${run.code}; its output is not shown, as it may hold the password; ${wayOut}`);
    }
    let answer;
    try {
        answer = JSON.parse(run.stdout);
    }
    catch {
        answer = undefined;
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
        // stdout may hold the secret: never echo it
        throw new Error(`the credential helper ${helper} answered for ${address} with something that is not JSON`);
    }
    const { Username, Secret } = answer;
    const username = nonEmpty(Username);
    const secret = nonEmpty(Secret);
    if (!secret)
        return undefined;
    opts.onSecret?.(secret);
    if (username === '<token>')
        return { identityToken: secret };
    return username ? { username, password: secret } : undefined;
}

;// CONCATENATED MODULE: ./packages/registry/credentials.ts



const anonymous = Object.freeze({ source: 'anonymous' });
function withSource(creds, source) {
    return { ...creds, source };
}
/**
 * The credential order the README gives: explicit inputs; else the Docker config (`auths`, and
 * `credHelpers`/`credsStore` helpers as Docker runs them); else, for ghcr.io, the registry token
 * (input, then REGISTRY_TOKEN), then the GitHub token (input, then GITHUB_TOKEN); else anonymous. A registry with a helper configured is answered by the helper, as in Docker.
 */
async function resolveCredentials(opts) {
    const logger = opts.logger ?? common_logger/* silentLogger */.q;
    const env = opts.env ?? process.env;
    const registry = opts.registry.toLowerCase();
    const username = opts.username?.trim() ?? '';
    const password = opts.password ?? '';
    const found = (creds) => {
        for (const secret of [creds.password, creds.identityToken, creds.registryToken])
            if (secret)
                opts.onSecret?.(secret);
        return creds;
    };
    if (username !== '' || password !== '') {
        if (username === '') {
            throw new errors/* InputError */.dz('username', '', 'a user name together with password', 'password is set but username is empty');
        }
        if (password === '') {
            throw new errors/* InputError */.dz('password', '', 'a password or token together with username', `username "${username}" is set but password is empty`, { secret: true });
        }
        logger.debug(`registry credentials for ${registry}: the username/password inputs (user ${username})`);
        return found({ username, password, source: 'input' });
    }
    const file = dockerConfigPath(env);
    const config = file ? await readDockerConfig(file) : undefined;
    if (config && file) {
        const helper = credentialHelperFor(config, registry);
        if (helper) {
            const helperKey = findConfigKey(config.credHelpers, registry);
            const configured = helperKey !== undefined && config.credHelpers[helperKey] === helper
                ? `credHelpers[${JSON.stringify(helperKey)}] from ${file}`
                : `credsStore from ${file}`;
            const fromHelper = await runCredentialHelper(helper, registry, env, logger, {
                configured,
                ...(opts.helperTimeoutMs !== undefined ? { timeoutMs: opts.helperTimeoutMs } : {}),
                ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
            });
            if (hasCredentials(fromHelper)) {
                logger.debug(`registry credentials for ${registry}: credential helper docker-credential-${helper}`);
                return found(withSource(fromHelper, 'credential-helper'));
            }
            logger.debug(`credential helper docker-credential-${helper} has no credentials for ${registry}`);
        }
        const key = findConfigKey(config.auths, registry);
        if (key !== undefined) {
            const entry = config.auths[key];
            const creds = entry && typeof entry === 'object' ? decodeAuthEntry(entry, key, file) : undefined;
            if (hasCredentials(creds)) {
                logger.debug(`registry credentials for ${registry}: ${file} auths["${key}"]${creds.username ? ` (user ${creds.username})` : ''}`);
                return found(withSource(creds, 'docker-config'));
            }
        }
    }
    if (registry === 'ghcr.io') {
        // GHCR does not check the user name (imjasonh/setup-crane); GitHub App tokens use x-access-token.
        const registryToken = opts.registryToken || env.REGISTRY_TOKEN;
        if (registryToken) {
            logger.debug(`registry credentials for ghcr.io: ${opts.registryToken ? 'the registry token' : 'REGISTRY_TOKEN'}`);
            return found({ username: 'x-access-token', password: registryToken, source: 'registry-token' });
        }
        const githubToken = opts.githubToken || env.GITHUB_TOKEN;
        if (githubToken) {
            logger.debug(`registry credentials for ghcr.io: ${opts.githubToken ? 'the GitHub token' : 'GITHUB_TOKEN'}`);
            return found({ username: 'x-access-token', password: githubToken, source: 'github-token' });
        }
    }
    logger.debug(`no registry credentials for ${registry}: anonymous access`);
    return { source: 'anonymous' };
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
;// CONCATENATED MODULE: ./packages/registry/copy.ts








function emptyStats() {
    return {
        manifestsPushed: 0,
        manifestsPresent: 0,
        blobsMounted: 0,
        blobsUploaded: 0,
        blobsPresent: 0,
        bytesUploaded: 0,
    };
}
function addStats(into, more) {
    for (const key of Object.keys(into))
        into[key] += more[key];
    return into;
}
/**
 * Layers the image's author marked as not to be redistributed (Windows base layers), fetched by
 * the runtime from their `urls`: skopeo and crane leave them out of a copy too.
 */
function nonDistributable(d) {
    const type = d.mediaType ?? '';
    return (type.includes('.foreign.') || type.includes('.nondistributable.')) && Array.isArray(d.urls);
}
function parse(manifest) {
    return JSON.parse(manifest.bytes.toString('utf8'));
}
function checkedDescriptor(d, where) {
    if (typeof d.digest !== 'string' || typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
        throw new RegistryError(`${where}: a descriptor without a digest and a size: ${JSON.stringify(d).slice(0, 200)}`, 0, []);
    }
    return { digest: d.digest, size: d.size, mediaType: d.mediaType ?? '' };
}
/**
 * Waits for every task, then throws the first error: nothing started by a copy is still running
 * once the copy has returned or thrown (a failed promotion leaves no upload going on behind it).
 */
async function allSettled(tasks) {
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
/** Errors another attempt cannot change: a refusal, a digest that does not match, an immutable tag. */
function lasting(err) {
    if (isFinalFault(err))
        return true;
    if (err instanceof RegistryPermissionError || err instanceof TagImmutableError)
        return true;
    if (err instanceof RegistryError)
        return err.status === 0 || (err.status >= 400 && !(0,retry/* isRetriedStatus */.Mq)(err.status));
    return false;
}
/**
 * A copier from one repository to another: `contents(root)` makes everything the root manifest
 * refers to present in the target (the root itself is left to the caller, who PUTs it under its
 * tags); `referrers(digest)` brings the signatures and attestations along.
 */
class ImageCopier {
    from;
    to;
    stats = emptyStats();
    limit;
    logger;
    policy;
    /** blobs under way or done, so layers shared by the platforms of an index go once */
    blobs = new Map();
    sameRegistry;
    /** the first transfer that failed: the ones still waiting for their turn are not started */
    failure;
    constructor(from, to, opts = {}) {
        this.from = from;
        this.to = to;
        this.limit = opts.limit ?? (0,p_limit["default"])(opts.concurrency ?? 4);
        this.logger = opts.logger ?? common_logger/* silentLogger */.q;
        // A blob transfer is retried as the target's own requests are, unless told otherwise.
        this.policy = opts.retry ?? to.client.retryPolicy ?? retry/* defaultRetryPolicy */.ur;
        this.sameRegistry = from.client.baseUrl.href === to.client.baseUrl.href;
    }
    /** Whether the target holds the manifest: a registry holds it only with every part, so nothing is left to copy. */
    async present(digest) {
        return (await this.to.client.headManifest(this.to.repository, digest)) !== undefined;
    }
    /** Blobs first, then the children of an index (each with its own parts, leaf to root); not the root itself. */
    async contents(root, depth = 0) {
        const where = `copying ${this.from.client.registry}/${this.from.repository}@${root.digest}`;
        const doc = parse(root);
        if (isIndexMediaType(root.mediaType)) {
            if (depth > 4)
                throw new RegistryError(`${where}: indexes nested more than 4 deep`, 0, []);
            await allSettled((doc.manifests ?? []).map(async (d) => {
                const { digest } = checkedDescriptor(d, where);
                await this.manifest(digest, depth + 1);
            }));
            return;
        }
        if (!isImageManifestMediaType(root.mediaType)) {
            throw new RegistryError(`${where}: cannot copy the parts of a ${root.mediaType}`, 0, []);
        }
        const parts = [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])];
        await allSettled(parts.map((d) => {
            const blob = checkedDescriptor(d, where);
            if (nonDistributable(d)) {
                this.logger.debug(`${where}: layer ${blob.digest} is non-distributable (${blob.mediaType}); not copied`);
                return Promise.resolve();
            }
            return this.blob(blob);
        }));
    }
    /** A manifest by digest: skipped when present, else its parts then itself. */
    async manifest(digest, depth = 0) {
        if (await this.present(digest)) {
            this.stats.manifestsPresent++;
            return undefined;
        }
        const manifest = await this.from.client.getManifest(this.from.repository, digest);
        await this.contents(manifest, depth);
        await this.to.client.pushManifest(this.to.repository, digest, manifest);
        this.stats.manifestsPushed++;
        return manifest;
    }
    /**
     * The signatures, SBOMs and attestations of `digest`: its OCI referrers (the API, or the fallback
     * tag), each copied with its own parts and digest, and cosign's `sha256-<hex>.sig|.att|.sbom` tags
     * (the signature specification, https://github.com/sigstore/cosign/tree/main/specs). Where the target has no
     * referrers API, its fallback tag is updated with what was copied, keeping what it already lists.
     * Returns what was carried, for the account.
     */
    async referrers(digest) {
        const hex = referrersTag(digest);
        const cosign = ['sig', 'att', 'sbom'].map((suffix) => `${hex}.${suffix}`);
        const [listed, ...heads] = await Promise.all([
            this.from.client.listReferrers(this.from.repository, digest),
            ...cosign.map((tag) => this.from.client.headManifest(this.from.repository, tag)),
        ]);
        const carried = { referrers: [], tags: [] };
        const unindexed = [];
        await allSettled(listed.descriptors.map(async (d) => {
            const present = await this.present(d.digest);
            if (present) {
                this.stats.manifestsPresent++;
                carried.referrers.push(d.digest);
                // Present but perhaps not yet in the fallback index (a run cut short between the two).
                unindexed.push(d);
                return;
            }
            const manifest = await this.from.client.getManifest(this.from.repository, d.digest);
            await this.contents(manifest);
            const { subjectIndexed } = await this.to.client.pushManifest(this.to.repository, d.digest, manifest);
            this.stats.manifestsPushed++;
            carried.referrers.push(d.digest);
            if (!subjectIndexed)
                unindexed.push(d);
        }));
        if (unindexed.length > 0)
            await this.updateFallbackTag(digest, unindexed);
        await allSettled(cosign.map(async (tag, i) => {
            const head = heads[i];
            if (!head)
                return;
            const current = await this.to.client.headManifest(this.to.repository, tag);
            carried.tags.push(tag);
            if (current?.digest === head.digest) {
                this.stats.manifestsPresent++;
                return;
            }
            const manifest = await this.from.client.getManifest(this.from.repository, head.digest);
            await this.contents(manifest);
            await this.to.client.pushManifest(this.to.repository, tag, manifest);
            this.stats.manifestsPushed++;
        }));
        carried.referrers.sort();
        carried.tags.sort();
        return carried;
    }
    /**
     * The referrers tag schema on a target without the API: the index under `sha256-<hex>` lists
     * every referrer, the ones copied added to the ones it already had (spec: "Pushing Manifests with
     * Subject", steps for a registry without the referrers API).
     */
    async updateFallbackTag(subject, descriptors) {
        const tag = referrersTag(subject);
        const head = await this.to.client.headManifest(this.to.repository, tag);
        const existing = head ? indexDescriptors((await this.to.client.getManifest(this.to.repository, tag)).bytes) : [];
        const known = new Set(existing.map((d) => d.digest));
        const added = descriptors.filter((d) => !known.has(d.digest));
        if (head && added.length === 0)
            return;
        const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...existing, ...added] };
        const bytes = Buffer.from(JSON.stringify(index));
        await this.to.client.pushManifest(this.to.repository, tag, {
            bytes,
            mediaType: OCI_INDEX,
            digest: digestOf(bytes),
        });
        this.stats.manifestsPushed++;
    }
    blob(blob) {
        let done = this.blobs.get(blob.digest);
        if (!done) {
            done = this.limit(async () => {
                if (this.failure !== undefined)
                    throw this.failure;
                try {
                    await this.transfer(blob);
                }
                catch (err) {
                    this.failure ??= err;
                    throw err;
                }
            });
            this.blobs.set(blob.digest, done);
        }
        return done;
    }
    /** One blob: skipped when present, mounted within a registry, else streamed; retried as a whole. */
    async transfer(blob) {
        const { from, to } = this;
        if (await to.client.hasBlob(to.repository, blob.digest)) {
            this.stats.blobsPresent++;
            return;
        }
        const what = `copying blob ${blob.digest} to ${to.client.registry}/${to.repository}`;
        const outcome = await (0,retry/* retry */.L5)(() => to.client.pushBlob(to.repository, blob, async () => (await from.client.openBlob(from.repository, blob.digest)).stream, this.sameRegistry ? { mountFrom: from.repository } : {}), {
            what,
            policy: this.policy,
            logger: this.logger,
            decide: (o, attempt) => o.ok || lasting(o.error) ? undefined : { delayMs: (0,retry/* backoffDelay */.EY)(attempt, this.policy) },
            describe: (o) => (o.ok ? o.value : describeFault(o.error)),
        });
        if (outcome === 'mounted')
            this.stats.blobsMounted++;
        else {
            this.stats.blobsUploaded++;
            this.stats.bytesUploaded += blob.size;
        }
    }
}

;// CONCATENATED MODULE: ./packages/registry/index.ts










/***/ }),

/***/ 370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  "default": () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
