import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { runBundle, type BundleResult } from '../support/run-bundle.js';

const STAGING_TS = 1_700_000_000;
let dockerConfig: string;

beforeAll(() => {
  // An empty Docker config: the machine's own credentials never reach the test registry.
  dockerConfig = mkdtempSync(join(tmpdir(), 'promotion-actions-docker-'));
});
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

function run(world: ReleaseWorld, name: string, inputs: Record<string, string>): Promise<BundleResult> {
  return runBundle(name, {
    inputs: { 'github-token': world.token, ...inputs },
    env: {
      GITHUB_API_URL: world.standIn.url,
      GITHUB_REPOSITORY: 'acme/backend',
      GITHUB_RUN_ID: '77',
      DOCKER_CONFIG: dockerConfig,
    },
  });
}

describe('dist/plan-promotion', () => {
  let world: ReleaseWorld;
  let older: Build;
  let newer: Build;
  beforeEach(async () => {
    world = await startReleaseWorld();
    older = await world.pushBuild({ version: '1.2.3', ts: STAGING_TS });
    newer = await world.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
  });
  afterEach(async () => world.stop());

  it('plans the promotion of what Flux picks in staging and changes nothing', async () => {
    const before = await world.state();
    const r = await run(world, 'plan-promotion', { image: world.image });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs['source-tag']).toBe(newer.tag);
    expect(r.outputs.digest).toBe(newer.digest);
    expect(r.outputs.commit).toBe(newer.commit);
    expect(r.outputs.version).toBe('1.2.4');
    const target = parseImmutableTag(r.outputs['target-tag']);
    expect(target).toMatchObject({ env: 'production', version: '1.2.4', sha: newer.commit.slice(0, 7) });
    expect(target!.ts).toBeGreaterThan(STAGING_TS + 60);
    expect(r.outputs['alias-tag']).toBe('production');
    expect(r.outputs['release-tag']).toBe('v1.2.4');
    expect(r.outputs['release-state']).toBe('new');
    expect(r.outputs['next-version']).toBe('1.2.5');
    expect(r.outputs['next-state']).toBe('new');
    expect(r.outputs.rollback).toBe('false');
    expect(r.outputs.image).toBe(world.image);
    const plan = JSON.parse(r.outputs.plan);
    expect(plan).toMatchObject({
      sourceTag: newer.tag,
      sourceKind: 'latest',
      digest: newer.digest,
      targetTag: r.outputs['target-tag'],
      nextVersionTag: 'v1.2.5-next',
      revisionCheck: 'matched',
      fluxPicksNow: { from: newer.tag },
    });
    expect(r.stdout).toContain(
      `Step 2: copy the manifest to ${r.outputs['target-tag']} (new), then move production to it`,
    );
    expect(r.summary).toContain('### Promotion plan');
    expect(r.summary).toContain(`| Digest | \`${newer.digest}\` |`);
    expect(await world.state()).toEqual(before);
    expect(world.standIn.violations).toEqual([]);
  });

  it('plans an explicit staging tag, and words a dry run', async () => {
    const r = await run(world, 'plan-promotion', { image: world.image, source: older.tag, 'dry-run': 'true' });
    expect(r.errors).toEqual([]);
    expect(r.outputs['source-tag']).toBe(older.tag);
    expect(r.outputs.digest).toBe(older.digest);
    expect(r.outputs.version).toBe('1.2.3');
    expect(r.stdout).toContain('Dry run: nothing is changed. The promotion would do:');
    expect(r.summary).toContain('### Dry run: promotion plan (nothing changed)');
  });

  it('refuses a version already released from another commit, naming that commit and the way out', async () => {
    const shipped = world.standIn.addCommit();
    world.standIn.addTag('v1.2.4', shipped);
    const before = await world.state();
    const r = await run(world, 'plan-promotion', { image: world.image });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^gitops-promote\/plan-promotion: Version 1\.2\.4 was already released from commit /);
    expect(r.errors[0]).toContain(shipped);
    expect(r.errors[0]).toContain("set the promotion's version input, e.g. version: 1.2.5");
    expect(r.outputs).toEqual({});
    expect(await world.state()).toEqual(before);
  });

  it.each([
    [
      { bump: 'sideways' },
      'gitops-promote/plan-promotion: bump: "sideways" is not accepted. Accepted: patch, minor, major, none',
    ],
    [
      { 'make-latest': 'yes' },
      'gitops-promote/plan-promotion: make-latest: "yes" is not accepted. Accepted: auto, true, false',
    ],
    [
      { 'dry-run': 'maybe' },
      'gitops-promote/plan-promotion: dry-run: "maybe" is not accepted. Accepted: true or false',
    ],
  ])('refuses %j before any request', async (bad, message) => {
    const r = await run(world, 'plan-promotion', { image: world.image, ...bad });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([message]);
    expect(world.standIn.requests).toEqual([]);
  });
});

