import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import type { Logger } from '../../packages/common/logger.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { resolveCredentials } from '../../packages/registry/credentials.js';
import { parseImageRef } from '../../packages/tagging/image.js';
import { pushOciImage, tokenAuth, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/**
 * Hostile and broken Docker credential helpers: nothing a helper prints may reach an error or a
 * log line, a helper that does not read its input, hangs or dies is a clear error naming it, and
 * every secret a helper gives is handed to onSecret before anything can print it.
 */

const SECRET = 'hunter2-Sup3r-S3cret-pa55';
const REGISTRY = '127.0.0.1:5999';

let dir: string;
let configDir: string;
let bin: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-secrets-'));
  configDir = path.join(dir, 'docker');
  bin = path.join(dir, 'bin');
  await mkdir(configDir);
  await mkdir(bin);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DOCKER_CONFIG: configDir,
  HOME: path.join(dir, 'home'),
  PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
  ...extra,
});
const writeConfig = (config: object) => writeFile(path.join(configDir, 'config.json'), JSON.stringify(config));
/** A `docker-credential-<name>` shell script; `body` runs with nothing read from stdin unless it reads it. */
async function writeHelper(name: string, body: string): Promise<string> {
  const file = path.join(bin, `docker-credential-${name}`);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}
const answer = (username = 'robot', secret = SECRET) => JSON.stringify({ Username: username, Secret: secret });

/** A logger that keeps every line, to prove none holds the secret. */
function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: (m) => lines.push(`debug: ${m}`),
      info: (m) => lines.push(`info: ${m}`),
      warning: (m) => lines.push(`warning: ${m}`),
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

/** A killed process whose parent died may stay a zombie until reaped: that is not alive. */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^\S+ \(.*\) Z/.test(stat);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    }
    throw err;
  }
}

function expectNoSecret(texts: readonly string[], secret = SECRET): void {
  for (const text of texts) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`robot:${secret}`).toString('base64'));
  }
}

describe('a credential helper that prints its answer and exits non-zero', () => {
  it('fails naming the helper, its exit code and the way out, without anything it printed', async () => {
    // stdout holds the full answer, stderr a `set -x`-style trace of it: neither may be quoted.
    await writeHelper('leaky', `cat >/dev/null\necho '${answer()}'\necho "+ echo '${answer()}'" >&2\nexit 3`);
    await writeConfig({ credHelpers: { [REGISTRY]: 'leaky' } });
    const { logger, lines } = recordingLogger();
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env(), logger }));
    expect(err.message).toBe(
      `the credential helper docker-credential-leaky failed for ${REGISTRY} with exit code 3; its output is not shown, as it may hold the password; run \`echo ${REGISTRY} | docker-credential-leaky get\` to see what it says and fix it (often: log in to ${REGISTRY} again), remove credHelpers["${REGISTRY}"] from ${path.join(configDir, 'config.json')}, or give the registry credentials directly (username and password inputs; the CLI's --username and --password-stdin)`,
    );
    expectNoSecret([err.message, err.stack ?? '', ...lines]);
  });

  it('keeps the answer out of what the CLI prints, debug output included', async () => {
    await writeHelper('leaky', `echo '${answer()}'\necho '${answer()}' >&2\nexit 1`);
    await writeConfig({ credsStore: 'leaky' });
    const out: string[] = [];
    const errs: string[] = [];
    const io: CliIO = {
      readStdin: async () => '',
      out: (l) => out.push(l),
      err: (l) => errs.push(l),
      env: env({ GITOPS_PROMOTE_DEBUG: '1' }),
      nowSeconds: () => 1738860123,
    };
    const code = await runCli(['retag', `${REGISTRY}/app:v1`, 'production'], io);
    expect(code).not.toBe(0);
    expect(errs.join('\n')).toContain('docker-credential-leaky failed for 127.0.0.1:5999 with exit code 1');
    expect(errs.join('\n')).toContain(`remove credsStore from ${path.join(configDir, 'config.json')}`);
    expectNoSecret([...out, ...errs]);
  });

  it('still treats "credentials not found" as no credentials', async () => {
    await writeHelper('none', `echo 'credentials not found in native keychain'\nexit 1`);
    await writeConfig({ credsStore: 'none' });
    expect(await resolveCredentials({ registry: REGISTRY, env: env() })).toEqual({ source: 'anonymous' });
  });
});

