export const id = 217;
export const ids = [217];
export const modules = {

/***/ 2600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   J5: () => (/* binding */ fetchWithRetry),
/* harmony export */   Mq: () => (/* binding */ isRetriedStatus),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy)
/* harmony export */ });
/* harmony import */ var _logger_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9088);

const defaultRetryPolicy = { retries: 4, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 30000 };
const RETRIED_STATUS = new Set([408, 429, 499, 500, 502, 503, 504, 522]);
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
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * fetch with retries. The request body must be replayable (a string, Buffer or Uint8Array).
 * Returns the first response that is not retried, or the last one when retries run out; throws
 * a clear Error when the connection kept failing.
 */
async function fetchWithRetry(url, init, opts = {}) {
    const policy = opts.policy ?? defaultRetryPolicy;
    const logger = opts.logger ?? _logger_js__WEBPACK_IMPORTED_MODULE_0__/* .silentLogger */ .q;
    const doFetch = opts.fetchImpl ?? fetch;
    const what = opts.what ?? `${init.method ?? 'GET'} ${String(url)}`;
    let lastError;
    for (let attempt = 0;; attempt++) {
        let response;
        try {
            response = await doFetch(url, init);
            if (!isRetriedStatus(response.status))
                return response;
            lastError = undefined;
        }
        catch (err) {
            lastError = err;
        }
        if (attempt >= policy.retries) {
            if (response)
                return response;
            const cause = lastError instanceof Error
                ? `${lastError.message}${lastError.cause ? ` (${lastError.cause?.message})` : ''}`
                : String(lastError);
            throw new Error(`${what} failed after ${attempt + 1} attempts: ${cause}`);
        }
        let delay = backoffDelay(attempt, policy);
        if (response) {
            const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
            if (retryAfter !== undefined)
                delay = Math.min(Math.max(retryAfter, delay), policy.maxRetryAfterMs);
            await response.arrayBuffer().catch(() => undefined);
            logger.debug(`${what}: HTTP ${response.status}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
        }
        else {
            logger.debug(`${what}: ${lastError instanceof Error ? lastError.message : String(lastError)}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
        }
        await sleep(delay);
    }
}


/***/ }),

/***/ 6217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient),
/* harmony export */   parseRepository: () => (/* binding */ parseRepository)
/* harmony export */ });
/* unused harmony export retryDelay */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4715);
/* harmony import */ var _common_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2600);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9088);




const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function header(err, name) {
    const value = err.response?.headers?.[name];
    return value === undefined ? null : String(value);
}
/**
 * How long to wait before retrying this failure, or undefined when it is not retried.
 * 429, 5xx and dropped connections (Octokit reports those as status 500 without a response) are
 * retried with backoff; a 403 only when it is a rate limit: a secondary limit (`retry-after`, or its
 * message) or the primary limit (`x-ratelimit-remaining: 0` until `x-ratelimit-reset`) —
 * GitHub REST docs, "Rate limits for the REST API".
 */
function retryDelay(err, attempt, policy, random = Math.random, now = Date.now()) {
    const status = err.status ?? 0;
    const backoff = (0,_common_http_js__WEBPACK_IMPORTED_MODULE_2__/* .backoffDelay */ .EY)(attempt, policy, random);
    const retryAfter = (0,_common_http_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRetryAfter */ .mu)(header(err, 'retry-after'), now);
    const capped = (ms) => Math.min(Math.max(ms, backoff), policy.maxRetryAfterMs);
    if (status === 403 || status === 429) {
        if (retryAfter !== undefined)
            return capped(retryAfter);
        if (header(err, 'x-ratelimit-remaining') === '0') {
            const reset = Number(header(err, 'x-ratelimit-reset'));
            if (Number.isFinite(reset) && reset > 0)
                return capped(reset * 1000 - now);
        }
        const message = String(err.response?.data?.message ?? err.message);
        if (/secondary rate limit/i.test(message))
            return capped(backoff);
        return status === 429 ? backoff : undefined;
    }
    if (err.name === 'AbortError')
        return undefined;
    if ((0,_common_http_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetriedStatus */ .Mq)(status))
        return retryAfter !== undefined ? capped(retryAfter) : backoff;
    return undefined;
}
/**
 * An Octokit (from @actions/github, so the runner's proxy settings apply) whose every request is
 * retried per the policy. Errors that are not retried, or that outlast the retries, are rethrown as
 * Octokit's RequestError (callers test `status`), the message naming the request and attempts.
 */
function createGitHubClient(opts) {
    if (!opts.token)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('github-token', '', 'a GitHub token (the default `github.token`, a PAT or a GitHub App token)', 'it is empty');
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_3__/* .silentLogger */ .q;
    const policy = opts.retryPolicy ?? _common_http_js__WEBPACK_IMPORTED_MODULE_2__/* .defaultRetryPolicy */ .ur;
    const random = opts.random ?? Math.random;
    const baseUrl = (opts.apiUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    const client = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(opts.token, {
        baseUrl,
        // Octokit's own log would go to the console; the token never appears in these messages.
        log: {
            debug: (m) => logger.debug(m),
            info: (m) => logger.debug(m),
            warn: (m) => logger.warning(m),
            error: (m) => logger.warning(m),
        },
    });
    client.hook.wrap('request', async (request, options) => {
        for (let attempt = 0;; attempt++) {
            try {
                return await request(options);
            }
            catch (caught) {
                const err = caught;
                const what = `${err.request?.method ?? options.method} ${err.request?.url ?? options.url}`;
                const delay = typeof err.status === 'number' ? retryDelay(err, attempt, policy, random) : undefined;
                if (delay === undefined)
                    throw caught;
                if (attempt >= policy.retries) {
                    err.message = `${what} failed after ${attempt + 1} attempts: ${err.status === 500 && !err.response ? 'connection failed: ' : `HTTP ${err.status}: `}${err.message}`;
                    throw caught;
                }
                logger.debug(`${what}: ${err.response ? `HTTP ${err.status}` : err.message}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
                await sleep(delay);
            }
        }
    });
    return client;
}
/** `owner/name` (the form of GITHUB_REPOSITORY) into its parts. */
function parseRepository(value, input = 'repository') {
    const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
    if (!match || match[2] === '.' || match[2] === '..') {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, value, '`owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)');
    }
    return { owner: match[1], repo: match[2] };
}


/***/ })

};
