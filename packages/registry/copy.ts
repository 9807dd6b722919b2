import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { backoffDelay, defaultRetryPolicy, isRetriedStatus, retry, type RetryPolicy } from '../common/retry.js';
import { describeFault, isFinalFault } from '../common/http.js';
import { indexDescriptors, referrersTag, type RegistryClient, type ReferrerDescriptor } from './client.js';
import { RegistryError, RegistryPermissionError, TagImmutableError } from './errors.js';
import { digestOf, type Manifest } from './manifest.js';
import { isImageManifestMediaType, isIndexMediaType, OCI_INDEX } from './media-types.js';

/*
 * Copying an image from one repository to another, in one registry or across two: what a manifest
 * refers to is made present in the target first (blobs, then the children of an index), leaf to
 * root, so the target never holds a manifest whose parts are missing (a registry MAY refuse one
 * with MANIFEST_BLOB_UNKNOWN, https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests).
 * The manifests' bytes are never re-serialised, so every digest is kept. Within one registry a blob
 * is mounted from the source repository; across registries it streams from the source's GET into
 * the target's PUT without touching disk, in memory bounded by the streams' buffers whatever its
 * size. Whatever the target already holds is skipped, so a run cut short at any point is finished
 * by the next. Each side is its own RegistryClient, with its own credentials: nothing of one
 * registry's reaches the other.
 *
 * The same order and checks as go-containerregistry's remote.Write and regclient's image copy
 * (https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/write.go,
 * https://github.com/regclient/regclient/blob/main/image.go).
 */

export interface RepositoryEnd {
  client: RegistryClient;
  repository: string;
}

export interface CopyOptions {
  /** blob transfers in flight at once, across every image of the run when `limit` is shared; default 4 */
  concurrency?: number;
  /** a limiter shared by several copies (a release train), instead of `concurrency` */
  limit?: LimitFunction;
  logger?: Logger;
  /** retries of one blob transfer as a whole (a streamed body cannot be resent piecemeal) */
  retry?: RetryPolicy;
}

export interface CopyStats {
  /** manifests written to the target (children of an index, referrers, signature tags) */
  manifestsPushed: number;
  /** manifests the target already had */
  manifestsPresent: number;
  blobsMounted: number;
  blobsUploaded: number;
  blobsPresent: number;
  /** bytes streamed to the target */
  bytesUploaded: number;
}

export function emptyStats(): CopyStats {
  return {
    manifestsPushed: 0,
    manifestsPresent: 0,
    blobsMounted: 0,
    blobsUploaded: 0,
    blobsPresent: 0,
    bytesUploaded: 0,
  };
}

export function addStats(into: CopyStats, more: CopyStats): CopyStats {
  for (const key of Object.keys(into) as (keyof CopyStats)[]) into[key] += more[key];
  return into;
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  urls?: string[];
}

/**
 * Layers the image's author marked as not to be redistributed (Windows base layers), fetched by
 * the runtime from their `urls`: skopeo and crane leave them out of a copy too.
 */
function nonDistributable(d: Descriptor): boolean {
  const type = d.mediaType ?? '';
  return (type.includes('.foreign.') || type.includes('.nondistributable.')) && Array.isArray(d.urls);
}

function parse(manifest: Manifest): { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] } {
  return JSON.parse(manifest.bytes.toString('utf8')) as {
    manifests?: Descriptor[];
    config?: Descriptor;
    layers?: Descriptor[];
  };
}

function checkedDescriptor(d: Descriptor, where: string): { digest: string; size: number; mediaType: string } {
  if (typeof d.digest !== 'string' || typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new RegistryError(
      `${where}: a descriptor without a digest and a size: ${JSON.stringify(d).slice(0, 200)}`,
      0,
      [],
    );
  }
  return { digest: d.digest, size: d.size, mediaType: d.mediaType ?? '' };
}

/**
 * Waits for every task, then throws the first error: nothing started by a copy is still running
 * once the copy has returned or thrown (a failed promotion leaves no upload going on behind it).
 */
