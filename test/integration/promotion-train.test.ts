import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { runPromotion } from '../../packages/promotion/account.js';
import type { PromotionRequest } from '../../packages/promotion/index.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { formatImmutableTag } from '../../packages/tagging/tags.js';
import { pushManifest, pushOciImage, pushOciIndex, type PushTarget } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

/*
 * Release trains: several images built from one commit, shipped together or not at all, under one
 * version and one release whose lineage lists every image.
 */

const BOB = { username: 'bob', password: 'bob-secret-B2' };
let b: TestRegistry;
let world: ReleaseWorld | undefined;

beforeAll(async () => {
  b = await startRegistry({ kind: 'htpasswd', ...BOB });
});
afterAll(async () => {
  await b?.stop();
});
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

async function start(): Promise<ReleaseWorld> {
  world = await startReleaseWorld();
  return world;
}

/** Another image of the same build (a worker beside the api), pushed with its tags as a build workflow does. */
async function pushSibling(
  w: ReleaseWorld,
  repository: string,
  build: { version: string; commit: string; ts: number },
  kind: 'oci' | 'oci-index' = 'oci',
) {
  const target: PushTarget = { url: w.registry.url };
  const tag = formatImmutableTag({
    env: 'staging',
    version: build.version,
    sha: build.commit.slice(0, 7),
    ts: build.ts,
  });
  const push = kind === 'oci-index' ? pushOciIndex : pushOciImage;
  const pushed = await push(target, repository, tag, { labels: { 'org.opencontainers.image.revision': build.commit } });
  await pushManifest(target, repository, 'staging', pushed.mediaType, pushed.bytes);
  return { tag, digest: pushed.digest };
}

async function tags(host: string, repository: string, credentials?: { username: string; password: string }) {
  const client = new RegistryClient(host, credentials ? { credentials: { ...credentials, source: 'input' } } : {});
  const out: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort())
    out[tag] = (await client.headManifest(repository, tag))!.digest;
  return out;
}

