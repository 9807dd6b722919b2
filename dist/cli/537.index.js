export const id = 537;
export const ids = [537];
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

/***/ 8826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JM: () => (/* binding */ isVersionTag),
/* harmony export */   hT: () => (/* binding */ versionTagRefusal),
/* harmony export */   kQ: () => (/* binding */ resolveExtraTags),
/* harmony export */   wh: () => (/* binding */ validateExtraTagTemplates)
/* harmony export */ });
/* unused harmony export MAX_EXTRA_TAGS */
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5141);


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
function validateExtraTagTemplates(templates, input = 'extra-tags') {
    const lines = (templates ?? []).map((t) => t.trim()).filter((t) => t !== '');
    if (lines.length > MAX_EXTRA_TAGS) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, lines.join('\n'), `${ACCEPTED}; at most ${MAX_EXTRA_TAGS}`, `${lines.length} are given`);
    }
    for (const line of lines) {
        for (const m of line.matchAll(PLACEHOLDER)) {
            if (!KNOWN.has(m[1]))
                throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, line, ACCEPTED, `{{${m[1]}}} is not a placeholder`);
        }
        if (/\{\{|\}\}/.test(line.replace(PLACEHOLDER, ''))) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, line, ACCEPTED, 'a placeholder is not closed, or not one of them');
        }
        // The template with sample values must already be a tag: a bad character is reported here.
        (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .validateTag */ .z7)(expand(line, { version: '1.2.3', sha: 'abcdef0' }), input);
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
function resolveExtraTags(templates, v, input = 'extra-tags') {
    const out = [];
    for (const template of templates) {
        const tag = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .validateTag */ .z7)(expand(template, v), input);
        if ((0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .parseImmutableTag */ .ek)(tag)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, template, ACCEPTED, `${tag} is an immutable tag of the <env>-v<version>-<sha>-<ts> scheme, which the promotion writes itself`);
        }
        if (v.environments.includes(tag)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, template, ACCEPTED, `${tag} is an environment's alias`);
        }
        if (out.some((t) => t.tag === tag))
            continue;
        out.push({ tag, guarded: isVersionTag(tag) });
    }
    return out;
}
/** The refusal to move an extra tag that names a full version: the same words from the plan and the pre-flight. */
function versionTagRefusal(tags) {
    const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`extra tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. A tag that names a full version never moves to another digest, as the immutable tags do not. ` +
        `Nothing was changed. Leave it out of the extra tags, or promote under a new version (the version input).`);
}


/***/ }),

/***/ 4537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ sourceImageOf),
/* harmony export */   JP: () => (/* binding */ readsOf),
/* harmony export */   Qv: () => (/* binding */ targetImageOf),
/* harmony export */   describePlan: () => (/* binding */ describePlan),
/* harmony export */   planPromotion: () => (/* binding */ planPromotion),
/* harmony export */   tz: () => (/* binding */ fluxPick),
/* harmony export */   validatePromotionRequest: () => (/* binding */ validatePromotionRequest)
/* harmony export */ });
/* unused harmony exports MAX_TRAIN, environmentPolicy */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4715);
/* harmony import */ var _common_settle_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(391);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9088);
/* harmony import */ var _github_commits_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6222);
/* harmony import */ var _github_refs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8456);
/* harmony import */ var _github_releases_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1044);
/* harmony import */ var _github_versions_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3463);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7061);
/* harmony import */ var _tagging_flux_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(536);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5141);
/* harmony import */ var _tagging_version_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(6093);
/* harmony import */ var _retag_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(6191);
/* harmony import */ var _extra_tags_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(8826);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(1251);
















