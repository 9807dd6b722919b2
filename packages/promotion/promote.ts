import semver from 'semver';
import { silentLogger, type Logger } from '../common/logger.js';
import type { Lineage } from '../github/lineage.js';
import { ensureNextVersionTag, ensureTagRef } from '../github/refs.js';
import type { MakeLatest } from '../github/releases.js';
import { parseImageRef } from '../tagging/image.js';
import { formatImmutableTag, nextTimestamp, parseImmutableTag, type ImmutableTag } from '../tagging/tags.js';
import { fluxPick, planPromotion, type PromotionPlan, type PromotionRequest, type PromotionServices } from './plan.js';
import { proveAliasCanMove, provePushPermission } from './preflight.js';
import { releaseShipment } from './release.js';
import { retag, type RetagResult, type RetagTargetResult } from './retag.js';

export interface PromotionOutcome {
  plan: PromotionPlan;
  retag: RetagResult;
  tagRef: 'created' | 'unchanged';
  release: { id: number; url: string; state: 'created' | 'updated' | 'unchanged' };
  next?: { tag: string; state: 'created' | 'unchanged' };
  /** the immutable tag written (or reused): the plan's, unless a concurrent writer made it change */
  targetTag: string;
  /** set when a concurrent promotion wrote a tag of the same `ts` that Flux picks instead of ours */
  superseded?: { by: string; reason: string };
}

export interface ExecuteOptions {
  generateNotes?: boolean;
  makeLatest?: MakeLatest;
  /** move the environment's alias (`production`) too; false where the registry forbids moving tags (default true) */
  moveAlias?: boolean;
  /** called as each step ends, so an interrupted run can still account for what it did */
  onStep?: (step: StepRecord) => void;
}

/** One step of a promotion, as the job summary and the CLI report it. */
export interface StepRecord {
  step: 'plan' | 'pre-flight' | 'release tag' | 'alias' | 'immutable tag' | 'release' | 'next version';
  state: 'done' | 'unchanged' | 'skipped' | 'would do' | 'refused' | 'failed' | 'not run';
  detail: string;
}

