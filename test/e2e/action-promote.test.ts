import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { fluxPick } from '../../packages/promotion/plan.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot } from '../support/run-bundle.js';
import { findInjection, runComposite, type CompositeResult } from '../support/run-composite.js';

const STAGING_TS = 1_700_000_000;
const ACTION = `${repoRoot}/action-promote`;
let dockerConfig: string;

beforeAll(() => {
  dockerConfig = mkdtempSync(join(tmpdir(), 'action-promote-docker-'));
});
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

function promote(world: ReleaseWorld, inputs: Record<string, string> = {}): Promise<CompositeResult> {
  return runComposite(ACTION, {
    inputs: { image: world.image, ...inputs },
    github: { repository: 'acme/backend', run_id: '42', token: world.token, api_url: world.standIn.url },
    env: { DOCKER_CONFIG: dockerConfig },
  });
}

function releaseOf(world: ReleaseWorld, tag: string) {
  return world.standIn.state.releases.find((r) => r.tag_name === tag);
}

describe('action-promote run step by step', () => {
  let world: ReleaseWorld;
  let older: Build;
  let newer: Build;
  beforeEach(async () => {
    world = await startReleaseWorld();
    older = await world.pushBuild({ version: '1.2.3', ts: STAGING_TS });
    newer = await world.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
  });
  afterEach(async () => world.stop());

  it('promotes the staging digest, releases the shipped commit with its lineage and bumps; a re-run changes nothing', async () => {
    const r = await promote(world);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(Object.fromEntries(Object.entries(r.steps).map(([id, s]) => [id, s.outcome]))).toEqual({
      plan: 'success',
      retag: 'success',
      release: 'success',
      bump: 'success',
      summary: 'success',
    });

    const target = r.outputs['target-tag'];
    expect(parseImmutableTag(target)).toMatchObject({
      env: 'production',
      version: '1.2.4',
      sha: newer.commit.slice(0, 7),
    });
    const tags = await world.tagDigests();
    // the exact bytes staging tested, never rebuilt
    expect(tags[target]).toBe(newer.digest);
    expect(tags.production).toBe(newer.digest);
    expect(tags[newer.tag]).toBe(newer.digest);
    const flux = fluxPick(Object.keys(tags), 'production');
    expect(flux.ok && flux.tag).toBe(target);

    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(newer.commit);
    expect(world.standIn.state.refs.get('refs/tags/v1.2.5-next')).toBe(newer.commit);
    const release = releaseOf(world, 'v1.2.4')!;
    expect(release).toMatchObject({ draft: false, prerelease: false });
    expect(parseLineage(release.body)).toMatchObject({
      image: world.image,
      digest: newer.digest,
      sourceTag: newer.tag,
      targetTag: target,
      commit: newer.commit,
      version: '1.2.4',
      runUrl: 'https://github.com/acme/backend/actions/runs/42',
    });
    expect(r.outputs).toMatchObject({
      digest: newer.digest,
      version: '1.2.4',
      'release-url': release.html_url,
      'next-version': '1.2.5',
      'source-tag': newer.tag,
      commit: newer.commit,
      'alias-tag': 'production',
      'release-tag': 'v1.2.4',
    });
    expect(r.summary).toContain('### Promoted v1.2.4 to production');
    expect(r.summary).toContain(`| Digest | \`${newer.digest}\` |`);

    const before = await world.state();
    const again = await promote(world);
    expect(again.errors).toEqual([]);
    expect(again.code).toBe(0);
    // The same outputs; only the plan's states tell that everything was there already.
    const { plan: firstPlan, ...firstOutputs } = r.outputs;
    const { plan: againPlan, ...againOutputs } = again.outputs;
    expect(againOutputs).toEqual(firstOutputs);
    expect(JSON.parse(firstPlan)).toMatchObject({ targetState: 'new', releaseState: 'new', nextState: 'new' });
    expect(JSON.parse(againPlan)).toMatchObject({ targetState: 'exists', releaseState: 'exists', nextState: 'exists' });
    expect(await world.state()).toEqual(before);
    expect(world.standIn.violations).toEqual([]);
  });

  it('dry-run changes nothing and prints what the other steps would do', async () => {
    const before = await world.state();
    const r = await promote(world, { 'dry-run': 'true' });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.steps.plan.outcome).toBe('success');
    for (const id of ['retag', 'release', 'bump', 'summary']) expect(r.steps[id].outcome).toBe('skipped');
    const target = r.outputs['target-tag'];
    expect(r.stdout).toContain('Dry run: nothing is changed. The promotion would do:');
    expect(r.stdout).toContain(`Step 2: copy the manifest to ${target} (new), then move production to it`);
    expect(r.stdout).toContain(
      `Step 3: create tag v1.2.4 at ${newer.commit}, then the release v1.2.4 with the lineage`,
    );
    expect(r.stdout).toContain(`Step 4: create the next-version tag v1.2.5-next at ${newer.commit.slice(0, 7)}`);
    expect(r.outputs).toMatchObject({
      digest: newer.digest,
      version: '1.2.4',
      'release-url': '',
      'next-version': '1.2.5',
    });
    expect(await world.state()).toEqual(before);
    expect(world.standIn.violations).toEqual([]);
  });

  it('refuses a version already released from another commit with one error, changing nothing', async () => {
    const shipped = world.standIn.addCommit();
    world.standIn.addTag('v1.2.4', shipped);
    const before = await world.state();
    const r = await promote(world);
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`Version 1.2.4 was already released from commit ${shipped}`);
    expect(r.errors[0]).toContain("set the promotion's version input, e.g. version: 1.2.5");
    for (const id of ['retag', 'release', 'bump', 'summary']) expect(r.steps[id].outcome).toBe('skipped');
    expect(await world.state()).toEqual(before);

    // The way out the error names: the same image under a new version.
    const out = await promote(world, { version: '1.2.5' });
    expect(out.errors).toEqual([]);
    expect(parseImmutableTag(out.outputs['target-tag'])).toMatchObject({
      version: '1.2.5',
      sha: newer.commit.slice(0, 7),
    });
    expect(world.standIn.state.refs.get('refs/tags/v1.2.5')).toBe(newer.commit);
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(shipped);
    expect(out.outputs['next-version']).toBe('1.2.6');
    expect(world.standIn.violations).toEqual([]);
  });

  it('refuses a bad input before anything changes', async () => {
    const before = await world.state();
    const r = await promote(world, { 'make-latest': 'always' });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'gitops-promote/plan-promotion: make-latest: "always" is not accepted. Accepted: auto, true, false',
    ]);
    expect(await world.state()).toEqual(before);
  });

  it.each([
    ['release', 'repos/create-release'],
    ['bump', 'git/create-ref'],
  ])('finishes after a failure in the %s step when re-run, with no duplicate', async (step, operationId) => {
    if (step === 'bump') {
      // The release tag is create-ref's first call in a full run: release first, so the bump's is the one refused.
      expect((await promote(world, { bump: 'none' })).errors).toEqual([]);
    }
    world.standIn.fault({ operationId, status: 400 });
    const failed = await promote(world);
    expect(failed.code).toBe(1);
    expect(failed.steps[step].outcome).toBe('failure');
    expect(failed.errors).toHaveLength(1);
    expect(failed.summary).toContain('### Promotion of v1.2.4 did not finish');

    const done = await promote(world);
    expect(done.errors).toEqual([]);
    expect(done.code).toBe(0);
    expect(done.outputs['target-tag']).toBe(failed.outputs['target-tag']);
    expect(world.standIn.state.releases.filter((r) => r.tag_name === 'v1.2.4')).toHaveLength(1);
    const tags = await world.tagDigests();
    expect(Object.keys(tags).filter((t) => t.startsWith('production-'))).toEqual([done.outputs['target-tag']]);
    expect(tags.production).toBe(newer.digest);
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(newer.commit);
    expect(world.standIn.state.refs.get('refs/tags/v1.2.5-next')).toBe(newer.commit);
    expect(world.standIn.violations).toEqual([]);
  });

  it('rolls back by promoting a released version again: a newer production tag for the old digest, the release reused, no bump', async () => {
    const first = await promote(world, { source: older.tag });
    expect(first.errors).toEqual([]);
    const second = await promote(world);
    expect(second.errors).toEqual([]);
    const releaseBefore = JSON.stringify(releaseOf(world, 'v1.2.3'));

    const r = await promote(world, { source: 'v1.2.3' });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.steps.bump.outcome).toBe('skipped');
    expect(r.outputs['next-version']).toBe('');
    const tags = await world.tagDigests();
    const flux = fluxPick(Object.keys(tags), 'production');
    expect(flux.ok && flux.tag).toBe(r.outputs['target-tag']);
    expect(tags[r.outputs['target-tag']]).toBe(older.digest);
    expect(tags.production).toBe(older.digest);
    expect(parseImmutableTag(r.outputs['target-tag'])!.ts).toBeGreaterThan(
      parseImmutableTag(second.outputs['target-tag'])!.ts,
    );
    expect(JSON.stringify(releaseOf(world, 'v1.2.3'))).toBe(releaseBefore);
    expect(r.outputs['release-url']).toBe(releaseOf(world, 'v1.2.3')!.html_url);
    expect(world.standIn.violations).toEqual([]);
  });

  it('passes inputs through env:, never ${{ }} inside run:', () => {
    expect(findInjection(ACTION)).toEqual([]);
  });
});

