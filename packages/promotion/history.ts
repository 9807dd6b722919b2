import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { GitHubClient } from '../github/client.js';
import { parseLineage, type Delivery, type Lineage } from '../github/lineage.js';
import type { RepositoryName } from '../github/refs.js';
import { listReleases, type GitHubRelease } from '../github/releases.js';
import { formatImageRef, parseImageRef, type ImageRef } from '../tagging/image.js';
import { parseImmutableTag, validateEnvironment } from '../tagging/tags.js';
import type { RegistryClientFactory } from './registry-clients.js';

/*
 * What ran where, when, by whom: the deliveries the releases record (their lineage blocks, written
 * by every promotion and every rollback), and the immutable tags of the registry that no release
 * records (written by hand, or by a promotion that stopped before its release).
 */

export interface HistoryEntry extends Delivery {
  /** the environment of the tag written (`production`) */
  environment: string;
  version: string;
  /** the release that records it; absent for a tag found in the registry only */
  release?: { tag: string; url: string };
  /** false: the registry has the tag, no release records who wrote it */
  recorded: boolean;
}

/** An image name without tag or digest, as the lineage records it. */
export function imageName(image: string, input = '--image'): ImageRef {
  const ref = parseImageRef(image.trim(), input);
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError(input, image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
  }
  return ref;
}

/** The deliveries a lineage records; a lineage written before deliveries existed counts as its promotion. */
export function deliveriesOf(lineage: Lineage, release?: GitHubRelease): Delivery[] {
  if (lineage.deliveries?.length) return lineage.deliveries;
  return [
    {
      kind: 'promotion',
      at: lineage.promotedAt ?? release?.created_at ?? '',
      ...(lineage.runUrl ? { runUrl: lineage.runUrl } : {}),
      sourceTag: lineage.sourceTag,
      targetTag: lineage.targetTag,
      digest: lineage.digest,
    },
  ];
}

/** The published releases of `repository` whose lineage is of `image`, with that lineage. */
export async function releasesOfImage(
  github: GitHubClient,
  repository: RepositoryName,
  image: ImageRef,
): Promise<{ release: GitHubRelease; lineage: Lineage }[]> {
  const name = formatImageRef(image);
  const out: { release: GitHubRelease; lineage: Lineage }[] = [];
  for (const release of await listReleases(github, repository)) {
    if (release.draft) continue;
    const lineage = parseLineage(release.body);
    if (!lineage) continue;
    let of: string;
    try {
      of = formatImageRef(parseImageRef(lineage.image));
    } catch {
      continue;
    }
    if (of === name) out.push({ release, lineage });
  }
  return out;
}

export interface HistoryOptions {
  github: GitHubClient;
  repository: RepositoryName;
  /** with the registry: its immutable tags that no release records are listed too */
  clients?: RegistryClientFactory;
  /** only deliveries to this environment */
  environment?: string;
  logger?: Logger;
}

/** The timeline of `image`, oldest first. */
export async function promotionHistory(image: string, opts: HistoryOptions): Promise<HistoryEntry[]> {
  const ref = imageName(image);
  const environment = opts.environment !== undefined ? validateEnvironment(opts.environment, '--env') : undefined;
  const logger = opts.logger ?? silentLogger;
  const [releases, tags] = await Promise.all([
    releasesOfImage(opts.github, opts.repository, ref),
    opts.clients
      ? opts.clients(ref.registry).then((c) => c.listTags(ref.repository, { absent: 'error' }))
      : Promise.resolve(undefined),
  ]);
  const entries: HistoryEntry[] = [];
  const recorded = new Set<string>();
  for (const { release, lineage } of releases) {
    for (const d of deliveriesOf(lineage, release)) {
      const env = parseImmutableTag(d.targetTag)?.env ?? '';
      recorded.add(d.targetTag);
      entries.push({
        ...d,
        environment: env,
        version: lineage.version,
        release: { tag: release.tag_name, url: release.html_url },
        recorded: true,
      });
    }
  }
  if (tags) {
    // The environments the releases deliver to (production, unless told otherwise).
    const targets = new Set(environment ? [environment] : entries.map((e) => e.environment));
    if (targets.size === 0) targets.add('production');
    let unrecorded = 0;
    for (const tag of tags) {
      const parsed = parseImmutableTag(tag);
      if (!parsed || !targets.has(parsed.env) || recorded.has(tag)) continue;
      unrecorded++;
      entries.push({
        kind: 'promotion',
        at: new Date((parsed.ts >= 1e11 ? parsed.ts : parsed.ts * 1000) || 0).toISOString().replace(/\.000Z$/, 'Z'),
        sourceTag: '',
        targetTag: tag,
        digest: '',
        environment: parsed.env,
        version: parsed.version,
        recorded: false,
      });
    }
    if (unrecorded) logger.debug(`${unrecorded} immutable tags of ${formatImageRef(ref)} are recorded by no release`);
  }
  return entries
    .filter((e) => environment === undefined || e.environment === environment)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.targetTag < b.targetTag ? -1 : 1));
}
