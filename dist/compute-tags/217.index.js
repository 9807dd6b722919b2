export const id = 217;
export const ids = [217];
export const modules = {

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

/***/ 6217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   parseRepository: () => (/* binding */ parseRepository)
/* harmony export */ });
/* unused harmony exports SECONDARY_LIMIT_MIN_MS, DEFAULT_GITHUB_BUDGET_MS, DEFAULT_REQUEST_TIMEOUT_MS, retryDecision, retryDelay, boundedFetch, proxyAwareFetch */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6752);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4715);
/* harmony import */ var _common_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8852);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9088);
/* harmony import */ var _common_proxy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1822);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9325);
/* harmony import */ var _token_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7869);








/** "Otherwise, wait for at least one minute before retrying" (GitHub REST docs, rate limits). */
const SECONDARY_LIMIT_MIN_MS = 60_000;
/** How long one client may spend waiting on GitHub, rate limits included, unless told otherwise. */
const DEFAULT_GITHUB_BUDGET_MS = 10 * 60_000;
/** How long one request may go without a byte of its answer before it is abandoned as a fault. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function header(err, name) {
    const value = err.response?.headers?.[name];
    return value === undefined ? null : String(value);
}
function answerText(err) {
    const data = err.response?.data;
    if (typeof data === 'string')
        return data;
    const message = data?.message;
    return typeof message === 'string' ? message : err.message;
}
/**
 * Whether and how long to wait before retrying this failure (undefined: not retried), as GitHub
 * documents it ("Rate limits for the REST API", "Exceeding the rate limit":
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 * and "Best practices": https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api):
 * - a 403 or 429 with `retry-after`: that many seconds;
 * - with `x-ratelimit-remaining: 0`: until `x-ratelimit-reset`, plus a second as
 *   octokit/plugin-throttling.js does (src/index.ts: "so we retry _after_ the reset time");
 * - a secondary limit (its message, old wording "abuse detection" included, or any 429) without
 *   either header: at least a minute, doubling on each repeat;
 * - any other 403: not retried (a permission problem);
 * - 408/429/5xx and dropped connections, timeouts and cut bodies (Octokit reports those as status
 *   500 without a response): exponential backoff, or `retry-after` when longer.
 * Waits are not capped here: the client's time budget decides whether to wait or fail.
 */