describe('a credential helper that does not read its input', () => {
  it('is used: the broken pipe of the unread server address is not a crash', async () => {
    // Closing stdin first makes the write of the server address fail with EPIPE every time.
    await writeHelper('deaf', `exec 0<&-\nsleep 0.2\necho '${answer()}'`);
    await writeConfig({ credHelpers: { [REGISTRY]: 'deaf' } });
    for (let i = 0; i < 3; i++) {
      expect(await resolveCredentials({ registry: REGISTRY, env: env() })).toEqual({
        username: 'robot',
        password: SECRET,
        source: 'credential-helper',
      });
    }
  });

  it('that then fails is a clear error, not a crash', async () => {
    await writeHelper('deaf', `exec 0<&-\nsleep 0.2\necho '${answer()}'\nexit 2`);
    await writeConfig({ credsStore: 'deaf' });
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env() }));
    expect(err.message).toContain(`docker-credential-deaf failed for ${REGISTRY} with exit code 2`);
    expectNoSecret([err.message]);
  });
});

describe('a credential helper that hangs or dies', () => {
  it('is stopped after the timeout, with an error naming it; its children are stopped too', async () => {
    const pidFile = path.join(dir, 'child.pid');
    await writeHelper('stuck', `echo '${answer()}'\nsleep 30 &\necho $! > ${pidFile}\nwait`);
    await writeConfig({ credsStore: 'stuck' });
    const started = Date.now();
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env(), helperTimeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.message).toMatch(
      /^the credential helper docker-credential-stuck did not answer for 127\.0\.0\.1:5999 within 0\.3 s and was stopped .*; run `echo 127\.0\.0\.1:5999 \| docker-credential-stuck get`/,
    );
    expectNoSecret([err.message]);
    // The helper's own child (a shell's `sleep`) went with it: the process group was killed.
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    await new Promise((r) => setTimeout(r, 100));
    expect(await alive(pid)).toBe(false);
  });

  it('that exits with its answer while a process it started holds stdout open is used without waiting for that', async () => {
    const pidFile = path.join(dir, 'agent.pid');
    await writeHelper('agent', `cat >/dev/null\necho '${answer()}'\nsleep 30 &\necho $! > ${pidFile}`);
    await writeConfig({ credsStore: 'agent' });
    const started = Date.now();
    try {
      expect(await resolveCredentials({ registry: REGISTRY, env: env() })).toEqual({
        username: 'robot',
        password: SECRET,
        source: 'credential-helper',
      });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      process.kill(Number((await readFile(pidFile, 'utf8')).trim()), 'SIGKILL');
    }
  });

  it('that dies by a signal is a clear error without its output', async () => {
    await writeHelper('doomed', `echo '${answer()}'\nkill -KILL $$`);
    await writeConfig({ credsStore: 'doomed' });
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env() }));
    expect(err.message).toMatch(
      /^the credential helper docker-credential-doomed was killed by SIGKILL while asked for 127\.0\.0\.1:5999; its output is not shown, as it may hold the password; run /,
    );
    expectNoSecret([err.message]);
  });

  it('that cannot be started names itself', async () => {
    await writeFile(path.join(bin, 'docker-credential-noexec'), '#!/nonexistent/interpreter\n');
    await chmod(path.join(bin, 'docker-credential-noexec'), 0o755);
    await writeConfig({ credsStore: 'noexec' });
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env() }));
    expect(err.message).toContain('the credential helper docker-credential-noexec');
    expect(err.message).toContain('could not be started (ENOENT)');
  });

  it('that prints an endless answer is stopped without quoting it', async () => {
    await writeHelper('flood', `while :; do echo '${answer()}'; done`);
    await writeConfig({ credsStore: 'flood' });
    const err = await failure(resolveCredentials({ registry: REGISTRY, env: env() }));
    expect(err.message).toContain('docker-credential-flood printed more than 1048576 bytes');
    expectNoSecret([err.message]);
  });
});

describe('secrets a helper gives are masked before anything can print them', () => {
  it('hands the password and the identity token to onSecret, through registryClients too', async () => {
    await writeHelper('pw', `cat >/dev/null\necho '${answer()}'`);
    await writeHelper('tok', `cat >/dev/null\necho '${answer('<token>', 'refresh-token-XYZ-123')}'`);
    await writeConfig({ credHelpers: { [REGISTRY]: 'pw', 'acr.example.com': 'tok' } });

    const secrets: string[] = [];
    const masked = (s: string) => secrets.push(s);
    const credentials = await resolveCredentials({ registry: REGISTRY, env: env(), onSecret: masked });
    expect(credentials).toEqual({ username: 'robot', password: SECRET, source: 'credential-helper' });
    expect(secrets).toContain(SECRET);

    // The factory the actions use: the secrets reach onSecret before the client exists, and the
    // client adds the Basic form of the password.
    const viaFactory: string[] = [];
    const clients = registryClients({ env: env(), onSecret: (s) => viaFactory.push(s) });
    await clients(REGISTRY);
    expect(viaFactory).toContain(SECRET);
    expect(viaFactory).toContain(Buffer.from(`robot:${SECRET}`).toString('base64'));
    await clients('acr.example.com');
    expect(viaFactory).toContain('refresh-token-XYZ-123');
  });

  it('masks the Docker config password, identity token and registry token as well', async () => {
    await writeConfig({
      auths: {
        [REGISTRY]: { auth: Buffer.from(`robot:${SECRET}`).toString('base64') },
        'acr.example.com': { identitytoken: 'refresh-from-config-1' },
        'reg.example.com': { registrytoken: 'bearer-from-config-2' },
      },
    });
    const secrets: string[] = [];
    for (const registry of [REGISTRY, 'acr.example.com', 'reg.example.com'])
      await resolveCredentials({ registry, env: env(), onSecret: (s) => secrets.push(s) });
    expect(new Set(secrets)).toEqual(new Set([SECRET, 'refresh-from-config-1', 'bearer-from-config-2']));
  });
});

