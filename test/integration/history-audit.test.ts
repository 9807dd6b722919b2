import { afterEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import { auditImage } from '../../packages/promotion/audit.js';
import { promotionHistory } from '../../packages/promotion/history.js';
import { historyMermaid } from '../../packages/promotion/mermaid.js';
import { promote, type PromotionRequest } from '../../packages/promotion/index.js';
import { DEFAULT_NOW, startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';

/*
 * history and audit against a real registry and the GitHub stand-in: two promotions and a rollback,
 * each by a different person, then planted faults: a production image that no staging tag carries
 * (rebuilt), and a recorded immutable tag moved to another digest.
 */

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

const T1 = DEFAULT_NOW;
const T2 = DEFAULT_NOW + 1000;
const T3 = DEFAULT_NOW + 2000;
const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
const RUN = (n: number) => `https://github.com/acme/backend/actions/runs/${n}`;

function request(w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, source: 'latest', repository: w.repository, ...extra };
}

/** v1.0.0 by alice at T1, v1.0.1 by bob at T2, the rollback to v1.0.0 by carol at T3. */
async function shipped(): Promise<{ w: ReleaseWorld; good: Build; bad: Build; tags: [string, string, string] }> {
  const w = await startReleaseWorld();
  world = w;
  const good = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
  const first = await promote(request(w), w.services({ now: T1, actor: 'alice', runUrl: RUN(1) }));
  const bad = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
  const second = await promote(request(w), w.services({ now: T2, actor: 'bob', runUrl: RUN(2) }));
  const back = await promote(request(w, { source: 'v1.0.0' }), w.services({ now: T3, actor: 'carol', runUrl: RUN(3) }));
  return { w, good, bad, tags: [first.plan.targetTag, second.plan.targetTag, back.plan.targetTag] };
}

describe('history', () => {
  it('lists the promotions and the rollback with actor, time, run, tags and digest, oldest first', async () => {
    const { w, good, bad, tags } = await shipped();
    const history = await promotionHistory(w.image, { github: w.github, repository: w.repository, clients: w.clients });
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'promotion',
        at: iso(T1),
        actor: 'alice',
        runUrl: RUN(1),
        targetTag: tags[0],
        digest: good.digest,
        sourceTag: good.tag,
        version: '1.0.0',
        recorded: true,
      }),
      expect.objectContaining({
        kind: 'promotion',
        at: iso(T2),
        actor: 'bob',
        runUrl: RUN(2),
        targetTag: tags[1],
        digest: bad.digest,
        sourceTag: bad.tag,
        version: '1.0.1',
        recorded: true,
      }),
      expect.objectContaining({
        kind: 'rollback',
        at: iso(T3),
        actor: 'carol',
        runUrl: RUN(3),
        targetTag: tags[2],
        digest: good.digest,
        sourceTag: tags[0],
        version: '1.0.0',
        recorded: true,
      }),
    ]);
    expect(history.map((h) => h.release?.tag)).toEqual(['v1.0.0', 'v1.0.1', 'v1.0.0']);

    const mermaid = historyMermaid(history);
    expect(mermaid.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid).toMatch(/-->\|"promotion · alice · [0-9-]+ [0-9:]+ UTC"\|/);
    expect(mermaid).toMatch(/-\.->\|"rollback · carol · [0-9-]+ [0-9:]+ UTC"\|/);
    expect(mermaid).toContain('(["v1.0.1"])');

    // only staging deliveries: there are none
    expect(
      await promotionHistory(w.image, { github: w.github, repository: w.repository, environment: 'staging' }),
    ).toEqual([]);
  });

  it('lists a production tag no release records, as unrecorded', async () => {
    const { w, good } = await shipped();
    const byHand = `production-v1.0.0-${good.commit.slice(0, 7)}-${T3 + 500}`;
    await w.pushTag(byHand, good.digest);
    const history = await promotionHistory(w.image, { github: w.github, repository: w.repository, clients: w.clients });
    expect(history.at(-1)).toEqual(
      expect.objectContaining({ targetTag: byHand, recorded: false, at: iso(T3 + 500), environment: 'production' }),
    );
    expect(historyMermaid(history)).toContain('unrecorded');
  });
});

