import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { imageRevisionLabel, RegistryClient, type Manifest } from '../../packages/registry/client.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import {
  MediaType,
  pushDockerImage,
  pushDockerManifestList,
  pushOciImage,
  pushOciIndex,
  type PushedImage,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

const REVISION = '0123456789abcdef0123456789abcdef01234567';
/** Fast backoff; Retry-After up to 2 s is honoured so the 429 case waits the second it is asked to. */
const FAST: RetryPolicy = { retries: 3, baseMs: 5, maxMs: 20, maxRetryAfterMs: 2000 };

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
});
afterAll(async () => {
  await reg?.stop();
});

describe('manifests against a real registry', () => {
  let images: PushedImage[];
  let client: RegistryClient;
  beforeAll(async () => {
    const t = { url: reg.url };
    const labels = { 'org.opencontainers.image.revision': REVISION };
    images = [
      await pushOciImage(t, 'kinds/app', 'oci', { labels }),
      await pushDockerImage(t, 'kinds/app', 'docker', { labels }),
      await pushOciIndex(t, 'kinds/app', 'index', { labels }),
      await pushDockerManifestList(t, 'kinds/app', 'list', { labels }),
    ];
    client = new RegistryClient(reg.host, { retry: FAST });
  });

  it('gets and puts all four manifest kinds keeping digest, media type and bytes', async () => {
    for (const image of images) {
      const got = await client.getManifest('kinds/app', image.tag);
      expect(got.digest).toBe(image.digest);
      expect(got.mediaType).toBe(image.mediaType);
      expect(got.bytes.equals(image.bytes)).toBe(true);

      const tag = `copy-of-${image.tag}`;
      expect(await client.headManifest('kinds/app', tag)).toBeUndefined();
      expect(await client.putManifest('kinds/app', tag, got)).toBe(image.digest);
      const copy = await client.getManifest('kinds/app', tag);
      expect(copy.bytes.equals(image.bytes)).toBe(true);
      expect([copy.digest, copy.mediaType]).toEqual([image.digest, image.mediaType]);
      expect(await client.headManifest('kinds/app', tag)).toEqual({
        digest: image.digest,
        mediaType: image.mediaType,
        size: image.bytes.length,
      });
    }
    expect(images.map((i) => i.mediaType)).toEqual([
      MediaType.ociManifest,
      MediaType.dockerManifest,
      MediaType.ociIndex,
      MediaType.dockerManifestList,
    ]);
  });

  it('resolves every child of an index by digest, and each manifest by its own digest', async () => {
    for (const image of images) {
      expect((await client.getManifest('kinds/app', image.digest)).bytes.equals(image.bytes)).toBe(true);
      for (const child of image.children) {
        const m = await client.getManifest('kinds/app', child);
        expect(m.digest).toBe(child);
      }
    }
    expect(images.map((i) => i.children.length)).toEqual([0, 0, 4, 2]);
  });

  it('reads the revision label from a single manifest, or the first platform of an index', async () => {
    for (const image of images) {
      const m: Manifest = await client.getManifest('kinds/app', image.tag);
      expect(await imageRevisionLabel(client, 'kinds/app', m)).toBe(REVISION);
    }
    const unlabelled = await pushOciIndex({ url: reg.url }, 'kinds/plain', 'v1');
    expect(
      await imageRevisionLabel(client, 'kinds/plain', await client.getManifest('kinds/plain', unlabelled.tag)),
    ).toBeUndefined();
  });

  it('names the image and the registry error when a manifest is missing', async () => {
    await expect(client.getManifest('kinds/app', 'nope')).rejects.toThrow(
      `getting manifest ${reg.host}/kinds/app:nope: 404 MANIFEST_UNKNOWN manifest unknown`,
    );
    expect(await client.headManifest('kinds/app', 'nope')).toBeUndefined();
    expect(await client.listTags('kinds/absent')).toEqual([]);
  });

  it('refuses to push an index whose children are not in the target repository', async () => {
    const index = images[2]!;
    const m = await client.getManifest('kinds/app', index.tag);
    await expect(client.putManifest('elsewhere/app', 'v1', m)).rejects.toThrow(
      `pushing manifest to ${reg.host}/elsewhere/app:v1: 400 MANIFEST_BLOB_UNKNOWN blob unknown to registry: ${index.children.join(', ')}` +
        ' — the repository lacks a blob or child manifest this manifest references; copy them into the repository first',
    );
    expect(await client.listTags('elsewhere/app')).toEqual([]);
  });
});

