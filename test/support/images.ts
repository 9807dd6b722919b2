import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { TokenServer } from './token-server.js';

/**
 * Pushes test images over the plain distribution API with fetch (monolithic blob upload, manifest
 * PUT), so tests need no Docker daemon. Manifests are written with three-space indentation: a
 * client that re-serialises them instead of copying the bytes changes the digest and is caught.
 */
export interface PushedImage {
  repository: string;
  tag: string;
  /** digest of `bytes`, as the registry confirmed it */
  digest: string;
  mediaType: string;
  /** the top-level manifest exactly as pushed */
  bytes: Buffer;
  /** child manifest digests of an index or list (platform manifests, then attestations); [] otherwise */
  children: string[];
}

export interface PushTarget {
  /** http://127.0.0.1:PORT */
  url: string;
  /** an Authorization header value for a scope such as `repository:app:pull,push` */
  authorization?: (scope: string) => Promise<string | undefined>;
}

export interface PushOptions {
  /** payload of the one layer's single file (default 1024); the layer is a gzip of a tar of it */
  layerBytes?: number;
  /** config.Labels, e.g. org.opencontainers.image.revision */
  labels?: Record<string, string>;
  /** same seed, same bytes and digests; random when absent */
  seed?: string;
}

export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  attestationConfig: 'application/vnd.docker.attestation.config.v1+json',
  inToto: 'application/vnd.in-toto+json',
} as const;

export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.ociManifest,
  MediaType.dockerManifestList,
  MediaType.dockerManifest,
].join(', ');

/** Non-canonical on purpose (three spaces, trailing newline): see the module comment. */
export function serializeManifest(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 3)}\n`);
}

export const sha256Digest = (data: Buffer | string) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export function basicAuth(user: string, pass: string): PushTarget['authorization'] {
  const value = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  return async () => value;
}

/** Fetches (and caches per scope) a bearer token from the test token server's realm. */
export function tokenAuth(tokenServer: TokenServer, user: string, pass: string): PushTarget['authorization'] {
  const cache = new Map<string, string>();
  return async (scope) => {
    const cached = cache.get(scope);
    if (cached) return cached;
    const url = `${tokenServer.realm}?service=${encodeURIComponent(tokenServer.service)}&scope=${encodeURIComponent(scope)}`;
    const res = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`token request for ${scope}: HTTP ${res.status} ${text}`);
    const body = JSON.parse(text) as { token?: string; access_token?: string };
    const value = `Bearer ${body.token ?? body.access_token}`;
    cache.set(scope, value);
    return value;
  };
}

// ---- layer content ------------------------------------------------------------------------------

const CHUNK = 1 << 20;
/** Layers up to this size are kept in memory; larger ones are generated twice (digest, then upload). */
const IN_MEMORY_LIMIT = 8 * CHUNK;

function tarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  field(0, 100, name);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(size, 12));
  field(136, 12, octal(0, 12));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 8, 'ustar\u000000');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/**
 * A tar holding one file of `payloadBytes` pseudo-random bytes (AES-256-CTR keystream of the seed,
 * fast and deterministic), streamed so a 256 MiB layer never sits in memory.
 */
function* tarChunks(seed: string, payloadBytes: number): Generator<Buffer> {
  yield tarHeader('layer.bin', payloadBytes);
  const key = createHash('sha256').update(`layer:${seed}`).digest();
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  for (let left = payloadBytes; left > 0; left -= CHUNK) yield cipher.update(zeros.subarray(0, Math.min(CHUNK, left)));
  const padding = (512 - (payloadBytes % 512)) % 512;
  yield Buffer.alloc(padding + 1024);
}

/** gzip at level 0: a real gzip stream (tools sniff the magic) without the cost of compressing. */
function layerStream(seed: string, payloadBytes: number, onTarChunk?: (chunk: Buffer) => void): Readable {
  const tar = Readable.from(
    (function* () {
      for (const chunk of tarChunks(seed, payloadBytes)) {
        onTarChunk?.(chunk);
        yield chunk;
      }
    })(),
  );
  return tar.pipe(createGzip({ level: 0 }));
}

interface Layer {
  digest: string;
  diffId: string;
  size: number;
  /** present for small layers */
  bytes?: Buffer;
  stream: () => Readable;
}

async function makeLayer(seed: string, payloadBytes: number): Promise<Layer> {
  const tarHash = createHash('sha256');
  const gzHash = createHash('sha256');
  const kept: Buffer[] = [];
  const keep = payloadBytes <= IN_MEMORY_LIMIT;
  let size = 0;
  for await (const chunk of layerStream(seed, payloadBytes, (c) => tarHash.update(c))) {
    const buf = chunk as Buffer;
    gzHash.update(buf);
    size += buf.length;
    if (keep) kept.push(buf);
  }
  const bytes = keep ? Buffer.concat(kept) : undefined;
  return {
    digest: `sha256:${gzHash.digest('hex')}`,
    diffId: `sha256:${tarHash.digest('hex')}`,
    size,
    ...(bytes ? { bytes } : {}),
    stream: () => (bytes ? Readable.from([bytes]) : layerStream(seed, payloadBytes)),
  };
}

// ---- distribution API ---------------------------------------------------------------------------

async function authHeaders(t: PushTarget, repo: string): Promise<Record<string, string>> {
  const value = await t.authorization?.(`repository:${repo}:pull,push`);
  return value ? { Authorization: value } : {};
}

async function expectStatus(res: Response, expected: number[], what: string): Promise<void> {
  if (expected.includes(res.status)) return;
  throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * PUT of a streamed body with node:http: undici's fetch in Node 20 reads a stream body ahead
 * without waiting for the socket, which held a whole 256 MiB layer in memory.
 */
function putStream(
  url: URL,
  headers: Record<string, string>,
  size: number,
  body: Readable,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    pipeline(body, req).catch(reject);
  });
}

/** Uploads a blob unless the repository already has it: POST, then one PUT with the whole body. */
export async function pushBlob(
  t: PushTarget,
  repo: string,
  blob: Buffer | { digest: string; size: number; stream: () => Readable },
): Promise<string> {
  const digest = Buffer.isBuffer(blob) ? sha256Digest(blob) : blob.digest;
  const size = Buffer.isBuffer(blob) ? blob.length : blob.size;
  const auth = await authHeaders(t, repo);
  const head = await fetch(`${t.url}/v2/${repo}/blobs/${digest}`, { method: 'HEAD', headers: auth });
  if (head.status === 200) return digest;
  const start = await fetch(`${t.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: auth });
  await expectStatus(start, [202], `POST /v2/${repo}/blobs/uploads/`);
  await start.arrayBuffer();
  const location = new URL(start.headers.get('location') ?? '', t.url);
  location.searchParams.set('digest', digest);
  if (!Buffer.isBuffer(blob)) {
    const put = await putStream(location, auth, size, blob.stream());
    if (put.status !== 201) throw new Error(`PUT blob ${digest} to ${repo}: HTTP ${put.status} ${put.text}`);
    return digest;
  }
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/octet-stream' },
    body: blob,
  });
  await expectStatus(put, [201], `PUT blob ${digest} to ${repo}`);
  await put.arrayBuffer();
  return digest;
}

