import pLimit, { type LimitFunction } from 'p-limit';
import semver from 'semver';
import { silentLogger, type Logger } from '../common/logger.js';
import { settle, take, type Settled } from '../common/settle.js';
import type { Lineage } from '../github/lineage.js';
import { ensureNextVersionTag, ensureTagRef } from '../github/refs.js';
import { releaseNotes, type MakeLatest } from '../github/releases.js';
import { listVersionTags } from '../github/versions.js';
import type { RegistryClient } from '../registry/index.js';
import { parseImageRef } from '../tagging/image.js';
import { formatImmutableTag, nextTimestamp, parseImmutableTag, type ImmutableTag } from '../tagging/tags.js';
import {
  fluxPick,
  planPromotion,
  readsOf,
  sourceImageOf,
  targetImageOf,
  type PromotionPlan,
  type PromotionRequest,
  type PromotionServices,
} from './plan.js';
import { proveAliasCanMove, provePushPermission } from './preflight.js';
import { isVersionTag, versionTagRefusal } from './extra-tags.js';
import { releaseShipment } from './release.js';
import { immutableTagRefusal, retag, type RetagResult, type RetagTargetResult } from './retag.js';

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
  /** a release train's other images: what each one's write did */
  train?: { plan: PromotionPlan; retag: RetagResult; targetTag: string; superseded?: { by: string; reason: string } }[];
}

export interface ExecuteOptions {
  generateNotes?: boolean;
  makeLatest?: MakeLatest;
  /** move the environment's alias (`production`) too; false where the registry forbids moving tags (default true) */
  moveAlias?: boolean;
  /** called as each step ends, so an interrupted run can still account for what it did */
  onStep?: (step: StepRecord) => void;
  /** the blob transfers' limiter, shared by the images of a release train */
  limit?: LimitFunction;
}

/** One step of a promotion, as the job summary and the CLI report it. */
export interface StepRecord {
  step: 'plan' | 'pre-flight' | 'release tag' | 'alias' | 'immutable tag' | 'release' | 'next version';
  state: 'done' | 'unchanged' | 'skipped' | 'would do' | 'refused' | 'failed' | 'not run';
  detail: string;
}