export function lineageOf(
  plan: PromotionPlan,
  services: Pick<PromotionServices, 'runUrl' | 'nowSeconds'>,
  targetTag = plan.targetTag,
): Lineage {
  return {
    image: plan.image,
    digest: plan.digest,
    sourceTag: plan.sourceTag,
    targetTag,
    commit: plan.commit,
    version: plan.version,
    ...(services.runUrl ? { runUrl: services.runUrl } : {}),
    promotedAt: new Date(Math.floor(services.nowSeconds()) * 1000).toISOString().replace(/\.000Z$/, 'Z'),
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
export async function executePromotion(
  plan: PromotionPlan,
  services: PromotionServices,
  opts: ExecuteOptions = {},
): Promise<PromotionOutcome> {
  const logger = services.logger ?? silentLogger;
  const record = (step: StepRecord) => opts.onStep?.(step);
  const { repository } = plan;
  const moveAlias = opts.moveAlias ?? true;
  const ref = parseImageRef(plan.image, 'image');
  const client = await services.clients(ref.registry);

  // 1. Proofs that write nothing anyone can see. The dry copy re-reads the source (it must still be
  // the planned digest) and the target tags, and applies the immutability guard, as the real copy will.
  await retag({
    source: `${plan.image}@${plan.digest}`,
    targets: [plan.targetTag],
    clients: services.clients,
    expectedDigest: plan.digest,
    dryRun: true,
  });
  await provePushPermission(client, ref.repository, plan, logger);
  const alias = moveAlias ? await proveAliasCanMove(client, ref.repository, plan, logger) : undefined;
  record({
    step: 'pre-flight',
    state: 'done',
    detail: `push rights on ${plan.image} proven${alias === 'movable' ? `; ${plan.aliasTag} can move` : ''}`,
  });

  // 2. The release tag: the first write, and one GitHub may refuse.
  const tagRef = await ensureTagRef(services.github, repository, plan.releaseTag, plan.commit, logger);
  record({
    step: 'release tag',
    state: tagRef === 'created' ? 'done' : 'unchanged',
    detail: `${plan.releaseTag} at ${plan.commit}`,
  });

  // 3. The registry: alias, then the immutable tag Flux follows.
  if (!moveAlias)
    record({ step: 'alias', state: 'skipped', detail: `${plan.aliasTag} left where it is (move-alias: false)` });
  const written = await writeEnvironmentTags(plan, services, {
    moveAlias,
    logger,
    onTarget: (t) => {
      const immutable = t.tag !== plan.aliasTag;
      record({
        step: immutable ? 'immutable tag' : 'alias',
        state: t.state === 'unchanged' ? 'unchanged' : 'done',
        detail: `${t.tag} → ${plan.digest}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`,
      });
    },
  });

  // 4. The release and the next version.
  const ensured = await releaseShipment(
    services.github,
    {
      repository,
      version: plan.version,
      commit: plan.commit,
      lineage: lineageOf(plan, services, written.targetTag),
      keepExisting: plan.rollback && plan.releaseState === 'exists',
      ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
      ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    },
    logger,
  );
  record({
    step: 'release',
    state: ensured.state === 'unchanged' ? 'unchanged' : 'done',
    detail: `${plan.releaseTag} ${ensured.state} (${ensured.release.html_url})`,
  });

  let next: PromotionOutcome['next'];
  if (plan.nextState !== 'none' && plan.nextVersionTag) {
    const state = await ensureNextVersionTag(services.github, repository, plan.nextVersionTag, plan.commit, logger);
    next = { tag: plan.nextVersionTag, state };
    record({ step: 'next version', state: state === 'created' ? 'done' : 'unchanged', detail: plan.nextVersionTag });
  } else {
    record({ step: 'next version', state: 'skipped', detail: plan.rollback ? 'a rollback bumps nothing' : 'no bump' });
  }

  return {
    plan,
    retag: written.copied,
    tagRef,
    release: { id: ensured.release.id, url: ensured.release.html_url, state: ensured.state },
    ...(next ? { next } : {}),
    targetTag: written.targetTag,
    ...(written.superseded ? { superseded: written.superseded } : {}),
  };
}

interface Written {
  copied: RetagResult;
  targetTag: string;
  superseded?: { by: string; reason: string };
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
async function writeEnvironmentTags(
  plan: PromotionPlan,
  services: PromotionServices,
  opts: { moveAlias: boolean; logger: Logger; onTarget: (t: RetagTargetResult) => void },
): Promise<Written> {
  const ref = parseImageRef(plan.image, 'image');
  const client = await services.clients(ref.registry);
  const env = plan.toEnvironment;
  const ours = parseImmutableTag(plan.targetTag)!;
  let targetTag = plan.targetTag;

  if (plan.targetState === 'new') {
    const tags = await client.listTags(ref.repository);
    const pick = fluxPick(tags, env);
    const picked = pick.ok ? parseImmutableTag(pick.tag) : undefined;
    const sameBuild = picked && picked.version === ours.version && picked.sha === ours.sha;
    if (pick.ok && sameBuild && (await client.headManifest(ref.repository, pick.tag))?.digest === plan.digest) {
      opts.logger.info(`${pick.tag} (this build) was written by another run since the plan: reused`);
      targetTag = pick.tag;
    } else if (!tags.includes(targetTag)) {
      // Only a tag written since the plan with this ts or a later one moves ours on; the clock alone does not.
      const ts = nextTimestamp(ours.ts, tags, env);
      if (ts !== ours.ts) {
        targetTag = formatImmutableTag({ ...ours, ts });
        opts.logger.info(`another run wrote a tag of ${env} since the plan: ${plan.targetTag} becomes ${targetTag}`);
      }
    }
  }

  // The alias first: Flux does not follow it, and a registry that refuses to move it (tag
  // immutability) then refuses before the immutable tag, which Flux deploys, exists.
  const copied = await retag({
    source: `${plan.image}@${plan.digest}`,
    targets: opts.moveAlias ? [plan.aliasTag, targetTag] : [targetTag],
    clients: services.clients,
    expectedDigest: plan.digest,
    logger: opts.logger,
    onTarget: opts.onTarget,
  });

  // Tags of the environment newer than what Flux picked at plan time were written by runs concurrent with this one.
  const baseline = plan.fluxPicksNow.to ? (parseImmutableTag(plan.fluxPicksNow.to)?.ts ?? 0) : 0;
  const isThisBuild = (t: ImmutableTag) => t.version === ours.version && t.sha === ours.sha;
  for (let round = 0; ; round++) {
    const tags = await client.listTags(ref.repository);
    const pick = fluxPick(tags, env);
    const picked = pick.ok ? parseImmutableTag(pick.tag) : undefined;
    // Among the concurrent promotions the highest version wins, whichever wrote last: deterministic.
    let best: { tag: string; parsed: ImmutableTag } | undefined;
    for (const tag of tags) {
      const parsed = parseImmutableTag(tag);
      if (parsed?.env !== env || parsed.ts <= baseline) continue;
      const order = best ? semver.compare(parsed.version, best.parsed.version) || parsed.ts - best.parsed.ts : 1;
      if (order > 0) best = { tag, parsed };
    }
    if (!pick.ok || !picked || !best) return { copied, targetTag };
    const settled = picked.version === best.parsed.version && picked.sha === best.parsed.sha;
    if (settled && isThisBuild(picked)) {
      if (pick.ties.length > 0)
        opts.logger.warning(`${pick.ties.join(', ')} share the ts of ${pick.tag}; Flux picks ${pick.tag}`);
      return { copied, targetTag };
    }
    if (settled || round >= MAX_TIE_ROUNDS) {
      const reason = settled
        ? `a concurrent promotion of ${best.parsed.version} (not lower than ${plan.version}) wrote ${pick.tag} while this one ran, and the higher version wins`
        : `concurrent promotions kept outranking one another ${MAX_TIE_ROUNDS} times`;
      const full = `${reason}. Flux picks ${pick.tag}; re-run this promotion to make it the newest in ${env}`;
      opts.logger.warning(full);
      return { copied, targetTag, superseded: { by: pick.tag, reason: full } };
    }
    // Flux picks a lower version than a concurrent promotion shipped: give the higher one the next ts.
    const digest = isThisBuild(best.parsed)
      ? plan.digest
      : (await client.headManifest(ref.repository, best.tag))?.digest;
    if (digest === undefined) return { copied, targetTag };
    const next = formatImmutableTag({ ...best.parsed, ts: nextTimestamp(best.parsed.ts, tags, env) });
    opts.logger.info(
      `concurrent promotions: Flux picks ${pick.tag}; writing ${next} so that it picks ${best.parsed.version}`,
    );
    const again = await retag({
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
export async function promote(
  req: PromotionRequest,
  services: PromotionServices,
  opts: ExecuteOptions & { dryRun?: boolean } = {},
): Promise<{ plan: PromotionPlan; outcome?: PromotionOutcome }> {
  const plan = await planPromotion(req, services);
  if (opts.dryRun) return { plan };
  return { plan, outcome: await executePromotion(plan, services, opts) };
}
