import type { RetryPolicy } from '../common/retry.js';
import type { Logger } from '../common/logger.js';
import { RegistryClient, resolveCredentials } from '../registry/index.js';

/** The client of one registry (`ghcr.io`, `127.0.0.1:5000`), with the credentials the README's order finds for it. */
export type RegistryClientFactory = (registry: string) => Promise<RegistryClient>;

export interface RegistryClientsOptions {
  /** explicit credentials: they apply to every registry (or only to `explicitFor`), as the actions' username/password inputs do */
  username?: string;
  password?: string;
  /**
   * The registries `username`/`password` apply to; every registry when absent. A copy to another
   * registry sets it to the source's, so those credentials never reach the target.
   */
  explicitFor?: readonly string[];
  /** explicit credentials of other registries (the to-username/to-password inputs), before `username`/`password` */
  byRegistry?: Readonly<Record<string, { username?: string; password?: string }>>;
  /** the registry-token input: for ghcr.io only, before REGISTRY_TOKEN of `env` and any GitHub token */
  registryToken?: string;
  /** a GitHub token input: used for ghcr.io only, before GITHUB_TOKEN of `env` */
  githubToken?: string;
  /** DOCKER_CONFIG, HOME, REGISTRY_TOKEN, GITHUB_TOKEN, the helpers' PATH and the proxy variables; defaults to process.env */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  onSecret?: (secret: string) => void;
  /** `push` when the run will write: the first token then covers pull and push (one token fetch) */
  access?: 'pull' | 'push';
  retry?: RetryPolicy;
  /** the longest one registry operation (its retries included) may take; see RegistryClientOptions.budgetMs */
  budgetMs?: number;
  /** hosts allowed over plain HTTP besides loopback */
  insecure?: string[];
}

/**
 * One client per registry, made on first use: credentials are resolved once per registry (a
 * credential helper runs once) and a client's token cache serves every repository of a run.
 */
export function registryClients(opts: RegistryClientsOptions = {}): RegistryClientFactory {
  const clients = new Map<string, Promise<RegistryClient>>();
  return (registry) => {
    const key = registry.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = (async () => {
        const own = Object.entries(opts.byRegistry ?? {}).find(([r]) => r.toLowerCase() === key)?.[1];
        const explicit =
          own ?? (!opts.explicitFor || opts.explicitFor.some((r) => r.toLowerCase() === key) ? opts : undefined);
        const credentials = await resolveCredentials({
          registry: key,
          username: explicit?.username,
          password: explicit?.password,
          registryToken: opts.registryToken,
          githubToken: opts.githubToken,
          env: opts.env,
          logger: opts.logger,
          ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
        });
        return new RegistryClient(key, {
          credentials,
          ...(opts.logger ? { logger: opts.logger } : {}),
          ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
          ...(opts.access ? { access: opts.access } : {}),
          ...(opts.retry ? { retry: opts.retry } : {}),
          ...(opts.budgetMs ? { budgetMs: opts.budgetMs } : {}),
          ...(opts.insecure ? { insecure: opts.insecure } : {}),
          ...(opts.env ? { env: opts.env } : {}),
        });
      })();
      clients.set(key, client);
      // A failed resolution (a broken credential helper) is not cached: the next call tries again.
      client.catch(() => clients.delete(key));
    }
    return client;
  };
}
