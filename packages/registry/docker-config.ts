import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** How long a credential helper may take before it is stopped (a helper waiting on a locked keychain's prompt). */
export const DEFAULT_HELPER_TIMEOUT_MS = 30_000;
/** A helper's answer is a small JSON object; more than this is not an answer. */
const MAX_HELPER_OUTPUT_BYTES = 1 << 20;
/** After the helper exits, how long its stdout may stay open (held by a process it started) before it is read as ended. */
const STDOUT_GRACE_MS = 1000;

export interface CredentialHelperOptions {
  /** stop the helper after this long; DEFAULT_HELPER_TIMEOUT_MS by default */
  timeoutMs?: number;
  /** where the Docker config names the helper, for the way out: `credHelpers["ghcr.io"] in /home/u/.docker/config.json` */
  configured?: string;
  /** called with the secret of a helper's answer as soon as it is read, so an action can `core.setSecret` it */
  onSecret?: (secret: string) => void;
}

interface HelperRun {
  stdout: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  tooLong: boolean;
}

/**
 * Runs the helper with its own process group (POSIX), so that a timeout stops a shell script and
 * whatever it started. stderr is drained and dropped: see runCredentialHelper. The helper may exit
 * without reading its input: the EPIPE (or ECONNRESET on Windows) of that write is expected and
 * its answer still counts (Docker's helper client, docker-credential-helpers `client/client.go`,
 * runs on Go's os/exec, which drops that EPIPE when the program exits 0: `skipStdinCopyError`).
 */
function runHelperProcess(
  program: string,
  input: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<HelperRun> {
  return new Promise((resolve, reject) => {
    const windows = process.platform === 'win32';
    let child: ChildProcessWithoutNullStreams;
    try {
      // Node refuses to run .cmd/.bat without a shell (CVE-2024-27980); the path comes from PATH, and
      // is quoted for the shell, which joins the command line unquoted (C:\Program Files\…).
      const script = windows && /\.(?:cmd|bat)$/i.test(program);
      child = spawn(script ? `"${program}"` : program, ['get'], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
        detached: !windows,
        shell: script,
      });
    } catch (err) {
      reject(err as Error);
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let tooLong = false;
    let done = false;
    const stop = () => {
      try {
        if (!windows && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (run: Omit<HelperRun, 'stdout' | 'tooLong'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...run, stdout: Buffer.concat(chunks).toString('utf8'), tooLong });
    };
    const timer = setTimeout(() => {
      stop();
      child.stdout.destroy();
      child.stderr.destroy();
      finish({ code: null, signal: null, timedOut: true });
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (tooLong) return;
      length += chunk.length;
      if (length > MAX_HELPER_OUTPUT_BYTES) {
        tooLong = true;
        chunks.length = 0;
        stop();
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.resume();
    child.stdin.on('error', () => {
      // the helper closed its input unread: expected, see above
    });
    child.once('error', (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(err);
    });
    // The answer is complete once the helper has exited and its stdout has ended. A process it left
    // behind may hold stdout open (an agent it started): then what was read within a grace period counts.
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let ended = false;
    const settle = () => {
      if (exited && ended) finish({ ...exited, timedOut: false });
    };
    child.stdout.once('end', () => {
      ended = true;
      settle();
    });
    child.stdout.once('close', () => {
      ended = true;
      settle();
    });
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      settle();
      if (!done) {
        setTimeout(() => {
          ended = true;
          child.stdout.destroy();
          child.stderr.destroy();
          settle();
        }, STDOUT_GRACE_MS).unref();
      }
    });
    child.stdin.end(input);
  });
}

/**
 * Runs `docker-credential-<name> get` with the server address on stdin, as Docker does
 * (docker/docker-credential-helpers `credentials/credentials.go`). "credentials not found" (exit 1)
 * means none; Username `<token>` means Secret is an identity token (`native_store.go`).
 *
 * Nothing the helper prints reaches an error or a log: not stdout, which is its answer, and not
 * stderr either. Only strings known to be secrets can be masked, and a helper that failed gave no
 * answer to learn them from, while its stderr is free text from another program: a `set -x` trace
 * of the `echo` that prints the answer, an answer written to the wrong stream, a debug dump. So the
 * error names the helper, its exit code and the command that shows what it says, run by the user.
 * (Docker's own client quotes stdout in its error: docker-credential-helpers `client/client.go`.)
 */
export async function runCredentialHelper(
  name: string,
  registry: string,
  env: NodeJS.ProcessEnv,
  logger: Logger = silentLogger,
  opts: CredentialHelperOptions = {},
): Promise<DockerCredentials | undefined> {
  const program = await findHelperProgram(name, env);
  if (!program) {
    logger.warning(
      `the Docker config names the credential helper "${name}" for ${registry}, but docker-credential-${name} is not on PATH; trying other sources`,
    );
    return undefined;
  }
  const address = serverAddress(registry);
  const helper = `docker-credential-${name}`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  const wayOut =
    `run \`echo ${address} | ${helper} get\` to see what it says and fix it (often: log in to ${registry} again), ` +
    `${opts.configured ? `remove ${opts.configured}` : 'remove it from the Docker config'}, ` +
    "or give the registry credentials directly (username and password inputs; the CLI's --username and --password-stdin)";

  let run: HelperRun;
  try {
    run = await runHelperProcess(program, address, env, timeoutMs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `the credential helper ${helper} (${program}) could not be started${code ? ` (${code})` : ''}; ${wayOut}`,
    );
  }
  if (run.timedOut) {
    throw new Error(
      `the credential helper ${helper} did not answer for ${address} within ${Math.round(timeoutMs / 100) / 10} s and was stopped (is it waiting for a keychain to be unlocked or a prompt to be answered?); ${wayOut}`,
    );
  }
  if (run.tooLong) {
    throw new Error(
      `the credential helper ${helper} printed more than ${MAX_HELPER_OUTPUT_BYTES} bytes for ${address} and was stopped; its output is not shown, as it may hold the password; ${wayOut}`,
    );
  }
  if (run.signal) {
    throw new Error(
      `the credential helper ${helper} was killed by ${run.signal} while asked for ${address}; its output is not shown, as it may hold the password; ${wayOut}`,
    );
  }
  if (run.code !== 0) {
    // docker-credential-helpers `credentials.NewErrCredentialsNotFound`: exit 1 with this text on stdout.
    if (/credentials not found/i.test(run.stdout)) return undefined;
    throw new Error(
      `the credential helper ${helper} failed for ${address} with exit code ${run.code}; its output is not shown, as it may hold the password; ${wayOut}`,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(run.stdout);
  } catch {
    answer = undefined;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    // stdout may hold the secret: never echo it
    throw new Error(`the credential helper ${helper} answered for ${address} with something that is not JSON`);
  }
  const { Username, Secret } = answer as { Username?: unknown; Secret?: unknown };
  const username = nonEmpty(Username);
  const secret = nonEmpty(Secret);
  if (!secret) return undefined;
  opts.onSecret?.(secret);
  if (username === '<token>') return { identityToken: secret };
  return username ? { username, password: secret } : undefined;
}
