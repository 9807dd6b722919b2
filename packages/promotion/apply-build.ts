import semver from 'semver';
import { InputError } from '../common/errors.js';
import { silentLogger, type Logger } from '../common/logger.js';
import type { CommitOrder } from '../github/commits.js';
import { formatImageRef, parseImageRef } from '../tagging/image.js';
import { buildTags, formatImmutableTag, nextTimestamp, parseImmutableTag, type ImmutableTag } from '../tagging/tags.js';
import type { BuildResult } from './build.js';
import { fluxPick } from './plan.js';
import type { RegistryClientFactory } from './registry-clients.js';
import { retag, type RetagTargetResult } from './retag.js';
import { DIGEST } from '../common/patterns.js';

/** The I/O of applying a build's tags to an image pushed by digest. */
export interface ApplyServices {
  clients: RegistryClientFactory;
  logger?: Logger;
  /**
   * How the build's commit relates to another build's (short) commit: `newer` when ours descends
   * from theirs. Absent (no GitHub token) or `unknown`: the version decides, then Flux's own order.
   */
  commitOrder?(ours: string, theirs: string): Promise<CommitOrder>;
}

export interface AppliedBuild {
  /** the build as written: its ts moves on when another build of the environment took it meanwhile */
  build: BuildResult;
  digest: string;
  written: RetagTargetResult[];
  /**
   * Another build of the environment wrote the same ts at the same moment (per image): who wins,
   * why, and the tag Flux picks now. `ours` false: this build's tags were written and stay, but the
   * environment runs the other build.
   */
  ties: { image: string; tags: string[]; winner: string; ours: boolean; reason: string; fluxPicks: string }[];
}

const MAX_BUILD_TIE_ROUNDS = 3;

/**
 * Applies a computed build's tags to the image already pushed by digest (docs/promotion.md
 * "Concurrency"). Right before the write the tag list is read again: when another build of the
 * environment took this ts since the tags were computed, this build takes the next free ts (never
 * sharing one). The alias and the sha tag go first, the immutable tag, which Flux follows, last.
 * Right after the write the list is read once more: the builds of the environment written since
 * this one computed its tags ran at the same moment, and among them the higher version wins, then
 * the newer commit (one descends from the other in GitHub's history); whichever process sees Flux
 * pick a loser writes the winner's digest at the next ts, so every run converges on one answer and
 * says it. When the order cannot be known (no token, commits far apart), Flux's own order stands.
 */
