import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { promote, type PromotionRequest } from '../../packages/promotion/index.js';
import { runPromotion } from '../../packages/promotion/account.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { pushCosignTag, pushReferrer, tokenAuth, type PushTarget } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

/*
 * Promotion into another registry and another repository, end to end: staging on registry A
 * (token auth, alice) through the release world and its GitHub stand-in, production on registry B
 * (htpasswd, bob) behind a recording proxy. The rules of a promotion within one repository hold:
 * the digest is kept, refusals come before any change, a re-run finishes what a failure left.
 */

const ALICE = { username: 'alice', password: 'alice-secret-A1' };
const BOB = { username: 'bob', password: 'bob-secret-B2' };
let b: TestRegistry;
let pb: FaultProxy;
let world: ReleaseWorld | undefined;

beforeAll(async () => {
  b = await startRegistry({ kind: 'htpasswd', ...BOB });
  pb = await startFaultProxy(b.url);
});
afterAll(async () => {
  await pb?.stop();
  await b?.stop();
});
afterEach(async () => {
  const w = world;
  world = undefined;
  pb.reset();
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

async function start(): Promise<ReleaseWorld> {
  world = await startReleaseWorld({ auth: { kind: 'token', ...ALICE } });
  return world;
}

/** Each registry its own credentials, as the to-username/to-password inputs give them. */
function clients(w: ReleaseWorld, bob = BOB) {
  return registryClients({
    byRegistry: { [w.registry.host]: ALICE, [pb.host]: bob },
    env: {},
    retry: w.retry,
    access: 'push',
  });
}

const direct = () => new RegistryClient(b.host, { credentials: { ...BOB, source: 'input' } });

async function tagsOfB(repository: string): Promise<Record<string, string>> {
  const client = direct();
  const out: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort())
    out[tag] = (await client.headManifest(repository, tag))!.digest;
  return out;
}

function request(w: ReleaseWorld, toImage: string, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, toImage, source: 'latest', repository: w.repository, ...extra };
}

