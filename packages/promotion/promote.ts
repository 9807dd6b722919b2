import { silentLogger } from '../common/logger.js';
import type { Lineage } from '../github/lineage.js';
import { ensureNextVersionTag } from '../github/refs.js';
import type { MakeLatest } from '../github/releases.js';
import { planPromotion, type PromotionPlan, type PromotionRequest, type PromotionServices } from './plan.js';
import { releaseShipment } from './release.js';
import { retag, type RetagResult } from './retag.js';

export interface PromotionOutcome {
  plan: PromotionPlan;
  retag: RetagResult;
  tagRef: 'created' | 'unchanged';
  release: { id: number; url: string; state: 'created' | 'updated' | 'unchanged' };
  next?: { tag: string; state: 'created' | 'unchanged' };
}

export interface ExecuteOptions {
  generateNotes?: boolean;
  makeLatest?: MakeLatest;
}

export function lineageOf(plan: PromotionPlan, services: Pick<PromotionServices, 'runUrl' | 'nowSeconds'>): Lineage {
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
export async function executePromotion(
  plan: PromotionPlan,
  services: PromotionServices,
  opts: ExecuteOptions = {},
): Promise<PromotionOutcome> {
  const logger = services.logger ?? silentLogger;
  const { repository } = plan;

  // The immutable tag before the alias: a run that stops between the two has already given Flux's
  // policy its tag, and the alias never names a digest that no immutable tag of the environment has.
  const copied = await retag({
    source: `${plan.image}@${plan.digest}`,
    targets: [plan.targetTag, plan.aliasTag],
    clients: services.clients,
    expectedDigest: plan.digest,
    logger,
  });

  const ensured = await releaseShipment(
    services.github,
    {
      repository,
      version: plan.version,
      commit: plan.commit,
      lineage: lineageOf(plan, services),
      keepExisting: plan.rollback && plan.releaseState === 'exists',
      ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
      ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    },
    logger,
  );

  let next: PromotionOutcome['next'];
  if (plan.nextState !== 'none' && plan.nextVersionTag) {
    const state = await ensureNextVersionTag(services.github, repository, plan.nextVersionTag, plan.commit, logger);
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
export async function promote(
  req: PromotionRequest,
  services: PromotionServices,
  opts: ExecuteOptions & { dryRun?: boolean } = {},
): Promise<{ plan: PromotionPlan; outcome?: PromotionOutcome }> {
  const plan = await planPromotion(req, services);
  if (opts.dryRun) return { plan };
  const { generateNotes, makeLatest } = opts;
  return { plan, outcome: await executePromotion(plan, services, { generateNotes, makeLatest }) };
}