function retryDecision(err, attempt, policy, random = Math.random, now = Date.now()) {
    const status = err.status ?? 0;
    const backoff = (0,_common_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .backoffDelay */ .EY)(attempt, policy, random);
    const retryAfter = (0,_common_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(header(err, 'retry-after'), now);
    if (status === 403 || status === 429) {
        const secondaryWording = /secondary rate limit|abuse detection/i.test(answerText(err));
        const primary = header(err, 'x-ratelimit-remaining') === '0' && !secondaryWording;
        if (!primary && !secondaryWording && status !== 429 && retryAfter === undefined)
            return undefined;
        const waits = [backoff];
        if (retryAfter !== undefined)
            waits.push(retryAfter);
        const reset = Number(header(err, 'x-ratelimit-reset'));
        if (header(err, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0)
            waits.push(reset * 1000 - now + 1000);
        else if (retryAfter === undefined)
            waits.push((policy.secondaryMinMs ?? SECONDARY_LIMIT_MIN_MS) * 2 ** attempt);
        let name = 'secondary rate limit';
        if (primary) {
            const resource = header(err, 'x-ratelimit-resource');
            const limit = header(err, 'x-ratelimit-limit');
            const detail = [resource && `resource ${resource}`, limit && `${limit} requests an hour`].filter(Boolean);
            name = `primary rate limit${detail.length ? ` (${detail.join(', ')})` : ''}`;
        }
        return { delayMs: Math.max(...waits), rateLimit: { kind: primary ? 'primary' : 'secondary', name } };
    }
    // A caller's own abort is not a fault (our timeouts are named TimeoutError, see boundedFetch).
    if (err.name === 'AbortError')
        return undefined;
    if ((0,_common_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .isRetriedStatus */ .Mq)(status))
        return { delayMs: retryAfter !== undefined ? Math.max(retryAfter, backoff) : backoff };
    return undefined;
}
/** How long to wait before retrying this failure, or undefined when it is not retried (retryDecision). */
function retryDelay(err, attempt, policy, random = Math.random, now = Date.now()) {
    return retryDecision(err, attempt, policy, random, now)?.delayMs;
}
function duration(ms) {
    if (ms > 0 && ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = Math.max(0, Math.ceil(ms / 1000));
    if (s < 120)
        return `${s} s`;
    const m = Math.ceil(s / 60);
    return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
/**
 * fetch that gives up when no byte of the answer comes for `timeoutMs` (connecting, waiting for
 * the headers, or between chunks of the body), and that reads the whole body before answering: a
 * body that ends early (the connection closed before `content-length` bytes) then fails the request
 * instead of reaching Octokit, which reads a JSON body it cannot parse as the string it got, or as
 * '' when the read failed (@octokit/request src/fetch-wrapper.ts, getResponseData) — a cut
 * `git/matching-refs` answer would read as "no version tags". Both failures are status-500 faults
 * to Octokit, which the client retries.
 */
function boundedFetch(inner, timeoutMs) {
    return async (input, init = {}) => {
        const controller = new AbortController();
        let timer;
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                // Not an AbortError: Octokit rethrows those as the caller's own abort, which is not retried.
                const reason = new Error(`no answer from GitHub within ${duration(timeoutMs)}`);
                reason.name = 'TimeoutError';
                controller.abort(reason);
            }, timeoutMs);
        };
        const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
        arm();
        try {
            const response = await inner(input, { ...init, signal });
            arm();
            const chunks = [];
            if (response.body) {
                const reader = response.body.getReader();
                for (;;) {
                    const { done, value } = await reader.read();
                    if (done)
                        break;
                    chunks.push(value);
                    arm();
                }
            }
            const copy = new Response(NULL_BODY_STATUS.has(response.status) ? null : Buffer.concat(chunks), {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
            });
            Object.defineProperty(copy, 'url', { value: response.url });
            return copy;
        }
        finally {
            clearTimeout(timer);
        }
    };
}
/**
 * The fetch under Octokit: undici's own (which @actions/github has loaded already, so this costs no
 * start-up time), through a proxy when `settings` names one for the request's URL. undici's
 * ProxyAgent opens a CONNECT tunnel for https (the proxy never sees the token) and forwards plain
 * http requests whole, with Proxy-Authorization from the proxy URL's userinfo in either case.
 */
function proxyAwareFetch(settings, test = {}) {
    const connect = {
        ...(test.lookup ? { lookup: test.lookup } : {}),
        ...(test.ca ? { ca: test.ca } : {}),
    };
    const custom = Object.keys(connect).length > 0;
    let direct;
    const proxies = new Map();
    return ((input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        const proxy = (0,_common_proxy_js__WEBPACK_IMPORTED_MODULE_5__/* .proxyFor */ .iJ)(url, settings);
        let dispatcher;
        if (proxy) {
            const key = `${proxy.url.href} ${proxy.authorization ?? ''}`;
            dispatcher = proxies.get(key);
            if (!dispatcher) {
                dispatcher = new undici__WEBPACK_IMPORTED_MODULE_1__.ProxyAgent({
                    uri: proxy.url.href,
                    ...(proxy.authorization ? { token: proxy.authorization } : {}),
                    // false: plain http is forwarded (as curl does); https is tunnelled all the same
                    proxyTunnel: false,
                    ...(custom ? { proxyTls: connect, requestTls: connect } : {}),
                });
                proxies.set(key, dispatcher);
            }
        }
        else if (custom)
            dispatcher = direct ??= new undici__WEBPACK_IMPORTED_MODULE_1__.Agent({ connect });
        return (0,undici__WEBPACK_IMPORTED_MODULE_1__.fetch)(input, {
            ...init,
            ...(dispatcher ? { dispatcher } : {}),
        });
    });
}
/**
 * An Octokit (from @actions/github; HTTPS_PROXY, HTTP_PROXY and NO_PROXY of `env` apply) whose every request is
 * retried per the policy within the client's time budget. Errors that are not retried, or that
 * outlast the retries, are rethrown as Octokit's RequestError (callers test `status`), the message
 * naming the request and attempts; a rate limit beyond the budget is a GitHubRateLimitError. No
 * error leaves the client with the token in it.
 */
function createGitHubClient(opts) {
    const tokenInput = opts.tokenInput ?? 'github-token';
    (0,_token_js__WEBPACK_IMPORTED_MODULE_7__/* .validateToken */ .k9)(opts.token, tokenInput);
    const budgetMs = opts.budgetMs ?? DEFAULT_GITHUB_BUDGET_MS;
    if (!Number.isFinite(budgetMs) || budgetMs <= 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('budgetMs', String(opts.budgetMs), 'a positive number of milliseconds');
    const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('requestTimeoutMs', String(opts.requestTimeoutMs), 'a positive number of milliseconds');
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_4__/* .silentLogger */ .q;
    const policy = opts.retryPolicy ?? _common_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .defaultRetryPolicy */ .ur;
    const random = opts.random ?? Math.random;
    const sleep = opts.sleep ?? realSleep;
    const now = opts.now ?? Date.now;
    const budgetHint = opts.budgetHint ?? `allow the GitHub calls more time (the client's budget, ${duration(budgetMs)} now)`;
    const deadline = now() + budgetMs;
    const env = opts.env ?? process.env;
    const baseUrl = (opts.apiUrl || env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    // Not @actions/github's default fetch: it reads process.env once at import, for GITHUB_API_URL's
    // host only, and never proxies loopback; this one reads `env`, per request URL (uploads, GHES).
    const inner = proxyAwareFetch((0,_common_proxy_js__WEBPACK_IMPORTED_MODULE_5__/* .readProxySettings */ .uv)(env), { lookup: opts.lookup, ca: opts.ca });
    const client = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(opts.token, {
        baseUrl,
        request: { fetch: boundedFetch(inner, requestTimeoutMs) },
        // Octokit's own log would go to the console; the token never appears in these messages.
        log: {
            debug: (m) => logger.debug(m),
            info: (m) => logger.debug(m),
            warn: (m) => logger.warning(m),
            error: (m) => logger.warning(m),
        },
    });
    client.hook.wrap('request', async (request, options) => {
        // The request as Octokit sends it (its URL with the parameters filled in), for messages.
        const what = `${options.method} ${requestUrl(request, options)}`;
        const named = (err) => err.request?.url ? `${err.request.method ?? options.method} ${err.request.url}` : what;
        // When the last failure was seen, and what retryDecision made of it (a rate limit's name, for giveUp).
        let at = now();
        let rateLimit;
        try {
            return await (0,_common_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retry */ .L5)(async () => {
                const response = await request(options);
                assertParsedJson(response, what);
                return response;
            }, {
                what,
                policy,
                logger,
                deadline,
                sleep,
                now,
                formatDelay: duration,
                decide: (outcome, attempt) => {
                    if (outcome.ok)
                        return undefined;
                    const err = outcome.error;
                    at = now();
                    const decision = typeof err.status === 'number' ? retryDecision(err, attempt, policy, random, at) : undefined;
                    rateLimit = decision?.rateLimit;
                    if (!decision)
                        return undefined;
                    return {
                        delayMs: decision.delayMs,
                        ...(decision.rateLimit
                            ? {
                                notice: `GitHub's ${decision.rateLimit.name}: waiting until ${new Date(at + decision.delayMs).toISOString()}`,
                            }
                            : {}),
                    };
                },
                describe: (outcome) => {
                    const err = (outcome.ok ? undefined : outcome.error);
                    return err?.response ? `HTTP ${err.status}` : (err?.message ?? '');
                },
                giveUp: (outcome, attempt, why, step) => {
                    const err = (outcome.ok ? undefined : outcome.error);
                    const left = deadline - at;
                    if (rateLimit) {
                        const resetAt = new Date(at + step.delayMs);
                        const because = why === 'retries'
                            ? `it was still in force after ${attempt + 1} attempts`
                            : `that is beyond this run's time budget for GitHub (${duration(Math.max(0, left))} of ${duration(budgetMs)} left)`;
                        const more = rateLimit.kind === 'primary'
                            ? ', or use a token with a larger limit (a GitHub App installation token has its own, 5,000 to 12,500 ' +
                                "requests an hour; a workflow's GITHUB_TOKEN has 1,000 an hour per repository)"
                            : '';
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .GitHubRateLimitError */ .Rr(`${named(err)}: GitHub's ${rateLimit.name} was hit (HTTP ${err.status}${answerText(err) ? `: ${answerText(err)}` : ''}). ` +
                            `It resets at ${resetAt.toISOString()} (in ${duration(step.delayMs)}); ${because}. ` +
                            `Run again after ${resetAt.toISOString()}, or ${budgetHint}${more}.`, resetAt, rateLimit.kind);
                    }
                    const spent = why === 'retries' ? '' : ` (the time budget for GitHub, ${duration(budgetMs)}, is spent)`;
                    const cause = err.status === 500 && !err.response ? 'connection failed: ' : err.response ? `HTTP ${err.status}: ` : '';
                    err.message = `${named(err)} failed after ${attempt + 1} attempts${spent}: ${cause}${err.message}`;
                    throw err;
                },
            });
        }
        catch (err) {
            // GitHub's 401 is about the token and nothing else: a wrong, expired or revoked one
            // (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#401-bad-credentials).
            // It keeps the status and GitHub's message where a RequestError has them, for callers that
            // read those (requestStatus, responseMessage).
            if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .requestStatus */ .G2)(err) === 401) {
                const said = (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .redactSecret */ .Y3)(answerText(err), opts.token);
                const refused = new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(tokenInput, '', _token_js__WEBPACK_IMPORTED_MODULE_7__/* .TOKEN_ACCEPTED */ .m7, `GitHub answered 401${said ? ` "${said}"` : ''} to ${named(err)}: the token is wrong, expired or revoked`, { secret: true });
                throw Object.assign(refused, { status: 401, response: { status: 401, headers: {}, data: { message: said } } });
            }
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .redactSecret */ .Y3)(err, opts.token);
        }
    });
    return client;
}
/** The URL a request goes to, parameters filled in, as Octokit's RequestError names it. */
function requestUrl(request, options) {
    try {
        return request.endpoint.parse(options).url;
    }
    catch {
        return options.url;
    }
}
/**
 * A success whose JSON body Octokit could not parse arrives as a string (@octokit/request
 * getResponseData): a body cut short, or a proxy's page. It is a fault to retry, never data.
 */
