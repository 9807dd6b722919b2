import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';

/** The parts of Docker's `config.json` a registry client reads (docker/cli `cli/config/configfile/file.go`). */
export interface DockerConfig {
  auths?: Record<string, DockerAuthEntry>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

/** What one source knows about one registry; empty fields are absent. */
export interface DockerCredentials {
  username?: string;
  password?: string;
  identityToken?: string;
  registryToken?: string;
}

/** Docker Hub's key in `auths` and the server address its helpers are asked for (login docs). */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `$DOCKER_CONFIG/config.json` when DOCKER_CONFIG is set, else `$HOME/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_CONFIG) return path.join(env.DOCKER_CONFIG, 'config.json');
  const home = env.HOME ?? env.USERPROFILE;
  return home ? path.join(home, '.docker', 'config.json') : undefined;
}

/** undefined when the file does not exist; a clear error when it exists and is not a JSON object. */
export async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw new Error(`reading the Docker config ${file}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `the Docker config ${file} is not valid JSON (${(err as Error).message}); fix it or point DOCKER_CONFIG at another directory`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(
      `the Docker config ${file} is not a JSON object; fix it or point DOCKER_CONFIG at another directory`,
    );
  }
  return parsed as DockerConfig;
}

/** docker/cli `ConvertToHostname`: strip the scheme and everything from the first slash. */
export function convertToHostname(address: string): string {
  const stripped = address.replace(/^https?:\/\//i, '');
  return stripped.split('/')[0]!.toLowerCase();
}

function isDockerHub(registry: string): boolean {
  return DOCKER_HUB_HOSTS.has(registry.toLowerCase());
}

/** The server address Docker uses as a key and sends to helpers for this registry. */
export function serverAddress(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_CONFIG_KEY : registry.toLowerCase();
}

/** Exact key first, then any key whose hostname matches after stripping scheme and path (docker/cli `file_store.go`). */
export function findConfigKey<T>(map: Record<string, T> | undefined, registry: string): string | undefined {
  if (!map) return undefined;
  const exact = [serverAddress(registry), registry];
  for (const key of exact) if (Object.hasOwn(map, key)) return key;
  const wanted = isDockerHub(registry) ? DOCKER_HUB_HOSTS : new Set([registry.toLowerCase()]);
  return Object.keys(map).find((key) => wanted.has(convertToHostname(key)));
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An `auths` entry: `auth` is base64 of `user:password`, split at the first colon (passwords may hold colons). */
export function decodeAuthEntry(entry: DockerAuthEntry, key: string, file: string): DockerCredentials {
  const creds: DockerCredentials = {};
  if (nonEmpty(entry.auth)) {
    const decoded = Buffer.from(entry.auth!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new Error(`the Docker config ${file}: auths["${key}"].auth is not base64 of user:password`);
    creds.username = decoded.slice(0, colon);
    creds.password = decoded.slice(colon + 1);
  } else {
    if (nonEmpty(entry.username)) creds.username = entry.username;
    if (nonEmpty(entry.password)) creds.password = entry.password;
  }
  if (nonEmpty(entry.identitytoken)) creds.identityToken = entry.identitytoken;
  if (nonEmpty(entry.registrytoken)) creds.registryToken = entry.registrytoken;
  return creds;
}

export function hasCredentials(c: DockerCredentials | undefined): c is DockerCredentials {
  return !!c && (!!(c.username && c.password) || !!c.identityToken || !!c.registryToken);
}

/** `credHelpers[host]` wins over `credsStore` (docker/cli `getConfiguredCredentialStore`). */
export function credentialHelperFor(config: DockerConfig, registry: string): string | undefined {
  const key = findConfigKey(config.credHelpers, registry);
  const helper = key !== undefined ? nonEmpty(config.credHelpers![key]) : undefined;
  return helper ?? nonEmpty(config.credsStore);
}

/** `docker-credential-<name>` on the PATH of `env` (not of this process: tests and callers may pass their own). */
export async function findHelperProgram(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const program = `docker-credential-${name}`;
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = path.join(dir, program + ext);
      try {
        await access(candidate, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Runs `docker-credential-<name> get` with the server address on stdin, as Docker does
 * (docker/docker-credential-helpers `credentials/credentials.go`). "credentials not found" (exit 1)
 * means none; Username `<token>` means Secret is an identity token (`native_store.go`).
 */
export async function runCredentialHelper(
  name: string,
  registry: string,
  env: NodeJS.ProcessEnv,
  logger: Logger = silentLogger,
): Promise<DockerCredentials | undefined> {
  const program = await findHelperProgram(name, env);
  if (!program) {
    logger.warning(
      `the Docker config names the credential helper "${name}" for ${registry}, but docker-credential-${name} is not on PATH; trying other sources`,
    );
    return undefined;
  }
  const address = serverAddress(registry);
  // @actions/exec is loaded only when a helper is configured: it is start-up cost for every other call.
  const out = await (
    await import('@actions/exec')
  ).getExecOutput(program, ['get'], {
    input: Buffer.from(address),
    silent: true,
    ignoreReturnCode: true,
    env: env as Record<string, string>,
  });
  const said = `${out.stdout}\n${out.stderr}`;
  if (out.exitCode !== 0) {
    if (/credentials not found/i.test(said)) return undefined;
    const firstLine = (out.stderr.trim() || out.stdout.trim()).split('\n')[0] ?? '';
    throw new Error(
      `the credential helper docker-credential-${name} failed for ${address} (exit ${out.exitCode})${firstLine ? `: ${firstLine.slice(0, 200)}` : ''}`,
    );
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(out.stdout) as typeof answer;
  } catch {
    // stdout may hold the secret: never echo it
    throw new Error(
      `the credential helper docker-credential-${name} answered for ${address} with something that is not JSON`,
    );
  }
  const username = nonEmpty(answer.Username);
  const secret = nonEmpty(answer.Secret);
  if (!secret) return undefined;
  if (username === '<token>') return { identityToken: secret };
  return username ? { username, password: secret } : undefined;
}