describe('action-promote interrupted in the retag step', () => {
  let world: ReleaseWorld;
  beforeEach(async () => {
    world = await startReleaseWorld({ faultProxy: true });
  });
  afterEach(async () => world.stop());

  it('finishes on a re-run: the same production tag, then the alias, release and bump', async () => {
    const build = await world.pushBuild({ version: '2.0.0', ts: STAGING_TS });
    // The immutable tag is written, the alias is refused.
    world.proxy!.inject({
      match: (method, path) => method === 'PUT' && path.endsWith('/manifests/production'),
      status: 400,
    });
    const failed = await promote(world);
    expect(failed.code).toBe(1);
    expect(failed.steps.retag.outcome).toBe('failure');
    expect(failed.steps.release.outcome).toBe('skipped');
    let tags = await world.tagDigests();
    expect(tags[failed.outputs['target-tag']]).toBe(build.digest);
    expect(tags.production).toBeUndefined();

    const done = await promote(world);
    expect(done.errors).toEqual([]);
    expect(done.outputs['target-tag']).toBe(failed.outputs['target-tag']);
    tags = await world.tagDigests();
    expect(Object.keys(tags).filter((t) => t.startsWith('production'))).toEqual([
      'production',
      done.outputs['target-tag'],
    ]);
    expect(tags.production).toBe(build.digest);
    expect(world.standIn.state.refs.get('refs/tags/v2.0.0')).toBe(build.commit);
    expect(done.outputs['next-version']).toBe('2.0.1');
    expect(world.standIn.violations).toEqual([]);
  });
});
