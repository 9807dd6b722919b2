import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { runCliBundle, userEnv, type CliResult } from '../support/run-cli.js';

const STAGING_TS = 1_700_000_000;
let dockerConfig: string;

beforeAll(() => {
  dockerConfig = mkdtempSync(join(tmpdir(), 'cli-promote-docker-'));
});
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

/** dist/cli/index.js as a person or another CI system runs it. */
function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCliBundle(args, { env: { ...userEnv(), DOCKER_CONFIG: dockerConfig, ...env } });
}

describe('gitops-promote plan, promote and status', () => {
  let world: ReleaseWorld;
  let older: Build;
  let newer: Build;
  let env: Record<string, string>;
  beforeEach(async () => {
    world = await startReleaseWorld();
    older = await world.pushBuild({ version: '1.2.3', ts: STAGING_TS });
    newer = await world.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
    env = { GITHUB_TOKEN: world.token, GITHUB_API_URL: world.standIn.url, GITHUB_REPOSITORY: 'acme/backend' };
  });
  afterEach(async () => world.stop());

  it('plan prints the plan and changes nothing', async () => {
    const before = await world.state();
    const human = await cli(['plan', '--image', world.image], env);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Plan (nothing changed):');
    expect(lines[1]).toBe(`  Promote ${world.image}:${newer.tag} (what Flux's staging policy picks) to production`);
    expect(human.stdout).toContain(
      `  Step 3: create tag v1.2.4 at ${newer.commit}, then the release v1.2.4 with the lineage`,
    );

    const json = await cli(['plan', '--image', world.image, '--source', older.tag, '--bump', 'minor', '--json'], env);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({
      sourceTag: older.tag,
      sourceKind: 'tag',
      digest: older.digest,
      commit: older.commit,
      version: '1.2.3',
      releaseState: 'new',
      nextVersion: '1.3.0',
      nextVersionTag: 'v1.3.0-next',
    });
    expect(parseImmutableTag(plan.targetTag)).toMatchObject({ env: 'production', version: '1.2.3' });
    expect(await world.state()).toEqual(before);
  });

  it('promote --dry-run changes nothing; promote ships; status shows what each environment runs', async () => {
    const before = await world.state();
    const dry = await cli(['promote', '--image', world.image, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe('Dry run: promotion of v1.2.4 to production (nothing changed)');
    expect(await world.state()).toEqual(before);

    const r = await cli(['promote', '--image', world.image, '--repository', 'acme/backend', '--json'], env);
    expect(r.code).toBe(0);
    const { plan, outcome, result } = JSON.parse(r.stdout);
    expect(result).toBe('promoted');
    const tags = await world.tagDigests();
    expect(tags[plan.targetTag]).toBe(newer.digest);
    expect(tags.production).toBe(newer.digest);
    expect(outcome.retag.targets.map((t: { state: string }) => t.state)).toEqual(['created', 'created']);
    expect(outcome.release.state).toBe('created');
    expect(outcome.next).toEqual({ tag: 'v1.2.5-next', state: 'created' });
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(newer.commit);
    const release = world.standIn.state.releases.find((x) => x.tag_name === 'v1.2.4')!;
    expect(parseLineage(release.body)).toMatchObject({
      digest: newer.digest,
      targetTag: plan.targetTag,
      commit: newer.commit,
    });

    const again = await cli(['promote', '--image', world.image], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('v1.2.4 was promoted to production already: nothing to do');
    expect(again.stdout).toMatch(new RegExp(`immutable tag +unchanged +${plan.targetTag} → ${newer.digest}`));
    expect(again.stdout).toMatch(/release +unchanged +v1\.2\.4 unchanged \(/);
    expect(again.stdout).toMatch(/next version +unchanged +v1\.2\.5-next/);
    expect(again.stdout).toContain(`Flux production: ${plan.targetTag}`);

    const status = await cli(
      ['status', '--image', world.image, '--env', 'staging', '--env', 'production', '--json'],
      env,
    );
    expect(status.code).toBe(0);
    const tagged = (tag: string) => new Date(Number(tag.split('-').pop()) * 1000).toISOString();
    expect(JSON.parse(status.stdout)).toEqual([
      {
        environment: 'staging',
        tag: newer.tag,
        digest: newer.digest,
        version: '1.2.4',
        commit: newer.commit,
        taggedAt: tagged(newer.tag),
        ties: [],
        alias: { tag: 'staging', digest: newer.digest, drift: false },
      },
      {
        environment: 'production',
        tag: plan.targetTag,
        digest: newer.digest,
        version: '1.2.4',
        commit: newer.commit,
        taggedAt: tagged(plan.targetTag),
        ties: [],
        alias: { tag: 'production', digest: newer.digest, drift: false },
      },
    ]);
    // develop has nothing: exit 1, so that "nothing" is never read as "fine"
    const human = await cli(['status', '--image', world.image], env);
    expect(human.code).toBe(1);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^develop {5}nothing: no develop-v… tag among the \d+ tags of \S+: nothing was built or promoted to develop, or the environment name is wrong$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^staging {5}${newer.tag}  ${newer.digest}  version 1\\.2\\.4  commit ${newer.commit}  tagged 2023-11-14 \\d\\d:\\d\\d:\\d\\d UTC \\(\\d+ d ago\\)$`,
      ),
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^production  ${plan.targetTag}  ${newer.digest}  version 1\\.2\\.4  commit ${newer.commit}  tagged \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\((just now|\\d+ min ago|in \\d+ min)\\)$`,
      ),
    );
    expect(human.stderr).toBe('');
    const missing = await cli(['status', '--image', `${world.image}-typo`], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('the registry has no repository');
    expect(missing.stderr).toContain('check the image name');
    expect(world.standIn.violations).toEqual([]);
  });

  it('status without a GitHub token shows the short sha from the tag', async () => {
    const r = await cli(['status', '--image', world.image, '--env', 'staging'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `^staging  ${newer.tag}  ${newer.digest}  version 1\\.2\\.4  commit ${newer.commit.slice(0, 7)}  tagged 2023-11-14 [0-9:]{8} UTC \\(\\d+ d ago\\)\\n$`,
      ),
    );
  });

  it('promote refuses a version released from another commit: exit 1, nothing changed', async () => {
    const shipped = world.standIn.addCommit();
    world.standIn.addTag('v1.2.4', shipped);
    const before = await world.state();
    const r = await cli(['promote', '--image', world.image], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gitops-promote promote: Version 1\.2\.4 was already released from commit /);
    expect(r.stderr).toContain(shipped);
    expect(await world.state()).toEqual(before);
  });

  it('plan without GH_TOKEN or GITHUB_TOKEN is a usage error naming both', async () => {
    const r = await cli(['plan', '--image', world.image], { GITHUB_REPOSITORY: 'acme/backend' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "gitops-promote plan: required but not given: GH_TOKEN or GITHUB_TOKEN (a token that can read (plan) or write (promote) the repository's contents, e.g. GH_TOKEN=$(gh auth token))\n",
    );
  });
});
