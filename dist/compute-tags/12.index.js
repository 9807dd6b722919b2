export const id = 12;
export const ids = [12,222];
export const modules = {

/***/ 6222:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commitOrder: () => (/* binding */ commitOrder)
/* harmony export */ });
/* unused harmony exports resolveCommit, crossCheckRevision, workflowsDiffer */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9325);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1251);



/**
 * The full 40-hex sha of a (short) commit sha of the repository, through `repos/get-commit`, so a
 * tag's 7-character sha becomes the commit the release tag must point at. A sha the repository
 * does not have (or an ambiguous prefix) is the user's mistake: the source tag names another
 * repository's commit, or the commit was never pushed.
 */
async function resolveCommit(client, repo, shortSha, input = 'commit') {
    const accepted = `a commit of ${repo.owner}/${repo.repo}: 4 to 40 lowercase hex characters`;
    const sha = shortSha.trim().toLowerCase();
    if (!COMMIT_PREFIX.test(sha))
        throw new InputError(input, shortSha, accepted);
    let found;
    try {
        const { data } = await client.rest.repos.getCommit({ owner: repo.owner, repo: repo.repo, ref: sha });
        found = data.sha;
    }
    catch (err) {
        const status = requestStatus(err);
        if (status === 404 || status === 422) {
            const detail = errorDetail(err);
            throw new InputError(input, shortSha, accepted, `GitHub answered ${status}${detail ? ` (${detail})` : ''}`);
        }
        if (status === 409)
            throw new InputError(input, shortSha, accepted, `${repo.owner}/${repo.repo} is an empty repository`);
        throw err;
    }
    // `commits/{ref}` also takes branch and tag names; a hex string that is a branch name must not pass.
    if (!FULL_SHA.test(found) || !found.startsWith(sha)) {
        throw new InputError(input, shortSha, accepted, `GitHub resolved it to ${found}, which is not a commit starting with it`);
    }
    return found;
}
function errorDetail(err) {
    const data = err.response?.data;
    return typeof data?.message === 'string' && data.message ? data.message : undefined;
}
/**
 * Cross-checks the commit a source tag names with the image's `org.opencontainers.image.revision`
 * label (README "The promotion workflow"): an image whose label names another commit was built from other
 * code than its tag claims, so releasing that commit would tag the wrong code. A label that is a
 * prefix of at least 7 characters counts as the same commit.
 */
function crossCheckRevision(fullSha, revisionLabel) {
    const label = revisionLabel?.trim().toLowerCase();
    if (!label)
        return 'absent';
    const sha = fullSha.toLowerCase();
    if (label === sha || (label.length >= 7 && COMMIT_PREFIX.test(label) && sha.startsWith(label)))
        return 'matched';
    throw new RefusedError(`The image's org.opencontainers.image.revision label names commit ${revisionLabel.trim()}, but its tag names commit ${fullSha}: ` +
        'the image was not built from the commit its tag claims, so no release is made for it. Nothing was changed. ' +
        'Promote an image whose tag and revision label agree, or rebuild it from the intended commit.');
}
/**
 * The sha of the `.github/workflows` tree at `ref` (the default branch when undefined), null when
 * there is none, through `repos/get-content` of `.github` (a directory listing names each entry's
 * object sha: https://docs.github.com/en/rest/repos/contents#get-repository-content).
 */
async function workflowsTree(client, repo, ref) {
    let data;
    try {
        ({ data } = await client.rest.repos.getContent({
            owner: repo.owner,
            repo: repo.repo,
            path: '.github',
            ...(ref !== undefined ? { ref } : {}),
        }));
    }
    catch (err) {
        // "Not Found" is a missing `.github`; "No commit found for the ref …" is not an answer about it.
        if (requestStatus(err) === 404 && !/no commit found/i.test(responseMessage(err)))
            return null;
        throw err;
    }
    if (!Array.isArray(data))
        return null;
    const entry = data.find((e) => e && e.name === 'workflows' && e.type === 'dir');
    return typeof entry?.sha === 'string' ? entry.sha : null;
}
/**
 * Whether `.github/workflows` at `commit` differs from the default branch's: then GitHub refuses to
 * create a tag or release there unless the token may modify workflows, which a workflow's
 * GITHUB_TOKEN never may (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release; release-please-action #878,
 * https://github.com/googleapis/release-please-action/issues/878). Git names a tree by its content,
 * so equal tree shas mean equal directories. Undefined when it cannot tell (no access, a fault): a
 * pre-flight can then only warn.
 */
async function workflowsDiffer(client, repo, commit) {
    try {
        const atCommit = await workflowsTree(client, repo, commit);
        const onDefaultBranch = await workflowsTree(client, repo);
        return atCommit !== onDefaultBranch;
    }
    catch {
        return undefined;
    }
}
/**
 * The order of two commits of the repository, by walking parents through `repos/get-commit` (which
 * takes a short sha too) at most `limit` commits from each side: builds racing for one environment
 * come from commits a push or two apart. `unknown` when neither reaches the other within the limit
 * (diverged branches, a long gap) or GitHub cannot tell (no access, a fault): a caller then keeps
 * its fallback rule.
 */
async function commitOrder(client, repo, ours, theirs, limit = 10) {
    const a = ours.toLowerCase();
    const b = theirs.toLowerCase();
    if (a.startsWith(b) || b.startsWith(a))
        return 'same';
    const reaches = async (from, target) => {
        const queue = [from];
        const seen = new Set();
        while (queue.length > 0 && seen.size < limit) {
            const ref = queue.shift();
            if (seen.has(ref))
                continue;
            seen.add(ref);
            const { data } = await client.rest.repos.getCommit({ owner: repo.owner, repo: repo.repo, ref, per_page: 1 });
            for (const parent of data.parents) {
                if (parent.sha.startsWith(target))
                    return true;
                queue.push(parent.sha);
            }
        }
        return false;
    };
    try {
        if (await reaches(a, b))
            return 'newer';
        if (await reaches(b, a))
            return 'older';
    }
    catch {
        // no access or a fault: the order is not known
    }
    return 'unknown';
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

/***/ 1012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyBuild: () => (/* binding */ applyBuild)
});

// EXTERNAL MODULE: ./node_modules/semver/index.js
var node_modules_semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(node_modules_semver);
// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
// EXTERNAL MODULE: ./packages/tagging/image.ts
var tagging_image = __webpack_require__(1895);
// EXTERNAL MODULE: ./packages/tagging/tags.ts
var tagging_tags = __webpack_require__(5141);
// EXTERNAL MODULE: ./packages/github/commits.ts
var commits = __webpack_require__(6222);
// EXTERNAL MODULE: ./packages/common/retry.ts
var common_retry = __webpack_require__(8852);
// EXTERNAL MODULE: ./packages/common/patterns.ts
var patterns = __webpack_require__(1251);
// EXTERNAL MODULE: ./packages/github/errors.ts
var github_errors = __webpack_require__(9325);
;// CONCATENATED MODULE: ./packages/github/refs.ts







// Nested annotated tags (a tag of a tag) are legal in git; a loop is not, so the peeling is bounded.
const MAX_PEEL_DEPTH = 8;
/**
 * How long to keep reading back something just written: GitHub's replicas can answer 404 for a
 * release or ref created a moment ago (cli/cli #6599; semantic-release/github retries 404 "to
 * account for replication lag").
 */
const readAfterWritePolicy = { retries: 4, baseMs: 250, maxMs: 4000, maxRetryAfterMs: 0 };
/**
 * Reads until `read` returns something, retrying an absent answer (undefined or a 404) with
 * backoff; returns undefined when it is still absent after the retries.
 */
async function refs_readAfterWrite(what, read, opts = {}) {
    const policy = opts.policy ?? readAfterWritePolicy;
    return retry(async () => {
        try {
            return await read();
        }
        catch (err) {
            if (requestStatus(err) !== 404)
                throw err;
            return undefined;
        }
    }, {
        what,
        policy,
        ...(opts.logger ? { logger: opts.logger } : {}),
        // Only an absent answer is read again; a value, or an error other than 404, stands.
        decide: (outcome, attempt) => outcome.ok && outcome.value === undefined ? { delayMs: backoffDelay(attempt, policy) } : undefined,
        describe: () => 'not visible yet after a write',
    });
}
/**
 * GitHub's refusal of a tag or release write, explained (errors.ts explainGitHubRefusal). For a 403
 * or 404 it first asks whether the commit's `.github/workflows` differ from the default branch's,
 * so that the workflows permission is blamed only when that is plausible.
 */
async function refs_explainRefusal(client, err, ctx) {
    const status = requestStatus(err);
    if (status !== 403 && status !== 404 && status !== 422)
        return err;
    let differ;
    if ((status === 403 || status === 404) && !isRateLimitAnswer(err))
        differ = await workflowsDiffer(client, ctx.repo, ctx.sha);
    return explainGitHubRefusal(err, { ...ctx, workflowsDiffer: differ });
}
/** A tag ref's target, peeled down to a commit; undefined when the tag does not exist. */
async function refs_getTagRef(client, repo, tag) {
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
    throw new InputError(input, sha, 'a full commit sha: 40 lowercase hex characters');
}
/** create-ref's first-writer-wins answer: 422 "Reference already exists", with no errors[] code (https://docs.github.com/en/rest/git/refs#create-a-reference). */
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
        throw await refs_explainRefusal(client, err, { repo, action: `creating tag ${tag}`, sha });
    }
}
function tagConflict(repo, tag, existing, sha) {
    return new RefusedError(`Tag ${tag} of ${repo.owner}/${repo.repo} already points at commit ${existing}, not at ${sha}: that version was ` +
        `shipped from ${existing}. Nothing was changed. To release commit ${sha}, promote it under a new version ` +
        "(the promotion's version input).");
}
/**
 * The release tag at the shipped commit (README "The promotion workflow": `git checkout vX.Y.Z` is production's
 * code). Read first, so a re-run writes nothing; then create, letting create-ref decide a race
 * (first writer wins, https://docs.github.com/en/rest/git/refs#create-a-reference). A tag at another commit is never moved.
 */
