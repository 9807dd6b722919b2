import type { GitHubClient } from '../github/client.js';
import type { RepositoryName } from '../github/refs.js';
import { formatImageRef } from '../tagging/image.js';
import { parseImmutableTag, validateEnvironment } from '../tagging/tags.js';
import { deliveriesOf, imageName, releasesOfImage } from './history.js';
import type { RegistryClientFactory } from './registry-clients.js';

/*
 * Proof of promotion without rebuild, from what the registry and the releases hold now:
 * - every immutable tag of the target environment (`production-v…`) has the digest of a tag of the
 *   source environment (`staging-v…`) of the same version and commit: it was copied, not rebuilt;
 * - every tag a release's lineage records (each delivery's target and source) still has the digest
 *   recorded: no immutable tag moved, none was deleted.
 */

export type ViolationKind = 'not-promoted' | 'moved' | 'missing';

export interface Violation {
  kind: ViolationKind;
  /** the tag at fault */
  tag: string;
  /** its digest now, when it has one */
  digest?: string;
  /** the digest it should have (the recorded one) */
  expected?: string;
  /** the release whose lineage records it */
  release?: string;
  message: string;
}

export interface AuditResult {
  image: string;
  /** immutable tags of the target environment checked against the source environment */
  targetTags: number;
  /** releases whose lineage was checked against the registry */
  releases: number;
  violations: Violation[];
}

export interface AuditOptions {
  clients: RegistryClientFactory;
  /** with GitHub: the releases' lineage is checked against the registry too */
  github?: GitHubClient;
  repository?: RepositoryName;
  fromEnvironment?: string;
  toEnvironment?: string;
  /** HEAD requests in flight at once (default 8) */
  concurrency?: number;
}

/** Runs `work` over `items` with at most `limit` in flight, results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return out;
}

export async function auditImage(image: string, opts: AuditOptions): Promise<AuditResult> {
  const ref = imageName(image);
  const from = validateEnvironment(opts.fromEnvironment ?? 'staging', '--from-env');
  const to = validateEnvironment(opts.toEnvironment ?? 'production', '--to-env');
  const name = formatImageRef(ref);
  const registry = await opts.clients(ref.registry);
  const [tags, releases] = await Promise.all([
    registry.listTags(ref.repository, { absent: 'error' }),
    opts.github && opts.repository ? releasesOfImage(opts.github, opts.repository, ref) : Promise.resolve([]),
  ]);

  // One HEAD per tag that matters, however many checks read it.
  const wanted = new Set<string>();
  const targets: string[] = [];
  const sourcesOf = new Map<string, string[]>();
  for (const tag of tags) {
    const parsed = parseImmutableTag(tag);
    if (!parsed) continue;
    const key = `${parsed.version} ${parsed.sha}`;
    if (parsed.env === to) targets.push(tag);
    if (parsed.env === from) sourcesOf.set(key, [...(sourcesOf.get(key) ?? []), tag]);
  }
  for (const tag of targets) {
    wanted.add(tag);
    const parsed = parseImmutableTag(tag)!;
    for (const s of sourcesOf.get(`${parsed.version} ${parsed.sha}`) ?? []) wanted.add(s);
  }
  const existing = new Set(tags);
  for (const { lineage } of releases) {
    for (const d of deliveriesOf(lineage)) {
      for (const t of [d.targetTag, d.sourceTag]) if (t && existing.has(t)) wanted.add(t);
    }
  }
  const list = [...wanted];
  const heads = await mapBounded(
    list,
    opts.concurrency ?? 8,
    async (tag) => (await registry.headManifest(ref.repository, tag))?.digest,
  );
  const digestOf = new Map(list.map((tag, i) => [tag, heads[i]]));

  const violations: Violation[] = [];
  for (const tag of targets) {
    const digest = digestOf.get(tag);
    if (!digest) continue;
    const parsed = parseImmutableTag(tag)!;
    const sources = sourcesOf.get(`${parsed.version} ${parsed.sha}`) ?? [];
    if (sources.some((s) => digestOf.get(s) === digest)) continue;
    const seen = sources.length
      ? `the ${from} tags of v${parsed.version} at ${parsed.sha} (${sources.join(', ')}) have other digests`
      : `no ${from}-v${parsed.version}-${parsed.sha}-… tag exists`;
    violations.push({
      kind: 'not-promoted',
      tag,
      digest,
      message: `${name}:${tag} (${digest}) was not promoted from ${from}: ${seen}; it was rebuilt or pushed by hand`,
    });
  }
  for (const { release, lineage } of releases) {
    for (const d of deliveriesOf(lineage, release)) {
      for (const [tag, role] of [
        [d.targetTag, 'written'],
        [d.sourceTag, 'promoted from'],
      ] as const) {
        if (!tag) continue;
        const now = existing.has(tag) ? digestOf.get(tag) : undefined;
        if (now === d.digest) continue;
        violations.push(
          now
            ? {
                kind: 'moved',
                tag,
                digest: now,
                expected: d.digest,
                release: release.tag_name,
                message: `${name}:${tag} now points at ${now}, but the release ${release.tag_name} records it (${role} by the ${d.kind} of ${d.at}) at ${d.digest}: an immutable tag moved`,
              }
            : {
                kind: 'missing',
                tag,
                expected: d.digest,
                release: release.tag_name,
                message: `${name}:${tag}, ${role} by the ${d.kind} of ${d.at} as the release ${release.tag_name} records, is gone from the registry (deleted, or a retention policy)`,
              },
        );
      }
    }
  }
  return { image: name, targetTags: targets.length, releases: releases.length, violations };
}
