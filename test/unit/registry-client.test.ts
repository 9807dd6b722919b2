import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { digestOf, RegistryClient, RegistryError } from '../../packages/registry/client.js';
import type { Credentials } from '../../packages/registry/credentials.js';
import { MANIFEST_MEDIA_TYPES, OCI_MANIFEST } from '../../packages/registry/media-types.js';

/** A registry, token server and storage host in one fetch stand-in: no sockets, every call recorded. */
interface Call {
  method: string;
  url: string;
  authorization: string | null;
  accept: string | null;
  contentType: string | null;
  body: string | undefined;
}
type Handler = (call: Call) => Response | Promise<Response>;

function fakeFetch(handler: Handler): { fetchImpl: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : Buffer.from(init.body as Uint8Array | string).toString('utf8');
    const call: Call = {
      method: init.method ?? 'GET',
      url: String(input),
      authorization: headers.get('authorization'),
      accept: headers.get('accept'),
      contentType: headers.get('content-type'),
      body,
    };
    calls.push(call);
    return handler(call);
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
const registryError = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json({ errors: [{ code, message, detail: null }] }, status, headers);

const MANIFEST = Buffer.from(
  `{\n   "schemaVersion": 2,\n   "mediaType": "${OCI_MANIFEST}",\n   "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:${'c'.repeat(64)}", "size": 2},\n   "layers": []\n}\n`,
);
const MANIFEST_DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const manifestResponse = (headers: Record<string, string> = {}) =>
  new Response(MANIFEST, {
    status: 200,
    headers: { 'content-type': OCI_MANIFEST, 'docker-content-digest': MANIFEST_DIGEST, ...headers },
  });

const BEARER = 'Bearer realm="https://auth.example.com/token",service="reg.example.com",scope="repository:app:pull"';
const USER: Credentials = { username: 'robot', password: 'hunter2-secret', source: 'input' };
const BASIC = `Basic ${Buffer.from('robot:hunter2-secret').toString('base64')}`;
const FAST = { retries: 2, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 };

/** A token registry: a valid token (any of `valid`) is needed on /v2/; the realm hands out numbered tokens. */
function tokenRegistry(
  opts: { valid?: (token: string) => boolean; expiresIn?: number; tokenField?: 'token' | 'access_token' } = {},
) {
  let issued = 0;
  return fakeFetch((call) => {
    const url = new URL(call.url);
    if (url.host === 'auth.example.com') {
      if (call.method === 'GET' && call.authorization !== BASIC)
        return registryError(401, 'UNAUTHORIZED', 'invalid username or password');
      issued++;
      return json({
        [opts.tokenField ?? 'token']: `tok-${issued}`,
        ...(opts.expiresIn ? { expires_in: opts.expiresIn } : {}),
      });
    }
    const token = call.authorization?.replace(/^Bearer /, '');
    if (!token || !(opts.valid ?? (() => true))(token))
      return registryError(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': BEARER });
    if (call.method === 'PUT')
      return new Response(null, { status: 201, headers: { 'docker-content-digest': MANIFEST_DIGEST } });
    return manifestResponse();
  });
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('RegistryClient: transport', () => {
  it('uses https, and plain http only for loopback and hosts listed as insecure', () => {
    expect(new RegistryClient('reg.example.com').baseUrl.href).toBe('https://reg.example.com/');
    expect(new RegistryClient('docker.io').baseUrl.href).toBe('https://registry-1.docker.io/');
    expect(new RegistryClient('127.0.0.1:5000').baseUrl.href).toBe('http://127.0.0.1:5000/');
    expect(new RegistryClient('localhost:5000').baseUrl.href).toBe('http://localhost:5000/');
    expect(new RegistryClient('[::1]:5000').baseUrl.href).toBe('http://[::1]:5000/');
    expect(new RegistryClient('reg.lan:5000', { insecure: ['reg.lan:5000'] }).baseUrl.href).toBe(
      'http://reg.lan:5000/',
    );
    expect(new RegistryClient('reg.lan:5000', { insecure: ['other.lan'] }).baseUrl.href).toBe('https://reg.lan:5000/');
    expect(() => new RegistryClient('https://reg.example.com/v2')).toThrow(
      'registry: "https://reg.example.com/v2" is not accepted: it is not a host[:port]. Accepted: a registry host with an optional port, e.g. ghcr.io or 127.0.0.1:5000',
    );
  });

  it('sends the full Accept list and returns bytes, media type and digest', async () => {
    const { fetchImpl, calls } = fakeFetch(() => manifestResponse());
    const client = new RegistryClient('reg.example.com', { fetchImpl });
    const m = await client.getManifest('app', 'v1');
    expect(m).toEqual({ bytes: MANIFEST, mediaType: OCI_MANIFEST, digest: MANIFEST_DIGEST });
    expect(calls[0]!.url).toBe('https://reg.example.com/v2/app/manifests/v1');
    expect(calls[0]!.accept).toBe(MANIFEST_MEDIA_TYPES.join(', '));
    expect(MANIFEST_MEDIA_TYPES).toEqual([
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json',
    ]);
    expect(client.requestCount).toBe(1);
  });

  it('computes digests as sha256 of the exact bytes', () => {
    expect(digestOf(Buffer.from(''))).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('RegistryClient: bearer tokens', () => {
  it('answers a challenge with a token for the repository scope, sending Basic credentials only to the realm, and caches it', async () => {
    const { fetchImpl, calls } = tokenRegistry();
    const secrets: string[] = [];
    const client = new RegistryClient('reg.example.com', {
      credentials: USER,
      fetchImpl,
      onSecret: (s) => secrets.push(s),
    });
    await client.getManifest('app', 'v1');
    await client.getManifest('app', 'v2');
    expect(calls.map((c) => [c.method, c.url, c.authorization])).toEqual([
      ['GET', 'https://reg.example.com/v2/app/manifests/v1', null],
      ['GET', 'https://auth.example.com/token?service=reg.example.com&scope=repository%3Aapp%3Apull', BASIC],
      ['GET', 'https://reg.example.com/v2/app/manifests/v1', 'Bearer tok-1'],
      ['GET', 'https://reg.example.com/v2/app/manifests/v2', 'Bearer tok-1'],
    ]);
    expect(client.requestCount).toBe(3);
    expect(client.tokenRequestCount).toBe(1);
    expect(secrets).toEqual(['hunter2-secret', BASIC.slice('Basic '.length), 'tok-1']);
  });

  it('asks for pull,push up front with access "push", so a retag costs one token fetch', async () => {
    const { fetchImpl, calls } = tokenRegistry({ tokenField: 'access_token' });
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl, access: 'push' });
    const m = await client.getManifest('app', 'v1');
    expect(await client.putManifest('app', 'production', m)).toBe(MANIFEST_DIGEST);
    expect(client.tokenRequestCount).toBe(1);
    expect(calls[1]!.url).toBe(
      'https://auth.example.com/token?service=reg.example.com&scope=repository%3Aapp%3Apull%2Cpush',
    );
    const put = calls.find((c) => c.method === 'PUT')!;
    expect([put.url, put.contentType, put.authorization, put.body]).toEqual([
      'https://reg.example.com/v2/app/manifests/production',
      OCI_MANIFEST,
      'Bearer tok-1',
      MANIFEST.toString('utf8'),
    ]);
  });

  it('shares one token fetch between parallel requests', async () => {
    const { fetchImpl } = tokenRegistry();
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    const m = { bytes: MANIFEST, mediaType: OCI_MANIFEST, digest: MANIFEST_DIGEST };
    const tags = ['a', 'b', 'c', 'd', 'e'];
    expect(await Promise.all(tags.map((t) => client.putManifest('app', t, m)))).toEqual(
      tags.map(() => MANIFEST_DIGEST),
    );
    expect(client.tokenRequestCount).toBe(1);
    // The first PUT meets the challenge alone (401, then again with the token); the other four wait
    // for it inside the client and go once each with that token: 6, where each used to meet its own 401 (10).
    expect(client.requestCount).toBe(6);
  });

  it('fetches a push token for a write after a pull token, and keeps using the wider one', async () => {
    const { fetchImpl, calls } = tokenRegistry();
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    const m = await client.getManifest('app', 'v1');
    await client.putManifest('app', 'production', m);
    await client.getManifest('app', 'v1');
    expect(
      calls
        .filter((c) => c.url.startsWith('https://auth.example.com'))
        .map((c) => new URL(c.url).searchParams.get('scope')),
    ).toEqual(['repository:app:pull', 'repository:app:pull,push']);
    expect(calls.at(-1)!.authorization).toBe('Bearer tok-2');
  });

  it('fetches a new token when the registry rejects a cached one', async () => {
    const { fetchImpl } = tokenRegistry({ valid: (t) => t !== 'tok-1' || firstUse-- > 0 });
    let firstUse = 1;
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    await client.getManifest('app', 'v1');
    await client.getManifest('app', 'v1');
    expect(client.tokenRequestCount).toBe(2);
  });

  it('refreshes a token after expires_in (60 s when absent or lower)', async () => {
    const { fetchImpl } = tokenRegistry({ expiresIn: 10 });
    let now = 1_700_000_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    await client.getManifest('app', 'v1');
    now += 50_000;
    await client.getManifest('app', 'v1');
    expect(client.tokenRequestCount).toBe(1);
    now += 20_000;
    await client.getManifest('app', 'v1');
    expect(client.tokenRequestCount).toBe(2);
  });

  it('exchanges an identity token with an OAuth2 refresh_token POST', async () => {
    const { fetchImpl, calls } = fakeFetch((call) => {
      if (call.url.startsWith('https://auth.example.com')) return json({ access_token: 'oauth-access' });
      return call.authorization === 'Bearer oauth-access'
        ? manifestResponse()
        : registryError(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': BEARER });
    });
    const client = new RegistryClient('reg.example.com', {
      credentials: { identityToken: 'refresh-abc', source: 'docker-config' },
      fetchImpl,
    });
    await client.getManifest('app', 'v1');
    const post = calls[1]!;
    expect([post.method, post.url, post.authorization, post.contentType]).toEqual([
      'POST',
      'https://auth.example.com/token',
      null,
      'application/x-www-form-urlencoded',
    ]);
    expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-abc',
      client_id: 'gitops-promote',
      service: 'reg.example.com',
      scope: 'repository:app:pull',
    });
  });

  it('sends a registry token as Bearer directly, with no exchange', async () => {
    const { fetchImpl, calls } = fakeFetch((call) =>
      call.authorization === 'Bearer rt-123'
        ? manifestResponse()
        : registryError(401, 'UNAUTHORIZED', 'no', { 'www-authenticate': BEARER }),
    );
    const client = new RegistryClient('reg.example.com', {
      credentials: { registryToken: 'rt-123', source: 'docker-config' },
      fetchImpl,
    });
    await client.getManifest('app', 'v1');
    expect(calls.map((c) => c.authorization)).toEqual(['Bearer rt-123']);
    expect(client.tokenRequestCount).toBe(0);
  });

  it('answers a Basic challenge with the credentials', async () => {
    const { fetchImpl, calls } = fakeFetch((call) =>
      call.authorization === BASIC
        ? manifestResponse()
        : registryError(401, 'UNAUTHORIZED', 'authentication required', {
            'www-authenticate': 'Basic realm="Registry Realm"',
          }),
    );
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    await client.getManifest('app', 'v1');
    await client.getManifest('app', 'v2');
    expect(calls.map((c) => c.authorization)).toEqual([null, BASIC, BASIC]);
  });

  it('refuses to send credentials to a realm the registry must not name', async () => {
    const { fetchImpl, calls } = fakeFetch(() =>
      registryError(401, 'UNAUTHORIZED', 'authentication required', {
        'www-authenticate': 'Bearer realm="http://10.0.0.1/token",service="x"',
      }),
    );
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    await expect(client.getManifest('app', 'v1')).rejects.toThrow(
      new RegistryError(
        'getting manifest reg.example.com/app:v1: refusing to send credentials to the token realm http://10.0.0.1/token named by reg.example.com: it points at a private or link-local address',
        401,
        [],
      ),
    );
    expect(calls).toHaveLength(1);
  });

  it('reports a wrong password at the token server clearly, without the password', async () => {
    const { fetchImpl } = tokenRegistry();
    const client = new RegistryClient('reg.example.com', {
      credentials: { ...USER, password: 'wrong-password' },
      fetchImpl,
    });
    const err = await client.getManifest('app', 'v1').catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'getting manifest reg.example.com/app:v1: the token server https://auth.example.com/token answered 401 UNAUTHORIZED invalid username or password — check username/password',
    );
  });

  it('tells an anonymous caller that the registry needs credentials', async () => {
    const { fetchImpl } = fakeFetch(() =>
      registryError(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="r"' }),
    );
    const client = new RegistryClient('ghcr.io', { fetchImpl });
    await expect(
      client.putManifest('org/app', 'v1', { bytes: MANIFEST, mediaType: OCI_MANIFEST, digest: MANIFEST_DIGEST }),
    ).rejects.toThrow(
      'pushing manifest to ghcr.io/org/app:v1: 401 UNAUTHORIZED authentication required — no credentials for ghcr.io: pass username and password, log in with docker login, or set GITHUB_TOKEN',
    );
  });

  it('explains a 403 DENIED on GHCR with the permissions a job needs', async () => {
    const { fetchImpl } = fakeFetch(() => registryError(403, 'DENIED', 'permission_denied: write_package'));
    const client = new RegistryClient('ghcr.io', { credentials: USER, fetchImpl });
    await expect(
      client.putManifest('org/app', 'v1', { bytes: MANIFEST, mediaType: OCI_MANIFEST, digest: MANIFEST_DIGEST }),
    ).rejects.toThrow(
      'pushing manifest to ghcr.io/org/app:v1: 403 DENIED permission_denied: write_package — the credentials lack permission: the job needs `permissions: packages: write` and the package must grant this repository access under "Manage Actions access"',
    );
  });
});

describe('RegistryClient: manifest checks', () => {
  const client = (handler: Handler) =>
    new RegistryClient('reg.example.com', { fetchImpl: fakeFetch(handler).fetchImpl });

  it('refuses schema 1 manifests clearly', async () => {
    const schema1 = Buffer.from('{"schemaVersion":1,"name":"app","tag":"old","fsLayers":[]}');
    await expect(
      client(
        () =>
          new Response(schema1, {
            headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' },
          }),
      ).getManifest('app', 'old'),
    ).rejects.toThrow(
      'getting manifest reg.example.com/app:old: the registry answered with a Docker schema 1 manifest, which cannot be copied byte for byte; push the image again with a current Docker or buildx (schema 2 or OCI)',
    );
    await expect(
      client(() => new Response(schema1, { headers: { 'content-type': 'application/json' } })).getManifest(
        'app',
        'old',
      ),
    ).rejects.toThrow('the registry answered with a Docker schema 1 manifest');
  });

  it('refuses a body whose mediaType disagrees with Content-Type', async () => {
    await expect(
      client(
        () =>
          new Response(MANIFEST, {
            headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' },
          }),
      ).getManifest('app', 'v1'),
    ).rejects.toThrow(
      `getting manifest reg.example.com/app:v1: Content-Type is application/vnd.docker.distribution.manifest.v2+json but the manifest says mediaType ${OCI_MANIFEST}`,
    );
  });

  it('takes the media type from the body when Content-Type is generic, ignoring parameters', async () => {
    expect(
      (
        await client(() => new Response(MANIFEST, { headers: { 'content-type': 'application/json' } })).getManifest(
          'app',
          'v1',
        )
      ).mediaType,
    ).toBe(OCI_MANIFEST);
    expect(
      (
        await client(
          () => new Response(MANIFEST, { headers: { 'content-type': `${OCI_MANIFEST}; charset=utf-8` } }),
        ).getManifest('app', 'v1')
      ).mediaType,
    ).toBe(OCI_MANIFEST);
  });

  it('refuses a Docker-Content-Digest that does not match the bytes', async () => {
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(
      client(() => manifestResponse({ 'docker-content-digest': wrong })).getManifest('app', 'v1'),
    ).rejects.toThrow(
      `getting manifest reg.example.com/app:v1: the registry reports digest ${wrong} but the bytes received have digest ${MANIFEST_DIGEST}`,
    );
  });

  it('refuses bytes that do not hash to the digest asked for', async () => {
    const asked = `sha256:${'a'.repeat(64)}`;
    await expect(
      client(() => manifestResponse({ 'docker-content-digest': '' })).getManifest('app', asked),
    ).rejects.toThrow(
      `getting manifest reg.example.com/app@${asked}: the bytes received have digest ${MANIFEST_DIGEST}`,
    );
  });

  it('refuses a manifest larger than 100 MiB before reading it', async () => {
    await expect(
      client(() => manifestResponse({ 'content-length': String(100 * 1024 * 1024 + 1) })).getManifest('app', 'v1'),
    ).rejects.toThrow(
      'getting manifest reg.example.com/app:v1: the response is 104857601 bytes, more than the 104857600 accepted',
    );
  });

  it('refuses to push bytes whose registry digest differs from theirs', async () => {
    const wrong = `sha256:${'1'.repeat(64)}`;
    await expect(
      client(() => new Response(null, { status: 201, headers: { 'docker-content-digest': wrong } })).putManifest(
        'app',
        'v1',
        {
          bytes: MANIFEST,
          mediaType: OCI_MANIFEST,
          digest: MANIFEST_DIGEST,
        },
      ),
    ).rejects.toThrow(
      `pushing manifest to reg.example.com/app:v1: the registry reports digest ${wrong}, but the bytes sent have digest ${MANIFEST_DIGEST}; it did not store them unchanged`,
    );
  });

  it('refuses to push a manifest whose bytes do not match its digest or media type, sending nothing', async () => {
    const { fetchImpl, calls } = fakeFetch(() => new Response(null, { status: 201 }));
    const c = new RegistryClient('reg.example.com', { fetchImpl });
    await expect(
      c.putManifest('app', 'v1', { bytes: MANIFEST, mediaType: OCI_MANIFEST, digest: `sha256:${'2'.repeat(64)}` }),
    ).rejects.toThrow(
      `pushing manifest to reg.example.com/app:v1: the manifest given has digest sha256:${'2'.repeat(64)} but its bytes hash to ${MANIFEST_DIGEST}`,
    );
    await expect(
      c.putManifest('app', 'v1', {
        bytes: MANIFEST,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        digest: MANIFEST_DIGEST,
      }),
    ).rejects.toThrow(
      `pushing manifest to reg.example.com/app:v1: media type application/vnd.docker.distribution.manifest.v2+json differs from the manifest's own mediaType ${OCI_MANIFEST}`,
    );
    expect(calls).toHaveLength(0);
  });

  it('HEAD: undefined on 404, the headers when complete, a GET when the digest header is missing', async () => {
    expect(await client(() => new Response(null, { status: 404 })).headManifest('app', 'nope')).toBeUndefined();
    expect(
      await client(() => manifestResponse({ 'content-length': String(MANIFEST.length) })).headManifest('app', 'v1'),
    ).toEqual({
      digest: MANIFEST_DIGEST,
      mediaType: OCI_MANIFEST,
      size: MANIFEST.length,
    });
    const { fetchImpl, calls } = fakeFetch(() => new Response(MANIFEST, { headers: { 'content-type': OCI_MANIFEST } }));
    expect(await new RegistryClient('reg.example.com', { fetchImpl }).headManifest('app', 'v1')).toEqual({
      digest: MANIFEST_DIGEST,
      mediaType: OCI_MANIFEST,
      size: MANIFEST.length,
    });
    expect(calls.map((c) => c.method)).toEqual(['HEAD', 'GET']);
  });
});

describe('RegistryClient: tags', () => {
  it('follows Link rel="next" resolved against the request URL until it is absent', async () => {
    const { fetchImpl, calls } = fakeFetch((call) => {
      const url = new URL(call.url);
      if (url.searchParams.get('last') === null)
        return json({ name: 'app', tags: ['a', 'b'] }, 200, { link: '</v2/app/tags/list?n=2&last=b>; rel="next"' });
      if (url.searchParams.get('last') === 'b')
        return json({ name: 'app', tags: ['c', 'd'] }, 200, { link: '<?page=3&last=d>; rel="next"' });
      return json({ name: 'app', tags: ['e'] });
    });
    const client = new RegistryClient('reg.example.com', { fetchImpl });
    expect(await client.listTags('app', { pageSize: 2 })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((c) => c.url)).toEqual([
      'https://reg.example.com/v2/app/tags/list?n=2',
      'https://reg.example.com/v2/app/tags/list?n=2&last=b',
      'https://reg.example.com/v2/app/tags/list?page=3&last=d',
    ]);
  });

  it('returns [] for an unknown repository and for "tags": null', async () => {
    const unknown = fakeFetch(() => registryError(404, 'NAME_UNKNOWN', 'repository name not known to registry'));
    expect(await new RegistryClient('reg.example.com', { fetchImpl: unknown.fetchImpl }).listTags('nope')).toEqual([]);
    const empty = fakeFetch(() => json({ name: 'app', tags: null }));
    expect(await new RegistryClient('reg.example.com', { fetchImpl: empty.fetchImpl }).listTags('app')).toEqual([]);
  });

  it('stops a pagination loop with a clear error', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json({ name: 'app', tags: ['a'] }, 200, { link: '</v2/app/tags/list?n=1>; rel="next"' }),
    );
    await expect(new RegistryClient('reg.example.com', { fetchImpl }).listTags('app', { pageSize: 1 })).rejects.toThrow(
      "listing tags of reg.example.com/app: the registry's pagination loops (page 2 is /v2/app/tags/list?n=1 again)",
    );
  });

  it('retries a 429 on one page and keeps the pages already read', async () => {
    let limited = false;
    const { fetchImpl } = fakeFetch((call) => {
      if (call.url.endsWith('last=a') && !limited) {
        limited = true;
        return registryError(429, 'TOOMANYREQUESTS', 'slow down', { 'retry-after': '0' });
      }
      return call.url.endsWith('last=a')
        ? json({ tags: ['b'] })
        : json({ tags: ['a'] }, 200, { link: '</v2/app/tags/list?n=1&last=a>; rel="next"' });
    });
    expect(
      await new RegistryClient('reg.example.com', { fetchImpl, retry: FAST }).listTags('app', { pageSize: 1 }),
    ).toEqual(['a', 'b']);
  });
});

describe('RegistryClient: blobs', () => {
  const config = Buffer.from('{"config":{"Labels":{"org.opencontainers.image.revision":"abc"}}}');
  const configDigest = digestOf(config);

  it('follows a redirect to storage on another host without the Authorization header', async () => {
    const { fetchImpl, calls } = fakeFetch((call) => {
      const url = new URL(call.url);
      if (url.host === 'storage.example.net') return new Response(config);
      if (call.authorization !== BASIC)
        return registryError(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="r"' });
      return new Response(null, { status: 307, headers: { location: 'https://storage.example.net/blobs/x?sig=1' } });
    });
    const client = new RegistryClient('reg.example.com', { credentials: USER, fetchImpl });
    expect((await client.getBlob('app', configDigest)).equals(config)).toBe(true);
    expect(calls.map((c) => [c.url, c.authorization])).toEqual([
      [`https://reg.example.com/v2/app/blobs/${configDigest}`, null],
      [`https://reg.example.com/v2/app/blobs/${configDigest}`, BASIC],
      ['https://storage.example.net/blobs/x?sig=1', null],
    ]);
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    const { fetchImpl } = fakeFetch(() => new Response('tampered'));
    await expect(new RegistryClient('reg.example.com', { fetchImpl }).getBlob('app', configDigest)).rejects.toThrow(
      `getting blob reg.example.com/app@${configDigest}: the bytes received have digest ${digestOf(Buffer.from('tampered'))}`,
    );
  });
});

describe('RegistryClient: faults', () => {
  it('fails clearly on a persistent 503 after the retry bound', async () => {
    const { fetchImpl, calls } = fakeFetch(() => new Response('', { status: 503, statusText: 'Service Unavailable' }));
    const client = new RegistryClient('reg.example.com', { fetchImpl, retry: FAST });
    await expect(client.getManifest('app', 'v1')).rejects.toThrow(
      'getting manifest reg.example.com/app:v1: 503 Service Unavailable — gave up after 3 attempts',
    );
    expect(calls).toHaveLength(3);
  });

  it('fails clearly when the connection keeps failing', async () => {
    const { fetchImpl } = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.9.9.9:443') });
    });
    await expect(
      new RegistryClient('reg.example.com', { fetchImpl, retry: FAST }).getManifest('app', 'v1'),
    ).rejects.toThrow(
      'getting manifest reg.example.com/app:v1 failed after 3 attempts: fetch failed (connect ECONNREFUSED 10.9.9.9:443)',
    );
  });
});
