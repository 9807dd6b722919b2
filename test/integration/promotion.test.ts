import { afterEach, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { describePlan, planPromotion, promote, type PromotionRequest } from '../../packages/promotion/index.js';
import { environmentStatus } from '../../packages/promotion/status.js';
import { fluxPattern, selectLatest } from '../../packages/tagging/index.js';
import { DEFAULT_NOW, startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

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

const fluxPicks = (tags: Record<string, string>, env: string) => {
  const pick = selectLatest(Object.keys(tags), { pattern: fluxPattern(env), extract: '$ts', policy: 'numerical' });
  return pick.ok ? pick.tag : undefined;
};

const releaseOf = (w: ReleaseWorld, tag: string) => w.standIn.state.releases.filter((r) => r.tag_name === tag);

describe('promote', () => {
  it('ships the staging digest to production, releases the shipped commit with its lineage, and records the next version', async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const shipped = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_200 });
    w.standIn.addCommit(); // main moved on after the build: the release must not tag the head
    const sha = shipped.commit.slice(0, 7);
    const runUrl = 'https://github.com/acme/backend/actions/runs/42';

    const { plan, outcome } = await promote(request(w), w.services({ runUrl }));

    const targetTag = `production-v1.0.0-${sha}-${DEFAULT_NOW}`;
    expect(plan).toEqual({
      image: w.image,
      toImage: w.image,
      sourceTag: shipped.tag,
      sourceKind: 'latest',
      digest: shipped.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      commit: shipped.commit,
      revisionCheck: 'matched',
      version: '1.0.0',
      versionSource: 'source-tag',
      targetTag,
      targetState: 'new',
      aliasTag: 'production',
      releaseTag: 'v1.0.0',
      releaseState: 'new',
      rollback: false,
      nextVersion: '1.0.1',
      nextVersionTag: 'v1.0.1-next',
      nextState: 'new',
      fluxPicksNow: { from: shipped.tag },
      repository: w.repository,
      fromEnvironment: 'staging',
      toEnvironment: 'production',
    });

    const tags = await w.tagDigests();
    expect(tags[targetTag]).toBe(shipped.digest);
    expect(tags['production']).toBe(shipped.digest);
    expect(fluxPicks(tags, 'production')).toBe(targetTag);

    const refs = w.standIn.state.refs;
    expect(refs.get('refs/tags/v1.0.0')).toBe(shipped.commit);
    expect(refs.get('refs/tags/v1.0.1-next')).toBe(shipped.commit);
    const [release, ...others] = releaseOf(w, 'v1.0.0');
    expect(others).toEqual([]);
    expect(release!.draft).toBe(false);
    expect(w.standIn.state.latestReleaseId).toBe(release!.id);
    expect(parseLineage(release!.body)).toEqual({
      image: w.image,
      digest: shipped.digest,
      sourceTag: shipped.tag,
      targetTag,
      commit: shipped.commit,
      version: '1.0.0',
      runUrl,
      promotedAt: '2027-01-15T08:00:00Z',
      deliveries: [
        {
          kind: 'promotion',
          at: '2027-01-15T08:00:00Z',
          runUrl,
          sourceTag: shipped.tag,
          targetTag,
          digest: shipped.digest,
        },
      ],
    });

    expect(outcome).toEqual({
      plan,
      retag: {
        source: `${w.image}@${shipped.digest}`,
        digest: shipped.digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        // The alias first: Flux follows the immutable tag, so it is the last thing written (issue 8).
        targets: [
          { ref: `${w.image}:production`, repository: 'acme/backend', tag: 'production', state: 'created' },
          { ref: `${w.image}:${targetTag}`, repository: 'acme/backend', tag: targetTag, state: 'created' },
        ],
        dryRun: false,
        copies: [],
      },
      tagRef: 'created',
      release: { id: release!.id, url: release!.html_url, state: 'created' },
      next: { tag: 'v1.0.1-next', state: 'created' },
      targetTag,
    });
  });

  it('changes nothing when run again after success, whatever the clock says, and plans the same outputs', async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const first = await promote(request(w), w.services());
    const before = await w.state();

    const again = await promote(request(w), w.services({ now: DEFAULT_NOW + 3600 }));

    expect(await w.state()).toEqual(before);
    const outputs = (p: typeof first.plan) => [
      p.sourceTag,
      p.digest,
      p.commit,
      p.version,
      p.targetTag,
      p.aliasTag,
      p.releaseTag,
      p.nextVersion,
      p.nextVersionTag,
    ];
    expect(outputs(again.plan)).toEqual(outputs(first.plan));
    expect([again.plan.targetState, again.plan.releaseState, again.plan.nextState]).toEqual([
      'exists',
      'exists',
      'exists',
    ]);
    expect(again.plan.fluxPicksNow.to).toBe(first.plan.targetTag);
    expect(again.outcome!.retag.targets.map((t) => t.state)).toEqual(['unchanged', 'unchanged']);
    expect([again.outcome!.tagRef, again.outcome!.release.state, again.outcome!.next!.state]).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(again.outcome!.release.id).toBe(first.outcome!.release.id);
  });

  it('dry-run plans, changes nothing, and words steps 2-4', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '2.3.4', ts: 1_700_000_100, revisionLabel: false });
    const before = await w.state();
    const requestsBefore = w.standIn.requests.length;

    const { plan, outcome } = await promote(request(w), w.services(), { dryRun: true });

    expect(outcome).toBeUndefined();
    expect(await w.state()).toEqual(before);
    expect(w.standIn.requests.slice(requestsBefore).filter((r) => r.method !== 'GET')).toEqual([]);
    const sha = build.commit.slice(0, 7);
    expect(describePlan(plan)).toEqual([
      `Promote ${w.image}:${build.tag} (what Flux's staging policy picks) to production`,
      `  digest ${build.digest} (application/vnd.oci.image.manifest.v1+json), commit ${build.commit}, the image has no revision label`,
      '  version 2.3.4 (from the source tag)',
      `Step 2: copy the manifest to production-v2.3.4-${sha}-${DEFAULT_NOW} (new), then move production to it`,
      `Step 3: create tag v2.3.4 at ${build.commit}, then the release v2.3.4 with the lineage`,
      `Step 4: create the next-version tag v2.3.5-next at ${sha}`,
      `Flux now picks: staging ${build.tag}, production (nothing); after this production picks production-v2.3.4-${sha}-${DEFAULT_NOW}`,
    ]);
  });

  it('takes for latest the tag Flux picks when two staging tags share a ts: the byte-wise smallest', async () => {
    const w = await start();
    const a = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_500 });
    const b = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_500 });
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_400 });
    const smallest = [a, b].sort((x, y) => (x.tag < y.tag ? -1 : 1))[0]!;

    const plan = await planPromotion(request(w), w.services());

    expect(plan.sourceTag).toBe(fluxPicks(await w.tagDigests(), 'staging'));
    expect(plan.sourceTag).toBe(smallest.tag);
    expect(plan.digest).toBe(smallest.digest);
    expect(plan.commit).toBe(smallest.commit);
  });

  it('resolves a digest to the newest staging tag that points at it', async () => {
    const w = await start();
    const old = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100, kind: 'oci-index' });
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_200 });

    const plan = await planPromotion(request(w, { source: old.digest }), w.services());

    expect([plan.sourceKind, plan.sourceTag, plan.digest, plan.mediaType, plan.commit, plan.revisionCheck]).toEqual([
      'digest',
      old.tag,
      old.digest,
      'application/vnd.oci.image.index.v1+json',
      old.commit,
      'matched',
    ]);
  });

  it('promotes under the version input, with the bump level asked for, or none', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100, kind: 'docker' });
    const sha = build.commit.slice(0, 7);

    const minor = await promote(request(w, { source: build.tag, version: 'v1.4.0', bump: 'minor' }), w.services());

    expect([minor.plan.version, minor.plan.versionSource, minor.plan.targetTag, minor.plan.nextVersionTag]).toEqual([
      '1.4.0',
      'input',
      `production-v1.4.0-${sha}-${DEFAULT_NOW}`,
      'v1.5.0-next',
    ]);
    expect((await w.tagDigests())[minor.plan.targetTag]).toBe(build.digest);
    expect(w.standIn.state.refs.get('refs/tags/v1.4.0')).toBe(build.commit);
    expect(w.standIn.state.refs.get('refs/tags/v1.5.0-next')).toBe(build.commit);

    const none = await planPromotion(request(w, { source: build.tag, version: '1.5.0', bump: 'none' }), w.services());
    expect([none.nextState, none.nextVersion, none.rollback]).toEqual(['none', undefined, false]);
  });
});