function assertParsedJson(response, what) {
    const type = String(response.headers['content-type'] ?? '');
    if (NULL_BODY_STATUS.has(response.status) || !/^application\/(.+\+)?json\b/i.test(type))
        return;
    if (typeof response.data !== 'string')
        return;
    const fault = new Error(`${what}: the answer is not the JSON it announces (${response.data.length} characters; cut short?)`);
    throw Object.assign(fault, { status: 500 });
}
/** `owner/name` (the form of GITHUB_REPOSITORY) into its parts. */
function parseRepository(value, input = 'repository') {
    const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
    if (!match || match[2] === '.' || match[2] === '..') {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, value, '`owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)');
    }
    return { owner: match[1], repo: match[2] };
}


/***/ }),

/***/ 9325:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G2: () => (/* binding */ requestStatus),
/* harmony export */   Rr: () => (/* binding */ GitHubRateLimitError),
/* harmony export */   Y3: () => (/* binding */ redactSecret),
/* harmony export */   tw: () => (/* binding */ responseMessage)
/* harmony export */ });
/* unused harmony exports responseHeader, isRateLimitAnswer, explainGitHubRefusal */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);

/**
 * A rate limit whose wait does not fit in the client's time budget (or that outlasted the retries).
 * Thrown at once, rather than sleeping into a job's timeout, so the run says when to come back.
 */