/** PUTs manifest bytes as they are; returns the digest after checking the registry agrees. */
export async function pushManifest(
  t: PushTarget,
  repo: string,
  reference: string,
  mediaType: string,
  bytes: Buffer,
): Promise<string> {
  const digest = sha256Digest(bytes);
  const res = await fetch(`${t.url}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { ...(await authHeaders(t, repo)), 'Content-Type': mediaType },
    body: bytes,
  });
  await expectStatus(res, [201], `PUT manifest ${repo}:${reference}`);
  await res.arrayBuffer();
  const confirmed = res.headers.get('docker-content-digest');
  if (confirmed && confirmed !== digest)
    throw new Error(`PUT manifest ${repo}:${reference}: registry says ${confirmed}, bytes hash to ${digest}`);
  return digest;
}

// ---- images -------------------------------------------------------------------------------------

interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };

interface SingleManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

async function pushSingle(
  t: PushTarget,
  repo: string,
  reference: string | undefined,
  kind: 'oci' | 'docker',
  platform: Platform,
  opts: PushOptions,
  seed: string,
): Promise<SingleManifest> {
  const oci = kind === 'oci';
  const layer = await makeLayer(`${seed}/${platform.os}/${platform.architecture}`, opts.layerBytes ?? 1024);
  await pushBlob(t, repo, layer.bytes ?? layer);
  const config = serializeManifest({
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: { Labels: opts.labels ?? {} },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
  });
  const configDigest = await pushBlob(t, repo, config);
  const mediaType = oci ? MediaType.ociManifest : MediaType.dockerManifest;
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: oci ? MediaType.ociConfig : MediaType.dockerConfig,
      digest: configDigest,
      size: config.length,
    },
    layers: [
      { mediaType: oci ? MediaType.ociLayerGzip : MediaType.dockerLayerGzip, digest: layer.digest, size: layer.size },
    ],
  });
  const digest = await pushManifest(t, repo, reference ?? sha256Digest(bytes), mediaType, bytes);
  return { digest, mediaType, bytes };
}

/** A BuildKit provenance attestation for one platform manifest (moby/buildkit attestation-storage.md). */
async function pushAttestation(
  t: PushTarget,
  repo: string,
  subject: SingleManifest,
  platform: Platform,
): Promise<SingleManifest> {
  const predicateType = 'https://slsa.dev/provenance/v0.2';
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType,
      subject: [
        {
          name: `pkg:docker/${repo}?platform=${encodeURIComponent(`${platform.os}/${platform.architecture}`)}`,
          digest: { sha256: subject.digest.slice('sha256:'.length) },
        },
      ],
      predicate: {
        buildType: 'https://mobyproject.org/buildkit@v1',
        builder: { id: '' },
        metadata: { buildInvocationID: subject.digest },
      },
    }),
  );
  const statementDigest = await pushBlob(t, repo, statement);
  const config = serializeManifest({
    architecture: 'unknown',
    os: 'unknown',
    config: {},
    rootfs: { type: 'layers', diff_ids: [statementDigest] },
  });
  const configDigest = await pushBlob(t, repo, config);
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.attestationConfig, digest: configDigest, size: config.length },
    layers: [
      {
        mediaType: MediaType.inToto,
        digest: statementDigest,
        size: statement.length,
        annotations: { 'in-toto.io/predicate-type': predicateType },
      },
    ],
  });
  const digest = await pushManifest(t, repo, sha256Digest(bytes), MediaType.ociManifest, bytes);
  return { digest, mediaType: MediaType.ociManifest, bytes };
}

const seedOf = (opts: PushOptions) => opts.seed ?? randomBytes(16).toString('hex');

/** One OCI image manifest: OCI config with config.Labels and one layer. */
export async function pushOciImage(
  t: PushTarget,
  repo: string,
  tag: string,
  opts: PushOptions = {},
): Promise<PushedImage> {
  // tag '' pushes by digest only, as `docker buildx build --output push-by-digest=true` does
  const m = await pushSingle(t, repo, tag || undefined, 'oci', AMD64, opts, seedOf(opts));
  return { repository: repo, tag, digest: m.digest, mediaType: m.mediaType, bytes: m.bytes, children: [] };
}

/** One Docker image manifest, schema 2. */
export async function pushDockerImage(
  t: PushTarget,
  repo: string,
  tag: string,
  opts: PushOptions = {},
): Promise<PushedImage> {
  const m = await pushSingle(t, repo, tag, 'docker', AMD64, opts, seedOf(opts));
  return { repository: repo, tag, digest: m.digest, mediaType: m.mediaType, bytes: m.bytes, children: [] };
}

/**
 * An OCI index as BuildKit writes it with provenance on: linux/amd64 and linux/arm64 manifests,
 * then one attestation manifest per platform (platform unknown/unknown, pointing back at it).
 * children = [amd64, arm64, attestation of amd64, attestation of arm64].
 */
export async function pushOciIndex(
  t: PushTarget,
  repo: string,
  tag: string,
  opts: PushOptions = {},
): Promise<PushedImage> {
  const seed = seedOf(opts);
  const platforms = [AMD64, ARM64];
  const images: SingleManifest[] = [];
  for (const p of platforms) images.push(await pushSingle(t, repo, undefined, 'oci', p, opts, seed));
  const attestations: SingleManifest[] = [];
  for (const [i, p] of platforms.entries()) attestations.push(await pushAttestation(t, repo, images[i]!, p));
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [
      ...images.map((m, i) => ({
        mediaType: m.mediaType,
        digest: m.digest,
        size: m.bytes.length,
        platform: platforms[i],
      })),
      ...attestations.map((m, i) => ({
        mediaType: m.mediaType,
        digest: m.digest,
        size: m.bytes.length,
        annotations: {
          'vnd.docker.reference.digest': images[i]!.digest,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
        platform: { architecture: 'unknown', os: 'unknown' },
      })),
    ],
  });
  // tag '' pushes by digest only, as `docker buildx build --output push-by-digest=true` does
  const digest = await pushManifest(t, repo, tag || sha256Digest(bytes), MediaType.ociIndex, bytes);
  return {
    repository: repo,
    tag,
    digest,
    mediaType: MediaType.ociIndex,
    bytes,
    children: [...images, ...attestations].map((m) => m.digest),
  };
}

/** A Docker manifest list of linux/amd64 and linux/arm64 schema 2 manifests. */
export async function pushDockerManifestList(
  t: PushTarget,
  repo: string,
  tag: string,
  opts: PushOptions = {},
): Promise<PushedImage> {
  const seed = seedOf(opts);
  const platforms = [AMD64, ARM64];
  const images: SingleManifest[] = [];
  for (const p of platforms) images.push(await pushSingle(t, repo, undefined, 'docker', p, opts, seed));
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.dockerManifestList,
    manifests: images.map((m, i) => ({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.bytes.length,
      platform: platforms[i],
    })),
  });
  const digest = await pushManifest(t, repo, tag, MediaType.dockerManifestList, bytes);
  return {
    repository: repo,
    tag,
    digest,
    mediaType: MediaType.dockerManifestList,
    bytes,
    children: images.map((m) => m.digest),
  };
}

// ---- signatures and referrers ----------------------------------------------------------------

/**
 * A cosign signature as `cosign sign` (v2) stores it beside the image: an OCI manifest under the
 * tag `sha256-<hex>.sig`, one `application/vnd.dev.cosign.simplesigning.v1+json` layer holding the
 * signed payload, its signature in the layer's `dev.cosignproject.cosign/signature` annotation
 * (the signature specification, https://github.com/sigstore/cosign/tree/main/specs). `suffix` gives the
 * attestation (`att`) and SBOM (`sbom`) tags of the same scheme.
 */
export async function pushCosignTag(
  t: PushTarget,
  repo: string,
  subject: string,
  suffix: 'sig' | 'att' | 'sbom' = 'sig',
): Promise<{ tag: string; digest: string; bytes: Buffer }> {
  const payload = Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': repo },
        image: { 'docker-manifest-digest': subject },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
  const payloadDigest = await pushBlob(t, repo, payload);
  const config = serializeManifest({
    architecture: '',
    os: '',
    config: {},
    rootfs: { type: 'layers', diff_ids: [payloadDigest] },
  });
  const configDigest = await pushBlob(t, repo, config);
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: configDigest, size: config.length },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: payloadDigest,
        size: payload.length,
        annotations: { 'dev.cosignproject.cosign/signature': randomBytes(64).toString('base64') },
      },
    ],
  });
  const tag = `${subject.replace(':', '-')}.${suffix}`;
  const digest = await pushManifest(t, repo, tag, MediaType.ociManifest, bytes);
  return { tag, digest, bytes };
}

/**
 * An OCI 1.1 referrer of `subject` (a Sigstore bundle, as `cosign sign` v3 and GitHub's artifact
 * attestations store them): an OCI manifest with `artifactType`, the empty config and a `subject`.
 * Distribution 2.8 has no referrers API, so, as the spec asks of a client then, the referrers tag
 * `sha256-<hex>` is written too: an index listing the referrer (kept with what it listed).
 */
export async function pushReferrer(
  t: PushTarget,
  repo: string,
  subject: { digest: string; mediaType: string; size: number },
  artifactType = 'application/vnd.dev.sigstore.bundle.v0.3+json',
): Promise<{ digest: string; bytes: Buffer }> {
  const empty = Buffer.from('{}');
  const emptyDigest = await pushBlob(t, repo, empty);
  const bundle = Buffer.from(
    JSON.stringify({ mediaType: artifactType, verificationMaterial: {}, seed: randomBytes(8).toString('hex') }),
  );
  const bundleDigest = await pushBlob(t, repo, bundle);
  const bytes = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: empty.length },
    layers: [{ mediaType: artifactType, digest: bundleDigest, size: bundle.length }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
  });
  const digest = await pushManifest(t, repo, sha256Digest(bytes), MediaType.ociManifest, bytes);
  const tag = subject.digest.replace(':', '-');
  const auth = await authHeaders(t, repo);
  const existing = await fetch(`${t.url}/v2/${repo}/manifests/${tag}`, {
    headers: { ...auth, accept: MediaType.ociIndex },
  });
  const listed = existing.status === 200 ? ((await existing.json()) as { manifests: unknown[] }).manifests : [];
  if (existing.status !== 200) await existing.arrayBuffer();
  const index = serializeManifest({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [...listed, { mediaType: MediaType.ociManifest, digest, size: bytes.length, artifactType }],
  });
  await pushManifest(t, repo, tag, MediaType.ociIndex, index);
  return { digest, bytes };
}
