import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { ImageCopier } from '../../packages/registry/copy.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import {
  basicAuth,
  MediaType,
  pushCosignTag,
  pushOciImage,
  pushOciIndex,
  pushReferrer,
  tokenAuth,
  type PushTarget,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * The copier between two real registries with different authentication: A (token auth, alice)
 * and B (htpasswd, bob), each behind a fault proxy that records every request and the
 * Authorization it carried.
 */

const FAST: RetryPolicy = { retries: 2, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 };
let a: TestRegistry;
let b: TestRegistry;
let pa: FaultProxy;
let pb: FaultProxy;
let pushA: PushTarget;
let pushB: PushTarget;
const ALICE = { username: 'alice', password: 'alice-secret-A1' };
const BOB = { username: 'bob', password: 'bob-secret-B2' };

beforeAll(async () => {
  a = await startRegistry({ kind: 'token', ...ALICE });
  b = await startRegistry({ kind: 'htpasswd', ...BOB });
  pa = await startFaultProxy(a.url);
  pb = await startFaultProxy(b.url);
  pushA = { url: a.url, authorization: tokenAuth(a.tokenServer!, ALICE.username, ALICE.password) };
  pushB = { url: b.url, authorization: basicAuth(BOB.username, BOB.password) };
});
afterAll(async () => {
  await pa?.stop();
  await pb?.stop();
  await a?.stop();
  await b?.stop();
});
beforeEach(() => {
  pa.reset();
  pb.reset();
});

const clientA = () =>
  new RegistryClient(pa.host, { credentials: { ...ALICE, source: 'input' }, retry: FAST, access: 'push' });
const clientB = () =>
  new RegistryClient(pb.host, { credentials: { ...BOB, source: 'input' }, retry: FAST, access: 'push' });

async function digestOfTag(client: RegistryClient, repo: string, tag: string) {
  return (await client.headManifest(repo, tag))?.digest;
}

