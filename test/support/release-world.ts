/**
 * A release world for promotion tests, the demo and e2e tests: a real registry on loopback
 * (optionally behind the fault proxy), the GitHub API stand-in, and builds pushed to them as the
 * build workflows push them (immutable tag, alias and sha tag, with the revision label).
 */
import type { RetryPolicy } from '../../packages/common/retry.js';
import type { Logger } from '../../packages/common/logger.js';
import { createGitHubClient, type GitHubClient } from '../../packages/github/client.js';
import type { PromotionServices } from '../../packages/promotion/plan.js';
import { registryClients, type RegistryClientFactory } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/index.js';
import { formatImmutableTag } from '../../packages/tagging/tags.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startGitHubStandIn, type StandIn } from './github-standin.js';
import {
  basicAuth,
  pushDockerImage,
  pushManifest,
  pushOciImage,
  pushOciIndex,
  tokenAuth,
  type PushOptions,
  type PushTarget,
} from './images.js';
import { startRegistry, type RegistryAuth, type TestRegistry } from './registry.js';

/** Retries that give up within milliseconds, so injected faults fail a step fast. */
export const fastRetry: RetryPolicy = { retries: 2, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 };

export interface ReleaseWorldOptions {
  /** the registry's authentication (default none) */
  auth?: RegistryAuth;
  /** put the fault proxy in front of the registry; the image's registry is then the proxy */
  faultProxy?: boolean;
  /** the image's repository in the registry (default acme/backend) */
  repository?: string;
  /** the service repository on the stand-in (default acme/backend) */
  owner?: string;
  repo?: string;
  /** registry and GitHub retries (default fastRetry) */
  retry?: RetryPolicy;
}

export interface Build {
  env: string;
  version: string;
  /** the full commit */
  commit: string;
  ts: number;
  /** the immutable tag */
  tag: string;
  digest: string;
  mediaType: string;
}

export interface PushBuildOptions {
  /** default staging */
  env?: string;
  version: string;
  ts: number;
  /** the full commit; default: a new commit on the stand-in's default branch */
  commit?: string;
  /** the org.opencontainers.image.revision label: default the commit; false for none */
  revisionLabel?: string | false;
  /** default oci */
  kind?: 'oci' | 'docker' | 'oci-index';
  /** same seed, same digest (a rebuild of identical bytes); default unique per commit and ts */
  seed?: string;
  /** also push the alias and the sha tag, as a build workflow does (default true) */
  withAliases?: boolean;
}

/** The world's state for before/after comparisons. */
export interface WorldState {
  /** every tag of the image → its digest, read from the registry itself (never through the proxy) */
  registry: Record<string, string>;
  /** the stand-in's refs and releases */
  github: string;
}

export interface ReleaseWorld {
  registry: TestRegistry;
  proxy?: FaultProxy;
  standIn: StandIn;
  /** `<host>/<repository>`: the proxy's host when faultProxy is on */
  image: string;
  /** the repository part of the image */
  imageRepository: string;
  repository: { owner: string; repo: string };
  token: string;
  github: GitHubClient;
  /** registry clients with the registry's credentials and the world's retries */
  clients: RegistryClientFactory;
  retry: RetryPolicy;
  /** promotion services over this world; `now` in Unix seconds (default 1800000000) */
  services(opts?: {
    now?: number;
    logger?: Logger;
    runUrl?: string;
    actor?: string;
    clients?: RegistryClientFactory;
  }): PromotionServices;
  /** registry clients with other credentials (e.g. wrong ones) */
  clientsWith(credentials: { username?: string; password?: string }): RegistryClientFactory;
  pushBuild(opts: PushBuildOptions): Promise<Build>;
  /** points `tag` at a digest already in the repository */
  pushTag(tag: string, digest: string): Promise<void>;
  tagDigests(): Promise<Record<string, string>>;
  state(): Promise<WorldState>;
  stop(): Promise<void>;
}

export const DEFAULT_NOW = 1_800_000_000;
const TOKEN = 'world-token';