async function refs_ensureTagRef(client, repo, tag, sha, logger = silentLogger, opts = {}) {
    validateFullSha(sha, 'commit');
    // knownAbsent: the caller read it absent moments ago; create-ref's 422 settles a race either way.
    const existing = opts.knownAbsent ? undefined : await refs_getTagRef(client, repo, tag);
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
    const winner = await refs_readAfterWrite(`tag ${tag}`, () => refs_getTagRef(client, repo, tag), { logger });
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
async function ensureNextVersionTag(client, repo, tag, sha, logger = silentLogger, opts = {}) {
    validateFullSha(sha, 'commit');
    const existing = opts.knownAbsent ? undefined : await refs_getTagRef(client, repo, tag);
    if (existing !== undefined) {
        logger.debug(`next-version tag ${tag} already exists at ${existing}`);
        return 'unchanged';
    }
    if ((await createTagRef(client, repo, tag, sha)) === 'exists')
        return 'unchanged';
    logger.info(`Created next-version tag ${tag} at ${sha}`);
    return 'created';
}

// EXTERNAL MODULE: ./packages/tagging/version.ts
var version = __webpack_require__(8474);
;// CONCATENATED MODULE: ./packages/github/lineage.ts
/**
 * The lineage block of a GitHub Release: which image, digest, tags and commit a version shipped as
 * (README "The promotion workflow"). It sits in the release body between two HTML comments so that a re-run
 * finds its own block and replaces it, leaving the generated notes (and any hand edits) around it
 * untouched. Pure: no I/O.
 */
/** The most deliveries a release keeps (the oldest are dropped): a body holds 125,000 characters. */
const MAX_DELIVERIES = 200;
const LINEAGE_START = '<!-- gitops-promote:lineage -->';
const LINEAGE_END = '<!-- /gitops-promote:lineage -->';
const DATA_PREFIX = '<!-- gitops-promote:lineage-data ';
const DATA_SUFFIX = ' -->';
const REQUIRED_FIELDS = (/* unused pure expression or super */ null && (['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version']));
const OPTIONAL_FIELDS = (/* unused pure expression or super */ null && (['sourceImage', 'runUrl', 'promotedAt']));
const DELIVERY_KINDS = new Set(['promotion', 'rollback']);
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
    if (l.deliveries?.length)
        out.deliveries = l.deliveries.map(orderedDelivery);
    if (l.images?.length)
        out.images = l.images.map(orderedImage);
    return out;
}
function orderedImage(i) {
    return {
        image: i.image,
        ...(i.sourceImage !== undefined ? { sourceImage: i.sourceImage } : {}),
        digest: i.digest,
        sourceTag: i.sourceTag,
        targetTag: i.targetTag,
    };
}
/** An image read back from a body: every field a string, or undefined. */
function readImage(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const i = value;
    if (!['image', 'digest', 'sourceTag', 'targetTag'].every((k) => typeof i[k] === 'string'))
        return undefined;
    if (i.sourceImage !== undefined && typeof i.sourceImage !== 'string')
        return undefined;
    return orderedImage(i);
}
function orderedDelivery(d) {
    return {
        kind: d.kind,
        at: d.at,
        ...(d.actor !== undefined ? { actor: d.actor } : {}),
        ...(d.runUrl !== undefined ? { runUrl: d.runUrl } : {}),
        sourceTag: d.sourceTag,
        targetTag: d.targetTag,
        digest: d.digest,
        ...(d.image !== undefined ? { image: d.image } : {}),
    };
}
/** A delivery read back from a body: every field of the right type, or undefined. */
function readDelivery(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const d = value;
    const strings = ['at', 'sourceTag', 'targetTag', 'digest'];
    if (typeof d.kind !== 'string' || !DELIVERY_KINDS.has(d.kind))
        return undefined;
    if (!strings.every((k) => typeof d[k] === 'string'))
        return undefined;
    for (const k of ['actor', 'runUrl', 'image'])
        if (d[k] !== undefined && typeof d[k] !== 'string')
            return undefined;
    return orderedDelivery(d);
}
/**
 * The deliveries of `existing` with those of `added` that it lacks (a delivery is known by the
 * immutable tag it wrote, so a re-run adds nothing), oldest first, at most MAX_DELIVERIES.
 */
