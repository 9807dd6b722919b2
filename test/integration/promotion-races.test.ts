import { afterEach, describe, expect, it } from '@jest/globals';
import {
  executePromotion,
  fluxPick,
  planPromotion,
  runPromotion,
  type PromotionRequest,
} from '../../packages/promotion/index.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { DEFAULT_NOW, startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

/*
 * Issue 8 "Concurrency": two writers at once. Each case failed on the code before it: the tag ref
 * came after the registry writes and nothing re-read the tag list around the write.
 */

let world: ReleaseWorld | undefined;
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

function request(w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, source: 'latest', repository: w.repository, ...extra };
}

const productionTags = (tags: Record<string, string>) => Object.keys(tags).filter((t) => t.startsWith('production-'));

describe('concurrent promotions', () => {
  it.each([0, 1, 2, 3])(
    'one version from two commits at once (trial %i): one ships, the other is refused before the registry, Flux runs what v1.2.3 points at',
    async () => {
      const w = await start();
      const a = await w.pushBuild({ version: '1.2.3', ts: 1_700_000_100 });
      const b = await w.pushBuild({ version: '1.2.3', ts: 1_700_000_200 });
      const [ra, rb] = await Promise.all([
        runPromotion(request(w, { source: a.tag }), w.services()),
        runPromotion(request(w, { source: b.tag }), w.services()),
      ]);
      const results = [ra.result, rb.result].sort();
      expect(results).toEqual(['promoted', 'refused']);
      const loser = ra.result === 'refused' ? ra : rb;
      expect(loser.changed).toBe(false);
      expect(loser.error!.message).toMatch(/already points at commit/);
      const shipped = w.standIn.state.refs.get('refs/tags/v1.2.3');
      const tags = await w.tagDigests();
      expect(productionTags(tags)).toHaveLength(1);
      const pick = fluxPick(Object.keys(tags), 'production');
      expect(pick.ok && parseImmutableTag(pick.tag)!.sha).toBe(shipped!.slice(0, 7));
      expect(tags.production).toBe(shipped === a.commit ? a.digest : b.digest);
    },
  );

  it.each([0, 1, 2, 3])(
    '1.2.3 and 1.2.4 in the same second (trial %i): Flux ends on 1.2.4, the release marked latest',
    async () => {
      const w = await start();
      const a = await w.pushBuild({ version: '1.2.3', ts: 1_700_000_100 });
      const b = await w.pushBuild({ version: '1.2.4', ts: 1_700_000_200 });
      const [ra, rb] = await Promise.all([
        runPromotion(request(w, { source: a.tag, bump: 'none' }), w.services()),
        runPromotion(request(w, { source: b.tag, bump: 'none' }), w.services()),
      ]);
      expect(ra.error).toBeUndefined();
      expect(rb.error).toBeUndefined();
      const tags = await w.tagDigests();
      const pick = fluxPick(Object.keys(tags), 'production');
      expect(pick.ok && pick.ties).toEqual([]);
      expect(pick.ok && tags[pick.tag]).toBe(b.digest);
      // The loser, if it tied, says so instead of "promoted".
      if (ra.result === 'superseded') expect(ra.next).toContain(pick.ok ? pick.tag : '?');
      expect(w.standIn.state.latestReleaseId).toBe(w.standIn.state.releases.find((r) => r.tag_name === 'v1.2.4')!.id);
    },
  );

  it('the same promotion planned twice, executed one after the other: one production tag', async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const first = await planPromotion(request(w), w.services({ now: DEFAULT_NOW }));
    const second = await planPromotion(request(w), w.services({ now: DEFAULT_NOW + 5 }));
    expect(first.targetTag).not.toBe(second.targetTag);
    await executePromotion(first, w.services({ now: DEFAULT_NOW }));
    const again = await executePromotion(second, w.services({ now: DEFAULT_NOW + 5 }));
    expect(again.targetTag).toBe(first.targetTag);
    expect(productionTags(await w.tagDigests())).toEqual([first.targetTag]);
    expect(w.standIn.state.releases).toHaveLength(1);
  });

  it('a tag of the environment written since the plan with the same ts: the promotion takes the next ts', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_100 });
    const other = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_050 });
    const plan = await planPromotion(request(w, { source: build.tag }), w.services());
    // Another promotion (of another version) wrote a production tag in the same second.
    const rival = `production-v1.0.0-${other.commit.slice(0, 7)}-${DEFAULT_NOW}`;
    await w.pushTag(rival, other.digest);
    const outcome = await executePromotion(plan, w.services());
    expect(parseImmutableTag(outcome.targetTag)!.ts).toBe(DEFAULT_NOW + 1);
    const tags = await w.tagDigests();
    const pick = fluxPick(Object.keys(tags), 'production');
    expect(pick.ok && pick.tag).toBe(outcome.targetTag);
    expect(tags[rival]).toBe(other.digest);
  });

  it('a staging build lands while a promotion of latest runs: production gets the planned digest, staging keeps the new build', async () => {
    const w = await start();
    const tested = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const plan = await planPromotion(request(w), w.services());
    expect(plan.sourceTag).toBe(tested.tag);
    // The build of the next commit pushes staging-v1.0.1-…, the staging alias and its sha tag meanwhile.
    const fresh = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
    const outcome = await executePromotion(plan, w.services());
    const tags = await w.tagDigests();
    expect(tags[outcome.targetTag]).toBe(tested.digest);
    expect(tags.production).toBe(tested.digest);
    expect(tags.staging).toBe(fresh.digest);
    const staging = fluxPick(Object.keys(tags), 'staging');
    expect(staging.ok && staging.tag).toBe(fresh.tag);
    expect(w.standIn.state.refs.get('refs/tags/v1.0.0')).toBe(tested.commit);
  });
});