describe('an image reference with credentials in it', () => {
  const DIGEST = `sha256:${'a'.repeat(64)}`;
  const cases: [string, string][] = [
    [`https://promoter:${SECRET}@ghcr.io/org/app:v1`, 'https://***@ghcr.io/org/app:v1'],
    [`http://promoter:${SECRET}@127.0.0.1:5000/org/app`, 'http://***@127.0.0.1:5000/org/app'],
    [`https://promoter:${SECRET}@ghcr.io`, 'https://***@ghcr.io'],
    [`promoter:${SECRET}@ghcr.io/org/app:v1`, '***@ghcr.io/org/app:v1'],
    [`promoter:${SECRET}@ghcr.io/org/app@${DIGEST}`, `***@ghcr.io/org/app@${DIGEST}`],
    [`promoter:${SECRET}@ghcr.io`, '***@ghcr.io'],
    [`${SECRET}@ghcr.io/org/app`, '***@ghcr.io/org/app'],
    [`${SECRET}@ghcr.io`, '***@ghcr.io'],
    [`promoter:pa/ss@${SECRET}@ghcr.io/org/app`, '***@ghcr.io/org/app'],
  ];

  it.each(cases)('%s is refused as %s, the password never shown', (ref, shown) => {
    let err: Error | undefined;
    try {
      parseImageRef(ref, 'source');
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toBe(
      `source: ${JSON.stringify(shown)} is not accepted: it holds credentials before "@" (shown as ***); give them as username and password (the actions' inputs, the CLI's --username and --password-stdin) and write the reference without them${/^[a-z]+:\/\//.test(ref) ? ' and without the URL scheme' : ''}. Accepted: an image reference [registry[:port]/]name[:tag][@sha256:<64 hex>] with a lowercase name, e.g. ghcr.io/org/backend or nginx:1.27`,
    );
    expect(JSON.stringify(err)).not.toContain(SECRET);
    expectNoSecret([err!.message, err!.stack ?? '']);
  });

  it('leaves references with a digest, and the scheme refusal, as they were', () => {
    expect(parseImageRef(`nginx@${DIGEST}`)).toEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      digest: DIGEST,
    });
    expect(parseImageRef(`nginx:1.27@${DIGEST}`).digest).toBe(DIGEST);
    expect(parseImageRef(`127.0.0.1:5000/org/app:v1@${DIGEST}`).digest).toBe(DIGEST);
    expect(() => parseImageRef('https://ghcr.io/org/app')).toThrow(
      'it has a URL scheme; write the reference without it',
    );
    expect(() => parseImageRef('ghcr.io/org/app@sha256:abc')).toThrow('digest "sha256:abc" is not sha256');
    expect(() => parseImageRef('app@latest')).toThrow('digest "latest" is not sha256');
  });

  it('is refused by the CLI as source, target or --image without the password', async () => {
    const run = async (argv: string[]) => {
      const lines: string[] = [];
      const io: CliIO = {
        readStdin: async () => '',
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
        env: env({ GITOPS_PROMOTE_DEBUG: '1' }),
        nowSeconds: () => 1738860123,
      };
      const code = await runCli(argv, io);
      return { code, lines };
    };
    const withCreds = `https://promoter:${SECRET}@127.0.0.1:5999/org/app`;
    for (const argv of [
      ['retag', `${withCreds}:v1`, 'production'],
      ['retag', '127.0.0.1:5999/org/app:v1', `${withCreds}:production`],
      ['tags', '--env', 'staging', '--version', '1.0.0', '--sha', 'abcdef0', '--image', withCreds],
      ['latest', '--image', withCreds, '--env', 'staging'],
    ]) {
      const { code, lines } = await run(argv);
      expect(code).not.toBe(0);
      expect(lines.join('\n')).toContain('https://***@127.0.0.1:5999/org/app');
      expectNoSecret(lines);
    }
  });
});