describe('within one registry', () => {
  it('mounts every blob from the source repository and sends no blob bytes', async () => {
    const img = await pushOciImage(pushA, 'team/app-staging', 'staging-1', { layerBytes: 4096 });
    const client = clientA();
    const copier = new ImageCopier(
      { client, repository: 'team/app-staging' },
      { client, repository: 'team/app' },
      { retry: FAST },
    );
    const root = await client.getManifest('team/app-staging', img.digest);
    await copier.contents(root);
    await client.putManifest('team/app', 'production-1', root);
    expect(copier.stats).toMatchObject({ blobsMounted: 2, blobsUploaded: 0, bytesUploaded: 0 });
    expect(await digestOfTag(clientA(), 'team/app', 'production-1')).toBe(img.digest);
    const posts = pa.requests.filter((r) => r.method === 'POST').map((r) => r.path);
    expect(posts).toHaveLength(2);
    for (const p of posts)
      expect(p).toMatch(/^\/v2\/team\/app\/blobs\/uploads\/\?mount=sha256%3A[0-9a-f]{64}&from=team%2Fapp-staging$/);
    expect(pa.requests.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/'))).toHaveLength(0);
  });

  it('uploads when the registry answers the mount with 202 (it does not hold the blob in `from`)', async () => {
    // Distribution answers a mount it cannot make with 202 and a plain upload session, as the spec
    // allows (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#mounting-a-blob-from-another-repository).
    const bytes = Buffer.from(`blob ${Date.now()} ${Math.random()}`);
    const { createHash } = await import('node:crypto');
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const { Readable } = await import('node:stream');
    const client = clientA();
    let opened = 0;
    const how = await client.pushBlob(
      'team/mountless',
      { digest, size: bytes.length },
      async () => {
        opened++;
        return Readable.from([bytes]);
      },
      { mountFrom: 'team/nowhere' },
    );
    expect(how).toBe('uploaded');
    expect(opened).toBe(1);
    expect(await clientA().hasBlob('team/mountless', digest)).toBe(true);
    const post = pa.requests.find((r) => r.method === 'POST' && r.status !== 401)!;
    expect(post.status).toBe(202);
    expect(post.path).toContain('from=team%2Fnowhere');
  });
});

describe('across registries', () => {
  it('copies an index with its attestation manifests, children before the index, digests kept, each registry its own credentials', async () => {
    const img = await pushOciIndex(pushA, 'org/api-staging', 'staging-2');
    const from = clientA();
    const to = clientB();
    const copier = new ImageCopier(
      { client: from, repository: 'org/api-staging' },
      { client: to, repository: 'org/api' },
      { retry: FAST },
    );
    const root = await from.getManifest('org/api-staging', img.digest);
    await copier.contents(root);
    await to.putManifest('org/api', 'production-2', root);
    expect(await digestOfTag(clientB(), 'org/api', 'production-2')).toBe(img.digest);
    // 4 children (2 platforms, 2 attestations), each with a config and a layer
    expect(copier.stats).toMatchObject({ manifestsPushed: 4, blobsUploaded: 8, blobsMounted: 0 });
    for (const child of img.children) expect((await clientB().headManifest('org/api', child))?.digest).toBe(child);
    // The index went last, after every child.
    const puts = pb.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/')).map((r) => r.path);
    expect(puts.at(-1)).toBe('/v2/org/api/manifests/production-2');
    expect(puts.slice(0, 4).sort()).toEqual(img.children.map((c) => `/v2/org/api/manifests/${c}`).sort());
    // No credential of A reached B and none of B reached A.
    const bobBasic = `Basic ${Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64')}`;
    for (const r of pb.requests) if (r.authorization) expect(r.authorization).toBe(bobBasic);
    for (const r of pa.requests) if (r.authorization) expect(r.authorization).toMatch(/^Bearer /);
    expect(pa.requests.some((r) => r.authorization === bobBasic)).toBe(false);
    expect(a.tokenServer!.requests.filter((r) => r.authorization === bobBasic)).toEqual([]);
  });

  it('streams a 32 MiB layer without holding it, and a second run finds everything present', async () => {
    const img = await pushOciImage(pushA, 'org/big-staging', 'staging-3', { layerBytes: 32 * 1024 * 1024 });
    const from = clientA();
    const to = clientB();
    const copier = new ImageCopier(
      { client: from, repository: 'org/big-staging' },
      { client: to, repository: 'org/big' },
      { retry: FAST },
    );
    const root = await from.getManifest('org/big-staging', img.digest);
    await copier.contents(root);
    await to.putManifest('org/big', 'production-3', root);
    expect(copier.stats.blobsUploaded).toBe(2);
    expect(copier.stats.bytesUploaded).toBeGreaterThan(32 * 1024 * 1024);
    expect(await digestOfTag(clientB(), 'org/big', 'production-3')).toBe(img.digest);

    const again = new ImageCopier(
      { client: clientA(), repository: 'org/big-staging' },
      { client: clientB(), repository: 'org/big' },
      { retry: FAST },
    );
    expect(await again.present(img.digest)).toBe(true);
    await again.contents(root);
    expect(again.stats).toMatchObject({ blobsUploaded: 0, blobsPresent: 2, bytesUploaded: 0 });
  });

  it('finishes a copy cut short: a blob dropped mid-body is sent again whole, and what arrived is not sent twice', async () => {
    const img = await pushOciIndex(pushA, 'org/cut-staging', 'staging-4', { layerBytes: 64 * 1024 });
    const from = clientA();
    const root = await from.getManifest('org/cut-staging', img.digest);
    // First run: the source drops every layer GET half-way, more times than the retries: it fails.
    pa.inject({ match: (m, p) => m === 'GET' && p.includes('/blobs/sha256:'), drop: 'mid-body', times: 100 });
    const first = new ImageCopier(
      { client: from, repository: 'org/cut-staging' },
      { client: clientB(), repository: 'org/cut' },
      { retry: FAST, concurrency: 1 },
    );
    await expect(first.contents(root)).rejects.toThrow(/blob/);
    // Nothing it started goes on after it failed: no transfer was left running, none starts later.
    const sent = pa.requests.length + pb.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pa.requests.length + pb.requests.length).toBe(sent);
    expect(await clientB().headManifest('org/cut', img.digest)).toBeUndefined();
    pa.reset();
    // One more drop: retried within the run, then the copy completes.
    pa.inject({ match: (m, p) => m === 'GET' && p.includes('/blobs/sha256:'), drop: 'mid-body', times: 1 });
    const second = new ImageCopier(
      { client: clientA(), repository: 'org/cut-staging' },
      { client: clientB(), repository: 'org/cut' },
      { retry: FAST },
    );
    await second.contents(root);
    await clientB().putManifest('org/cut', 'production-4', root);
    expect(await digestOfTag(clientB(), 'org/cut', 'production-4')).toBe(img.digest);
    expect(second.stats.blobsUploaded + second.stats.blobsPresent).toBe(8);
  });

  it('refuses bytes that are not the blob: the target stores nothing under the digest', async () => {
    const img = await pushOciImage(pushA, 'org/liar-staging', 'staging-5', { layerBytes: 2048 });
    const from = clientA();
    const root = await from.getManifest('org/liar-staging', img.digest);
    const layer = (JSON.parse(root.bytes.toString()) as { layers: { digest: string; size: number }[] }).layers[0]!;
    // The source answers the layer with other bytes of the same length.
    pa.inject({
      match: (m, p) => m === 'GET' && p.endsWith(`/blobs/${layer.digest}`),
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
      body: 'x'.repeat(layer.size),
      times: 100,
    });
    const copier = new ImageCopier(
      { client: from, repository: 'org/liar-staging' },
      { client: clientB(), repository: 'org/liar' },
      { retry: FAST },
    );
    await expect(copier.contents(root)).rejects.toThrow(
      new RegExp(`pushing blob .*${layer.digest.slice(7, 20)}.*digest sha256:`),
    );
    expect(await clientB().hasBlob('org/liar', layer.digest)).toBe(false);
  });
});

