import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../packages/registry/client.js';
import { pushOciImage, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { repoRoot, runBundle } from '../support/run-bundle.js';
import { runComposite } from '../support/run-composite.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const TS = '1738860123';

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
});
afterAll(async () => reg?.stop());

async function tagState(repository: string): Promise<Record<string, string>> {
  const client = new RegistryClient(reg.host);
  const state: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort())
    state[tag] = (await client.headManifest(repository, tag))!.digest;
  return state;
}

describe('action-tag with a digest, against a real registry', () => {
  let backend: PushedImage;
  beforeAll(async () => {
    // buildx pushes one image by digest to every name: the same bytes in both repositories
    backend = await pushOciImage({ url: reg.url }, 'acme/backend', 'pushed-by-digest', { seed: 'build-1' });
    const worker = await pushOciImage({ url: reg.url }, 'acme/worker', 'pushed-by-digest', { seed: 'build-1' });
    expect(worker.digest).toBe(backend.digest);
  });

  it('applies the computed tags of every image to the pushed digest', async () => {
    const images = [`${reg.host}/acme/backend`, `${reg.host}/acme/worker`];
    const r = await runComposite(`${repoRoot}/action-tag`, {
      inputs: { images: images.join('\n'), version: '1.4.2', timestamp: TS, digest: backend.digest },
      github: { ref: 'refs/heads/develop', sha: SHA, repository: 'acme/backend', token: '' },
    });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(Object.keys(r.steps)).toEqual(['compute']);
    expect(r.outputs.digest).toBe(backend.digest);
    const tags = ['develop', `develop-v1.4.2-a1b2c3d-${TS}`, 'a1b2c3d'];
    expect(r.outputs.tags).toBe(images.flatMap((i) => tags.map((t) => `${i}:${t}`)).join('\n'));
    const json = JSON.parse(r.outputs.json);
    expect(json.written.map((t: { state: string }) => t.state)).toEqual(Array(6).fill('created'));
    expect(json.ties).toEqual([]);
    for (const repo of ['acme/backend', 'acme/worker']) {
      expect(await tagState(repo)).toEqual(
        Object.fromEntries(['pushed-by-digest', ...tags].sort().map((t) => [t, backend.digest])),
      );
    }
  });

  it('fails the step, writing nothing, when the digest is missing from one image', async () => {
    const other = await pushOciImage({ url: reg.url }, 'acme/lonely', 'x');
    const before = await tagState('acme/lonely');
    const r = await runComposite(`${repoRoot}/action-tag`, {
      inputs: {
        images: `${reg.host}/acme/lonely\n${reg.host}/acme/backend`,
        version: '1.4.3',
        timestamp: TS,
        digest: other.digest,
      },
      github: { ref: 'refs/heads/develop', sha: SHA, repository: 'acme/backend', token: '' },
    });
    expect(r.code).not.toBe(0);
    expect(r.errors).toEqual([
      `gitops-promote/compute-tags failed: getting manifest ${reg.host}/acme/backend@${other.digest}: 404 MANIFEST_UNKNOWN manifest unknown`,
    ]);
    expect(await tagState('acme/lonely')).toEqual(before);
  });
});

describe('timestamps from the registry', () => {
  const now = Math.floor(Date.now() / 1000);
  const newest = now + 100;
  beforeAll(async () => {
    const client = new RegistryClient(reg.host);
    await pushOciImage({ url: reg.url }, 'ts/app', `develop-v1.0.0-abcdef0-${newest}`);
    const m = await client.getManifest('ts/app', `develop-v1.0.0-abcdef0-${newest}`);
    // a newer ts of another environment must not count
    await client.putManifest('ts/app', `staging-v1.0.0-abcdef0-${newest + 500}`, m);
    await client.putManifest('ts/app', `develop-v0.9.0-abcdef0-${now - 1000}`, m);
  });

  it('compute-tags without timestamp outranks the newest tag of the environment', async () => {
    const r = await runBundle('compute-tags', {
      inputs: { images: `${reg.host}/ts/app`, version: '1.0.1' },
      env: { GITHUB_REF: 'refs/heads/develop', GITHUB_SHA: SHA },
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs.timestamp).toBe(String(newest + 1));
    expect(r.outputs.tag).toBe(`develop-v1.0.1-a1b2c3d-${newest + 1}`);
    expect(JSON.parse(r.outputs.json).timestampSource).toBe('registry');
  });

  it('action-tag applies the tag with that timestamp to the digest', async () => {
    const image = await pushOciImage({ url: reg.url }, 'ts/app', 'by-digest');
    const r = await runComposite(`${repoRoot}/action-tag`, {
      inputs: { images: `${reg.host}/ts/app`, version: '1.0.2', digest: image.digest },
      github: { ref: 'refs/heads/develop', sha: SHA, repository: 'acme/app', token: '' },
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs.timestamp).toBe(String(newest + 1));
    const state = await tagState('ts/app');
    expect(state[`develop-v1.0.2-a1b2c3d-${newest + 1}`]).toBe(image.digest);
    expect(state.develop).toBe(image.digest);
  });
});