class GitHubRateLimitError extends Error {
    /** when GitHub said the limit lifts (for a secondary limit without headers: our estimate) */
    resetAt;
    kind;
    constructor(message, resetAt, kind) {
        super(message);
        this.name = 'GitHubRateLimitError';
        this.resetAt = resetAt;
        this.kind = kind;
    }
}
/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
function requestStatus(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}
/** GitHub's `message` of an error response, or '' when it has none. */
function responseMessage(err) {
    const data = err?.response?.data;
    return typeof data?.message === 'string' ? data.message : '';
}
function responseHeader(err, name) {
    const headers = err?.response?.headers;
    const value = headers?.[name];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
/**
 * Every text GitHub put in an error answer: `message`, and each `errors[]` entry's `message` and
 * `code` (the immutable-release refusal names `tag_name` there, not in `message`).
 */
function responseTexts(err) {
    const data = err?.response?.data;
    const texts = [];
    if (typeof data === 'string')
        texts.push(data);
    else if (data && typeof data === 'object') {
        const { message, errors } = data;
        if (typeof message === 'string')
            texts.push(message);
        if (Array.isArray(errors))
            for (const e of errors) {
                if (typeof e === 'string')
                    texts.push(e);
                else if (e && typeof e === 'object') {
                    for (const key of ['message', 'code', 'field']) {
                        const v = e[key];
                        if (typeof v === 'string')
                            texts.push(v);
                    }
                }
            }
    }
    return texts.join('\n');
}
/** GitHub's words, for a message: `message` and any errors[].message. */
function githubSaid(err) {
    const status = requestStatus(err);
    const data = err?.response?.data;
    const parts = [];
    const message = responseMessage(err);
    if (message)
        parts.push(message);
    const errors = data?.errors;
    if (Array.isArray(errors))
        for (const e of errors) {
            const m = typeof e === 'string' ? e : e?.message;
            if (typeof m === 'string' && m && !parts.includes(m))
                parts.push(m);
        }
    return `GitHub answered ${status}${parts.length ? ` "${parts.join('; ')}"` : ''}`;
}
/**
 * A rate limit answers 403 or 429 too ("Rate limits for the REST API",
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit);
 * the older wording of the secondary limit is "You have triggered an abuse detection mechanism"
 * (earlier octokit/plugin-throttling.js releases matched `/\babuse\b/i` for it;
 * https://github.com/octokit/plugin-throttling.js/blob/main/src/index.ts matches "secondary rate").
 */
function isRateLimitAnswer(err) {
    const status = requestStatus(err);
    if (status !== 403 && status !== 429)
        return false;
    return (status === 429 ||
        responseHeader(err, 'x-ratelimit-remaining') === '0' ||
        /rate limit|abuse detection/i.test(responseTexts(err)));
}
const TAG_RULESET = /repository rule violations found|cannot (create|update|delete) ref due to (creations|updates|deletions) being restricted|GH013/i;
const GHES_TAG_PROTECTION = /pre_receive|pre-receive|not authorized to create a tag|protected tag/i;
const IMMUTABLE_TAG = /tag_name was used by an immutable release|immutable release/i;
/**
 * GitHub's 403/404/422 on creating a tag ref or a release, as an error naming the cause and the way
 * out (GitHub's own message included); anything else is returned unchanged. It describes the
 * refusal only: the caller says what it had already done.
 */
function explainGitHubRefusal(err, ctx) {
    const status = requestStatus(err);
    if (status !== 403 && status !== 404 && status !== 422)
        return err;
    if (isRateLimitAnswer(err))
        return err;
    const texts = responseTexts(err);
    const where = `${ctx.repo.owner}/${ctx.repo.repo}`;
    const said = `${githubSaid(err)} to ${ctx.action} at commit ${ctx.sha} in ${where}`;
    // Tag rulesets: "Cannot create ref due to creations being restricted" (GH013), e.g.
    // https://github.com/softprops/action-gh-release/pull/750 and
    // https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
    if (TAG_RULESET.test(texts)) {
        return new RefusedError(`${said}: a repository ruleset restricts creating this tag. Add the GitHub App whose token the workflow ` +
            "uses to the ruleset's bypass list (Settings > Rules > Rulesets), or narrow the ruleset so that it does not " +
            'cover the release tags (v*).');
    }
    // Tag protection rules of GitHub Enterprise Server answer from the pre-receive hook
    // (https://docs.github.com/en/enterprise-server@3.12/repositories/managing-your-repositorys-settings-and-features/managing-repository-settings/configuring-tag-protection-rules).
    if (GHES_TAG_PROTECTION.test(texts)) {
        return new RefusedError(`${said}: a tag protection rule allows only some roles to create this tag. Ask a repository admin to allow ` +
            'it (or to replace the rule with a ruleset that bypasses the GitHub App the workflow uses), or use a token of ' +
            'a role allowed to create protected tags (admin or maintain).');
    }
    // Immutable releases reserve their tag name for ever, even after deletion
    // (https://docs.github.com/en/code-security/supply-chain-security/understanding-your-software-supply-chain/immutable-releases).
    if (status === 422 && IMMUTABLE_TAG.test(texts)) {
        return new RefusedError(`${said}: the tag was used by an immutable release, and GitHub never lets that version be released again, ` +
            "even after the release was deleted. Promote under a new version (the promotion's version input).");
    }
    const accepted = responseHeader(err, 'x-accepted-github-permissions');
    const withHeader = accepted ? ` (x-accepted-github-permissions: ${accepted})` : '';
    const asksWorkflows = accepted ? /workflows?=/i.test(accepted) : undefined;
    const asksContents = accepted ? /contents=/i.test(accepted) : false;
    // "Resource not accessible by integration": the GITHUB_TOKEN lacks a permission the header names
    // (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-not-accessible).
    if ((status === 403 || status === 404) &&
        asksContents &&
        !asksWorkflows &&
        (status === 403 || ctx.workflowsDiffer === false)) {
        return new InputError('github-token', '', 'a token with Contents: write: for the GITHUB_TOKEN, `permissions: contents: write` on the job (or the ' +
            'workflow); no App token is needed for this', `${said}${withHeader}: the token may not write the repository's contents`, { secret: true });
    }
    if (status === 422)
        return err;
    // The workflows permission: plausible unless we know the commit's workflows equal the default
    // branch's, or GitHub named permissions without it (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release;
    // release-please-action #878; mkb79/Audible PR #882).
    if (asksWorkflows === true || (asksWorkflows === undefined && ctx.workflowsDiffer !== false))
        return explainWorkflowsRefusal(err, ctx);
    return new InputError('github-token', '', 'a token that can read the repository and write its contents: for the GITHUB_TOKEN, `permissions: contents: ' +
        'write` on the job; for a GitHub App or a fine-grained token, access to this repository with Contents: write', `${said}${withHeader}: ` +
        (ctx.workflowsDiffer === false
            ? "the commit's .github/workflows equal the default branch's, so the workflows permission is not the cause"
            : 'GitHub did not ask for the workflows permission') +
        '; the token cannot see the repository or may not write its contents', { secret: true });
}
/**
 * GitHub refuses to create a tag at a commit that changes `.github/workflows/` relative to the
 * default branch unless the token may modify workflows, and says so with a bare 404 (sometimes 403)
 * (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release; https://github.com/googleapis/release-please-action/issues/878).
 * Releasing an older shipped commit is exactly that case, and a workflow's GITHUB_TOKEN can never
 * hold the workflows permission.
 */
function explainWorkflowsRefusal(err, ctx) {
    const status = requestStatus(err);
    const message = responseMessage(err);
    const acceptedPermissions = responseHeader(err, 'x-accepted-github-permissions');
    const known = ctx.workflowsDiffer === true;
    const reason = `GitHub answered ${status}${message ? ` "${message}"` : ''} to ${ctx.action} at commit ${ctx.sha} in ${ctx.repo.owner}/${ctx.repo.repo}` +
        (acceptedPermissions ? ` (x-accepted-github-permissions: ${acceptedPermissions})` : '') +
        (known
            ? '. The commit changes files under .github/workflows/ relative to the default branch, and GitHub refuses a tag ' +
                'there unless the token is authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is)'
            : '. GitHub answers so when the commit changes files under .github/workflows/ relative to the default branch and the token ' +
                'is not authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is), or when the token lacks ' +
                'contents: write on the repository');
    return new InputError('github-token', '', 'a GitHub App installation token with the Contents: write and Workflows: write permissions, or a personal access ' +
        'token with the workflow scope (fine-grained: Contents and Workflows, read and write)', reason, { secret: true });
}
/**
 * Replaces every occurrence of the token in an error (its message, stack, cause chain, the
 * response's data) with `***`, in place, and returns it: an API or a proxy that echoes the
 * Authorization header in its answer must not put the token on the terminal or in a log.
 */
function redactSecret(err, secret) {
    if (!secret)
        return err;
    const forms = [...new Set([secret, encodeURIComponent(secret)])].filter((f) => f.length >= 4);
    const scrub = (text) => forms.reduce((t, f) => t.split(f).join('***'), text);
    const seen = new Set();
    const walk = (node, depth) => {
        if (typeof node === 'string')
            return scrub(node);
        if (!node || typeof node !== 'object' || seen.has(node) || depth > 8)
            return node;
        if (node instanceof ArrayBuffer || ArrayBuffer.isView(node))
            return node;
        seen.add(node);
        if (node instanceof Error) {
            // V8 may keep `stack` as an accessor, which the loop below skips; it repeats the message.
            try {
                if (typeof node.stack === 'string')
                    node.stack = scrub(node.stack);
            }
            catch {
                // a read-only stack stays as it is
            }
        }
        if (Array.isArray(node)) {
            for (let i = 0; i < node.length; i++)
                node[i] = walk(node[i], depth + 1);
            return node;
        }
        for (const key of Object.getOwnPropertyNames(node)) {
            const descriptor = Object.getOwnPropertyDescriptor(node, key);
            if (!descriptor || !('value' in descriptor) || !descriptor.writable)
                continue;
            const value = descriptor.value;
            if (typeof value === 'function')
                continue;
            const next = walk(value, depth + 1);
            if (next !== value)
                node[key] = next;
        }
        return node;
    };
    return walk(err, 0);
}


/***/ })

};
