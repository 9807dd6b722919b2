export const id = 449;
export const ids = [449];
export const modules = {

/***/ 3449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  accountLines: () => (/* binding */ accountLines),
  runPromotion: () => (/* binding */ runPromotion)
});

// UNUSED EXPORTS: accountMarkdown

// EXTERNAL MODULE: ./packages/common/errors.ts
var errors = __webpack_require__(4715);
// EXTERNAL MODULE: ./packages/common/logger.ts
var common_logger = __webpack_require__(9088);
// EXTERNAL MODULE: ./packages/tagging/image.ts
var tagging_image = __webpack_require__(1895);
// EXTERNAL MODULE: ./packages/promotion/plan.ts
var promotion_plan = __webpack_require__(4537);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(370);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./packages/common/settle.ts
var settle = __webpack_require__(391);
// EXTERNAL MODULE: ./packages/github/refs.ts
var refs = __webpack_require__(8456);
// EXTERNAL MODULE: ./packages/github/releases.ts
var releases = __webpack_require__(1044);
// EXTERNAL MODULE: ./packages/github/versions.ts
var versions = __webpack_require__(3463);
// EXTERNAL MODULE: ./packages/tagging/tags.ts
var tagging_tags = __webpack_require__(5141);
// EXTERNAL MODULE: ./packages/registry/index.ts + 13 modules
var registry = __webpack_require__(7061);
;// CONCATENATED MODULE: ./packages/promotion/preflight.ts



/*
 * The proofs a promotion makes before its first write (docs/promotion.md "Order and proof"). Neither
 * leaves anything a person, Flux or a registry listing can see.
 */
/**
 * Push rights, proven the way go-containerregistry's remote.CheckPushPermission does: a blob upload
 * started and cancelled. Registries grant a push-scoped token even when the write will be refused
 * (GHCR: a package not linked to the repository, or a job without `packages: write`), so the token
 * alone proves nothing.
 */
async function provePushPermission(client, repository, plan, logger) {
    try {
        await client.checkPushPermission(repository);
        logger.debug(`push rights on ${(0,promotion_plan/* targetImageOf */.Qv)(plan)} proven (a blob upload started and cancelled)`);
    }
    catch (err) {
        if (err instanceof registry/* RegistryPermissionError */.vN) {
            throw new errors/* RefusedError */.fk(`Refused before any change: ${err.message} Nothing was changed.`);
        }
        throw err;
    }
}
/**
 * Whether the registry lets the alias move: ECR repositories with tag immutability, Harbor
 * immutability rules and Docker Hub immutable tags refuse any PUT to an existing tag, so the alias's
 * current manifest is put back on it (a write that changes nothing). Returns `absent` (nothing to
 * move: a new tag can always be created), `unchanged` (it is the promoted digest already) or
 * `movable`.
 */
async function proveAliasCanMove(client, repository, plan, logger, 
/** another tag that moves like the alias (an extra tag such as `1.4` or `latest`) */
tag = plan.aliasTag) {
    // One GET by tag gives both the alias's digest and the bytes to put back.
    let current;
    try {
        current = await client.getManifest(repository, tag);
    }
    catch (err) {
        if (err instanceof registry/* RegistryError */.gl && err.status === 404)
            return 'absent';
        throw err;
    }
    const head = current;
    if (head.digest === plan.digest)
        return 'unchanged';
    try {
        await client.putManifest(repository, tag, current);
    }
    catch (err) {
        if (err instanceof registry/* TagImmutableError */.L5) {
            throw new errors/* RefusedError */.fk(`Refused before any change: ${(0,promotion_plan/* targetImageOf */.Qv)(plan)}:${tag} cannot move from ${head.digest} to ${plan.digest}: ` +
                `${err.message} Nothing was changed. Either promote without moving ${tag === plan.aliasTag
                    ? 'the alias (action input ' +
                        `move-alias: false, CLI --no-move-alias: Flux follows the immutable ${plan.toEnvironment}-v… tags, not the alias)`
                    : `it (leave ${tag} out of the extra tags)`}, ` +
                `or let the registry move it (ECR: tag mutability IMMUTABLE_WITH_EXCLUSION with ${tag} excluded; ` +
                `Harbor: exclude ${tag} from the immutability rule; Docker Hub: exclude it in the immutable tags settings).`);
        }
        throw err;
    }
    logger.debug(`${(0,promotion_plan/* targetImageOf */.Qv)(plan)}:${tag} can move (its manifest was put back unchanged)`);
    return 'movable';
}

// EXTERNAL MODULE: ./packages/promotion/extra-tags.ts
var extra_tags = __webpack_require__(8826);
;// CONCATENATED MODULE: ./packages/promotion/release.ts




