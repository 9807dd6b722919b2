import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { retag } from '../../packages/promotion/retag.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import {
  MediaType,
  pushDockerImage,
  pushDockerManifestList,
  pushOciImage,
  pushOciIndex,
  tokenAuth,
  type PushedImage,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

const FAST: RetryPolicy = { retries: 2, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 };
const STAGING = 'staging-v1.2.3-abcdef0-1738860123';
const PRODUCTION = 'production-v1.2.3-abcdef0-1738861000';

let reg: TestRegistry;
let proxy: FaultProxy;
/** the registry as the client sees it: through the proxy, which counts requests */
let host: string;
const clients = () => registryClients({ retry: FAST, access: 'push', env: {} });

beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
  proxy = await startFaultProxy(reg.url);
  host = proxy.host;
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
});
beforeEach(() => proxy.reset());

/** Every tag of a repository with the digest it points at, read straight from the registry. */
async function tagState(repository: string): Promise<Record<string, string>> {
  const client = new RegistryClient(reg.host);
  const state: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort()) {
    state[tag] = (await client.headManifest(repository, tag))!.digest;
  }
  return state;
}

const methods = () => proxy.requests.map((r) => `${r.method} ${r.path}`);

describe('retag of every manifest kind against a real registry', () => {
  const kinds: [
    string,
    (t: { url: string }, repo: string, tag: string) => Promise<PushedImage>,
    string,
    number,
    string,
  ][] = [
    ['an OCI image', pushOciImage, MediaType.ociManifest, 0, 'kinds/oci-image'],
    ['a Docker v2 image', pushDockerImage, MediaType.dockerManifest, 0, 'kinds/docker-image'],
    ['an OCI index of two platforms and their attestations', pushOciIndex, MediaType.ociIndex, 4, 'kinds/oci-index'],
    ['a Docker manifest list', pushDockerManifestList, MediaType.dockerManifestList, 2, 'kinds/docker-list'],
  ];

  it.each(kinds)('copies %s keeping digest, media type and bytes', async (_name, push, mediaType, children, repo) => {
    const image = await push({ url: reg.url }, repo, STAGING);
    expect(image.mediaType).toBe(mediaType);
    expect(image.children).toHaveLength(children);
    proxy.reset();

    const result = await retag({
      source: `${host}/${repo}:${STAGING}`,
      targets: [PRODUCTION, 'production'],
      clients: clients(),
    });
    expect(result).toEqual({
      source: `${host}/${repo}:${STAGING}`,
      digest: image.digest,
      mediaType,
      dryRun: false,
      copies: [],
      targets: [
        { ref: `${host}/${repo}:${PRODUCTION}`, repository: repo, tag: PRODUCTION, state: 'created' },
        { ref: `${host}/${repo}:production`, repository: repo, tag: 'production', state: 'created' },
      ],
    });
    // GET the source, HEAD each target (together), PUT each target in the order given
    const m = methods();
    expect(m[0]).toBe(`GET /v2/${repo}/manifests/${STAGING}`);
    expect(m.slice(1, 3).sort()).toEqual([
      `HEAD /v2/${repo}/manifests/production`,
      `HEAD /v2/${repo}/manifests/${PRODUCTION}`,
    ]);
    expect(m.slice(3)).toEqual([`PUT /v2/${repo}/manifests/${PRODUCTION}`, `PUT /v2/${repo}/manifests/production`]);

    const direct = new RegistryClient(reg.host);
    for (const tag of [PRODUCTION, 'production']) {
      const copy = await direct.getManifest(repo, tag);
      expect([copy.digest, copy.mediaType]).toEqual([image.digest, mediaType]);
      expect(copy.bytes.equals(image.bytes)).toBe(true);
      // every child resolves in the repository, from the descriptors of the copy itself
      const listed = (JSON.parse(copy.bytes.toString()) as { manifests?: { digest: string }[] }).manifests ?? [];
      expect(listed.map((d) => d.digest)).toEqual(image.children);
      for (const child of listed) expect((await direct.getManifest(repo, child.digest)).digest).toBe(child.digest);
    }
    expect(await tagState(repo)).toEqual({
      [PRODUCTION]: image.digest,
      production: image.digest,
      [STAGING]: image.digest,
    });
  });
});