export async function startReleaseWorld(opts: ReleaseWorldOptions = {}): Promise<ReleaseWorld> {
  const auth = opts.auth ?? { kind: 'none' };
  const retry = opts.retry ?? fastRetry;
  const imageRepository = opts.repository ?? 'acme/backend';
  const registry = await startRegistry(auth);
  let proxy: FaultProxy | undefined;
  let standIn: StandIn | undefined;
  try {
    if (opts.faultProxy) proxy = await startFaultProxy(registry.url);
    standIn = await startGitHubStandIn({ token: TOKEN, owner: opts.owner, repo: opts.repo });
  } catch (err) {
    await proxy?.stop();
    await registry.stop();
    throw err;
  }
  const s = standIn;
  const credentials = auth.kind === 'none' ? {} : { username: auth.username, password: auth.password };
  const pushTarget: PushTarget = {
    url: registry.url,
    ...(auth.kind === 'htpasswd' ? { authorization: basicAuth(auth.username, auth.password) } : {}),
    ...(auth.kind === 'token' ? { authorization: tokenAuth(registry.tokenServer!, auth.username, auth.password) } : {}),
  };
  // An empty environment: no Docker config or GITHUB_TOKEN of the machine running the tests.
  const clientsWith = (creds: { username?: string; password?: string }) =>
    registryClients({ ...creds, env: {}, retry, access: 'push' });
  const clients = clientsWith(credentials);
  const github = createGitHubClient({ token: TOKEN, apiUrl: s.url, retryPolicy: retry });
  // Reads the registry directly, so state checks neither pass through injected faults nor count as proxied requests.
  const direct = new RegistryClient(registry.host, {
    credentials: auth.kind === 'none' ? { source: 'anonymous' } : { ...credentials, source: 'input' },
    retry,
  });
  const host = proxy?.host ?? registry.host;

  const tagDigests = async (): Promise<Record<string, string>> => {
    const tags = [...(await direct.listTags(imageRepository))].sort();
    const out: Record<string, string> = {};
    for (const tag of tags) {
      const head = await direct.headManifest(imageRepository, tag);
      if (head) out[tag] = head.digest;
    }
    return out;
  };

  const pushTag = async (tag: string, digest: string): Promise<void> => {
    const manifest = await direct.getManifest(imageRepository, digest);
    await pushManifest(pushTarget, imageRepository, tag, manifest.mediaType, manifest.bytes);
  };

  return {
    registry,
    ...(proxy ? { proxy } : {}),
    standIn: s,
    image: `${host}/${imageRepository}`,
    imageRepository,
    repository: { owner: s.owner, repo: s.repo },
    token: TOKEN,
    github,
    clients,
    retry,
    clientsWith,
    services: (o = {}) => ({
      clients: o.clients ?? clients,
      github,
      nowSeconds: () => o.now ?? DEFAULT_NOW,
      ...(o.logger ? { logger: o.logger } : {}),
      ...(o.runUrl ? { runUrl: o.runUrl } : {}),
      ...(o.actor ? { actor: o.actor } : {}),
    }),
    async pushBuild(b) {
      const env = b.env ?? 'staging';
      const commit = b.commit ?? s.addCommit();
      if (!s.state.commits.has(commit)) s.addCommit(commit);
      const sha = commit.slice(0, 7);
      const tag = formatImmutableTag({ env, version: b.version, sha, ts: b.ts });
      const label = b.revisionLabel === undefined ? commit : b.revisionLabel;
      const pushOpts: PushOptions = {
        seed: b.seed ?? `${commit}/${b.ts}`,
        labels: label === false ? {} : { 'org.opencontainers.image.revision': label },
      };
      const push = b.kind === 'docker' ? pushDockerImage : b.kind === 'oci-index' ? pushOciIndex : pushOciImage;
      const pushed = await push(pushTarget, imageRepository, tag, pushOpts);
      if (b.withAliases ?? true) {
        for (const alias of [env, sha]) {
          await pushManifest(pushTarget, imageRepository, alias, pushed.mediaType, pushed.bytes);
        }
      }
      return { env, version: b.version, commit, ts: b.ts, tag, digest: pushed.digest, mediaType: pushed.mediaType };
    },
    pushTag,
    tagDigests,
    async state() {
      return { registry: await tagDigests(), github: s.snapshot() };
    },
    async stop() {
      await s.close();
      await proxy?.stop();
      await registry.stop();
    },
  };
}
