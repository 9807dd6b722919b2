import { afterEach, describe, expect, it } from '@jest/globals';
import { commitOrder } from '../../packages/github/commits.js';
import { applyBuild, type AppliedBuild } from '../../packages/promotion/apply-build.js';
import { computeBuild } from '../../packages/promotion/build.js';
import { fluxPick } from '../../packages/promotion/plan.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { parseImageRef } from '../../packages/tagging/image.js';
import { pushOciImage } from '../support/images.js';
import { DEFAULT_NOW, startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

/*
 * Builds of one environment in the same second (docs/promotion.md "Concurrency"). Before this,
 * both computed ts = now and Flux chose between the two commits by the byte order of their shas.
 * Builds pushed by digest and tagged by action-tag re-read the tags right before and after writing.
 */

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

interface Racer {
  commit: string;
  version: string;
  digest: string;
}

async function racer(w: ReleaseWorld, commit: string, version: string): Promise<Racer> {
  const pushed = await pushOciImage({ url: w.registry.url }, w.imageRepository, '', { seed: `build ${commit}` });
  return { commit, version, digest: pushed.digest };
}

/** computeBuild then applyBuild, as the compute-tags bundle runs them, with the clock at `now`. */
async function build(w: ReleaseWorld, r: Racer, opts: { now?: number; order?: boolean } = {}): Promise<AppliedBuild> {
  const now = opts.now ?? DEFAULT_NOW;
  const computed = await computeBuild(
    { images: [w.image], environment: 'develop', branchEnvironments: '', version: r.version, sha: r.commit },
    { eventName: 'push', serverUrl: 'https://github.com' },
    {
      nowSeconds: () => now,
      listTags: async (image) => (await w.clients(image.registry)).listTags(image.repository),
    },
  );
  return applyBuild(computed, r.digest, {
    clients: w.clients,
    ...(opts.order === false
      ? {}
      : { commitOrder: (ours: string, theirs: string) => commitOrder(w.github, w.repository, ours, theirs) }),
  });
}

async function developTags(w: ReleaseWorld): Promise<{ tags: string[]; digests: Record<string, string> }> {
  const digests = await w.tagDigests();
  return { tags: Object.keys(digests), digests };
}

describe('two builds of one environment in the same second', () => {
  it.each([0, 1, 2, 3])('the newer commit is what Flux runs, whichever wrote last (trial %i)', async (trial) => {
    const w = (world = await startReleaseWorld());
    const older = w.standIn.addCommit();
    const newer = w.standIn.addCommit(); // descends from `older`
    const a = await racer(w, older, '1.4.2');
    const b = await racer(w, newer, '1.4.2');
    // Both compute ts = now before either writes: the race the issue measured (4 of 5 trials tied).
    const runs = trial % 2 === 0 ? [build(w, a), build(w, b)] : [build(w, b), build(w, a)];
    const [ra, rb] = trial % 2 === 0 ? await Promise.all(runs) : (await Promise.all(runs)).reverse();

    const { tags, digests } = await developTags(w);
    const pick = fluxPick(tags, 'develop');
    expect(pick.ok).toBe(true);
    const picked = parseImmutableTag(pick.ok ? pick.tag : '')!;
    expect(picked.sha).toBe(newer.slice(0, 7));
    expect(digests[pick.ok ? pick.tag : '']).toBe(b.digest);
    // every immutable develop tag points at the digest of the commit it names: none moved, none crossed
    for (const t of tags.filter((x) => x.startsWith('develop-v'))) {
      expect(digests[t]).toBe(parseImmutableTag(t)!.sha === older.slice(0, 7) ? a.digest : b.digest);
    }
    // whoever saw the tie says so, with the same winner and Flux's pick
    for (const r of [ra, rb]) {
      for (const tie of r!.ties) {
        expect(tie.winner).toContain(newer.slice(0, 7));
        expect(tie.reason).toContain(`commit ${newer.slice(0, 7)} is newer`);
        expect(tie.fluxPicks).toBe(pick.ok ? pick.tag : '');
      }
    }
    // the older build, when it saw the tie, says that its tags stay but develop runs the other build
    for (const tie of ra!.ties) expect(tie.ours).toBe(false);
    for (const tie of rb!.ties) expect(tie.ours).toBe(true);
  });

  it('the higher version wins a tie whatever the commits', async () => {
    const w = (world = await startReleaseWorld());
    const c1 = w.standIn.addCommit();
    const c2 = w.standIn.addCommit();
    const low = await racer(w, c2, '1.4.2');
    const high = await racer(w, c1, '1.5.0');
    await Promise.all([build(w, low), build(w, high)]);
    const { tags, digests } = await developTags(w);
    const pick = fluxPick(tags, 'develop');
    expect(pick.ok && parseImmutableTag(pick.tag)!.version).toBe('1.5.0');
    expect(pick.ok && digests[pick.tag]).toBe(high.digest);
  });

  it('without a way to order the commits, Flux’s own order stands and both builds say so alike', async () => {
    const w = (world = await startReleaseWorld());
    const a = await racer(w, w.standIn.addCommit(), '1.4.2');
    const b = await racer(w, w.standIn.addCommit(), '1.4.2');
    const results = await Promise.all([build(w, a, { order: false }), build(w, b, { order: false })]);
    const { tags } = await developTags(w);
    const pick = fluxPick(tags, 'develop');
    const ties = results.flatMap((r) => r.ties);
    // the build that checked after both had written reports it (both may); the reports agree
    expect(ties.length).toBeGreaterThanOrEqual(1);
    for (const tie of ties) {
      expect(tie.fluxPicks).toBe(pick.ok ? pick.tag : '');
      expect(tie.reason).toContain("the commits' order is not known");
      expect(tie.reason).toContain(`Flux picks ${w.image}:${tie.fluxPicks}`);
    }
    // nothing was re-tagged: one immutable tag per build
    expect(tags.filter((t) => t.startsWith('develop-v')).length).toBe(2);
  });

  it('a build whose ts another build took since the tags were computed moves on to the next ts', async () => {
    const w = (world = await startReleaseWorld());
    const first = await racer(w, w.standIn.addCommit(), '1.4.2');
    const second = await racer(w, w.standIn.addCommit(), '1.4.2');
    await build(w, first);
    const r = await build(w, second); // same clock second: the first's tag is there already
    expect(r.ties).toEqual([]);
    expect(r.build.timestamp).toBe(DEFAULT_NOW + 1);
    expect(r.build.tags.immutable).toBe(`develop-v1.4.2-${second.commit.slice(0, 7)}-${DEFAULT_NOW + 1}`);
    const { tags, digests } = await developTags(w);
    const pick = fluxPick(tags, 'develop');
    expect(pick.ok && pick.tag).toBe(r.build.tags.immutable);
    expect(digests[r.build.tags.immutable]).toBe(second.digest);
    expect(parseImageRef(w.image, 'image').repository).toBe(w.imageRepository);
  });
});
