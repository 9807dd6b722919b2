export const id = 387;
export const ids = [387,120];
export const modules = {

/***/ 3387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describePlan: () => (/* reexport */ promotion_plan.describePlan),
  promote: () => (/* reexport */ promote)
});

// UNUSED EXPORTS: computeBuild, environmentPolicy, environmentStatus, executePromotion, fluxPick, lineageOf, planPromotion, registryClients, releaseShipment, retag, validatePromotionRequest

// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
// EXTERNAL MODULE: ./packages/tagging/tags.ts
var tags = __webpack_require__(5141);
;// CONCATENATED MODULE: ./packages/tagging/branches.ts


/** The default branch → environment map of the release model (SPEC.md). */
const DEFAULT_BRANCH_ENVIRONMENTS = 'develop=develop\nmain=staging';
/** Parses `branch=environment` pairs, one a line or comma-separated. */
function branches_parseBranchMap(text, input = 'branch-environments') {
    const map = new Map();
    for (const raw of text.split(/[\n,]/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const eq = line.indexOf('=');
        const branch = eq > 0 ? line.slice(0, eq).trim() : '';
        const env = eq > 0 ? line.slice(eq + 1).trim() : '';
        if (!branch || !env) {
            throw new InputError(input, line, 'lines of the form branch=environment, e.g. "main=staging"');
        }
        map.set(branch, validateEnvironment(env, input));
    }
    return map;
}
/** The environment a branch builds for; an unmapped branch is an error that names the map. */
function branches_environmentForBranch(branch, map, input = 'environment') {
    const env = map.get(branch);
    if (env)
        return env;
    const known = [...map].map(([b, e]) => `${b}=${e}`).join(', ') || '(empty)';
    throw new InputError(input, '', `an explicit environment, or a push to a mapped branch (branch-environments: ${known})`, `branch "${branch}" is not in branch-environments`);
}

// EXTERNAL MODULE: ./packages/tagging/image.ts
var tagging_image = __webpack_require__(1895);
;// CONCATENATED MODULE: ./packages/promotion/build.ts






/** Computes the tags of one build (SPEC.md "The tag scheme"): all input is checked before any I/O. */
async function computeBuild(req, ctx, services) {
    const logger = services.logger ?? silentLogger;
    const images = req.images.map((i) => parseImageRef(i.trim(), 'images'));
    if (images.length === 0)
        throw new InputError('images', '', 'one image name or more, one a line (e.g. ghcr.io/org/backend)');
    for (const [i, img] of images.entries()) {
        if (img.tag || img.digest) {
            throw new InputError('images', req.images[i], 'image names without a tag or digest (e.g. ghcr.io/org/backend)');
        }
    }
    const environment = req.environment
        ? validateEnvironment(req.environment)
        : environmentForBranch(ctx.branch ?? '', parseBranchMap(req.branchEnvironments));
    const shaLength = validateShaLength(req.shaLength ?? 7);
    const commitInput = req.sha || ctx.sha;
    if (!commitInput)
        throw new InputError('sha', '', 'a commit sha (7–40 hex characters); GITHUB_SHA is unset');
    const sha = validateSha(commitInput, shaLength);
    const commit = commitInput.toLowerCase();
    const explicitVersion = req.version ? validateVersion(req.version) : undefined;
    const initialVersion = validateVersion(req.initialVersion || '0.0.1', 'initial-version');
    const explicitTs = req.timestamp ? validateTimestamp(req.timestamp) : undefined;
    let version;
    let versionSource;
    if (explicitVersion) {
        version = explicitVersion;
        versionSource = 'input';
    }
    else {
        if (!services.resolveVersion) {
            throw new InputError('version', '', 'an explicit version X.Y.Z, or a github-token to read the release tags');
        }
        version = await services.resolveVersion(initialVersion);
        versionSource = 'repository';
    }
    let timestamp;
    let timestampSource;
    if (explicitTs !== undefined) {
        timestamp = explicitTs;
        timestampSource = 'input';
    }
    else {
        const now = services.nowSeconds();
        timestamp = now;
        timestampSource = 'clock';
        if (services.listTags) {
            // Flux breaks ties by byte order, not age: a new tag must outrank every tag of its environment.
            for (const image of images) {
                try {
                    const next = nextTimestamp(now, await services.listTags(image), environment);
                    if (next > timestamp) {
                        timestamp = next;
                        timestampSource = 'registry';
                    }
                }
                catch (err) {
                    logger.warning(`could not read the tags of ${formatImageRef(image)} (${err instanceof Error ? err.message : String(err)}); timestamp from the clock`);
                }
            }
        }
    }
    const names = images.map((img) => formatImageRef(img));
    const tags = buildTags({ images: names, env: environment, version, sha, shaLength, ts: timestamp });
    const labels = imageLabels({ version, commit, timestamp, repository: ctx.repository, serverUrl: ctx.serverUrl });
    return {
        environment,
        version,
        versionSource,
        sha,
        commit,
        timestamp,
        timestampSource,
        images: names,
        tags,
        fluxPattern: fluxPattern(environment),
        labels,
    };
}

// EXTERNAL MODULE: ./packages/promotion/retag.ts
var retag = __webpack_require__(6191);
// EXTERNAL MODULE: ./packages/promotion/registry-clients.ts
var registry_clients = __webpack_require__(7600);
// EXTERNAL MODULE: ./packages/promotion/plan.ts
var promotion_plan = __webpack_require__(4537);
// EXTERNAL MODULE: ./packages/github/refs.ts
var refs = __webpack_require__(8456);
// EXTERNAL MODULE: ./packages/github/releases.ts + 1 modules
var releases = __webpack_require__(6048);
// EXTERNAL MODULE: ./packages/github/versions.ts
var versions = __webpack_require__(3463);
;// CONCATENATED MODULE: ./packages/promotion/release.ts




/**
 * Step 3 of a promotion: the tag ref vX.Y.Z at the shipped commit, then the release with lineage.
 * A rollback ships nothing new, so it keeps the release of the first promotion untouched: no write
 * can then make an older release GitHub's latest.
 */
async function releaseShipment(github, opts, logger = common_logger/* silentLogger */.q) {
    const tagName = `v${opts.version}`;
    if (opts.keepExisting) {
        const tag = await (0,refs/* ensureTagRef */.uh)(github, opts.repository, tagName, opts.commit, logger);
        const release = await (0,releases/* findReleaseByTag */.a7)(github, opts.repository, tagName, logger);
        if (release && !release.draft) {
            logger.info(`Rollback: the release ${tagName} is reused as it is (${release.html_url})`);
            return {
                release: { id: release.id, html_url: release.html_url, tag_name: release.tag_name },
                state: 'unchanged',
                tag,
            };
        }
    }
    return (0,releases/* ensureRelease */.w9)(github, opts.repository, {
        version: opts.version,
        commit: opts.commit,
        lineage: opts.lineage,
        releaseTags: await (0,versions/* listVersionTags */.OZ)(github, { ...opts.repository, logger }),
        ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
        ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    }, logger);
}

;// CONCATENATED MODULE: ./packages/promotion/promote.ts





function lineageOf(plan, services) {
    return {
        image: plan.image,
        digest: plan.digest,
        sourceTag: plan.sourceTag,
        targetTag: plan.targetTag,
        commit: plan.commit,
        version: plan.version,
        ...(services.runUrl ? { runUrl: services.runUrl } : {}),
        promotedAt: new Date(Math.floor(services.nowSeconds()) * 1000).toISOString().replace(/\.000Z$/, 'Z'),
    };
}
/**
 * Steps 2–4 of a plan (SPEC.md "Promotion"). Each step reads before it writes, so a re-run after a
 * failure at any step finishes the promotion with no duplicate tag or release.
 */
async function executePromotion(plan, services, opts = {}) {
    const logger = services.logger ?? common_logger/* silentLogger */.q;
    const { repository } = plan;
    // The immutable tag before the alias: a run that stops between the two has already given Flux's
    // policy its tag, and the alias never names a digest that no immutable tag of the environment has.
    const copied = await (0,retag.retag)({
        source: `${plan.image}@${plan.digest}`,
        targets: [plan.targetTag, plan.aliasTag],
        clients: services.clients,
        expectedDigest: plan.digest,
        logger,
    });
    const ensured = await releaseShipment(services.github, {
        repository,
        version: plan.version,
        commit: plan.commit,
        lineage: lineageOf(plan, services),
        keepExisting: plan.rollback && plan.releaseState === 'exists',
        ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
        ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    }, logger);
    let next;
    if (plan.nextState !== 'none' && plan.nextVersionTag) {
        const state = await (0,refs/* ensureNextVersionTag */.ud)(services.github, repository, plan.nextVersionTag, plan.commit, logger);
        next = { tag: plan.nextVersionTag, state };
    }
    return {
        plan,
        retag: copied,
        tagRef: ensured.tag,
        release: { id: ensured.release.id, url: ensured.release.html_url, state: ensured.state },
        ...(next ? { next } : {}),
    };
}
/** Plan, then (unless `dryRun`) execute: the whole promotion workflow in one call. `describePlan` words a dry run. */
async function promote(req, services, opts = {}) {
    const plan = await (0,promotion_plan.planPromotion)(req, services);
    if (opts.dryRun)
        return { plan };
    const { generateNotes, makeLatest } = opts;
    return { plan, outcome: await executePromotion(plan, services, { generateNotes, makeLatest }) };
}

// EXTERNAL MODULE: ./packages/promotion/status.ts
var promotion_status = __webpack_require__(5120);
;// CONCATENATED MODULE: ./packages/promotion/index.ts









/***/ }),

