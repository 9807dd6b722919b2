export const id = 727;
export const ids = [727];
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

/***/ 3463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dH: () => (/* binding */ resolveBuildVersion)
/* harmony export */ });
/* unused harmony exports nextPageUrl, listVersionTags, listVersionRefs */
/* harmony import */ var _common_link_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4364);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _tagging_version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8474);



const TAG_PREFIX = 'refs/tags/';
/** The next page of a response, from its `Link` header (RFC 8288, parsed by common/link.ts). */
function nextPageUrl(link) {
    return (0,_common_link_js__WEBPACK_IMPORTED_MODULE_0__/* .findLink */ .K)(link, 'next');
}
/**
 * Names of the repository's `v*` tags (`v1.2.3`, `v1.3.0-next`), in API order.
 * Reads `git/matching-refs/tags/v`, not `repos/list-tags`: the latter caps pages at 100 and peers
 * that read one page reused taken versions (mathieudutour/github-tag-action #126). matching-refs
 * answers everything at once today (github/docs #3863), but a `Link` header is followed if one comes.
 * An empty repository (409) has no tags.
 */
async function listVersionTags(client, opts) {
    return (await listVersionRefs(client, opts)).map((r) => r.name);
}
/** listVersionTags with each ref's object: a promotion reads its release and next-version tags from it. */
async function listVersionRefs(client, opts) {
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q;
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
                names.push({ name: ref.ref.slice(TAG_PREFIX.length), sha: ref.object.sha, type: ref.object.type });
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
    return (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_2__/* .nextBuildVersion */ .Sy)({ tags, initialVersion: opts.initialVersion, suffix: opts.suffix });
}


/***/ }),

/***/ 1727:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveRepositoryVersion: () => (/* binding */ resolveRepositoryVersion)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _github_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6217);
/* harmony import */ var _github_versions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3463);



/** The next build version from the repository's tags, read through GitHub's API (no checkout needed). */
async function resolveRepositoryVersion(opts) {
    if (!opts.token) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', '', 'a token that can read the repository (default: github.token), or an explicit version input');
    }
    if (!opts.repository) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('repository', '', 'owner/name (GITHUB_REPOSITORY is unset)');
    }
    const { owner, repo } = (0,_github_client_js__WEBPACK_IMPORTED_MODULE_1__.parseRepository)(opts.repository, 'repository');
    const client = (0,_github_client_js__WEBPACK_IMPORTED_MODULE_1__.createGitHubClient)({ token: opts.token, apiUrl: opts.apiUrl, logger: opts.logger });
    return (0,_github_versions_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveBuildVersion */ .dH)({ client, owner, repo, initialVersion: opts.initialVersion, suffix: opts.suffix });
}


/***/ }),

/***/ 8474:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sy: () => (/* binding */ nextBuildVersion)
/* harmony export */ });
/* unused harmony exports DEFAULT_NEXT_SUFFIX, DEFAULT_INITIAL_VERSION, isReleaseTag, releaseVersions, highestRelease, MAX_SUFFIX_LENGTH, validateSuffix, nextVersionTagVersion, validateBumpLevel, bumpVersion, nextVersionTag, previousRelease, isHighestRelease */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4715);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5141);



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
    return semver__WEBPACK_IMPORTED_MODULE_0___default().valid(version) === version ? version : undefined;
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
    return [...versions].sort((semver__WEBPACK_IMPORTED_MODULE_0___default().rcompare));
}
function highestRelease(tags) {
    return releaseVersions(tags)[0];
}
/**
 * The longest next-version suffix: a label, not a text. With it the next-version tag
 * `v<X.Y.Z>-<suffix>` stays within 128 characters, the bound every tag the suite writes keeps (the
 * longest version is 50 characters, see MAX_ENVIRONMENT_LENGTH in tags.ts), so a 10 KB value
 * never becomes a 10 KB git tag.
 */
const MAX_SUFFIX_LENGTH = 64;
function validateSuffix(suffix, input = 'suffix') {
    if (SUFFIX.test(suffix) && suffix.length <= MAX_SUFFIX_LENGTH)
        return suffix;
    let reason;
    if (suffix === '')
        reason = 'it is empty';
    else if (SUFFIX.test(suffix))
        reason = `it has ${suffix.length} characters, more than ${MAX_SUFFIX_LENGTH}`;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, suffix, `a semver prerelease identifier of at most ${MAX_SUFFIX_LENGTH} characters: dot-separated [0-9A-Za-z-] identifiers, numeric ones without leading zeros, e.g. next`, reason);
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
    let best = (0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(opts.initialVersion ?? DEFAULT_INITIAL_VERSION, 'initial-version');
    const consider = (v) => {
        if (v && semver__WEBPACK_IMPORTED_MODULE_0___default().gt(v, best))
            best = v;
    };
    const highest = highestRelease(opts.tags);
    if (highest !== undefined)
        consider(semver__WEBPACK_IMPORTED_MODULE_0___default().inc(highest, 'patch'));
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


/***/ })

};