describe('promotion across registries', () => {
  it('copies a signed multi-platform index with its attestations to another registry, tags it there, and releases once', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100, kind: 'oci-index' });
    const pushA: PushTarget = {
      url: w.registry.url,
      authorization: tokenAuth(w.registry.tokenServer!, ALICE.username, ALICE.password),
    };
    const sig = await pushCosignTag(pushA, w.imageRepository, build.digest, 'sig');
    const head = (await w.clients(w.registry.host).then((c) => c.getManifest(w.imageRepository, build.digest)))!;
    const ref = await pushReferrer(pushA, w.imageRepository, {
      digest: build.digest,
      mediaType: head.mediaType,
      size: head.bytes.length,
    });
    const toImage = `${pb.host}/prod/backend`;

    const { plan, outcome } = await promote(request(w, toImage), w.services({ clients: clients(w) }));
    expect(plan).toMatchObject({
      image: w.image,
      toImage,
      sourceTag: build.tag,
      digest: build.digest,
      signatures: 'copy',
    });
    const prod = await tagsOfB('prod/backend');
    expect(prod[plan.targetTag]).toBe(build.digest);
    expect(prod.production).toBe(build.digest);
    expect(prod[sig.tag]).toBe(sig.digest);
    expect((await direct().headManifest('prod/backend', ref.digest))?.digest).toBe(ref.digest);
    const listed = await direct().listReferrers('prod/backend', build.digest);
    expect(listed.descriptors.map((d) => d.digest)).toEqual([ref.digest]);
    expect(outcome!.retag.copies).toEqual([
      expect.objectContaining({
        image: 'prod/backend'.replace(/^/, `${pb.host}/`),
        how: 'stream',
        referrers: [ref.digest],
        signatureTags: [sig.tag],
      }),
    ]);
    // Nothing was written to the staging image but what the test pushed.
    expect(Object.keys(await w.tagDigests()).filter((t) => t.startsWith('production'))).toEqual([]);
    // The release records where the tags are and where the image came from.
    const [release] = w.standIn.state.releases.filter((r) => r.tag_name === 'v1.0.0');
    expect(parseLineage(release!.body)).toMatchObject({
      image: toImage,
      sourceImage: w.image,
      digest: build.digest,
      targetTag: plan.targetTag,
    });
    // B saw bob's credentials only.
    const bobBasic = `Basic ${Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64')}`;
    expect(pb.requests.filter((r) => r.authorization && r.authorization !== bobBasic)).toEqual([]);
    expect(w.registry.tokenServer!.requests.filter((r) => r.authorization === bobBasic)).toEqual([]);

    // A re-run changes nothing: no PUT reaches B, the release is the same one.
    pb.reset();
    const again = await runPromotion(request(w, toImage), w.services({ clients: clients(w) }));
    expect(again.result).toBe('unchanged');
    expect(
      pb.requests.filter((r) => r.method === 'PUT' || (r.method === 'POST' && !r.path.includes('/blobs/uploads/'))),
    ).toEqual([]);
    expect(w.standIn.state.releases.filter((r) => r.tag_name === 'v1.0.0')).toHaveLength(1);
  });

  it('refuses before any change when the target registry refuses the push: no tag ref, no release, nothing in either registry', async () => {
    const w = await start();
    await w.pushBuild({ version: '2.0.0', ts: 1_700_000_100 });
    const before = await w.state();
    const toImage = `${pb.host}/prod/refused`;
    // GHCR grants a push token and then refuses the upload, as for a package not linked to the
    // repository (https://github.com/tuna-os/tunaOS/issues/642): the pre-flight's proof meets it.
    pb.inject({
      match: (m, p) => m === 'POST' && p.startsWith('/v2/prod/refused/blobs/uploads/'),
      status: 403,
      body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'permission_denied: write_package' }] }),
      times: 10,
    });
    const account = await runPromotion(request(w, toImage), w.services({ clients: clients(w) }));
    expect(account.result).toBe('refused');
    expect(account.error?.message).toMatch(/prod\/refused.*permission_denied: write_package.*Nothing was changed/s);
    expect(await w.state()).toEqual(before);
    expect(pb.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(await tagsOfB('prod/refused')).toEqual({});
  });

  it('finishes on a re-run after the copy failed half-way: the release tag was made, the production tags were not', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '3.0.0', ts: 1_700_000_100, kind: 'oci-index' });
    const toImage = `${pb.host}/prod/cut`;
    pb.inject({ match: (m, p) => m === 'PUT' && p.includes('/blobs/uploads/'), drop: 'before-response', times: 1000 });
    const failed = await runPromotion(request(w, toImage), w.services({ clients: clients(w) }));
    expect(failed.result).toBe('failed');
    expect(await tagsOfB('prod/cut').catch(() => ({}))).toEqual({});
    pb.reset();
    const done = await runPromotion(request(w, toImage), w.services({ clients: clients(w) }));
    expect(done.result).toBe('promoted');
    const prod = await tagsOfB('prod/cut');
    expect(prod.production).toBe(build.digest);
    expect(w.standIn.state.releases.filter((r) => r.tag_name === 'v3.0.0')).toHaveLength(1);
  });

  it('rolls back within the target: the earlier production tag there is the source', async () => {
    const w = await start();
    const first = await w.pushBuild({ version: '4.0.0', ts: 1_700_000_100 });
    const toImage = `${pb.host}/prod/rollback`;
    await promote(request(w, toImage), w.services({ clients: clients(w), now: 1_800_000_000 }));
    await w.pushBuild({ version: '4.0.1', ts: 1_700_000_200 });
    await promote(request(w, toImage), w.services({ clients: clients(w), now: 1_800_000_100 }));
    const { plan } = await promote(
      request(w, toImage, { source: 'v4.0.0' }),
      w.services({ clients: clients(w), now: 1_800_000_200 }),
    );
    expect(plan.rollback).toBe(true);
    expect(plan.sourceTag).toMatch(/^production-v4\.0\.0-/);
    const prod = await tagsOfB('prod/rollback');
    expect(prod[plan.targetTag]).toBe(first.digest);
    expect(prod.production).toBe(first.digest);
  });
});