/***/ 7600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   registryClients: () => (/* binding */ registryClients)
/* harmony export */ });
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6704);

/**
 * One client per registry, made on first use: credentials are resolved once per registry (a
 * credential helper runs once) and a client's token cache serves every repository of a run.
 */
function registryClients(opts = {}) {
    const clients = new Map();
    return (registry) => {
        const key = registry.toLowerCase();
        let client = clients.get(key);
        if (!client) {
            client = (async () => {
                const credentials = await (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveCredentials */ .z8)({
                    registry: key,
                    username: opts.username,
                    password: opts.password,
                    githubToken: opts.githubToken,
                    env: opts.env,
                    logger: opts.logger,
                });
                return new _registry_index_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryClient */ .bP(key, {
                    credentials,
                    ...(opts.logger ? { logger: opts.logger } : {}),
                    ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
                    ...(opts.access ? { access: opts.access } : {}),
                    ...(opts.retry ? { retry: opts.retry } : {}),
                    ...(opts.insecure ? { insecure: opts.insecure } : {}),
                });
            })();
            clients.set(key, client);
            // A failed resolution (a broken credential helper) is not cached: the next call tries again.
            client.catch(() => clients.delete(key));
        }
        return client;
    };
}


/***/ }),

/***/ 6191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   retag: () => (/* binding */ retag)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5141);




