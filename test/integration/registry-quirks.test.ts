import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RetryPolicy } from '../../packages/common/retry.js';
import type { Logger } from '../../packages/common/logger.js';
import { retag } from '../../packages/promotion/retag.js';
import { environmentStatus } from '../../packages/promotion/status.js';
import { RegistryClient } from '../../packages/registry/client.js';
import type { Credentials } from '../../packages/registry/credentials.js';
import {
  basicAuth,
  MANIFEST_ACCEPT,
  pushOciImage,
  pushOciIndex,
  tokenAuth,
  type PushTarget,
} from '../support/images.js';
import { startRegistryQuirks, type RegistryQuirks } from '../support/registry-quirks.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/**
 * The registry behaviours of issue 9's table, each emulated by test/support/registry-quirks.ts in
 * front of the real registry (distribution 2.8) on loopback; the comments there say where each is
 * documented.
 */
const USER = 'promoter';
const PASSWORD = 's3cret-pa55';
const CREDS: Credentials = { source: 'input', username: USER, password: PASSWORD };
const FAST: RetryPolicy = { retries: 2, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 };

let basicReg: TestRegistry;
let tokenReg: TestRegistry;
const basicPush = (): PushTarget => ({ url: basicReg.url, authorization: basicAuth(USER, PASSWORD) });
const tokenPush = (): PushTarget => ({
  url: tokenReg.url,
  authorization: tokenAuth(tokenReg.tokenServer!, USER, PASSWORD),
});

beforeAll(async () => {
  [basicReg, tokenReg] = await Promise.all([
    startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD }),
    startRegistry({ kind: 'token', username: USER, password: PASSWORD }),
  ]);
});
afterAll(async () => {
  await basicReg?.stop();
  await tokenReg?.stop();
});

/** A logger that keeps what it is told. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
  };
}

/** Every tag of a repository with its digest, read straight from the registry (no proxy). */
async function tagState(reg: TestRegistry, repository: string): Promise<Record<string, string>> {
  const client = new RegistryClient(reg.host, { credentials: CREDS });
  const state: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort()) {
    state[tag] = (await client.headManifest(repository, tag))!.digest;
  }
  return state;
}