describe('environmentStatus', () => {
  it("reports per environment the tag Flux picks now, its digest, version and full commit, or Flux's error", async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const staging = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_200 });
    const { plan } = await promote(request(w, { source: staging.tag }), w.services());

    const status = await environmentStatus(w.image, ['develop', 'staging', 'production'], {
      clients: w.clients,
      github: w.github,
      repository: w.repository,
    });

    expect(status).toEqual([
      {
        environment: 'develop',
        error: `no develop-v… tag among the 7 tags of ${w.image}: nothing was built or promoted to develop, or the environment name is wrong`,
        fluxError: 'version list argument cannot be empty',
        ties: [],
      },
      {
        environment: 'staging',
        tag: staging.tag,
        digest: staging.digest,
        version: '1.0.0',
        commit: staging.commit,
        taggedAt: '2023-11-14T22:16:40.000Z',
        ties: [],
        alias: { tag: 'staging', digest: staging.digest, drift: false },
      },
      {
        environment: 'production',
        tag: plan.targetTag,
        digest: staging.digest,
        version: '1.0.0',
        commit: staging.commit,
        taggedAt: new Date(Number(plan.targetTag.split('-').pop()) * 1000).toISOString(),
        ties: [],
        alias: { tag: 'production', digest: staging.digest, drift: false },
      },
    ]);
    const offline = await environmentStatus(w.image, ['production'], { clients: w.clients });
    expect(offline[0]!.commit).toBe(staging.commit.slice(0, 7));
  });

  it('reports drift when the alias points elsewhere than the pick, and refuses an image the registry does not know', async () => {
    const w = await start();
    const older = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const staging = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
    const registry = await w.clients(w.image.split('/')[0]!);
    const repository = w.image.split('/').slice(1).join('/');
    // A hand-made retag moved the staging alias back to the older build.
    await registry.putManifest(repository, 'staging', await registry.getManifest(repository, older.tag));
    const [status] = await environmentStatus(w.image, ['staging'], { clients: w.clients });
    expect(status!.tag).toBe(staging.tag);
    expect(status!.alias).toEqual({ tag: 'staging', digest: older.digest, drift: true });

    await expect(environmentStatus(`${w.image}-typo`, ['staging'], { clients: w.clients })).rejects.toThrow(
      `listing tags of ${w.image}-typo: the registry has no repository ${repository}-typo (404 NAME_UNKNOWN); check the image name`,
    );
  });
});