const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const SOURCE_ACCEPTED = 'an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository';
const TARGETS_ACCEPTED = 'tags (in the source repository) or full references registry/repo:tag, one a line or separated by commas';
function parseSource(source) {
    const text = source.trim();
    if (text === '')
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'it is empty');
    if (/^sha(?:256|512):/i.test(text)) {
        if (!DIGEST.test(text)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'a bare digest must be sha256:<64 lowercase hex>');
        }
        return { kind: 'digest', digest: text };
    }
    const image = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageRef */ .Q)(text, 'source');
    // A reference with both keeps Docker's meaning: the digest decides, the tag is a comment.
    const reference = image.digest ?? image.tag;
    if (reference === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'it names no tag or digest');
    }
    return { kind: 'image', image, reference };
}
/** A target with `/`, `:` or `@` is a reference; anything else is a tag (a tag can hold none of them). */
function parseTarget(target, source) {
    const text = target.trim();
    if (!/[/:@]/.test(text)) {
        const tag = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateTag */ .z7)(text, 'tags');
        if (source.kind === 'digest') {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, 'full references registry/repo:tag', 'with a bare-digest source every target names its own repository');
        }
        const image = { registry: source.image.registry, repository: source.image.repository, tag };
        return { image, tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(image) };
    }
    const parsed = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageRef */ .Q)(text, 'tags');
    if (parsed.digest !== undefined || parsed.tag === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, TARGETS_ACCEPTED, parsed.digest ? 'a target is a tag, not a digest' : 'it names no tag');
    }
    const image = { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag };
    if (source.kind === 'image' && (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(image) !== (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(source.image)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, `tags of ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(source.image)}, or a bare-digest source to tag one digest in several repositories`, `cross-repository copies are not supported: retag copies within a repository, and ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(image)} is not the source's repository ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(source.image)}`);
    }
    return { image, tag: parsed.tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(image) };
}
/** The repositories of the run, in the order their first target was given. */
function groupByRepository(targets) {
    const repositories = new Map();
    for (const target of targets) {
        const key = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .imageName */ .tO)(target.image);
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
 * Copies a manifest, byte for byte with its media type, to each target tag (SPEC.md Promotion
 * step 2): GET the source once per repository, HEAD every target, then PUT in the order given.
 * Every check, the immutability guard included, runs before the first PUT, so a refusal changes
 * nothing in the registry.
 */
async function retag(opts) {
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q;
    const source = parseSource(opts.source);
    const seen = new Set();
    const targets = [];
    for (const t of opts.targets) {
        if (t.trim() === '')
            continue;
        const target = parseTarget(t, source);
        if (seen.has(target.ref))
            continue;
        seen.add(target.ref);
        targets.push(target);
    }
    if (targets.length === 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', opts.targets.join(','), TARGETS_ACCEPTED, 'no tag is given');
    if (opts.expectedDigest !== undefined && !DIGEST.test(opts.expectedDigest)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('digest', opts.expectedDigest, 'sha256:<64 lowercase hex>');
    }
    const sourceText = source.kind === 'digest' ? source.digest : (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(source.image);
    const reference = source.kind === 'digest' ? source.digest : source.reference;
    const planned = [];
    for (const repo of groupByRepository(targets)) {
        const client = await opts.clients(repo.registry);
        const shown = source.kind === 'digest' ? `${repo.registry}/${repo.repository}@${source.digest}` : sourceText;
        // GET of the source and HEADs of the targets go out together (one round trip fewer on a WAN);
        // with credentials whose challenge is not known yet, the GET goes first so that one challenge
        // and one token fetch serve them all. No PUT starts before every one has answered.
        const heads = () => Promise.all(repo.targets.map(async (target) => ({
            target,
            current: await client.headManifest(repo.repository, target.tag),
        })));
        let manifest;
        let current;
        if (client.authPending) {
            manifest = await client.getManifest(repo.repository, reference);
            current = await heads();
        }
        else {
            // allSettled: when both fail (say a 401), the source's error is the one reported, every time.
            const [m, h] = await Promise.allSettled([client.getManifest(repo.repository, reference), heads()]);
            if (m.status === 'rejected')
                throw m.reason;
            if (h.status === 'rejected')
                throw h.reason;
            [manifest, current] = [m.value, h.value];
        }
        if (opts.expectedDigest !== undefined && manifest.digest !== opts.expectedDigest) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`source ${shown} is ${manifest.digest}, not the expected ${opts.expectedDigest}: it moved since the promotion was planned. Nothing was written.`);
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
    // SPEC.md: an <env>-v… tag, once pushed, never points at another digest; only aliases move.
    const refused = planned.filter((p) => p.state === 'moved' && (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(p.target.tag) !== undefined);
    if (refused.length > 0) {
        const lines = refused.map((p) => `${p.target.ref} already points at ${p.previousDigest}, not ${p.manifest.digest}`);
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`immutable tag${refused.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.`);
    }
    // The order of `targets` is kept: the immutable tag lands before the alias that Flux may follow.
    const order = new Map(targets.map((t, i) => [t.ref, i]));
    planned.sort((a, b) => order.get(a.target.ref) - order.get(b.target.ref));
    const dryRun = opts.dryRun ?? false;
    for (const p of planned) {
        if (p.state !== 'unchanged' && !dryRun)
            await p.client.putManifest(p.target.image.repository, p.target.tag, p.manifest);
        const previous = p.previousDigest ? ` (was ${p.previousDigest})` : '';
        logger.info(`${dryRun ? 'would be ' : ''}${p.state} ${p.target.ref}${previous}`);
    }
    const first = planned[0].manifest;
    return {
        source: sourceText,
        digest: first.digest,
        mediaType: first.mediaType,
        targets: planned.map((p) => ({
            ref: p.target.ref,
            repository: p.target.image.repository,
            tag: p.target.tag,
            state: p.state,
            ...(p.previousDigest ? { previousDigest: p.previousDigest } : {}),
        })),
        dryRun,
    };
}


/***/ }),

/***/ 5120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   environmentStatus: () => (/* binding */ environmentStatus)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _github_commits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6222);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5141);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4537);





