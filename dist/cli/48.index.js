export const id = 48;
export const ids = [48];
export const modules = {

/***/ 8456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G2: () => (/* binding */ requestStatus),
/* harmony export */   Jf: () => (/* binding */ explainTokenRefusal),
/* harmony export */   c9: () => (/* binding */ readAfterWrite),
/* harmony export */   k2: () => (/* binding */ getTagRef),
/* harmony export */   ud: () => (/* binding */ ensureNextVersionTag),
/* harmony export */   uh: () => (/* binding */ ensureTagRef)
/* harmony export */ });
/* unused harmony export readAfterWritePolicy */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2600);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9088);



const FULL_SHA = /^[0-9a-f]{40}$/;
// Nested annotated tags (a tag of a tag) are legal in git; a loop is not, so the peeling is bounded.
const MAX_PEEL_DEPTH = 8;
/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
function requestStatus(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}
function responseMessage(err) {
    const data = err?.response?.data;
    return typeof data?.message === 'string' ? data.message : '';
}
function responseHeader(err, name) {
    const headers = err?.response?.headers;
    const value = headers?.[name];
    return typeof value === 'string' ? value : undefined;
}
/**
 * How long to keep reading back something just written: GitHub's replicas can answer 404 for a
 * release or ref created a moment ago (cli/cli #6599; semantic-release/github retries 404 "to
 * account for replication lag").
 */
const readAfterWritePolicy = { retries: 4, baseMs: 250, maxMs: 4000, maxRetryAfterMs: 0 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Reads until `read` returns something, retrying an absent answer (undefined or a 404) with
 * backoff; returns undefined when it is still absent after the retries.
 */
async function readAfterWrite(what, read, opts = {}) {
    const policy = opts.policy ?? readAfterWritePolicy;
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q;
    for (let attempt = 0;; attempt++) {
        let value;
        try {
            value = await read();
        }
        catch (err) {
            if (requestStatus(err) !== 404)
                throw err;
        }
        if (value !== undefined)
            return value;
        if (attempt >= policy.retries)
            return undefined;
        const delay = (0,_common_http_js__WEBPACK_IMPORTED_MODULE_1__/* .backoffDelay */ .EY)(attempt, policy);
        logger.debug(`${what}: not visible yet after a write; reading again in ${delay} ms`);
        await sleep(delay);
    }
}
/** Rate limits answer 403 too (GitHub REST docs, "Rate limits"); those are not a permission problem. */
function isRateLimit(err) {
    return responseHeader(err, 'x-ratelimit-remaining') === '0' || /rate limit/i.test(responseMessage(err));
}
/**
 * A 403 or 404 on creating a tag or publishing a release, explained. GitHub refuses to create a tag
 * at a commit that changes `.github/workflows/` relative to the default branch unless the token may
 * modify workflows, and says so with a bare 404 (sometimes 403) (spec note on create-release;
 * release-please-action #878; mkb79/Audible PR #882). Releasing an older shipped commit is exactly
 * that case, and a workflow's GITHUB_TOKEN can never hold the workflows permission.
 */
function explainTokenRefusal(err, repo, action, sha) {
    const status = requestStatus(err);
    if ((status !== 403 && status !== 404) || isRateLimit(err))
        return err;
    const message = responseMessage(err);
    const acceptedPermissions = responseHeader(err, 'x-accepted-github-permissions');
    const reason = `GitHub answered ${status}${message ? ` "${message}"` : ''} to ${action} at commit ${sha} in ${repo.owner}/${repo.repo}` +
        (acceptedPermissions ? ` (x-accepted-github-permissions: ${acceptedPermissions})` : '') +
        '. GitHub answers so when the commit changes files under .github/workflows/ relative to the default branch and the token ' +
        'is not authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is), or when the token lacks ' +
        'contents: write on the repository';
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', '', 'a GitHub App installation token with the Contents: write and Workflows: write permissions, or a personal access ' +
        'token with the workflow scope (fine-grained: Contents and Workflows, read and write)', reason, { secret: true });
}
/** A tag ref's target, peeled down to a commit; undefined when the tag does not exist. */
async function getTagRef(client, repo, tag) {
    let object;
    try {
        const { data } = await client.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `tags/${tag}` });
        object = data.object;
    }
    catch (err) {
        const status = requestStatus(err);
        // 409: an empty repository has no tags.
        if (status === 404 || status === 409)
            return undefined;
        throw err;
    }
    for (let depth = 0; object.type === 'tag'; depth++) {
        if (depth >= MAX_PEEL_DEPTH)
            throw new Error(`tag ${tag} of ${repo.owner}/${repo.repo}: more than ${MAX_PEEL_DEPTH} nested annotated tags`);
        const { data } = await client.rest.git.getTag({ owner: repo.owner, repo: repo.repo, tag_sha: object.sha });
        object = data.object;
    }
    if (object.type !== 'commit')
        throw new Error(`tag ${tag} of ${repo.owner}/${repo.repo} points at a ${object.type} (${object.sha}), not at a commit`);
    return object.sha;
}
function validateFullSha(sha, input) {
    if (FULL_SHA.test(sha))
        return sha;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, 'a full commit sha: 40 lowercase hex characters');
}
/** create-ref's first-writer-wins answer: 422 "Reference already exists", with no errors[] code (§4.4). */
function isReferenceExists(err) {
    return requestStatus(err) === 422 && /reference already exists/i.test(responseMessage(err));
}
async function createTagRef(client, repo, tag, sha) {
    try {
        await client.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref: `refs/tags/${tag}`, sha });
        return 'created';
    }
    catch (err) {
        if (isReferenceExists(err))
            return 'exists';
        throw explainTokenRefusal(err, repo, `creating tag ${tag}`, sha);
    }
}
function tagConflict(repo, tag, existing, sha) {
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`Tag ${tag} of ${repo.owner}/${repo.repo} already points at commit ${existing}, not at ${sha}: that version was ` +
        `shipped from ${existing}. Nothing was changed. To release commit ${sha}, promote it under a new version ` +
        "(the promotion's version input).");
}
/**
 * The release tag at the shipped commit (SPEC.md "Versions": `git checkout vX.Y.Z` is production's
 * code). Read first, so a re-run writes nothing; then create, letting create-ref decide a race
 * (first writer wins, github-release.md §3.10). A tag at another commit is never moved.
 */
