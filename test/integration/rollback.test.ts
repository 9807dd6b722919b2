import { afterEach, describe, expect, it } from '@jest/globals';
import { InputError } from '../../packages/common/errors.js';
import { parseLineage } from '../../packages/github/lineage.js';
import { promote, type PromotionRequest } from '../../packages/promotion/index.js';
import { fluxPattern, selectLatest } from '../../packages/tagging/index.js';
import { DEFAULT_NOW, startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

function request(w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, source: 'latest', repository: w.repository, ...extra };
}

const productionPick = (tags: Record<string, string>) => {
  const pick = selectLatest(Object.keys(tags), {
    pattern: fluxPattern('production'),
    extract: '$ts',
    policy: 'numerical',
  });
  if (!pick.ok) throw new Error(pick.error);
  return pick.tag;
};

const T1 = DEFAULT_NOW;
const T2 = DEFAULT_NOW + 1000;
const T3 = DEFAULT_NOW + 2000;

/** v1.0.0 shipped at T1, then v1.0.1 at T2: production runs 1.0.1. */
async function twoReleases(): Promise<{ w: ReleaseWorld; good: Build; bad: Build; goodTag: string; badTag: string }> {
  const w = await startReleaseWorld();
  world = w;
  const good = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
  const first = await promote(request(w), w.services({ now: T1 }));
  const bad = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
  const second = await promote(request(w), w.services({ now: T2 }));
  expect(productionPick(await w.tagDigests())).toBe(second.plan.targetTag);
  return { w, good, bad, goodTag: first.plan.targetTag, badTag: second.plan.targetTag };
}

describe('rollback as a roll-forward', () => {
  it('promotes an earlier production tag: a newer production tag for the old digest, the release reused, no bump', async () => {
    const { w, good, goodTag, badTag } = await twoReleases();
    const refsBefore = [...w.standIn.state.refs.entries()];
    const releasesBefore = w.standIn.state.releases.map((r) => [r.id, r.tag_name]);
    const latestBefore = w.standIn.state.latestReleaseId;
    const githubBefore = w.standIn.snapshot();

    const { plan, outcome } = await promote(
      request(w, { source: goodTag }),
      w.services({ now: T3, actor: 'oncall-alice', runUrl: 'https://github.com/acme/backend/actions/runs/77' }),
    );

    const rollbackTag = `production-v1.0.0-${good.commit.slice(0, 7)}-${T3}`;
    expect(plan).toMatchObject({
      sourceTag: goodTag,
      sourceKind: 'tag',
      digest: good.digest,
      commit: good.commit,
      version: '1.0.0',
      versionSource: 'source-tag',
      targetTag: rollbackTag,
      targetState: 'new',
      releaseTag: 'v1.0.0',
      releaseState: 'exists',
      rollback: true,
      nextState: 'none',
      fluxPicksNow: { to: badTag },
    });
    expect(plan.nextVersionTag).toBeUndefined();

    const tags = await w.tagDigests();
    expect(productionPick(tags)).toBe(rollbackTag);
    expect(tags[rollbackTag]).toBe(good.digest);
    expect(tags['production']).toBe(good.digest);
    expect(tags[goodTag]).toBe(good.digest);

    expect([...w.standIn.state.refs.entries()]).toEqual(refsBefore);
    expect(w.standIn.state.releases.map((r) => [r.id, r.tag_name])).toEqual(releasesBefore);
    expect(w.standIn.state.latestReleaseId).toBe(latestBefore);
    expect(outcome!.tagRef).toBe('unchanged');
    // The release is reused: only the rollback's delivery is added to its record (issue 11: a
    // rollback leaves a durable trace of who, when and which run).
    expect(outcome!.release.state).toBe('updated');
    expect(outcome!.next).toBeUndefined();
    // The release keeps the record of the promotion that shipped it, and now the rollback's.
    const release = w.standIn.state.releases.find((r) => r.tag_name === 'v1.0.0')!;
    const lineage = parseLineage(release.body)!;
    expect(lineage).toMatchObject({ sourceTag: good.tag, targetTag: goodTag, digest: good.digest });
    expect(lineage.deliveries).toEqual([
      expect.objectContaining({ kind: 'promotion', targetTag: goodTag, digest: good.digest }),
      {
        kind: 'rollback',
        at: new Date(T3 * 1000).toISOString().replace(/\.000Z$/, 'Z'),
        actor: 'oncall-alice',
        runUrl: 'https://github.com/acme/backend/actions/runs/77',
        sourceTag: goodTag,
        targetTag: rollbackTag,
        digest: good.digest,
      },
    ]);
    expect(w.standIn.snapshot()).not.toBe(githubBefore);

    // Run again: it converges on the rollback tag and changes nothing.
    const before = await w.state();
    const again = await promote(request(w, { source: goodTag }), w.services({ now: T3 + 500 }));
    expect(await w.state()).toEqual(before);
    expect([again.plan.targetTag, again.plan.targetState, again.outcome!.release.state]).toEqual([
      rollbackTag,
      'exists',
      'unchanged',
    ]);
  });

  it('takes a released version vX.Y.Z as the source: its newest production tag at the release commit', async () => {
    const { w, good, goodTag } = await twoReleases();
    const refsBefore = [...w.standIn.state.refs.entries()];

    const { plan } = await promote(request(w, { source: 'v1.0.0' }), w.services({ now: T3 }));

    expect([
      plan.sourceKind,
      plan.sourceTag,
      plan.versionSource,
      plan.version,
      plan.commit,
      plan.rollback,
      plan.nextState,
    ]).toEqual(['release', goodTag, 'release', '1.0.0', good.commit, true, 'none']);
    const tags = await w.tagDigests();
    expect(productionPick(tags)).toBe(`production-v1.0.0-${good.commit.slice(0, 7)}-${T3}`);
    expect(tags['production']).toBe(good.digest);
    expect([...w.standIn.state.refs.entries()]).toEqual(refsBefore);
    expect(w.standIn.state.releases).toHaveLength(2);
  });

  it('promotes an earlier staging tag below the highest release as a rollback, with no bump', async () => {
    const { w, good } = await twoReleases();

    const { plan } = await promote(request(w, { source: good.tag }), w.services({ now: T3 }));

    expect([plan.rollback, plan.releaseState, plan.nextState, plan.targetTag]).toEqual([
      true,
      'exists',
      'none',
      `production-v1.0.0-${good.commit.slice(0, 7)}-${T3}`,
    ]);
    expect(productionPick(await w.tagDigests())).toBe(plan.targetTag);
    expect(w.standIn.state.refs.has('refs/tags/v1.0.1-next')).toBe(true);
    expect(w.standIn.state.refs.has('refs/tags/v1.0.2-next')).toBe(true);
    expect([...w.standIn.state.refs.keys()].filter((r) => r.startsWith('refs/tags/'))).toHaveLength(4);
  });

  it('refuses a version input beside a released-version source', async () => {
    const { w } = await twoReleases();
    const err = await promote(request(w, { source: 'v1.0.0', version: '1.0.5' }), w.services()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      'version: "1.0.5" is not accepted: the source v1.0.0 is a released version: it is promoted again under that version. Accepted: empty, or 1.0.0',
    );
  });
});
