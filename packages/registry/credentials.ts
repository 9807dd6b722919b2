import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import {
  credentialHelperFor,
  decodeAuthEntry,
  dockerConfigPath,
  findConfigKey,
  hasCredentials,
  readDockerConfig,
  runCredentialHelper,
  type DockerCredentials,
} from './docker-config.js';

export type CredentialSource =
  'input' | 'docker-config' | 'credential-helper' | 'registry-token' | 'github-token' | 'anonymous';

export interface Credentials {
  username?: string;
  password?: string;
  /** an OAuth2 refresh token, exchanged at the realm with grant_type=refresh_token */
  identityToken?: string;
  /** a bearer token sent to the registry as is */
  registryToken?: string;
  source: CredentialSource;
}

export interface ResolveCredentialsOptions {
  /** the registry as in the image reference: `ghcr.io`, `docker.io`, `127.0.0.1:5000` */
  registry: string;
  username?: string;
  password?: string;
  /** environment for DOCKER_CONFIG, HOME, GITHUB_TOKEN and the helpers' PATH; defaults to process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * the token for ghcr.io given on its own (the `registry-token` input; REGISTRY_TOKEN of `env`
   * otherwise): before any GitHub token, so that a GitHub App token for the API and the job's
   * GITHUB_TOKEN for the packages can be used side by side
   */
  registryToken?: string;
  /** a GitHub token given as an input; used like GITHUB_TOKEN, for ghcr.io only */
  githubToken?: string;
  logger?: Logger;
  /** how long a credential helper may take; DEFAULT_HELPER_TIMEOUT_MS (30 s) by default */
  helperTimeoutMs?: number;
  /**
   * called with every secret found (a helper's answer, a Docker config password or token, the
   * password input, a GitHub token) before anything else can print it, so an action can
   * `core.setSecret` it; the registry client masks them again and adds the tokens it learns
   */
  onSecret?: (secret: string) => void;
}

export const anonymous: Credentials = Object.freeze({ source: 'anonymous' as const });

function withSource(creds: DockerCredentials, source: CredentialSource): Credentials {
  return { ...creds, source };
}

/**
 * The credential order the README gives: explicit inputs; else the Docker config (`auths`, and
 * `credHelpers`/`credsStore` helpers as Docker runs them); else, for ghcr.io, the registry token
 * (input, then REGISTRY_TOKEN), then the GitHub token (input, then GITHUB_TOKEN); else anonymous. A registry with a helper configured is answered by the helper, as in Docker.
 */
export async function resolveCredentials(opts: ResolveCredentialsOptions): Promise<Credentials> {
  const logger = opts.logger ?? silentLogger;
  const env = opts.env ?? process.env;
  const registry = opts.registry.toLowerCase();
  const username = opts.username?.trim() ?? '';
  const password = opts.password ?? '';
  const found = (creds: Credentials): Credentials => {
    for (const secret of [creds.password, creds.identityToken, creds.registryToken])
      if (secret) opts.onSecret?.(secret);
    return creds;
  };

  if (username !== '' || password !== '') {
    if (username === '') {
      throw new InputError(
        'username',
        '',
        'a user name together with password',
        'password is set but username is empty',
      );
    }
    if (password === '') {
      throw new InputError(
        'password',
        '',
        'a password or token together with username',
        `username "${username}" is set but password is empty`,
        { secret: true },
      );
    }
    logger.debug(`registry credentials for ${registry}: the username/password inputs (user ${username})`);
    return found({ username, password, source: 'input' });
  }

  const file = dockerConfigPath(env);
  const config = file ? await readDockerConfig(file) : undefined;
  if (config && file) {
    const helper = credentialHelperFor(config, registry);
    if (helper) {
      const helperKey = findConfigKey(config.credHelpers, registry);
      const configured =
        helperKey !== undefined && config.credHelpers![helperKey] === helper
          ? `credHelpers[${JSON.stringify(helperKey)}] from ${file}`
          : `credsStore from ${file}`;
      const fromHelper = await runCredentialHelper(helper, registry, env, logger, {
        configured,
        ...(opts.helperTimeoutMs !== undefined ? { timeoutMs: opts.helperTimeoutMs } : {}),
        ...(opts.onSecret ? { onSecret: opts.onSecret } : {}),
      });
      if (hasCredentials(fromHelper)) {
        logger.debug(`registry credentials for ${registry}: credential helper docker-credential-${helper}`);
        return found(withSource(fromHelper, 'credential-helper'));
      }
      logger.debug(`credential helper docker-credential-${helper} has no credentials for ${registry}`);
    }
    const key = findConfigKey(config.auths, registry);
    if (key !== undefined) {
      const entry = config.auths![key];
      const creds = entry && typeof entry === 'object' ? decodeAuthEntry(entry, key, file) : undefined;
      if (hasCredentials(creds)) {
        logger.debug(
          `registry credentials for ${registry}: ${file} auths["${key}"]${creds.username ? ` (user ${creds.username})` : ''}`,
        );
        return found(withSource(creds, 'docker-config'));
      }
    }
  }

  if (registry === 'ghcr.io') {
    // GHCR does not check the user name (imjasonh/setup-crane); GitHub App tokens use x-access-token.
    const registryToken = opts.registryToken || env.REGISTRY_TOKEN;
    if (registryToken) {
      logger.debug(`registry credentials for ghcr.io: ${opts.registryToken ? 'the registry token' : 'REGISTRY_TOKEN'}`);
      return found({ username: 'x-access-token', password: registryToken, source: 'registry-token' });
    }
    const githubToken = opts.githubToken || env.GITHUB_TOKEN;
    if (githubToken) {
      logger.debug(`registry credentials for ghcr.io: ${opts.githubToken ? 'the GitHub token' : 'GITHUB_TOKEN'}`);
      return found({ username: 'x-access-token', password: githubToken, source: 'github-token' });
    }
  }

  logger.debug(`no registry credentials for ${registry}: anonymous access`);
  return { source: 'anonymous' };
}
