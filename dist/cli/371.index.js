export const id = 371;
export const ids = [371];
export const modules = {

/***/ 2600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ RequestTimeoutError),
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   J5: () => (/* binding */ fetchWithRetry),
/* harmony export */   Mq: () => (/* binding */ isRetriedStatus),
/* harmony export */   NI: () => (/* binding */ finalFault),
/* harmony export */   Qx: () => (/* binding */ describeFault),
/* harmony export */   Rq: () => (/* binding */ timeoutOf),
/* harmony export */   cg: () => (/* binding */ startBudget),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   qV: () => (/* binding */ budgetError),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy),
/* harmony export */   xB: () => (/* binding */ outlivesBudget)
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
/** Whether sleeping `delay` ms before another attempt would end past the budget's deadline. */
function outlivesBudget(budget, delay, now = Date.now()) {
    return budget !== undefined && now + delay >= budget.deadline;
}
/** The message of an error with the message of its cause, as fetch failures carry the reason there. */
/**
 * Marks a transport fault that sending the same request again cannot cure, such as a proxy's 407
 * (its credentials are wrong or missing): fetchWithRetry then fails at once.
 */
function finalFault(err) {
    return Object.assign(err, { final: true });
}
function isFinalFault(err) {
    const cause = err?.cause;
    return err?.final === true || cause?.final === true;
}
function describeFault(err) {
    if (!(err instanceof Error))
        return String(err);
    const cause = err.cause;
    return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
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
    const budget = opts.budget;
    const attemptInit = budget ? { ...init, signal: budget.signal } : init;
    let lastError;
    for (let attempt = 0;; attempt++) {
        let response;
        if (budget?.signal.aborted)
            throw budgetError(what, budget.ms, lastError ? describeFault(lastError) : undefined);
        try {
            response = await doFetch(url, attemptInit);
            if (!isRetriedStatus(response.status))
                return response;
            lastError = undefined;
        }
        catch (err) {
            if (timeoutOf(err)?.timeout === 'budget' || budget?.signal.aborted)
                throw budgetError(what, budget.ms);
            // A fault that the same request cannot cure (a proxy refusing its credentials) is not retried.
            if (isFinalFault(err))
                throw new Error(`${what} failed: ${describeFault(err)}`);
            lastError = err;
        }
        if (attempt >= policy.retries) {
            if (response)
                return response;
            const message = `${what} failed after ${attempt + 1} attempts: ${describeFault(lastError)}`;
            const timeout = timeoutOf(lastError);
            throw timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
        }
        let delay = backoffDelay(attempt, policy);
        if (response) {
            const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
            if (retryAfter !== undefined)
                delay = Math.min(Math.max(retryAfter, delay), policy.maxRetryAfterMs);
            await response.arrayBuffer().catch(() => undefined);
            if (outlivesBudget(budget, delay))
                throw budgetError(what, budget.ms, `HTTP ${response.status}`);
            logger.debug(`${what}: HTTP ${response.status}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
        }
        else {
            if (outlivesBudget(budget, delay))
                throw budgetError(what, budget.ms, describeFault(lastError));
            logger.debug(`${what}: ${describeFault(lastError)}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
        }
        await sleep(delay);
    }
}


/***/ }),

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


/***/ })

};
