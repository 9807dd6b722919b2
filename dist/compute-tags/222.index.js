export const id = 222;
export const ids = [222];
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


/***/ })

};
