import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { digestOf, RegistryClient, type RegistryClientOptions } from '../../packages/registry/client.js';
import { resolveCredentials, type Credentials } from '../../packages/registry/credentials.js';
import { basicAuth, pushOciImage, tokenAuth, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

const USER = 'promoter';
const PASSWORD = 's3cret-pa55';
const WRONG = 'wr0ng-pa55word';
const FAST = { retries: 1, baseMs: 5, maxMs: 10, maxRetryAfterMs: 100 };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** An HTTP listener on loopback that records every request it gets. */
interface Listener {
  url: string;
  host: string;
  requests: { method: string; path: string; authorization?: string }[];
  stop(): Promise<void>;
}
async function startListener(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.writeHead(404).end(),
): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The client's own view of where each Authorization header went. */
function recordingFetch(): { fetchImpl: typeof fetch; sent: { url: string; authorization: string | null }[] } {
  const sent: { url: string; authorization: string | null }[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    sent.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    return fetch(input, init);
  };
  return { fetchImpl, sent };
}

function clientFor(
  reg: TestRegistry,
  credentials: Credentials,
  secrets: string[],
  opts: RegistryClientOptions = {},
): RegistryClient {
  return new RegistryClient(reg.host, { credentials, retry: FAST, onSecret: (s) => secrets.push(s), ...opts });
}

function expectNoSecret(message: string, secrets: string[]): void {
  for (const secret of [...secrets, PASSWORD, WRONG, b64(`${USER}:${PASSWORD}`), b64(`${USER}:${WRONG}`)])
    expect(message).not.toContain(secret);
}

let bystander: Listener;
beforeAll(async () => {
  bystander = await startListener();
});
afterAll(async () => {
  await bystander?.stop();
});
afterEach(() => {
  // Named by nothing: no credential, token or request may ever reach it.
  expect(bystander.requests).toEqual([]);
});

describe('htpasswd (Basic) registry', () => {
  let reg: TestRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD });
    image = await pushOciImage({ url: reg.url, authorization: basicAuth(USER, PASSWORD) }, 'auth/app', 'v1');
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('reads, retags and lists with the username/password inputs', async () => {
    const secrets: string[] = [];
    const credentials = await resolveCredentials({ registry: reg.host, username: USER, password: PASSWORD, env: {} });
    const { fetchImpl, sent } = recordingFetch();
    const client = clientFor(reg, credentials, secrets, { fetchImpl });
    const m = await client.getManifest('auth/app', 'v1');
    expect(await client.putManifest('auth/app', 'production', m)).toBe(image.digest);
    expect((await client.listTags('auth/app')).sort()).toEqual(['production', 'v1']);
    expect(new Set(sent.map((s) => new URL(s.url).host))).toEqual(new Set([reg.host]));
    expect(sent.map((s) => s.authorization)).toEqual([
      null,
      `Basic ${b64(`${USER}:${PASSWORD}`)}`,
      `Basic ${b64(`${USER}:${PASSWORD}`)}`,
      `Basic ${b64(`${USER}:${PASSWORD}`)}`,
    ]);
    expect(secrets).toEqual([PASSWORD, b64(`${USER}:${PASSWORD}`)]);
  });

  it('reads credentials from the Docker config', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'registry-auth-config-'));
    try {
      await writeFile(
        path.join(dir, 'config.json'),
        JSON.stringify({ auths: { [`http://${reg.host}/v2/`]: { auth: b64(`${USER}:${PASSWORD}`) } } }),
      );
      const credentials = await resolveCredentials({ registry: reg.host, env: { DOCKER_CONFIG: dir } });
      expect(credentials.source).toBe('docker-config');
      expect((await clientFor(reg, credentials, []).getManifest('auth/app', 'v1')).digest).toBe(image.digest);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a clear error for a wrong password, without the password', async () => {
    const secrets: string[] = [];
    const client = clientFor(reg, { username: USER, password: WRONG, source: 'input' }, secrets);
    const err = (await client
      .putManifest('auth/app', 'production-v1', {
        bytes: image.bytes,
        mediaType: image.mediaType,
        digest: image.digest,
      })
      .catch((e: Error) => e)) as Error;
    expect(err.message).toBe(
      `pushing manifest to ${reg.host}/auth/app:production-v1: 401 UNAUTHORIZED authentication required — check username/password`,
    );
    expectNoSecret(err.message, secrets);
    expect(
      await clientFor(reg, { username: USER, password: PASSWORD, source: 'input' }, []).headManifest(
        'auth/app',
        'production-v1',
      ),
    ).toBeUndefined();
  });

  it('tells an anonymous caller where credentials come from', async () => {
    await expect(clientFor(reg, { source: 'anonymous' }, []).getManifest('auth/app', 'v1')).rejects.toThrow(
      `getting manifest ${reg.host}/auth/app:v1: 401 UNAUTHORIZED authentication required — no credentials for ${reg.host}: pass username and password, log in with docker login`,
    );
  });
});