describe('dist/create-release and dist/bump-version', () => {
  let world: ReleaseWorld;
  let build: Build;
  beforeEach(async () => {
    world = await startReleaseWorld();
    build = await world.pushBuild({ version: '1.2.4', ts: STAGING_TS });
  });
  afterEach(async () => world.stop());

  const releaseInputs = () => ({
    version: '1.2.4',
    commit: build.commit,
    image: world.image,
    digest: build.digest,
    'source-tag': build.tag,
    'target-tag': `production-v1.2.4-${build.commit.slice(0, 7)}-${STAGING_TS + 100}`,
  });

  it('creates the tag at the commit and the release with its lineage; a re-run changes nothing', async () => {
    const r = await run(world, 'create-release', releaseInputs());
    expect(r.errors).toEqual([]);
    expect(r.outputs.tag).toBe('v1.2.4');
    expect(r.outputs.created).toBe('true');
    expect(r.outputs.state).toBe('created');
    expect(r.outputs['tag-state']).toBe('created');
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(build.commit);
    const [release] = world.standIn.state.releases;
    expect(r.outputs['release-id']).toBe(String(release.id));
    expect(r.outputs['release-url']).toBe(release.html_url);
    expect(release).toMatchObject({ tag_name: 'v1.2.4', draft: false, prerelease: false });
    expect(parseLineage(release.body)).toMatchObject({
      image: world.image,
      digest: build.digest,
      sourceTag: build.tag,
      targetTag: releaseInputs()['target-tag'],
      commit: build.commit,
      version: '1.2.4',
      runUrl: 'https://github.com/acme/backend/actions/runs/77',
    });
    expect(r.summary).toContain(`| Digest | \`${build.digest}\` |`);
    expect(r.summary).toContain('| Workflow run | https://github.com/acme/backend/actions/runs/77 |');

    const before = world.standIn.snapshot();
    const again = await run(world, 'create-release', releaseInputs());
    expect(again.errors).toEqual([]);
    expect(again.outputs).toMatchObject({
      'release-id': r.outputs['release-id'],
      'release-url': r.outputs['release-url'],
      tag: 'v1.2.4',
      created: 'false',
      state: 'unchanged',
      'tag-state': 'unchanged',
    });
    expect(world.standIn.snapshot()).toBe(before);
    expect(world.standIn.violations).toEqual([]);
  });

  it('keeps an existing release as it is with keep-existing (a rollback)', async () => {
    const first = await run(world, 'create-release', releaseInputs());
    expect(first.errors).toEqual([]);
    const before = world.standIn.snapshot();
    const r = await run(world, 'create-release', {
      ...releaseInputs(),
      'target-tag': `production-v1.2.4-${build.commit.slice(0, 7)}-${STAGING_TS + 900}`,
      'keep-existing': 'true',
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs).toMatchObject({
      'release-id': first.outputs['release-id'],
      created: 'false',
      state: 'unchanged',
    });
    expect(world.standIn.snapshot()).toBe(before);
  });

  it('refuses a commit that is not a full sha before any request', async () => {
    const r = await run(world, 'create-release', { ...releaseInputs(), commit: build.commit.slice(0, 7) });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      `gitops-promote/create-release: commit: "${build.commit.slice(0, 7)}" is not accepted. Accepted: a full commit sha: 40 lowercase hex characters`,
    ]);
    expect(world.standIn.requests).toEqual([]);
  });

  it('records the next version as a tag, idempotently', async () => {
    const r = await run(world, 'bump-version', { version: 'v1.2.4', level: 'minor', commit: build.commit });
    expect(r.errors).toEqual([]);
    expect(r.outputs).toEqual({ 'next-version': '1.3.0', tag: 'v1.3.0-next', created: 'true' });
    expect(world.standIn.state.refs.get('refs/tags/v1.3.0-next')).toBe(build.commit);
    const before = world.standIn.snapshot();
    const again = await run(world, 'bump-version', { version: '1.2.4', level: 'minor', commit: build.commit });
    expect(again.outputs).toEqual({ 'next-version': '1.3.0', tag: 'v1.3.0-next', created: 'false' });
    expect(world.standIn.snapshot()).toBe(before);
    const patch = await run(world, 'bump-version', { version: '1.2.4', commit: build.commit, suffix: 'dev' });
    expect(patch.outputs).toEqual({ 'next-version': '1.2.5', tag: 'v1.2.5-dev', created: 'true' });
    expect(world.standIn.violations).toEqual([]);
  });

  it('refuses a bad level naming the input', async () => {
    const r = await run(world, 'bump-version', { version: '1.2.4', level: 'huge', commit: build.commit });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'gitops-promote/bump-version: level: "huge" is not accepted. Accepted: patch, minor, major',
    ]);
    expect(world.standIn.requests).toEqual([]);
  });
});
