export const id = 120;
export const ids = [120,537];
export const modules = {

/***/ 391:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ settle),
/* harmony export */   s: () => (/* binding */ take)
/* harmony export */ });
/**
 * A promise that never rejects: requests that do not depend on one another go out together (one
 * round trip instead of several), and `take` then reports their errors in a fixed order, the order
 * they had when they ran one after the other.
 */
function settle(p) {
    return p.then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
}
/** The value, or the error thrown. */
function take(s) {
    if (!s.ok)
        throw s.error;
    return s.value;
}


/***/ }),

/***/ 4537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JP: () => (/* binding */ readsOf),
/* harmony export */   describePlan: () => (/* binding */ describePlan),
/* harmony export */   planPromotion: () => (/* binding */ planPromotion),
/* harmony export */   tz: () => (/* binding */ fluxPick),
/* harmony export */   validatePromotionRequest: () => (/* binding */ validatePromotionRequest)
/* harmony export */ });
/* unused harmony export environmentPolicy */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4715);
/* harmony import */ var _common_settle_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(391);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9088);
/* harmony import */ var _github_commits_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6222);
/* harmony import */ var _github_refs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8456);
/* harmony import */ var _github_releases_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1044);
/* harmony import */ var _github_versions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3463);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8388);
/* harmony import */ var _tagging_flux_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(536);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5141);
/* harmony import */ var _tagging_version_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6093);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(1251);