describe('token registry', () => {
  let reg: TestRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'token', username: USER, password: PASSWORD });
    image = await pushOciImage(
      { url: reg.url, authorization: tokenAuth(reg.tokenServer!, USER, PASSWORD) },
      'auth/app',
      'v1',
    );
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('retags with one token fetch; credentials go only to the realm, tokens only to the registry', async () => {
    const ts = reg.tokenServer!;
    ts.requests.length = 0;
    const secrets: string[] = [];
    const { fetchImpl, sent } = recordingFetch();
    const client = clientFor(reg, { username: USER, password: PASSWORD, source: 'input' }, secrets, {
      fetchImpl,
      access: 'push',
    });
    const m = await client.getManifest('auth/app', 'v1');
    expect(await client.putManifest('auth/app', 'production', m)).toBe(image.digest);
    expect(await client.putManifest('auth/app', 'production-v1', m)).toBe(image.digest);
    expect((await client.listTags('auth/app')).sort()).toEqual(['production', 'production-v1', 'v1']);
    expect(client.tokenRequestCount).toBe(1);
    expect(client.requestCount).toBe(5);

    expect(ts.requests).toEqual([
      {
        path: '/token',
        query: `service=${encodeURIComponent(ts.service)}&scope=${encodeURIComponent('repository:auth/app:pull,push')}`,
        authorization: `Basic ${b64(`${USER}:${PASSWORD}`)}`,
      },
    ]);
    const token = secrets[2]!;
    expect(secrets).toEqual([PASSWORD, b64(`${USER}:${PASSWORD}`), token]);
    for (const s of sent) {
      const url = new URL(s.url);
      if (url.origin === new URL(ts.realm).origin)
        expect([url.pathname, s.authorization]).toEqual(['/token', `Basic ${b64(`${USER}:${PASSWORD}`)}`]);
      else expect([url.host, s.authorization ?? `Bearer ${token}`]).toEqual([reg.host, `Bearer ${token}`]);
    }
  });

  it('takes credentials from a credential helper', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'registry-auth-helper-'));
    try {
      await mkdir(path.join(dir, 'bin'));
      const helper = path.join(dir, 'bin', 'docker-credential-test');
      await writeFile(
        helper,
        `#!/bin/sh\nserver=$(cat)\n[ "$server" = "${reg.host}" ] || exit 2\necho '{"Username":"${USER}","Secret":"${PASSWORD}"}'\n`,
      );
      await chmod(helper, 0o755);
      await writeFile(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'test' } }));
      const credentials = await resolveCredentials({
        registry: reg.host,
        env: { DOCKER_CONFIG: dir, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}` },
      });
      expect(credentials).toEqual({ username: USER, password: PASSWORD, source: 'credential-helper' });
      expect((await clientFor(reg, credentials, []).getManifest('auth/app', 'v1')).digest).toBe(image.digest);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a clear error for a wrong password at the token server, without any secret', async () => {
    const secrets: string[] = [];
    const err = (await clientFor(reg, { username: USER, password: WRONG, source: 'input' }, secrets)
      .getManifest('auth/app', 'v1')
      .catch((e: Error) => e)) as Error;
    expect(err.message).toBe(
      `getting manifest ${reg.host}/auth/app:v1: the token server ${reg.tokenServer!.realm} answered 401 UNAUTHORIZED invalid username or password — check username/password`,
    );
    expectNoSecret(err.message, secrets);
  });

  it('names the registry error when a pushed tag is refused, without the token', async () => {
    const secrets: string[] = [];
    const client = clientFor(reg, { username: USER, password: PASSWORD, source: 'input' }, secrets);
    const bad = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{}}');
    const err = (await client
      .putManifest('auth/app', 'broken', {
        bytes: bad,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: digestOf(bad),
      })
      .catch((e: Error) => e)) as Error;
    expect(err.message).toBe(
      `pushing manifest to ${reg.host}/auth/app:broken: 400 DIGEST_INVALID provided digest did not match uploaded content; MANIFEST_BLOB_UNKNOWN blob unknown to registry` +
        ' — the repository lacks a blob or child manifest this manifest references; copy them into the repository first',
    );
    expect(secrets).toHaveLength(3);
    expectNoSecret(err.message, secrets);
  });
});

describe('blob storage on another host', () => {
  it('gets the redirected request without credentials', async () => {
    const blob = Buffer.from('{"config":{"Labels":{}}}');
    const digest = digestOf(blob);
    const storage = await startListener((_req, res) =>
      res.writeHead(200, { 'content-length': String(blob.length) }).end(blob),
    );
    const registry = await startListener((req, res) => {
      if (req.headers.authorization !== `Basic ${b64(`${USER}:${PASSWORD}`)}`) {
        res
          .writeHead(401, { 'www-authenticate': 'Basic realm="r"', 'content-type': 'application/json' })
          .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
        return;
      }
      res.writeHead(307, { location: `${storage.url}/bucket/blob?signature=abc` }).end();
    });
    try {
      const client = new RegistryClient(registry.host, {
        credentials: { username: USER, password: PASSWORD, source: 'input' },
        retry: FAST,
      });
      expect((await client.getBlob('auth/app', digest)).equals(blob)).toBe(true);
      expect(registry.requests.map((r) => r.authorization)).toEqual([undefined, `Basic ${b64(`${USER}:${PASSWORD}`)}`]);
      expect(storage.requests).toEqual([{ method: 'GET', path: '/bucket/blob?signature=abc' }]);
    } finally {
      await storage.stop();
      await registry.stop();
    }
  });
});
