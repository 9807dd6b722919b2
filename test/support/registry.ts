import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { startTokenServer, type TokenServer } from './token-server.js';

const execFileAsync = promisify(execFile);

/**
 * Debian's docker-registry (CNCF distribution 2.8) on loopback, as the real registry of the
 * integration tests and the benchmark (scripts/ensure-system-deps.sh installs it).
 */
export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; username: string; password: string }
  | {
      kind: 'token';
      username: string;
      password: string;
      /** users the token server grants `pull` only */
      readers?: { username: string; password: string }[];
      /** announce a fault proxy in front of the token server as the realm, so token answers can be faulted */
      realmProxy?: boolean;
    };

export interface TestRegistry {
  /** '127.0.0.1:PORT' */
  host: string;
  /** 'http://127.0.0.1:PORT' */
  url: string;
  auth: RegistryAuth;
  tokenServer?: TokenServer;
  /** with `realmProxy`: the fault proxy the registry names as its realm, in front of tokenServer */
  tokenProxy?: FaultProxy;
  /** the registry's storage root: `docker/registry/v2/{blobs,repositories}` below it */
  dataDir: string;
  /** the registry's stdout and stderr: application log and access log */
  logFile: string;
  /** manifest, blob and tag requests in the registry's access log so far, or -1 if not measurable */
  requestCount(): number;
  /**
   * Resolves once the access log has stopped growing: distribution writes a request's access-log
   * line after the response has gone out, so a count taken right after a fetch may miss it.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const REGISTRY_BINARY = process.env.GITOPS_PROMOTE_REGISTRY_BIN ?? '/usr/bin/docker-registry';
const STARTUP_TIMEOUT_MS = 15000;

/** Apache combined format, as gorilla's CombinedLoggingHandler writes it for `log.accesslog`. */
const COUNTED_ACCESS_LINE =
  /"(?:GET|HEAD|PUT|POST|PATCH|DELETE) \/v2\/.+?\/(?:manifests|blobs|tags)\/[^"]* HTTP\/[\d.]+" \d{3} /;

export function countRegistryRequests(log: string): number {
  let count = 0;
  for (const line of log.split('\n')) if (COUNTED_ACCESS_LINE.test(line)) count++;
  return count;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test that crashes before stop() must not leave a registry holding a port.
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function htpasswdLine(username: string, password: string): Promise<string> {
  // distribution accepts only bcrypt entries in the htpasswd file.
  const { stdout } = await execFileAsync('htpasswd', ['-Bbn', username, password]);
  return `${stdout.trim()}\n`;
}

/** Starts the registry and waits until /v2/ answers (200, or 401 with auth). */
async function launch(configFile: string, logFile: string, url: string): Promise<ChildProcess | undefined> {
  const fd = openSync(logFile, 'a');
  const child = spawn(REGISTRY_BINARY, ['serve', configFile], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  killOnExit(child);
  let exited = false;
  let spawnError: Error | undefined;
  child.once('exit', () => (exited = true));
  child.once('error', (err) => (spawnError = err));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError)
      throw new Error(
        `cannot run ${REGISTRY_BINARY} (scripts/ensure-system-deps.sh installs it): ${spawnError.message}`,
      );
    if (exited) return undefined;
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return child;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  child.kill('SIGKILL');
  await waitForExit(child, 2000);
  throw new Error(
    `docker-registry did not answer ${url}/v2/ within ${STARTUP_TIMEOUT_MS} ms; log:\n${readLog(logFile)}`,
  );
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

export async function startRegistry(auth: RegistryAuth = { kind: 'none' }): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'gitops-promote-registry-'));
  const logFile = join(dir, 'registry.log');
  let tokenServer: TokenServer | undefined;
  let tokenProxy: FaultProxy | undefined;
  const dataDir = join(dir, 'data');
  try {
    let authConfig: Record<string, unknown> | undefined;
    if (auth.kind === 'htpasswd') {
      const htpasswdFile = join(dir, 'htpasswd');
      await writeFile(htpasswdFile, await htpasswdLine(auth.username, auth.password));
      authConfig = { htpasswd: { realm: 'gitops-promote-test', path: htpasswdFile } };
    } else if (auth.kind === 'token') {
      tokenServer = await startTokenServer({
        username: auth.username,
        password: auth.password,
        dir,
        ...(auth.readers ? { readers: auth.readers } : {}),
      });
      if (auth.realmProxy) tokenProxy = await startFaultProxy(tokenServer.url);
      authConfig = {
        token: {
          realm: tokenProxy ? `${tokenProxy.url}/token` : tokenServer.realm,
          service: tokenServer.service,
          issuer: tokenServer.issuer,
          rootcertbundle: tokenServer.certFile,
        },
      };
    }

    // The port is found free and then handed to the registry, so another process may take it in
    // between: the registry then exits at once and a new port is tried.
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freePort();
      const host = `127.0.0.1:${port}`;
      const url = `http://${host}`;
      const config = {
        version: 0.1,
        log: { level: 'info', formatter: 'text', accesslog: { disabled: false } },
        storage: {
          filesystem: { rootdirectory: dataDir },
          delete: { enabled: true },
          maintenance: { uploadpurging: { enabled: false } },
        },
        http: { addr: host, secret: randomBytes(16).toString('hex') },
        ...(authConfig ? { auth: authConfig } : {}),
      };
      const configFile = join(dir, 'config.yml');
      await writeFile(configFile, stringify(config));
      const child = await launch(configFile, logFile, url);
      if (!child) continue;

      let stopped = false;
      const server = tokenServer;
      const realmProxy = tokenProxy;
      return {
        host,
        url,
        auth,
        ...(server ? { tokenServer: server } : {}),
        ...(realmProxy ? { tokenProxy: realmProxy } : {}),
        dataDir,
        logFile,
        requestCount: () => {
          try {
            return countRegistryRequests(readFileSync(logFile, 'utf8'));
          } catch {
            return -1;
          }
        },
        settled: async () => {
          let size = -1;
          for (let i = 0; i < 40; i++) {
            const now = statSync(logFile).size;
            if (now === size) return;
            size = now;
            await sleep(25);
          }
        },
        stop: async () => {
          if (stopped) return;
          stopped = true;
          child.kill('SIGTERM');
          if (!(await waitForExit(child, 5000))) {
            child.kill('SIGKILL');
            await waitForExit(child, 2000);
          }
          await realmProxy?.stop();
          await server?.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    throw new Error(`docker-registry exited at start-up five times; log:\n${readLog(logFile)}`);
  } catch (err) {
    await tokenProxy?.stop();
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
