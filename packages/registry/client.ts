import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { InputError } from '../common/errors.js';
import { findLink } from '../common/link.js';
import {
  backoffDelay,
  budgetError,
  defaultRetryPolicy,
  describeFault,
  fetchWithRetry,
  isRetriedStatus,
  outlivesBudget,
  RequestTimeoutError,
  startBudget,
  timeoutOf,
  type Budget,
  type RetryPolicy,
} from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { registryApiHost } from '../tagging/image.js';
import {
  credentialSecrets,
  isLoopbackHost,
  oauthUnsupported,
  parseTokenResponse,
  parseWwwAuthenticate,
  realmProblem,
  scopeCovers,
  tokenRequest,
  type AuthChallenge,
} from './auth.js';
import type { Credentials } from './credentials.js';
import {
  baseMediaType,
  isImageManifestMediaType,
  isIndexMediaType,
  MANIFEST_MEDIA_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  SCHEMA1_MEDIA_TYPES,
} from './media-types.js';
import { createHttpTransport, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from './transport.js';

export interface RegistryClientOptions {
  credentials?: Credentials;
  logger?: Logger;
  retry?: RetryPolicy;
  /** hosts (`host` or `host:port`) allowed over plain HTTP besides loopback */
  insecure?: readonly string[];
  /** replaces the node:http transport, and with it connectTimeoutMs and idleTimeoutMs (the budget still applies) */
  fetchImpl?: typeof fetch;
  /** each connection (DNS and TCP) must be up within this; default 30 s (DEFAULT_CONNECT_TIMEOUT_MS) */
  connectTimeoutMs?: number;
  /** the registry must send a byte at least this often, headers and body alike; default 60 s (DEFAULT_IDLE_TIMEOUT_MS) */
  idleTimeoutMs?: number;
  /** HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read here (packages/common/proxy.ts); default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * The most one operation (getManifest, putManifest, listTags, checkPushPermission, …) may take,
   * its token fetch, retries and backoff included; none by default. A timed-out request is retried
   * within the retry policy; once the budget is spent the operation fails with a RequestTimeoutError.
   */
  budgetMs?: number;
  /** called with every token and password, so an action can `core.setSecret` it */
  onSecret?: (secret: string) => void;
  /**
   * `push`: ask for `pull,push` on every repository from the first token on, so a retag (GET
   * then PUT) costs one token fetch instead of two. The server grants what it allows without an
   * error, so reads still work with read-only credentials.
   */
  access?: 'pull' | 'push';
}

export interface Manifest {
  /** the exact bytes the registry stores: never re-serialise them, the digest is over these */
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

export interface ListTagsOptions {
  /** `n` of the first request; later pages follow the registry's `Link` verbatim */
  pageSize?: number;
}

/** A registry answered with an error; the message names the operation, the image and the registry's code. */
export class RegistryError extends Error {
  readonly status: number;
  readonly codes: readonly string[];
  constructor(message: string, status: number, codes: readonly string[]) {
    super(message);
    this.name = 'RegistryError';
    this.status = status;
    this.codes = codes;
  }
}

/**
 * The registry refused a write to the repository (401, 403 or 404 on a push), found before anything
 * was written by checkPushPermission. The message names the registry, the repository, the answer and
 * the way out; it never holds a secret.
 */
export class RegistryPermissionError extends RegistryError {
  readonly registry: string;
  readonly repository: string;
  constructor(message: string, status: number, codes: readonly string[], registry: string, repository: string) {
    super(message, status, codes);
    this.name = 'RegistryPermissionError';
    this.registry = registry;
    this.repository = repository;
  }
}

/** Which registry refused to move a tag, as far as its host or its answer tell. */
export type ImmutableRegistryKind = 'ecr' | 'harbor' | 'dockerhub' | 'unknown';

/**
 * The registry refused a manifest PUT because the tag exists and the repository's tags are immutable.
 * Not a credentials problem: the message quotes the registry and names the setting to change, or
 * promoting without moving the alias.
 */
export class TagImmutableError extends RegistryError {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  readonly registryKind: ImmutableRegistryKind;
  constructor(
    message: string,
    status: number,
    codes: readonly string[],
    fields: { registry: string; repository: string; tag: string; registryKind: ImmutableRegistryKind },
  ) {
    super(message, status, codes);
    this.name = 'TagImmutableError';
    this.registry = fields.registry;
    this.repository = fields.repository;
    this.tag = fields.tag;
    this.registryKind = fields.registryKind;
  }
}

/**
 * Manifests are JSON documents of a few KiB; GGCR caps them at 100 MiB (`fetcher.go` L40) so a
 * broken or hostile registry cannot stream unbounded data into memory. Blobs read here are image
 * configs, held in memory too, so the same cap applies.
 */
export const MAX_MANIFEST_BYTES = 100 * 1024 * 1024;
const MAX_REDIRECTS = 10;
const MAX_TAG_PAGES = 10000;
const ATTESTATION_REFERENCE_TYPE = 'attestation-manifest';

const DIGEST_PATTERN = /^(sha256|sha512):([a-f0-9]+)$/;

export function digestOf(bytes: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

function isDigest(reference: string): boolean {
  return DIGEST_PATTERN.test(reference);
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
function reportedDigest(header: string | null): string | undefined {
  const value = header?.trim().toLowerCase();
  if (!value) return undefined;
  if (/^[a-f0-9]{64}$/.test(value)) return `sha256:${value}`;
  if (/^sha256:[a-f0-9]{64}$/.test(value) || /^sha512:[a-f0-9]{128}$/.test(value)) return value;
  return undefined;
}

/** The digest of `bytes` computed with the algorithm `expected` names, for comparing the two. */
function digestLike(expected: string, bytes: Uint8Array): string {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  return digestOf(bytes, algorithm);
}

interface Reply {
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
  url: URL;
}

interface RequestSpec {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  scope: string;
  /** "getting manifest 127.0.0.1:5000/app:staging": the start of every message about this request */
  what: string;
  maxBytes?: number;
}

class BodyDropped extends Error {
  /** set when the body stopped because the registry went quiet for idleTimeoutMs */
  timeout?: RequestTimeoutError;
}
class BodyTooLarge extends Error {}

interface CachedToken {
  scopes: string[];
  token: string;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error codes of distribution-spec ("Error Codes"), whose `detail` is data (a name, a digest, the access asked for). */
const SPEC_ERROR_CODES = new Set([
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
]);

/**
 * An error's `detail` as text: a string as it is; for a registry's own codes, an object or array
 * as compact JSON, since that is where such a registry puts its reason (Quay's errors carry
 * `detail` as given, `{}` when none: `V2RegistryException.as_dict` in quay/quay
 * endpoints/v2/errors.py). The spec's codes keep to their string details, as before.
 */
function detailText(code: string, detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'number' || typeof detail === 'boolean') return String(detail);
  if (detail === null || typeof detail !== 'object' || SPEC_ERROR_CODES.has(code)) return '';
  if (!Array.isArray(detail) && Object.keys(detail).length === 0) return '';
  if (Array.isArray(detail) && detail.length === 0) return '';
  return JSON.stringify(detail);
}

/**
 * The registry's `{"errors":[{code,message,detail}]}` body as "CODE message: detail, detail; …".
 * Entries with the same code and message are merged: distribution reports MANIFEST_BLOB_UNKNOWN
 * once per missing child, with its digest as the detail.
 */
function describeErrorBody(body: Buffer): { codes: string[]; text: string } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      errors?: { code?: unknown; message?: unknown; detail?: unknown }[];
    };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      const groups = new Map<string, string[]>();
      const codes: string[] = [];
      for (const e of parsed.errors) {
        const code = typeof e.code === 'string' ? e.code : '';
        if (code !== '' && !codes.includes(code)) codes.push(code);
        const head = [code, typeof e.message === 'string' ? e.message : ''].filter((s) => s !== '').join(' ');
        const details = groups.get(head) ?? [];
        const detail = detailText(code, e.detail);
        if (detail !== '' && detail.length <= 200 && !details.includes(detail)) details.push(detail);
        groups.set(head, details);
      }
      const text = [...groups]
        .filter(([head]) => head !== '')
        .map(([head, details]) => (details.length ? `${head}: ${details.join(', ')}` : head))
        .join('; ');
      return { codes, text };
    }
    const single = parsed as { error?: unknown; details?: unknown; message?: unknown };
    const text = [single.error, single.details ?? single.message]
      .filter((s): s is string => typeof s === 'string')
      .join(': ');
    return { codes: [], text };
  } catch {
    const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
    return { codes: [], text: /^</.test(text) ? '' : text.slice(0, 200) };
  }
}