function mergeDeliveries(existing = [], added = []) {
    const key = (d) => `${d.image ?? ''} ${d.targetTag}`;
    const known = new Set(existing.map(key));
    const merged = [...existing, ...added.filter((d) => !known.has(key(d)))];
    merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return merged.slice(-MAX_DELIVERIES);
}
function lineage_renderLineage(l) {
    const rows = [
        ['Version', code(`v${l.version}`)],
        ['Commit', code(l.commit)],
        ['Image', code(l.image)],
        ...(l.sourceImage !== undefined ? [['Copied from', code(l.sourceImage)]] : []),
        ['Digest', code(l.digest)],
        ['Promoted from', code(l.sourceTag)],
        ['Promoted to', code(l.targetTag)],
    ];
    if (l.runUrl !== undefined)
        rows.push(['Workflow run', cell(l.runUrl)]);
    if (l.promotedAt !== undefined)
        rows.push(['Promoted at', cell(l.promotedAt)]);
    const images = l.images?.length
        ? [
            '',
            '#### Images',
            '',
            '| image | digest | from | to |',
            '|---|---|---|---|',
            ...l.images.map((i) => `| ${code(i.image)}${i.sourceImage !== undefined ? ` (from ${code(i.sourceImage)})` : ''} | ${code(i.digest)} | ${code(i.sourceTag)} | ${code(i.targetTag)} |`),
        ]
        : [];
    const deliveries = l.deliveries?.length
        ? [
            '',
            '#### Deliveries',
            '',
            '| when (UTC) | what | by | tag | digest | run |',
            '|---|---|---|---|---|---|',
            ...l.deliveries.map((d) => `| ${cell(d.at)} | ${d.kind} | ${d.actor !== undefined ? cell(d.actor) : ''} | ${code(d.targetTag)} | ${code(d.digest)} | ${d.runUrl !== undefined ? cell(d.runUrl) : ''} |`),
        ]
        : [];
    return [
        LINEAGE_START,
        '### Lineage',
        '',
        '| | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${value} |`),
        ...images,
        ...deliveries,
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
/** A body cut around its lineage block (the block with its markers), or undefined when it has none. */
function lineage_splitLineage(body) {
    const block = findBlock(body);
    if (!block)
        return undefined;
    return {
        before: body.slice(0, block.start),
        block: body.slice(block.start, block.end),
        after: body.slice(block.end),
    };
}
/** The lineage recorded in a release body, or `undefined` when there is none or it is unreadable. */
function lineage_parseLineage(body) {
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
    // A delivery that does not read back whole is left out; the lineage itself still stands.
    if (Array.isArray(record.deliveries)) {
        const deliveries = record.deliveries.map(readDelivery).filter((d) => d !== undefined);
        if (deliveries.length)
            out.deliveries = deliveries;
    }
    if (Array.isArray(record.images)) {
        const images = record.images.map(readImage);
        // A train's list is whole or absent: a partial one would misstate what shipped together.
        if (images.length && images.every((i) => i !== undefined))
            out.images = images;
    }
    return out;
}
/**
 * Whether two lineages describe the same shipment. The run URL and the time describe the run, not
 * the artifact: a re-run of a half-done promotion has a new time but ships the same thing.
 */
function lineage_sameShipment(a, b) {
    if (!a || !b)
        return false;
    const images = (l) => JSON.stringify((l.images ?? []).map(orderedImage));
    return REQUIRED_FIELDS.every((key) => a[key] === b[key]) && images(a) === images(b);
}
/**
 * The body with its lineage block replaced by `l`'s, or with `l`'s block appended after the notes.
 * The deliveries already recorded are kept, with `l`'s added: a release's history only grows.
 */
function lineage_replaceLineage(body, l) {
    const text = body ?? '';
    const previous = lineage_parseLineage(text)?.deliveries;
    const deliveries = mergeDeliveries(previous, l.deliveries);
    const rendered = lineage_renderLineage({ ...l, ...(deliveries.length ? { deliveries } : {}) });
    const block = findBlock(text);
    if (block)
        return text.slice(0, block.start) + rendered + text.slice(block.end);
    const notes = text.replace(/\s+$/, '');
    return notes ? `${notes}\n\n${rendered}\n` : `${rendered}\n`;
}

// EXTERNAL MODULE: ./packages/github/versions.ts
var versions = __webpack_require__(3463);
;// CONCATENATED MODULE: ./packages/github/releases.ts









const MAKE_LATEST = (/* unused pure expression or super */ null && (['auto', 'true', 'false']));
/** GitHub rejects longer release bodies (softprops/action-gh-release cuts at the same length). */
const RELEASE_BODY_LIMIT = 125_000;
function validateMakeLatest(value, input = 'make-latest') {
    if (MAKE_LATEST.includes(value))
        return value;
    throw new InputError(input, value, MAKE_LATEST.join(', '));
}
/**
 * Every release of the repository, drafts included (they are listed only to tokens with push
 * access), every page. Reads the whole list: for one tag, use findReleaseByTag.
 */
async function listReleases(client, repo) {
    return client.paginate(client.rest.repos.listReleases, { owner: repo.owner, repo: repo.repo, per_page: 100 });
}
/** How many pages of 100 releases, newest first, findReleaseByTag reads looking for drafts. */
const DRAFT_SEARCH_PAGES = 10;
/** One release by id (drafts too); undefined on 404. */
async function getRelease(client, repo, id) {
    try {
        const { data } = await client.rest.repos.getRelease({ owner: repo.owner, repo: repo.repo, release_id: id });
        return data;
    }
    catch (err) {
        if (requestStatus(err) === 404)
            return undefined;
        throw err;
    }
}
/** The published release of a tag (`repos/get-release-by-tag`), or undefined on 404. */
async function publishedRelease(client, repo, tag) {
    try {
        const { data } = await client.rest.repos.getReleaseByTag({ owner: repo.owner, repo: repo.repo, tag });
        return data;
    }
    catch (err) {
        if (requestStatus(err) === 404)
            return undefined;
        throw err;
    }
}
/**
 * The release of a tag, drafts included. The published one comes from `get-release-by-tag`, one
 * request however many releases there are (the list API stops at 10,000 releases:
 * https://docs.github.com/en/rest/releases/releases#list-releases). That endpoint never finds a
 * draft (a draft has no tag until published), and several drafts may share a tag name
 * (ncipollo/release-action #7, #331), so drafts are looked for in the newest `draftPages` pages of
 * the list (default DRAFT_SEARCH_PAGES; a draft is normally recent, and a first page only would
 * miss one behind 100 newer releases). Published wins (GitHub keeps it unique per tag); else the
 * oldest draft, which a re-run will keep choosing.
 */
async function releases_findReleaseByTag(client, repo, tag, logger = silentLogger, opts = {}) {
    const draftPages = opts.draftPages ?? DRAFT_SEARCH_PAGES;
    // The published release by its tag and the newest pages of the list (for drafts) go out together.
    const listDrafts = async () => {
        const listed = [];
        let pages = 0;
        for await (const page of client.paginate.iterator(client.rest.repos.listReleases, {
            owner: repo.owner,
            repo: repo.repo,
            per_page: 100,
        })) {
            pages++;
            listed.push(...page.data.filter((r) => r.tag_name === tag));
            if (pages >= draftPages) {
                if (nextPageUrl(page.headers.link)) {
                    logger.debug(`drafts of ${tag}: read the newest ${pages * 100} releases of ${repo.owner}/${repo.repo} only; an older draft of that tag is not seen`);
                }
                break;
            }
        }
        return listed;
    };
    const [byTagResult, listedResult] = await Promise.allSettled([publishedRelease(client, repo, tag), listDrafts()]);
    if (byTagResult.status === 'rejected')
        throw byTagResult.reason;
    if (listedResult.status === 'rejected')
        throw listedResult.reason;
    const byTag = byTagResult.value;
    const listed = listedResult.value;
    // A release just published may be listed before get-release-by-tag finds it (cli/cli #6599).
    const published = byTag ?? listed.find((r) => !r.draft);
    const drafts = listed.filter((r) => r.draft).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const matches = [...(published ? [published] : []), ...drafts];
    if (matches.length === 0)
        return undefined;
    const chosen = matches[0];
    if (matches.length > 1) {
        const others = matches.filter((r) => r !== chosen).map((r) => `${r.id}${r.draft ? ' (draft)' : ''}`);
        logger.warning(`${matches.length} releases of ${repo.owner}/${repo.repo} have the tag ${tag}; using release ${chosen.id}` +
            `${chosen.draft ? ' (the oldest draft)' : ' (the published one)'}. The others (${others.join(', ')}) were left alone: delete them by hand.`);
    }
    return chosen;
}
const CUT_MARKER = "… (the notes were cut at GitHub's 125,000-character limit)";
/** `text` in at most `room` characters: cut, with the marker, when longer. */
function cutNotes(text, room) {
    if (text.length <= room)
        return text;
    const marker = `\n\n${CUT_MARKER}\n\n`;
    if (room <= marker.length)
        return '';
    return text.slice(0, room - marker.length).replace(/\s+$/, '') + marker;
}
/**
 * A release body within GitHub's limit (RELEASE_BODY_LIMIT): the notes around the lineage block are
 * cut, the block never (it is what a re-run and a rollback read back). Every body written goes
 * through this.
 */
function fitReleaseBody(body) {
    if (body.length <= RELEASE_BODY_LIMIT)
        return body;
    const parts = splitLineage(body);
    if (!parts)
        return cutNotes(body, RELEASE_BODY_LIMIT);
    // After the block comes at most a newline normally; text someone put there is cut first.
    const after = parts.after.length <= 1 ? parts.after : cutNotes(parts.after, Math.min(parts.after.length, 1000));
    const before = cutNotes(parts.before, RELEASE_BODY_LIMIT - parts.block.length - after.length);
    return before + parts.block + after;
}
/** The generated notes, cut so that notes and lineage block fit GitHub's body limit; the block is never cut. */
function composeReleaseBody(notes, lineage) {
    const text = notes.replace(/\s+$/, '');
    return fitReleaseBody(`${text}${text ? '\n\n' : ''}${renderLineage(lineage)}\n`);
}
/**
 * GitHub's generated notes of `vX.Y.Z`, from the previous release of the series; '' with a warning
 * when GitHub cannot make them. Never throws: the notes are a courtesy, the lineage is the record.
 */
async function releaseNotes(client, repo, opts, logger = silentLogger) {
    const tag = `v${opts.version}`;
    const previous = previousRelease(opts.releaseTags, opts.version);
    try {
        const { data } = await client.rest.repos.generateReleaseNotes({
            owner: repo.owner,
            repo: repo.repo,
            tag_name: tag,
            target_commitish: opts.commit,
            // GitHub's own choice of base goes wrong with several series or off-mainline tags (https://docs.github.com/en/rest/releases/releases#generate-release-notes-content-for-a-release).
            ...(previous !== undefined ? { previous_tag_name: `v${previous}` } : {}),
        });
        return data.body;
    }
    catch (err) {
        // A long range can time out (504) and a range GitHub cannot compare answers 422: neither may
        // fail a release whose image is already promoted.
        logger.warning(`GitHub did not generate the notes of ${tag} (${errorMessage(err)}); the release gets the lineage only. ` +
            'Edit its notes by hand if you want them.');
        return '';
    }
}
function summary(r) {
    return { id: r.id, html_url: r.html_url, tag_name: r.tag_name };
}
/** create-release's answer when a published release already has the tag (https://docs.github.com/en/rest/releases/releases#create-a-release, 422 already_exists). */
function isAlreadyExists(err) {
    if (requestStatus(err) !== 422)
        return false;
    const errors = err.response?.data?.errors;
    return Array.isArray(errors) && errors.some((e) => e?.code === 'already_exists');
}
/**
 * The tag ref at the shipped commit, then the GitHub Release of `vX.Y.Z` with notes and lineage
 * (docs/promotion.md), idempotently:
 * - the ref first, because create-release ignores `target_commitish` when the tag exists and tags
 *   the default branch's head when it does not (https://docs.github.com/en/rest/releases/releases#create-a-release);
 * - a published release of the tag is never duplicated, nor flipped to draft or prerelease
 *   (ncipollo/release-action #185): its lineage block is replaced when it differs, and nothing is
 *   written when it is the same shipment;
 * - a draft of the tag (a half-done earlier attempt, or a hand-made one) is published;
 * - a concurrent run's create is converged on (422 already_exists, softprops #445).
 */
async function ensureRelease(client, repo, opts, logger = silentLogger) {
    const version = validateVersion(opts.version);
    const tag = `v${version}`;
    if (!FULL_SHA.test(opts.commit))
        throw new InputError('commit', opts.commit, 'a full commit sha: 40 lowercase hex characters');
    if (opts.lineage.version !== version || opts.lineage.commit !== opts.commit) {
        throw new Error(`lineage of ${opts.lineage.version} at ${opts.lineage.commit} does not describe release ${tag} at ${opts.commit}`);
    }
    const makeLatestOption = validateMakeLatest(opts.makeLatest ?? 'auto');
    const highest = isHighestRelease(opts.releaseTags, version);
    let makeLatest;
    if (makeLatestOption === 'auto')
        makeLatest = highest ? 'true' : 'false';
    else {
        makeLatest = makeLatestOption;
        if (makeLatest === 'true' && !highest)
            logger.warning(`${tag} is marked latest as asked, though a higher release exists`);
    }
    const readBack = { policy: opts.readBackPolicy, logger };
    const tagState = opts.known?.tag ?? (await ensureTagRef(client, repo, tag, opts.commit, logger));
    // ensureTagRef leaves the tag at the commit or throws, so the release writes below never send
    // `target_commitish`: it is "Unused if the Git tag already exists" (https://docs.github.com/en/rest/releases/releases#create-a-release), only a
    // tag that does not exist yet would need it, and peers that sent it for an existing tag got 403 and
    // 422 refusals (ncipollo/release-action #242, https://github.com/ncipollo/release-action/issues/242).
    const existing = opts.known?.release !== undefined
        ? (opts.known.release ?? undefined)
        : await releases_findReleaseByTag(client, repo, tag, logger);
    if (existing && !existing.draft)
        return { ...(await convergePublished(existing)), tag: tagState };
    const generatedNotes = async () => {
        if (opts.generateNotes === false)
            return '';
        if (opts.known?.notes)
            return opts.known.notes;
        return releaseNotes(client, repo, { version, commit: opts.commit, releaseTags: opts.releaseTags }, logger);
    };
    if (existing) {
        // A draft's own text (notes someone wrote) is kept; an empty draft gets the generated notes.
        const body = existing.body?.trim()
            ? fitReleaseBody(replaceLineage(existing.body, opts.lineage))
            : composeReleaseBody(await generatedNotes(), opts.lineage);
        let published;
        try {
            ({ data: published } = await client.rest.repos.updateRelease({
                owner: repo.owner,
                repo: repo.repo,
                release_id: existing.id,
                tag_name: tag,
                name: existing.name || tag,
                body,
                draft: false,
                make_latest: makeLatest,
            }));
        }
        catch (err) {
            if (isAlreadyExists(err))
                return { ...(await convergeAfterRace()), tag: tagState };
            throw await explainRefusal(client, err, {
                repo,
                action: `publishing the draft release ${existing.id} of ${tag}`,
                sha: opts.commit,
            });
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
        throw await explainRefusal(client, err, { repo, action: `creating the release ${tag}`, sha: opts.commit });
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
        let data;
        try {
            ({ data } = await client.rest.repos.updateRelease({
                owner: repo.owner,
                repo: repo.repo,
                release_id: release.id,
                body: fitReleaseBody(replaceLineage(release.body, opts.lineage)),
                make_latest: makeLatest,
            }));
        }
        catch (err) {
            throw await explainRefusal(client, err, {
                repo,
                action: `updating the lineage of the release ${tag}`,
                sha: opts.commit,
            });
        }
        logger.info(`Updated the lineage of the release ${tag} (${data.html_url})`);
        return { release: summary(data), state: 'updated' };
    }
    /** Another run published the tag's release between our read and our write. */
    async function convergeAfterRace() {
        logger.debug(`a release ${tag} appeared while this run was creating it; converging on it`);
        const winner = await readAfterWrite(`release ${tag}`, async () => {
            const found = await releases_findReleaseByTag(client, repo, tag, logger);
            return found && !found.draft ? found : undefined;
        }, readBack);
        if (!winner)
            throw new Error(`release ${tag} of ${repo.owner}/${repo.repo}: GitHub said it exists, but it cannot be found`);
        return convergePublished(winner);
    }
    /** A release just written can 404 on the next read (cli/cli #6599): wait until it is visible. */
    async function visible(release) {
        if (opts.readBack === false)
            return release;
        const seen = await readAfterWrite(`release ${tag}`, () => getRelease(client, repo, release.id), readBack);
        if (!seen)
            throw new Error(`release ${tag} (id ${release.id}) of ${repo.owner}/${repo.repo} was written but is not visible`);
        return seen;
    }
}
/**
 * A rollback's record on the release it returns to: its delivery added to the lineage block (the
 * rest of the release, notes and lineage fields, stays as it is). Nothing is written when the
 * release records this delivery already (a re-run). `make_latest` is sent as `auto` decides it,
 * since an update that omits it may mark this older release latest (the API's default is true).
 */
async function recordDelivery(client, repo, release, opts, logger = silentLogger) {
    const current = parseLineage(release.body);
    if (current?.deliveries?.some((d) => d.targetTag === opts.delivery.targetTag)) {
        logger.info(`The release ${release.tag_name} records this delivery already (${release.html_url})`);
        return { release: summary(release), state: 'unchanged' };
    }
    const lineage = { ...(current ?? opts.lineage), deliveries: [opts.delivery] };
    const makeLatest = isHighestRelease(opts.releaseTags, opts.lineage.version) ? 'true' : 'false';
    let data;
    try {
        ({ data } = await client.rest.repos.updateRelease({
            owner: repo.owner,
            repo: repo.repo,
            release_id: release.id,
            body: fitReleaseBody(replaceLineage(release.body, lineage)),
            make_latest: makeLatest,
        }));
    }
    catch (err) {
        throw await explainRefusal(client, err, {
            repo,
            action: `recording the ${opts.delivery.kind} in the release ${release.tag_name}`,
            sha: opts.lineage.commit,
        });
    }
    logger.info(`Recorded the ${opts.delivery.kind} in the release ${release.tag_name} (${data.html_url})`);
    return { release: summary(data), state: 'updated' };
}

// EXTERNAL MODULE: ./packages/registry/index.ts + 13 modules
var registry = __webpack_require__(7061);
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
function go_compileGoRegexp(pattern, opts = {}) {
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
const FLUX_ORDERS = (/* unused pure expression or super */ null && (['asc', 'desc']));
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
            throw new InputError(names.order, policy.order, `${names.order} only with the numerical or alphabetical policy`, "Flux's semver policy has no order: it always picks the highest version in the range");
        }
        if (policy.range === undefined) {
            throw new InputError(names.range, '', 'a semver range, e.g. ">=1.0.0" (Flux requires one for the semver policy)');
        }
        return;
    }
    if (policy.range !== undefined) {
        throw new InputError(names.range, policy.range, `${names.range} only with the semver policy`, `Flux's ${policy.policy} policy has no range`);
    }
    if (policy.order !== undefined && !FLUX_ORDERS.includes(policy.order)) {
        throw new InputError(names.order, policy.order, `${FLUX_ORDERS.join(', ')} (the ImagePolicy CRD's enum, lower case; omitted means asc)`);
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
            re = go_compileGoRegexp(pattern);
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
        constraint: go_compileGoRegexp(`^${S}*(${OPS})${S}*(${CV})${S}*$`),
        range: go_compileGoRegexp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`),
        find: go_compileGoRegexp(`(${OPS})${S}*(${CV})`),
        valid: go_compileGoRegexp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`),
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

;// CONCATENATED MODULE: ./packages/promotion/retag.ts






/** The signatures input (`copy`, the default, or `skip`): one check for the actions, the CLI and the library. */
function retag_parseSignatures(value, input = 'signatures') {
    const v = (value ?? 'copy').trim();
    if (v === 'copy' || v === 'skip')
        return v;
    throw new errors/* InputError */.dz(input, value ?? '', "copy (into another repository, the image's signatures and attestations go along) or skip");
}
const SOURCE_ACCEPTED = 'an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository';
const TARGETS_ACCEPTED = 'tags (in the source repository) or full references registry/repo:tag (any repository, any registry: the image is copied there), one a line or separated by commas';
function parseSource(source) {
    const text = source.trim();
    if (text === '')
        throw new errors/* InputError */.dz('source', source, SOURCE_ACCEPTED, 'it is empty');
    if (/^sha(?:256|512):/i.test(text)) {
        if (!patterns/* DIGEST */.Dh.test(text)) {
            throw new errors/* InputError */.dz('source', source, SOURCE_ACCEPTED, 'a bare digest must be sha256:<64 lowercase hex>');
        }
        return { kind: 'digest', digest: text };
    }
    const image = (0,tagging_image/* parseImageRef */.Q)(text, 'source');
    // A reference with both keeps Docker's meaning: the digest decides, the tag is a comment.
    const reference = image.digest ?? image.tag;
    if (reference === undefined) {
        throw new errors/* InputError */.dz('source', source, SOURCE_ACCEPTED, 'it names no tag or digest');
    }
    return { kind: 'image', image, reference };
}
/** A target with `/`, `:` or `@` is a reference; anything else is a tag (a tag can hold none of them). */
function parseTarget(target, source, toImage) {
    const text = target.trim();
    if (!/[/:@]/.test(text)) {
        const tag = (0,tagging_tags/* validateTag */.z7)(text, 'tags');
        if (toImage) {
            const image = { registry: toImage.registry, repository: toImage.repository, tag };
            return { image, tag, ref: (0,tagging_image/* formatImageRef */.kL)(image) };
        }
        if (source.kind === 'digest') {
            throw new errors/* InputError */.dz('tags', target, 'full references registry/repo:tag', 'with a bare-digest source every target names its own repository');
        }
        const image = { registry: source.image.registry, repository: source.image.repository, tag };
        return { image, tag, ref: (0,tagging_image/* formatImageRef */.kL)(image) };
    }
    const parsed = (0,tagging_image/* parseImageRef */.Q)(text, 'tags');
    if (parsed.digest !== undefined || parsed.tag === undefined) {
        throw new errors/* InputError */.dz('tags', target, TARGETS_ACCEPTED, parsed.digest ? 'a target is a tag, not a digest' : 'it names no tag');
    }
    const image = { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag };
    return { image, tag: parsed.tag, ref: (0,tagging_image/* formatImageRef */.kL)(image) };
}
/** The repositories of the run, in the order their first target was given. */
function groupByRepository(targets) {
    const repositories = new Map();
    for (const target of targets) {
        const key = (0,tagging_image/* imageName */.tO)(target.image);
        let repo = repositories.get(key);
        if (!repo) {
            repo = { registry: target.image.registry, repository: target.image.repository, targets: [] };
            repositories.set(key, repo);
        }
        repo.targets.push(target);
    }
    return [...repositories.values()];
}
/**
 * Copies a manifest, byte for byte with its media type, to each target tag (docs/promotion.md
 * "Order and proof"): GET the source once per repository, HEAD every target, then PUT in the order given.
 * Every check, the immutability guard included, runs before the first PUT, so a refusal changes
 * nothing in the registry.
 */
/**
 * A dry run's proof of push rights, once per repository that would be written: a blob upload
 * started and cancelled (go-containerregistry's remote.CheckPushPermission), which leaves nothing
 * a listing or Flux can see. A refusal is the real run's refusal, said before it is tried.
 */
async function provePush(planned) {
    const seen = new Set();
    for (const p of planned) {
        if (p.state === 'unchanged')
            continue;
        const key = `${p.target.image.registry}/${p.target.image.repository}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        try {
            await p.client.checkPushPermission(p.target.image.repository);
        }
        catch (err) {
            if (err instanceof registry/* RegistryPermissionError */.vN)
                throw new errors/* RefusedError */.fk(`A real run would be refused: ${err.message} Nothing was written.`);
            throw err;
        }
    }
}
/** The refusal to move immutable tags: the same words from the copy and from a promotion's pre-flight. */
function immutableTagRefusal(tags) {
    const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
    return new errors/* RefusedError */.fk(`immutable tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.`);
}
async function retag(opts) {
    const logger = opts.logger ?? common_logger/* silentLogger */.q;
    const source = parseSource(opts.source);
    const signatures = retag_parseSignatures(opts.signatures);
    let toImage;
    if (opts.toImage !== undefined && opts.toImage.trim() !== '') {
        toImage = (0,tagging_image/* parseImageRef */.Q)(opts.toImage.trim(), 'to-image');
        if (toImage.tag !== undefined || toImage.digest !== undefined) {
            throw new errors/* InputError */.dz('to-image', opts.toImage, 'an image name without tag or digest (registry/repo): the tags input names the tags', 'it names a tag or digest');
        }
    }
    const seen = new Set();
    const targets = [];
    for (const t of opts.targets) {
        if (t.trim() === '')
            continue;
        const target = parseTarget(t, source, toImage);
        if (seen.has(target.ref))
            continue;
        seen.add(target.ref);
        targets.push(target);
    }
    if (targets.length === 0)
        throw new errors/* InputError */.dz('tags', opts.targets.join(','), TARGETS_ACCEPTED, 'no tag is given');
    if (opts.expectedDigest !== undefined && !patterns/* DIGEST */.Dh.test(opts.expectedDigest)) {
        throw new errors/* InputError */.dz('digest', opts.expectedDigest, 'sha256:<64 lowercase hex>');
    }
    const sourceText = source.kind === 'digest' ? source.digest : (0,tagging_image/* formatImageRef */.kL)(source.image);
    const reference = source.kind === 'digest' ? source.digest : source.reference;
    const planned = [];
    const crossings = [];
    // The source's manifest, read once from its own repository when a target is elsewhere.
    let sourceRead;
    const readSource = (image) => (sourceRead ??= opts.clients(image.registry).then(async (client) => ({
        client,
        manifest: await client.getManifest(image.repository, reference),
    })));
    for (const repo of groupByRepository(targets)) {
        const client = await opts.clients(repo.registry);
        const shown = source.kind === 'digest' ? `${repo.registry}/${repo.repository}@${source.digest}` : sourceText;
        const crossing = source.kind === 'image' && `${repo.registry}/${repo.repository}` !== (0,tagging_image/* imageName */.tO)(source.image)
            ? source.image
            : undefined;
        // GET of the source and HEADs of the targets go out together (one round trip fewer on a WAN);
        // with credentials whose challenge is not known yet, the client sends the first alone and the
        // others after it, so one challenge and one token fetch serve them all. No PUT starts before
        // every one has answered.
        const heads = () => Promise.all(repo.targets.map(async (target) => ({
            target,
            current: await client.headManifest(repo.repository, target.tag),
        })));
        // allSettled: when both fail (say a 401), the source's error is the one reported, every time.
        const [m, h] = await Promise.allSettled([
            crossing ? readSource(crossing).then((r) => r.manifest) : client.getManifest(repo.repository, reference),
            heads(),
        ]);
        if (m.status === 'rejected')
            throw m.reason;
        if (h.status === 'rejected')
            throw h.reason;
        const [manifest, current] = [m.value, h.value];
        if (crossing) {
            const from = await readSource(crossing);
            const how = from.client.baseUrl.href === client.baseUrl.href ? 'mount' : 'stream';
            crossings.push({
                image: `${repo.registry}/${repo.repository}`,
                how,
                copier: new registry/* ImageCopier */.Sm({ client: from.client, repository: crossing.repository }, { client, repository: repo.repository }, {
                    logger,
                    ...(opts.limit ? { limit: opts.limit } : {}),
                    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
                }),
            });
        }
        if (opts.expectedDigest !== undefined && manifest.digest !== opts.expectedDigest) {
            throw new errors/* RefusedError */.fk(`source ${shown} is ${manifest.digest}, not the expected ${opts.expectedDigest}: it moved since the promotion was planned. Nothing was written.`);
        }
        logger.debug(`source ${shown}: ${manifest.digest} (${manifest.mediaType}, ${manifest.bytes.length} bytes)`);
        const states = current.map(({ target, current }) => {
            if (current === undefined)
                return { target, client, manifest, state: 'created' };
            if (current.digest === manifest.digest)
                return { target, client, manifest, state: 'unchanged' };
            return { target, client, manifest, state: 'moved', previousDigest: current.digest };
        });
        planned.push(...states);
    }
    // An <env>-v… tag, once pushed, never points at another digest; only aliases move.
    const refused = planned.filter((p) => p.state === 'moved' && ((0,tagging_tags/* parseImmutableTag */.ek)(p.target.tag) !== undefined || opts.guarded?.(p.target.tag)));
    if (refused.length > 0) {
        throw immutableTagRefusal(refused.map((p) => ({ ref: p.target.ref, current: p.previousDigest, digest: p.manifest.digest })));
    }
    // The order of `targets` is kept: the immutable tag lands before the alias that Flux may follow.
    const order = new Map(targets.map((t, i) => [t.ref, i]));
    planned.sort((a, b) => order.get(a.target.ref) - order.get(b.target.ref));
    const dryRun = opts.dryRun ?? false;
    if (dryRun && opts.provePush !== false)
        await provePush(planned);
    const results = planned.map((p) => ({
        ref: p.target.ref,
        repository: p.target.image.repository,
        tag: p.target.tag,
        state: p.state,
        ...(p.previousDigest ? { previousDigest: p.previousDigest } : {}),
    }));
    // Into another repository: the image's parts, then its signatures and attestations, before any of
    // its tags, so that what Flux deploys is complete and verifiable from its first moment there.
    const copies = [];
    if (!dryRun) {
        for (const c of crossings) {
            const digest = planned[0].manifest.digest;
            const root = planned.find((p) => `${p.target.image.registry}/${p.target.image.repository}` === c.image).manifest;
            if (await c.copier.present(digest))
                c.copier.stats.manifestsPresent++;
            else
                await c.copier.contents(root);
            const carried = signatures === 'skip' ? { referrers: [], tags: [] } : await c.copier.referrers(digest);
            const s = c.copier.stats;
            logger.info(`copied ${sourceText} into ${c.image} (${c.how === 'mount' ? `${s.blobsMounted} blobs mounted` : `${s.blobsUploaded} blobs streamed, ${s.bytesUploaded} bytes`}, ${s.blobsPresent} present; ` +
                `${carried.referrers.length} referrers and ${carried.tags.length} signature tags carried)`);
            copies.push({ image: c.image, how: c.how, stats: s, referrers: carried.referrers, signatureTags: carried.tags });
        }
    }
    for (const [i, p] of planned.entries()) {
        if (p.state !== 'unchanged' && !dryRun)
            await p.client.putManifest(p.target.image.repository, p.target.tag, p.manifest);
        const previous = p.previousDigest ? ` (was ${p.previousDigest})` : '';
        logger.info(`${dryRun ? 'would be ' : ''}${p.state} ${p.target.ref}${previous}`);
        if (!dryRun)
            opts.onTarget?.(results[i]);
    }
    const first = planned[0].manifest;
    return { source: sourceText, digest: first.digest, mediaType: first.mediaType, targets: results, copies, dryRun };
}

;// CONCATENATED MODULE: ./packages/promotion/extra-tags.ts


const PLACEHOLDER = /\{\{\s*([a-z]+)\s*\}\}/g;
const KNOWN = new Set(['version', 'major', 'minor', 'patch', 'sha']);
const ACCEPTED = 'tags, one a line, with the placeholders {{version}}, {{major}}, {{minor}}, {{patch}} and {{sha}}, e.g. {{version}} or {{major}}.{{minor}} or latest';
/** more would be a list of tags to maintain by hand, not a few names for one release */
const MAX_EXTRA_TAGS = 10;
/** A tag that names a full version, guarded like an immutable tag. */
function isVersionTag(tag) {
    return /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(tag);
}
/** Checks the templates before any I/O: placeholders known, at most MAX_EXTRA_TAGS, no line twice. */
function extra_tags_validateExtraTagTemplates(templates, input = 'extra-tags') {
    const lines = (templates ?? []).map((t) => t.trim()).filter((t) => t !== '');
    if (lines.length > MAX_EXTRA_TAGS) {
        throw new InputError(input, lines.join('\n'), `${ACCEPTED}; at most ${MAX_EXTRA_TAGS}`, `${lines.length} are given`);
    }
    for (const line of lines) {
        for (const m of line.matchAll(PLACEHOLDER)) {
            if (!KNOWN.has(m[1]))
                throw new InputError(input, line, ACCEPTED, `{{${m[1]}}} is not a placeholder`);
        }
        if (/\{\{|\}\}/.test(line.replace(PLACEHOLDER, ''))) {
            throw new InputError(input, line, ACCEPTED, 'a placeholder is not closed, or not one of them');
        }
        // The template with sample values must already be a tag: a bad character is reported here.
        validateTag(expand(line, { version: '1.2.3', sha: 'abcdef0' }), input);
    }
    return lines;
}
function expand(template, v) {
    const [major, minor, patch] = v.version.split('.');
    const values = {
        version: v.version,
        major: major,
        minor: minor,
        patch: patch,
        sha: v.sha,
    };
    return template.replace(PLACEHOLDER, (_, name) => values[name]);
}
/**
 * The extra tags of one promotion, expanded and checked: a tag, not an immutable `<env>-v…` tag of
 * the scheme (those are the promotion's own), not an environment's alias, each once.
 */
function extra_tags_resolveExtraTags(templates, v, input = 'extra-tags') {
    const out = [];
    for (const template of templates) {
        const tag = validateTag(expand(template, v), input);
        if (parseImmutableTag(tag)) {
            throw new InputError(input, template, ACCEPTED, `${tag} is an immutable tag of the <env>-v<version>-<sha>-<ts> scheme, which the promotion writes itself`);
        }
        if (v.environments.includes(tag)) {
            throw new InputError(input, template, ACCEPTED, `${tag} is an environment's alias`);
        }
        if (out.some((t) => t.tag === tag))
            continue;
        out.push({ tag, guarded: isVersionTag(tag) });
    }
    return out;
}
/** The refusal to move an extra tag that names a full version: the same words from the plan and the pre-flight. */
function extra_tags_versionTagRefusal(tags) {
    const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
    return new RefusedError(`extra tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. A tag that names a full version never moves to another digest, as the immutable tags do not. ` +
        `Nothing was changed. Leave it out of the extra tags, or promote under a new version (the version input).`);
}

;// CONCATENATED MODULE: ./packages/promotion/plan.ts
















/** The most images one train takes: each is planned, proven and written concurrently (with a bound). */
const MAX_TRAIN = 50;
const BUMPS = (/* unused pure expression or super */ null && (['patch', 'minor', 'major', 'none']));
/** Every input checked before any I/O (README "Choices"): one error naming the input. */
function validatePromotionRequest(req) {
    const ref = parseImageRef((req.image ?? '').trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new InputError('image', req.image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'the source input names the tag or digest to promote');
    }
    let target = ref;
    if (req.toImage !== undefined && req.toImage.trim() !== '') {
        target = parseImageRef(req.toImage.trim(), 'to-image');
        if (target.tag !== undefined || target.digest !== undefined) {
            throw new InputError('to-image', req.toImage, 'an image name without tag or digest, e.g. ghcr.io/acme/backend or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend', 'the environment tags are computed, not given');
        }
    }
    const signatures = parseSignatures(req.signatures);
    const extraTags = validateExtraTagTemplates(req.extraTags);
    const from = validateEnvironment(req.fromEnvironment || 'staging', 'from-environment');
    const to = validateEnvironment(req.toEnvironment || 'production', 'to-environment');
    if (from === to) {
        throw new InputError('to-environment', to, `an environment other than from-environment (${from})`);
    }
    const bump = req.bump || 'patch';
    if (!BUMPS.includes(bump))
        throw new InputError('bump', bump, BUMPS.join(', '));
    const suffix = validateSuffix(req.nextSuffix || DEFAULT_NEXT_SUFFIX, 'next-suffix');
    const version = req.version ? validateVersion(req.version.trim(), 'version') : undefined;
    const owner = req.repository?.owner ?? '';
    const repo = req.repository?.repo ?? '';
    if (!owner || !repo) {
        throw new InputError('repository', `${owner}/${repo}`, 'owner/name of the service repository, e.g. acme/backend');
    }
    const value = (req.source ?? '').trim();
    const accepted = `latest (the tag Flux's ${from} policy picks), an immutable tag ${from}-v<X.Y.Z>-<sha>-<ts> or ` +
        `${to}-v<X.Y.Z>-<sha>-<ts> (a rollback), a digest sha256:<64 hex>, or a released version vX.Y.Z (a rollback)`;
    let source;
    if (value === 'latest')
        source = { kind: 'latest' };
    else if (value.startsWith('sha256:')) {
        if (!SHA256_DIGEST.test(value))
            throw new InputError('source', value, accepted, 'a digest is sha256: and 64 lowercase hex characters');
        source = { kind: 'digest', digest: value };
    }
    else if (isReleaseTag(value)) {
        const released = value.slice(1);
        if (version !== undefined && version !== released) {
            throw new InputError('version', req.version, `empty, or ${released}`, `the source ${value} is a released version: it is promoted again under that version`);
        }
        source = { kind: 'release', version: released };
    }
    else {
        const parsed = parseImmutableTag(value);
        let reason;
        if (value === '')
            reason = 'it is empty';
        else if (!parsed)
            reason = `it is not an immutable tag of ${from} or ${to}`;
        else if (parsed.env !== from && parsed.env !== to)
            reason = `it is a tag of ${parsed.env}; only ${from} tags are promoted (and ${to} tags, to roll back)`;
        if (!parsed || reason)
            throw new InputError('source', value, accepted, reason);
        // Refuses a tag Flux would match but the tag scheme would not write (a 13-digit ts, an odd sha).
        try {
            formatImmutableTag(parsed);
        }
        catch (err) {
            if (!(err instanceof InputError))
                throw err;
            // The part's own message, without its "Accepted:" sentence: the source's is the one that applies.
            const detail = err.message.slice(0, err.message.lastIndexOf('. Accepted: '));
            throw new InputError('source', value, accepted, `its ${err.input} part is wrong (${detail})`);
        }
        source = { kind: 'tag', tag: value, parsed };
    }
    return {
        image: { registry: ref.registry, repository: ref.repository, name: formatImageRef(ref) },
        target: { registry: target.registry, repository: target.repository, name: formatImageRef(target) },
        signatures,
        extraTags,
        source,
        version,
        from,
        to,
        bump,
        suffix,
        repository: { owner, repo },
    };
}
/** Flux's ImagePolicy for an environment, as the README gives it. */
function environmentPolicy(env) {
    return { pattern: (0,tagging_tags/* fluxPattern */.CY)(env), extract: tagging_tags/* FLUX_EXTRACT */.Mb, policy: 'numerical' };
}
function fluxPick(tags, env) {
    return selectLatest(tags, environmentPolicy(env));
}
/** Immutable tags of `env`, newest first; equal ts in Flux's order (the byte-wise smallest first). */
function newestFirst(tags, env, keep = () => true) {
    const found = [];
    for (const tag of tags) {
        const parsed = parseImmutableTag(tag);
        if (parsed?.env === env && keep(parsed))
            found.push({ tag, parsed });
    }
    return found.sort((a, b) => b.parsed.ts - a.parsed.ts || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
const unshared = (_key, read) => read();
function sharedReads() {
    const done = new Map();
    return (key, read) => {
        let p = done.get(key);
        if (!p) {
            p = read();
            done.set(key, p);
        }
        return p;
    };
}
async function resolveSource(v, sides, services, github = unshared) {
    const { source, from, to } = v;
    const sideOf = (env) => (env === to ? sides.to : sides.from);
    // Within one repository both sides are the same: messages name it once.
    const names = sides.from === sides.to ? sides.from.name : `${sides.from.name} (${from}) or ${sides.to.name} (${to})`;
    if (source.kind === 'latest') {
        const pick = fluxPick(sides.from.tags, from);
        if (!pick.ok) {
            throw new InputError('source', 'latest', `an image with ${from} tags, or an explicit tag or digest`, `Flux's ${from} policy picks no tag of ${sides.from.name}: ${pick.error}`);
        }
        if (pick.ties.length > 0) {
            services.logger?.warning(`Flux's ${from} policy may pick any of ${[pick.tag, ...pick.ties].join(', ')} (equal values of different strings); promoting ${pick.tag}`);
        }
        return { tag: pick.tag, parsed: parseImmutableTag(pick.tag), side: sides.from };
    }
    if (source.kind === 'tag') {
        const side = sideOf(source.parsed.env);
        if (!side.tags.includes(source.tag)) {
            throw new InputError('source', source.tag, `a tag ${names} has: latest, or one of its ${from} or ${to} immutable tags`, `${side.name} has no tag ${source.tag}`);
        }
        return { tag: source.tag, parsed: source.parsed, side };
    }
    if (source.kind === 'digest') {
        // Newest first, so the tag Flux picks (or the most recent build of that digest) is the source.
        for (const env of [from, to]) {
            const side = sideOf(env);
            for (const candidate of newestFirst(side.tags, env)) {
                const head = await side.client.headManifest(side.repository, candidate.tag);
                if (head?.digest === source.digest)
                    return { ...candidate, side };
            }
        }
        throw new InputError('source', source.digest, `a digest that a ${from} (or ${to}) immutable tag of ${names} points at`, `no ${from}-v… or ${to}-v… tag of ${names} points at it`);
    }
    const releaseTag = `v${source.version}`;
    const commit = await github(`tag ${releaseTag}`, () => getTagRef(services.github, v.repository, releaseTag));
    if (commit === undefined) {
        throw new InputError('source', releaseTag, `a released version (a tag vX.Y.Z of ${v.repository.owner}/${v.repository.repo})`, `${v.repository.owner}/${v.repository.repo} has no tag ${releaseTag}`);
    }
    for (const env of [to, from]) {
        const side = sideOf(env);
        const [newest] = newestFirst(side.tags, env, (t) => t.version === source.version && commit.startsWith(t.sha));
        if (newest)
            return { ...newest, commit, side };
    }
    throw new InputError('source', releaseTag, `a released version with a ${to} or ${from} tag in ${names}`, `${names} has no ${to}-v${source.version}-${commit.slice(0, 7)}… or ${from}-v${source.version}-${commit.slice(0, 7)}… tag of commit ${commit}`);
}
/**
 * Step 1 of a promotion (docs/promotion.md): resolves the source, verifies its digest and commit,
 * computes the target tag, and checks the release rule. Reads only; changes nothing.
 */
async function planPromotion(req, services) {
    if (!req.train?.length)
        return planOne(req, services);
    const members = trainRequests(req);
    // Every image is planned before anything is decided: one that cannot be promoted refuses the train.
    const { default: pLimit } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 370));
    const limit = pLimit(4);
    const github = sharedReads();
    const settled = await Promise.all(members.map((m) => limit(() => settle(planOne(m, services, github)))));
    const plans = settled.map(take);
    const [first, ...rest] = plans;
    const apart = rest.filter((p) => p.commit !== first.commit || p.version !== first.version);
    if (apart.length > 0) {
        const what = (p) => `${p.image}:${p.sourceTag} (version ${p.version}, commit ${p.commit})`;
        throw new RefusedError(`a release train ships one commit under one version, but ${what(first)} and ${apart.map(what).join(', ')} differ. ` +
            `Nothing was changed. Build every image of the train from one commit, or name the builds to ship with the source input (a tag every image has, or vX.Y.Z).`);
    }
    const plan = { ...first, train: rest };
    const reads = planReads.get(first);
    if (reads)
        planReads.set(plan, reads);
    for (const p of rest)
        p.train = undefined;
    return plan;
}
/** The requests of a train's images, each checked: no image twice, no target twice, no digest source. */
function trainRequests(req) {
    const members = [
        { image: req.image, ...(req.toImage ? { toImage: req.toImage } : {}) },
        ...req.train,
    ];
    if (members.length > MAX_TRAIN) {
        throw new InputError('image', `${members.length} images`, `at most ${MAX_TRAIN} images in one train`);
    }
    const source = (req.source ?? '').trim();
    if (SHA256_DIGEST.test(source) || source.startsWith('sha256:')) {
        throw new InputError('source', source, 'latest, an immutable tag every image of the train has, or a released version vX.Y.Z', 'a digest names one image, and a train has several');
    }
    const seen = new Map();
    return members.map((m) => {
        const one = {
            ...req,
            image: m.image,
            ...(m.toImage ? { toImage: m.toImage } : {}),
            train: undefined,
        };
        if (!m.toImage)
            delete one.toImage;
        const v = validatePromotionRequest(one);
        for (const name of new Set([v.image.name, v.target.name])) {
            const other = seen.get(name);
            if (other !== undefined) {
                throw new InputError('image', m.image, 'each image (and each to-image) once in a train', `${name} is also the image or target of ${other}`);
            }
        }
        seen.set(v.image.name, m.image);
        seen.set(v.target.name, m.image);
        return one;
    });
}
async function planOne(req, services, github = unshared) {
    const v = validatePromotionRequest(req);
    const logger = services.logger ?? silentLogger;
    const { image, target, from, to, repository } = v;
    const now = Math.floor(services.nowSeconds());
    const elsewhere = target.name !== image.name;
    const registry = await services.clients(image.registry);
    const targetRegistry = elsewhere ? await services.clients(target.registry) : registry;
    // Round trip 1: the registry's tags (the target's too, when the tags go elsewhere) and the
    // repository's version tags go out together. A GitHub failure is reported after the registry's
    // answer and the source's checks, as it was when they ran one after the other.
    const refsPromise = settle(github('refs', () => listVersionRefs(services.github, { ...repository, logger })));
    const [sourceTags, targetTags] = await Promise.all([
        settle(registry.listTags(image.repository)),
        settle(elsewhere ? targetRegistry.listTags(target.repository) : Promise.resolve([])),
    ]);
    const fromSide = { client: registry, repository: image.repository, name: image.name, tags: take(sourceTags) };
    const toSide = elsewhere
        ? { client: targetRegistry, repository: target.repository, name: target.name, tags: take(targetTags) }
        : fromSide;
    const tags = toSide.tags;
    const source = await resolveSource(v, { from: fromSide, to: toSide }, services, github);
    const at = source.side;
    logger.debug(`source ${at.name}:${source.tag}`);
    const version = v.source.kind === 'release' ? v.source.version : (v.version ?? validateVersion(source.parsed.version, 'source'));
    const versionSource = v.source.kind === 'release' ? 'release' : v.version !== undefined ? 'input' : 'source-tag';
    const fromPick = fluxPick(fromSide.tags, from);
    const toPick = fluxPick(tags, to);
    const sha = source.parsed.sha;
    const picked = toPick.ok ? parseImmutableTag(toPick.tag) : undefined;
    // A re-run (or a rollback to what already runs): the tag Flux deploys may be this build already.
    const reuse = toPick.ok && picked && picked.version === version && picked.sha === sha ? toPick.tag : undefined;
    const fresh = () => formatImmutableTag({ env: to, version, sha, ts: nextTimestamp(now, tags, to) });
    // Round trip 2: the source's manifest, its commit, and the target tag's current digest.
    const [manifestResult, commitResult, headResult] = await Promise.all([
        settle(at.client.getManifest(at.repository, source.tag)),
        settle(source.commit
            ? Promise.resolve(source.commit)
            : github(`commit ${sha}`, () => resolveCommit(services.github, repository, sha, 'source'))),
        settle(toSide.client.headManifest(toSide.repository, reuse ?? fresh())),
    ]);
    const manifest = take(manifestResult);
    const digest = digestOf(manifest.bytes);
    if (digest !== manifest.digest) {
        throw new Error(`${at.name}:${source.tag}: the manifest's bytes hash to ${digest}, not ${manifest.digest}`);
    }
    if (v.source.kind === 'digest' && digest !== v.source.digest) {
        // The tag moved between the HEAD and the GET: only an alias may move, so this is a registry fault.
        throw new RefusedError(`${at.name}:${source.tag} pointed at ${v.source.digest} and now at ${digest}. Nothing was changed.`);
    }
    const commit = take(commitResult);
    const refs = take(await refsPromise);
    const versionTags = refs.map((r) => r.name);
    const releaseTag = `v${version}`;
    const releaseRef = refs.find((r) => r.name === releaseTag);
    // Round trip 3: the image's revision label, the release tag's commit (an annotated tag is peeled)
    // and the release of that tag (published, or a draft a half-done run or a person left).
    const [labelResult, releasedAtResult, releaseResult] = await Promise.all([
        settle(imageRevisionLabel(at.client, at.repository, manifest)),
        settle(releaseRef === undefined
            ? Promise.resolve(undefined)
            : releaseRef.type === 'commit'
                ? Promise.resolve(releaseRef.sha)
                : github(`tag ${releaseTag}`, () => getTagRef(services.github, repository, releaseTag))),
        settle(github(`release ${releaseTag}`, () => findReleaseByTag(services.github, repository, releaseTag, logger))),
    ]);
    const revisionCheck = crossCheckRevision(commit, take(labelResult));
    const releasedAt = take(releasedAtResult);
    if (releasedAt !== undefined && releasedAt !== commit) {
        const way = nextBuildVersion({ tags: versionTags, suffix: v.suffix });
        throw new RefusedError(`Version ${version} was already released from commit ${releasedAt} (tag ${releaseTag}); ${at.name}:${source.tag} ` +
            `was built from commit ${commit}. Nothing was changed. To ship this image, promote it under a new version: ` +
            `set the promotion's version input, e.g. version: ${way}.`);
    }
    const release = take(releaseResult);
    let releaseState = 'new';
    if (releasedAt !== undefined)
        releaseState = release && !release.draft ? 'exists' : 'ref-only';
    const highest = highestRelease(versionTags);
    const rollback = v.source.kind === 'release' || source.parsed.env === to || (highest !== undefined && semver.lt(version, highest));
    let targetTag;
    let targetState = 'new';
    const head = take(headResult);
    if (reuse !== undefined && head?.digest === digest) {
        targetTag = reuse;
        targetState = 'exists';
    }
    if (targetTag === undefined) {
        targetTag = fresh();
        // The tag list may lag behind the registry (a listing cache): an immutable tag is never overwritten.
        const existing = reuse === undefined ? head : await toSide.client.headManifest(toSide.repository, targetTag);
        if (existing !== undefined && existing.digest !== digest) {
            throw new RefusedError(`${target.name}:${targetTag} already exists and points at ${existing.digest}, not at ${digest}: ` +
                `an immutable tag never moves. Nothing was changed.`);
        }
        if (existing !== undefined)
            targetState = 'exists';
    }
    // Extra tags: a full version never moves (the guard, read here so a refusal comes with the plan).
    const extras = resolveExtraTags(v.extraTags, { version, sha, environments: [from, to] });
    const guardedNow = await Promise.all(extras
        .filter((t) => t.guarded)
        .map(async (t) => ({ t, head: await toSide.client.headManifest(toSide.repository, t.tag) })));
    const moved = guardedNow.filter(({ head }) => head !== undefined && head.digest !== digest);
    if (moved.length > 0) {
        throw versionTagRefusal(moved.map(({ t, head }) => ({ ref: `${target.name}:${t.tag}`, current: head.digest, digest })));
    }
    let nextState = 'none';
    let next;
    if (!rollback && v.bump !== 'none' && isHighestRelease([...versionTags, releaseTag], version)) {
        const nextVersion = bumpVersion(version, v.bump);
        next = { version: nextVersion, tag: nextVersionTag(nextVersion, v.suffix) };
        nextState = refs.some((r) => r.name === next.tag) ? 'exists' : 'new';
    }
    const plan = {
        image: image.name,
        toImage: target.name,
        ...(elsewhere ? { signatures: v.signatures } : {}),
        sourceTag: source.tag,
        sourceKind: v.source.kind,
        digest,
        mediaType: manifest.mediaType,
        commit,
        revisionCheck,
        version,
        versionSource,
        targetTag,
        targetState,
        aliasTag: to,
        releaseTag,
        releaseState,
        rollback,
        ...(next ? { nextVersion: next.version, nextVersionTag: next.tag } : {}),
        nextState,
        fluxPicksNow: { ...(fromPick.ok ? { from: fromPick.tag } : {}), ...(toPick.ok ? { to: toPick.tag } : {}) },
        ...(extras.length ? { extraTags: extras } : {}),
        repository,
        fromEnvironment: from,
        toEnvironment: to,
    };
    planReads.set(plan, { versionTags, release: release ?? null, tags });
    return plan;
}
const planReads = new WeakMap();
/** The reads behind `plan`, when it was made in this process (undefined for a plan given as JSON). */
function readsOf(plan) {
    return planReads.get(plan);
}
/** The image the environment's tags are written to. */
function targetImageOf(plan) {
    return plan.toImage ?? plan.image;
}
/**
 * The image the source tag is in: the request's image, or, when the tags go to another image and
 * the source is a tag of the target environment (a rollback), that other image.
 */
function sourceImageOf(plan) {
    const target = targetImageOf(plan);
    if (target === plan.image)
        return plan.image;
    return parseImmutableTag(plan.sourceTag)?.env === plan.toEnvironment ? target : plan.image;
}
/** What steps 2–4 would do: the dry-run output and the job summary's plan. */
function describePlan(plan) {
    const short = plan.commit.slice(0, 7);
    const how = {
        latest: `what Flux's ${plan.fromEnvironment} policy picks`,
        tag: 'as given',
        digest: `the newest tag of ${plan.digest}`,
        release: `the newest build of release ${plan.releaseTag}`,
    };
    const target = targetImageOf(plan);
    const source = sourceImageOf(plan);
    const copy = source === target
        ? ''
        : `copy ${source}@${plan.digest} to ${target} (${parseImageRef(source, 'image').registry === parseImageRef(target, 'image').registry ? 'blobs mounted' : 'blobs streamed across registries'}, ` +
            `digest kept; signatures and attestations ${plan.signatures === 'skip' ? 'left behind' : 'carried'}), then `;
    const extras = plan.extraTags?.length
        ? `, with ${plan.extraTags.map((t) => `${t.tag}${t.guarded ? ' (never moves)' : ''}`).join(', ')}`
        : '';
    const lines = [
        `Promote ${source}:${plan.sourceTag} (${how[plan.sourceKind]}) to ${plan.toEnvironment}${target !== plan.image ? ` in ${target}` : ''}${plan.rollback ? ' — a rollback (roll-forward to a known-good artifact)' : ''}`,
        `  digest ${plan.digest} (${plan.mediaType}), commit ${plan.commit}` +
            (plan.revisionCheck === 'matched' ? ', matching the image revision label' : ', the image has no revision label'),
        `  version ${plan.version} (${plan.versionSource === 'input' ? 'from the version input' : plan.versionSource === 'release' ? 'the released version' : 'from the source tag'})`,
        plan.targetState === 'new'
            ? `Step 2: ${copy}copy the manifest to ${plan.targetTag} (new), then move ${plan.aliasTag}${extras} to it`
            : `Step 2: ${copy}${plan.targetTag} already has this digest (kept); make sure ${plan.aliasTag}${extras} points at it`,
        plan.releaseState === 'new'
            ? `Step 3: create tag ${plan.releaseTag} at ${plan.commit}, then the release ${plan.releaseTag} with the lineage`
            : plan.releaseState === 'ref-only'
                ? `Step 3: tag ${plan.releaseTag} is at ${short} already; create (or publish) the release ${plan.releaseTag} with the lineage`
                : plan.rollback
                    ? `Step 3: the release ${plan.releaseTag} exists at ${short}: reused as it is (a rollback ships nothing new)`
                    : `Step 3: the release ${plan.releaseTag} exists at ${short}: reuse it, recording this promotion's lineage`,
    ];
    if (plan.nextState === 'new')
        lines.push(`Step 4: create the next-version tag ${plan.nextVersionTag} at ${short}`);
    else if (plan.nextState === 'exists')
        lines.push(`Step 4: the next-version tag ${plan.nextVersionTag} exists already`);
    else
        lines.push(`Step 4: no bump (${plan.rollback ? 'a rollback bumps nothing' : 'bump is none, or a higher release exists'})`);
    lines.push(`Flux now picks: ${plan.fromEnvironment} ${plan.fluxPicksNow.from ?? '(nothing)'}, ${plan.toEnvironment} ${plan.fluxPicksNow.to ?? '(nothing)'}; ` +
        `after this ${plan.toEnvironment} picks ${plan.targetTag}`);
    if (plan.train?.length) {
        lines.push(`Release train: ${plan.train.length + 1} images, one version ${plan.version}, one release ${plan.releaseTag}; also`);
        for (const m of plan.train) {
            const target = targetImageOf(m);
            const source = sourceImageOf(m);
            lines.push(`  ${source}:${m.sourceTag} → ${target !== source ? `${target}:` : ''}${m.targetTag} (${m.targetState}), digest ${m.digest}`);
        }
    }
    return lines;
}

;// CONCATENATED MODULE: ./packages/promotion/apply-build.ts








const MAX_BUILD_TIE_ROUNDS = 3;
/**
 * Applies a computed build's tags to the image already pushed by digest (docs/promotion.md
 * "Concurrency"). Right before the write the tag list is read again: when another build of the
 * environment took this ts since the tags were computed, this build takes the next free ts (never
 * sharing one). The alias and the sha tag go first, the immutable tag, which Flux follows, last.
 * Right after the write the list is read once more: the builds of the environment written since
 * this one computed its tags ran at the same moment, and among them the higher version wins, then
 * the newer commit (one descends from the other in GitHub's history); whichever process sees Flux
 * pick a loser writes the winner's digest at the next ts, so every run converges on one answer and
 * says it. When the order cannot be known (no token, commits far apart), Flux's own order stands.
 */
async function applyBuild(build, digestInput, services) {
    const digest = digestInput.trim();
    if (!patterns/* DIGEST */.Dh.test(digest))
        throw new errors/* InputError */.dz('digest', digestInput, 'sha256:<64 lowercase hex>');
    const logger = services.logger ?? common_logger/* silentLogger */.q;
    const env = build.environment;
    const images = build.images.map((i) => (0,tagging_image/* parseImageRef */.Q)(i, 'images'));
    let current = build;
    if (build.timestampSource !== 'input') {
        const lists = await Promise.all(images.map(async (img) => (await services.clients(img.registry)).listTags(img.repository)));
        const taken = new Set(lists.flatMap((tags) => tags.map((t) => (0,tagging_tags/* parseImmutableTag */.ek)(t)).filter((p) => p?.env === env)).map((p) => p.ts));
        let ts = build.timestamp;
        while (taken.has(ts))
            ts++;
        if (ts !== build.timestamp) {
            current = withTimestamp(build, ts);
            logger.info(`another build of ${env} took ts ${build.timestamp} since the tags were computed: ` +
                `${build.tags.immutable} becomes ${current.tags.immutable}`);
        }
    }
    const targets = images.flatMap((img) => {
        const name = (0,tagging_image/* formatImageRef */.kL)(img);
        return [current.tags.alias, current.tags.shaTag, current.tags.immutable].map((t) => `${name}:${t}`);
    });
    const copied = await retag({ source: digest, targets, clients: services.clients, logger });
    const written = [...copied.targets];
    const ties = [];
    const compare = cachedCompare(current.commit, current.sha, services);
    const ours = { env, version: current.version, sha: current.sha, ts: current.timestamp };
    const isOurs = (t) => t.version === ours.version && t.sha === ours.sha;
    for (const img of images) {
        const client = await services.clients(img.registry);
        const name = (0,tagging_image/* formatImageRef */.kL)(img);
        for (let round = 0;; round++) {
            const tags = await client.listTags(img.repository);
            // Builds written since this one computed its tags (its computed ts outranked every tag then).
            const concurrent = new Map();
            let oursNow = { tag: current.tags.immutable, parsed: ours };
            for (const tag of tags) {
                const parsed = (0,tagging_tags/* parseImmutableTag */.ek)(tag);
                if (parsed?.env !== env || parsed.ts < build.timestamp)
                    continue;
                if (isOurs(parsed)) {
                    if (parsed.ts > oursNow.parsed.ts)
                        oursNow = { tag, parsed };
                    continue;
                }
                const key = `${parsed.version} ${parsed.sha}`;
                if ((concurrent.get(key)?.parsed.ts ?? -1) < parsed.ts)
                    concurrent.set(key, { tag, parsed });
            }
            if (concurrent.size === 0)
                break;
            const others = [...concurrent.values()];
            const winner = await pickWinner(oursNow, others, compare);
            const pick = fluxPick(tags, env);
            const picked = pick.ok ? (0,tagging_tags/* parseImmutableTag */.ek)(pick.tag) : undefined;
            const fluxPicks = pick.ok ? pick.tag : '';
            const settled = !winner.known || (picked?.version === winner.parsed.version && picked.sha === winner.parsed.sha);
            if (settled || round >= MAX_BUILD_TIE_ROUNDS) {
                const oursWins = winner.known ? isOurs(winner.parsed) : picked !== undefined && isOurs(picked);
                const message = `builds of ${env} ran at the same moment (${[oursNow.tag, ...others.map((o) => o.tag)].join(', ')}): ` +
                    `${winner.reason}. Flux picks ${name}:${fluxPicks}` +
                    (oursWins ? '' : `; this build's tags were written and stay, but ${env} runs the other build`);
                logger.warning(message);
                ties.push({
                    image: name,
                    tags: [oursNow.tag, ...others.map((o) => o.tag)],
                    winner: winner.known ? winner.tag : fluxPicks,
                    ours: oursWins,
                    reason: message,
                    fluxPicks,
                });
                break;
            }
            // Flux picks a loser: give the winner's digest the next ts, whichever process sees it first.
            const winnerIsOurs = isOurs(winner.parsed);
            const winnerDigest = winnerIsOurs ? digest : (await client.headManifest(img.repository, winner.tag))?.digest;
            if (winnerDigest === undefined)
                break;
            const next = (0,tagging_tags/* formatImmutableTag */.sC)({ ...winner.parsed, ts: (0,tagging_tags/* nextTimestamp */.eo)(winner.parsed.ts, tags, env) });
            logger.info(`builds of ${env} at the same moment: Flux picks ${fluxPicks}; writing ${next} (${winner.reason})`);
            const again = await retag({
                source: `${name}@${winnerDigest}`,
                targets: [next],
                clients: services.clients,
                expectedDigest: winnerDigest,
                logger,
            });
            if (winnerIsOurs) {
                written.push(...again.targets);
                if (images.length === 1)
                    current = withTimestamp(current, (0,tagging_tags/* parseImmutableTag */.ek)(next).ts);
            }
        }
    }
    return { build: current, digest, written, ties };
}
/** The commit order of two builds, each pair asked of GitHub once; ours by its full commit. */
function cachedCompare(commit, sha, services) {
    const cache = new Map();
    return async (a, b) => {
        if (!services.commitOrder)
            return 'unknown';
        const full = (t) => (t.sha === sha ? commit : t.sha);
        const key = `${a.sha} ${b.sha}`;
        let order = cache.get(key);
        if (!order)
            cache.set(key, (order = services.commitOrder(full(a), full(b))));
        const o = await order;
        return o === 'same' ? 'unknown' : o;
    };
}
/** The build the environment should run: the higher version, then the newer commit. */
async function pickWinner(ours, others, compare) {
    let best = { ...ours, reason: '' };
    for (const other of others) {
        const byVersion = semver_default().compare(other.parsed.version, best.parsed.version);
        if (byVersion > 0)
            best = { ...other, reason: `${other.parsed.version} is the higher version` };
        else if (byVersion < 0)
            best.reason ||= `${best.parsed.version} is the higher version`;
        else {
            const order = await compare(other.parsed, best.parsed);
            if (order === 'unknown') {
                return {
                    ...best,
                    known: false,
                    reason: "the commits' order is not known (no GitHub token, or more than 10 commits apart), so Flux's own order stands",
                };
            }
            if (order === 'newer')
                best = { ...other, reason: `commit ${other.parsed.sha} is newer (it descends from ${best.parsed.sha})` };
            else
                best.reason ||= `commit ${best.parsed.sha} is newer (it descends from ${other.parsed.sha})`;
        }
    }
    return { ...best, known: true };
}
function withTimestamp(build, ts) {
    const tags = (0,tagging_tags/* buildTags */.m5)({
        images: build.images,
        env: build.environment,
        version: build.version,
        sha: build.sha,
        shaLength: build.sha.length,
        ts,
    });
    return { ...build, timestamp: ts, timestampSource: 'registry', tags };
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
