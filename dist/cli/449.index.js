export const id = 449;
export const ids = [449,537];
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
// EXTERNAL MODULE: ./packages/registry/index.ts + 12 modules
var registry = __webpack_require__(8388);
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
        logger.debug(`push rights on ${plan.image} proven (a blob upload started and cancelled)`);
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
async function proveAliasCanMove(client, repository, plan, logger) {
    // One GET by tag gives both the alias's digest and the bytes to put back.
    let current;
    try {
        current = await client.getManifest(repository, plan.aliasTag);
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
        await client.putManifest(repository, plan.aliasTag, current);
    }
    catch (err) {
        if (err instanceof registry/* TagImmutableError */.L5) {
            throw new errors/* RefusedError */.fk(`Refused before any change: ${plan.image}:${plan.aliasTag} cannot move from ${head.digest} to ${plan.digest}: ` +
                `${err.message} Nothing was changed. Either promote without moving the alias (action input ` +
                `move-alias: false, CLI --no-move-alias: Flux follows the immutable ${plan.toEnvironment}-v… tags, not the alias), ` +
                `or let the registry move it (ECR: tag mutability IMMUTABLE_WITH_EXCLUSION with ${plan.aliasTag} excluded; ` +
                `Harbor: exclude ${plan.aliasTag} from the immutability rule; Docker Hub: exclude it in the immutable tags settings).`);
        }
        throw err;
    }
    logger.debug(`${plan.image}:${plan.aliasTag} can move (its manifest was put back unchanged)`);
    return 'movable';
}

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
    return {
        image: plan.image,
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
    const ref = (0,tagging_image/* parseImageRef */.Q)(plan.image, 'image');
    const client = await services.clients(ref.registry);
    const reads = (0,promotion_plan/* readsOf */.JP)(plan);
    // 1. Proofs that write nothing anyone can see, all in one round trip (and the cancel and the put-back
    // in a second): push rights, that the alias may move, that the target tag is still free or this
    // digest (the immutability guard, as the copy itself will apply it), and the tag list the write
    // is checked against.
    const [push, aliasProof, guard, listed] = await Promise.all([
        (0,settle/* settle */.G)(provePushPermission(client, ref.repository, plan, logger)),
        (0,settle/* settle */.G)(moveAlias ? proveAliasCanMove(client, ref.repository, plan, logger) : Promise.resolve(undefined)),
        (0,settle/* settle */.G)(guardTarget(client, ref.repository, plan)),
        (0,settle/* settle */.G)(plan.targetState === 'new' ? client.listTags(ref.repository) : Promise.resolve(undefined)),
    ]);
    (0,settle/* take */.s)(push);
    const alias = (0,settle/* take */.s)(aliasProof);
    (0,settle/* take */.s)(guard);
    const tagsBefore = (0,settle/* take */.s)(listed);
    record({
        step: 'pre-flight',
        state: 'done',
        detail: `push rights on ${plan.image} proven${alias === 'movable' ? `; ${plan.aliasTag} can move` : ''}`,
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
    const written = await writeEnvironmentTags(plan, services, {
        moveAlias,
        logger,
        ...(tagsBefore ? { tagsBefore } : {}),
        onWritten: () => {
            versionTags = (0,settle/* settle */.G)((0,versions/* listVersionTags */.OZ)(services.github, { ...repository, logger }));
        },
        onTarget: (t) => {
            const immutable = t.tag !== plan.aliasTag;
            record({
                step: immutable ? 'immutable tag' : 'alias',
                state: t.state === 'unchanged' ? 'unchanged' : 'done',
                detail: `${t.tag} → ${plan.digest}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`,
            });
        },
    });
    // 4. The release, then the next version.
    const releasing = (0,settle/* settle */.G)(releaseShipment(services.github, {
        repository,
        version: plan.version,
        commit: plan.commit,
        lineage: lineageOf(plan, services, written.targetTag),
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
    const outcome = {
        plan,
        retag: written.copied,
        tagRef,
        release: { id: ensured.release.id, url: ensured.release.html_url, state: ensured.state },
        ...(next ? { next } : {}),
        targetTag: written.targetTag,
        ...(written.superseded ? { superseded: written.superseded } : {}),
    };
    tagsAfterWrite.set(outcome, written.tagsAfter);
    return outcome;
}
const tagsAfterWrite = new WeakMap();
/** The image's tags as read right after the promotion's last registry write (no write follows it). */
function tagsAfter(outcome) {
    return tagsAfterWrite.get(outcome);
}
/** The immutability guard before the first write: the target tag is free, or already this digest. */
async function guardTarget(client, repository, plan) {
    const head = await client.headManifest(repository, plan.targetTag);
    if (head !== undefined && head.digest !== plan.digest) {
        throw (0,retag.immutableTagRefusal)([{ ref: `${plan.image}:${plan.targetTag}`, current: head.digest, digest: plan.digest }]);
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
    const ref = (0,tagging_image/* parseImageRef */.Q)(plan.image, 'image');
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
    const copied = await (0,retag.retag)({
        source: `${plan.image}@${plan.digest}`,
        targets: opts.moveAlias ? [plan.aliasTag, targetTag] : [targetTag],
        clients: services.clients,
        expectedDigest: plan.digest,
        logger: opts.logger,
        onTarget: opts.onTarget,
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
            source: `${plan.image}@${digest}`,
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
        onStep({ step: 'plan', state: 'done', detail: `${plan.image}:${plan.sourceTag} → ${plan.targetTag}` });
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
            return `prove push rights on ${plan.image} and that ${plan.aliasTag} can move`;
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
    const ref = (0,tagging_image/* parseImageRef */.Q)(plan.image, 'image');
    const tags = known ?? (await (await services.clients(ref.registry)).listTags(ref.repository));
    return [
        { env: plan.fromEnvironment, before: plan.fluxPicksNow.from },
        { env: plan.toEnvironment, before: plan.fluxPicksNow.to },
    ].map(({ env, before }) => {
        const pick = (0,promotion_plan/* fluxPick */.tz)(tags, env);
        return {
            environment: env,
            ...(before ? { before } : {}),
            ...(pick.ok ? { now: pick.tag } : { error: pick.error }),
        };
    });
}
/** The account as text lines, for the CLI and the action's log. */
function accountLines(a, opts = {}) {
    const lines = [a.title];
    if (a.error && opts.withError !== false)
        lines.push(`${a.error.kind === 'fault' ? 'Error' : 'Refused'}: ${a.error.message}`);
    for (const s of a.steps)
        lines.push(`  ${s.step.padEnd(13)} ${s.state.padEnd(9)} ${s.detail}`.trimEnd());
    for (const e of a.environments) {
        lines.push(`  Flux ${e.environment}: ${e.now ?? `(nothing${e.error ? `: ${e.error}` : ''})`}` +
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
        out.push(`Image \`${p.image}\`: \`${p.sourceTag}\` → \`${a.outcome?.targetTag ?? p.targetTag}\`, digest \`${p.digest}\`, commit \`${p.commit}\`, version \`${p.version}\`.`, '');
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

/***/ 6191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   immutableTagRefusal: () => (/* binding */ immutableTagRefusal),
/* harmony export */   retag: () => (/* binding */ retag)
/* harmony export */ });
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4715);
/* harmony import */ var _common_logger_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9088);
/* harmony import */ var _registry_index_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8388);
/* harmony import */ var _tagging_image_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1895);
/* harmony import */ var _tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5141);
/* harmony import */ var _common_patterns_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1251);






const SOURCE_ACCEPTED = 'an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository';
const TARGETS_ACCEPTED = 'tags (in the source repository) or full references registry/repo:tag, one a line or separated by commas';
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
    const image = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImageRef */ .Q)(text, 'source');
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
        const tag = (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .validateTag */ .z7)(text, 'tags');
        if (source.kind === 'digest') {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, 'full references registry/repo:tag', 'with a bare-digest source every target names its own repository');
        }
        const image = { registry: source.image.registry, repository: source.image.repository, tag };
        return { image, tag, ref: (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(image) };
    }
    const parsed = (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .parseImageRef */ .Q)(text, 'tags');
    if (parsed.digest !== undefined || parsed.tag === undefined) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, TARGETS_ACCEPTED, parsed.digest ? 'a target is a tag, not a digest' : 'it names no tag');
    }
    const image = { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag };
    if (source.kind === 'image' && (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(image) !== (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(source.image)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tags', target, `tags of ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(source.image)}, or a bare-digest source to tag one digest in several repositories`, `cross-repository copies are not supported: retag copies within a repository, and ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(image)} is not the source's repository ${(0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .imageName */ .tO)(source.image)}`);
    }
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
    if (opts.expectedDigest !== undefined && !_common_patterns_js__WEBPACK_IMPORTED_MODULE_5__/* .DIGEST */ .Dh.test(opts.expectedDigest)) {
        throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('digest', opts.expectedDigest, 'sha256:<64 lowercase hex>');
    }
    const sourceText = source.kind === 'digest' ? source.digest : (0,_tagging_image_js__WEBPACK_IMPORTED_MODULE_3__/* .formatImageRef */ .kL)(source.image);
    const reference = source.kind === 'digest' ? source.digest : source.reference;
    const planned = [];
    for (const repo of groupByRepository(targets)) {
        const client = await opts.clients(repo.registry);
        const shown = source.kind === 'digest' ? `${repo.registry}/${repo.repository}@${source.digest}` : sourceText;
        // GET of the source and HEADs of the targets go out together (one round trip fewer on a WAN);
        // with credentials whose challenge is not known yet, the client sends the first alone and the
        // others after it, so one challenge and one token fetch serve them all. No PUT starts before
        // every one has answered.
        const heads = () => Promise.all(repo.targets.map(async (target) => ({
            target,
            current: await client.headManifest(repo.repository, target.tag),
        })));
        // allSettled: when both fail (say a 401), the source's error is the one reported, every time.
        const [m, h] = await Promise.allSettled([client.getManifest(repo.repository, reference), heads()]);
        if (m.status === 'rejected')
            throw m.reason;
        if (h.status === 'rejected')
            throw h.reason;
        const [manifest, current] = [m.value, h.value];
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
    const refused = planned.filter((p) => p.state === 'moved' && (0,_tagging_tags_js__WEBPACK_IMPORTED_MODULE_4__/* .parseImmutableTag */ .ek)(p.target.tag) !== undefined);
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
    for (const [i, p] of planned.entries()) {
        if (p.state !== 'unchanged' && !dryRun)
            await p.client.putManifest(p.target.image.repository, p.target.tag, p.manifest);
        const previous = p.previousDigest ? ` (was ${p.previousDigest})` : '';
        logger.info(`${dryRun ? 'would be ' : ''}${p.state} ${p.target.ref}${previous}`);
        if (!dryRun)
            opts.onTarget?.(results[i]);
    }
    const first = planned[0].manifest;
    return { source: sourceText, digest: first.digest, mediaType: first.mediaType, targets: results, dryRun };
}


/***/ })

};