/**
 * Step 3 of a promotion: the tag ref vX.Y.Z at the shipped commit, then the release with lineage.
 * A rollback ships nothing new, so it keeps the release of the first promotion as it is and only
 * adds its delivery to the lineage's record (with `make_latest` as `auto` decides it, so that the
 * write cannot make an older release GitHub's latest).
 */
async function releaseShipment(github, opts, logger = common_logger/* silentLogger */.q) {
    const tagName = `v${opts.version}`;
    if (opts.keepExisting) {
        const tag = opts.known?.tag ?? (await (0,refs/* ensureTagRef */.uh)(github, opts.repository, tagName, opts.commit, logger));
        const release = opts.known?.release !== undefined
            ? (opts.known.release ?? undefined)
            : await (0,releases/* findReleaseByTag */.a7)(github, opts.repository, tagName, logger);
        const delivery = opts.lineage.deliveries?.at(-1);
        if (release && !release.draft) {
            if (!delivery) {
                logger.info(`Rollback: the release ${tagName} is reused as it is (${release.html_url})`);
                return {
                    release: { id: release.id, html_url: release.html_url, tag_name: release.tag_name },
                    state: 'unchanged',
                    tag,
                };
            }
            // The release is reused; the rollback's delivery (who, when, which run) is added to its record.
            const releaseTags = opts.releaseTags ?? (await (0,versions/* listVersionTags */.OZ)(github, { ...opts.repository, logger }));
            return {
                ...(await (0,releases/* recordDelivery */.EP)(github, opts.repository, release, { lineage: opts.lineage, delivery, releaseTags }, logger)),
                tag,
            };
        }
    }
    return (0,releases/* ensureRelease */.w9)(github, opts.repository, {
        version: opts.version,
        commit: opts.commit,
        lineage: opts.lineage,
        releaseTags: opts.releaseTags ?? (await (0,versions/* listVersionTags */.OZ)(github, { ...opts.repository, logger })),
        ...(opts.known ? { known: opts.known } : {}),
        ...(opts.readBack !== undefined ? { readBack: opts.readBack } : {}),
        ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
        ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    }, logger);
}

// EXTERNAL MODULE: ./packages/promotion/retag.ts
var retag = __webpack_require__(6191);
;// CONCATENATED MODULE: ./packages/promotion/promote.ts














function lineageOf(plan, services, targetTag = plan.targetTag) {
    const at = new Date(Math.floor(services.nowSeconds()) * 1000).toISOString().replace(/\.000Z$/, 'Z');
    const target = (0,promotion_plan/* targetImageOf */.Qv)(plan);
    const source = (0,promotion_plan/* sourceImageOf */.IP)(plan);
    return {
        image: target,
        ...(source !== target ? { sourceImage: source } : {}),
        digest: plan.digest,
        sourceTag: plan.sourceTag,
        targetTag,
        commit: plan.commit,
        version: plan.version,
        ...(services.runUrl ? { runUrl: services.runUrl } : {}),
        promotedAt: at,
        deliveries: [
            {
                kind: plan.rollback ? 'rollback' : 'promotion',
                at,
                ...(services.actor ? { actor: services.actor } : {}),
                ...(services.runUrl ? { runUrl: services.runUrl } : {}),
                sourceTag: plan.sourceTag,
                targetTag,
                digest: plan.digest,
            },
        ],
    };
}
/** How many times a promotion outranked by a concurrent lower version re-tags with a newer `ts` before it reports the race. */
const MAX_TIE_ROUNDS = 3;
/**
 * Steps 2–4 of a plan, in the order that lets every refusal come before Flux can see anything
 * (docs/promotion.md "Order and proof"):
 *
 * 1. pre-flight proofs that write nothing visible: push rights (a blob upload started and cancelled)
 *    and, when the alias must move, that the registry lets it move (its current manifest put back);
 * 2. the release tag ref `vX.Y.Z` at the commit: rulesets, tag protection and the workflows
 *    permission refuse here, before the registry is touched; create-ref's first-writer-wins also
 *    settles two promotions of one version from different commits;
 * 3. the alias (Flux does not follow it), then the immutable tag (what Flux deploys), re-checking the
 *    tag list before and after so that no two tags of the environment share a `ts`;
 * 4. the release with its lineage, then the next-version tag.
 *
 * Each step reads before it writes, so a re-run after a failure anywhere finishes the promotion with
 * no duplicate tag or release.
 */
