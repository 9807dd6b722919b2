export const id = 44;
export const ids = [44];
export const modules = {

/***/ 6222:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WL: () => (/* binding */ resolveCommit),
/* harmony export */   fH: () => (/* binding */ workflowsDiffer),
/* harmony export */   i8: () => (/* binding */ crossCheckRevision)
/* harmony export */ });
/* unused harmony export commitOrder */
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
    if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .COMMIT_PREFIX */ .nx.test(sha))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, shortSha, accepted);
    let found;
    try {
        const { data } = await client.rest.repos.getCommit({ owner: repo.owner, repo: repo.repo, ref: sha });
        found = data.sha;
    }
    catch (err) {
        const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .requestStatus */ .G2)(err);
        if (status === 404 || status === 422) {
            const detail = errorDetail(err);
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, shortSha, accepted, `GitHub answered ${status}${detail ? ` (${detail})` : ''}`);
        }
        if (status === 409)
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, shortSha, accepted, `${repo.owner}/${repo.repo} is an empty repository`);
        throw err;
    }
    // `commits/{ref}` also takes branch and tag names; a hex string that is a branch name must not pass.
    if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .FULL_SHA */ .RG.test(found) || !found.startsWith(sha)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, shortSha, accepted, `GitHub resolved it to ${found}, which is not a commit starting with it`);
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
    if (label === sha || (label.length >= 7 && _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__/* .COMMIT_PREFIX */ .nx.test(label) && sha.startsWith(label)))
        return 'matched';
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`The image's org.opencontainers.image.revision label names commit ${revisionLabel.trim()}, but its tag names commit ${fullSha}: ` +
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
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .requestStatus */ .G2)(err) === 404 && !/no commit found/i.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .responseMessage */ .tw)(err)))
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
/* harmony export */   ED: () => (/* binding */ isRateLimitAnswer),
/* harmony export */   G2: () => (/* binding */ requestStatus),
/* harmony export */   Rr: () => (/* binding */ GitHubRateLimitError),
/* harmony export */   Y3: () => (/* binding */ redactSecret),
/* harmony export */   tw: () => (/* binding */ responseMessage),
/* harmony export */   zP: () => (/* binding */ explainGitHubRefusal)
/* harmony export */ });
/* unused harmony export responseHeader */
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
        return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${said}: a repository ruleset restricts creating this tag. Add the GitHub App whose token the workflow ` +
            "uses to the ruleset's bypass list (Settings > Rules > Rulesets), or narrow the ruleset so that it does not " +
            'cover the release tags (v*).');
    }
    // Tag protection rules of GitHub Enterprise Server answer from the pre-receive hook
    // (https://docs.github.com/en/enterprise-server@3.12/repositories/managing-your-repositorys-settings-and-features/managing-repository-settings/configuring-tag-protection-rules).
    if (GHES_TAG_PROTECTION.test(texts)) {
        return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${said}: a tag protection rule allows only some roles to create this tag. Ask a repository admin to allow ` +
            'it (or to replace the rule with a ruleset that bypasses the GitHub App the workflow uses), or use a token of ' +
            'a role allowed to create protected tags (admin or maintain).');
    }
    // Immutable releases reserve their tag name for ever, even after deletion
    // (https://docs.github.com/en/code-security/supply-chain-security/understanding-your-software-supply-chain/immutable-releases).
    if (status === 422 && IMMUTABLE_TAG.test(texts)) {
        return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`${said}: the tag was used by an immutable release, and GitHub never lets that version be released again, ` +
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
        return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', '', 'a token with Contents: write: for the GITHUB_TOKEN, `permissions: contents: write` on the job (or the ' +
            'workflow); no App token is needed for this', `${said}${withHeader}: the token may not write the repository's contents`, { secret: true });
    }
    if (status === 422)
        return err;
    // The workflows permission: plausible unless we know the commit's workflows equal the default
    // branch's, or GitHub named permissions without it (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release;
    // release-please-action #878; mkb79/Audible PR #882).
    if (asksWorkflows === true || (asksWorkflows === undefined && ctx.workflowsDiffer !== false))
        return explainWorkflowsRefusal(err, ctx);
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', '', 'a token that can read the repository and write its contents: for the GITHUB_TOKEN, `permissions: contents: ' +
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
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('github-token', '', 'a GitHub App installation token with the Contents: write and Workflows: write permissions, or a personal access ' +
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

/***/ 1261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KE: () => (/* binding */ replaceLineage),
/* harmony export */   Lz: () => (/* binding */ sameShipment),
/* harmony export */   SX: () => (/* binding */ renderLineage),
/* harmony export */   Vg: () => (/* binding */ parseLineage),
/* harmony export */   ae: () => (/* binding */ splitLineage)
/* harmony export */ });
/* unused harmony exports MAX_DELIVERIES, LINEAGE_START, LINEAGE_END, mergeDeliveries */
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
const REQUIRED_FIELDS = ['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version'];
const OPTIONAL_FIELDS = ['sourceImage', 'runUrl', 'promotedAt'];
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
function renderLineage(l) {
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
function splitLineage(body) {
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
function sameShipment(a, b) {
    if (!a || !b)
        return false;
    const images = (l) => JSON.stringify((l.images ?? []).map(orderedImage));
    return REQUIRED_FIELDS.every((key) => a[key] === b[key]) && images(a) === images(b);
}
/**
 * The body with its lineage block replaced by `l`'s, or with `l`'s block appended after the notes.
 * The deliveries already recorded are kept, with `l`'s added: a release's history only grows.
 */
function replaceLineage(body, l) {
    const text = body ?? '';
    const previous = parseLineage(text)?.deliveries;
    const deliveries = mergeDeliveries(previous, l.deliveries);
    const rendered = renderLineage({ ...l, ...(deliveries.length ? { deliveries } : {}) });
    const block = findBlock(text);
    if (block)
        return text.slice(0, block.start) + rendered + text.slice(block.end);
    const notes = text.replace(/\s+$/, '');
    return notes ? `${notes}\n\n${rendered}\n` : `${rendered}\n`;
}


/***/ }),

/***/ 8456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G2: () => (/* reexport safe */ _errors_js__WEBPACK_IMPORTED_MODULE_5__.G2),
/* harmony export */   GC: () => (/* binding */ explainRefusal),
/* harmony export */   c9: () => (/* binding */ readAfterWrite),
/* harmony export */   k2: () => (/* binding */ getTagRef),
/* harmony export */   ud: () => (/* binding */ ensureNextVersionTag),
/* harmony export */   uh: () => (/* binding */ ensureTagRef)
/* harmony export */ });
/* unused harmony export readAfterWritePolicy */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8852);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9088);
/* harmony import */ var _commits_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6222);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1251);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9325);







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
async function readAfterWrite(what, read, opts = {}) {
    const policy = opts.policy ?? readAfterWritePolicy;
    return (0,_common_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retry */ .L5)(async () => {
        try {
            return await read();
        }
        catch (err) {
            if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err) !== 404)
                throw err;
            return undefined;
        }
    }, {
        what,
        policy,
        ...(opts.logger ? { logger: opts.logger } : {}),
        // Only an absent answer is read again; a value, or an error other than 404, stands.
        decide: (outcome, attempt) => outcome.ok && outcome.value === undefined ? { delayMs: (0,_common_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .backoffDelay */ .EY)(attempt, policy) } : undefined,
        describe: () => 'not visible yet after a write',
    });
}
/**
 * GitHub's refusal of a tag or release write, explained (errors.ts explainGitHubRefusal). For a 403
 * or 404 it first asks whether the commit's `.github/workflows` differ from the default branch's,
 * so that the workflows permission is blamed only when that is plausible.
 */
async function explainRefusal(client, err, ctx) {
    const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err);
    if (status !== 403 && status !== 404 && status !== 422)
        return err;
    let differ;
    if ((status === 403 || status === 404) && !(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .isRateLimitAnswer */ .ED)(err))
        differ = await (0,_commits_js__WEBPACK_IMPORTED_MODULE_3__/* .workflowsDiffer */ .fH)(client, ctx.repo, ctx.sha);
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .explainGitHubRefusal */ .zP)(err, { ...ctx, workflowsDiffer: differ });
}
/** A tag ref's target, peeled down to a commit; undefined when the tag does not exist. */
async function getTagRef(client, repo, tag) {
    let object;
    try {
        const { data } = await client.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `tags/${tag}` });
        object = data.object;
    }
    catch (err) {
        const status = (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err);
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
    if (_common_patterns_js__WEBPACK_IMPORTED_MODULE_4__/* .FULL_SHA */ .RG.test(sha))
        return sha;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, sha, 'a full commit sha: 40 lowercase hex characters');
}
/** create-ref's first-writer-wins answer: 422 "Reference already exists", with no errors[] code (https://docs.github.com/en/rest/git/refs#create-a-reference). */
function isReferenceExists(err) {
    return (0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err) === 422 && /reference already exists/i.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .responseMessage */ .tw)(err));
}
async function createTagRef(client, repo, tag, sha) {
    try {
        await client.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref: `refs/tags/${tag}`, sha });
        return 'created';
    }
    catch (err) {
        if (isReferenceExists(err))
            return 'exists';
        throw await explainRefusal(client, err, { repo, action: `creating tag ${tag}`, sha });
    }
}
function tagConflict(repo, tag, existing, sha) {
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`Tag ${tag} of ${repo.owner}/${repo.repo} already points at commit ${existing}, not at ${sha}: that version was ` +
        `shipped from ${existing}. Nothing was changed. To release commit ${sha}, promote it under a new version ` +
        "(the promotion's version input).");
}
/**
 * The release tag at the shipped commit (README "The promotion workflow": `git checkout vX.Y.Z` is production's
 * code). Read first, so a re-run writes nothing; then create, letting create-ref decide a race
 * (first writer wins, https://docs.github.com/en/rest/git/refs#create-a-reference). A tag at another commit is never moved.
 */
async function ensureTagRef(client, repo, tag, sha, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q, opts = {}) {
    validateFullSha(sha, 'commit');
    // knownAbsent: the caller read it absent moments ago; create-ref's 422 settles a race either way.
    const existing = opts.knownAbsent ? undefined : await getTagRef(client, repo, tag);
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
async function ensureNextVersionTag(client, repo, tag, sha, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q, opts = {}) {
    validateFullSha(sha, 'commit');
    const existing = opts.knownAbsent ? undefined : await getTagRef(client, repo, tag);
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

/***/ 1044:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EP: () => (/* binding */ recordDelivery),
/* harmony export */   a7: () => (/* binding */ findReleaseByTag),
/* harmony export */   fk: () => (/* binding */ releaseNotes),
/* harmony export */   tH: () => (/* binding */ listReleases),
/* harmony export */   validateMakeLatest: () => (/* binding */ validateMakeLatest),
/* harmony export */   w9: () => (/* binding */ ensureRelease)
/* harmony export */ });
/* unused harmony exports RELEASE_BODY_LIMIT, DRAFT_SEARCH_PAGES, getRelease, fitReleaseBody, composeReleaseBody */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5141);
/* harmony import */ var _tagging_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6093);
/* harmony import */ var _lineage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1261);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8456);
/* harmony import */ var _versions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3463);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1251);









const MAKE_LATEST = ['auto', 'true', 'false'];
/** GitHub rejects longer release bodies (softprops/action-gh-release cuts at the same length). */
const RELEASE_BODY_LIMIT = 125_000;
function validateMakeLatest(value, input = 'make-latest') {
    if (MAKE_LATEST.includes(value))
        return value;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, value, MAKE_LATEST.join(', '));
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
        if ((0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err) === 404)
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
        if ((0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err) === 404)
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
async function findReleaseByTag(client, repo, tag, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q, opts = {}) {
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
                if ((0,_versions_js__WEBPACK_IMPORTED_MODULE_6__/* .nextPageUrl */ ._C)(page.headers.link)) {
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
    const parts = (0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .splitLineage */ .ae)(body);
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
    return fitReleaseBody(`${text}${text ? '\n\n' : ''}${(0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .renderLineage */ .SX)(lineage)}\n`);
}
/**
 * GitHub's generated notes of `vX.Y.Z`, from the previous release of the series; '' with a warning
 * when GitHub cannot make them. Never throws: the notes are a courtesy, the lineage is the record.
 */
async function releaseNotes(client, repo, opts, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    const tag = `v${opts.version}`;
    const previous = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_3__/* .previousRelease */ .Fi)(opts.releaseTags, opts.version);
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
        logger.warning(`GitHub did not generate the notes of ${tag} (${(0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err)}); the release gets the lineage only. ` +
            'Edit its notes by hand if you want them.');
        return '';
    }
}
function summary(r) {
    return { id: r.id, html_url: r.html_url, tag_name: r.tag_name };
}
/** create-release's answer when a published release already has the tag (https://docs.github.com/en/rest/releases/releases#create-a-release, 422 already_exists). */
function isAlreadyExists(err) {
    if ((0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .requestStatus */ .G2)(err) !== 422)
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
async function ensureRelease(client, repo, opts, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    const version = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .validateVersion */ .Pj)(opts.version);
    const tag = `v${version}`;
    if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_7__/* .FULL_SHA */ .RG.test(opts.commit))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('commit', opts.commit, 'a full commit sha: 40 lowercase hex characters');
    if (opts.lineage.version !== version || opts.lineage.commit !== opts.commit) {
        throw new Error(`lineage of ${opts.lineage.version} at ${opts.lineage.commit} does not describe release ${tag} at ${opts.commit}`);
    }
    const makeLatestOption = validateMakeLatest(opts.makeLatest ?? 'auto');
    const highest = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_3__/* .isHighestRelease */ .gj)(opts.releaseTags, version);
    let makeLatest;
    if (makeLatestOption === 'auto')
        makeLatest = highest ? 'true' : 'false';
    else {
        makeLatest = makeLatestOption;
        if (makeLatest === 'true' && !highest)
            logger.warning(`${tag} is marked latest as asked, though a higher release exists`);
    }
    const readBack = { policy: opts.readBackPolicy, logger };
    const tagState = opts.known?.tag ?? (await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .ensureTagRef */ .uh)(client, repo, tag, opts.commit, logger));
    // ensureTagRef leaves the tag at the commit or throws, so the release writes below never send
    // `target_commitish`: it is "Unused if the Git tag already exists" (https://docs.github.com/en/rest/releases/releases#create-a-release), only a
    // tag that does not exist yet would need it, and peers that sent it for an existing tag got 403 and
    // 422 refusals (ncipollo/release-action #242, https://github.com/ncipollo/release-action/issues/242).
    const existing = opts.known?.release !== undefined
        ? (opts.known.release ?? undefined)
        : await findReleaseByTag(client, repo, tag, logger);
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
            ? fitReleaseBody((0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceLineage */ .KE)(existing.body, opts.lineage))
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
            throw await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .explainRefusal */ .GC)(client, err, {
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
        throw await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .explainRefusal */ .GC)(client, err, { repo, action: `creating the release ${tag}`, sha: opts.commit });
    }
    logger.info(`Created the release ${tag} (${created.html_url})${makeLatest === 'true' ? ', marked latest' : ''}`);
    return { release: summary(await visible(created)), state: 'created', tag: tagState };
    async function convergePublished(release) {
        if ((0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .sameShipment */ .Lz)((0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLineage */ .Vg)(release.body), opts.lineage)) {
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
                body: fitReleaseBody((0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceLineage */ .KE)(release.body, opts.lineage)),
                make_latest: makeLatest,
            }));
        }
        catch (err) {
            throw await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .explainRefusal */ .GC)(client, err, {
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
        const winner = await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .readAfterWrite */ .c9)(`release ${tag}`, async () => {
            const found = await findReleaseByTag(client, repo, tag, logger);
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
        const seen = await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .readAfterWrite */ .c9)(`release ${tag}`, () => getRelease(client, repo, release.id), readBack);
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
async function recordDelivery(client, repo, release, opts, logger = _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    const current = (0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLineage */ .Vg)(release.body);
    if (current?.deliveries?.some((d) => d.targetTag === opts.delivery.targetTag)) {
        logger.info(`The release ${release.tag_name} records this delivery already (${release.html_url})`);
        return { release: summary(release), state: 'unchanged' };
    }
    const lineage = { ...(current ?? opts.lineage), deliveries: [opts.delivery] };
    const makeLatest = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_3__/* .isHighestRelease */ .gj)(opts.releaseTags, opts.lineage.version) ? 'true' : 'false';
    let data;
    try {
        ({ data } = await client.rest.repos.updateRelease({
            owner: repo.owner,
            repo: repo.repo,
            release_id: release.id,
            body: fitReleaseBody((0,_lineage_js__WEBPACK_IMPORTED_MODULE_4__/* .replaceLineage */ .KE)(release.body, lineage)),
            make_latest: makeLatest,
        }));
    }
    catch (err) {
        throw await (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .explainRefusal */ .GC)(client, err, {
            repo,
            action: `recording the ${opts.delivery.kind} in the release ${release.tag_name}`,
            sha: opts.lineage.commit,
        });
    }
    logger.info(`Recorded the ${opts.delivery.kind} in the release ${release.tag_name} (${data.html_url})`);
    return { release: summary(data), state: 'updated' };
}


/***/ }),

/***/ 3463:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OZ: () => (/* binding */ listVersionTags),
/* harmony export */   _C: () => (/* binding */ nextPageUrl),
/* harmony export */   pq: () => (/* binding */ listVersionRefs)
/* harmony export */ });
/* unused harmony export resolveBuildVersion */
/* harmony import */ var _common_link_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4364);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _tagging_version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6093);



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
    return nextBuildVersion({ tags, initialVersion: opts.initialVersion, suffix: opts.suffix });
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
/* unused harmony exports ENV_GRAMMAR, MAX_ENVIRONMENT_LENGTH, newestTimestamp */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _image_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1895);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1251);



/** No dash: the immutable tag is split on dashes, and Flux's pattern starts with `^<env>-v`. */
const ENV_GRAMMAR = /^[a-z][a-z0-9]*$/;
/**
 * The longest environment name: with it, the longest immutable tag there can be (three 16-digit
 * version numbers, the largest semver takes here, a 40-character sha, a 10-digit ts) is exactly 128
 * characters, the most an OCI tag may have
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests), so no
 * valid build or promotion can make a tag a registry refuses. README "Choices".
 */
const MAX_ENVIRONMENT_LENGTH = 24;
const ENV_ACCEPTED = `a lowercase letter followed by lowercase letters or digits, at most ${MAX_ENVIRONMENT_LENGTH} characters, e.g. develop, staging, production`;
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
    if (ENV_GRAMMAR.test(env) && env.length <= MAX_ENVIRONMENT_LENGTH)
        return env;
    let reason;
    if (env === '')
        reason = 'it is empty';
    else if (ENV_GRAMMAR.test(env))
        reason = `it has ${env.length} characters, more than ${MAX_ENVIRONMENT_LENGTH}, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag`;
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
        const ref = (0,_image_js__WEBPACK_IMPORTED_MODULE_1__.parseImageRef)(image, 'images');
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
/* unused harmony exports DEFAULT_INITIAL_VERSION, releaseVersions, MAX_SUFFIX_LENGTH, nextVersionTagVersion, validateBumpLevel */
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
