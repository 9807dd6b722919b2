import { createHash } from 'node:crypto';
import type { RegistryClient } from './client.js';
import { RegistryError } from './errors.js';
import type { Reply } from './exchange.js';
import { DIGEST, DIGEST_REFERENCE, SHA256_HEX } from '../common/patterns.js';
import {
  baseMediaType,
  isImageManifestMediaType,
  isIndexMediaType,
  MANIFEST_MEDIA_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  SCHEMA1_MEDIA_TYPES,
} from './media-types.js';

/*
 * Manifests and digests: what a manifest the client reads must be before it is copied byte for
 * byte, and how a registry's reported digest is read.
 */

export interface Manifest {
  /** the exact bytes the registry stores: never re-serialise them, the digest is over these */
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

/**
 * Manifests are JSON documents of a few KiB; GGCR caps them at 100 MiB (`fetcher.go` L40) so a
 * broken or hostile registry cannot stream unbounded data into memory. Blobs read here are image
 * configs, held in memory too, so the same cap applies.
 */
export const MAX_MANIFEST_BYTES = 100 * 1024 * 1024;
const ATTESTATION_REFERENCE_TYPE = 'attestation-manifest';

export function digestOf(bytes: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function isDigest(reference: string): boolean {
  return DIGEST_REFERENCE.test(reference);
}

/**
 * A `Docker-Content-Digest` header as a digest, or undefined when it holds none. Huawei's SWR (and
 * others) send the bare hex without `sha256:` (https://github.com/GoogleContainerTools/kaniko/issues/298);
 * a bare 64-hex value is a sha256 by its length and gets the prefix. Anything else that is not a
 * sha256 or sha512 digest is unusable and ignored: the manifest's bytes decide its digest, as
 * go-containerregistry does since that issue (pkg/v1/remote/fetcher.go, "so many registries
 * implement this incorrectly that it's not worth checking"). A well-formed digest that differs
 * from the bytes is still an error.
 */
export function reportedDigest(header: string | null): string | undefined {
  const value = header?.trim().toLowerCase();
  if (!value) return undefined;
  if (SHA256_HEX.test(value)) return `sha256:${value}`;
  if (DIGEST.test(value)) return value;
  return undefined;
}

/** The digest of `bytes` computed with the algorithm `expected` names, for comparing the two. */
export function digestLike(expected: string, bytes: Uint8Array): string {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  return digestOf(bytes, algorithm);
}

/**
 * The manifest in a registry's answer, checked: not schema 1, JSON, a media type we copy (from
 * Content-Type, else the body's own, else its shape), and its bytes matching the digest asked for
 * and the digest the registry reports.
 */
export function checkManifest(what: string, reply: Reply, reference: string): Manifest {
  const bytes = reply.body;
  const contentType = baseMediaType(reply.headers.get('content-type'));
  if (contentType && SCHEMA1_MEDIA_TYPES.includes(contentType)) throw schema1Error(what);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw new RegistryError(`${what}: the registry answered with a body that is not a JSON manifest`, reply.status, []);
  }
  if (body.schemaVersion === 1) throw schema1Error(what);
  const bodyType = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  let mediaType: string | undefined;
  if (contentType && MANIFEST_MEDIA_TYPES.includes(contentType)) {
    // spec.md L162-168: reject a body whose mediaType disagrees with Content-Type.
    if (bodyType !== undefined && bodyType !== contentType) {
      throw new RegistryError(
        `${what}: Content-Type is ${contentType} but the manifest says mediaType ${bodyType}`,
        reply.status,
        [],
      );
    }
    mediaType = contentType;
  } else if (bodyType !== undefined) {
    mediaType = bodyType;
  } else if (
    contentType === undefined ||
    contentType === 'application/json' ||
    contentType === 'application/octet-stream'
  ) {
    // OCI allows omitting mediaType; the shape tells an index from an image manifest.
    mediaType = Array.isArray(body.manifests) ? OCI_INDEX : typeof body.config === 'object' ? OCI_MANIFEST : undefined;
  } else {
    mediaType = contentType;
  }
  if (!mediaType || !MANIFEST_MEDIA_TYPES.includes(mediaType)) {
    throw new RegistryError(
      `${what}: unsupported manifest media type ${mediaType ?? '(none)'}; supported: ${MANIFEST_MEDIA_TYPES.join(', ')}`,
      reply.status,
      [],
    );
  }
  const digest = digestOf(bytes);
  if (isDigest(reference)) {
    const actual = digestLike(reference, bytes);
    if (actual !== reference)
      throw new RegistryError(`${what}: the bytes received have digest ${actual}`, reply.status, []);
  }
  const reported = reportedDigest(reply.headers.get('docker-content-digest'));
  if (reported && digestLike(reported, bytes) !== reported) {
    throw new RegistryError(
      `${what}: the registry reports digest ${reported} but the bytes received have digest ${digestLike(reported, bytes)}`,
      reply.status,
      [],
    );
  }
  return { bytes, mediaType, digest: isDigest(reference) ? reference : digest };
}

/** The `mediaType` a manifest's bytes declare, if any. */
export function bodyMediaType(bytes: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
  } catch {
    return undefined;
  }
}

export function schema1Error(what: string): RegistryError {
  return new RegistryError(
    `${what}: the registry answered with a Docker schema 1 manifest, which cannot be copied byte for byte; push the image again with a current Docker or buildx (schema 2 or OCI)`,
    200,
    ['UNSUPPORTED'],
  );
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

/**
 * The `org.opencontainers.image.revision` label of the image's config: of the manifest itself, or
 * of the first platform manifest of an index. BuildKit puts attestation manifests (platform
 * `unknown/unknown`, `vnd.docker.reference.type: attestation-manifest`) in the index; they have
 * no such label and are skipped.
 */
export async function imageRevisionLabel(
  client: Pick<RegistryClient, 'getManifest' | 'getBlob'>,
  repository: string,
  manifest: Manifest,
): Promise<string | undefined> {
  let current = manifest;
  for (let depth = 0; depth < 3 && isIndexMediaType(current.mediaType); depth++) {
    const index = JSON.parse(current.bytes.toString('utf8')) as { manifests?: Descriptor[] };
    const child = (index.manifests ?? []).find(
      (d) =>
        typeof d.digest === 'string' &&
        d.annotations?.['vnd.docker.reference.type'] !== ATTESTATION_REFERENCE_TYPE &&
        !(d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown'),
    );
    if (!child) return undefined;
    current = await client.getManifest(repository, child.digest!);
  }
  if (!isImageManifestMediaType(current.mediaType)) return undefined;
  const image = JSON.parse(current.bytes.toString('utf8')) as { config?: { digest?: unknown } };
  const configDigest = image.config?.digest;
  if (typeof configDigest !== 'string') return undefined;
  const config = JSON.parse((await client.getBlob(repository, configDigest)).toString('utf8')) as {
    config?: { Labels?: Record<string, unknown> | null };
  };
  const revision = config.config?.Labels?.['org.opencontainers.image.revision'];
  return typeof revision === 'string' && revision !== '' ? revision : undefined;
}