/**
 * Per environment: what its Flux policy picks now among the image's tags, and what that is (digest,
 * version, commit). One tag listing serves every environment.
 */
async function environmentStatus(image, environments, services) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .parseImageRef */ .Q)(image.trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('image', image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
    }
    const envs = environments.map((e) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .validateEnvironment */ .qQ)(e.trim(), 'environments'));
    if (envs.length === 0)
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('environments', '', 'one environment or more, e.g. staging, production');
    const registry = await services.clients(ref.registry);
    const tags = await registry.listTags(ref.repository);
    const out = [];
    for (const environment of envs) {
        const pick = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .fluxPick */ .tz)(tags, environment);
        if (!pick.ok) {
            out.push({ environment, error: pick.error, ties: [] });
            continue;
        }
        const status = { environment, tag: pick.tag, ties: pick.ties };
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(pick.tag);
        status.version = parsed.version;
        status.commit = parsed.sha;
        try {
            const head = await registry.headManifest(ref.repository, pick.tag);
            if (head)
                status.digest = head.digest;
            else
                status.error = `${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref)}:${pick.tag} is listed but not found`;
            if (services.github && services.repository) {
                status.commit = await (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveCommit */ .W)(services.github, services.repository, parsed.sha, 'commit');
            }
        }
        catch (err) {
            status.error = (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err);
        }
        out.push(status);
    }
    return out;
}


/***/ })

};