async function executePromotion(plan, services, opts = {}) {
    const logger = services.logger ?? common_logger/* silentLogger */.q;
    const record = (step) => opts.onStep?.(step);
    const { repository } = plan;
    const moveAlias = opts.moveAlias ?? true;
    // A release train: every image is proven, then written, with a bound on the images (and, shared
    // by all of them, on the blob transfers) in flight.
    const members = [plan, ...(plan.train ?? [])];
    const images = (0,p_limit["default"])(IMAGES_IN_FLIGHT);
    const limit = opts.limit ?? (0,p_limit["default"])(BLOBS_IN_FLIGHT);
    const train = members.length > 1;
    const reads = (0,promotion_plan/* readsOf */.JP)(plan);
    // 1. Proofs that write nothing anyone can see, for every image before any write.
    const proofs = await Promise.all(members.map((m) => images(() => (0,settle/* settle */.G)(preflight(m, services, { moveAlias, logger })))));
    const proven = proofs.map(settle/* take */.s);
    record({
        step: 'pre-flight',
        state: 'done',
        detail: proven
            .map(({ target, alias }, i) => `push rights on ${target} proven${alias === 'movable' ? `; ${members[i].aliasTag} can move` : ''}`)
            .join('; '),
    });
    // 2. The release tag: the first write, and one GitHub may refuse.
    const tagRef = await (0,refs/* ensureTagRef */.uh)(services.github, repository, plan.releaseTag, plan.commit, logger, {
        knownAbsent: reads !== undefined && plan.releaseState === 'new',
    });
    record({
        step: 'release tag',
        state: tagRef === 'created' ? 'done' : 'unchanged',
        detail: `${plan.releaseTag} at ${plan.commit}`,
    });
    // The notes are generated while the registry is written (they need the tag only; never throws).
    const keepExisting = plan.rollback && plan.releaseState === 'exists';
    const notes = reads && !keepExisting && opts.generateNotes !== false && (!reads.release || reads.release.draft)
        ? (0,releases/* releaseNotes */.fk)(services.github, repository, { version: plan.version, commit: plan.commit, releaseTags: reads.versionTags }, logger)
        : undefined;
    // 3. The registry: alias, then the immutable tag Flux follows.
    if (!moveAlias)
        record({ step: 'alias', state: 'skipped', detail: `${plan.aliasTag} left where it is (move-alias: false)` });
    // The version tags are read again once the registry is written, for make_latest: a concurrent
    // promotion of a higher version has created its release tag by then (its first write).
    let versionTags;
    const writes = await Promise.all(members.map((m, i) => images(() => (0,settle/* settle */.G)(writeEnvironmentTags(m, services, {
        moveAlias,
        logger,
        limit,
        ...(proven[i].tagsBefore ? { tagsBefore: proven[i].tagsBefore } : {}),
        ...(i === 0
            ? {
                onWritten: () => {
                    versionTags = (0,settle/* settle */.G)((0,versions/* listVersionTags */.OZ)(services.github, { ...repository, logger }));
                },
            }
            : {}),
        onTarget: (t) => {
            const immutable = (0,tagging_tags/* parseImmutableTag */.ek)(t.tag) !== undefined;
            record({
                step: immutable ? 'immutable tag' : 'alias',
                state: t.state === 'unchanged' ? 'unchanged' : 'done',
                detail: `${train ? `${(0,promotion_plan/* targetImageOf */.Qv)(m)}:` : ''}${t.tag} → ${m.digest}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`,
            });
        },
    })))));
    const everyWritten = writes.map(settle/* take */.s);
    const written = everyWritten[0];
    versionTags ??= (0,settle/* settle */.G)((0,versions/* listVersionTags */.OZ)(services.github, { ...repository, logger }));
    // 4. The release, then the next version.
    const releasing = (0,settle/* settle */.G)(releaseShipment(services.github, {
        repository,
        version: plan.version,
        commit: plan.commit,
        lineage: trainLineage(members, everyWritten, services),
        keepExisting,
        ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
        ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
        ...(reads && versionTags
            ? {
                releaseTags: (0,settle/* take */.s)(await versionTags),
                known: { tag: tagRef, release: reads.release, ...(notes ? { notes } : {}) },
                readBack: false,
            }
            : {}),
    }, logger));
    const ensured = (0,settle/* take */.s)(await releasing);
    record({
        step: 'release',
        state: ensured.state === 'unchanged' ? 'unchanged' : 'done',
        detail: `${plan.releaseTag} ${ensured.state} (${ensured.release.html_url})`,
    });
    let next;
    if (plan.nextState !== 'none' && plan.nextVersionTag) {
        const state = await (0,refs/* ensureNextVersionTag */.ud)(services.github, repository, plan.nextVersionTag, plan.commit, logger, {
            knownAbsent: reads !== undefined && plan.nextState === 'new',
        });
        next = { tag: plan.nextVersionTag, state };
        record({ step: 'next version', state: state === 'created' ? 'done' : 'unchanged', detail: plan.nextVersionTag });
    }
    else {
        record({ step: 'next version', state: 'skipped', detail: plan.rollback ? 'a rollback bumps nothing' : 'no bump' });
    }
    const superseded = everyWritten.find((w) => w.superseded)?.superseded;
    const outcome = {
        plan,
        retag: written.copied,
        tagRef,
        release: { id: ensured.release.id, url: ensured.release.html_url, state: ensured.state },
        ...(next ? { next } : {}),
        targetTag: written.targetTag,
        ...(superseded ? { superseded } : {}),
        ...(train
            ? {
                train: members.slice(1).map((m, i) => {
                    const w = everyWritten[i + 1];
                    return {
                        plan: m,
                        retag: w.copied,
                        targetTag: w.targetTag,
                        ...(w.superseded ? { superseded: w.superseded } : {}),
                    };
                }),
            }
            : {}),
    };
    tagsAfterWrite.set(outcome, written.tagsAfter);
    return outcome;
}
const tagsAfterWrite = new WeakMap();
/** The image's tags as read right after the promotion's last registry write (no write follows it). */
function tagsAfter(outcome) {
    return tagsAfterWrite.get(outcome);
}
const IMAGES_IN_FLIGHT = 4;
const BLOBS_IN_FLIGHT = 8;
/**
 * The proofs of one image, in one round trip (and the cancel and the put-back in a second): push
 * rights, that the alias may move, that the target tag is still free or this digest (the
 * immutability guard, as the copy itself will apply it), and the tag list the write is checked
 * against. Nothing anyone can see is written.
 */