/** Pushes one image under `base` and tags it `count` more times, `t-0000`…, straight to the registry. */
async function seedTags(reg: TestRegistry, push: PushTarget, repository: string, count: number): Promise<void> {
  await pushOciImage(push, repository, 'base');
  const client = new RegistryClient(reg.host, { credentials: CREDS });
  const manifest = await client.getManifest(repository, 'base');
  const tags = Array.from({ length: count }, (_, i) => `t-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < tags.length; i += 50) {
    await Promise.all(tags.slice(i, i + 50).map((tag) => client.putManifest(repository, tag, manifest)));
  }
}

describe('a tags/list Link that names another origin', () => {
  const repository = 'xo/app';
  const cases: [string, () => TestRegistry, () => PushTarget][] = [
    ['Basic', () => basicReg, basicPush],
    ['Bearer', () => tokenReg, tokenPush],
  ];
  let proxies: RegistryQuirks[] = [];
  beforeAll(async () => {
    await Promise.all(cases.map(([, reg, push]) => seedTags(reg(), push(), repository, 5)));
    proxies = await Promise.all(
      cases.map(([, reg]) => startRegistryQuirks(reg().url, { mode: 'cross-origin-link', tagPageSize: 2 })),
    );
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()));
  });

  it.each(cases.map((c, i) => [c[0], i] as const))(
    'never reaches the other host with %s credentials: the pages are read from the registry itself',
    async (_scheme, i) => {
      const [, reg] = cases[i]!;
      const proxy = proxies[i]!;
      const expected = Object.keys(await tagState(reg(), repository));
      expect(expected).toHaveLength(6);
      proxy.reset();

      const logger = recordingLogger();
      const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST, logger });
      const tags = await client.listTags(repository);

      // The other host is never asked anything, with or without credentials.
      expect(proxy.other.requests).toEqual([]);
      expect(tags).toEqual(expected);
      for (const planted of proxy.plantedTags) expect(tags).not.toContain(planted);
      // The three pages came from the registry's own origin, the Link's path and query kept (skopeo).
      const pages = proxy.requests.filter((r) => r.path.includes('/tags/list') && r.status === 200).map((r) => r.path);
      expect(pages).toEqual([
        `/v2/${repository}/tags/list?n=1000`,
        `/v2/${repository}/tags/list?n=2&last=t-0000`,
        `/v2/${repository}/tags/list?n=2&last=t-0002`,
      ]);
      expect(logger.lines.filter((l) => l.startsWith('warning: '))).toEqual([
        expect.stringContaining(`names another origin (${proxy.other.url})`),
      ]);
    },
  );
});

describe('Artifactory: a next-page Link without /v2/<repo-key> (RTFACT-18971)', () => {
  const repository = 'docker-local/team/app';
  let proxy: RegistryQuirks;
  beforeAll(async () => {
    await seedTags(basicReg, basicPush(), repository, 1050);
    proxy = await startRegistryQuirks(basicReg.url, { mode: 'artifactory-link', tagPageSize: 1000 });
  }, 120000);
  afterAll(async () => {
    await proxy?.stop();
  });

  it('lists past 1,000 tags: the Link’s query is read on the path of the page', async () => {
    const expected = (await new RegistryClient(basicReg.host, { credentials: CREDS }).listTags(repository)).sort();
    expect(expected).toHaveLength(1051);
    proxy.reset();

    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
    expect(await client.listTags(repository)).toEqual(expected);
    expect(proxy.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
      `/v2/${repository}/tags/list?n=1000`,
      `/v2/${repository}/tags/list?n=1000&last=${expected[999]}`,
    ]);
    // the broken path itself is never asked for
    expect(proxy.requests.filter((r) => !r.path.startsWith('/v2/'))).toEqual([]);
  });

  it('follows the Link as it is when it names the page’s own path', async () => {
    proxy.mode = 'none';
    try {
      const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
      expect(await client.listTags(repository)).toHaveLength(1051);
    } finally {
      proxy.mode = 'artifactory-link';
    }
  });
});

describe('Quay: n above 100 answered 413 TOO_MANY_TAGS_REQUESTED', () => {
  const repository = 'quay/app';
  let proxy: RegistryQuirks;
  let expected: string[];
  beforeAll(async () => {
    await seedTags(basicReg, basicPush(), repository, 249);
    proxy = await startRegistryQuirks(basicReg.url, { mode: 'quay-413' });
    expected = (await new RegistryClient(basicReg.host, { credentials: CREDS }).listTags(repository)).sort();
  }, 60000);
  afterAll(async () => {
    await proxy?.stop();
  });

  it.each(['string', 'object'] as const)(
    'asks again with the page size Quay names (detail as %s), keeps the reason, and lists every tag',
    async (detail) => {
      proxy.options.quayDetail = detail;
      proxy.reset();
      const logger = recordingLogger();
      const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST, logger });
      expect(await client.listTags(repository)).toEqual(expected);
      expect(expected).toHaveLength(250);
      expect(proxy.requests.filter((r) => r.path.includes('/tags/list')).map((r) => [r.status, r.path])).toEqual([
        [401, `/v2/${repository}/tags/list?n=1000`],
        [413, `/v2/${repository}/tags/list?n=1000`],
        [200, `/v2/${repository}/tags/list?n=100`],
        [200, `/v2/${repository}/tags/list?n=100&last=${expected[99]}`],
        [200, `/v2/${repository}/tags/list?n=100&last=${expected[199]}`],
      ]);
      const reason = 'requested limit 1000 is too high, max is 100';
      const told = logger.lines.filter((l) => l.includes('TOO_MANY_TAGS_REQUESTED'));
      expect(told).toEqual([
        expect.stringContaining(`the registry refused n=1000: 413 TOO_MANY_TAGS_REQUESTED Too many tags requested: `),
      ]);
      expect(told[0]).toContain(detail === 'string' ? reason : JSON.stringify({ message: reason }).slice(1, -1));
      expect(told[0]).toMatch(/; asking for n=100$/);
    },
  );

  it('asks for the size Quay names when it is not 100 (V2_PAGINATION_SIZE)', async () => {
    proxy.options.quayPageSize = 120;
    proxy.options.quayDetail = 'string';
    proxy.reset();
    try {
      const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
      expect(await client.listTags(repository)).toEqual(expected);
      expect(proxy.requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual([
        `/v2/${repository}/tags/list?n=120`,
        `/v2/${repository}/tags/list?n=120&last=${expected[119]}`,
        `/v2/${repository}/tags/list?n=120&last=${expected[239]}`,
      ]);
    } finally {
      proxy.options.quayPageSize = 100;
    }
  });

  it('asks for a page Quay accepts without a 413 when the caller asks for one', async () => {
    proxy.reset();
    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
    expect(await client.listTags(repository, { pageSize: 100 })).toEqual(expected);
    expect(proxy.requests.map((r) => r.status).filter((s) => s !== 200 && s !== 401)).toEqual([]);
  });
});

describe('Nexus 3.58: null inside the tags array', () => {
  const repository = 'nexus/app';
  const STAGING = 'staging-v1.2.3-abcdef0-1738860123';
  let proxy: RegistryQuirks;
  beforeAll(async () => {
    await seedTags(basicReg, basicPush(), repository, 3);
    const client = new RegistryClient(basicReg.host, { credentials: CREDS });
    await client.putManifest(repository, STAGING, await client.getManifest(repository, 'base'));
    proxy = await startRegistryQuirks(basicReg.url, { mode: 'nexus-null' });
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('skips the nulls and lists the tags', async () => {
    const expected = (await new RegistryClient(basicReg.host, { credentials: CREDS }).listTags(repository)).sort();
    expect(expected).toEqual(['base', STAGING, 't-0000', 't-0001', 't-0002']);
    const logger = recordingLogger();
    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST, logger });
    expect(await client.listTags(repository)).toEqual(expected);
    expect(logger.lines).toContainEqual(expect.stringMatching(/page 1 has 3 entries that are no tag .*; skipped$/));
  });

  it('lets status read the environment from such a list', async () => {
    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
    const [staging] = await environmentStatus(`${proxy.host}/${repository}`, ['staging'], {
      clients: async () => client,
    });
    const digest = (await new RegistryClient(basicReg.host, { credentials: CREDS }).headManifest(repository, STAGING))!
      .digest;
    expect(staging).toEqual({
      environment: 'staging',
      tag: STAGING,
      digest,
      version: '1.2.3',
      commit: 'abcdef0',
      taggedAt: '2025-02-06T16:42:03.000Z',
      ties: [],
    });
  });
});

describe('Artifactory: digests among the tags', () => {
  const repository = 'jfrog/app';
  const STAGING = 'staging-v1.3.0-abcdef0-1738860123';
  let proxy: RegistryQuirks;
  beforeAll(async () => {
    await seedTags(basicReg, basicPush(), repository, 2);
    const client = new RegistryClient(basicReg.host, { credentials: CREDS });
    await client.putManifest(repository, STAGING, await client.getManifest(repository, 'base'));
    proxy = await startRegistryQuirks(basicReg.url, { mode: 'artifactory-digests' });
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('skips the entries that are no tag name and lists the tags', async () => {
    const expected = (await new RegistryClient(basicReg.host, { credentials: CREDS }).listTags(repository)).sort();
    expect(expected).toEqual(['base', STAGING, 't-0000', 't-0001']);
    const logger = recordingLogger();
    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST, logger });
    expect(await client.listTags(repository)).toEqual(expected);
    expect(logger.lines).toContainEqual(expect.stringMatching(/page 1 has 2 entries that are no tag .*; skipped$/));
  });

  it('lets status read the environment from such a list', async () => {
    const client = new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST });
    const [staging] = await environmentStatus(`${proxy.host}/${repository}`, ['staging'], {
      clients: async () => client,
    });
    expect(staging).toMatchObject({ environment: 'staging', tag: STAGING, version: '1.3.0' });
  });
});

describe('Docker-Content-Digest without the sha256: prefix (Huawei SWR)', () => {
  const repository = 'swr/app';
  const STAGING = 'staging-v2.0.0-1234567-1738860123';
  let proxy: RegistryQuirks;
  let digest: string;
  /** requests that did the work: the 401s of the Basic handshake left out */
  const worked = () => proxy.requests.filter((r) => r.status !== 401).map((r) => `${r.method} ${r.path} ${r.status}`);
  const client = () => new RegistryClient(proxy.host, { credentials: CREDS, retry: FAST, access: 'push' });
  beforeAll(async () => {
    digest = (await pushOciIndex(basicPush(), repository, STAGING)).digest;
    proxy = await startRegistryQuirks(basicReg.url, { mode: 'bare-digest' });
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('the emulation answers the bare hex', async () => {
    const res = await fetch(`${proxy.url}/v2/${repository}/manifests/${STAGING}`, {
      method: 'HEAD',
      headers: {
        accept: MANIFEST_ACCEPT,
        authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      },
    });
    expect([res.status, res.headers.get('docker-content-digest')]).toEqual([200, digest.slice('sha256:'.length)]);
  });

  it('retags in 3 requests, and a re-run finds the tag unchanged in 2', async () => {
    expect(await tagState(basicReg, repository)).toEqual({ [STAGING]: digest });
    proxy.reset();
    const source = `${proxy.host}/${repository}:${STAGING}`;
    const result = await retag({ source, targets: ['production'], clients: async () => client() });
    expect([result.digest, result.targets.map((t) => t.state)]).toEqual([digest, ['created']]);
    expect(worked()).toEqual([
      `GET /v2/${repository}/manifests/${STAGING} 200`,
      `HEAD /v2/${repository}/manifests/production 404`,
      `PUT /v2/${repository}/manifests/production 201`,
    ]);
    expect(await tagState(basicReg, repository)).toEqual({ [STAGING]: digest, production: digest });

    proxy.reset();
    const again = await retag({ source, targets: ['production'], clients: async () => client() });
    expect(again.targets.map((t) => t.state)).toEqual(['unchanged']);
    expect(worked()).toEqual([
      `GET /v2/${repository}/manifests/${STAGING} 200`,
      `HEAD /v2/${repository}/manifests/production 200`,
    ]);
    expect(await tagState(basicReg, repository)).toEqual({ [STAGING]: digest, production: digest });
  });

  it('gets by digest, and HEAD reports the digest with its prefix', async () => {
    const c = client();
    expect((await c.getManifest(repository, digest)).digest).toBe(digest);
    expect((await c.headManifest(repository, STAGING))?.digest).toBe(digest);
    expect((await c.headManifest(repository, digest))?.digest).toBe(digest);
  });

  it.each(['bare', 'absent', 'unusable'] as const)(
    'status prints the digest of the bytes (header %s)',
    async (header) => {
      proxy.options.digestHeader = header;
      try {
        expect((await client().getManifest(repository, STAGING)).digest).toBe(digest);
        const [staging] = await environmentStatus(`${proxy.host}/${repository}`, ['staging'], {
          clients: async () => client(),
        });
        expect(staging).toMatchObject({ environment: 'staging', tag: STAGING, digest });
        expect(staging!.error).toBeUndefined();
      } finally {
        proxy.options.digestHeader = 'bare';
      }
    },
  );
});