describe('audit', () => {
  it('finds nothing wrong after promotions and a rollback', async () => {
    const { w } = await shipped();
    const before = await w.state();
    const result = await auditImage(w.image, { clients: w.clients, github: w.github, repository: w.repository });
    expect(result).toEqual({ image: w.image, targetTags: 3, releases: 2, violations: [] });
    expect(await w.state()).toEqual(before);
  });

  it('names a production image that no staging tag carries, and a recorded tag that moved or is gone', async () => {
    const { w, good, bad, tags } = await shipped();
    // A rebuild pushed straight to production: a new image under a production tag of v1.0.1's commit.
    const rebuilt = await w.pushBuild({
      env: 'production',
      version: '1.0.1',
      ts: T3 + 100,
      commit: bad.commit,
      seed: 'rebuilt',
    });
    // The first production tag of v1.0.0 moved by hand to v1.0.1's digest.
    await w.pushTag(tags[0], bad.digest);
    const result = await auditImage(w.image, { clients: w.clients, github: w.github, repository: w.repository });
    const byKind = (kind: string) => result.violations.filter((v) => v.kind === kind);
    expect(byKind('not-promoted').map((v) => [v.tag, v.digest])).toEqual(
      expect.arrayContaining([
        [rebuilt.tag, rebuilt.digest],
        // the moved tag now holds v1.0.1's image, which no staging tag of v1.0.0 carries
        [tags[0], bad.digest],
      ]),
    );
    expect(byKind('not-promoted')).toHaveLength(2);
    expect(byKind('not-promoted').find((v) => v.tag === rebuilt.tag)!.message).toContain(
      'it was rebuilt or pushed by hand',
    );
    expect(byKind('moved')).toEqual([
      expect.objectContaining({ tag: tags[0], digest: bad.digest, expected: good.digest, release: 'v1.0.0' }),
      // the rollback's source was that same tag
      expect.objectContaining({ tag: tags[0], digest: bad.digest, expected: good.digest, release: 'v1.0.0' }),
    ]);
    expect(byKind('missing')).toEqual([]);
  });
});

describe('gitops-promote history and audit', () => {
  function io(w: ReleaseWorld) {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIO = {
      readStdin: async () => '',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: {
        GH_TOKEN: w.token,
        GITHUB_API_URL: w.standIn.url,
        GITHUB_REPOSITORY: 'acme/backend',
        HOME: '/nonexistent',
        DOCKER_CONFIG: '/nonexistent',
      },
      nowSeconds: () => T3 + 1000,
    };
    return { cli, out, err };
  }

  it('history prints one line a delivery; --mermaid draws it; audit exits 0, then 1 naming a rebuilt image', async () => {
    const { w, good, tags } = await shipped();
    const h = io(w);
    expect(await runCli(['history', '--image', w.image, '--env', 'production'], h.cli)).toBe(0);
    expect(h.err).toEqual([]);
    expect(h.out).toHaveLength(3);
    expect(h.out[2]).toBe(
      `${iso(T3).replace('T', ' ').replace('Z', ' UTC')}  rollback   carol  ${tags[2]} from ${tags[0]}  ${good.digest}  v1.0.0  ${RUN(3)}`,
    );

    const m = io(w);
    expect(await runCli(['history', '--image', w.image, '--mermaid'], m.cli)).toBe(0);
    expect(m.out[0]!.split('\n')[0]).toBe('flowchart LR');

    const a = io(w);
    expect(await runCli(['audit', '--image', w.image], a.cli)).toBe(0);
    expect(a.out).toEqual([`no violations: 3 production tags checked against staging, 2 releases`]);

    const rebuilt = await w.pushBuild({ env: 'production', version: '1.0.1', ts: T3 + 100, seed: 'rebuilt' });
    const b = io(w);
    expect(await runCli(['audit', '--image', w.image], b.cli)).toBe(1);
    expect(b.out[0]).toBe(
      `not-promoted: ${w.image}:${rebuilt.tag} (${rebuilt.digest}) was not promoted from staging: no staging-v1.0.1-${rebuilt.commit.slice(0, 7)}-… tag exists; it was rebuilt or pushed by hand`,
    );
    expect(b.out.at(-1)).toBe('1 violations: 4 production tags checked against staging, 2 releases');
  });

  it('history without --image, a repository or a token: one usage error naming all three', async () => {
    const t = {
      out: [] as string[],
      err: [] as string[],
    };
    const cli: CliIO = {
      readStdin: async () => '',
      out: (l) => t.out.push(l),
      err: (l) => t.err.push(l),
      env: {},
      nowSeconds: () => T3,
    };
    expect(await runCli(['history'], cli)).toBe(2);
    expect(t.err).toHaveLength(1);
    for (const name of ['--image', '--repository', 'GH_TOKEN or GITHUB_TOKEN']) expect(t.err[0]).toContain(name);
  });
});