const request = (w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest => ({
  image: w.image,
  source: 'latest',
  repository: w.repository,
  train: [{ image: `${w.registry.host}/acme/worker` }],
  ...extra,
});

describe('a release train', () => {
  it('ships two images of one commit under one version and one release listing both, and a re-run changes nothing', async () => {
    const w = await start();
    const api = await w.pushBuild({ version: '1.2.0', ts: 1_700_000_100 });
    const worker = await pushSibling(w, 'acme/worker', { ...api }, 'oci-index');
    const account = await runPromotion(request(w), w.services());
    expect(account.result).toBe('promoted');
    const plan = account.plan!;
    expect(plan.train).toHaveLength(1);
    const workerTarget = account.outcome!.train![0]!.targetTag;
    expect((await w.tagDigests())[account.outcome!.targetTag]).toBe(api.digest);
    expect((await tags(w.registry.host, 'acme/worker'))[workerTarget]).toBe(worker.digest);
    expect((await tags(w.registry.host, 'acme/worker')).production).toBe(worker.digest);
    const releases = w.standIn.state.releases.filter((r) => r.tag_name === 'v1.2.0');
    expect(releases).toHaveLength(1);
    const lineage = parseLineage(releases[0]!.body)!;
    expect(lineage.images).toEqual([
      { image: w.image, digest: api.digest, sourceTag: api.tag, targetTag: account.outcome!.targetTag },
      {
        image: `${w.registry.host}/acme/worker`,
        digest: worker.digest,
        sourceTag: worker.tag,
        targetTag: workerTarget,
      },
    ]);
    expect(lineage.deliveries?.map((d) => [d.image, d.targetTag])).toEqual([
      [undefined, account.outcome!.targetTag],
      [`${w.registry.host}/acme/worker`, workerTarget],
    ]);
    expect(account.environments.find((e) => e.image)).toMatchObject({ environment: 'production', now: workerTarget });
    expect(w.standIn.state.refs.get('refs/tags/v1.2.1-next')).toBe(api.commit);

    const before = await w.state();
    const again = await runPromotion(request(w), w.services());
    expect(again.result).toBe('unchanged');
    expect(await w.state()).toEqual(before);
  });

  it('refuses the whole train before any change when one image was built from another commit', async () => {
    const w = await start();
    const api = await w.pushBuild({ version: '1.3.0', ts: 1_700_000_100 });
    const other = w.standIn.addCommit();
    await pushSibling(w, 'acme/worker', { version: '1.3.0', commit: other, ts: 1_700_000_100 });
    const before = await w.state();
    const workerBefore = await tags(w.registry.host, 'acme/worker');
    const account = await runPromotion(request(w), w.services());
    expect(account.result).toBe('refused');
    expect(account.error!.message).toContain(`commit ${api.commit}`);
    expect(account.error!.message).toContain(`commit ${other}`);
    expect(account.error!.message).toContain('Nothing was changed');
    expect(await w.state()).toEqual(before);
    expect(await tags(w.registry.host, 'acme/worker')).toEqual(workerBefore);
  });

  it('refuses the whole train when one image cannot be written: the other is not promoted either', async () => {
    world = await startReleaseWorld({ faultProxy: true });
    const w = world;
    const api = await w.pushBuild({ version: '1.4.0', ts: 1_700_000_100 });
    await pushSibling(w, 'acme/worker', { ...api });
    // The registry grants the token and then refuses the worker's upload (GHCR's answer for a
    // package the workflow may not write, https://github.com/tuna-os/tunaOS/issues/642).
    w.proxy!.inject({
      match: (m, p) => m === 'POST' && p.startsWith('/v2/acme/worker/blobs/uploads/'),
      status: 403,
      body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'permission_denied: write_package' }] }),
      times: 10,
    });
    const before = await w.state();
    const workerBefore = await tags(w.registry.host, 'acme/worker');
    const account = await runPromotion(
      request(w, { train: [{ image: `${w.proxy!.host}/acme/worker` }] }),
      w.services(),
    );
    expect(account.result).toBe('refused');
    expect(account.error!.message).toMatch(/acme\/worker.*write_package.*Nothing was changed/s);
    expect(await w.state()).toEqual(before);
    expect(await tags(w.registry.host, 'acme/worker')).toEqual(workerBefore);
    expect(w.proxy!.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('ships a train into another registry, each image copied with its digest', async () => {
    const w = await start();
    const api = await w.pushBuild({ version: '1.5.0', ts: 1_700_000_100, kind: 'oci-index' });
    const worker = await pushSibling(w, 'acme/worker', { ...api });
    const clients = registryClients({ byRegistry: { [b.host]: BOB }, env: {}, retry: w.retry, access: 'push' });
    const account = await runPromotion(
      request(w, {
        toImage: `${b.host}/prod/api`,
        train: [{ image: `${w.registry.host}/acme/worker`, toImage: `${b.host}/prod/worker` }],
      }),
      w.services({ clients }),
    );
    expect(account.result).toBe('promoted');
    expect((await tags(b.host, 'prod/api', BOB)).production).toBe(api.digest);
    expect((await tags(b.host, 'prod/worker', BOB)).production).toBe(worker.digest);
    const lineage = parseLineage(w.standIn.state.releases.find((r) => r.tag_name === 'v1.5.0')!.body)!;
    expect(lineage.images!.map((i) => [i.image, i.sourceImage])).toEqual([
      [`${b.host}/prod/api`, w.image],
      [`${b.host}/prod/worker`, `${w.registry.host}/acme/worker`],
    ]);
  });

  it('refuses bad trains before any I/O: a digest source, an image twice', async () => {
    const w = await start();
    const digest = `sha256:${'a'.repeat(64)}`;
    const a = await runPromotion(request(w, { source: digest }), w.services());
    expect(a.result).toBe('refused');
    expect(a.error).toEqual({
      kind: 'input',
      message: expect.stringContaining('a digest names one image, and a train has several'),
    });
    const twice = await runPromotion(request(w, { train: [{ image: w.image }] }), w.services());
    expect(twice.error).toEqual({
      kind: 'input',
      message: expect.stringContaining('each image (and each to-image) once in a train'),
    });
  });
});