async function ensureTagRef(client, repo, tag, sha, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q) {
    validateFullSha(sha, 'commit');
    const existing = await getTagRef(client, repo, tag);
    if (existing === sha) {
        logger.debug(`tag ${tag} already points at ${sha}`);
        return 'unchanged';
    }
    if (existing !== undefined)
        throw tagConflict(repo, tag, existing, sha);
    if ((await createTagRef(client, repo, tag, sha)) === 'created') {
        logger.info(`Created tag ${tag} at ${sha}`);
        return 'created';
    }
    // Another run created it between our read and our write: converge on its answer.
    const winner = await readAfterWrite(`tag ${tag}`, () => getTagRef(client, repo, tag), { logger });
    if (winner === sha)
        return 'unchanged';
    if (winner === undefined)
        throw new Error(`tag ${tag} of ${repo.owner}/${repo.repo}: GitHub said the reference exists, but it cannot be read`);
    throw tagConflict(repo, tag, winner, sha);
}
/**
 * The next-version marker a bump leaves (`v1.2.4-next`). It only announces a version, so one that
 * exists at any commit is left where it is: moving it would change nothing a build reads.
 */
async function ensureNextVersionTag(client, repo, tag, sha, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q) {
    validateFullSha(sha, 'commit');
    const existing = await getTagRef(client, repo, tag);
    if (existing !== undefined) {
        logger.debug(`next-version tag ${tag} already exists at ${existing}`);
        return 'unchanged';
    }
    if ((await createTagRef(client, repo, tag, sha)) === 'exists')
        return 'unchanged';
    logger.info(`Created next-version tag ${tag} at ${sha}`);
    return 'created';
}


/***/ }),

/***/ 6048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w9: () => (/* binding */ ensureRelease),
  a7: () => (/* binding */ findReleaseByTag),
  validateMakeLatest: () => (/* binding */ validateMakeLatest)
});

// UNUSED EXPORTS: RELEASE_BODY_LIMIT, composeReleaseBody, getRelease, listReleases

// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
// EXTERNAL MODULE: ./packages/tagging/tags.ts
var tags = __webpack_require__(5141);
// EXTERNAL MODULE: ./packages/tagging/version.ts
var tagging_version = __webpack_require__(6093);
;// CONCATENATED MODULE: ./packages/github/lineage.ts
/**
 * The lineage block of a GitHub Release: which image, digest, tags and commit a version shipped as
 * (SPEC.md "Traceability"). It sits in the release body between two HTML comments so that a re-run
 * finds its own block and replaces it, leaving the generated notes (and any hand edits) around it
 * untouched. Pure: no I/O.
 */
const LINEAGE_START = '<!-- gitops-promote:lineage -->';
const LINEAGE_END = '<!-- /gitops-promote:lineage -->';
const DATA_PREFIX = '<!-- gitops-promote:lineage-data ';
const DATA_SUFFIX = ' -->';
const REQUIRED_FIELDS = ['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version'];
const OPTIONAL_FIELDS = ['runUrl', 'promotedAt'];
/**
 * A markdown table cell: a pipe or a line break would end the cell or the row (GFM tables), and
 * `<`/`>` could open an HTML comment that hides the rest or fake the block's end marker.
 */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** A code span, unless the text has characters a code span would show as entities or end early on. */
function code(text) {
    return /[<>`]/.test(text) ? cell(text) : `\`${cell(text)}\``;
}
/**
 * JSON inside an HTML comment: `-->` (or `--!>`) would end the comment, so `<` and `>` are written
 * as JSON unicode escapes, which JSON.parse reads back unchanged.
 */
function commentJson(value) {
    return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}
function orderedLineage(l) {
    const out = {};
    for (const key of REQUIRED_FIELDS)
        out[key] = l[key];
    for (const key of OPTIONAL_FIELDS)
        if (l[key] !== undefined)
            out[key] = l[key];
    return out;
}
function renderLineage(l) {
    const rows = [
        ['Version', code(`v${l.version}`)],
        ['Commit', code(l.commit)],
        ['Image', code(l.image)],
        ['Digest', code(l.digest)],
        ['Promoted from', code(l.sourceTag)],
        ['Promoted to', code(l.targetTag)],
    ];
    if (l.runUrl !== undefined)
        rows.push(['Workflow run', cell(l.runUrl)]);
    if (l.promotedAt !== undefined)
        rows.push(['Promoted at', cell(l.promotedAt)]);
    return [
        LINEAGE_START,
        '### Lineage',
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${value} |`),
        '',
        `${DATA_PREFIX}${commentJson(orderedLineage(l))}${DATA_SUFFIX}`,
        LINEAGE_END,
    ].join('\n');
}
function findBlock(body) {
    const start = body.indexOf(LINEAGE_START);
    if (start < 0)
        return undefined;
    const endMarker = body.indexOf(LINEAGE_END, start + LINEAGE_START.length);
    if (endMarker < 0)
        return undefined;
    return { start, end: endMarker + LINEAGE_END.length };
}
/** The lineage recorded in a release body, or `undefined` when there is none or it is unreadable. */
function parseLineage(body) {
    if (!body)
        return undefined;
    const block = findBlock(body);
    if (!block)
        return undefined;
    const text = body.slice(block.start, block.end);
    const dataStart = text.indexOf(DATA_PREFIX);
    if (dataStart < 0)
        return undefined;
    const jsonStart = dataStart + DATA_PREFIX.length;
    const jsonEnd = text.indexOf(DATA_SUFFIX, jsonStart);
    if (jsonEnd < 0)
        return undefined;
    let data;
    try {
        data = JSON.parse(text.slice(jsonStart, jsonEnd));
    }
    catch {
        return undefined;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data))
        return undefined;
    const record = data;
    const out = {};
    for (const key of REQUIRED_FIELDS) {
        if (typeof record[key] !== 'string')
            return undefined;
        out[key] = record[key];
    }
    for (const key of OPTIONAL_FIELDS) {
        if (typeof record[key] === 'string')
            out[key] = record[key];
    }
    return out;
}
/**
 * Whether two lineages describe the same shipment. The run URL and the time describe the run, not
 * the artifact: a re-run of a half-done promotion has a new time but ships the same thing.
 */
function sameShipment(a, b) {
    if (!a || !b)
        return false;
    return REQUIRED_FIELDS.every((key) => a[key] === b[key]);
}
/** The body with its lineage block replaced by `l`'s, or with `l`'s block appended after the notes. */
function replaceLineage(body, l) {
    const rendered = renderLineage(l);
    const text = body ?? '';
    const block = findBlock(text);
    if (block)
        return text.slice(0, block.start) + rendered + text.slice(block.end);
    const notes = text.replace(/\s+$/, '');
    return notes ? `${notes}\n\n${rendered}\n` : `${rendered}\n`;
}

// EXTERNAL MODULE: ./packages/github/refs.ts
var refs = __webpack_require__(8456);
;// CONCATENATED MODULE: ./packages/github/releases.ts






const MAKE_LATEST = ['auto', 'true', 'false'];
/** GitHub rejects longer release bodies (softprops/action-gh-release cuts at the same length). */
const RELEASE_BODY_LIMIT = 125_000;
const FULL_SHA = /^[0-9a-f]{40}$/;
function validateMakeLatest(value, input = 'make-latest') {
    if (MAKE_LATEST.includes(value))
        return value;
    throw new errors/* InputError */.dz(input, value, MAKE_LATEST.join(', '));
}
/** Every release of the repository, drafts included (they are listed only to tokens with push access), every page. */
async function listReleases(client, repo) {
    return client.paginate(client.rest.repos.listReleases, { owner: repo.owner, repo: repo.repo, per_page: 100 });
}
/** One release by id (drafts too); undefined on 404. */
async function getRelease(client, repo, id) {
    try {
        const { data } = await client.rest.repos.getRelease({ owner: repo.owner, repo: repo.repo, release_id: id });
        return data;
    }
    catch (err) {
        if ((0,refs/* requestStatus */.G2)(err) === 404)
            return undefined;
        throw err;
    }
}
/**
 * The release of a tag, drafts included. `get-release-by-tag` finds published releases only, and
 * several drafts may share a tag name (ncipollo/release-action #7, #331), so the whole list is read
 * (a first page only misses a draft behind 100 newer releases). Published wins (GitHub keeps it
 * unique per tag); else the oldest draft, which a re-run will keep choosing.
 */
async function findReleaseByTag(client, repo, tag, logger = common_logger/* silentLogger */.q) {
    const matches = (await listReleases(client, repo)).filter((r) => r.tag_name === tag);
    if (matches.length === 0)
        return undefined;
    const published = matches.filter((r) => !r.draft);
    const drafts = matches.filter((r) => r.draft).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const chosen = published[0] ?? drafts[0];
    if (matches.length > 1) {
        const others = matches.filter((r) => r !== chosen).map((r) => `${r.id}${r.draft ? ' (draft)' : ''}`);
        logger.warning(`${matches.length} releases of ${repo.owner}/${repo.repo} have the tag ${tag}; using release ${chosen.id}` +
            `${chosen.draft ? ' (the oldest draft)' : ' (the published one)'}. The others (${others.join(', ')}) were left alone: delete them by hand.`);
    }
    return chosen;
}
/** The generated notes, cut so that notes and lineage block fit GitHub's body limit; the block is never cut. */
function composeReleaseBody(notes, lineage) {
    const block = renderLineage(lineage);
    const text = notes.replace(/\s+$/, '');
    const separator = text ? '\n\n' : '';
    const room = RELEASE_BODY_LIMIT - block.length - separator.length - 1;
    const marker = "\n\n… (the notes were cut at GitHub's 125,000-character limit)";
    const kept = text.length > room ? text.slice(0, Math.max(0, room - marker.length)) + marker : text;
    return `${kept}${separator}${block}\n`;
}
function summary(r) {
    return { id: r.id, html_url: r.html_url, tag_name: r.tag_name };
}
/** create-release's answer when a published release already has the tag (§4.4). */
function isAlreadyExists(err) {
    if ((0,refs/* requestStatus */.G2)(err) !== 422)
        return false;
    const errors = err.response?.data?.errors;
    return Array.isArray(errors) && errors.some((e) => e?.code === 'already_exists');
}
/**
 * The tag ref at the shipped commit, then the GitHub Release of `vX.Y.Z` with notes and lineage
 * (SPEC.md "Promotion" 3), idempotently:
 * - the ref first, because create-release ignores `target_commitish` when the tag exists and tags
 *   the default branch's head when it does not (github-release.md §3.1);
 * - a published release of the tag is never duplicated, nor flipped to draft or prerelease
 *   (ncipollo/release-action #185): its lineage block is replaced when it differs, and nothing is
 *   written when it is the same shipment;
 * - a draft of the tag (a half-done earlier attempt, or a hand-made one) is published;
 * - a concurrent run's create is converged on (422 already_exists, softprops #445).
 */
async function ensureRelease(client, repo, opts, logger = common_logger/* silentLogger */.q) {
    const version = (0,tags/* validateVersion */.Pj)(opts.version);
    const tag = `v${version}`;
    if (!FULL_SHA.test(opts.commit))
        throw new errors/* InputError */.dz('commit', opts.commit, 'a full commit sha: 40 lowercase hex characters');
    if (opts.lineage.version !== version || opts.lineage.commit !== opts.commit) {
        throw new Error(`lineage of ${opts.lineage.version} at ${opts.lineage.commit} does not describe release ${tag} at ${opts.commit}`);
    }
    const makeLatestOption = validateMakeLatest(opts.makeLatest ?? 'auto');
    const highest = (0,tagging_version/* isHighestRelease */.gj)(opts.releaseTags, version);
    let makeLatest;
    if (makeLatestOption === 'auto')
        makeLatest = highest ? 'true' : 'false';
    else {
        makeLatest = makeLatestOption;
        if (makeLatest === 'true' && !highest)
            logger.warning(`${tag} is marked latest as asked, though a higher release exists`);
    }
    const readBack = { policy: opts.readBackPolicy, logger };
    const tagState = await (0,refs/* ensureTagRef */.uh)(client, repo, tag, opts.commit, logger);
    const existing = await findReleaseByTag(client, repo, tag, logger);
    if (existing && !existing.draft)
        return { ...(await convergePublished(existing)), tag: tagState };
    const generatedNotes = async () => {
        if (opts.generateNotes === false)
            return '';
        const previous = (0,tagging_version/* previousRelease */.Fi)(opts.releaseTags, version);
        const { data } = await client.rest.repos.generateReleaseNotes({
            owner: repo.owner,
            repo: repo.repo,
            tag_name: tag,
            target_commitish: opts.commit,
            // GitHub's own choice of base goes wrong with several series or off-mainline tags (§3.5).
            ...(previous !== undefined ? { previous_tag_name: `v${previous}` } : {}),
        });
        return data.body;
    };
    if (existing) {
        // A draft's own text (notes someone wrote) is kept; an empty draft gets the generated notes.
        const body = existing.body?.trim()
            ? replaceLineage(existing.body, opts.lineage)
            : composeReleaseBody(await generatedNotes(), opts.lineage);
        let published;
        try {
            ({ data: published } = await client.rest.repos.updateRelease({
                owner: repo.owner,
                repo: repo.repo,
                release_id: existing.id,
                tag_name: tag,
                target_commitish: opts.commit,
                name: existing.name || tag,
                body,
                draft: false,
                make_latest: makeLatest,
            }));
        }
        catch (err) {
            if (isAlreadyExists(err))
                return { ...(await convergeAfterRace()), tag: tagState };
            throw (0,refs/* explainTokenRefusal */.Jf)(err, repo, `publishing the draft release ${existing.id} of ${tag}`, opts.commit);
        }
        logger.info(`Published the draft release ${tag} (${published.html_url})`);
        return { release: summary(await visible(published)), state: 'updated', tag: tagState };
    }
    const body = composeReleaseBody(await generatedNotes(), opts.lineage);
    let created;
    try {
        ({ data: created } = await client.rest.repos.createRelease({
            owner: repo.owner,
            repo: repo.repo,
            tag_name: tag,
            target_commitish: opts.commit,
            name: tag,
            body,
            draft: false,
            prerelease: false,
            make_latest: makeLatest,
        }));
    }
    catch (err) {
        if (isAlreadyExists(err))
            return { ...(await convergeAfterRace()), tag: tagState };
        throw (0,refs/* explainTokenRefusal */.Jf)(err, repo, `creating the release ${tag}`, opts.commit);
    }
    logger.info(`Created the release ${tag} (${created.html_url})${makeLatest === 'true' ? ', marked latest' : ''}`);
    return { release: summary(await visible(created)), state: 'created', tag: tagState };
    async function convergePublished(release) {
        if (sameShipment(parseLineage(release.body), opts.lineage)) {
            logger.info(`The release ${tag} already records this promotion (${release.html_url})`);
            return { release: summary(release), state: 'unchanged' };
        }
        // The body, and make_latest computed as on create: an update that omits it may mark this
        // release latest (the API's default is true), which would let a rollback of an older version
        // take "Latest" from the newest release. draft and prerelease stay as they are.
        const { data } = await client.rest.repos.updateRelease({
            owner: repo.owner,
            repo: repo.repo,
            release_id: release.id,
            body: replaceLineage(release.body, opts.lineage),
            make_latest: makeLatest,
        });
        logger.info(`Updated the lineage of the release ${tag} (${data.html_url})`);
        return { release: summary(data), state: 'updated' };
    }
    /** Another run published the tag's release between our read and our write. */
    async function convergeAfterRace() {
        logger.debug(`a release ${tag} appeared while this run was creating it; converging on it`);
        const winner = await (0,refs/* readAfterWrite */.c9)(`release ${tag}`, async () => {
            const found = await findReleaseByTag(client, repo, tag, logger);
            return found && !found.draft ? found : undefined;
        }, readBack);
        if (!winner)
            throw new Error(`release ${tag} of ${repo.owner}/${repo.repo}: GitHub said it exists, but it cannot be found`);
        return convergePublished(winner);
    }
    /** A release just written can 404 on the next read (cli/cli #6599): wait until it is visible. */
    async function visible(release) {
        const seen = await (0,refs/* readAfterWrite */.c9)(`release ${tag}`, () => getRelease(client, repo, release.id), readBack);
        if (!seen)
            throw new Error(`release ${tag} (id ${release.id}) of ${repo.owner}/${repo.repo} was written but is not visible`);
        return seen;
    }
}


/***/ }),

/***/ 6093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bx: () => (/* binding */ bumpVersion),
/* harmony export */   Fi: () => (/* binding */ previousRelease),
/* harmony export */   KH: () => (/* binding */ isReleaseTag),
/* harmony export */   Qx: () => (/* binding */ nextVersionTag),
/* harmony export */   Sy: () => (/* binding */ nextBuildVersion),
/* harmony export */   UL: () => (/* binding */ highestRelease),
/* harmony export */   _b: () => (/* binding */ validateSuffix),
/* harmony export */   gj: () => (/* binding */ isHighestRelease),
/* harmony export */   up: () => (/* binding */ DEFAULT_NEXT_SUFFIX)
/* harmony export */ });
/* unused harmony exports DEFAULT_INITIAL_VERSION, releaseVersions, nextVersionTagVersion, validateBumpLevel */
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
function validateSuffix(suffix, input = 'suffix') {
    if (SUFFIX.test(suffix))
        return suffix;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, suffix, 'a semver prerelease identifier: dot-separated [0-9A-Za-z-] identifiers, numeric ones without leading zeros, e.g. next', suffix === '' ? 'it is empty' : undefined);
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
const BUMP_LEVELS = ['patch', 'minor', 'major'];
function validateBumpLevel(level, input = 'level') {
    if (BUMP_LEVELS.includes(level))
        return level;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, level, BUMP_LEVELS.join(', '));
}
function bumpVersion(version, level) {
    const v = (0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(version);
    const next = semver__WEBPACK_IMPORTED_MODULE_0___default().inc(v, validateBumpLevel(level));
    if (next === null)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('version', version, 'MAJOR.MINOR.PATCH that semver can increment');
    return next;
}
/** `1.2.4` → `v1.2.4-next`: a semver prerelease, so it sorts below the release it announces. */
function nextVersionTag(version, suffix = DEFAULT_NEXT_SUFFIX) {
    return `v${(0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(version)}-${validateSuffix(suffix)}`;
}
/** The highest release strictly below `version` (GitHub's `previous_tag_name`); never a `-next` tag. */
function previousRelease(tags, version) {
    const v = (0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(version);
    return releaseVersions(tags).find((r) => semver__WEBPACK_IMPORTED_MODULE_0___default().lt(r, v));
}
/** Whether `version` is at or above every release, so its release may be marked latest. */
function isHighestRelease(tags, version) {
    const v = (0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(version);
    const highest = highestRelease(tags);
    return highest === undefined || semver__WEBPACK_IMPORTED_MODULE_0___default().gte(v, highest);
}


/***/ })

};