export class RegistryClient {
  /** the registry as users write it (`docker.io`), for messages */
  readonly registry: string;
  readonly baseUrl: URL;
  /** HTTP requests to the registry (every attempt and redirect hop); token fetches are in tokenRequestCount */
  requestCount = 0;
  tokenRequestCount = 0;

  private readonly credentials: Credentials;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private readonly insecure: readonly string[];
  private readonly fetchImpl: typeof fetch;
  private readonly onSecret: (secret: string) => void;
  private readonly access: 'pull' | 'push';
  private readonly budgetMs: number | undefined;
  /**
   * The budget of the operation under way, found by every request it makes without threading it
   * through each private method: nested calls (headManifest falling back to getManifest) and the
   * token fetch a request waits for share it.
   */
  private readonly budgets = new AsyncLocalStorage<Budget>();
  private readonly secrets = new Set<string>();
  private challenge: AuthChallenge | undefined;
  private readonly tokens = new Map<string, CachedToken[]>();
  private readonly tokenFlights = new Map<string, Promise<string>>();
  /** realms that answered the OAuth2 POST 404: later token fetches go straight to the GET */
  private readonly realmsWithoutOAuth = new Set<string>();

  /** the first request of a client with credentials, while it meets the registry's auth challenge */
  private handshake: Promise<unknown> | undefined;
  private handshakeDone = false;

  /**
   * True while this client holds credentials but has not yet met the registry's auth challenge.
   * Callers need not act on it: requests sent together meanwhile wait for the first one's challenge
   * and token inside the client (see `send`).
   */
  get authPending(): boolean {
    return this.challenge === undefined && this.credentials.source !== 'anonymous';
  }