export function lineageOf(
  plan: PromotionPlan,
  services: Pick<PromotionServices, 'runUrl' | 'nowSeconds' | 'actor'>,
  targetTag = plan.targetTag,
): Lineage {
  const at = new Date(Math.floor(services.nowSeconds()) * 1000).toISOString().replace(/\.000Z$/, 'Z');
  const target = targetImageOf(plan);
  const source = sourceImageOf(plan);
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
export async function executePromotion(
  plan: PromotionPlan,
  services: PromotionServices,
  opts: ExecuteOptions = {},
): Promise<PromotionOutcome> {
  const logger = services.logger ?? silentLogger;
  const record = (step: StepRecord) => opts.onStep?.(step);
  const { repository } = plan;
  const moveAlias = opts.moveAlias ?? true;
  // A release train: every image is proven, then written, with a bound on the images (and, shared
  // by all of them, on the blob transfers) in flight.
  const members = [plan, ...(plan.train ?? [])];
  const images = pLimit(IMAGES_IN_FLIGHT);
  const limit = opts.limit ?? pLimit(BLOBS_IN_FLIGHT);
  const train = members.length > 1;

  const reads = readsOf(plan);

  // 1. Proofs that write nothing anyone can see, for every image before any write.
  const proofs = await Promise.all(
    members.map((m) => images(() => settle(preflight(m, services, { moveAlias, logger })))),
  );
  const proven = proofs.map(take);
  record({
    step: 'pre-flight',
    state: 'done',
    detail: proven
      .map(
        ({ target, alias }, i) =>
          `push rights on ${target} proven${alias === 'movable' ? `; ${members[i]!.aliasTag} can move` : ''}`,
      )
      .join('; '),
  });

  // 2. The release tag: the first write, and one GitHub may refuse.
  const tagRef = await ensureTagRef(services.github, repository, plan.releaseTag, plan.commit, logger, {
    knownAbsent: reads !== undefined && plan.releaseState === 'new',
  });
  record({
    step: 'release tag',
    state: tagRef === 'created' ? 'done' : 'unchanged',
    detail: `${plan.releaseTag} at ${plan.commit}`,
  });
  // The notes are generated while the registry is written (they need the tag only; never throws).
  const keepExisting = plan.rollback && plan.releaseState === 'exists';
  const notes =
    reads && !keepExisting && opts.generateNotes !== false && (!reads.release || reads.release.draft)
      ? releaseNotes(
          services.github,
          repository,
          { version: plan.version, commit: plan.commit, releaseTags: reads.versionTags },
          logger,
        )
      : undefined;

  // 3. The registry: alias, then the immutable tag Flux follows.
  if (!moveAlias)
    record({ step: 'alias', state: 'skipped', detail: `${plan.aliasTag} left where it is (move-alias: false)` });
  // The version tags are read again once the registry is written, for make_latest: a concurrent
  // promotion of a higher version has created its release tag by then (its first write).
  let versionTags: Promise<Settled<string[]>> | undefined;
  const writes = await Promise.all(
    members.map((m, i) =>
      images(() =>
        settle(
          writeEnvironmentTags(m, services, {
            moveAlias,
            logger,
            limit,
            ...(proven[i]!.tagsBefore ? { tagsBefore: proven[i]!.tagsBefore } : {}),
            ...(i === 0
              ? {
                  onWritten: () => {
                    versionTags = settle(listVersionTags(services.github, { ...repository, logger }));
                  },
                }
              : {}),
            onTarget: (t) => {
              const immutable = parseImmutableTag(t.tag) !== undefined;
              record({
                step: immutable ? 'immutable tag' : 'alias',
                state: t.state === 'unchanged' ? 'unchanged' : 'done',
                detail: `${train ? `${targetImageOf(m)}:` : ''}${t.tag} → ${m.digest}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`,
              });
            },
          }),
        ),
      ),
    ),
  );
  const everyWritten = writes.map(take);
  const written = everyWritten[0]!;
  versionTags ??= settle(listVersionTags(services.github, { ...repository, logger }));

  // 4. The release, then the next version.
  const releasing = settle(
    releaseShipment(
      services.github,
      {
        repository,
        version: plan.version,
        commit: plan.commit,
        lineage: trainLineage(members, everyWritten, services),
        keepExisting,
        ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
        ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
        ...(reads && versionTags
          ? {
              releaseTags: take(await versionTags),
              known: { tag: tagRef, release: reads.release, ...(notes ? { notes } : {}) },
              readBack: false,
            }
          : {}),
      },
      logger,
    ),
  );
  const ensured = take(await releasing);
  record({
    step: 'release',
    state: ensured.state === 'unchanged' ? 'unchanged' : 'done',
    detail: `${plan.releaseTag} ${ensured.state} (${ensured.release.html_url})`,
  });

  let next: PromotionOutcome['next'];
  if (plan.nextState !== 'none' && plan.nextVersionTag) {
    const state = await ensureNextVersionTag(services.github, repository, plan.nextVersionTag, plan.commit, logger, {
      knownAbsent: reads !== undefined && plan.nextState === 'new',
    });
    next = { tag: plan.nextVersionTag, state };
    record({ step: 'next version', state: state === 'created' ? 'done' : 'unchanged', detail: plan.nextVersionTag });
  } else {
    record({ step: 'next version', state: 'skipped', detail: plan.rollback ? 'a rollback bumps nothing' : 'no bump' });
  }

  const superseded = everyWritten.find((w) => w.superseded)?.superseded;
  const outcome: PromotionOutcome = {
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
            const w = everyWritten[i + 1]!;
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

const tagsAfterWrite = new WeakMap<PromotionOutcome, string[]>();

/** The image's tags as read right after the promotion's last registry write (no write follows it). */
export function tagsAfter(outcome: PromotionOutcome): string[] | undefined {
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
async function preflight(
  plan: PromotionPlan,
  services: PromotionServices,
  opts: { moveAlias: boolean; logger: Logger },
): Promise<{ target: string; alias: 'absent' | 'unchanged' | 'movable' | undefined; tagsBefore?: string[] }> {
  const target = targetImageOf(plan);
  const ref = parseImageRef(target, 'to-image');
  const client = await services.clients(ref.registry);
  const extras = plan.extraTags ?? [];
  const [push, aliasProof, guard, listed, extraProofs] = await Promise.all([
    settle(provePushPermission(client, ref.repository, plan, opts.logger)),
    settle(opts.moveAlias ? proveAliasCanMove(client, ref.repository, plan, opts.logger) : Promise.resolve(undefined)),
    settle(guardTarget(client, ref.repository, plan)),
    settle(plan.targetState === 'new' ? client.listTags(ref.repository) : Promise.resolve(undefined)),
    // Extra tags: a full version is guarded like the immutable tag, the others proven movable like the alias.
    settle(
      Promise.all(
        extras.map(async (t) => {
          if (!t.guarded) return proveAliasCanMove(client, ref.repository, plan, opts.logger, t.tag);
          const head = await client.headManifest(ref.repository, t.tag);
          if (head !== undefined && head.digest !== plan.digest) {
            throw versionTagRefusal([{ ref: `${target}:${t.tag}`, current: head.digest, digest: plan.digest }]);
          }
          return undefined;
        }),
      ),
    ),
  ]);
  take(push);
  const alias = take(aliasProof);
  take(guard);
  take(extraProofs);
  const tagsBefore = take(listed);
  return { target, alias, ...(tagsBefore ? { tagsBefore } : {}) };
}

/** The lineage of a promotion; a train's lists every image, and a delivery of each. */
function trainLineage(
  members: readonly PromotionPlan[],
  written: readonly Written[],
  services: PromotionServices,
): Lineage {
  const [plan] = members as [PromotionPlan];
  const lineage = lineageOf(plan, services, written[0]!.targetTag);
  if (members.length === 1) return lineage;
  const first = lineage.deliveries![0]!;
  return {
    ...lineage,
    images: members.map((m, i) => {
      const target = targetImageOf(m);
      const source = sourceImageOf(m);
      return {
        image: target,
        ...(source !== target ? { sourceImage: source } : {}),
        digest: m.digest,
        sourceTag: m.sourceTag,
        targetTag: written[i]!.targetTag,
      };
    }),
    deliveries: [
      first,
      ...members.slice(1).map((m, i) => ({
        ...first,
        sourceTag: m.sourceTag,
        targetTag: written[i + 1]!.targetTag,
        digest: m.digest,
        image: targetImageOf(m),
      })),
    ],
  };
}

/** The immutability guard before the first write: the target tag is free, or already this digest. */
async function guardTarget(client: RegistryClient, repository: string, plan: PromotionPlan): Promise<void> {
  const head = await client.headManifest(repository, plan.targetTag);
  if (head !== undefined && head.digest !== plan.digest) {
    throw immutableTagRefusal([
      { ref: `${targetImageOf(plan)}:${plan.targetTag}`, current: head.digest, digest: plan.digest },
    ]);
  }
}
interface Written {
  copied: RetagResult;
  targetTag: string;
  superseded?: { by: string; reason: string };
  /** the tag list read after the last write */
  tagsAfter: string[];
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
  opts: {
    moveAlias: boolean;
    logger: Logger;
    onTarget: (t: RetagTargetResult) => void;
    /** the tag list read in the pre-flight, right before the first write */
    tagsBefore?: string[];
    /** called once the tags are written, right before the list is read again (GitHub reads can go along) */
    onWritten?: () => void;
    limit?: LimitFunction;
  },
): Promise<Written> {
  const target = targetImageOf(plan);
  const ref = parseImageRef(target, 'to-image');
  const client = await services.clients(ref.registry);
  const env = plan.toEnvironment;
  const ours = parseImmutableTag(plan.targetTag)!;
  let targetTag = plan.targetTag;

  if (plan.targetState === 'new') {
    const tags = opts.tagsBefore ?? (await client.listTags(ref.repository));
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
  // Into another image: copied there first (its parts, signatures and attestations), then tagged.
  const copied = await retag({
    source: `${sourceImageOf(plan)}@${plan.digest}`,
    // The alias and the extra tags (Flux follows neither) before the immutable tag it follows.
    targets: [...(opts.moveAlias ? [plan.aliasTag] : []), ...(plan.extraTags ?? []).map((t) => t.tag), targetTag].map(
      (t) => `${target}:${t}`,
    ),
    guarded: isVersionTag,
    clients: services.clients,
    expectedDigest: plan.digest,
    logger: opts.logger,
    onTarget: opts.onTarget,
    ...(plan.signatures ? { signatures: plan.signatures } : {}),
    ...(opts.limit ? { limit: opts.limit } : {}),
  });

  // Tags of the environment newer than what Flux picked at plan time were written by runs concurrent with this one.
  const baseline = plan.fluxPicksNow.to ? (parseImmutableTag(plan.fluxPicksNow.to)?.ts ?? 0) : 0;
  const isThisBuild = (t: ImmutableTag) => t.version === ours.version && t.sha === ours.sha;
  opts.onWritten?.();
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
    if (!pick.ok || !picked || !best) return { copied, targetTag, tagsAfter: tags };
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
    if (digest === undefined) return { copied, targetTag, tagsAfter: tags };
    const next = formatImmutableTag({ ...best.parsed, ts: nextTimestamp(best.parsed.ts, tags, env) });
    opts.logger.info(
      `concurrent promotions: Flux picks ${pick.tag}; writing ${next} so that it picks ${best.parsed.version}`,
    );
    const again = await retag({
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
export async function promote(
  req: PromotionRequest,
  services: PromotionServices,
  opts: ExecuteOptions & { dryRun?: boolean } = {},
): Promise<{ plan: PromotionPlan; outcome?: PromotionOutcome }> {
  const plan = await planPromotion(req, services);
  if (opts.dryRun) return { plan };
  return { plan, outcome: await executePromotion(plan, services, opts) };
}