async function allSettled(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Errors another attempt cannot change: a refusal, a digest that does not match, an immutable tag. */
function lasting(err: unknown): boolean {
  if (isFinalFault(err)) return true;
  if (err instanceof RegistryPermissionError || err instanceof TagImmutableError) return true;
  if (err instanceof RegistryError) return err.status === 0 || (err.status >= 400 && !isRetriedStatus(err.status));
  return false;
}

/**
 * A copier from one repository to another: `contents(root)` makes everything the root manifest
 * refers to present in the target (the root itself is left to the caller, who PUTs it under its
 * tags); `referrers(digest)` brings the signatures and attestations along.
 */
export class ImageCopier {
  readonly stats = emptyStats();
  private readonly limit: LimitFunction;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  /** blobs under way or done, so layers shared by the platforms of an index go once */
  private readonly blobs = new Map<string, Promise<void>>();
  private readonly sameRegistry: boolean;
  /** the first transfer that failed: the ones still waiting for their turn are not started */
  private failure: unknown;

  constructor(
    readonly from: RepositoryEnd,
    readonly to: RepositoryEnd,
    opts: CopyOptions = {},
  ) {
    this.limit = opts.limit ?? pLimit(opts.concurrency ?? 4);
    this.logger = opts.logger ?? silentLogger;
    // A blob transfer is retried as the target's own requests are, unless told otherwise.
    this.policy = opts.retry ?? to.client.retryPolicy ?? defaultRetryPolicy;
    this.sameRegistry = from.client.baseUrl.href === to.client.baseUrl.href;
  }

  /** Whether the target holds the manifest: a registry holds it only with every part, so nothing is left to copy. */
  async present(digest: string): Promise<boolean> {
    return (await this.to.client.headManifest(this.to.repository, digest)) !== undefined;
  }

  /** Blobs first, then the children of an index (each with its own parts, leaf to root); not the root itself. */
  async contents(root: Manifest, depth = 0): Promise<void> {
    const where = `copying ${this.from.client.registry}/${this.from.repository}@${root.digest}`;
    const doc = parse(root);
    if (isIndexMediaType(root.mediaType)) {
      if (depth > 4) throw new RegistryError(`${where}: indexes nested more than 4 deep`, 0, []);
      await allSettled(
        (doc.manifests ?? []).map(async (d) => {
          const { digest } = checkedDescriptor(d, where);
          await this.manifest(digest, depth + 1);
        }),
      );
      return;
    }
    if (!isImageManifestMediaType(root.mediaType)) {
      throw new RegistryError(`${where}: cannot copy the parts of a ${root.mediaType}`, 0, []);
    }
    const parts = [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])];
    await allSettled(
      parts.map((d) => {
        const blob = checkedDescriptor(d, where);
        if (nonDistributable(d)) {
          this.logger.debug(`${where}: layer ${blob.digest} is non-distributable (${blob.mediaType}); not copied`);
          return Promise.resolve();
        }
        return this.blob(blob);
      }),
    );
  }

  /** A manifest by digest: skipped when present, else its parts then itself. */
  async manifest(digest: string, depth = 0): Promise<Manifest | undefined> {
    if (await this.present(digest)) {
      this.stats.manifestsPresent++;
      return undefined;
    }
    const manifest = await this.from.client.getManifest(this.from.repository, digest);
    await this.contents(manifest, depth);
    await this.to.client.pushManifest(this.to.repository, digest, manifest);
    this.stats.manifestsPushed++;
    return manifest;
  }

  /**
   * The signatures, SBOMs and attestations of `digest`: its OCI referrers (the API, or the fallback
   * tag), each copied with its own parts and digest, and cosign's `sha256-<hex>.sig|.att|.sbom` tags
   * (the signature specification, https://github.com/sigstore/cosign/tree/main/specs). Where the target has no
   * referrers API, its fallback tag is updated with what was copied, keeping what it already lists.
   * Returns what was carried, for the account.
   */
  async referrers(digest: string): Promise<{ referrers: string[]; tags: string[] }> {
    const hex = referrersTag(digest);
    const cosign = ['sig', 'att', 'sbom'].map((suffix) => `${hex}.${suffix}`);
    const [listed, ...heads] = await Promise.all([
      this.from.client.listReferrers(this.from.repository, digest),
      ...cosign.map((tag) => this.from.client.headManifest(this.from.repository, tag)),
    ]);
    const carried = { referrers: [] as string[], tags: [] as string[] };
    const unindexed: ReferrerDescriptor[] = [];
    await allSettled(
      listed.descriptors.map(async (d) => {
        const present = await this.present(d.digest);
        if (present) {
          this.stats.manifestsPresent++;
          carried.referrers.push(d.digest);
          // Present but perhaps not yet in the fallback index (a run cut short between the two).
          unindexed.push(d);
          return;
        }
        const manifest = await this.from.client.getManifest(this.from.repository, d.digest);
        await this.contents(manifest);
        const { subjectIndexed } = await this.to.client.pushManifest(this.to.repository, d.digest, manifest);
        this.stats.manifestsPushed++;
        carried.referrers.push(d.digest);
        if (!subjectIndexed) unindexed.push(d);
      }),
    );
    if (unindexed.length > 0) await this.updateFallbackTag(digest, unindexed);
    await allSettled(
      cosign.map(async (tag, i) => {
        const head = heads[i];
        if (!head) return;
        const current = await this.to.client.headManifest(this.to.repository, tag);
        carried.tags.push(tag);
        if (current?.digest === head.digest) {
          this.stats.manifestsPresent++;
          return;
        }
        const manifest = await this.from.client.getManifest(this.from.repository, head.digest);
        await this.contents(manifest);
        await this.to.client.pushManifest(this.to.repository, tag, manifest);
        this.stats.manifestsPushed++;
      }),
    );
    carried.referrers.sort();
    carried.tags.sort();
    return carried;
  }

  /**
   * The referrers tag schema on a target without the API: the index under `sha256-<hex>` lists
   * every referrer, the ones copied added to the ones it already had (spec: "Pushing Manifests with
   * Subject", steps for a registry without the referrers API).
   */
  private async updateFallbackTag(subject: string, descriptors: readonly ReferrerDescriptor[]): Promise<void> {
    const tag = referrersTag(subject);
    const head = await this.to.client.headManifest(this.to.repository, tag);
    const existing = head ? indexDescriptors((await this.to.client.getManifest(this.to.repository, tag)).bytes) : [];
    const known = new Set(existing.map((d) => d.digest));
    const added = descriptors.filter((d) => !known.has(d.digest));
    if (head && added.length === 0) return;
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...existing, ...added] };
    const bytes = Buffer.from(JSON.stringify(index));
    await this.to.client.pushManifest(this.to.repository, tag, {
      bytes,
      mediaType: OCI_INDEX,
      digest: digestOf(bytes),
    });
    this.stats.manifestsPushed++;
  }

  private blob(blob: { digest: string; size: number }): Promise<void> {
    let done = this.blobs.get(blob.digest);
    if (!done) {
      done = this.limit(async () => {
        if (this.failure !== undefined) throw this.failure;
        try {
          await this.transfer(blob);
        } catch (err) {
          this.failure ??= err;
          throw err;
        }
      });
      this.blobs.set(blob.digest, done);
    }
    return done;
  }

  /** One blob: skipped when present, mounted within a registry, else streamed; retried as a whole. */
  private async transfer(blob: { digest: string; size: number }): Promise<void> {
    const { from, to } = this;
    if (await to.client.hasBlob(to.repository, blob.digest)) {
      this.stats.blobsPresent++;
      return;
    }
    const what = `copying blob ${blob.digest} to ${to.client.registry}/${to.repository}`;
    const outcome = await retry(
      () =>
        to.client.pushBlob(
          to.repository,
          blob,
          async () => (await from.client.openBlob(from.repository, blob.digest)).stream,
          this.sameRegistry ? { mountFrom: from.repository } : {},
        ),
      {
        what,
        policy: this.policy,
        logger: this.logger,
        decide: (o, attempt) =>
          o.ok || lasting(o.error) ? undefined : { delayMs: backoffDelay(attempt, this.policy) },
        describe: (o) => (o.ok ? o.value : describeFault(o.error)),
      },
    );
    if (outcome === 'mounted') this.stats.blobsMounted++;
    else {
      this.stats.blobsUploaded++;
      this.stats.bytesUploaded += blob.size;
    }
  }
}