async function preflight(plan, services, opts) {
    const target = (0,promotion_plan/* targetImageOf */.Qv)(plan);
    const ref = (0,tagging_image.parseImageRef)(target, 'to-image');
    const client = await services.clients(ref.registry);
    const extras = plan.extraTags ?? [];
    const [push, aliasProof, guard, listed, extraProofs] = await Promise.all([
        (0,settle/* settle */.G)(provePushPermission(client, ref.repository, plan, opts.logger)),
        (0,settle/* settle */.G)(opts.moveAlias ? proveAliasCanMove(client, ref.repository, plan, opts.logger) : Promise.resolve(undefined)),
        (0,settle/* settle */.G)(guardTarget(client, ref.repository, plan)),
        (0,settle/* settle */.G)(plan.targetState === 'new' ? client.listTags(ref.repository) : Promise.resolve(undefined)),
        // Extra tags: a full version is guarded like the immutable tag, the others proven movable like the alias.
        (0,settle/* settle */.G)(Promise.all(extras.map(async (t) => {
            if (!t.guarded)
                return proveAliasCanMove(client, ref.repository, plan, opts.logger, t.tag);
            const head = await client.headManifest(ref.repository, t.tag);
            if (head !== undefined && head.digest !== plan.digest) {
                throw (0,extra_tags/* versionTagRefusal */.hT)([{ ref: `${target}:${t.tag}`, current: head.digest, digest: plan.digest }]);
            }
            return undefined;
        }))),
    ]);
    (0,settle/* take */.s)(push);
    const alias = (0,settle/* take */.s)(aliasProof);
    (0,settle/* take */.s)(guard);
    (0,settle/* take */.s)(extraProofs);
    const tagsBefore = (0,settle/* take */.s)(listed);
    return { target, alias, ...(tagsBefore ? { tagsBefore } : {}) };
}
/** The lineage of a promotion; a train's lists every image, and a delivery of each. */
function trainLineage(members, written, services) {
    const [plan] = members;
    const lineage = lineageOf(plan, services, written[0].targetTag);
    if (members.length === 1)
        return lineage;
    const first = lineage.deliveries[0];
    return {
        ...lineage,
        images: members.map((m, i) => {
            const target = (0,promotion_plan/* targetImageOf */.Qv)(m);
            const source = (0,promotion_plan/* sourceImageOf */.IP)(m);
            return {
                image: target,
                ...(source !== target ? { sourceImage: source } : {}),
                digest: m.digest,
                sourceTag: m.sourceTag,
                targetTag: written[i].targetTag,
            };
        }),
        deliveries: [
            first,
            ...members.slice(1).map((m, i) => ({
                ...first,
                sourceTag: m.sourceTag,
                targetTag: written[i + 1].targetTag,
                digest: m.digest,
                image: (0,promotion_plan/* targetImageOf */.Qv)(m),
            })),
        ],
    };
}
/** The immutability guard before the first write: the target tag is free, or already this digest. */
async function guardTarget(client, repository, plan) {
    const head = await client.headManifest(repository, plan.targetTag);
    if (head !== undefined && head.digest !== plan.digest) {
        throw (0,retag.immutableTagRefusal)([
            { ref: `${(0,promotion_plan/* targetImageOf */.Qv)(plan)}:${plan.targetTag}`, current: head.digest, digest: plan.digest },
        ]);
    }
}
/**
 * The alias and the immutable tag, with the tag list read again right before and right after the
 * write (docs/promotion.md "Concurrency"):
 * - before: a tag of this version, commit and digest that Flux already picks is reused (the same
 *   promotion started twice); a `ts` another writer took since the plan is replaced by a newer one;
 * - after: when Flux picks a tag that a concurrent run wrote (newer than the plan's pick; a tie of
 *   equal `ts` included, which Flux breaks by byte order), the higher version re-tags with the next
 *   `ts` and wins; the lower one reports that it was superseded, naming the tag Flux picks.
 */
