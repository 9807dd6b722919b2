import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../packages/registry/client.js';
import { basicAuth, MediaType, pushOciImage, pushOciIndex, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { runBundle } from '../support/run-bundle.js';

const STAGING = 'staging-v2.1.0-abcdef0-1738860123';
const PRODUCTION = 'production-v2.1.0-abcdef0-1738861000';

async function tagState(reg: TestRegistry, repository: string, client = new RegistryClient(reg.host)) {
  const state: Record<string, string> = {};
  for (const tag of (await client.listTags(repository)).sort())
    state[tag] = (await client.headManifest(repository, tag))!.digest;
  return state;
}

describe('dist/retag run as the runner runs it', () => {
  let reg: TestRegistry;
  let image: PushedImage;
  let other: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'none' });
    image = await pushOciIndex({ url: reg.url }, 'acme/backend', STAGING);
    other = await pushOciImage({ url: reg.url }, 'acme/backend', 'staging-v2.0.0-1234567-1738000000');
  });
  afterAll(async () => reg?.stop());

  it('copies the source to every tag and sets the outputs and the summary', async () => {
    const source = `${reg.host}/acme/backend:${STAGING}`;
    const r = await runBundle('retag', { inputs: { source, tags: `${PRODUCTION}\nproduction, latest` } });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    const refs = [PRODUCTION, 'production', 'latest'].map((t) => `${reg.host}/acme/backend:${t}`);
    expect(r.outputs.digest).toBe(image.digest);
    expect(r.outputs['media-type']).toBe(MediaType.ociIndex);
    expect(r.outputs.tags).toBe(refs.join('\n'));
    expect(JSON.parse(r.outputs.json)).toEqual({
      source,
      digest: image.digest,
      mediaType: MediaType.ociIndex,
      dryRun: false,
      copies: [],
      targets: refs.map((ref) => ({ ref, repository: 'acme/backend', tag: ref.split(':').pop(), state: 'created' })),
    });
    expect(r.summary).toContain(`Source \`${source}\`: \`${image.digest}\` (${MediaType.ociIndex}).`);
    expect(r.summary).toContain(`| \`${refs[0]}\` | created |  |`);
    expect(r.stdout.split('\n')).toContain(`created ${refs[1]}`);
    expect(await tagState(reg, 'acme/backend')).toMatchObject({
      [PRODUCTION]: image.digest,
      production: image.digest,
      latest: image.digest,
    });
  });

  it('fails with one clear error for the immutability guard and changes nothing', async () => {
    const taken = 'production-v2.0.0-1234567-1738000001';
    const first = await runBundle('retag', {
      inputs: { source: `${reg.host}/acme/backend@${other.digest}`, tags: taken },
    });
    expect(first.code).toBe(0);
    const before = await tagState(reg, 'acme/backend');
    const r = await runBundle('retag', {
      inputs: { source: `${reg.host}/acme/backend:${STAGING}`, tags: `staging-alias\n${taken}` },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      `gitops-promote/retag: immutable tag refused: ${reg.host}/acme/backend:${taken} already points at ${other.digest}, not ${image.digest}. ` +
        'An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.',
    ]);
    expect(r.outputs).toEqual({});
    expect(await tagState(reg, 'acme/backend')).toEqual(before);
  });

  it('reports moves and unchanged tags, and writes nothing in a dry run', async () => {
    const before = await tagState(reg, 'acme/backend');
    const r = await runBundle('retag', {
      inputs: {
        source: `${reg.host}/acme/backend@${other.digest}`,
        tags: 'production\nproduction-v2.0.0-1234567-1738000001',
        'dry-run': 'true',
      },
    });
    expect(r.errors).toEqual([]);
    expect(JSON.parse(r.outputs.json).targets).toEqual([
      {
        ref: `${reg.host}/acme/backend:production`,
        repository: 'acme/backend',
        tag: 'production',
        state: 'moved',
        previousDigest: image.digest,
      },
      {
        ref: `${reg.host}/acme/backend:production-v2.0.0-1234567-1738000001`,
        repository: 'acme/backend',
        tag: 'production-v2.0.0-1234567-1738000001',
        state: 'unchanged',
      },
    ]);
    expect(r.summary).toContain('### Retag (dry run: nothing written)');
    expect(r.summary).toContain(`| \`${reg.host}/acme/backend:production\` | moved | \`${image.digest}\` |`);
    expect(await tagState(reg, 'acme/backend')).toEqual(before);
  });

  it.each([
    [
      { tags: 'production' },
      'gitops-promote/retag: source: "" is not accepted: the input is required. Accepted: an image reference by tag or digest, or a bare digest sha256:<64 hex>',
    ],
    [
      { source: 'sha256:' + 'b'.repeat(64), tags: 'production' },
      'gitops-promote/retag: tags: "production" is not accepted: with a bare-digest source every target names its own repository. Accepted: full references registry/repo:tag',
    ],
    [
      { source: 'x:y', tags: 'production', 'dry-run': 'yes' },
      'gitops-promote/retag: dry-run: "yes" is not accepted. Accepted: true or false',
    ],
  ])('fails with one error naming the input for %j', async (inputs, message) => {
    const r = await runBundle('retag', { inputs });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([message]);
  });
});

describe('dist/retag with registry credentials', () => {
  const USER = 'ci-bot';
  const PASSWORD = 'hunter2-registry-pw';
  let reg: TestRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD });
    image = await pushOciImage({ url: reg.url, authorization: basicAuth(USER, PASSWORD) }, 'acme/backend', STAGING);
  });
  afterAll(async () => reg?.stop());

  it('uses username/password, masks the password and prints it nowhere', async () => {
    const r = await runBundle('retag', {
      inputs: { source: `${reg.host}/acme/backend:${STAGING}`, tags: 'production', username: USER, password: PASSWORD },
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs.digest).toBe(image.digest);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`::add-mask::${PASSWORD}`);
    const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    expect(lines).toContain(`::add-mask::${basic}`);
    const leaks = (s: string) =>
      s.split('\n').filter((l) => !l.startsWith('::add-mask::') && (l.includes(PASSWORD) || l.includes(basic)));
    expect([
      ...leaks(r.stdout),
      ...leaks(r.stderr),
      ...leaks(r.summary),
      ...leaks(Object.values(r.outputs).join('\n')),
    ]).toEqual([]);
  });

  it('names the registry and the credentials at fault for a wrong password', async () => {
    const r = await runBundle('retag', {
      inputs: {
        source: `${reg.host}/acme/backend:${STAGING}`,
        tags: 'production',
        username: USER,
        password: 'wrong-password',
      },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      `gitops-promote/retag failed: getting manifest ${reg.host}/acme/backend:${STAGING}: 401 UNAUTHORIZED authentication required — check username/password`,
    ]);
    expect(r.stdout.split('\n').filter((l) => l.includes('wrong-password') && !l.startsWith('::add-mask::'))).toEqual(
      [],
    );
  });
});