describe('promotion across repositories of one registry', () => {
  it('mounts the blobs instead of copying them', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '5.0.0', ts: 1_700_000_100 });
    const toImage = `${w.registry.host}/acme/backend-production`;
    const { plan, outcome } = await promote(request(w, toImage), w.services());
    expect(outcome!.retag.copies).toEqual([expect.objectContaining({ how: 'mount' })]);
    expect(outcome!.retag.copies[0]!.stats).toMatchObject({ blobsMounted: 2, blobsUploaded: 0 });
    const client = new RegistryClient(w.registry.host, { credentials: { ...ALICE, source: 'input' } });
    expect((await client.headManifest('acme/backend-production', plan.targetTag))?.digest).toBe(build.digest);
    expect((await client.headManifest('acme/backend-production', 'production'))?.digest).toBe(build.digest);
  });

  it('promotes a signed multi-platform index and a two-image train into other repositories, blobs mounted, signatures carried', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '6.0.0', ts: 1_700_000_100, kind: 'oci-index' });
    const pushA: PushTarget = {
      url: w.registry.url,
      authorization: tokenAuth(w.registry.tokenServer!, ALICE.username, ALICE.password),
    };
    const sig = await pushCosignTag(pushA, w.imageRepository, build.digest, 'sig');
    const root = await (await w.clients(w.registry.host)).getManifest(w.imageRepository, build.digest);
    const ref = await pushReferrer(pushA, w.imageRepository, {
      digest: build.digest,
      mediaType: root.mediaType,
      size: root.bytes.length,
    });
    // The worker: the same commit, pushed to its own staging repository.
    const { formatImmutableTag } = await import('../../packages/tagging/tags.js');
    const { pushOciImage, pushManifest } = await import('../support/images.js');
    const workerTag = formatImmutableTag({
      env: 'staging',
      version: '6.0.0',
      sha: build.commit.slice(0, 7),
      ts: 1_700_000_100,
    });
    const worker = await pushOciImage(pushA, 'acme/worker-staging', workerTag, {
      labels: { 'org.opencontainers.image.revision': build.commit },
    });
    await pushManifest(pushA, 'acme/worker-staging', 'staging', worker.mediaType, worker.bytes);

    const account = await runPromotion(
      {
        image: w.image,
        toImage: `${w.registry.host}/acme/backend-production`,
        train: [{ image: `${w.registry.host}/acme/worker-staging`, toImage: `${w.registry.host}/acme/worker` }],
        source: 'latest',
        repository: w.repository,
      },
      w.services(),
    );
    expect(account.result).toBe('promoted');
    const client = new RegistryClient(w.registry.host, { credentials: { ...ALICE, source: 'input' } });
    expect((await client.headManifest('acme/backend-production', 'production'))?.digest).toBe(build.digest);
    expect((await client.headManifest('acme/worker', 'production'))?.digest).toBe(worker.digest);
    expect((await client.headManifest('acme/backend-production', sig.tag))?.digest).toBe(sig.digest);
    expect(
      (await client.listReferrers('acme/backend-production', build.digest)).descriptors.map((d) => d.digest),
    ).toEqual([ref.digest]);
    // Within one registry nothing is uploaded: every blob is mounted.
    for (const copy of [account.outcome!.retag.copies[0]!, account.outcome!.train![0]!.retag.copies[0]!]) {
      expect(copy.how).toBe('mount');
      expect(copy.stats.blobsUploaded).toBe(0);
      expect(copy.stats.blobsMounted).toBeGreaterThan(0);
    }
    const lineage = parseLineage(w.standIn.state.releases.find((r) => r.tag_name === 'v6.0.0')!.body)!;
    expect(lineage.images!.map((i) => [i.image, i.sourceImage, i.digest])).toEqual([
      [`${w.registry.host}/acme/backend-production`, w.image, build.digest],
      [`${w.registry.host}/acme/worker`, `${w.registry.host}/acme/worker-staging`, worker.digest],
    ]);
  });
});