async function writeEnvironmentTags(plan, services, opts) {
    const target = (0,promotion_plan/* targetImageOf */.Qv)(plan);
    const ref = (0,tagging_image.parseImageRef)(target, 'to-image');
    const client = await services.clients(ref.registry);
    const env = plan.toEnvironment;
    const ours = (0,tagging_tags/* parseImmutableTag */.ek)(plan.targetTag);
    let targetTag = plan.targetTag;
    if (plan.targetState === 'new') {
        const tags = opts.tagsBefore ?? (await client.listTags(ref.repository));
        const pick = (0,promotion_plan/* fluxPick */.tz)(tags, env);
        const picked = pick.ok ? (0,tagging_tags/* parseImmutableTag */.ek)(pick.tag) : undefined;
        const sameBuild = picked && picked.version === ours.version && picked.sha === ours.sha;
        if (pick.ok && sameBuild && (await client.headManifest(ref.repository, pick.tag))?.digest === plan.digest) {
            opts.logger.info(`${pick.tag} (this build) was written by another run since the plan: reused`);
            targetTag = pick.tag;
        }
        else if (!tags.includes(targetTag)) {
            // Only a tag written since the plan with this ts or a later one moves ours on; the clock alone does not.
            const ts = (0,tagging_tags/* nextTimestamp */.eo)(ours.ts, tags, env);
            if (ts !== ours.ts) {
                targetTag = (0,tagging_tags/* formatImmutableTag */.sC)({ ...ours, ts });
                opts.logger.info(`another run wrote a tag of ${env} since the plan: ${plan.targetTag} becomes ${targetTag}`);
            }
        }
    }
    // The alias first: Flux does not follow it, and a registry that refuses to move it (tag
    // immutability) then refuses before the immutable tag, which Flux deploys, exists.
    // Into another image: copied there first (its parts, signatures and attestations), then tagged.
    const copied = await (0,retag.retag)({
        source: `${(0,promotion_plan/* sourceImageOf */.IP)(plan)}@${plan.digest}`,
        // The alias and the extra tags (Flux follows neither) before the immutable tag it follows.
        targets: [...(opts.moveAlias ? [plan.aliasTag] : []), ...(plan.extraTags ?? []).map((t) => t.tag), targetTag].map((t) => `${target}:${t}`),
        guarded: extra_tags/* isVersionTag */.JM,
        clients: services.clients,
        expectedDigest: plan.digest,
        logger: opts.logger,
        onTarget: opts.onTarget,
        ...(plan.signatures ? { signatures: plan.signatures } : {}),
        ...(opts.limit ? { limit: opts.limit } : {}),
    });
    // Tags of the environment newer than what Flux picked at plan time were written by runs concurrent with this one.
    const baseline = plan.fluxPicksNow.to ? ((0,tagging_tags/* parseImmutableTag */.ek)(plan.fluxPicksNow.to)?.ts ?? 0) : 0;
    const isThisBuild = (t) => t.version === ours.version && t.sha === ours.sha;
    opts.onWritten?.();
    for (let round = 0;; round++) {
        const tags = await client.listTags(ref.repository);
        const pick = (0,promotion_plan/* fluxPick */.tz)(tags, env);
        const picked = pick.ok ? (0,tagging_tags/* parseImmutableTag */.ek)(pick.tag) : undefined;
        // Among the concurrent promotions the highest version wins, whichever wrote last: deterministic.
        let best;
        for (const tag of tags) {
            const parsed = (0,tagging_tags/* parseImmutableTag */.ek)(tag);
            if (parsed?.env !== env || parsed.ts <= baseline)
                continue;
            const order = best ? semver_default().compare(parsed.version, best.parsed.version) || parsed.ts - best.parsed.ts : 1;
            if (order > 0)
                best = { tag, parsed };
        }
        if (!pick.ok || !picked || !best)
            return { copied, targetTag, tagsAfter: tags };
        const settled = picked.version === best.parsed.version && picked.sha === best.parsed.sha;
        if (settled && isThisBuild(picked)) {
            if (pick.ties.length > 0)
                opts.logger.warning(`${pick.ties.join(', ')} share the ts of ${pick.tag}; Flux picks ${pick.tag}`);
            return { copied, targetTag, tagsAfter: tags };
        }
        if (settled || round >= MAX_TIE_ROUNDS) {
            const reason = settled
                ? `a concurrent promotion of ${best.parsed.version} (not lower than ${plan.version}) wrote ${pick.tag} while this one ran, and the higher version wins`
                : `concurrent promotions kept outranking one another ${MAX_TIE_ROUNDS} times`;
            const full = `${reason}. Flux picks ${pick.tag}; re-run this promotion to make it the newest in ${env}`;
            opts.logger.warning(full);
            return { copied, targetTag, superseded: { by: pick.tag, reason: full }, tagsAfter: tags };
        }
        // Flux picks a lower version than a concurrent promotion shipped: give the higher one the next ts.
        const digest = isThisBuild(best.parsed)
            ? plan.digest
            : (await client.headManifest(ref.repository, best.tag))?.digest;
        if (digest === undefined)
            return { copied, targetTag, tagsAfter: tags };
        const next = (0,tagging_tags/* formatImmutableTag */.sC)({ ...best.parsed, ts: (0,tagging_tags/* nextTimestamp */.eo)(best.parsed.ts, tags, env) });
        opts.logger.info(`concurrent promotions: Flux picks ${pick.tag}; writing ${next} so that it picks ${best.parsed.version}`);
        const again = await (0,retag.retag)({
            source: `${target}@${digest}`,
            targets: [next],
            clients: services.clients,
            expectedDigest: digest,
            logger: opts.logger,
            ...(isThisBuild(best.parsed) ? { onTarget: opts.onTarget } : {}),
        });
        if (isThisBuild(best.parsed)) {
            copied.targets.push(...again.targets);
            targetTag = next;
        }
    }
}
/** Plan, then (unless `dryRun`) execute: the whole promotion workflow in one call. `describePlan` words a dry run. */
async function promote(req, services, opts = {}) {
    const plan = await planPromotion(req, services);
    if (opts.dryRun)
        return { plan };
    return { plan, outcome: await executePromotion(plan, services, opts) };
}