export async function applyBuild(
  build: BuildResult,
  digestInput: string,
  services: ApplyServices,
): Promise<AppliedBuild> {
  const digest = digestInput.trim();
  if (!DIGEST.test(digest)) throw new InputError('digest', digestInput, 'sha256:<64 lowercase hex>');
  const logger = services.logger ?? silentLogger;
  const env = build.environment;
  const images = build.images.map((i) => parseImageRef(i, 'images'));

  let current = build;
  if (build.timestampSource !== 'input') {
    const lists = await Promise.all(
      images.map(async (img) => (await services.clients(img.registry)).listTags(img.repository)),
    );
    const taken = new Set(
      lists.flatMap((tags) => tags.map((t) => parseImmutableTag(t)).filter((p) => p?.env === env)).map((p) => p!.ts),
    );
    let ts = build.timestamp;
    while (taken.has(ts)) ts++;
    if (ts !== build.timestamp) {
      current = withTimestamp(build, ts);
      logger.info(
        `another build of ${env} took ts ${build.timestamp} since the tags were computed: ` +
          `${build.tags.immutable} becomes ${current.tags.immutable}`,
      );
    }
  }

  const targets = images.flatMap((img) => {
    const name = formatImageRef(img);
    return [current.tags.alias, current.tags.shaTag, current.tags.immutable].map((t) => `${name}:${t}`);
  });
  const copied = await retag({ source: digest, targets, clients: services.clients, logger });
  const written = [...copied.targets];
  const ties: AppliedBuild['ties'] = [];
  const compare = cachedCompare(current.commit, current.sha, services);

  const ours: ImmutableTag = { env, version: current.version, sha: current.sha, ts: current.timestamp };
  const isOurs = (t: ImmutableTag) => t.version === ours.version && t.sha === ours.sha;
  for (const img of images) {
    const client = await services.clients(img.registry);
    const name = formatImageRef(img);
    for (let round = 0; ; round++) {
      const tags = await client.listTags(img.repository);
      // Builds written since this one computed its tags (its computed ts outranked every tag then).
      const concurrent = new Map<string, { tag: string; parsed: ImmutableTag }>();
      let oursNow = { tag: current.tags.immutable, parsed: ours };
      for (const tag of tags) {
        const parsed = parseImmutableTag(tag);
        if (parsed?.env !== env || parsed.ts < build.timestamp) continue;
        if (isOurs(parsed)) {
          if (parsed.ts > oursNow.parsed.ts) oursNow = { tag, parsed };
          continue;
        }
        const key = `${parsed.version} ${parsed.sha}`;
        if ((concurrent.get(key)?.parsed.ts ?? -1) < parsed.ts) concurrent.set(key, { tag, parsed });
      }
      if (concurrent.size === 0) break;
      const others = [...concurrent.values()];
      const winner = await pickWinner(oursNow, others, compare);
      const pick = fluxPick(tags, env);
      const picked = pick.ok ? parseImmutableTag(pick.tag) : undefined;
      const fluxPicks = pick.ok ? pick.tag : '';
      const settled = !winner.known || (picked?.version === winner.parsed.version && picked.sha === winner.parsed.sha);
      if (settled || round >= MAX_BUILD_TIE_ROUNDS) {
        const oursWins = winner.known ? isOurs(winner.parsed) : picked !== undefined && isOurs(picked);
        const message =
          `builds of ${env} ran at the same moment (${[oursNow.tag, ...others.map((o) => o.tag)].join(', ')}): ` +
          `${winner.reason}. Flux picks ${name}:${fluxPicks}` +
          (oursWins ? '' : `; this build's tags were written and stay, but ${env} runs the other build`);
        logger.warning(message);
        ties.push({
          image: name,
          tags: [oursNow.tag, ...others.map((o) => o.tag)],
          winner: winner.known ? winner.tag : fluxPicks,
          ours: oursWins,
          reason: message,
          fluxPicks,
        });
        break;
      }
      // Flux picks a loser: give the winner's digest the next ts, whichever process sees it first.
      const winnerIsOurs = isOurs(winner.parsed);
      const winnerDigest = winnerIsOurs ? digest : (await client.headManifest(img.repository, winner.tag))?.digest;
      if (winnerDigest === undefined) break;
      const next = formatImmutableTag({ ...winner.parsed, ts: nextTimestamp(winner.parsed.ts, tags, env) });
      logger.info(`builds of ${env} at the same moment: Flux picks ${fluxPicks}; writing ${next} (${winner.reason})`);
      const again = await retag({
        source: `${name}@${winnerDigest}`,
        targets: [next],
        clients: services.clients,
        expectedDigest: winnerDigest,
        logger,
      });
      if (winnerIsOurs) {
        written.push(...again.targets);
        if (images.length === 1) current = withTimestamp(current, parseImmutableTag(next)!.ts);
      }
    }
  }
  return { build: current, digest, written, ties };
}

type Compare = (a: ImmutableTag, b: ImmutableTag) => Promise<'newer' | 'older' | 'unknown'>;

/** The commit order of two builds, each pair asked of GitHub once; ours by its full commit. */
function cachedCompare(commit: string, sha: string, services: ApplyServices): Compare {
  const cache = new Map<string, Promise<CommitOrder>>();
  return async (a, b) => {
    if (!services.commitOrder) return 'unknown';
    const full = (t: ImmutableTag) => (t.sha === sha ? commit : t.sha);
    const key = `${a.sha} ${b.sha}`;
    let order = cache.get(key);
    if (!order) cache.set(key, (order = services.commitOrder(full(a), full(b))));
    const o = await order;
    return o === 'same' ? 'unknown' : o;
  };
}

/** The build the environment should run: the higher version, then the newer commit. */
async function pickWinner(
  ours: { tag: string; parsed: ImmutableTag },
  others: readonly { tag: string; parsed: ImmutableTag }[],
  compare: Compare,
): Promise<{ tag: string; parsed: ImmutableTag; known: boolean; reason: string }> {
  let best = { ...ours, reason: '' };
  for (const other of others) {
    const byVersion = semver.compare(other.parsed.version, best.parsed.version);
    if (byVersion > 0) best = { ...other, reason: `${other.parsed.version} is the higher version` };
    else if (byVersion < 0) best.reason ||= `${best.parsed.version} is the higher version`;
    else {
      const order = await compare(other.parsed, best.parsed);
      if (order === 'unknown') {
        return {
          ...best,
          known: false,
          reason:
            "the commits' order is not known (no GitHub token, or more than 10 commits apart), so Flux's own order stands",
        };
      }
      if (order === 'newer')
        best = { ...other, reason: `commit ${other.parsed.sha} is newer (it descends from ${best.parsed.sha})` };
      else best.reason ||= `commit ${best.parsed.sha} is newer (it descends from ${other.parsed.sha})`;
    }
  }
  return { ...best, known: true };
}

function withTimestamp(build: BuildResult, ts: number): BuildResult {
  const tags = buildTags({
    images: build.images,
    env: build.environment,
    version: build.version,
    sha: build.sha,
    shaLength: build.sha.length,
    ts,
  });
  return { ...build, timestamp: ts, timestampSource: 'registry', tags };
}
