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
    // One step: the rules run in packages/promotion, not in YAML (issue 8).
    expect(Object.fromEntries(Object.entries(r.steps).map(([id, s]) => [id, s.outcome]))).toEqual({
      promote: 'success',
    });
    expect(r.outputs.result).toBe('promoted');

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
    expect(r.summary).toContain(`digest \`${newer.digest}\``);
    expect(r.summary).toContain(`| production |  | \`${target}\` |`);
    expect(r.summary).toContain('**Next:** Nothing: Flux');

    const before = await world.state();
    const again = await promote(world);
    expect(again.errors).toEqual([]);
    expect(again.code).toBe(0);
    // The same outputs; only the plan's states tell that everything was there already.
    const strip = ({ plan, account, result, ...rest }: Record<string, string>) => ({ plan, account, result, rest });
    const { plan: firstPlan, result: firstResult, rest: firstOutputs } = strip(r.outputs);
    const { plan: againPlan, result: againResult, rest: againOutputs } = strip(again.outputs);
    expect(againOutputs).toEqual(firstOutputs);
    expect([firstResult, againResult]).toEqual(['promoted', 'unchanged']);
    expect(again.summary).toContain('### v1.2.4 was promoted to production already: nothing to do');
    expect(JSON.parse(firstPlan)).toMatchObject({ targetState: 'new', releaseState: 'new', nextState: 'new' });
    expect(JSON.parse(againPlan)).toMatchObject({ targetState: 'exists', releaseState: 'exists', nextState: 'exists' });
    expect(await world.state()).toEqual(before);
    expect(world.standIn.violations).toEqual([]);
  });

  // A value the plan step once trimmed and the composite's `if:` did not: the dry run deployed (issue 8).
  it.each(['true', ' true', 'true\n', 'True'])(
    'dry-run %j changes nothing and prints what the steps would do',
    async (value) => {
      const before = await world.state();
      const r = await promote(world, { 'dry-run': value });
      expect(r.errors).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.result).toBe('dry-run');
      const target = r.outputs['target-tag'];
      expect(r.stdout).toContain('Dry run: promotion of v1.2.4 to production (nothing changed)');
      expect(r.stdout).toMatch(new RegExp(`immutable tag +would do +create ${target}`));
      expect(r.stdout).toContain(`create tag v1.2.4 at ${newer.commit}, then the release v1.2.4 with the lineage`);
      expect(r.stdout).toContain(`create the next-version tag v1.2.5-next at ${newer.commit.slice(0, 7)}`);
      expect(r.outputs).toMatchObject({
        digest: newer.digest,
        version: '1.2.4',
        'release-url': '',
        'next-version': '1.2.5',
      });
      expect(await world.state()).toEqual(before);
      expect(world.standIn.violations).toEqual([]);
    },
  );

  it.each(['yes', 'on', '1', 'truee'])('refuses dry-run %j before anything changes', async (value) => {
    const before = await world.state();
    const r = await promote(world, { 'dry-run': value });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      `gitops-promote/promote: dry-run: ${JSON.stringify(value)} is not accepted. Accepted: true or false`,
    ]);
    expect(await world.state()).toEqual(before);
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
    expect(r.outputs.result).toBe('refused');
    expect(r.summary).toContain(`### Promotion of ${world.image} to production refused`);
    expect(r.summary).toContain('**Next:** Nothing was changed.');
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
      'gitops-promote/promote: make-latest: "always" is not accepted. Accepted: auto, true, false',
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
    expect(failed.steps.promote.outcome).toBe('failure');
    expect(failed.errors).toHaveLength(1);
    expect(failed.summary).toContain('### Promotion of v1.2.4 to production did not finish');
    const account = JSON.parse(failed.outputs.account);
    const failedStep = account.steps.find((s: { state: string }) => s.state === 'failed');
    expect(failedStep.step).toBe(step === 'bump' ? 'next version' : 'release');
    expect(failed.summary).toMatch(/\*\*Next:\*\* .*Re-run the promotion/);

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
    const account = JSON.parse(r.outputs.account);
    expect(account.steps.find((s: { step: string }) => s.step === 'next version')).toMatchObject({
      state: 'skipped',
      detail: 'a rollback bumps nothing',
    });
    expect(r.outputs['next-version']).toBe('');
    const tags = await world.tagDigests();
    const flux = fluxPick(Object.keys(tags), 'production');
    expect(flux.ok && flux.tag).toBe(r.outputs['target-tag']);
    expect(tags[r.outputs['target-tag']]).toBe(older.digest);
    expect(tags.production).toBe(older.digest);
    expect(parseImmutableTag(r.outputs['target-tag'])!.ts).toBeGreaterThan(
      parseImmutableTag(second.outputs['target-tag'])!.ts,
    );
    // The release is reused: the rollback's delivery (who, when, which run) is added to its record
    // and nothing else of it changes.
    const after = releaseOf(world, 'v1.2.3')!;
    const before = JSON.parse(releaseBefore) as typeof after;
    const { body: bodyAfter, ...restAfter } = { ...after, updated_at: undefined };
    const { body: bodyBefore, ...restBefore } = { ...before, updated_at: undefined };
    expect(restAfter).toEqual(restBefore);
    const { deliveries: was = [], ...fieldsBefore } = parseLineage(bodyBefore)!;
    const { deliveries: now = [], ...fieldsAfter } = parseLineage(bodyAfter)!;
    expect(fieldsAfter).toEqual(fieldsBefore);
    expect(now).toEqual([
      ...was,
      expect.objectContaining({
        kind: 'rollback',
        actor: 'octocat',
        targetTag: r.outputs['target-tag'],
        digest: older.digest,
      }),
    ]);
    expect(r.outputs['release-url']).toBe(after.html_url);
    expect(world.standIn.violations).toEqual([]);
  });

  it('passes inputs through env:, never ${{ }} inside run:', () => {
    expect(findInjection(ACTION)).toEqual([]);
  });
});

describe('action-promote interrupted in the registry writes', () => {
  let world: ReleaseWorld;
  beforeEach(async () => {
    world = await startReleaseWorld({ faultProxy: true });
  });
  afterEach(async () => world.stop());

  it('finishes on a re-run: the alias, then the production tag, release and bump', async () => {
    const build = await world.pushBuild({ version: '2.0.0', ts: STAGING_TS });
    // The release tag is made, the alias is refused: Flux has seen nothing.
    world.proxy!.inject({
      match: (method, path) => method === 'PUT' && path.endsWith('/manifests/production'),
      status: 400,
    });
    const failed = await promote(world);
    expect(failed.code).toBe(1);
    expect(failed.outputs.result).toBe('failed');
    let tags = await world.tagDigests();
    expect(Object.keys(tags).filter((t) => t.startsWith('production'))).toEqual([]);
    expect(world.standIn.state.refs.get('refs/tags/v2.0.0')).toBe(build.commit);
    expect(world.standIn.state.releases).toEqual([]);

    const done = await promote(world);
    expect(done.errors).toEqual([]);
    // Nothing Flux follows was written by the failed run, so the re-run's tag may carry a later ts.
    expect(parseImmutableTag(done.outputs['target-tag'])).toMatchObject({ env: 'production', version: '2.0.0' });
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
