import { InputError, RefusedError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { LimitFunction } from 'p-limit';
import {
  ImageCopier,
  RegistryPermissionError,
  type CopyStats,
  type Manifest,
  type RegistryClient,
} from '../registry/index.js';
import { formatImageRef, imageName, parseImageRef, type ImageRef } from '../tagging/image.js';
import { parseImmutableTag, validateTag } from '../tagging/tags.js';
import type { RegistryClientFactory } from './registry-clients.js';
import { DIGEST } from '../common/patterns.js';

export type RetagState = 'created' | 'unchanged' | 'moved';

export interface RetagTargetResult {
  /** the full reference written, `registry/repository:tag` */
  ref: string;
  /** as in ImageRef: the path without the registry */
  repository: string;
  tag: string;
  state: RetagState;
  /** the digest a moved tag pointed at before */
  previousDigest?: string;
}

/** What went into a repository other than the source's before its tags were written. */
export interface RetagCopy {
  /** registry/repository */
  image: string;
  /** `mount` within one registry, `stream` across two */
  how: 'mount' | 'stream';
  stats: CopyStats;
  /** digests of the OCI referrers carried (signatures, SBOMs, attestations) */
  referrers: string[];
  /** cosign `sha256-<hex>.sig|.att|.sbom` tags carried */
  signatureTags: string[];
}

export interface RetagResult {
  /** the source as given, normalised: a full reference, or a bare digest */
  source: string;
  digest: string;
  mediaType: string;
  targets: RetagTargetResult[];
  /** one per target repository other than the source's (none in a dry run) */
  copies: RetagCopy[];
  dryRun: boolean;
}

export interface RetagOptions {
  /** `registry/repo:tag`, `registry/repo@sha256:…`, or a bare `sha256:…` found in each target's own repository */
  source: string;
  /** bare tags (in the source's repository, or in `toImage`) or full references `registry/repo:tag` */
  targets: readonly string[];
  /** where bare tags go instead of the source's repository: another repository or registry (copied there) */
  toImage?: string;
  /** everything but the PUTs: the states are those the run would produce */
  dryRun?: boolean;
  clients: RegistryClientFactory;
  /** the digest a plan resolved: the source must still be it */
  expectedDigest?: string;
  logger?: Logger;
  /** called as each target is settled (written, or found unchanged), so a caller can account for a run cut short */
  onTarget?: (target: RetagTargetResult) => void;
  /**
   * In a dry run, prove the push rights the real run needs (default true): registries grant a push
   * token that the first PUT then refuses (GHCR), so only a write attempt proves them.
   */
  provePush?: boolean;
  /** into another repository: carry the source's signatures and attestations too (default `copy`) */
  signatures?: string;
  /** blob transfers in flight at once (default 4), or a limiter shared with other copies (a train) */
  concurrency?: number;
  limit?: LimitFunction;
  /** tags that never move to another digest besides the `<env>-v…` ones (a promotion's `1.4.2`) */
  guarded?: (tag: string) => boolean;
}

/** The signatures input (`copy`, the default, or `skip`): one check for the actions, the CLI and the library. */
export function parseSignatures(value: string | undefined, input = 'signatures'): 'copy' | 'skip' {
  const v = (value ?? 'copy').trim();
  if (v === 'copy' || v === 'skip') return v;
  throw new InputError(
    input,
    value ?? '',
    "copy (into another repository, the image's signatures and attestations go along) or skip",
  );
}

const SOURCE_ACCEPTED =
  'an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository';
const TARGETS_ACCEPTED =
  'tags (in the source repository) or full references registry/repo:tag (any repository, any registry: the image is copied there), one a line or separated by commas';

type Source = { kind: 'digest'; digest: string } | { kind: 'image'; image: ImageRef; reference: string };

interface Target {
  image: ImageRef;
  tag: string;
  ref: string;
}

interface Repository {
  registry: string;
  repository: string;
  targets: Target[];
}

function parseSource(source: string): Source {
  const text = source.trim();
  if (text === '') throw new InputError('source', source, SOURCE_ACCEPTED, 'it is empty');
  if (/^sha(?:256|512):/i.test(text)) {
    if (!DIGEST.test(text)) {
      throw new InputError('source', source, SOURCE_ACCEPTED, 'a bare digest must be sha256:<64 lowercase hex>');
    }
    return { kind: 'digest', digest: text };
  }
  const image = parseImageRef(text, 'source');
  // A reference with both keeps Docker's meaning: the digest decides, the tag is a comment.
  const reference = image.digest ?? image.tag;
  if (reference === undefined) {
    throw new InputError('source', source, SOURCE_ACCEPTED, 'it names no tag or digest');
  }
  return { kind: 'image', image, reference };
}

/** A target with `/`, `:` or `@` is a reference; anything else is a tag (a tag can hold none of them). */
function parseTarget(target: string, source: Source, toImage: ImageRef | undefined): Target {
  const text = target.trim();
  if (!/[/:@]/.test(text)) {
    const tag = validateTag(text, 'tags');
    if (toImage) {
      const image: ImageRef = { registry: toImage.registry, repository: toImage.repository, tag };
      return { image, tag, ref: formatImageRef(image) };
    }
    if (source.kind === 'digest') {
      throw new InputError(
        'tags',
        target,
        'full references registry/repo:tag',
        'with a bare-digest source every target names its own repository',
      );
    }
    const image: ImageRef = { registry: source.image.registry, repository: source.image.repository, tag };
    return { image, tag, ref: formatImageRef(image) };
  }
  const parsed = parseImageRef(text, 'tags');
  if (parsed.digest !== undefined || parsed.tag === undefined) {
    throw new InputError(
      'tags',
      target,
      TARGETS_ACCEPTED,
      parsed.digest ? 'a target is a tag, not a digest' : 'it names no tag',
    );
  }
  const image: ImageRef = { registry: parsed.registry, repository: parsed.repository, tag: parsed.tag };
  return { image, tag: parsed.tag, ref: formatImageRef(image) };
}

/** The repositories of the run, in the order their first target was given. */
function groupByRepository(targets: readonly Target[]): Repository[] {
  const repositories = new Map<string, Repository>();
  for (const target of targets) {
    const key = imageName(target.image);
    let repo = repositories.get(key);
    if (!repo) {
      repo = { registry: target.image.registry, repository: target.image.repository, targets: [] };
      repositories.set(key, repo);
    }
    repo.targets.push(target);
  }
  return [...repositories.values()];
}

interface Planned {
  target: Target;
  client: RegistryClient;
  manifest: Manifest;
  state: RetagState;
  previousDigest?: string;
}

/** A target repository that is not the source's: the image is copied into it before its tags. */
interface Crossing {
  copier: ImageCopier;
  image: string;
  how: 'mount' | 'stream';
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
async function provePush(planned: readonly Planned[]): Promise<void> {
  const seen = new Set<string>();
  for (const p of planned) {
    if (p.state === 'unchanged') continue;
    const key = `${p.target.image.registry}/${p.target.image.repository}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      await p.client.checkPushPermission(p.target.image.repository);
    } catch (err) {
      if (err instanceof RegistryPermissionError)
        throw new RefusedError(`A real run would be refused: ${err.message} Nothing was written.`);
      throw err;
    }
  }
}

/** The refusal to move immutable tags: the same words from the copy and from a promotion's pre-flight. */
export function immutableTagRefusal(tags: readonly { ref: string; current: string; digest: string }[]): RefusedError {
  const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
  return new RefusedError(
    `immutable tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.`,
  );
}

export async function retag(opts: RetagOptions): Promise<RetagResult> {
  const logger = opts.logger ?? silentLogger;
  const source = parseSource(opts.source);
  const signatures = parseSignatures(opts.signatures);
  let toImage: ImageRef | undefined;
  if (opts.toImage !== undefined && opts.toImage.trim() !== '') {
    toImage = parseImageRef(opts.toImage.trim(), 'to-image');
    if (toImage.tag !== undefined || toImage.digest !== undefined) {
      throw new InputError(
        'to-image',
        opts.toImage,
        'an image name without tag or digest (registry/repo): the tags input names the tags',
        'it names a tag or digest',
      );
    }
  }
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const t of opts.targets) {
    if (t.trim() === '') continue;
    const target = parseTarget(t, source, toImage);
    if (seen.has(target.ref)) continue;
    seen.add(target.ref);
    targets.push(target);
  }
  if (targets.length === 0) throw new InputError('tags', opts.targets.join(','), TARGETS_ACCEPTED, 'no tag is given');
  if (opts.expectedDigest !== undefined && !DIGEST.test(opts.expectedDigest)) {
    throw new InputError('digest', opts.expectedDigest, 'sha256:<64 lowercase hex>');
  }
  const sourceText = source.kind === 'digest' ? source.digest : formatImageRef(source.image);
  const reference = source.kind === 'digest' ? source.digest : source.reference;

  const planned: Planned[] = [];
  const crossings: Crossing[] = [];
  // The source's manifest, read once from its own repository when a target is elsewhere.
  let sourceRead: Promise<{ client: RegistryClient; manifest: Manifest }> | undefined;
  const readSource = (image: ImageRef) =>
    (sourceRead ??= opts.clients(image.registry).then(async (client) => ({
      client,
      manifest: await client.getManifest(image.repository, reference),
    })));
  for (const repo of groupByRepository(targets)) {
    const client = await opts.clients(repo.registry);
    const shown = source.kind === 'digest' ? `${repo.registry}/${repo.repository}@${source.digest}` : sourceText;
    const crossing =
      source.kind === 'image' && `${repo.registry}/${repo.repository}` !== imageName(source.image)
        ? source.image
        : undefined;
    // GET of the source and HEADs of the targets go out together (one round trip fewer on a WAN);
    // with credentials whose challenge is not known yet, the client sends the first alone and the
    // others after it, so one challenge and one token fetch serve them all. No PUT starts before
    // every one has answered.
    const heads = () =>
      Promise.all(
        repo.targets.map(async (target) => ({
          target,
          current: await client.headManifest(repo.repository, target.tag),
        })),
      );
    // allSettled: when both fail (say a 401), the source's error is the one reported, every time.
    const [m, h] = await Promise.allSettled([
      crossing ? readSource(crossing).then((r) => r.manifest) : client.getManifest(repo.repository, reference),
      heads(),
    ]);
    if (m.status === 'rejected') throw m.reason;
    if (h.status === 'rejected') throw h.reason;
    const [manifest, current]: [Manifest, Awaited<ReturnType<typeof heads>>] = [m.value, h.value];
    if (crossing) {
      const from = await readSource(crossing);
      const how = from.client.baseUrl.href === client.baseUrl.href ? 'mount' : 'stream';
      crossings.push({
        image: `${repo.registry}/${repo.repository}`,
        how,
        copier: new ImageCopier(
          { client: from.client, repository: crossing.repository },
          { client, repository: repo.repository },
          {
            logger,
            ...(opts.limit ? { limit: opts.limit } : {}),
            ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
          },
        ),
      });
    }
    if (opts.expectedDigest !== undefined && manifest.digest !== opts.expectedDigest) {
      throw new RefusedError(
        `source ${shown} is ${manifest.digest}, not the expected ${opts.expectedDigest}: it moved since the promotion was planned. Nothing was written.`,
      );
    }
    logger.debug(`source ${shown}: ${manifest.digest} (${manifest.mediaType}, ${manifest.bytes.length} bytes)`);
    const states = current.map(({ target, current }): Planned => {
      if (current === undefined) return { target, client, manifest, state: 'created' };
      if (current.digest === manifest.digest) return { target, client, manifest, state: 'unchanged' };
      return { target, client, manifest, state: 'moved', previousDigest: current.digest };
    });
    planned.push(...states);
  }

  // An <env>-v… tag, once pushed, never points at another digest; only aliases move.
  const refused = planned.filter(
    (p) => p.state === 'moved' && (parseImmutableTag(p.target.tag) !== undefined || opts.guarded?.(p.target.tag)),
  );
  if (refused.length > 0) {
    throw immutableTagRefusal(
      refused.map((p) => ({ ref: p.target.ref, current: p.previousDigest!, digest: p.manifest.digest })),
    );
  }

  // The order of `targets` is kept: the immutable tag lands before the alias that Flux may follow.
  const order = new Map(targets.map((t, i) => [t.ref, i]));
  planned.sort((a, b) => order.get(a.target.ref)! - order.get(b.target.ref)!);
  const dryRun = opts.dryRun ?? false;
  if (dryRun && opts.provePush !== false) await provePush(planned);
  const results = planned.map((p): RetagTargetResult => ({
    ref: p.target.ref,
    repository: p.target.image.repository,
    tag: p.target.tag,
    state: p.state,
    ...(p.previousDigest ? { previousDigest: p.previousDigest } : {}),
  }));
  // Into another repository: the image's parts, then its signatures and attestations, before any of
  // its tags, so that what Flux deploys is complete and verifiable from its first moment there.
  const copies: RetagCopy[] = [];
  if (!dryRun) {
    for (const c of crossings) {
      const digest = planned[0]!.manifest.digest;
      const root = planned.find((p) => `${p.target.image.registry}/${p.target.image.repository}` === c.image)!.manifest;
      if (await c.copier.present(digest)) c.copier.stats.manifestsPresent++;
      else await c.copier.contents(root);
      const carried = signatures === 'skip' ? { referrers: [], tags: [] } : await c.copier.referrers(digest);
      const s = c.copier.stats;
      logger.info(
        `copied ${sourceText} into ${c.image} (${c.how === 'mount' ? `${s.blobsMounted} blobs mounted` : `${s.blobsUploaded} blobs streamed, ${s.bytesUploaded} bytes`}, ${s.blobsPresent} present; ` +
          `${carried.referrers.length} referrers and ${carried.tags.length} signature tags carried)`,
      );
      copies.push({ image: c.image, how: c.how, stats: s, referrers: carried.referrers, signatureTags: carried.tags });
    }
  }
  for (const [i, p] of planned.entries()) {
    if (p.state !== 'unchanged' && !dryRun)
      await p.client.putManifest(p.target.image.repository, p.target.tag, p.manifest);
    const previous = p.previousDigest ? ` (was ${p.previousDigest})` : '';
    logger.info(`${dryRun ? 'would be ' : ''}${p.state} ${p.target.ref}${previous}`);
    if (!dryRun) opts.onTarget?.(results[i]!);
  }

  const first = planned[0]!.manifest;
  return { source: sourceText, digest: first.digest, mediaType: first.mediaType, targets: results, copies, dryRun };
}