describe('listing a repository of 2,500 tags', () => {
  let proxy: FaultProxy;
  const expected: string[] = [];
  beforeAll(async () => {
    const image = await pushOciImage({ url: reg.url }, 'many/app', 'base');
    const client = new RegistryClient(reg.host);
    const manifest = await client.getManifest('many/app', 'base');
    for (let i = 0; i < 2500; i++) expected.push(`staging-v1.0.${i}-abcdef0-${1700000000 + i}`);
    for (let i = 0; i < expected.length; i += 50) {
      await Promise.all(expected.slice(i, i + 50).map((tag) => client.putManifest('many/app', tag, manifest)));
    }
    expected.push('base');
    expected.sort();
    expect(image.tag).toBe('base');
    // distribution 2.8 ignores `n`: the proxy paginates for it, with Link headers.
    proxy = await startFaultProxy(reg.url, { tagPageSize: 1000 });
  }, 120000);
  afterAll(async () => {
    await proxy?.stop();
  });
  beforeEach(() => proxy.reset());

  it('follows Link until it is absent', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const tags = await client.listTags('many/app', { pageSize: 100 });
    expect(tags).toEqual(expected);
    const pages = proxy.requests.filter((r) => r.path.startsWith('/v2/many/app/tags/list'));
    expect(pages).toHaveLength(26);
    expect(pages[0]!.path).toBe('/v2/many/app/tags/list?n=100');
    expect(pages[1]!.path).toBe(`/v2/many/app/tags/list?n=100&last=${encodeURIComponent(expected[99]!)}`);
  });

  it('asks for n=1000 by default', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST });
    expect(await client.listTags('many/app')).toEqual(expected);
    expect(proxy.requests.map((r) => r.path.replace(/&last=.*/, ''))).toEqual([
      '/v2/many/app/tags/list?n=1000',
      '/v2/many/app/tags/list?n=1000',
      '/v2/many/app/tags/list?n=1000',
    ]);
  });

  it('retries a page that fails with 429 or 503 and still lists everything', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST });
    proxy.inject({
      match: (m, p) => m === 'GET' && p.includes('tags/list') && p.includes('last='),
      status: 429,
      headers: { 'retry-after': '0' },
    });
    proxy.inject({
      match: (m, p) => m === 'GET' && p.includes('tags/list') && p.includes('last='),
      status: 503,
      times: 2,
    });
    expect(await client.listTags('many/app', { pageSize: 500 })).toEqual(expected);
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 429, 503, 503, 200, 200, 200, 200, 200]);
  });
});

describe('faults between client and registry', () => {
  let proxy: FaultProxy;
  let image: PushedImage;
  const manifests = (m: string, p: string) => m === 'GET' && p.startsWith('/v2/faults/app/manifests/');
  beforeAll(async () => {
    image = await pushOciIndex({ url: reg.url }, 'faults/app', 'v1', {
      labels: { 'org.opencontainers.image.revision': REVISION },
    });
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
  });
  beforeEach(() => proxy.reset());

  it('waits out a 429 with Retry-After: 1 and succeeds', async () => {
    proxy.inject({ match: manifests, status: 429, headers: { 'retry-after': '1' } });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    expect((await client.getManifest('faults/app', 'v1')).digest).toBe(image.digest);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 429],
      ['GET', 200],
    ]);
    expect(client.requestCount).toBe(2);
  });

  it('retries 503 and succeeds', async () => {
    proxy.inject({ match: manifests, status: 503, times: 2 });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    expect((await client.getManifest('faults/app', 'v1')).bytes.equals(image.bytes)).toBe(true);
    expect(proxy.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('retries a body dropped half-way and a connection closed before the answer', async () => {
    proxy.inject({ match: manifests, drop: 'mid-body' });
    proxy.inject({ match: manifests, drop: 'before-response' });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const got = await client.getManifest('faults/app', 'v1');
    expect(got.bytes.equals(image.bytes)).toBe(true);
    expect(got.digest).toBe(image.digest);
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 0, 200]);
  });

  it('retries a dropped blob body and a 503 on a manifest PUT', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST });
    proxy.inject({ match: (m, p) => m === 'GET' && p.includes('/blobs/'), drop: 'mid-body' });
    expect(await imageRevisionLabel(client, 'faults/app', await client.getManifest('faults/app', 'v1'))).toBe(REVISION);
    const manifest = await client.getManifest('faults/app', 'v1');
    proxy.inject({ match: (m) => m === 'PUT', status: 503 });
    expect(await client.putManifest('faults/app', 'v2', manifest)).toBe(image.digest);
    expect(proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([503, 201]);
    expect((await client.headManifest('faults/app', 'v2'))?.digest).toBe(image.digest);
  });

  it('fails clearly on a persistent 503 once the retries are spent', async () => {
    proxy.inject({ match: manifests, status: 503, times: 100 });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    await expect(client.getManifest('faults/app', 'v1')).rejects.toThrow(
      `getting manifest ${proxy.host}/faults/app:v1: 503 Service Unavailable — gave up after 4 attempts`,
    );
    expect(proxy.requests).toHaveLength(4);
  });

  it('fails clearly when a body keeps dropping', async () => {
    proxy.inject({ match: manifests, drop: 'mid-body', times: 100 });
    const client = new RegistryClient(proxy.host, { retry: { ...FAST, retries: 1 } });
    const err = (await client.getManifest('faults/app', 'v1').catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(
      new RegExp(
        `^getting manifest ${proxy.host.replace(/\./g, '\\.')}/faults/app:v1 failed after 2 attempts: the connection dropped while reading the response \\(`,
      ),
    );
  });
});
