import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, tagPage, type FaultProxy } from '../support/fault-proxy.js';
import {
  basicAuth,
  MANIFEST_ACCEPT,
  MediaType,
  pushDockerImage,
  pushDockerManifestList,
  pushOciImage,
  pushOciIndex,
  sha256Digest,
  tokenAuth,
  type PushedImage,
  type PushTarget,
} from '../support/images.js';
import { countRegistryRequests, startRegistry, type RegistryAuth, type TestRegistry } from '../support/registry.js';

const USER = 'promoter';
const PASSWORD = 's3cret-pa55';
const REPO = 'support/app';

/** Bearer challenge → token from the realm, by hand, the way a registry client must do it. */
function parseChallenge(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of header.matchAll(/(\w+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return params;
}

async function rawGet(reg: TestRegistry, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const first = await fetch(`${reg.url}${path}`, { headers });
  if (first.status !== 401 || reg.auth.kind === 'none') return first;
  const challenge = first.headers.get('www-authenticate') ?? '';
  await first.arrayBuffer();
  const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  if (challenge.startsWith('Basic '))
    return fetch(`${reg.url}${path}`, { headers: { ...headers, Authorization: basic } });
  const { realm, service, scope } = parseChallenge(challenge);
  const tokenRes = await fetch(`${realm}?service=${encodeURIComponent(service!)}&scope=${encodeURIComponent(scope!)}`, {
    headers: { Authorization: basic },
  });
  const { token } = (await tokenRes.json()) as { token: string };
  return fetch(`${reg.url}${path}`, { headers: { ...headers, Authorization: `Bearer ${token}` } });
}

function targetFor(reg: TestRegistry): PushTarget {
  if (reg.auth.kind === 'htpasswd') return { url: reg.url, authorization: basicAuth(USER, PASSWORD) };
  if (reg.auth.kind === 'token') return { url: reg.url, authorization: tokenAuth(reg.tokenServer!, USER, PASSWORD) };
  return { url: reg.url };
}

async function expectReadBack(reg: TestRegistry, image: PushedImage): Promise<void> {
  const res = await rawGet(reg, `/v2/${image.repository}/manifests/${image.digest}`, { Accept: MANIFEST_ACCEPT });
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(image.mediaType);
  expect(res.headers.get('docker-content-digest')).toBe(image.digest);
  expect(body.equals(image.bytes)).toBe(true);
  expect(sha256Digest(body)).toBe(image.digest);
  const byTag = await rawGet(reg, `/v2/${image.repository}/manifests/${image.tag}`, { Accept: MANIFEST_ACCEPT });
  await byTag.arrayBuffer();
  expect(byTag.headers.get('docker-content-digest')).toBe(image.digest);
  for (const child of image.children) {
    const c = await rawGet(reg, `/v2/${image.repository}/manifests/${child}`, { Accept: MANIFEST_ACCEPT });
    expect(sha256Digest(Buffer.from(await c.arrayBuffer()))).toBe(child);
    expect(c.status).toBe(200);
  }
}

const modes: RegistryAuth[] = [
  { kind: 'none' },
  { kind: 'htpasswd', username: USER, password: PASSWORD },
  { kind: 'token', username: USER, password: PASSWORD },
];

describe.each(modes)('registry with auth $kind', (auth) => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry(auth);
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('answers /v2/ on loopback, challenging when auth is on', async () => {
    expect(reg.url).toBe(`http://${reg.host}`);
    expect(reg.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`${reg.url}/v2/${REPO}/tags/list`);
    await res.arrayBuffer();
    if (auth.kind === 'none') {
      expect(res.status).toBe(404);
    } else if (auth.kind === 'htpasswd') {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="gitops-promote-test"');
    } else {
      expect(res.status).toBe(401);
      const ts = reg.tokenServer!;
      expect(res.headers.get('www-authenticate')).toBe(
        `Bearer realm="${ts.realm}",service="${ts.service}",scope="repository:${REPO}:pull"`,
      );
    }
  });

  it('stores an OCI image, a Docker image, an OCI index and a Docker list byte for byte', async () => {
    const t = targetFor(reg);
    const images = [
      await pushOciImage(t, REPO, 'oci', { labels: { 'org.opencontainers.image.revision': 'abc123' } }),
      await pushDockerImage(t, REPO, 'docker'),
      await pushOciIndex(t, REPO, 'index'),
      await pushDockerManifestList(t, REPO, 'list'),
    ];
    expect(images.map((i) => i.mediaType)).toEqual([
      MediaType.ociManifest,
      MediaType.dockerManifest,
      MediaType.ociIndex,
      MediaType.dockerManifestList,
    ]);
    expect(images.map((i) => i.children.length)).toEqual([0, 0, 4, 2]);
    for (const image of images) {
      expect(image.bytes.toString()).toContain('\n   "schemaVersion": 2,');
      await expectReadBack(reg, image);
    }
    // distribution 2.8 lists tags unsorted, despite the spec's lexical order
    const tags = (await (await rawGet(reg, `/v2/${REPO}/tags/list`)).json()) as { name: string; tags: string[] };
    expect(tags.name).toBe(REPO);
    expect([...tags.tags].sort()).toEqual(['docker', 'index', 'list', 'oci']);
  });
});

describe('test images', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('puts labels in the OCI config and is deterministic for a seed', async () => {
    const t = { url: reg.url };
    const labels = { 'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567' };
    const a = await pushOciImage(t, 'seeded/a', 'v1', { seed: 'fixed', labels });
    const b = await pushOciImage(t, 'seeded/b', 'v1', { seed: 'fixed', labels });
    const c = await pushOciImage(t, 'seeded/c', 'v1', {
      seed: 'fixed',
      labels: { 'org.opencontainers.image.revision': 'other' },
    });
    const d = await pushOciImage(t, 'seeded/d', 'v1', { labels });
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
    expect(d.digest).not.toBe(a.digest);
    const manifest = JSON.parse(a.bytes.toString()) as {
      config: { digest: string };
      layers: { digest: string; mediaType: string }[];
    };
    const config = await (await fetch(`${reg.url}/v2/seeded/a/blobs/${manifest.config.digest}`)).json();
    expect((config as { config: { Labels: Record<string, string> } }).config.Labels).toEqual(labels);
    const layer = Buffer.from(
      await (await fetch(`${reg.url}/v2/seeded/a/blobs/${manifest.layers[0]!.digest}`)).arrayBuffer(),
    );
    // gzip magic, so tools that sniff compression treat it as the manifest says
    expect([layer[0], layer[1]]).toEqual([0x1f, 0x8b]);
    expect(manifest.layers[0]!.mediaType).toBe(MediaType.ociLayerGzip);
  });

  it('streams a layer larger than the in-memory limit', async () => {
    const image = await pushDockerImage({ url: reg.url }, 'big/layer', 'v1', {
      layerBytes: 9 * 1024 * 1024 + 7,
      seed: 'big',
    });
    const manifest = JSON.parse(image.bytes.toString()) as { layers: { digest: string; size: number }[] };
    const res = await fetch(`${reg.url}/v2/big/layer/blobs/${manifest.layers[0]!.digest}`);
    const blob = Buffer.from(await res.arrayBuffer());
    expect(blob.length).toBe(manifest.layers[0]!.size);
    expect(sha256Digest(blob)).toBe(manifest.layers[0]!.digest);
  });

  it('writes attestation manifests the way BuildKit does', async () => {
    const index = await pushOciIndex({ url: reg.url }, 'attested/app', 'v1', { seed: 'att' });
    const body = JSON.parse(index.bytes.toString()) as {
      manifests: {
        digest: string;
        platform: { os: string; architecture: string };
        annotations?: Record<string, string>;
      }[];
    };
    expect(body.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'unknown/unknown',
      'unknown/unknown',
    ]);
    expect(body.manifests[2]!.annotations).toEqual({
      'vnd.docker.reference.digest': body.manifests[0]!.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    });
    expect(body.manifests[3]!.annotations?.['vnd.docker.reference.digest']).toBe(body.manifests[1]!.digest);
    const att = await fetch(`${reg.url}/v2/attested/app/manifests/${body.manifests[2]!.digest}`, {
      headers: { Accept: MANIFEST_ACCEPT },
    });
    const attManifest = (await att.json()) as {
      config: { mediaType: string };
      layers: { mediaType: string; annotations: Record<string, string> }[];
    };
    expect(attManifest.config.mediaType).toBe(MediaType.attestationConfig);
    expect(attManifest.layers[0]!.mediaType).toBe(MediaType.inToto);
    expect(attManifest.layers[0]!.annotations).toEqual({
      'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2',
    });
  });

  it('counts manifest, blob and tag requests from the access log', async () => {
    const image = await pushOciImage({ url: reg.url }, 'counted/app', 'v1');
    await reg.settled();
    const before = reg.requestCount();
    expect(before).toBeGreaterThan(0);
    await (await fetch(`${reg.url}/v2/`)).arrayBuffer();
    await (await fetch(`${reg.url}/v2/counted/app/manifests/${image.digest}`, { method: 'HEAD' })).arrayBuffer();
    await (await fetch(`${reg.url}/v2/counted/app/tags/list`)).arrayBuffer();
    await reg.settled();
    expect(reg.requestCount()).toBe(before + 2);
  });

  it('parses access-log lines and ignores application-log lines', () => {
    const log = [
      'time="2026-01-01T00:00:00Z" level=info msg="response completed" http.request.uri=/v2/a/manifests/x',
      '127.0.0.1 - - [24/Nov/2026:23:35:30 +0000] "GET /v2/ HTTP/1.1" 200 2 "" "curl/7.88.1"',
      '127.0.0.1 - - [24/Nov/2026:23:35:30 +0000] "HEAD /v2/foo/manifests/x HTTP/1.1" 404 91 "" "curl/7.88.1"',
      '127.0.0.1 - - [24/Nov/2026:23:35:30 +0000] "PUT /v2/a/b/blobs/uploads/1?digest=sha256:0 HTTP/1.1" 201 0 "" "node"',
      '127.0.0.1 - - [24/Nov/2026:23:35:30 +0000] "GET /v2/a/tags/list?n=1 HTTP/1.1" 200 30 "" "node"',
    ].join('\n');
    expect(countRegistryRequests(log)).toBe(3);
  });
});