/** The most images one train takes: each is planned, proven and written concurrently (with a bound). */
const MAX_TRAIN = 50;
const BUMPS = ['patch', 'minor', 'major', 'none'];
/** Every input checked before any I/O (README "Choices"): one error naming the input. */
function validatePromotionRequest(req) {
    const ref = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__.parseImageRef)((req.image ?? '').trim(), 'image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('image', req.image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend', 'the source input names the tag or digest to promote');
    }
    let target = ref;
    if (req.toImage !== undefined && req.toImage.trim() !== '') {
        target = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__.parseImageRef)(req.toImage.trim(), 'to-image');
        if (target.tag !== undefined || target.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('to-image', req.toImage, 'an image name without tag or digest, e.g. ghcr.io/acme/backend or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend', 'the environment tags are computed, not given');
        }
    }
    const signatures = (0,_retag_js__WEBPACK_IMPORTED_MODULE_12__.parseSignatures)(req.signatures);
    const extraTags = (0,_extra_tags_js__WEBPACK_IMPORTED_MODULE_13__/* .validateExtraTagTemplates */ .wh)(req.extraTags);
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
        if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_14__/* .SHA256_DIGEST */ .fu.test(value))
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
        target: { registry: target.registry, repository: target.repository, name: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__/* .formatImageRef */ .kL)(target) },
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
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', 'latest', `an image with ${from} tags, or an explicit tag or digest`, `Flux's ${from} policy picks no tag of ${sides.from.name}: ${pick.error}`);
        }
        if (pick.ties.length > 0) {
            services.logger?.warning(`Flux's ${from} policy may pick any of ${[pick.tag, ...pick.ties].join(', ')} (equal values of different strings); promoting ${pick.tag}`);
        }
        return { tag: pick.tag, parsed: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(pick.tag), side: sides.from };
    }
    if (source.kind === 'tag') {
        const side = sideOf(source.parsed.env);
        if (!side.tags.includes(source.tag)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', source.tag, `a tag ${names} has: latest, or one of its ${from} or ${to} immutable tags`, `${side.name} has no tag ${source.tag}`);
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
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', source.digest, `a digest that a ${from} (or ${to}) immutable tag of ${names} points at`, `no ${from}-v… or ${to}-v… tag of ${names} points at it`);
    }
    const releaseTag = `v${source.version}`;
    const commit = await github(`tag ${releaseTag}`, () => (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_4__/* .getTagRef */ .k2)(services.github, v.repository, releaseTag));
    if (commit === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', releaseTag, `a released version (a tag vX.Y.Z of ${v.repository.owner}/${v.repository.repo})`, `${v.repository.owner}/${v.repository.repo} has no tag ${releaseTag}`);
    }
    for (const env of [to, from]) {
        const side = sideOf(env);
        const [newest] = newestFirst(side.tags, env, (t) => t.version === source.version && commit.startsWith(t.sha));
        if (newest)
            return { ...newest, commit, side };
    }
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', releaseTag, `a released version with a ${to} or ${from} tag in ${names}`, `${names} has no ${to}-v${source.version}-${commit.slice(0, 7)}… or ${from}-v${source.version}-${commit.slice(0, 7)}… tag of commit ${commit}`);
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
    const settled = await Promise.all(members.map((m) => limit(() => (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(planOne(m, services, github)))));
    const plans = settled.map(_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s);
    const [first, ...rest] = plans;
    const apart = rest.filter((p) => p.commit !== first.commit || p.version !== first.version);
    if (apart.length > 0) {
        const what = (p) => `${p.image}:${p.sourceTag} (version ${p.version}, commit ${p.commit})`;
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`a release train ships one commit under one version, but ${what(first)} and ${apart.map(what).join(', ')} differ. ` +
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
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('image', `${members.length} images`, `at most ${MAX_TRAIN} images in one train`);
    }
    const source = (req.source ?? '').trim();
    if (_common_patterns_js__WEBPACK_IMPORTED_MODULE_14__/* .SHA256_DIGEST */ .fu.test(source) || source.startsWith('sha256:')) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('source', source, 'latest, an immutable tag every image of the train has, or a released version vX.Y.Z', 'a digest names one image, and a train has several');
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
                throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('image', m.image, 'each image (and each to-image) once in a train', `${name} is also the image or target of ${other}`);
            }
        }
        seen.set(v.image.name, m.image);
        seen.set(v.target.name, m.image);
        return one;
    });
}
async function planOne(req, services, github = unshared) {
    const v = validatePromotionRequest(req);
    const logger = services.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q;
    const { image, target, from, to, repository } = v;
    const now = Math.floor(services.nowSeconds());
    const elsewhere = target.name !== image.name;
    const registry = await services.clients(image.registry);
    const targetRegistry = elsewhere ? await services.clients(target.registry) : registry;
    // Round trip 1: the registry's tags (the target's too, when the tags go elsewhere) and the
    // repository's version tags go out together. A GitHub failure is reported after the registry's
    // answer and the source's checks, as it was when they ran one after the other.
    const refsPromise = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(github('refs', () => (0,_github_versions_js__WEBPACK_IMPORTED_MODULE_6__/* .listVersionRefs */ .pq)(services.github, { ...repository, logger })));
    const [sourceTags, targetTags] = await Promise.all([
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(registry.listTags(image.repository)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(elsewhere ? targetRegistry.listTags(target.repository) : Promise.resolve([])),
    ]);
    const fromSide = { client: registry, repository: image.repository, name: image.name, tags: (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(sourceTags) };
    const toSide = elsewhere
        ? { client: targetRegistry, repository: target.repository, name: target.name, tags: (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(targetTags) }
        : fromSide;
    const tags = toSide.tags;
    const source = await resolveSource(v, { from: fromSide, to: toSide }, services, github);
    const at = source.side;
    logger.debug(`source ${at.name}:${source.tag}`);
    const version = v.source.kind === 'release' ? v.source.version : (v.version ?? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .validateVersion */ .Pj)(source.parsed.version, 'source'));
    const versionSource = v.source.kind === 'release' ? 'release' : v.version !== undefined ? 'input' : 'source-tag';
    const fromPick = fluxPick(fromSide.tags, from);
    const toPick = fluxPick(tags, to);
    const sha = source.parsed.sha;
    const picked = toPick.ok ? (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(toPick.tag) : undefined;
    // A re-run (or a rollback to what already runs): the tag Flux deploys may be this build already.
    const reuse = toPick.ok && picked && picked.version === version && picked.sha === sha ? toPick.tag : undefined;
    const fresh = () => (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .formatImmutableTag */ .sC)({ env: to, version, sha, ts: (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .nextTimestamp */ .eo)(now, tags, to) });
    // Round trip 2: the source's manifest, its commit, and the target tag's current digest.
    const [manifestResult, commitResult, headResult] = await Promise.all([
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(at.client.getManifest(at.repository, source.tag)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(source.commit
            ? Promise.resolve(source.commit)
            : github(`commit ${sha}`, () => (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveCommit */ .WL)(services.github, repository, sha, 'source'))),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(toSide.client.headManifest(toSide.repository, reuse ?? fresh())),
    ]);
    const manifest = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(manifestResult);
    const digest = (0,_registry_index_js__WEBPACK_IMPORTED_MODULE_7__/* .digestOf */ .ol)(manifest.bytes);
    if (digest !== manifest.digest) {
        throw new Error(`${at.name}:${source.tag}: the manifest's bytes hash to ${digest}, not ${manifest.digest}`);
    }
    if (v.source.kind === 'digest' && digest !== v.source.digest) {
        // The tag moved between the HEAD and the GET: only an alias may move, so this is a registry fault.
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`${at.name}:${source.tag} pointed at ${v.source.digest} and now at ${digest}. Nothing was changed.`);
    }
    const commit = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(commitResult);
    const refs = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(await refsPromise);
    const versionTags = refs.map((r) => r.name);
    const releaseTag = `v${version}`;
    const releaseRef = refs.find((r) => r.name === releaseTag);
    // Round trip 3: the image's revision label, the release tag's commit (an annotated tag is peeled)
    // and the release of that tag (published, or a draft a half-done run or a person left).
    const [labelResult, releasedAtResult, releaseResult] = await Promise.all([
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)((0,_registry_index_js__WEBPACK_IMPORTED_MODULE_7__/* .imageRevisionLabel */ .F7)(at.client, at.repository, manifest)),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(releaseRef === undefined
            ? Promise.resolve(undefined)
            : releaseRef.type === 'commit'
                ? Promise.resolve(releaseRef.sha)
                : github(`tag ${releaseTag}`, () => (0,_github_refs_js__WEBPACK_IMPORTED_MODULE_4__/* .getTagRef */ .k2)(services.github, repository, releaseTag))),
        (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .settle */ .G)(github(`release ${releaseTag}`, () => (0,_github_releases_js__WEBPACK_IMPORTED_MODULE_5__/* .findReleaseByTag */ .a7)(services.github, repository, releaseTag, logger))),
    ]);
    const revisionCheck = (0,_github_commits_js__WEBPACK_IMPORTED_MODULE_3__/* .crossCheckRevision */ .i8)(commit, (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(labelResult));
    const releasedAt = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(releasedAtResult);
    if (releasedAt !== undefined && releasedAt !== commit) {
        const way = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .nextBuildVersion */ .Sy)({ tags: versionTags, suffix: v.suffix });
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`Version ${version} was already released from commit ${releasedAt} (tag ${releaseTag}); ${at.name}:${source.tag} ` +
            `was built from commit ${commit}. Nothing was changed. To ship this image, promote it under a new version: ` +
            `set the promotion's version input, e.g. version: ${way}.`);
    }
    const release = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(releaseResult);
    let releaseState = 'new';
    if (releasedAt !== undefined)
        releaseState = release && !release.draft ? 'exists' : 'ref-only';
    const highest = (0,_tagging_version_js__WEBPACK_IMPORTED_MODULE_11__/* .highestRelease */ .UL)(versionTags);
    const rollback = v.source.kind === 'release' || source.parsed.env === to || (highest !== undefined && semver__WEBPACK_IMPORTED_MODULE_0___default().lt(version, highest));
    let targetTag;
    let targetState = 'new';
    const head = (0,_common_settle_js__WEBPACK_IMPORTED_MODULE_15__/* .take */ .s)(headResult);
    if (reuse !== undefined && head?.digest === digest) {
        targetTag = reuse;
        targetState = 'exists';
    }
    if (targetTag === undefined) {
        targetTag = fresh();
        // The tag list may lag behind the registry (a listing cache): an immutable tag is never overwritten.
        const existing = reuse === undefined ? head : await toSide.client.headManifest(toSide.repository, targetTag);
        if (existing !== undefined && existing.digest !== digest) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RefusedError */ .fk(`${target.name}:${targetTag} already exists and points at ${existing.digest}, not at ${digest}: ` +
                `an immutable tag never moves. Nothing was changed.`);
        }
        if (existing !== undefined)
            targetState = 'exists';
    }
    // Extra tags: a full version never moves (the guard, read here so a refusal comes with the plan).
    const extras = (0,_extra_tags_js__WEBPACK_IMPORTED_MODULE_13__/* .resolveExtraTags */ .kQ)(v.extraTags, { version, sha, environments: [from, to] });
    const guardedNow = await Promise.all(extras
        .filter((t) => t.guarded)
        .map(async (t) => ({ t, head: await toSide.client.headManifest(toSide.repository, t.tag) })));
    const moved = guardedNow.filter(({ head }) => head !== undefined && head.digest !== digest);
    if (moved.length > 0) {
        throw (0,_extra_tags_js__WEBPACK_IMPORTED_MODULE_13__/* .versionTagRefusal */ .hT)(moved.map(({ t, head }) => ({ ref: `${target.name}:${t.tag}`, current: head.digest, digest })));
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
    return (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImmutableTag */ .ek)(plan.sourceTag)?.env === plan.toEnvironment ? target : plan.image;
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
        : `copy ${source}@${plan.digest} to ${target} (${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__.parseImageRef)(source, 'image').registry === (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_9__.parseImageRef)(target, 'image').registry ? 'blobs mounted' : 'blobs streamed across registries'}, ` +
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


/***/ }),

