import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { InputError } from '../common/errors.js';
import { describeFault, startBudget, type Budget } from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { defaultRetryPolicy, type RetryPolicy } from '../common/retry.js';
import { registryApiHost } from '../tagging/image.js';
import { credentialSecrets, isLoopbackHost } from './auth.js';
import { Authenticator } from './authenticator.js';
import type { Credentials } from './credentials.js';
import {
  describeErrorBody,
  failure,
  immutableTag,
  permissionDenied,
  RegistryError,
  type ErrorContext,
} from './errors.js';
import { exchange, type Reply } from './exchange.js';
import {
  bodyMediaType,
  checkManifest,
  digestLike,
  isDigest,
  MAX_MANIFEST_BYTES,
  reportedDigest,
  schema1Error,
  type Manifest,
} from './manifest.js';
import { baseMediaType, MANIFEST_MEDIA_TYPES, OCI_INDEX, SCHEMA1_MEDIA_TYPES } from './media-types.js';
import { listAllTags } from './tag-list.js';
import { findLink } from '../common/link.js';
import { createHttpTransport, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from './transport.js';

/*
 * The registry client: the few operations the suite needs (read, check and push a manifest, list
 * tags, read a config blob, prove push rights) on top of the layers below it. Each layer is a
 * module: transport.ts (connections, proxies, timeouts), exchange.ts (redirects, body limits,
 * retries), authenticator.ts with auth.ts (challenges, tokens, the first-request handshake),
 * errors.ts (the registry's answers as errors with a way out), manifest.ts (what a manifest must
 * be to be copied byte for byte) and tag-list.ts (pagination as registries really do it).
 */

export { RegistryError, RegistryPermissionError, TagImmutableError, type ImmutableRegistryKind } from './errors.js';
export { digestOf, imageRevisionLabel, MAX_MANIFEST_BYTES, type Manifest } from './manifest.js';

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

export interface ListTagsOptions {
  /** `n` of the first request; later pages follow the registry's `Link` verbatim */
  pageSize?: number;
  /**
   * A repository the registry does not know (404 NAME_UNKNOWN): no tags (`empty`, the default, as
   * Flux's first scan of a repository not pushed yet), or a RegistryError (`error`), for a reader
   * who must tell a mistyped image from an empty one.
   */
  absent?: 'empty' | 'error';
}

interface RequestSpec {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  scope: string;
  /** a 2xx GET's body handed over unread (Reply.stream) */
  stream?: boolean;
  /** retries of this request by the exchange (a streamed body cannot be sent twice) */
  retries?: number;
  /** "getting manifest 127.0.0.1:5000/app:staging": the start of every message about this request */
  what: string;
  maxBytes?: number;
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
  private readonly fetchImpl: typeof fetch;
  private readonly onSecret: (secret: string) => void;
  private readonly access: 'pull' | 'push';
  private readonly budgetMs: number | undefined;
  private readonly auth: Authenticator;
  /** what error messages need of this client */
  private readonly errors: ErrorContext;
  /**
   * The budget of the operation under way, found by every request it makes without threading it
   * through each private method: nested calls (headManifest falling back to getManifest) and the
   * token fetch a request waits for share it.
   */
  private readonly budgets = new AsyncLocalStorage<Budget>();
  private readonly secrets = new Set<string>();

  /**
   * True while this client holds credentials but has not yet met the registry's auth challenge.
   * Callers need not act on it: requests sent together meanwhile wait for the first one's challenge
   * and token inside the client (authenticator.ts).
   */
  /** the retry policy of this client's requests, which a copy's blob transfers follow too */
  get retryPolicy(): RetryPolicy {
    return this.policy;
  }

  get authPending(): boolean {
    return this.auth.pending;
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
    const insecure = opts.insecure ?? [];
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
    const plain = isLoopbackHost(hostname) || insecure.includes(host) || insecure.includes(hostname);
    this.baseUrl = new URL(`${plain ? 'http' : 'https'}://${host}`);
    for (const secret of credentialSecrets(this.credentials)) this.addSecret(secret);
    this.errors = {
      registry: this.registry,
      credentials: this.credentials,
      retries: this.policy.retries,
      redact: (message) => this.redact(message),
    };
    this.auth = new Authenticator({
      credentials: this.credentials,
      baseUrl: this.baseUrl,
      insecure,
      logger: this.logger,
      errors: this.errors,
      tokenExchange: (url, init, what) => this.request(url, init, what, MAX_MANIFEST_BYTES, 'token'),
      addSecret: (secret) => this.addSecret(secret),
    });
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
      if (reply.status !== 200) throw failure(this.errors, what, reply);
      return checkManifest(what, reply, reference);
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
      if (reply.status !== 200) throw failure(this.errors, what, reply);
      const digest = reportedDigest(reply.headers.get('docker-content-digest'));
      const mediaType = baseMediaType(reply.headers.get('content-type'));
      const size = Number(reply.headers.get('content-length'));
      if (mediaType && SCHEMA1_MEDIA_TYPES.includes(mediaType)) throw schema1Error(what);
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
    return (await this.pushManifest(repository, tag, manifest)).digest;
  }

  /**
   * putManifest, telling also whether the registry indexed the manifest's `subject` itself: a
   * registry with the referrers API answers with an `OCI-Subject` header, and without it the client
   * keeps the referrers fallback tag up to date (distribution-spec "Pushing Manifests with Subject",
   * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests-with-subject).
   */
  async pushManifest(
    repository: string,
    tag: string,
    manifest: Manifest,
  ): Promise<{ digest: string; subjectIndexed: boolean }> {
    const what = `pushing manifest to ${this.image(repository, tag)}`;
    const actual = digestLike(manifest.digest, manifest.bytes);
    if (actual !== manifest.digest) {
      throw new Error(`${what}: the manifest given has digest ${manifest.digest} but its bytes hash to ${actual}`);
    }
    const bodyType = bodyMediaType(manifest.bytes);
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
        throw immutableTag(this.errors, what, reply, repository, tag) ?? failure(this.errors, what, reply);
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
      return { digest: manifest.digest, subjectIndexed: reply.headers.has('oci-subject') };
    });
  }

  /**
   * The manifests that refer to `digest` (signatures, SBOMs, attestations), as descriptors:
   * `GET /v2/<name>/referrers/<digest>`, every page; on a registry without the API (404, as GHCR
   * answers), the referrers tag schema's index under `sha256-<hex>` instead
   * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers,
   * "Referrers Tag Schema"). `via` says which one answered; `none` when neither holds anything.
   */
  async listReferrers(
    repository: string,
    digest: string,
  ): Promise<{ descriptors: ReferrerDescriptor[]; via: 'api' | 'tag' | 'none' }> {
    const what = `listing referrers of ${this.registry}/${repository}@${digest}`;
    if (!isDigest(digest)) throw new Error(`${what}: not a sha256/sha512 digest`);
    return this.operation(what, async () => {
      const descriptors: ReferrerDescriptor[] = [];
      let url: URL | undefined = this.url(`/v2/${repository}/referrers/${digest}`);
      for (let page = 0; url && page < 100; page++) {
        const reply = await this.send({
          method: 'GET',
          url,
          headers: { accept: OCI_INDEX },
          scope: this.scope(repository, false),
          what,
          maxBytes: MAX_MANIFEST_BYTES,
        });
        if (reply.status === 404 && page === 0) {
          const fallback = await this.headManifest(repository, referrersTag(digest));
          if (!fallback) return { descriptors: [], via: 'none' as const };
          const index = await this.getManifest(repository, referrersTag(digest));
          return { descriptors: indexDescriptors(index.bytes), via: 'tag' as const };
        }
        if (reply.status !== 200) throw failure(this.errors, what, reply);
        descriptors.push(...indexDescriptors(reply.body));
        const next = findLink(reply.headers.get('link'), 'next');
        url = next ? new URL(next, reply.url) : undefined;
      }
      return { descriptors, via: 'api' as const };
    });
  }

  /** Every tag, following `Link: <…>; rel="next"` until it is absent (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L608-610); each page is retried on its own. */
  async listTags(repository: string, opts: ListTagsOptions = {}): Promise<string[]> {
    const what = `listing tags of ${this.registry}/${repository}`;
    return this.operation(what, async () => {
      return listAllTags(repository, what, opts.pageSize ?? 1000, opts.absent ?? 'empty', {
        baseUrl: this.baseUrl,
        logger: this.logger,
        errors: this.errors,
        get: (url) =>
          this.send({ method: 'GET', url, scope: this.scope(repository, false), what, maxBytes: MAX_MANIFEST_BYTES }),
      });
    });
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
      if (reply.status !== 200) throw failure(this.errors, what, reply);
      const actual = digestLike(digest, reply.body);
      if (actual !== digest)
        throw new RegistryError(`${what}: the bytes received have digest ${actual}`, reply.status, []);
      return reply.body;
    });
  }

  /** Whether `repository` holds the blob (HEAD, distribution-spec "Checking if content exists"). */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const what = `checking blob ${this.registry}/${repository}@${digest}`;
    if (!isDigest(digest)) throw new Error(`${what}: not a sha256/sha512 digest`);
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'HEAD',
        url: this.url(`/v2/${repository}/blobs/${digest}`),
        scope: this.scope(repository, false),
        what,
      });
      if (reply.status === 200) return true;
      if (reply.status === 404) return false;
      throw failure(this.errors, what, reply);
    });
  }

  /**
   * Opens the blob for reading without holding it: the body streams as the reader consumes it, so
   * memory stays bounded whatever the blob's size. Redirects to storage are followed without
   * credentials. The caller consumes or destroys the stream.
   */
  async openBlob(repository: string, digest: string): Promise<{ stream: Readable; size: number | undefined }> {
    const what = `getting blob ${this.registry}/${repository}@${digest}`;
    if (!isDigest(digest)) throw new Error(`${what}: not a sha256/sha512 digest`);
    return this.operation(what, async () => {
      const reply = await this.send({
        method: 'GET',
        url: this.url(`/v2/${repository}/blobs/${digest}`),
        scope: this.scope(repository, false),
        what,
        stream: true,
      });
      if (reply.status !== 200 || !reply.stream) throw failure(this.errors, what, reply);
      const length = Number(reply.headers.get('content-length'));
      return {
        stream: reply.stream,
        size: reply.headers.has('content-length') && Number.isInteger(length) ? length : undefined,
      };
    });
  }

  /**
   * Puts a blob into `repository`, the way distribution-spec "Pushing blobs" and "Mounting a blob
   * from another repository" describe
   * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md): with `mountFrom` (a
   * repository of this same registry), `POST …/blobs/uploads/?mount=<digest>&from=<repository>`
   * first: `201` means mounted and nothing is sent; a `202` is a plain upload session, as a registry
   * that cannot or will not mount answers. Then the bytes from `open()` (called only when needed)
   * are streamed in one `PUT <location>?digest=<digest>`, checked on the way against the digest
   * and size: a source that sends other bytes fails the request before its end, so the registry
   * stores nothing. go-containerregistry mounts and falls back the same way
   * (pkg/v1/remote/write.go, https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/write.go).
   */
  async pushBlob(
    repository: string,
    blob: { digest: string; size: number },
    open: () => Promise<Readable>,
    opts: { mountFrom?: string } = {},
  ): Promise<'mounted' | 'uploaded'> {
    const { digest, size } = blob;
    const what = `pushing blob ${this.registry}/${repository}@${digest}`;
    if (!isDigest(digest)) throw new Error(`${what}: not a sha256/sha512 digest`);
    const mountFrom = opts.mountFrom !== undefined && opts.mountFrom !== repository ? opts.mountFrom : undefined;
    const scope = mountFrom
      ? `${this.scope(repository, true)} repository:${mountFrom}:pull`
      : this.scope(repository, true);
    const start = await this.operation(what, async () => {
      const query = mountFrom ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(mountFrom)}` : '';
      const reply = await this.send({
        method: 'POST',
        url: this.url(`/v2/${repository}/blobs/uploads/${query}`),
        scope,
        what,
      });
      if (reply.status === 401 || reply.status === 403) throw permissionDenied(this.errors, what, reply, repository);
      if (reply.status === 201) return 'mounted' as const;
      if (reply.status !== 202) throw failure(this.errors, what, reply);
      const location = reply.headers.get('location');
      if (!location) throw new RegistryError(`${what}: the registry started an upload without a Location`, 202, []);
      return new URL(location, reply.url);
    });
    if (start === 'mounted') {
      this.logger.debug(`${what}: mounted from ${mountFrom}`);
      return 'mounted';
    }
    const source = await open();
    const checked = verifyingStream(digest, size, what);
    source.on('error', (err) => checked.destroy(err));
    source.pipe(checked);
    const url = new URL(start);
    url.searchParams.set('digest', digest);
    const reply = await this.send({
      method: 'PUT',
      url,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: checked,
      scope: this.scope(repository, true),
      what,
      retries: 0,
    }).finally(() => {
      source.unpipe(checked);
      source.destroy();
    });
    if (reply.status === 401 || reply.status === 403) throw permissionDenied(this.errors, what, reply, repository);
    if (reply.status !== 201 && reply.status !== 204 && reply.status !== 200) throw failure(this.errors, what, reply);
    return 'uploaded';
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
        throw permissionDenied(this.errors, what, reply, repository);
      }
      if (reply.status < 200 || reply.status >= 300) throw failure(this.errors, what, reply);
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
   * Sends one request to the registry with the credentials it asks for (authenticator.ts), within
   * the operation's budget, retried and its redirects followed (exchange.ts).
   */
  private send(spec: RequestSpec): Promise<Reply> {
    return this.auth.send({ scope: spec.scope, what: spec.what }, (authorization) => {
      const headers: Record<string, string> = { ...spec.headers };
      if (authorization) headers.authorization = authorization;
      const init = { method: spec.method, headers, ...(spec.body ? { body: spec.body } : {}) } as RequestInit;
      return this.request(spec.url, init, spec.what, spec.maxBytes ?? MAX_MANIFEST_BYTES, 'registry', spec);
    });
  }

  /** One exchange (exchange.ts) within the operation's budget, counted as a registry or a token request. */
  private request(
    url: URL,
    init: RequestInit,
    what: string,
    maxBytes: number,
    counter: 'registry' | 'token',
    spec?: Pick<RequestSpec, 'stream' | 'retries'>,
  ): Promise<Reply> {
    const budget = this.budgets.getStore();
    return exchange(url, init, what, {
      fetchImpl: this.fetchImpl,
      policy: spec?.retries === undefined ? this.policy : { ...this.policy, retries: spec.retries },
      ...(spec?.stream ? { stream: true } : {}),
      logger: this.logger,
      maxBytes,
      ...(budget ? { budget } : {}),
      onRequest: () => (counter === 'registry' ? this.requestCount++ : this.tokenRequestCount++),
      redact: (message) => this.redact(message),
    });
  }
}

/**
 * A pass-through that hashes what flows and fails at the end when the bytes are not the blob they
 * claim to be (other digest, other size): the request it feeds then fails before its last byte.
 */
function verifyingStream(digest: string, size: number, what: string): Transform {
  const algorithm = digest.startsWith('sha512:') ? 'sha512' : 'sha256';
  const hash = createHash(algorithm);
  let seen = 0;
  // The last chunk is held back until the whole has been checked, so a registry never receives
  // the full declared length of bytes that are not the blob.
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) {
        done(new RegistryError(`${what}: the source sent more than the ${size} bytes the manifest declares`, 0, []));
        return;
      }
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      const actual = `${algorithm}:${hash.digest('hex')}`;
      if (seen !== size) {
        done(new RegistryError(`${what}: the source sent ${seen} bytes, not the ${size} the manifest declares`, 0, []));
      } else if (actual !== digest) {
        done(new RegistryError(`${what}: the source's bytes have digest ${actual}`, 0, []));
      } else done(null, held);
    },
  });
}

/** A descriptor in a referrers index: the referring manifest and what it is. */
export interface ReferrerDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** The referrers tag schema's tag for a digest: `<alg>-<hex>` (distribution-spec "Referrers Tag Schema"). */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-');
}

/** The well-formed descriptors of an index's `manifests` (anything else in it is ignored). */
export function indexDescriptors(bytes: Buffer): ReferrerDescriptor[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return [];
  }
  const manifests = (parsed as { manifests?: unknown }).manifests;
  if (!Array.isArray(manifests)) return [];
  return manifests.filter(
    (d): d is ReferrerDescriptor =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as ReferrerDescriptor).digest === 'string' &&
      isDigest((d as ReferrerDescriptor).digest) &&
      typeof (d as ReferrerDescriptor).mediaType === 'string' &&
      typeof (d as ReferrerDescriptor).size === 'number',
  );
}
