/**
 * Every action's logic run from source (actions/<name>/main.ts's run(), test/support/run-source.ts)
 * against the real registry on loopback and the GitHub stand-in: a change to main.ts (an output
 * renamed, a summary line, an input default) fails here before any bundle is built. The e2e tests
 * run the same actions from dist/ as the runner does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { tagsCommand } from '../../packages/cli/tags.js';
import { parseLineage } from '../../packages/github/lineage.js';
import type { TagsJson } from '../../packages/promotion/tags-json.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { runSource } from '../support/run-source.js';

const STAGING_TS = 1_700_000_000;
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
let dockerConfig: string;

beforeAll(() => {
  // An empty Docker config: the machine's own credentials never reach the test registry.
  dockerConfig = mkdtempSync(join(tmpdir(), 'actions-source-docker-'));
});
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

function run(world: ReleaseWorld, name: string, inputs: Record<string, string>) {
  return runSource(name, {
    inputs: { 'github-token': world.token, ...inputs },
    env: {
      GITHUB_API_URL: world.standIn.url,
      GITHUB_REPOSITORY: 'acme/backend',
      GITHUB_RUN_ID: '77',
      DOCKER_CONFIG: dockerConfig,
    },
  });
}

describe('actions from source', () => {
  let world: ReleaseWorld;
  let older: Build;
  let newer: Build;
  beforeEach(async () => {
    world = await startReleaseWorld();
    older = await world.pushBuild({ version: '1.2.3', ts: STAGING_TS });
    newer = await world.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
  });
  afterEach(async () => world.stop());

  it('compute-tags: the outputs, the json output and the summary of a develop build, with the defaults of action.yml', async () => {
    const r = await runSource('compute-tags', {
      inputs: { images: 'ghcr.io/Acme/Backend', version: 'v1.4.2', timestamp: '1738860123' },
      env: { GITHUB_REF: 'refs/heads/develop', GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/backend' },
    });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    const tag = 'develop-v1.4.2-a1b2c3d-1738860123';
    const refs = ['develop', tag, 'a1b2c3d'].map((t) => `ghcr.io/acme/backend:${t}`);
    expect(r.outputs).toMatchObject({
      tags: refs.join('\n'),
      tag,
      version: '1.4.2',
      sha: 'a1b2c3d',
      commit: SHA,
      timestamp: '1738860123',
      environment: 'develop',
      'flux-pattern': '^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$',
      digest: '',
    });
    expect(r.outputs.labels).toContain(`org.opencontainers.image.revision=${SHA}`);
    // annotation-levels' default: every label as an annotation of each manifest, then of the index
    const labelLines = r.outputs.labels.split('\n');
    expect(r.outputs.annotations).toBe(
      [...labelLines.map((l) => `manifest:${l}`), ...labelLines.map((l) => `index:${l}`)].join('\n'),
    );
    expect(JSON.parse(r.outputs.json)).toMatchObject({
      environment: 'develop',
      version: '1.4.2',
      versionSource: 'input',
      tag,
      alias: 'develop',
      shaTag: 'a1b2c3d',
      tags: refs,
      fluxExtract: '$ts',
    });
    expect(r.summary).toContain(`| ghcr.io/acme/backend | \`${tag}\` |`);
    expect(r.stdout).toContain(`develop build ${tag}:`);

    // One shape: `gitops-promote tags --json` for the same build is the action's json without what
    // only a build in a workflow has.
    const out: string[] = [];
    const io = {
      readStdin: async () => '',
      out: (l: string) => void out.push(l),
      err: () => {},
      env: {},
      nowSeconds: () => 0,
    };
    const args = ['--env', 'develop', '--version', '1.4.2', '--sha', SHA, '--ts', '1738860123'];
    expect(await tagsCommand([...args, '--image', 'ghcr.io/Acme/Backend', '--json'], io)).toBe(0);
    const cli = JSON.parse(out.join('\n')) as TagsJson;
    const { versionSource, commit, timestampSource, images, labels, annotations, ...shared } = JSON.parse(
      r.outputs.json,
    );
    expect(cli).toEqual(shared);
    expect(Object.keys(cli)).toEqual(Object.keys(shared));
    expect({ versionSource, commit, timestampSource, images }).toEqual({
      versionSource: 'input',
      commit: SHA,
      timestampSource: 'input',
      images: ['ghcr.io/acme/backend'],
    });
    expect(labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(annotations).toEqual(r.outputs.annotations.split('\n'));
  });

  it('compute-tags: applies the tags to a digest in the registry and reports what it wrote', async () => {
    const r = await run(world, 'compute-tags', {
      images: world.image,
      environment: 'develop',
      version: '2.0.0',
      sha: SHA,
      timestamp: String(STAGING_TS + 500),
      digest: newer.digest,
    });
    expect(r.errors).toEqual([]);
    const tag = `develop-v2.0.0-a1b2c3d-${STAGING_TS + 500}`;
    expect(r.outputs.digest).toBe(newer.digest);
    expect(r.outputs.tag).toBe(tag);
    const tags = await world.tagDigests();
    expect([tags[tag], tags.develop, tags['a1b2c3d']]).toEqual([newer.digest, newer.digest, newer.digest]);
    expect(JSON.parse(r.outputs.json).written.map((w: { tag: string; state: string }) => w.state)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect(r.summary).toContain(`Applied to \`${newer.digest}\``);
  });

  it('compute-tags: a bad input is one annotated error naming it, and no output', async () => {
    const r = await runSource('compute-tags', {
      inputs: { images: 'ghcr.io/acme/backend', 'sha-length': '3', version: '1.0.0', environment: 'develop' },
      env: { GITHUB_SHA: SHA },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^gitops-promote\/compute-tags: sha-length: "3" is not accepted/);
    expect(r.outputs).toEqual({});
  });

  it('retag: copies the tested digest and sets its outputs; a dry run writes nothing', async () => {
    const source = `${world.image}:${older.tag}`;
    const dry = await run(world, 'retag', { source, tags: 'hotfix', 'dry-run': 'true' });
    expect(dry.errors).toEqual([]);
    expect(JSON.parse(dry.outputs.json)).toMatchObject({
      dryRun: true,
      targets: [{ tag: 'hotfix', state: 'created' }],
    });
    expect((await world.tagDigests()).hotfix).toBeUndefined();
    expect(dry.summary).toContain('### Retag (dry run: nothing written)');

    const r = await run(world, 'retag', { source, tags: 'hotfix\nqa' });
    expect(r.errors).toEqual([]);
    expect(r.outputs.digest).toBe(older.digest);
    expect(r.outputs['media-type']).toBe(older.mediaType);
    expect(r.outputs.tags).toBe(`${world.image}:hotfix\n${world.image}:qa`);
    const tags = await world.tagDigests();
    expect([tags.hotfix, tags.qa]).toEqual([older.digest, older.digest]);
    expect(r.summary).toContain(`| \`${world.image}:hotfix\` | created |  |`);
  });

  it('plan-promotion: plans what Flux picks in staging, with the defaults of action.yml, and changes nothing', async () => {
    const before = await world.state();
    const r = await run(world, 'plan-promotion', { image: world.image });
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({
      image: world.image,
      'source-tag': newer.tag,
      digest: newer.digest,
      commit: newer.commit,
      version: '1.2.4',
      'alias-tag': 'production',
      'release-tag': 'v1.2.4',
      'release-state': 'new',
      rollback: 'false',
      'next-version': '1.2.5',
      'next-version-tag': 'v1.2.5-next',
      'next-state': 'new',
    });
    expect(parseImmutableTag(r.outputs['target-tag'])).toMatchObject({ env: 'production', version: '1.2.4' });
    expect(JSON.parse(r.outputs.plan)).toMatchObject({ sourceKind: 'latest', fromEnvironment: 'staging' });
    expect(r.summary).toContain('### Promotion plan');
    expect(await world.state()).toEqual(before);
  });

  it('promote: the whole promotion, its outputs and account; a failure is annotated after the summary', async () => {
    const r = await run(world, 'promote', { image: world.image });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.result).toBe('promoted');
    expect(r.outputs).toMatchObject({
      image: world.image,
      'source-tag': newer.tag,
      digest: newer.digest,
      commit: newer.commit,
      version: '1.2.4',
      'alias-tag': 'production',
      'release-tag': 'v1.2.4',
      'next-version': '1.2.5',
    });
    const tags = await world.tagDigests();
    expect(tags[r.outputs['target-tag']]).toBe(newer.digest);
    expect(r.outputs['release-url']).toContain('/releases/');
    expect(JSON.parse(r.outputs.account)).toMatchObject({ result: 'promoted' });
    expect(r.stdout).toContain('::group::Promotion log');
    expect(r.stdout).toContain('::endgroup::');

    const shipped = world.standIn.addCommit();
    world.standIn.addTag('v1.2.9', shipped);
    const before = await world.state();
    const refused = await run(world, 'promote', { image: world.image, version: '1.2.9' });
    expect(refused.code).toBe(1);
    expect(refused.outputs.result).toBe('refused');
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatch(/^gitops-promote\/promote: Version 1\.2\.9 was already released from commit /);
    expect(refused.stdout).toContain('::error title=gitops-promote/promote%3A refused::');
    expect(refused.summary).not.toBe('');
    expect(await world.state()).toEqual(before);
  });

  it('create-release and bump-version: the release at the shipped commit with its lineage, then the next version', async () => {
    const inputs = {
      version: '1.2.4',
      commit: newer.commit,
      image: world.image,
      digest: newer.digest,
      'source-tag': newer.tag,
      'target-tag': `production-v1.2.4-${newer.commit.slice(0, 7)}-${STAGING_TS + 100}`,
    };
    const r = await run(world, 'create-release', inputs);
    expect(r.errors).toEqual([]);
    const [release] = world.standIn.state.releases;
    expect(r.outputs).toEqual({
      'release-id': String(release.id),
      'release-url': release.html_url,
      tag: 'v1.2.4',
      created: 'true',
      state: 'created',
      'tag-state': 'created',
    });
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(newer.commit);
    expect(parseLineage(release.body)).toMatchObject({
      digest: newer.digest,
      targetTag: inputs['target-tag'],
      runUrl: 'https://github.com/acme/backend/actions/runs/77',
    });
    expect(r.summary).toContain(`| Digest | \`${newer.digest}\` |`);

    const bad = await run(world, 'create-release', { ...inputs, digest: 'sha256:ABC' });
    expect(bad.errors).toEqual([
      'gitops-promote/create-release: digest: "sha256:ABC" is not accepted. Accepted: sha256: and 64 lowercase hex characters',
    ]);

    const b = await run(world, 'bump-version', { version: 'v1.2.4', commit: newer.commit });
    expect(b.errors).toEqual([]);
    expect(b.outputs).toEqual({ 'next-version': '1.2.5', tag: 'v1.2.5-next', created: 'true' });
    expect(world.standIn.state.refs.get('refs/tags/v1.2.5-next')).toBe(newer.commit);
    expect(b.summary).toContain('### Next version `1.2.5`');
    expect(world.standIn.violations).toEqual([]);
  });
});