/***/ 6191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   immutableTagRefusal: () => (/* binding */ immutableTagRefusal),
/* harmony export */   parseSignatures: () => (/* binding */ parseSignatures),
/* harmony export */   retag: () => (/* binding */ retag)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7061);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5141);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1251);






/** The signatures input (`copy`, the default, or `skip`): one check for the actions, the CLI and the library. */
function parseSignatures(value, input = 'signatures') {
    const v = (value ?? 'copy').trim();
    if (v === 'copy' || v === 'skip')
        return v;
    throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, value ?? '', "copy (into another repository, the image's signatures and attestations go along) or skip");
}
const SOURCE_ACCEPTED = 'an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository';
const TARGETS_ACCEPTED = 'tags (in the source repository) or full references registry/repo:tag (any repository, any registry: the image is copied there), one a line or separated by commas';
function parseSource(source) {
    const text = source.trim();
    if (text === '')
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'it is empty');
    if (/^sha(?:256|512):/i.test(text)) {
        if (!_common_patterns_js__WEBPACK_IMPORTED_MODULE_5__/* .DIGEST */ .Dh.test(text)) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'a bare digest must be sha256:<64 lowercase hex>');
        }
        return { kind: 'digest', digest: text };
    }
    const image = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__.parseImageRef)(text, 'source');
    // A reference with both keeps Docker's meaning: the digest decides, the tag is a comment.
    const reference = image.digest ?? image.tag;
    if (reference === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('source', source, SOURCE_ACCEPTED, 'it names no tag or digest');
    }
    return { kind: 'image', image, reference };
}
/** A target with `/`, `:` or `@` is a reference; anything else is a tag (a tag can hold none of them). */
function parseTarget(target, source, toImage) {
    const text = target.trim();
    if (!/[/:@]/.test(text)) {
        const tag = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .validateTag */ .z7)(text, 'tags');
        if (toImage) {
            const image = { registry: toImage.registry, repository: toImage.repository, tag };
            return { image, tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(image) };
        }
        if (source.kind === 'digest') {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, 'full references registry/repo:tag', 'with a bare-digest source every target names its own repository');
        }
        const image = { registry: source.image.registry, repository: source.image.repository, tag };
        return { image, tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(image) };
    }
    const parsed = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__.parseImageRef)(text, 'tags');
    if (parsed.digest !== undefined || parsed.tag === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, TARGETS_ACCEPTED, parsed.digest ? 'a target is a tag, not a digest' : 'it names no tag');
    }
    const image = { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag };
    return { image, tag: parsed.tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(image) };
}
/** The repositories of the run, in the order their first target was given. */
function groupByRepository(targets) {
    const repositories = new Map();
    for (const target of targets) {
        const key = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(target.image);
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
            if (err instanceof _registry_index_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryPermissionError */ .vN)
                throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`A real run would be refused: ${err.message} Nothing was written.`);
            throw err;
        }
    }
}
/** The refusal to move immutable tags: the same words from the copy and from a promotion's pre-flight. */
function immutableTagRefusal(tags) {
    const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RefusedError */ .fk(`immutable tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.`);
}
async function retag(opts) {
    const logger = opts.logger ?? _common_logger_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q;
    const source = parseSource(opts.source);
    const signatures = parseSignatures(opts.signatures);
    let toImage;
    if (opts.toImage !== undefined && opts.toImage.trim() !== '') {
        toImage = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__.parseImageRef)(opts.toImage.trim(), 'to-image');
        if (toImage.tag !== undefined || toImage.digest !== undefined) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('to-image', opts.toImage, 'an image name without tag or digest (registry/repo): the tags input names the tags', 'it names a tag or digest');
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
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', opts.targets.join(','), TARGETS_ACCEPTED, 'no tag is given');
    if (opts.expectedDigest !== undefined && !_common_patterns_js__WEBPACK_IMPORTED_MODULE_5__/* .DIGEST */ .Dh.test(opts.expectedDigest)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('digest', opts.expectedDigest, 'sha256:<64 lowercase hex>');
    }
    const sourceText = source.kind === 'digest' ? source.digest : (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(source.image);
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
        const crossing = source.kind === 'image' && `${repo.registry}/${repo.repository}` !== (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(source.image)
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
                copier: new _registry_index_js__WEBPACK_IMPORTED_MODULE_2__/* .ImageCopier */ .Sm({ client: from.client, repository: crossing.repository }, { client, repository: repo.repository }, {
                    logger,
                    ...(opts.limit ? { limit: opts.limit } : {}),
                    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
                }),
            });
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
    // An <env>-v… tag, once pushed, never points at another digest; only aliases move.
    const refused = planned.filter((p) => p.state === 'moved' && ((0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .parseImmutableTag */ .ek)(p.target.tag) !== undefined || opts.guarded?.(p.target.tag)));
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


/***/ })

};