describe('token server', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'token', username: USER, password: PASSWORD });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  const tokenUrl = (scope: string) =>
    `${reg.tokenServer!.realm}?service=${encodeURIComponent(reg.tokenServer!.service)}&scope=${encodeURIComponent(scope)}`;
  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  it('refuses a wrong password and anonymous requests with 401', async () => {
    const wrong = await fetch(tokenUrl(`repository:${REPO}:pull`), {
      headers: { Authorization: basic(USER, 'wrong') },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] });
    const anonymous = await fetch(tokenUrl(`repository:${REPO}:pull`));
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
  });

  it('issues a JWT with the requested repository access that the registry accepts', async () => {
    reg.tokenServer!.requests.length = 0;
    const res = await fetch(tokenUrl(`repository:${REPO}:pull,push`), {
      headers: { Authorization: basic(USER, PASSWORD) },
    });
    const body = (await res.json()) as { token: string; access_token: string; expires_in: number; issued_at: string };
    expect(res.status).toBe(200);
    expect(body.access_token).toBe(body.token);
    expect(body.expires_in).toBe(300);
    const [header, claims] = body.token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header!.alg).toBe('RS256');
    expect(Array.isArray(header!.x5c)).toBe(true);
    expect(claims).toMatchObject({
      iss: reg.tokenServer!.issuer,
      sub: USER,
      aud: reg.tokenServer!.service,
      access: [{ type: 'repository', name: REPO, actions: ['pull', 'push'] }],
    });
    expect(Object.keys(claims!).sort()).toEqual(['access', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']);
    expect(reg.tokenServer!.requests).toEqual([
      {
        path: '/token',
        query: `service=${encodeURIComponent(reg.tokenServer!.service)}&scope=${encodeURIComponent(`repository:${REPO}:pull,push`)}`,
        authorization: basic(USER, PASSWORD),
      },
    ]);

    const catalogOfRepo = await fetch(`${reg.url}/v2/${REPO}/tags/list`, {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(catalogOfRepo.status).toBe(404); // authorised; the repository just has no tags yet
    await catalogOfRepo.arrayBuffer();

    const otherRepo = await fetch(`${reg.url}/v2/other/tags/list`, {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(otherRepo.status).toBe(401);
    expect(otherRepo.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    await otherRepo.arrayBuffer();
  });

  it('signs tokens so that the registry rejects a tampered one', async () => {
    const res = await fetch(tokenUrl(`repository:${REPO}:pull`), { headers: { Authorization: basic(USER, PASSWORD) } });
    const { token } = (await res.json()) as { token: string };
    const [h, c, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(c!, 'base64url').toString()) as { access: { name: string }[] };
    claims.access[0]!.name = 'other';
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    const denied = await fetch(`${reg.url}/v2/other/tags/list`, { headers: { Authorization: `Bearer ${forged}` } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await denied.arrayBuffer();
  });
});

describe('fault proxy', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry();
    proxy = await startFaultProxy(reg.url);
    image = await pushOciImage({ url: proxy.url }, 'proxied/app', 'v1', { seed: 'proxied' });
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  const manifestUrl = () => `${proxy.url}/v2/proxied/app/manifests/v1`;
  const isManifest = (_method: string, path: string) => path.includes('/manifests/');

  it('forwards pushes, rewriting Location to the proxy, and records every request', async () => {
    const uploads = proxy.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    expect(uploads.length).toBe(2); // layer and config, PUT to the Location the proxy rewrote
    const post = await fetch(`${proxy.url}/v2/proxied/app/blobs/uploads/`, { method: 'POST' });
    await post.arrayBuffer();
    expect(post.status).toBe(202);
    expect(post.headers.get('location')!.startsWith(`${proxy.url}/v2/proxied/app/blobs/uploads/`)).toBe(true);
    expect(proxy.requests.at(-1)).toEqual({ method: 'POST', path: '/v2/proxied/app/blobs/uploads/', status: 202 });
  });

  it('answers the next matching request with an injected 429, then forwards again', async () => {
    proxy.reset();
    proxy.inject({ match: isManifest, status: 429, headers: { 'Retry-After': '2' } });
    const limited = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({
      errors: [
        { code: 'TOOMANYREQUESTS', message: 'too many requests (fault injected by the test proxy)', detail: null },
      ],
    });
    const ok = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } });
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(image.bytes)).toBe(true);
    expect(proxy.requests).toEqual([
      { method: 'GET', path: '/v2/proxied/app/manifests/v1', status: 429 },
      { method: 'GET', path: '/v2/proxied/app/manifests/v1', status: 200 },
    ]);
  });

  it('applies a fault `times` times and only to matching requests', async () => {
    proxy.reset();
    proxy.inject({ match: isManifest, status: 503, times: 2 });
    const blob = await fetch(`${proxy.url}/v2/`);
    await blob.arrayBuffer();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(manifestUrl(), { method: 'HEAD', headers: { Accept: MANIFEST_ACCEPT } });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect([blob.status, ...statuses]).toEqual([200, 503, 503, 200]);
  });

  it('cuts a body in half and drops a connection before answering', async () => {
    proxy.reset();
    proxy.inject({ match: isManifest, drop: 'mid-body' });
    const cut = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-length')).toBe(String(image.bytes.length));
    await expect(cut.arrayBuffer()).rejects.toThrow();

    proxy.inject({ match: isManifest, drop: 'before-response' });
    await expect(fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } })).rejects.toThrow('fetch failed');
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 0]);

    const whole = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } });
    expect(Buffer.from(await whole.arrayBuffer()).equals(image.bytes)).toBe(true);
  });

  it('takes a request and never answers it, or stalls a body half-way, until the client gives up', async () => {
    proxy.reset();
    proxy.inject({ match: isManifest, drop: 'never-answer' });
    await expect(
      fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow(/aborted|timeout/i);

    proxy.inject({ match: isManifest, drop: 'stall-mid-body' });
    const controller = new AbortController();
    const stalled = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT }, signal: controller.signal });
    expect(stalled.status).toBe(200);
    const reader = stalled.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).equals(image.bytes.subarray(0, Math.floor(image.bytes.length / 2)))).toBe(true);
    const next = reader.read();
    setTimeout(() => controller.abort(), 300);
    await expect(next).rejects.toThrow();
    expect(proxy.requests.map((r) => r.status)).toEqual([0, 200]);

    const whole = await fetch(manifestUrl(), { headers: { Accept: MANIFEST_ACCEPT } });
    expect(Buffer.from(await whole.arrayBuffer()).equals(image.bytes)).toBe(true);
  });

  it('serves sorted tag pages with a Link to the next one when tagPageSize is set', async () => {
    for (const tag of ['v3', 'v1', 'v2']) await pushOciImage({ url: reg.url }, 'paged/app', tag, { seed: 'paged' });
    proxy.tagPageSize = 2;
    try {
      const first = await fetch(`${proxy.url}/v2/paged/app/tags/list?n=5`);
      expect(first.headers.get('link')).toBe('</v2/paged/app/tags/list?n=2&last=v2>; rel="next"');
      expect(await first.json()).toEqual({ name: 'paged/app', tags: ['v1', 'v2'] });
      const second = await fetch(
        new URL(first.headers.get('link')!.slice(1, first.headers.get('link')!.indexOf('>')), proxy.url),
      );
      expect(second.headers.get('link')).toBeNull();
      expect(await second.json()).toEqual({ name: 'paged/app', tags: ['v3'] });
    } finally {
      proxy.tagPageSize = undefined;
    }
    const unpaged = (await (await fetch(`${proxy.url}/v2/paged/app/tags/list?n=1`)).json()) as { tags: string[] };
    expect(unpaged.tags.length).toBe(3); // distribution 2.8 itself ignores n
  });

  it('pages by the spec: last is exclusive, n=0 is empty without Link', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(tagPage('a', ['b', 'a', 'c'], q('n=0'), 10)).toEqual({ tags: [] });
    expect(tagPage('a', ['b', 'a', 'c'], q('last=a'), 10)).toEqual({ tags: ['b', 'c'] });
    expect(tagPage('a', ['b', 'a', 'c'], q('last=a&n=1'), 10)).toEqual({
      tags: ['b'],
      link: '</v2/a/tags/list?n=1&last=b>; rel="next"',
    });
    expect(tagPage('a', ['B', 'a', '_'], q(''), 10)).toEqual({ tags: ['B', '_', 'a'] });
  });
});

describe('fault proxy header rewriting', () => {
  it('points Location and Link at the proxy and leaves the WWW-Authenticate realm alone', async () => {
    const upstream = createServer((_req, res) => {
      const self = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
      res.writeHead(401, {
        Location: `${self}/v2/x/blobs/uploads/1?_state=s`,
        Link: `<${self}/v2/x/tags/list?n=1&last=a>; rel="next"`,
        'WWW-Authenticate': `Bearer realm="${self}/token",service="s"`,
      });
      res.end();
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    const self = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const proxy = await startFaultProxy(self);
    try {
      const res = await fetch(`${proxy.url}/v2/x/tags/list`);
      await res.arrayBuffer();
      expect(res.headers.get('location')).toBe(`${proxy.url}/v2/x/blobs/uploads/1?_state=s`);
      expect(res.headers.get('link')).toBe(`<${proxy.url}/v2/x/tags/list?n=1&last=a>; rel="next"`);
      expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${self}/token",service="s"`);
    } finally {
      await proxy.stop();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });
});