;// CONCATENATED MODULE: ./packages/promotion/account.ts






const STEPS = [
    'plan',
    'pre-flight',
    'release tag',
    'alias',
    'immutable tag',
    'release',
    'next version',
];
/** Plan and (unless a dry run) execute, never throwing for a refusal or a fault: the account says what happened. */
async function runPromotion(req, services, opts = {}) {
    const logger = services.logger ?? common_logger/* silentLogger */.q;
    const steps = [];
    const onStep = (s) => {
        steps.push(s);
        opts.onStep?.(s);
    };
    let plan;
    let outcome;
    let failure;
    try {
        plan = await (0,promotion_plan.planPromotion)(req, services);
        const into = (0,promotion_plan/* targetImageOf */.Qv)(plan) === plan.image ? '' : `${(0,promotion_plan/* targetImageOf */.Qv)(plan)}:`;
        onStep({
            step: 'plan',
            state: 'done',
            detail: `${(0,promotion_plan/* sourceImageOf */.IP)(plan)}:${plan.sourceTag} → ${into}${plan.targetTag}`,
        });
        if (!opts.dryRun)
            outcome = await executePromotion(plan, services, { ...opts, onStep });
    }
    catch (err) {
        failure = err;
    }
    let writes = steps.some((s) => s.state === 'done' && s.step !== 'plan' && s.step !== 'pre-flight');
    // A release tag the plan saw absent and this run found in place was most likely its own write
    // whose answer was lost (a retried create-ref answered "already exists").
    if (plan?.releaseState === 'new' && steps.some((s) => s.step === 'release tag' && s.state === 'unchanged'))
        writes = true;
    const error = failure === undefined ? undefined : classify(failure);
    // set when a write step failed with a fault: its write may have landed with the answer lost
    let unsure;
    if (error) {
        const at = STEPS.find((name) => !steps.some((s) => s.step === name));
        steps.push({ step: at, state: error.kind === 'fault' ? 'failed' : 'refused', detail: error.message });
        // A write that failed with a fault may have landed all the same: GitHub or the registry wrote it
        // and the answer was lost. The account then never says "nothing was changed".
        if (error.kind === 'fault' && at !== 'plan' && at !== 'pre-flight' && !writes) {
            unsure = at;
            writes = true;
        }
    }
    for (const name of STEPS) {
        if (steps.some((s) => s.step === name))
            continue;
        steps.push({
            step: name,
            state: opts.dryRun && !error ? 'would do' : 'not run',
            detail: opts.dryRun && plan ? dryRunDetail(plan, name) : '',
        });
    }
    steps.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
    // The last list read serves when nothing was written after it: the promotion's after-write check,
    // or a dry run's plan. Anything else (a refusal, a failure half-way) reads the registry again.
    const known = outcome ? tagsAfter(outcome) : opts.dryRun && !error && plan ? (0,promotion_plan/* readsOf */.JP)(plan)?.tags : undefined;
    const environments = await environmentsNow(services, plan, known).catch((err) => {
        logger.debug(`reading what Flux picks now: ${(0,errors/* errorMessage */.gJ)(err)}`);
        return [{ environment: plan?.toEnvironment ?? req.toEnvironment ?? 'production', error: (0,errors/* errorMessage */.gJ)(err) }];
    });
    const account = {
        result: 'failed',
        title: '',
        ...(plan ? { plan } : {}),
        ...(outcome ? { outcome } : {}),
        steps,
        environments,
        next: '',
        ...(error ? { error } : {}),
        changed: writes,
    };
    const version = plan ? `v${plan.version}` : req.version ? `v${req.version.trim().replace(/^v/, '')}` : req.image;
    const to = plan?.toEnvironment ?? req.toEnvironment ?? 'production';
    if (error) {
        account.result = error.kind === 'fault' ? 'failed' : 'refused';
        account.title =
            error.kind === 'fault'
                ? `Promotion of ${version} to ${to} did not finish`
                : `Promotion of ${version} to ${to} refused`;
        account.next = !writes
            ? error.kind === 'fault'
                ? 'Nothing was changed. Re-run the promotion once the fault above is gone.'
                : 'Nothing was changed. Do what the refusal above says, then run the promotion again.'
            : error.kind === 'fault'
                ? (unsure ? `The ${unsure} step failed with its answer lost, so its write may have landed. ` : '') +
                    'Re-run the promotion: every step is idempotent, and the re-run finishes what this run began, with no duplicate tag or release.'
                : 'Do what the refusal above says, then re-run the promotion: it finishes what this run began, with no duplicate tag or release.';
    }
    else if (opts.dryRun) {
        account.result = 'dry-run';
        account.title = `Dry run: promotion of ${version} to ${to} (nothing changed)`;
        account.next = 'Run it again without dry-run to promote.';
    }
    else if (outcome?.superseded) {
        account.result = 'superseded';
        account.title = `Promoted ${version} to ${to}, but a concurrent promotion is newer`;
        account.next = `Flux deploys ${outcome.superseded.by}. ${outcome.superseded.reason}.`;
    }
    else {
        account.result = writes ? 'promoted' : 'unchanged';
        account.title = writes ? `Promoted ${version} to ${to}` : `${version} was promoted to ${to} already: nothing to do`;
        account.next = `Nothing: Flux's ${to} policy picks ${outcome?.targetTag ?? plan?.targetTag} and deploys it on its next scan.`;
    }
    return account;
}
function classify(err) {
    if (err instanceof errors/* InputError */.dz)
        return { kind: 'input', message: err.message };
    if (err instanceof errors/* RefusedError */.fk)
        return { kind: 'refused', message: err.message };
    return { kind: 'fault', message: (0,errors/* errorMessage */.gJ)(err) };
}
function dryRunDetail(plan, step) {
    const lines = (0,promotion_plan.describePlan)(plan);
    const find = (prefix) => lines.find((l) => l.startsWith(prefix))?.replace(/^Step \d: /, '') ?? '';
    switch (step) {
        case 'pre-flight':
            return `prove push rights on ${(0,promotion_plan/* targetImageOf */.Qv)(plan)} and that ${plan.aliasTag} can move`;
        case 'release tag':
            return plan.releaseState === 'new'
                ? `create ${plan.releaseTag} at ${plan.commit}`
                : `${plan.releaseTag} is at ${plan.commit}`;
        case 'alias':
            return `move ${plan.aliasTag} to ${plan.digest}`;
        case 'immutable tag':
            return plan.targetState === 'new' ? `create ${plan.targetTag}` : `${plan.targetTag} exists (kept)`;
        case 'release':
            return find('Step 3');
        case 'next version':
            return find('Step 4');
        default:
            return '';
    }
}
async function environmentsNow(services, plan, 
/** the list read after the promotion's last write (nothing was written since); undefined: read it */
known) {
    if (!plan)
        return [];
    const list = async (image) => {
        const ref = (0,tagging_image.parseImageRef)(image, 'image');
        return (await services.clients(ref.registry)).listTags(ref.repository);
    };
    const target = (0,promotion_plan/* targetImageOf */.Qv)(plan);
    // The target's tags as last read; the source's are read again only when they are elsewhere.
    const toTags = known ?? (await list(target));
    const fromTags = target === plan.image ? toTags : await list(plan.image);
    const own = [
        { env: plan.fromEnvironment, before: plan.fluxPicksNow.from, tags: fromTags },
        { env: plan.toEnvironment, before: plan.fluxPicksNow.to, tags: toTags },
    ].map(({ env, before, tags }) => {
        const pick = (0,promotion_plan/* fluxPick */.tz)(tags, env);
        return {
            environment: env,
            ...(before ? { before } : {}),
            ...(pick.ok ? { now: pick.tag } : { error: pick.error }),
        };
    });
    // A train's other images: what the target environment picks in each.
    const others = await Promise.all((plan.train ?? []).map(async (m) => {
        const image = (0,promotion_plan/* targetImageOf */.Qv)(m);
        const pick = (0,promotion_plan/* fluxPick */.tz)(await list(image), m.toEnvironment);
        return {
            environment: m.toEnvironment,
            image,
            ...(m.fluxPicksNow.to ? { before: m.fluxPicksNow.to } : {}),
            ...(pick.ok ? { now: pick.tag } : { error: pick.error }),
        };
    }));
    return [...own, ...others];
}
/** The account as text lines, for the CLI and the action's log. */
function accountLines(a, opts = {}) {
    const lines = [a.title];
    if (a.error && opts.withError !== false)
        lines.push(`${a.error.kind === 'fault' ? 'Error' : 'Refused'}: ${a.error.message}`);
    for (const s of a.steps)
        lines.push(`  ${s.step.padEnd(13)} ${s.state.padEnd(9)} ${s.detail}`.trimEnd());
    for (const e of a.environments) {
        lines.push(`  Flux ${e.environment}${e.image ? ` (${e.image})` : ''}: ${e.now ?? `(nothing${e.error ? `: ${e.error}` : ''})`}` +
            (e.before !== undefined && e.before !== e.now ? ` (was ${e.before})` : ''));
    }
    lines.push(`Next: ${a.next}`);
    return lines;
}
/** The account as a job summary. */
function accountMarkdown(a) {
    const cell = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
    const out = [`### ${a.title}`, ''];
    if (a.error)
        out.push(`> **${a.error.kind === 'fault' ? 'Error' : 'Refused'}:** ${cell(a.error.message)}`, '');
    if (a.plan) {
        const p = a.plan;
        out.push(`Image \`${targetImageOf(p)}\`${sourceImageOf(p) !== targetImageOf(p) ? ` (copied from \`${sourceImageOf(p)}\`)` : ''}: \`${p.sourceTag}\` → \`${a.outcome?.targetTag ?? p.targetTag}\`, digest \`${p.digest}\`, commit \`${p.commit}\`, version \`${p.version}\`.`, '');
        for (const [i, m] of (p.train ?? []).entries()) {
            const written = a.outcome?.train?.[i]?.targetTag ?? m.targetTag;
            out.push(`Image \`${targetImageOf(m)}\`${sourceImageOf(m) !== targetImageOf(m) ? ` (copied from \`${sourceImageOf(m)}\`)` : ''}: \`${m.sourceTag}\` → \`${written}\`, digest \`${m.digest}\` (the same release train).`, '');
        }
    }
    const delivered = a.plan && a.outcome && a.result === 'promoted' ? a.plan : undefined;
    if (delivered) {
        // The path of this delivery, drawn (GitHub renders Mermaid in job summaries).
        const targetTag = a.outcome.targetTag;
        out.push('```mermaid', historyMermaid([
            {
                kind: delivered.rollback ? 'rollback' : 'promotion',
                at: new Date().toISOString(),
                sourceTag: delivered.sourceTag,
                targetTag,
                digest: delivered.digest,
                environment: delivered.toEnvironment,
                version: delivered.version,
                release: { tag: delivered.releaseTag, url: a.outcome.release.url },
                recorded: true,
            },
        ]), '```', '');
    }
    out.push('| step | state | detail |', '|---|---|---|');
    for (const s of a.steps)
        out.push(`| ${s.step} | ${s.state} | ${cell(s.detail)} |`);
    if (a.environments.length) {
        out.push('', '| environment | Flux picked before | Flux picks now |', '|---|---|---|');
        for (const e of a.environments)
            out.push(`| ${e.environment} | ${e.before ? `\`${e.before}\`` : ''} | ${e.now ? `\`${e.now}\`` : cell(e.error ?? '')} |`);
    }
    out.push('', `**Next:** ${cell(a.next)}`, '');
    return out.join('\n');
}


/***/ })

};