describe('signatures and attestations', () => {
  it('carries cosign .sig/.att tags and an OCI referrer across registries, and writes the target fallback tag', async () => {
    const img = await pushOciImage(pushA, 'org/signed-staging', 'staging-6');
    const sig = await pushCosignTag(pushA, 'org/signed-staging', img.digest, 'sig');
    const att = await pushCosignTag(pushA, 'org/signed-staging', img.digest, 'att');
    const ref = await pushReferrer(pushA, 'org/signed-staging', {
      digest: img.digest,
      mediaType: img.mediaType,
      size: img.bytes.length,
    });
    const from = clientA();
    const to = clientB();
    const copier = new ImageCopier(
      { client: from, repository: 'org/signed-staging' },
      { client: to, repository: 'org/signed' },
      { retry: FAST },
    );
    const root = await from.getManifest('org/signed-staging', img.digest);
    await copier.contents(root);
    await to.putManifest('org/signed', 'production-6', root);
    const carried = await copier.referrers(img.digest);
    expect(carried).toEqual({ referrers: [ref.digest], tags: [att.tag, sig.tag].sort() });
    expect(await digestOfTag(clientB(), 'org/signed', sig.tag)).toBe(sig.digest);
    expect(await digestOfTag(clientB(), 'org/signed', att.tag)).toBe(att.digest);
    expect((await clientB().headManifest('org/signed', ref.digest))?.digest).toBe(ref.digest);
    const listed = await clientB().listReferrers('org/signed', img.digest);
    expect(listed.via).toBe('tag');
    expect(listed.descriptors.map((d) => d.digest)).toEqual([ref.digest]);
    expect(listed.descriptors[0]!.artifactType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');

    // A re-run changes nothing: every manifest is present, the fallback tag is not rewritten.
    pb.reset();
    const again = new ImageCopier(
      { client: clientA(), repository: 'org/signed-staging' },
      { client: clientB(), repository: 'org/signed' },
      { retry: FAST },
    );
    expect(await again.referrers(img.digest)).toEqual(carried);
    expect(again.stats.manifestsPushed).toBe(0);
    expect(pb.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('keeps what the target fallback tag already lists and adds the new referrer', async () => {
    const img = await pushOciImage(pushA, 'org/two-staging', 'staging-7');
    // The target already has the image and a referrer of its own (say a scan report).
    const from = clientA();
    const root = await from.getManifest('org/two-staging', img.digest);
    const first = new ImageCopier(
      { client: from, repository: 'org/two-staging' },
      { client: clientB(), repository: 'org/two' },
      { retry: FAST },
    );
    await first.contents(root);
    await clientB().putManifest('org/two', 'production-7', root);
    const theirs = await pushReferrer(
      pushB,
      'org/two',
      { digest: img.digest, mediaType: img.mediaType, size: img.bytes.length },
      'application/vnd.example.scan+json',
    );
    const ours = await pushReferrer(pushA, 'org/two-staging', {
      digest: img.digest,
      mediaType: img.mediaType,
      size: img.bytes.length,
    });
    await first.referrers(img.digest);
    const listed = await clientB().listReferrers('org/two', img.digest);
    expect(listed.descriptors.map((d) => d.digest).sort()).toEqual([theirs.digest, ours.digest].sort());
    expect(MediaType.ociIndex).toBe((await clientB().headManifest('org/two', img.digest.replace(':', '-')))?.mediaType);
  });

  it('prefers the referrers API where the source has one, and reads it page by page', async () => {
    const img = await pushOciImage(pushA, 'org/api-ref-staging', 'staging-8');
    const subject = { digest: img.digest, mediaType: img.mediaType, size: img.bytes.length };
    const r1 = await pushReferrer(pushA, 'org/api-ref-staging', subject);
    const r2 = await pushReferrer(pushA, 'org/api-ref-staging', subject, 'application/spdx+json');
    // The fallback tag lists both; the API (emulated in front of distribution 2.8, which has none)
    // answers with r2 on a first page and r1 on a second, linked by `Link: <…>; rel="next"`.
    const page = (d: { digest: string; bytes: Buffer }, type: string) =>
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [{ mediaType: MediaType.ociManifest, digest: d.digest, size: d.bytes.length, artifactType: type }],
      });
    const path = `/v2/org/api-ref-staging/referrers/${img.digest}`;
    pa.inject({
      match: (m, p) => m === 'GET' && p === path,
      status: 200,
      headers: { 'content-type': MediaType.ociIndex, link: `<${path}?n=1&last=x>; rel="next"` },
      body: page(r2, 'application/spdx+json'),
    });
    pa.inject({
      match: (m, p) => m === 'GET' && p.startsWith(`${path}?`),
      status: 200,
      headers: { 'content-type': MediaType.ociIndex },
      body: page(r1, 'application/vnd.dev.sigstore.bundle.v0.3+json'),
    });
    const listed = await clientA().listReferrers('org/api-ref-staging', img.digest);
    expect(listed.via).toBe('api');
    expect(listed.descriptors.map((d) => d.digest)).toEqual([r2.digest, r1.digest]);
    // Without the API answer, the fallback tag holds both as well, in push order.
    const fallback = await clientA().listReferrers('org/api-ref-staging', img.digest);
    expect(fallback).toMatchObject({ via: 'tag' });
    expect(fallback.descriptors.map((d) => d.digest)).toEqual([r1.digest, r2.digest]);
  });

  it('leaves the fallback tag alone where the target indexes the subject itself (OCI-Subject on the PUT)', async () => {
    const img = await pushOciImage(pushA, 'org/indexed-staging', 'staging-9');
    const ref = await pushReferrer(pushA, 'org/indexed-staging', {
      digest: img.digest,
      mediaType: img.mediaType,
      size: img.bytes.length,
    });
    // B answers the referrer's PUT as a registry with the referrers API does
    // (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests-with-subject).
    pb.addHeaders = ({ method, path, status }) =>
      method === 'PUT' && path === `/v2/org/indexed/manifests/${ref.digest}` && status === 201
        ? { 'oci-subject': img.digest }
        : undefined;
    try {
      const from = clientA();
      const copier = new ImageCopier(
        { client: from, repository: 'org/indexed-staging' },
        { client: clientB(), repository: 'org/indexed' },
        { retry: FAST },
      );
      await copier.contents(await from.getManifest('org/indexed-staging', img.digest));
      expect(await copier.referrers(img.digest)).toEqual({ referrers: [ref.digest], tags: [] });
      expect((await clientB().headManifest('org/indexed', ref.digest))?.digest).toBe(ref.digest);
      // No fallback tag was written: the registry said it indexed the subject.
      expect(await clientB().headManifest('org/indexed', img.digest.replace(':', '-'))).toBeUndefined();
      expect(pb.requests.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/sha256-'))).toEqual([]);
    } finally {
      delete pb.addHeaders;
    }
  });
});
