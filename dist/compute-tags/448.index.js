export const id = 448;
export const ids = [448];
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

/***/ 7448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveRepositoryVersion: () => (/* binding */ resolveRepositoryVersion)
});

// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./packages/common/http.ts
var http = __webpack_require__(2600);
// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
;// CONCATENATED MODULE: ./packages/github/client.ts




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
    const backoff = (0,http/* backoffDelay */.EY)(attempt, policy, random);
    const retryAfter = (0,http/* parseRetryAfter */.mu)(header(err, 'retry-after'), now);
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
    if ((0,http/* isRetriedStatus */.Mq)(status))
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
        throw new errors/* InputError */.dz('github-token', '', 'a GitHub token (the default `github.token`, a PAT or a GitHub App token)', 'it is empty');
    const logger = opts.logger ?? common_logger/* silentLogger */.q;
    const policy = opts.retryPolicy ?? http/* defaultRetryPolicy */.ur;
    const random = opts.random ?? Math.random;
    const baseUrl = (opts.apiUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    const client = (0,github/* getOctokit */.Q)(opts.token, {
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
        throw new errors/* InputError */.dz(input, value, '`owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)');
    }
    return { owner: match[1], repo: match[2] };
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var node_modules_semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(node_modules_semver);
// EXTERNAL MODULE: ./packages/tagging/tags.ts
var tags = __webpack_require__(5141);
;// CONCATENATED MODULE: ./packages/tagging/version.ts



/** The prerelease suffix of the tag a bump leaves: `v1.2.4-next` sorts below `v1.2.4` in semver. */
const DEFAULT_NEXT_SUFFIX = 'next';
const DEFAULT_INITIAL_VERSION = '0.0.1';
const RELEASE_TAG = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
// semver 2.0.0 prerelease identifiers: numeric without leading zeros, or alphanumeric with a letter or '-'.
const SUFFIX = /^(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*$/;
/** GitHub's matching-refs API answers with full ref names. */
function tagName(tag) {
    return tag.startsWith('refs/tags/') ? tag.slice('refs/tags/'.length) : tag;
}
function releaseVersion(tag) {
    const name = tagName(tag);
    if (!RELEASE_TAG.test(name))
        return undefined;
    const version = name.slice(1);
    // semver refuses numbers beyond Number.MAX_SAFE_INTEGER; such a tag cannot be compared.
    return semver_default().valid(version) === version ? version : undefined;
}
/** Exactly `vX.Y.Z` (or `refs/tags/vX.Y.Z`), no prerelease such as `-next`, no leading zeros. */
function isReleaseTag(tag) {
    return releaseVersion(tag) !== undefined;
}
/** Release versions (`X.Y.Z`, no `v`), highest first, compared as semver; duplicates removed. */
function releaseVersions(tags) {
    const versions = new Set();
    for (const tag of tags) {
        const v = releaseVersion(tag);
        if (v !== undefined)
            versions.add(v);
    }
    return [...versions].sort((semver_default()).rcompare);
}
function highestRelease(tags) {
    return releaseVersions(tags)[0];
}
function validateSuffix(suffix, input = 'suffix') {
    if (SUFFIX.test(suffix))
        return suffix;
    throw new errors/* InputError */.dz(input, suffix, 'a semver prerelease identifier: dot-separated [0-9A-Za-z-] identifiers, numeric ones without leading zeros, e.g. next', suffix === '' ? 'it is empty' : undefined);
}
/** `v1.3.0-next` → `1.3.0`; `undefined` for any other tag. */
function nextVersionTagVersion(tag, suffix = DEFAULT_NEXT_SUFFIX) {
    const name = tagName(tag);
    const end = `-${suffix}`;
    if (!name.endsWith(end))
        return undefined;
    return releaseVersion(name.slice(0, -end.length));
}
/**
 * The highest of: the patch after the highest release, any next-version tag's version, the initial
 * version. A next-version tag whose version has since been released loses to the patch after it.
 */
function nextBuildVersion(opts) {
    const suffix = validateSuffix(opts.suffix ?? DEFAULT_NEXT_SUFFIX);
    let best = (0,tags/* validateVersion */.Pj)(opts.initialVersion ?? DEFAULT_INITIAL_VERSION, 'initial-version');
    const consider = (v) => {
        if (v && semver_default().gt(v, best))
            best = v;
    };
    const highest = highestRelease(opts.tags);
    if (highest !== undefined)
        consider(semver_default().inc(highest, 'patch'));
    for (const tag of opts.tags)
        consider(nextVersionTagVersion(tag, suffix));
    return best;
}
const BUMP_LEVELS = (/* unused pure expression or super */ null && (['patch', 'minor', 'major']));
function validateBumpLevel(level, input = 'level') {
    if (BUMP_LEVELS.includes(level))
        return level;
    throw new InputError(input, level, BUMP_LEVELS.join(', '));
}
function bumpVersion(version, level) {
    const v = validateVersion(version);
    const next = semver.inc(v, validateBumpLevel(level));
    if (next === null)
        throw new InputError('version', version, 'MAJOR.MINOR.PATCH that semver can increment');
    return next;
}
/** `1.2.4` → `v1.2.4-next`: a semver prerelease, so it sorts below the release it announces. */
function nextVersionTag(version, suffix = DEFAULT_NEXT_SUFFIX) {
    return `v${validateVersion(version)}-${validateSuffix(suffix)}`;
}
/** The highest release strictly below `version` (GitHub's `previous_tag_name`); never a `-next` tag. */
function previousRelease(tags, version) {
    const v = validateVersion(version);
    return releaseVersions(tags).find((r) => semver.lt(r, v));
}
/** Whether `version` is at or above every release, so its release may be marked latest. */
function isHighestRelease(tags, version) {
    const v = validateVersion(version);
    const highest = highestRelease(tags);
    return highest === undefined || semver.gte(v, highest);
}

;// CONCATENATED MODULE: ./packages/github/versions.ts


const TAG_PREFIX = 'refs/tags/';
/** The next page of a response, from its RFC 5988 `Link` header. */
function nextPageUrl(link) {
    if (!link)
        return undefined;
    for (const part of link.split(',')) {
        const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
        if (match && match[2].split(/\s+/).includes('next'))
            return match[1];
    }
    return undefined;
}
/**
 * Names of the repository's `v*` tags (`v1.2.3`, `v1.3.0-next`), in API order.
 * Reads `git/matching-refs/tags/v`, not `repos/list-tags`: the latter caps pages at 100 and peers
 * that read one page reused taken versions (mathieudutour/github-tag-action #126). matching-refs
 * answers everything at once today (github/docs #3863), but a `Link` header is followed if one comes.
 * An empty repository (409) has no tags.
 */
async function listVersionTags(client, opts) {
    const logger = opts.logger ?? common_logger/* silentLogger */.q;
    const names = [];
    let response;
    try {
        response = await client.request('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', {
            owner: opts.owner,
            repo: opts.repo,
            ref: 'tags/v',
        });
    }
    catch (err) {
        if (err.status === 409)
            return [];
        throw err;
    }
    const seen = new Set();
    for (let pages = 1;; pages++) {
        for (const ref of response.data) {
            if (ref.ref.startsWith(TAG_PREFIX))
                names.push(ref.ref.slice(TAG_PREFIX.length));
        }
        const next = nextPageUrl(response.headers.link);
        if (!next || seen.has(next))
            break;
        seen.add(next);
        response = (await client.request(`GET ${next}`));
        logger.debug(`matching-refs tags/v: page ${pages + 1}`);
    }
    // tilework-tech PRs #509/#522: git/refs lists were seen silently capped at 1000.
    if (names.length > 0 && names.length % 1000 === 0) {
        logger.warning(`GitHub returned exactly ${names.length} version tags for ${opts.owner}/${opts.repo}; if the list was truncated the version may be too low`);
    }
    return names;
}
/**
 * The version of the next build (SPEC "Versions"): the highest of the patch after the highest release
 * tag, any next-version tag, and the initial version; compared as semver over every tag.
 */
async function resolveBuildVersion(opts) {
    const tags = await listVersionTags(opts.client, { owner: opts.owner, repo: opts.repo, logger: opts.logger });
    return nextBuildVersion({ tags, initialVersion: opts.initialVersion, suffix: opts.suffix });
}

;// CONCATENATED MODULE: ./packages/promotion/versions.ts



/** The next build version from the repository's tags, read through GitHub's API (no checkout needed). */
async function resolveRepositoryVersion(opts) {
    if (!opts.token) {
        throw new errors/* InputError */.dz('github-token', '', 'a token that can read the repository (default: github.token), or an explicit version input');
    }
    if (!opts.repository) {
        throw new errors/* InputError */.dz('repository', '', 'owner/name (GITHUB_REPOSITORY is unset)');
    }
    const { owner, repo } = parseRepository(opts.repository, 'repository');
    const client = createGitHubClient({ token: opts.token, apiUrl: opts.apiUrl, logger: opts.logger });
    return resolveBuildVersion({ client, owner, repo, initialVersion: opts.initialVersion, suffix: opts.suffix });
}


/***/ })

};