describe('an identity token at a realm without OAuth2 (ACR answering the POST 404)', () => {
  const USER = 'promoter';
  const PASSWORD = 'registry-pa55-word';
  const IDENTITY = 'acr-refresh-token-0123456789abcdef';
  const ACR_USER = '00000000-0000-0000-0000-000000000000';
  const FAST = { retries: 1, baseMs: 5, maxMs: 10, maxRetryAfterMs: 100 };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  let reg: TestRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'token', username: USER, password: PASSWORD });
    image = await pushOciImage(
      { url: reg.url, authorization: tokenAuth(reg.tokenServer!, USER, PASSWORD) },
      'acr/app',
      'v1',
    );
  });
  afterAll(async () => {
    await reg?.stop();
  });
  beforeEach(() => {
    reg.tokenServer!.requests.length = 0;
    reg.tokenServer!.settings.identityTokens = [IDENTITY];
    reg.tokenServer!.settings.oauth = false;
  });

  it('falls back to GET with Basic and retags; the helper token and every form of it are masked', async () => {
    await writeHelper('acr', `cat >/dev/null\necho '{"Username":"<token>","Secret":"${IDENTITY}"}'`);
    await writeConfig({ credHelpers: { [reg.host]: 'acr' } });
    const secrets: string[] = [];
    const { logger, lines } = recordingLogger();
    const clients = registryClients({ env: env(), logger, onSecret: (s) => secrets.push(s), retry: FAST });
    const client = await clients(reg.host);
    const m = await client.getManifest('acr/app', 'v1');
    expect(m.digest).toBe(image.digest);
    expect(await client.putManifest('acr/app', 'production', m)).toBe(image.digest);

    const ts = reg.tokenServer!;
    expect(ts.requests.map((r) => [r.method ?? 'GET', r.path, r.authorization])).toEqual([
      ['POST', '/token', undefined],
      ['GET', '/token', `Basic ${b64(`${ACR_USER}:${IDENTITY}`)}`],
      // the PUT needs push: a new token, asked of the realm with GET straight away
      ['GET', '/token', `Basic ${b64(`${ACR_USER}:${IDENTITY}`)}`],
    ]);
    expect(lines).toContain(
      `debug: getting manifest ${reg.host}/acr/app:v1: ${ts.realm} answered the OAuth2 POST 404; asking with GET and Basic`,
    );
    expect(secrets).toContain(IDENTITY);
    expect(secrets).toContain(b64(`${ACR_USER}:${IDENTITY}`));
    // the registry tokens the realm handed out were masked as they arrived
    expect(secrets.filter((s) => s.split('.').length === 3).length).toBeGreaterThanOrEqual(1);
    for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('sends user and password on the GET when the Docker config has them beside the identity token', async () => {
    await writeConfig({ auths: { [reg.host]: { auth: b64(`${USER}:${PASSWORD}`), identitytoken: 'stale-token' } } });
    const credentials = await resolveCredentials({ registry: reg.host, env: env() });
    const client = new RegistryClient(reg.host, { credentials, retry: FAST });
    expect((await client.getManifest('acr/app', 'v1')).digest).toBe(image.digest);
    expect(reg.tokenServer!.requests.map((r) => [r.method ?? 'GET', r.authorization])).toEqual([
      ['POST', undefined],
      ['GET', `Basic ${b64(`${USER}:${PASSWORD}`)}`],
    ]);
  });

  it('uses the OAuth2 POST alone where the realm has it, and masks a rotated refresh token', async () => {
    reg.tokenServer!.settings.oauth = true;
    const secrets: string[] = [];
    const client = new RegistryClient(reg.host, {
      credentials: { identityToken: IDENTITY, source: 'docker-config' },
      retry: FAST,
      onSecret: (s) => secrets.push(s),
    });
    expect((await client.getManifest('acr/app', 'v1')).digest).toBe(image.digest);
    const [post, ...rest] = reg.tokenServer!.requests;
    expect(rest).toEqual([]);
    expect(post).toMatchObject({
      method: 'POST',
      path: '/token',
      form: { grant_type: 'refresh_token', refresh_token: IDENTITY },
    });
    expect(secrets.some((s) => s.startsWith('rotated-'))).toBe(true);
  });

  it('fails clearly, without the token, when the GET refuses it too', async () => {
    reg.tokenServer!.settings.identityTokens = [];
    const secrets: string[] = [];
    const client = new RegistryClient(reg.host, {
      credentials: { identityToken: IDENTITY, source: 'credential-helper' },
      retry: FAST,
      onSecret: (s) => secrets.push(s),
    });
    const err = await failure(client.getManifest('acr/app', 'v1'));
    expect(err.message).toContain(`the token server ${reg.tokenServer!.realm} answered 401`);
    expect(reg.tokenServer!.requests.map((r) => r.method ?? 'GET')).toEqual(['POST', 'GET']);
    for (const secret of [IDENTITY, b64(`${ACR_USER}:${IDENTITY}`), ...secrets])
      expect(err.message).not.toContain(secret);
  });
});
