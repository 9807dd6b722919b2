import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo, type LookupFunction, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { createGitHubClient } from '../../packages/github/client.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { createHttpTransport } from '../../packages/registry/transport.js';
import { basicAuth, pushOciImage, type PushedImage } from '../support/images.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for the registry client and the GitHub client, through a
 * recording forward proxy on loopback, with the real docker-registry and the GitHub stand-in behind it.
 *
 * Loopback never goes through a proxy (packages/common/proxy.ts), so the clients name the servers
 * `registry.test` and `github.test`: the proxy resolves those to 127.0.0.1, and so does the clients'
 * test `lookup` when they connect directly. Nothing here touches process.env: every client gets `env`.
 */

const USER = 'promoter';
const PASSWORD = 'registry-secret-4711';
const TOKEN = 'ghs_proxytesttoken0123456789';
const PROXY_USER = 'proxyuser';
const PROXY_PASSWORD = 'proxy pass:w0rd';
const FAST: RetryPolicy = { retries: 1, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 };
const FAKE_HOSTS = new Set(['registry.test', 'github.test']);

const resolveFake = (host: string) => (FAKE_HOSTS.has(host) ? '127.0.0.1' : host);
const lookup = ((hostname: string, options: object, callback: never) =>
  dnsLookup(resolveFake(hostname), options, callback)) as unknown as LookupFunction;

interface Passage {
  kind: 'forward' | 'connect';
  method: string;
  /** the absolute URL of a forwarded request, or `host:port` of a CONNECT */
  target: string;
  headers: IncomingHttpHeaders;
  /** what the client sent inside a CONNECT tunnel */
  tunnelled: Buffer[];
}

interface RecordingProxy {
  url: string;
  /** the proxy URL with credentials, percent-encoded as a user would write it */
  urlWithCredentials: string;
  passages: Passage[];
  /** the client sockets of CONNECTs left unanswered on purpose (holdConnect) */
  held: Socket[];
  close(): Promise<void>;
}