describe('the immutability guard, re-runs, aliases and dry runs', () => {
  const repo = 'guard/app';
  let tested: PushedImage;
  let other: PushedImage;
  beforeAll(async () => {
    tested = await pushOciIndex({ url: reg.url }, repo, STAGING);
    other = await pushOciImage({ url: reg.url }, repo, 'staging-v1.2.2-1111111-1738800000');
  });

  it('refuses an immutable tag that points at another digest, naming both, and writes nothing', async () => {
    const taken = 'production-v1.2.2-1111111-1738800001';
    await retag({ source: `${host}/${repo}:staging-v1.2.2-1111111-1738800000`, targets: [taken], clients: clients() });
    const before = await tagState(repo);
    proxy.reset();

    const run = retag({
      source: `${host}/${repo}:${STAGING}`,
      targets: ['production', taken, 'latest'],
      clients: clients(),
    });
    await expect(run).rejects.toThrow(RefusedError);
    await expect(
      retag({ source: `${host}/${repo}:${STAGING}`, targets: ['production', taken, 'latest'], clients: clients() }),
    ).rejects.toThrow(
      `immutable tag refused: ${host}/${repo}:${taken} already points at ${other.digest}, not ${tested.digest}. ` +
        'An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.',
    );
    expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
    expect(await tagState(repo)).toEqual(before);
    expect(before).not.toHaveProperty('production');
  });

  it('reports a re-run as unchanged, with no PUT', async () => {
    const targets = ['production-v1.2.3-abcdef0-1738861001', 'production'];
    const first = await retag({ source: `${host}/${repo}:${STAGING}`, targets, clients: clients() });
    expect(first.targets.map((t) => t.state)).toEqual(['created', 'created']);
    proxy.reset();
    const again = await retag({ source: `${host}/${repo}:${STAGING}`, targets, clients: clients() });
    expect(again.targets.map((t) => [t.tag, t.state])).toEqual([
      [targets[0], 'unchanged'],
      ['production', 'unchanged'],
    ]);
    expect(methods().sort()).toEqual(
      [`GET /v2/${repo}/manifests/${STAGING}`, ...targets.map((t) => `HEAD /v2/${repo}/manifests/${t}`)].sort(),
    );
  });

  it('moves an alias, reporting the digest it pointed at', async () => {
    await retag({ source: `${host}/${repo}:${STAGING}`, targets: ['production'], clients: clients() });
    const result = await retag({
      source: `${host}/${repo}@${other.digest}`,
      targets: ['production'],
      clients: clients(),
    });
    expect(result.targets).toEqual([
      {
        ref: `${host}/${repo}:production`,
        repository: repo,
        tag: 'production',
        state: 'moved',
        previousDigest: tested.digest,
      },
    ]);
    expect(result.source).toBe(`${host}/${repo}@${other.digest}`);
    expect((await tagState(repo)).production).toBe(other.digest);
  });

  it('does everything but the PUTs in a dry run', async () => {
    const before = await tagState(repo);
    proxy.reset();
    const result = await retag({
      source: `${host}/${repo}:${STAGING}`,
      targets: ['production-v1.2.3-abcdef0-1738862000', 'production'],
      dryRun: true,
      clients: clients(),
    });
    expect(result.dryRun).toBe(true);
    expect(result.targets.map((t) => [t.state, t.previousDigest])).toEqual([
      ['created', undefined],
      ['moved', before.production],
    ]);
    expect(proxy.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(await tagState(repo)).toEqual(before);
    // the guard applies in a dry run too
    await expect(
      retag({
        source: `${host}/${repo}:${STAGING}`,
        targets: ['production-v1.2.2-1111111-1738800001'],
        dryRun: true,
        clients: clients(),
      }),
    ).rejects.toThrow(`already points at ${other.digest}, not ${tested.digest}`);
  });

  it('refuses when the source no longer has the digest a plan expected', async () => {
    const before = await tagState(repo);
    await expect(
      retag({
        source: `${host}/${repo}:${STAGING}`,
        targets: ['production'],
        expectedDigest: other.digest,
        clients: clients(),
      }),
    ).rejects.toThrow(
      new RefusedError(
        `source ${host}/${repo}:${STAGING} is ${tested.digest}, not the expected ${other.digest}: it moved since the promotion was planned. Nothing was written.`,
      ),
    );
    expect(await tagState(repo)).toEqual(before);
  });
});

describe('a bare-digest source', () => {
  it('tags one digest in every target repository', async () => {
    const a = await pushOciImage({ url: reg.url }, 'acme/backend', 'build', { seed: 'same' });
    const b = await pushOciImage({ url: reg.url }, 'acme/worker', 'build', { seed: 'same' });
    expect(a.digest).toBe(b.digest);
    proxy.reset();
    const result = await retag({
      source: a.digest,
      targets: [`${host}/acme/backend:develop`, `${host}/acme/worker:develop`, `${host}/acme/backend:1234567`],
      clients: clients(),
    });
    expect(result.source).toBe(a.digest);
    expect(result.targets.map((t) => `${t.state} ${t.ref}`)).toEqual([
      `created ${host}/acme/backend:develop`,
      `created ${host}/acme/worker:develop`,
      `created ${host}/acme/backend:1234567`,
    ]);
    // one GET per repository, then the PUTs in the order given
    expect(methods().filter((m) => m.startsWith('GET') || m.startsWith('PUT'))).toEqual([
      `GET /v2/acme/backend/manifests/${a.digest}`,
      `GET /v2/acme/worker/manifests/${a.digest}`,
      'PUT /v2/acme/backend/manifests/develop',
      'PUT /v2/acme/worker/manifests/develop',
      'PUT /v2/acme/backend/manifests/1234567',
    ]);
    expect(await tagState('acme/backend')).toEqual({ build: a.digest, develop: a.digest, '1234567': a.digest });
    expect(await tagState('acme/worker')).toEqual({ build: a.digest, develop: a.digest });
  });

  it('names the repository lacking the digest, after writing nothing', async () => {
    const a = await pushOciImage({ url: reg.url }, 'lack/one', 'build');
    await pushOciImage({ url: reg.url }, 'lack/two', 'build');
    await expect(
      retag({
        source: a.digest,
        targets: [`${host}/lack/one:develop`, `${host}/lack/two:develop`],
        clients: clients(),
      }),
    ).rejects.toThrow(`getting manifest ${host}/lack/two@${a.digest}: 404 MANIFEST_UNKNOWN manifest unknown`);
    expect(await tagState('lack/one')).toEqual({ build: a.digest });
  });
});

describe('bad input is refused before any request', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  it.each([
    [
      { source: digest, targets: ['production'] },
      'tags: "production" is not accepted: with a bare-digest source every target names its own repository. Accepted: full references registry/repo:tag',
    ],
    [
      { source: '127.0.0.1:5000/acme/backend', targets: ['production'] },
      'source: "127.0.0.1:5000/acme/backend" is not accepted: it names no tag or digest. Accepted: an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository',
    ],
    [
      { source: 'sha256:abc', targets: ['127.0.0.1:5000/acme/backend:x'] },
      'source: "sha256:abc" is not accepted: a bare digest must be sha256:<64 lowercase hex>. Accepted: an image reference by tag or digest (registry/repo:tag, registry/repo@sha256:<64 hex>) or a bare digest sha256:<64 hex> present in every target repository',
    ],
    [
      { source: '127.0.0.1:5000/acme/backend:staging', targets: [`127.0.0.1:5000/acme/backend@${digest}`] },
      `tags: "127.0.0.1:5000/acme/backend@${digest}" is not accepted: a target is a tag, not a digest. Accepted: tags (in the source repository) or full references registry/repo:tag (any repository, any registry: the image is copied there), one a line or separated by commas`,
    ],
    [
      { source: '127.0.0.1:5000/acme/backend:staging', targets: ['-bad'] },
      'tags: "-bad" is not accepted: it starts with "-". Accepted:',
    ],
    [
      { source: '127.0.0.1:5000/acme/backend:staging', targets: [' '] },
      'tags: " " is not accepted: no tag is given. Accepted: tags (in the source repository) or full references registry/repo:tag (any repository, any registry: the image is copied there), one a line or separated by commas',
    ],
  ])('%j', async (input, message) => {
    let asked = 0;
    const run = retag({
      ...input,
      clients: async (registry) => {
        asked++;
        return new RegistryClient(registry);
      },
    });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(message);
    expect(asked).toBe(0);
  });
});