const BUMPS = ['patch', 'minor', 'major', 'none'];
/** Every input checked before any I/O (README "Choices"): one error naming the input. */
function validatePromotionRequest(req) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__/* .parseImageRef */ .Q)((req.image ?? '').trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('image', req.image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'the source input names the tag or digest to promote');
    }
    const from = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .validateEnvironment */ .qQ)(req.fromEnvironment || 'staging', 'from-environment');
    const to = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .validateEnvironment */ .qQ)(req.toEnvironment || 'production', 'to-environment');
    if (from === to) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('to-environment', to, `an environment other than from-environment (${from})`);
    }
    const bump = req.bump || 'patch';
    if (!BUMPS.includes(bump))
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('bump', bump, BUMPS.join(', '));
    const suffix = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .validateSuffix */ ._b)(req.nextSuffix || _tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .DEFAULT_NEXT_SUFFIX */ .up, 'next-suffix');
    const version = req.version ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .validateVersion */ .Pj)(req.version.trim(), 'version') : undefined;
    const owner = req.repository?.owner ?? '';
    const repo = req.repository?.repo ?? '';
    if (!owner || !repo) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('repository', `${owner}/${repo}`, 'owner/name of the service repository, e.g. acme/backend');
    }
    const value = (req.source ?? '').trim();
    const accepted = `latest (the tag Flux's ${from} policy picks), an immutable tag ${from}-v<X.Y.Z>-<sha>-<ts> or ` +
        `${to}-v<X.Y.Z>-<sha>-<ts> (a rollback), a digest sha256:<64 hex>, or a released version vX.Y.Z (a rollback)`;
    let source;
    if (value === 'latest')
        source = { kind: 'latest' };
    else if (value.startsWith('sha256:')) {
        if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_12__/* .SHA256_DIGEST */ .fu.test(value))
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', value, accepted, 'a digest is sha256: and 64 lowercase hex characters');
        source = { kind: 'digest', digest: value };
    }
    else if ((0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .isReleaseTag */ .KH)(value)) {
        const released = value.slice(1);
        if (version !== undefined && version !== released) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('version', req.version, `empty, or ${released}`, `the source ${value} is a released version: it is promoted again under that version`);
        }
        source = { kind: 'release', version: released };
    }
    else {
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(value);
        let reason;
        if (value === '')
            reason = 'it is empty';
        else if (!parsed)
            reason = `it is not an immutable tag of ${from} or ${to}`;
        else if (parsed.env !== from && parsed.env !== to)
            reason = `it is a tag of ${parsed.env}; only ${from} tags are promoted (and ${to} tags, to roll back)`;
        if (!parsed || reason)
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', value, accepted, reason);
        // Refuses a tag Flux would match but the tag scheme would not write (a 13-digit ts, an odd sha).
        try {
            (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .formatImmutableTag */ .sC)(parsed);
        }
        catch (err) {
            if (!(err instanceof _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz))
                throw err;
            // The part's own message, without its "Accepted:" sentence: the source's is the one that applies.
            const detail = err.message.slice(0, err.message.lastIndexOf('. Accepted: '));
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', value, accepted, `its ${err.input} part is wrong (${detail})`);
        }
        source = { kind: 'tag', tag: value, parsed };
    }
    return {
        image: { registry: ref.registry, repository: ref.repository, name: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__/* .formatImageRef */ .kL)(ref) },
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
    return { pattern: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .fluxPattern */ .CY)(env), extract: _tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .FLUX_EXTRACT */ .Mb, policy: 'numerical' };
}
function fluxPick(tags, env) {
    return (0,_tagging_flux_js__WEBPACK_IMPORTED_MODULE_8__/* .selectLatest */ .se)(tags, environmentPolicy(env));
}
/** Immutable tags of `env`, newest first; equal ts in Flux's order (the byte-wise smallest first). */
function newestFirst(tags, env, keep = () => true) {
    const found = [];
    for (const tag of tags) {
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(tag);
        if (parsed?.env === env && keep(parsed))
            found.push({ tag, parsed });
    }
    return found.sort((a, b) => b.parsed.ts - a.parsed.ts || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
async function resolveSource(v, tags, registry, services) {
    const { source, from, to, image } = v;
    if (source.kind === 'latest') {
        const pick = fluxPick(tags, from);
        if (!pick.ok) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', 'latest', `an image with ${from} tags, or an explicit tag or digest`, `Flux's ${from} policy picks no tag of ${image.name}: ${pick.error}`);
        }
        if (pick.ties.length > 0) {
            services.logger?.warning(`Flux's ${from} policy may pick any of ${[pick.tag, ...pick.ties].join(', ')} (equal values of different strings); promoting ${pick.tag}`);
        }
        return { tag: pick.tag, parsed: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(pick.tag) };
    }
    if (source.kind === 'tag') {
        if (!tags.includes(source.tag)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', source.tag, `a tag ${image.name} has: latest, or one of its ${from} or ${to} immutable tags`, `${image.name} has no tag ${source.tag}`);
        }
        return { tag: source.tag, parsed: source.parsed };
    }
    if (source.kind === 'digest') {
        // Newest first, so the tag Flux picks (or the most recent build of that digest) is the source.
        for (const env of [from, to]) {
            for (const candidate of newestFirst(tags, env)) {
                const head = await registry.headManifest(image.repository, candidate.tag);
                if (head?.digest === source.digest)
                    return candidate;
            }
        }
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', source.digest, `a digest that a ${from} (or ${to}) immutable tag of ${image.name} points at`, `no ${from}-v… or ${to}-v… tag of ${image.name} points at it`);
    }
    const releaseTag = `v${source.version}`;
    const commit = await (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_4__/* .getTagRef */ .k2)(services.github, v.repository, releaseTag);
    if (commit === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', releaseTag, `a released version (a tag vX.Y.Z of ${v.repository.owner}/${v.repository.repo})`, `${v.repository.owner}/${v.repository.repo} has no tag ${releaseTag}`);
    }
    for (const env of [to, from]) {
        const [newest] = newestFirst(tags, env, (t) => t.version === source.version && commit.startsWith(t.sha));
        if (newest)
            return { ...newest, commit };
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', releaseTag, `a released version with a ${to} or ${from} tag in ${image.name}`, `${image.name} has no ${to}-v${source.version}-${commit.slice(0, 7)}… or ${from}-v${source.version}-${commit.slice(0, 7)}… tag of commit ${commit}`);
}
/**
 * Step 1 of a promotion (docs/promotion.md): resolves the source, verifies its digest and commit,
 * computes the target tag, and checks the release rule. Reads only; changes nothing.
 */
async function planPromotion(req, services) {
    const v = validatePromotionRequest(req);
    const logger = services.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q;
    const { image, from, to, repository } = v;
    const now = Math.floor(services.nowSeconds());
    const registry = await services.clients(image.registry);
    // Round trip 1: the registry's tags and the repository's version tags go out together. A GitHub
    // failure is reported after the registry's answer and the source's checks, as it was when they ran
    // one after the other.
    const refsPromise = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)((0,_github_versions_js__WEBPACK_IMPORTED_MODULE_6__/* .listVersionRefs */ .pq)(services.github, { ...repository, logger }));
    const tags = await registry.listTags(image.repository);
    const source = await resolveSource(v, tags, registry, services);
    logger.debug(`source ${image.name}:${source.tag}`);
    const version = v.source.kind === 'release' ? v.source.version : (v.version ?? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .validateVersion */ .Pj)(source.parsed.version, 'source'));
    const versionSource = v.source.kind === 'release' ? 'release' : v.version !== undefined ? 'input' : 'source-tag';
    const fromPick = fluxPick(tags, from);
    const toPick = fluxPick(tags, to);
    const sha = source.parsed.sha;
    const picked = toPick.ok ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(toPick.tag) : undefined;
    // A re-run (or a rollback to what already runs): the tag Flux deploys may be this build already.
    const reuse = toPick.ok && picked && picked.version === version && picked.sha === sha ? toPick.tag : undefined;
    const fresh = () => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .formatImmutableTag */ .sC)({ env: to, version, sha, ts: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .nextTimestamp */ .eo)(now, tags, to) });
    // Round trip 2: the source's manifest, its commit, and the target tag's current digest.
    const [manifestResult, commitResult, headResult] = await Promise.all([
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)(registry.getManifest(image.repository, source.tag)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)(source.commit ? Promise.resolve(source.commit) : (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveCommit */ .WL)(services.github, repository, sha, 'source')),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)(registry.headManifest(image.repository, reuse ?? fresh())),
    ]);
    const manifest = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(manifestResult);
    const digest = (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_7__/* .digestOf */ .ol)(manifest.bytes);
    if (digest !== manifest.digest) {
        throw new Error(`${image.name}:${source.tag}: the manifest's bytes hash to ${digest}, not ${manifest.digest}`);
    }
    if (v.source.kind === 'digest' && digest !== v.source.digest) {
        // The tag moved between the HEAD and the GET: only an alias may move, so this is a registry fault.
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`${image.name}:${source.tag} pointed at ${v.source.digest} and now at ${digest}. Nothing was changed.`);
    }
    const commit = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(commitResult);
    const refs = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(await refsPromise);
    const versionTags = refs.map((r) => r.name);
    const releaseTag = `v${version}`;
    const releaseRef = refs.find((r) => r.name === releaseTag);
    // Round trip 3: the image's revision label, the release tag's commit (an annotated tag is peeled)
    // and the release of that tag (published, or a draft a half-done run or a person left).
    const [labelResult, releasedAtResult, releaseResult] = await Promise.all([
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)((0,_registry_index_js__WEBPACK_IMPORTED_MODULE_7__/* .imageRevisionLabel */ .F7)(registry, image.repository, manifest)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)(releaseRef === undefined
            ? Promise.resolve(undefined)
            : releaseRef.type === 'commit'
                ? Promise.resolve(releaseRef.sha)
                : (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_4__/* .getTagRef */ .k2)(services.github, repository, releaseTag)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .settle */ .G)((0,_github_releases_js__WEBPACK_IMPORTED_MODULE_5__/* .findReleaseByTag */ .a7)(services.github, repository, releaseTag, logger)),
    ]);
    const revisionCheck = (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_3__/* .crossCheckRevision */ .i8)(commit, (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(labelResult));
    const releasedAt = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(releasedAtResult);
    if (releasedAt !== undefined && releasedAt !== commit) {
        const way = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .nextBuildVersion */ .Sy)({ tags: versionTags, suffix: v.suffix });
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`Version ${version} was already released from commit ${releasedAt} (tag ${releaseTag}); ${image.name}:${source.tag} ` +
            `was built from commit ${commit}. Nothing was changed. To ship this image, promote it under a new version: ` +
            `set the promotion's version input, e.g. version: ${way}.`);
    }
    const release = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(releaseResult);
    let releaseState = 'new';
    if (releasedAt !== undefined)
        releaseState = release && !release.draft ? 'exists' : 'ref-only';
    const highest = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .highestRelease */ .UL)(versionTags);
    const rollback = v.source.kind === 'release' || source.parsed.env === to || (highest !== undefined && semver__WEBPACK_IMPORTED_MODULE_0___default().lt(version, highest));
    let targetTag;
    let targetState = 'new';
    const head = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_13__/* .take */ .s)(headResult);
    if (reuse !== undefined && head?.digest === digest) {
        targetTag = reuse;
        targetState = 'exists';
    }
    if (targetTag === undefined) {
        targetTag = fresh();
        // The tag list may lag behind the registry (a listing cache): an immutable tag is never overwritten.
        const existing = reuse === undefined ? head : await registry.headManifest(image.repository, targetTag);
        if (existing !== undefined && existing.digest !== digest) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`${image.name}:${targetTag} already exists and points at ${existing.digest}, not at ${digest}: ` +
                `an immutable tag never moves. Nothing was changed.`);
        }
        if (existing !== undefined)
            targetState = 'exists';
    }
    let nextState = 'none';
    let next;
    if (!rollback && v.bump !== 'none' && (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .isHighestRelease */ .gj)([...versionTags, releaseTag], version)) {
        const nextVersion = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .bumpVersion */ .Bx)(version, v.bump);
        next = { version: nextVersion, tag: (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .nextVersionTag */ .Qx)(nextVersion, v.suffix) };
        nextState = refs.some((r) => r.name === next.tag) ? 'exists' : 'new';
    }
    const plan = {
        image: image.name,
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
/** What steps 2–4 would do: the dry-run output and the job summary's plan. */
function describePlan(plan) {
    const short = plan.commit.slice(0, 7);
    const how = {
        latest: `what Flux's ${plan.fromEnvironment} policy picks`,
        tag: 'as given',
        digest: `the newest tag of ${plan.digest}`,
        release: `the newest build of release ${plan.releaseTag}`,
    };
    const lines = [
        `Promote ${plan.image}:${plan.sourceTag} (${how[plan.sourceKind]}) to ${plan.toEnvironment}${plan.rollback ? ' — a rollback (roll-forward to a known-good artifact)' : ''}`,
        `  digest ${plan.digest} (${plan.mediaType}), commit ${plan.commit}` +
            (plan.revisionCheck === 'matched' ? ', matching the image revision label' : ', the image has no revision label'),
        `  version ${plan.version} (${plan.versionSource === 'input' ? 'from the version input' : plan.versionSource === 'release' ? 'the released version' : 'from the source tag'})`,
        plan.targetState === 'new'
            ? `Step 2: copy the manifest to ${plan.targetTag} (new), then move ${plan.aliasTag} to it`
            : `Step 2: ${plan.targetTag} already has this digest (kept); make sure ${plan.aliasTag} points at it`,
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
    return lines;
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
 * version, commit, when it was tagged), and where the environment's alias points. One tag listing
 * serves every environment; a repository the registry does not know is an error, not "no tags".
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
    // A mistyped image is not an empty one: the registry's 404 is an error here.
    const tags = await registry.listTags(ref.repository, { absent: 'error' });
    const image_ = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref);
    return Promise.all(envs.map(async (environment) => {
        const pick = (0,_plan_js__WEBPACK_IMPORTED_MODULE_4__/* .fluxPick */ .tz)(tags, environment);
        if (!pick.ok) {
            const mine = tags.filter((t) => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(t)?.env === environment).length;
            const error = mine === 0
                ? `no ${environment}-v… tag among the ${tags.length} tags of ${image_}: nothing was built or promoted to ${environment}, or the environment name is wrong`
                : `Flux's policy for ${environment} fails: ${pick.error}`;
            return { environment, error, fluxError: pick.error, ties: [] };
        }
        const parsed = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImmutableTag */ .ek)(pick.tag);
        const status = {
            environment,
            tag: pick.tag,
            version: parsed.version,
            commit: parsed.sha,
            taggedAt: tagTime(parsed.ts),
            ties: pick.ties,
        };
        try {
            // The alias is read beside the pick, when the list has one; a failure to read it is no drift.
            const [head, alias] = await Promise.all([
                registry.headManifest(ref.repository, pick.tag),
                tags.includes(environment)
                    ? registry.headManifest(ref.repository, environment).catch(() => undefined)
                    : undefined,
            ]);
            if (head)
                status.digest = head.digest;
            else
                status.error = `${image_}:${pick.tag} is listed but not found`;
            if (alias)
                status.alias = { tag: environment, digest: alias.digest, drift: alias.digest !== status.digest };
            if (services.github && services.repository) {
                status.commit = await (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveCommit */ .WL)(services.github, services.repository, parsed.sha, 'commit');
            }
        }
        catch (err) {
            status.error = (0,_common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(err);
        }
        return status;
    }));
}
/** A tag's `ts` (Unix seconds; milliseconds in tags some tools write) as ISO 8601 UTC. */
function tagTime(ts) {
    const ms = ts >= 1e11 ? ts : ts * 1000;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}


/***/ })

};