/** A forward proxy: absolute-form requests are relayed, CONNECT opens a tunnel; everything is recorded. */
async function startRecordingProxy(
  opts: { requireAuth?: boolean; holdConnect?: boolean } = {},
): Promise<RecordingProxy> {
  const passages: Passage[] = [];
  const held: Socket[] = [];
  const tunnels = new Set<Socket>();
  const expected = `Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`;
  const authorized = (headers: IncomingHttpHeaders) => !opts.requireAuth || headers['proxy-authorization'] === expected;
  const server: Server = createServer((req, res) => {
    passages.push({
      kind: 'forward',
      method: req.method ?? '',
      target: req.url ?? '',
      headers: req.headers,
      tunnelled: [],
    });
    if (!authorized(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      {
        host: resolveFake(target.hostname),
        port: target.port || 80,
        method: req.method,
        path: target.pathname + target.search,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const passage: Passage = {
      kind: 'connect',
      method: req.method ?? '',
      target: req.url ?? '',
      headers: req.headers,
      tunnelled: [],
    };
    passages.push(passage);
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    client.on('error', () => {});
    if (opts.holdConnect) {
      held.push(client);
      return;
    }
    if (!authorized(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const at = (req.url ?? '').lastIndexOf(':');
    const upstream = netConnect(
      Number((req.url ?? '').slice(at + 1)),
      resolveFake((req.url ?? '').slice(0, at)),
      () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        client.on('data', (chunk: Buffer) => passage.tunnelled.push(chunk));
        client.pipe(upstream);
        upstream.pipe(client);
      },
    );
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    urlWithCredentials: `http://${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${port}`,
    passages,
    held,
    close: async () => {
      // CONNECT sockets have left the server's books: a keep-alive tunnel would hold close() open.
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** TLS in front of a plain-http server on loopback, with the test certificate. */
async function startTlsFront(port: number, key: Buffer, cert: Buffer): Promise<{ port: number; server: TlsServer }> {
  const server = createTlsServer({ key, cert }, (client) => {
    const upstream = netConnect(port, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

let dir: string;
let key: Buffer;
let cert: Buffer;
let reg: TestRegistry;
let regTls: { port: number; server: TlsServer };
let image: PushedImage;
let standIn: StandIn;
let githubTls: { port: number; server: TlsServer };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'proxy-test-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]
      .concat(['-days', '2', '-subj', '/CN=registry.test'])
      .concat(['-addext', 'subjectAltName=DNS:registry.test,DNS:github.test']),
    { stdio: 'ignore' },
  );
  key = readFileSync(join(dir, 'key.pem'));
  cert = readFileSync(join(dir, 'cert.pem'));
  reg = await startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD });
  image = await pushOciImage({ url: reg.url, authorization: basicAuth(USER, PASSWORD) }, 'team/app', 'staging');
  regTls = await startTlsFront(Number(reg.host.split(':')[1]), key, cert);
  standIn = await startGitHubStandIn({ token: TOKEN });
  githubTls = await startTlsFront(Number(new URL(standIn.url).port), key, cert);
}, 60_000);

afterAll(async () => {
  await reg?.stop();
  await standIn?.close();
  regTls?.server.close();
  githubTls?.server.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let proxy: RecordingProxy;
beforeEach(async () => {
  await proxy?.close();
  proxy = await startRecordingProxy({ requireAuth: true });
});
afterAll(async () => {
  await proxy?.close();
});

const credentials = { username: USER, password: PASSWORD, source: 'input' } as const;
const registryPort = () => reg.host.split(':')[1];

/** A retag's requests: GET the source manifest, PUT it under a new tag, HEAD it back. */
async function retag(client: RegistryClient, tag: string) {
  const manifest = await client.getManifest('team/app', image.tag);
  await client.putManifest('team/app', tag, manifest);
  return client.headManifest('team/app', tag);
}

const mentions = (passage: Passage, secret: string) =>
  [JSON.stringify(passage.headers), Buffer.concat(passage.tunnelled).toString('latin1')].some((text) =>
    text.toLowerCase().includes(secret.toLowerCase()),
  );

describe('the registry client', () => {
  it('tunnels to an https registry through HTTPS_PROXY: the proxy sees CONNECT host:port, never a header', async () => {
    const host = `registry.test:${regTls.port}`;
    const client = new RegistryClient(host, {
      credentials,
      retry: FAST,
      fetchImpl: createHttpTransport({ env: { HTTPS_PROXY: proxy.urlWithCredentials }, ca: cert }),
    });
    expect(await retag(client, 'via-connect')).toMatchObject({ digest: image.digest });
    expect(proxy.passages.length).toBeGreaterThan(0);
    for (const passage of proxy.passages) {
      expect(passage).toMatchObject({ kind: 'connect', method: 'CONNECT', target: host });
      expect(passage.headers['proxy-authorization']).toMatch(/^Basic /);
      expect(passage.headers.authorization).toBeUndefined();
      // Inside the tunnel there is only TLS: neither the registry password nor the header name.
      expect(mentions(passage, PASSWORD)).toBe(false);
      expect(Buffer.concat(passage.tunnelled).toString('latin1')).not.toMatch(/authorization/i);
      expect(passage.tunnelled.length).toBeGreaterThan(0);
    }
    // A keep-alive tunnel serves the retag's requests (and its auth challenge): one or two CONNECTs.
    expect(proxy.passages.length).toBeLessThanOrEqual(2);
  });

  it('sends a plain-http registry request to HTTP_PROXY in absolute form, with Proxy-Authorization', async () => {
    const host = `registry.test:${registryPort()}`;
    const client = new RegistryClient(host, {
      credentials,
      retry: FAST,
      insecure: [host],
      env: { http_proxy: proxy.urlWithCredentials, HTTP_PROXY: 'http://127.0.0.1:9' },
    });
    expect(await retag(client, 'via-forward')).toMatchObject({ digest: image.digest });
    expect(proxy.passages.map((p) => `${p.kind} ${p.method} ${p.target}`)).toEqual(
      expect.arrayContaining([
        `forward GET http://${host}/v2/team/app/manifests/${image.tag}`,
        `forward PUT http://${host}/v2/team/app/manifests/via-forward`,
        `forward HEAD http://${host}/v2/team/app/manifests/via-forward`,
      ]),
    );
    for (const passage of proxy.passages) {
      expect(passage.kind).toBe('forward');
      expect(passage.headers.host).toBe(host);
      expect(passage.headers['proxy-authorization']).toMatch(/^Basic /);
    }
  });

  it('takes the proxy variables from the env given to registryClients', async () => {
    const host = `registry.test:${registryPort()}`;
    const clients = registryClients({
      username: USER,
      password: PASSWORD,
      insecure: [host],
      retry: FAST,
      env: { HTTP_PROXY: proxy.urlWithCredentials, PATH: process.env.PATH },
    });
    const client = await clients(host);
    expect(await client.getManifest('team/app', image.tag)).toMatchObject({ digest: image.digest });
    expect(proxy.passages.map((p) => p.target)).toContain(`http://${host}/v2/team/app/manifests/${image.tag}`);
  });

  it.each([
    ['the host', 'registry.test'],
    ['a domain suffix with a leading dot', '.test'],
    ['a domain suffix without one', 'test'],
    ['the host and its port', `registry.test:PORT`],
    ['*', '*'],
  ])('connects directly when NO_PROXY names %s', async (_what, noProxy) => {
    const host = `registry.test:${registryPort()}`;
    const env = {
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: `other.example, ${noProxy.replace('PORT', registryPort())}`,
    };
    const client = new RegistryClient(host, {
      credentials,
      retry: FAST,
      insecure: [host],
      fetchImpl: createHttpTransport({ env, lookup }),
    });
    expect(await client.getManifest('team/app', image.tag)).toMatchObject({ digest: image.digest });
    expect(proxy.passages).toEqual([]);
  });

  it('uses the proxy when NO_PROXY names the host with another port', async () => {
    const host = `registry.test:${registryPort()}`;
    const client = new RegistryClient(host, {
      credentials,
      retry: FAST,
      insecure: [host],
      env: { HTTP_PROXY: proxy.urlWithCredentials, NO_PROXY: 'registry.test:1' },
    });
    await client.getManifest('team/app', image.tag);
    expect(proxy.passages.length).toBeGreaterThan(0);
  });

  it('connects directly without proxy variables, and to loopback whatever they say', async () => {
    const host = `registry.test:${registryPort()}`;
    const direct = new RegistryClient(host, {
      credentials,
      retry: FAST,
      insecure: [host],
      fetchImpl: createHttpTransport({ env: { NO_PROXY: 'anything', PATH: '/usr/bin' }, lookup }),
    });
    expect(await direct.getManifest('team/app', image.tag)).toMatchObject({ digest: image.digest });
    const loopback = new RegistryClient(reg.host, {
      credentials,
      retry: FAST,
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
    });
    expect(await loopback.getManifest('team/app', image.tag)).toMatchObject({ digest: image.digest });
    expect(proxy.passages).toEqual([]);
  });

  it('fails with the proxy named and its password kept out when the proxy refuses the credentials', async () => {
    const wrong = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'not-the-pw0rd');
    const client = new RegistryClient(`registry.test:${regTls.port}`, {
      credentials,
      retry: { ...FAST, retries: 0 },
      fetchImpl: createHttpTransport({ env: { HTTPS_PROXY: wrong }, ca: cert }),
    });
    const err = (await client.getManifest('team/app', image.tag).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(`${err.message} ${String(err.stack)}`).not.toContain('not-the-pw0rd');
    expect(err.message).toMatch(
      /\(the proxy 127\.0\.0\.1:\d+ \(HTTPS_PROXY\) answered the CONNECT with HTTP 407: it refused the credentials in HTTPS_PROXY\)$/,
    );
    expect(proxy.passages.map((p) => p.kind)).toEqual(['connect']);
  });

  it('does not retry a 407: the same credentials would be refused again', async () => {
    const wrong = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'not-the-pw0rd');
    const client = new RegistryClient(`registry.test:${regTls.port}`, {
      credentials,
      retry: { ...FAST, retries: 3 },
      fetchImpl: createHttpTransport({ env: { HTTPS_PROXY: wrong }, ca: cert }),
    });
    const err = (await client.getManifest('team/app', image.tag).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/answered the CONNECT with HTTP 407: it refused the credentials in HTTPS_PROXY\)$/);
    expect(err.message).not.toContain('attempts');
    expect(proxy.passages.map((p) => p.kind)).toEqual(['connect']);
  });

  it('refuses a malformed proxy variable before any request, without printing its password', () => {
    expect(() => createHttpTransport({ env: { HTTPS_PROXY: 'http://me:hunter2@[not-a-host' } })).toThrow(
      /HTTPS_PROXY: "http:\/\/me:\*\*\*@\[not-a-host" is not accepted/,
    );
    expect(() => createHttpTransport({ env: { https_proxy: 'socks5://me:hunter2@proxy:1080' } })).toThrow(
      /https_proxy: "socks5:\/\/me:\*\*\*@proxy:1080" is not accepted: socks5 proxies are not supported/,
    );
  });

  it('bounds a CONNECT the proxy never answers by connectTimeoutMs, and lets its socket go', async () => {
    const silent = await startRecordingProxy({ holdConnect: true });
    try {
      const transport = createHttpTransport({ env: { HTTPS_PROXY: silent.url }, connectTimeoutMs: 300, ca: cert });
      const started = Date.now();
      const err = (await transport(`https://registry.test:${regTls.port}/v2/`).catch((e: unknown) => e)) as Error;
      expect((err.cause as Error).message).toMatch(
        /^no connection to registry\.test:\d+ through the proxy 127\.0\.0\.1:\d+ \(HTTPS_PROXY\) within 300 ms/,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      // hpagent gives up on the CONNECT itself a second later: no socket stays open to the proxy.
      await new Promise((resolve) => setTimeout(resolve, 1800));
      expect(silent.held).toHaveLength(1);
      expect(silent.held[0].destroyed || silent.held[0].readableEnded).toBe(true);
    } finally {
      await silent.close();
    }
  });
});

describe('the GitHub client', () => {
  // cert exists once beforeAll has run
  const base = () => ({ token: TOKEN, retryPolicy: { ...FAST, retries: 0 }, lookup, ca: cert });

  it('tunnels to an https API through HTTPS_PROXY: the token stays inside TLS', async () => {
    const client = createGitHubClient({
      ...base(),
      apiUrl: `https://github.test:${githubTls.port}`,
      env: { HTTPS_PROXY: proxy.urlWithCredentials },
    });
    const { data } = await client.rest.repos.get({ owner: standIn.owner, repo: standIn.repo });
    expect(data.name).toBe(standIn.repo);
    expect(proxy.passages).toHaveLength(1);
    const [passage] = proxy.passages;
    expect(passage).toMatchObject({ kind: 'connect', target: `github.test:${githubTls.port}` });
    expect(passage.headers['proxy-authorization']).toMatch(/^Basic /);
    expect(mentions(passage, TOKEN)).toBe(false);
    expect(passage.tunnelled.length).toBeGreaterThan(0);
  });

  it('forwards a plain-http API request to HTTP_PROXY', async () => {
    const apiUrl = `http://github.test:${new URL(standIn.url).port}`;
    const client = createGitHubClient({ ...base(), apiUrl, env: { HTTP_PROXY: proxy.urlWithCredentials } });
    await client.rest.repos.get({ owner: standIn.owner, repo: standIn.repo });
    expect(proxy.passages.map((p) => `${p.kind} ${p.method} ${p.target}`)).toEqual([
      `forward GET ${apiUrl}/repos/${standIn.owner}/${standIn.repo}`,
    ]);
    expect(proxy.passages[0].headers['proxy-authorization']).toMatch(/^Basic /);
  });

  it('takes GITHUB_API_URL from its env, and connects directly when NO_PROXY names the host', async () => {
    const client = createGitHubClient({
      ...base(),
      env: {
        GITHUB_API_URL: `https://github.test:${githubTls.port}`,
        HTTPS_PROXY: proxy.url,
        no_proxy: 'example.com,.github.test',
      },
    });
    const { data } = await client.rest.repos.get({ owner: standIn.owner, repo: standIn.repo });
    expect(data.name).toBe(standIn.repo);
    expect(proxy.passages).toEqual([]);
  });

  it('connects directly without proxy variables', async () => {
    const client = createGitHubClient({ ...base(), apiUrl: `https://github.test:${githubTls.port}`, env: {} });
    await client.rest.repos.get({ owner: standIn.owner, repo: standIn.repo });
    expect(proxy.passages).toEqual([]);
  });

  it('reports a proxy that refuses its credentials without the password', async () => {
    const wrong = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'not-the-pw0rd');
    const client = createGitHubClient({
      ...base(),
      apiUrl: `https://github.test:${githubTls.port}`,
      env: { HTTPS_PROXY: wrong },
    });
    const err = (await client.rest.repos
      .get({ owner: standIn.owner, repo: standIn.repo })
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(`${err.message} ${String(err.stack)}`).not.toContain('not-the-pw0rd');
    expect(proxy.passages.map((p) => p.kind)).toEqual(['connect']);
  });

  it('does not retry a 407: the same credentials would be refused again', async () => {
    const wrong = proxy.urlWithCredentials.replace(encodeURIComponent(PROXY_PASSWORD), 'not-the-pw0rd');
    const client = new RegistryClient(`registry.test:${regTls.port}`, {
      credentials,
      retry: { ...FAST, retries: 3 },
      fetchImpl: createHttpTransport({ env: { HTTPS_PROXY: wrong }, ca: cert }),
    });
    const err = (await client.getManifest('team/app', image.tag).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/answered the CONNECT with HTTP 407: it refused the credentials in HTTPS_PROXY\)$/);
    expect(err.message).not.toContain('attempts');
    expect(proxy.passages.map((p) => p.kind)).toEqual(['connect']);
  });

  it('refuses a malformed proxy variable when made, without printing its password', () => {
    expect(() => createGitHubClient({ token: TOKEN, env: { HTTPS_PROXY: 'ftp://me:hunter2@proxy' } })).toThrow(
      /HTTPS_PROXY: "ftp:\/\/me:\*\*\*@proxy" is not accepted: ftp proxies are not supported/,
    );
  });
});