describe('retag against a token-auth registry', () => {
  const USER = 'promoter';
  const PASSWORD = 'retag-secret-pw';
  let tokenReg: TestRegistry;
  let tokenProxy: FaultProxy;
  let image: PushedImage;
  beforeAll(async () => {
    tokenReg = await startRegistry({ kind: 'token', username: USER, password: PASSWORD });
    tokenProxy = await startFaultProxy(tokenReg.url);
    image = await pushOciIndex(
      { url: tokenReg.url, authorization: tokenAuth(tokenReg.tokenServer!, USER, PASSWORD) },
      'auth/app',
      STAGING,
    );
  });
  afterAll(async () => {
    await tokenProxy?.stop();
    await tokenReg?.stop();
  });

  it('needs the challenge, one token fetch, and GET + HEAD + PUT per target', async () => {
    const ts = tokenReg.tokenServer!;
    ts.requests.length = 0;
    const secrets: string[] = [];
    const factory = registryClients({
      username: USER,
      password: PASSWORD,
      access: 'push',
      env: {},
      onSecret: (s) => secrets.push(s),
    });
    const result = await retag({
      source: `${tokenProxy.host}/auth/app:${STAGING}`,
      targets: [PRODUCTION],
      clients: factory,
    });
    expect(result.targets.map((t) => t.state)).toEqual(['created']);
    expect(result.digest).toBe(image.digest);
    expect(ts.requests).toHaveLength(1);
    expect(ts.requests[0]!.query).toBe(
      `service=${encodeURIComponent(ts.service)}&scope=${encodeURIComponent('repository:auth/app:pull,push')}`,
    );
    expect(tokenProxy.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
      `401 GET /v2/auth/app/manifests/${STAGING}`,
      `200 GET /v2/auth/app/manifests/${STAGING}`,
      `404 HEAD /v2/auth/app/manifests/${PRODUCTION}`,
      `201 PUT /v2/auth/app/manifests/${PRODUCTION}`,
    ]);
    expect(secrets).toContain(PASSWORD);
    const client = await factory(tokenProxy.host);
    expect([client.requestCount, client.tokenRequestCount]).toEqual([4, 1]);
  });

  it("gives the token server's error for a wrong password and writes nothing", async () => {
    const factory = registryClients({ username: USER, password: 'wrong', access: 'push', env: {}, retry: FAST });
    await expect(
      retag({ source: `${tokenReg.host}/auth/app:${STAGING}`, targets: ['production'], clients: factory }),
    ).rejects.toThrow(
      `getting manifest ${tokenReg.host}/auth/app:${STAGING}: the token server ${tokenReg.tokenServer!.realm} answered 401 UNAUTHORIZED invalid username or password — check username/password`,
    );
  });
});