  constructor(registry: string, opts: RegistryClientOptions = {}) {
    if (!/^(?:[a-z0-9.-]+|\[[a-f0-9:]+\])(?::\d+)?$/i.test(registry)) {
      throw new InputError(
        'registry',
        registry,
        'a registry host with an optional port, e.g. ghcr.io or 127.0.0.1:5000',
        'it is not a host[:port]',
      );
    }
    this.registry = registry.toLowerCase();
    this.credentials = opts.credentials ?? { source: 'anonymous' };
    this.logger = opts.logger ?? silentLogger;
    this.policy = opts.retry ?? defaultRetryPolicy;
    this.insecure = opts.insecure ?? [];
    this.fetchImpl =
      opts.fetchImpl ??
      createHttpTransport({
        connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        idleTimeoutMs: opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        ...(opts.env ? { env: opts.env } : {}),
      });
    this.budgetMs = opts.budgetMs;
    this.onSecret = opts.onSecret ?? (() => {});
    this.access = opts.access ?? 'pull';
    const host = registryApiHost(this.registry);
    const hostname = new URL(`http://${host}`).hostname;
    const plain = isLoopbackHost(hostname) || this.insecure.includes(host) || this.insecure.includes(hostname);
    this.baseUrl = new URL(`${plain ? 'http' : 'https'}://${host}`);
    for (const secret of credentialSecrets(this.credentials)) this.addSecret(secret);
  }

  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const what = `getting manifest ${this.image(repository, reference)}`;
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'GET',
        url: this.url(`/v2/${repository}/manifests/${reference}`),
        headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
        scope: this.scope(repository, false),
        what,
        maxBytes: MAX_MANIFEST_BYTES,
      });
      if (reply.status !== 200) throw this.failure(what, reply);
      return this.checkManifest(what, reply, reference);
    });
  }

  async headManifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    const what = `checking manifest ${this.image(repository, reference)}`;
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'HEAD',
        url: this.url(`/v2/${repository}/manifests/${reference}`),
        headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
        scope: this.scope(repository, false),
        what,
      });
      if (reply.status === 404) return undefined;
      if (reply.status !== 200) throw this.failure(what, reply);
      const digest = reportedDigest(reply.headers.get('docker-content-digest'));
      const mediaType = baseMediaType(reply.headers.get('content-type'));
      const size = Number(reply.headers.get('content-length'));
      if (mediaType && SCHEMA1_MEDIA_TYPES.includes(mediaType)) throw this.schema1(what);
      if (
        digest &&
        mediaType &&
        MANIFEST_MEDIA_TYPES.includes(mediaType) &&
        Number.isInteger(size) &&
        reply.headers.has('content-length')
      ) {
        if (isDigest(reference) && digest !== reference) {
          throw new RegistryError(this.redact(`${what}: the registry reports digest ${digest} for it`), 200, []);
        }
        return { digest, mediaType, size };
      }
      // Registries on older spec versions may omit the digest or type on HEAD (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L198-214): read the manifest instead.
      this.logger.debug(
        `${what}: HEAD lacks a usable Docker-Content-Digest, Content-Type or Content-Length; reading the manifest`,
      );
      const manifest = await this.getManifest(repository, reference);
      return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.length };
    });
  }

  /** PUTs the exact bytes under `tag` (a tag or the digest itself) and returns the digest the registry confirmed. */
  async putManifest(repository: string, tag: string, manifest: Manifest): Promise<string> {
    const what = `pushing manifest to ${this.image(repository, tag)}`;
    const actual = digestLike(manifest.digest, manifest.bytes);
    if (actual !== manifest.digest) {
      throw new Error(`${what}: the manifest given has digest ${manifest.digest} but its bytes hash to ${actual}`);
    }
    const bodyType = this.bodyMediaType(manifest.bytes);
    if (bodyType !== undefined && bodyType !== manifest.mediaType) {
      // spec.md L482-486: Content-Type MUST equal the body's mediaType.
      throw new Error(
        `${what}: media type ${manifest.mediaType} differs from the manifest's own mediaType ${bodyType}`,
      );
    }
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'PUT',
        url: this.url(`/v2/${repository}/manifests/${tag}`),
        headers: { 'content-type': manifest.mediaType },
        body: manifest.bytes,
        scope: this.scope(repository, true),
        what,
      });
      // 201 per spec.md L505; Quay answers 202 for the same success.
      if (reply.status !== 201 && reply.status !== 200 && reply.status !== 202) {
        throw this.immutableTag(what, reply, repository, tag) ?? this.failure(what, reply);
      }
      const reported = reportedDigest(reply.headers.get('docker-content-digest'));
      if (reported && reported !== manifest.digest) {
        throw new RegistryError(
          this.redact(
            `${what}: the registry reports digest ${reported}, but the bytes sent have digest ${manifest.digest}; it did not store them unchanged`,
          ),
          reply.status,
          [],
        );
      }
      return manifest.digest;
    });
  }

  /** Every tag, following `Link: <…>; rel="next"` until it is absent (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L608-610); each page is retried on its own. */
  async listTags(repository: string, opts: ListTagsOptions = {}): Promise<string[]> {
    const what = `listing tags of ${this.registry}/${repository}`;
    return this.operation(what, async () => {
      const pageSize = opts.pageSize ?? 1000;
      let url: URL | undefined = this.url(`/v2/${repository}/tags/list?n=${pageSize}`);
      const seen = new Set<string>();
      const tags: string[] = [];
      const notes = { crossOrigin: false, pageShrunk: false };
      for (let page = 0; url; page++) {
        if (seen.has(url.href) || page >= MAX_TAG_PAGES) {
          throw new RegistryError(
            `${what}: the registry's pagination loops (page ${page + 1} is ${url.pathname}${url.search} again)`,
            200,
            [],
          );
        }
        seen.add(url.href);
        const reply = await this.send({
          method: 'GET',
          url,
          scope: this.scope(repository, false),
          what,
          maxBytes: MAX_MANIFEST_BYTES,
        });
        if (reply.status === 404) {
          const { codes } = describeErrorBody(reply.body);
          if (page === 0 && (codes.length === 0 || codes.includes('NAME_UNKNOWN'))) return [];
        }
        const smaller: URL | undefined =
          reply.status === 413 && !notes.pageShrunk ? this.smallerTagPage(url, reply) : undefined;
        if (smaller) {
          notes.pageShrunk = true;
          const { text } = describeErrorBody(reply.body);
          this.logger.debug(
            this.redact(
              `${what}: the registry refused n=${url.searchParams.get('n')}: ${reply.status}${text ? ` ${text}` : ''}; asking for n=${smaller.searchParams.get('n')}`,
            ),
          );
          url = smaller;
          page--;
          continue;
        }
        if (reply.status !== 200) throw this.failure(what, reply);
        let parsed: { tags?: unknown };
        try {
          parsed = JSON.parse(reply.body.toString('utf8')) as { tags?: unknown };
        } catch {
          throw new RegistryError(`${what}: page ${page + 1} is not JSON`, reply.status, []);
        }
        // distribution answers `"tags": null` for a repository whose tags were all deleted
        if (parsed.tags !== null && parsed.tags !== undefined) {
          if (!Array.isArray(parsed.tags)) {
            throw new RegistryError(`${what}: page ${page + 1} has no "tags" array`, reply.status, []);
          }
          // Sonatype Nexus 3.58 puts JSON nulls among the tags (https://github.com/containers/skopeo/issues/2409);
          // containers/image skips them (GetRepositoryTags in docker/docker_image.go), and so does
          // this with anything else that is no tag name.
          const kept = (parsed.tags as unknown[]).filter((t): t is string => typeof t === 'string' && t !== '');
          if (kept.length < parsed.tags.length) {
            this.logger.debug(
              `${what}: page ${page + 1} has ${parsed.tags.length - kept.length} entries that are no tag (null or not a string); skipped`,
            );
          }
          tags.push(...kept);
        }
        url = this.nextTagPage(what, url, reply, notes);
      }
      return tags;
    });
  }

  /**
   * The same page with a smaller `n`, after a 413: Quay answered `n` above its page size (100
   * unless V2_PAGINATION_SIZE raises it) with 413 TOO_MANY_TAGS_REQUESTED "requested limit 1000 is
   * too high, max is 100" (quay/quay#2884 `oci_tag_paginate` in endpoints/v2/__init__.py; on
   * quay.io in June 2024, google/go-containerregistry#1963, akuity/kargo#2186; removed again by
   * quay/quay#2964). The size the answer names is asked for, else 100, the size every Quay serves;
   * once per listing, the next pages' Links carry it on.
   */
  private smallerTagPage(url: URL, reply: Reply): URL | undefined {
    const asked = Number(url.searchParams.get('n'));
    if (!Number.isInteger(asked)) return undefined;
    const named = /\bmax(?:imum)?\b\D{0,8}?(\d+)/i.exec(describeErrorBody(reply.body).text);
    const max = named ? Number(named[1]) : 0;
    const n = max > 0 && max < asked ? max : 100;
    if (asked <= n) return undefined;
    const smaller = new URL(url.href);
    smaller.searchParams.set('n', String(n));
    return smaller;
  }

  /**
   * The next tag page from the page's `Link: <…>; rel="next"` (RFC 8288, common/link.ts), resolved
   * against the page's URL and always read from the registry's own origin: a Link that names
   * another origin (scheme, host or port) keeps only its path and query, the way containers/image
   * (skopeo) does (`GetRepositoryTags` in docker/docker_image.go: "we only want the path (and I
   * guess we're in trouble if it forwards to a new place...)"). go-containerregistry refuses such a
   * link instead (`validatePaginationURL`, pkg/v1/remote/list.go, since #2332 "prevent SSRF"), and
   * renovate drops it (`resolvePaginationUrl`); keeping path and query lists every tag of the
   * registries that name their own public host behind a proxy, and no request, with or without
   * credentials, ever reaches a host the user did not name.
   */
  private nextTagPage(what: string, current: URL, reply: Reply, notes: { crossOrigin: boolean }): URL | undefined {
    const target = findLink(reply.headers.get('link'), 'next');
    if (target === undefined) return undefined;
    let next: URL;
    try {
      next = new URL(target, reply.url);
    } catch {
      throw new RegistryError(`${what}: the registry's next-page Link is not a URL`, 200, []);
    }
    if (reply.headers.has('x-jfrog-version') && next.pathname !== current.pathname) {
      // Artifactory's Link lacks the `/v2/<repo-key>` prefix (https://jfrog.atlassian.net/browse/RTFACT-18971:
      // `</team/app/tags/list?n=1000&last=x>` for /v2/docker-local/team/app/tags/list), a 404 to
      // follow. renovate re-applies the Link's `last` on the URL it asked for when X-JFrog-Version is
      // present (lib/modules/datasource/docker/index.ts, "Artifactory bug"); the whole query of the
      // Link (its `n` and `last`) goes on the path of this page here.
      this.logger.debug(
        `${what}: Artifactory's next-page Link ${next.pathname} lacks the repository path (RTFACT-18971); reading ${current.pathname}${next.search}`,
      );
      return new URL(`${current.pathname}${next.search}`, this.baseUrl);
    }
    if (next.origin !== this.baseUrl.origin) {
      if (!notes.crossOrigin) {
        notes.crossOrigin = true;
        this.logger.warning(
          `${what}: the registry's next-page Link names another origin (${next.origin}); reading its path from ${this.baseUrl.origin} instead, so that nothing is sent to another host`,
        );
      }
      next = new URL(`${next.pathname}${next.search}`, this.baseUrl);
    }
    return next;
  }

  /** Reads a blob into memory (meant for image configs) and checks its digest; redirects to storage are followed without credentials. */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const what = `getting blob ${this.registry}/${repository}@${digest}`;
    if (!isDigest(digest)) throw new Error(`${what}: not a sha256/sha512 digest`);
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'GET',
        url: this.url(`/v2/${repository}/blobs/${digest}`),
        scope: this.scope(repository, false),
        what,
        maxBytes: MAX_MANIFEST_BYTES,
      });
      if (reply.status !== 200) throw this.failure(what, reply);
      const actual = digestLike(digest, reply.body);
      if (actual !== digest)
        throw new RegistryError(`${what}: the bytes received have digest ${actual}`, reply.status, []);
      return reply.body;
    });
  }

  /**
   * Proves that the credentials may push to `repository` while leaving nothing a user can see, the
   * way GGCR's `remote.CheckPushPermission` does
   * (https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/check.go): start a blob
   * upload (`POST /v2/<name>/blobs/uploads/`, distribution-spec "Pushing blobs",
   * https://github.com/opencontainers/distribution-spec/blob/main/spec.md) with the token a write uses,
   * then cancel it with `DELETE <Location>`. A token alone proves nothing: token servers grant the
   * intersection of the scope asked and the rights held without an error
   * (https://github.com/distribution/distribution/blob/main/docs/content/spec/auth/token.md), and GHCR hands `GITHUB_TOKEN` a token, then refuses this very POST
   * with `denied: permission_denied: write_package` (https://github.com/tuna-os/tunaOS/issues/642).
   * Throws a RegistryPermissionError on 401, 403 or 404.
   */
  async checkPushPermission(repository: string): Promise<void> {
    const what = `checking push permission for ${this.registry}/${repository}`;
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'POST',
        url: this.url(`/v2/${repository}/blobs/uploads/`),
        scope: this.scope(repository, true),
        what,
      });
      if (reply.status === 401 || reply.status === 403 || reply.status === 404) {
        throw this.permissionDenied(what, reply, repository);
      }
      if (reply.status < 200 || reply.status >= 300) throw this.failure(what, reply);
      const location = reply.headers.get('location');
      if (!location) {
        this.logger.debug(`${what}: the registry started an upload without a Location; nothing to cancel`);
        return;
      }
      await this.cancelUpload(what, repository, new URL(location, reply.url));
    });
  }

  /**
   * An upload session holds no blob and no tag, but the registry keeps it until it expires: cancel
   * it (distribution-spec "Canceling an upload"). Some registries cannot (405) or have already dropped it
   * (404); the check has succeeded either way, so any failure here is only logged.
   */
  private async cancelUpload(what: string, repository: string, location: URL): Promise<void> {
    const cancel = `${what}: cancelling the upload`;
    try {
      const reply = await this.send({
        method: 'DELETE',
        url: location,
        scope: this.scope(repository, true),
        what: cancel,
      });
      if (reply.status >= 200 && reply.status < 300) this.logger.debug(`${cancel}: done (${reply.status})`);
      else {
        const { text } = describeErrorBody(reply.body);
        this.logger.debug(
          `${cancel}: the registry answered ${reply.status}${text ? ` ${text}` : ''}; it will expire the upload itself`,
        );
      }
    } catch (err) {
      this.logger.debug(`${cancel}: ${this.redact(describeFault(err))}; it will expire the upload itself`);
    }
  }

  // ---- manifests ----------------------------------------------------------------------------

  private checkManifest(what: string, reply: Reply, reference: string): Manifest {
    const bytes = reply.body;
    const contentType = baseMediaType(reply.headers.get('content-type'));
    if (contentType && SCHEMA1_MEDIA_TYPES.includes(contentType)) throw this.schema1(what);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(bytes.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      throw new RegistryError(
        `${what}: the registry answered with a body that is not a JSON manifest`,
        reply.status,
        [],
      );
    }
    if (body.schemaVersion === 1) throw this.schema1(what);
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
      mediaType = Array.isArray(body.manifests)
        ? OCI_INDEX
        : typeof body.config === 'object'
          ? OCI_MANIFEST
          : undefined;
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

  private bodyMediaType(bytes: Buffer): string | undefined {
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
      return typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined;
    } catch {
      return undefined;
    }
  }

  private schema1(what: string): RegistryError {
    return new RegistryError(
      `${what}: the registry answered with a Docker schema 1 manifest, which cannot be copied byte for byte; push the image again with a current Docker or buildx (schema 2 or OCI)`,
      200,
      ['UNSUPPORTED'],
    );
  }

  // ---- requests -----------------------------------------------------------------------------

  private image(repository: string, reference: string): string {
    return `${this.registry}/${repository}${isDigest(reference) ? '@' : ':'}${reference}`;
  }

  private url(pathAndQuery: string): URL {
    return new URL(pathAndQuery, this.baseUrl);
  }

  private scope(repository: string, write: boolean): string {
    return `repository:${repository}:${write || this.access === 'push' ? 'pull,push' : 'pull'}`;
  }

  private addSecret(secret: string): void {
    if (this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.onSecret(secret);
  }

  private redact(message: string): string {
    let out = message;
    for (const secret of this.secrets) if (secret.length >= 4) out = out.split(secret).join('***');
    return out;
  }

  /** Runs one public operation within budgetMs, unless an operation already under way holds the budget. */
  private async operation<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.budgetMs === undefined || this.budgets.getStore()) return run();
    const { budget, end } = startBudget(this.budgetMs, what);
    try {
      return await this.budgets.run(budget, run);
    } finally {
      end();
    }
  }

  /**
   * Sends with the credentials the registry asks for. The first request of a client with credentials
   * goes alone and the others sent meanwhile wait for it, so one challenge and one token fetch serve
   * them all (as go-containerregistry's transport pings once before the first request); callers
   * send their requests together without knowing whether the handshake happened.
   */
  private async send(spec: RequestSpec): Promise<Reply> {
    if (!this.handshakeDone && this.authPending && !this.credentials.registryToken) {
      if (this.handshake) {
        await this.handshake.catch(() => undefined);
      } else {
        const first = this.sendAuthenticated(spec);
        this.handshake = first;
        try {
          return await first;
        } finally {
          this.handshakeDone = true;
        }
      }
    }
    return this.sendAuthenticated(spec);
  }

  /** One retry after a 401, with a fresh token or Basic credentials. */
  private async sendAuthenticated(spec: RequestSpec): Promise<Reply> {
    let reply: Reply | undefined;
    let extraScope: string | undefined;
    for (let round = 0; round < 2; round++) {
      const authorization = await this.authorization(spec, round > 0, extraScope);
      if (round > 0 && authorization === undefined) return reply!;
      reply = await this.transfer(spec, authorization);
      if (reply.status !== 401 || round > 0) return reply;
      const challenges = parseWwwAuthenticate(reply.headers.get('www-authenticate') ?? '');
      const chosen =
        challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic');
      if (!chosen) return reply;
      this.challenge = chosen;
      const challengeScope = chosen.params.scope;
      extraScope =
        challengeScope && !challengeScope.split(' ').every((s) => scopeCovers(spec.scope, s))
          ? challengeScope
          : undefined;
    }
    return reply!;
  }

  private async authorization(
    spec: RequestSpec,
    fresh: boolean,
    extraScope: string | undefined,
  ): Promise<string | undefined> {
    const creds = this.credentials;
    // A registry token is a bearer token for this registry: no exchange (docker/cli authconfig.go).
    if (creds.registryToken) return fresh ? undefined : `Bearer ${creds.registryToken}`;
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      if (creds.username && creds.password)
        return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      return undefined;
    }
    const realm = challenge.params.realm!;
    const service = challenge.params.service ?? '';
    const key = `${realm}\n${service}`;
    const scopes = [spec.scope, ...(extraScope ? extraScope.split(' ') : [])];
    const cached = this.tokens.get(key) ?? [];
    const now = Date.now();
    if (!fresh) {
      const hit = cached.find(
        (t) => t.expiresAt > now && scopes.every((s) => t.scopes.some((held) => scopeCovers(held, s))),
      );
      if (hit) return `Bearer ${hit.token}`;
    }
    // Parallel requests (a retag's PUTs) with a cold cache share one token fetch.
    const flightKey = `${key}\n${scopes.join(' ')}`;
    let flight = this.tokenFlights.get(flightKey);
    if (!flight) {
      flight = this.fetchToken(spec.what, realm, service, scopes).then((token) => {
        // Leave a margin so a token does not expire between the cache lookup and the registry's check.
        const entry: CachedToken = {
          scopes,
          token: token.token,
          expiresAt: Date.now() + token.expiresInSeconds * 1000 - 5000,
        };
        const kept = (this.tokens.get(key) ?? []).filter(
          (t) => t.expiresAt > Date.now() && !scopes.every((s) => t.scopes.includes(s)),
        );
        this.tokens.set(key, [entry, ...kept]);
        return token.token;
      });
      this.tokenFlights.set(flightKey, flight);
      const clear = () => this.tokenFlights.delete(flightKey);
      flight.then(clear, clear);
    }
    return `Bearer ${await flight}`;
  }

  private async fetchToken(
    what: string,
    realm: string,
    service: string,
    scopes: string[],
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const creds = this.credentials;
    const sendsCredentials = !!creds.identityToken || !!(creds.username && creds.password);
    if (sendsCredentials) {
      const problem = realmProblem(realm, this.baseUrl, this.insecure);
      if (problem) {
        throw new RegistryError(
          `${what}: refusing to send credentials to the token realm ${realm} named by ${this.registry}: ${problem}`,
          401,
          [],
        );
      }
    }
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError(`${what}: the registry names a token realm that is not a URL: ${realm}`, 401, []);
    }
    const realmShown = `${url.origin}${url.pathname}`;
    // An identity token is an OAuth2 refresh token (distribution docs/spec/auth/oauth.md): POST it,
    // and on a realm without OAuth2 (404) GET with Basic instead, as GGCR bearer.go Refresh does.
    const oauth = !!creds.identityToken && !this.realmsWithoutOAuth.has(realm);
    const ask = (kind: 'oauth' | 'basic') => {
      const request = tokenRequest(kind, creds, url, service, scopes);
      const how = `${what}: requesting a token from ${realmShown}`;
      return this.hops(request.url, request.init, how, MAX_MANIFEST_BYTES, 'token');
    };
    let reply = await ask(oauth ? 'oauth' : 'basic');
    if (oauth && oauthUnsupported(reply.status)) {
      this.logger.debug(`${what}: ${realmShown} answered the OAuth2 POST ${reply.status}; asking with GET and Basic`);
      this.realmsWithoutOAuth.add(realm);
      reply = await ask('basic');
    }
    if (reply.status !== 200) {
      const { codes, text } = describeErrorBody(reply.body);
      const hint = reply.status === 401 || reply.status === 403 ? this.authHint(reply.status) : '';
      throw new RegistryError(
        this.redact(
          `${what}: the token server ${realmShown} answered ${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}${hint ? ` — ${hint}` : ''}`,
        ),
        reply.status,
        codes,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const token = parseTokenResponse(parsed);
    if (!token)
      throw new RegistryError(`${what}: the token server ${realmShown} answered without a token`, reply.status, []);
    this.addSecret(token.token);
    if (token.refreshToken) this.addSecret(token.refreshToken);
    this.logger.debug(`${what}: token for ${scopes.join(' ')} from ${realmShown}, valid ${token.expiresInSeconds} s`);
    return token;
  }

  /** A request with retries of 429/5xx/dropped connections, including bodies dropped half-way (each attempt is read in full). */
  private async transfer(spec: RequestSpec, authorization: string | undefined): Promise<Reply> {
    const headers: Record<string, string> = { ...spec.headers };
    if (authorization) headers.authorization = authorization;
    const init: RequestInit = { method: spec.method, headers, ...(spec.body ? { body: spec.body } : {}) };
    return this.hops(spec.url, init, spec.what, spec.maxBytes ?? MAX_MANIFEST_BYTES, 'registry');
  }

  private async hops(
    start: URL,
    init: RequestInit,
    what: string,
    maxBytes: number,
    counter: 'registry' | 'token',
  ): Promise<Reply> {
    const budget = this.budgets.getStore();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.hopsOnce(start, init, what, maxBytes, counter, budget);
      } catch (err) {
        if (err instanceof BodyTooLarge) throw new RegistryError(this.redact(`${what}: ${err.message}`), 200, []);
        if (!(err instanceof BodyDropped)) {
          const message = this.redact(err instanceof Error ? err.message : String(err));
          const timeout = timeoutOf(err);
          throw timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
        }
        // A body that ends early is a fault to retry, never data (each attempt is read in full).
        if (attempt >= this.policy.retries) {
          const message = this.redact(`${what} failed after ${attempt + 1} attempts: ${err.message}`);
          throw err.timeout ? new RequestTimeoutError(message, 'idle', err.timeout.ms) : new Error(message);
        }
        const delay = backoffDelay(attempt, this.policy);
        if (outlivesBudget(budget, delay)) throw budgetError(what, budget!.ms, err.message);
        this.logger.debug(`${what}: ${err.message}, retry ${attempt + 1}/${this.policy.retries} in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  /**
   * Follows redirects by hand: Authorization goes only to the origin it was meant for (the
   * registry, or the realm for a token request), never to blob storage on another host.
   */
  private async hopsOnce(
    start: URL,
    init: RequestInit,
    what: string,
    maxBytes: number,
    counter: 'registry' | 'token',
    budget: Budget | undefined,
  ): Promise<Reply> {
    const credentialOrigin = start.origin;
    let url = start;
    let method = init.method ?? 'GET';
    let body = init.body;
    // Plain lower-cased records, not Headers: the Headers class alone loads undici (see transport.ts).
    const baseHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>))
      baseHeaders[k.toLowerCase()] = v;
    const counted: typeof fetch = (input, requestInit) => {
      if (counter === 'registry') this.requestCount++;
      else this.tokenRequestCount++;
      return this.fetchImpl(input, requestInit);
    };
    for (let hop = 0; ; hop++) {
      const headers = { ...baseHeaders };
      if (url.origin !== credentialOrigin) delete headers.authorization;
      const response = await fetchWithRetry(
        url,
        { method, headers, redirect: 'manual', ...(body !== undefined ? { body } : {}) },
        { policy: this.policy, logger: this.logger, what, fetchImpl: counted, ...(budget ? { budget } : {}) },
      );
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw new Error(`${what}: more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        if (
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')
        ) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const bytes = method === 'HEAD' ? Buffer.alloc(0) : await this.readBody(response, maxBytes, what, budget);
      if (isRetriedStatus(response.status)) {
        this.logger.debug(`${what}: HTTP ${response.status} after ${this.policy.retries + 1} attempts`);
      }
      return { status: response.status, statusText: response.statusText, headers: response.headers, body: bytes, url };
    }
  }

  private async readBody(
    response: Response,
    maxBytes: number,
    what: string,
    budget: Budget | undefined,
  ): Promise<Buffer> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new BodyTooLarge(`the response is ${declared} bytes, more than the ${maxBytes} accepted`);
    }
    if (!response.body) return Buffer.alloc(0);
    const reader = response.body.getReader();
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new BodyTooLarge(`the response is more than the ${maxBytes} bytes accepted`);
        }
        chunks.push(Buffer.from(value));
      }
    } catch (err) {
      if (err instanceof BodyTooLarge) throw err;
      const timeout = timeoutOf(err);
      if (timeout?.timeout === 'budget' || budget?.signal.aborted) throw budgetError(what, budget?.ms ?? 0);
      if (timeout) {
        const dropped = new BodyDropped(`the response stopped half-way: ${timeout.message}`);
        dropped.timeout = timeout;
        throw dropped;
      }
      const cause = (err as { cause?: Error }).cause;
      throw new BodyDropped(
        `the connection dropped while reading the response (${(err as Error).message}${cause ? `: ${cause.message}` : ''})`,
      );
    }
    return Buffer.concat(chunks, total);
  }

  // ---- errors -------------------------------------------------------------------------------

  private authHint(status: number): string {
    const creds = this.credentials;
    if (status === 401) {
      switch (creds.source) {
        case 'anonymous':
          return `no credentials for ${this.registry}: pass username and password, log in with docker login${this.registry === 'ghcr.io' ? ', or set GITHUB_TOKEN' : ''}`;
        case 'input':
          return 'check username/password';
        case 'docker-config':
          return `check the credentials for ${this.registry} in the Docker config (docker login again)`;
        case 'credential-helper':
          return `check the credentials the Docker credential helper gives for ${this.registry} (docker login again)`;
        case 'github-token':
          return 'check GITHUB_TOKEN';
      }
    }
    if (this.registry === 'ghcr.io') {
      return 'the credentials lack permission: the job needs `permissions: packages: write` and the package must grant this repository access under "Manage Actions access"';
    }
    return `the credentials${creds.username ? ` of user ${creds.username}` : ''} lack permission for this repository`;
  }

  private permissionDenied(what: string, reply: Reply, repository: string): RegistryPermissionError {
    const { codes, text } = describeErrorBody(reply.body);
    const answer = `${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}`;
    const image = `${this.registry}/${repository}`;
    let wayOut: string;
    if (this.registry === 'ghcr.io') {
      // GHCR grants the token and refuses the write: the job's token scope and the package's own
      // access list are both needed (https://docs.github.com/en/packages/learn-github-packages/configuring-a-packages-access-control-and-visibility,
      // https://github.com/docker/build-push-action/issues/463).
      wayOut = `the job needs \`permissions: packages: write\`, and the package ${repository} must grant this repository write access under "Manage Actions access" in the package settings (or use a token of an account that can write the package)`;
    } else if (reply.status === 401 && this.credentials.source === 'anonymous') {
      wayOut = this.authHint(401);
    } else {
      wayOut = `use credentials with push rights to ${image}${this.credentials.username ? ` (user ${this.credentials.username} has none)` : ''}`;
    }
    return new RegistryPermissionError(
      this.redact(`${what}: ${this.registry} refused to start an upload to ${repository}: ${answer} — ${wayOut}.`),
      reply.status,
      codes,
      this.registry,
      repository,
    );
  }

  /**
   * A manifest PUT refused because the tag exists in a repository whose tags are immutable, told
   * apart from a refusal of the credentials. Each registry answers in its own way:
   * - ECR: 400 `TAG_INVALID` "The image tag '<tag>' already exists in the '<repo>' repository and
   *   cannot be overwritten because the repository is immutable."
   *   (https://github.com/aws/containers-roadmap/issues/862);
   * - Harbor: 412 `PRECONDITION` "Failed to process request due to '<repo>:<tag>' configured as
   *   immutable." (https://github.com/goharbor/harbor/blob/main/src/server/middleware/immutable/pushmf.go,
   *   error.go beside it);
   * - Docker Hub: 403 on a repository with immutable tags
   *   (https://github.com/docker/hub-feedback/issues/2466,
   *   https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/);
   * - Quay: "tag is immutable and cannot be overwritten" (https://issues.redhat.com/browse/PROJQUAY-10859).
   * All of them say "immutable"; a 401 or a DENIED without that word stays a credentials problem.
   */
  private immutableTag(what: string, reply: Reply, repository: string, tag: string): TagImmutableError | undefined {
    if (![400, 403, 405, 409, 412].includes(reply.status)) return undefined;
    const { codes, text } = describeErrorBody(reply.body);
    if (!/immutable/i.test(text) && !codes.includes('TAG_IMMUTABLE')) return undefined;
    const kind = this.immutableRegistryKind(reply.status, codes);
    const ways: Record<ImmutableRegistryKind, string> = {
      ecr: `set the ECR repository's tag mutability to IMMUTABLE_WITH_EXCLUSION with the moving aliases (such as ${tag}) as exclusion filters (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)`,
      harbor: `exclude ${tag} from the project's tag immutability rule in Harbor (https://goharbor.io/docs/main/working-with-projects/working-with-images/create-tag-immutability-rules/)`,
      dockerhub: `make only specific tags immutable in the Docker Hub repository's settings (Settings > General > Tag mutability settings), leaving ${tag} out (https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/)`,
      unknown: `exclude ${tag} from the registry's tag immutability setting for ${repository}`,
    };
    return new TagImmutableError(
      this.redact(
        `${what}: the registry refuses to move tag ${tag}: ${reply.status} ${text} — the repository's tags are immutable; ${ways[kind]}, or promote without moving the alias (move-alias: false, or --no-move-alias).`,
      ),
      reply.status,
      codes,
      { registry: this.registry, repository, tag, registryKind: kind },
    );
  }

  /** The registry's product by its host, else by the shape of its answer (see immutableTag). */
  private immutableRegistryKind(status: number, codes: readonly string[]): ImmutableRegistryKind {
    const host = registryApiHost(this.registry);
    if (/\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || host === 'public.ecr.aws') return 'ecr';
    if (['docker.io', 'registry-1.docker.io', 'index.docker.io'].includes(host) || this.registry === 'docker.io')
      return 'dockerhub';
    if (codes.includes('TAG_INVALID')) return 'ecr';
    if (status === 412 || codes.includes('PRECONDITION')) return 'harbor';
    return 'unknown';
  }

  private failure(what: string, reply: Reply): RegistryError {
    const { codes, text } = describeErrorBody(reply.body);
    const hints: string[] = [];
    if (reply.status === 401) hints.push(this.authHint(401));
    else if (reply.status === 403 || codes.includes('DENIED')) hints.push(this.authHint(403));
    else if (codes.includes('MANIFEST_BLOB_UNKNOWN')) {
      hints.push(
        'the repository lacks a blob or child manifest this manifest references; copy them into the repository first',
      );
    } else if (reply.status === 413 && reply.url.pathname.includes('/manifests/'))
      hints.push('the manifest is larger than the registry accepts');
    if (isRetriedStatus(reply.status)) hints.push(`gave up after ${this.policy.retries + 1} attempts`);
    const detail = text || reply.statusText;
    return new RegistryError(
      this.redact(
        `${what}: ${reply.status}${detail ? ` ${detail}` : ''}${hints.length ? ` — ${hints.join('; ')}` : ''}`,
      ),
      reply.status,
      codes,
    );
  }
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
  client: RegistryClient,
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
