import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot } from '../support/run-bundle.js';
import { runComposite } from '../support/run-composite.js';
import { runCliBundle, userEnv, type CliResult } from '../support/run-cli.js';

/*
 * Issue 8 "One implementation": action-promote (the composite, run step by step as the runner runs
 * it) and `gitops-promote promote` (dist/cli) run the same code, so for the same scenario they leave
 * the same registry and GitHub state and give the same account, refusals included.
 */

let dockerConfig: string;
beforeAll(() => {
  dockerConfig = mkdtempSync(join(tmpdir(), 'promote-one-'));
});
afterAll(() => rmSync(dockerConfig, { recursive: true, force: true }));

const worlds: ReleaseWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.stop();
});

function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCliBundle(args, { env: { ...userEnv(), DOCKER_CONFIG: dockerConfig, ...env } });
}

/** Two identical worlds: the same commits, builds and digests (the stand-in's shas and the images' bytes are seeded). */
async function twoWorlds(setup: (w: ReleaseWorld) => Promise<void>): Promise<[ReleaseWorld, ReleaseWorld]> {
  const a = await startReleaseWorld();
  worlds.push(a);
  const b = await startReleaseWorld();
  worlds.push(b);
  await setup(a);
  await setup(b);
  return [a, b];
}

/** What differs between two runs by nature: the registry's port, the clock (ts, promotedAt), release ids, URLs of the run. */
function normalise(text: string): string {
  return text
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
    .replace(/(production-v\d+\.\d+\.\d+-[0-9a-f]+-)\d{10}/g, '$1TS')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'TIME')
    .replace(/https:\/\/github\.com\/acme\/backend\/actions\/runs\/\d+/g, 'RUN');
}

async function normalisedState(w: ReleaseWorld): Promise<string> {
  return normalise(JSON.stringify(await w.state()));
}

const viaAction = (w: ReleaseWorld, inputs: Record<string, string>) =>
  runComposite(`${repoRoot}/action-promote`, {
    inputs: { image: w.image, ...inputs },
    github: { repository: 'acme/backend', run_id: '42', token: w.token, api_url: w.standIn.url },
    env: { DOCKER_CONFIG: dockerConfig },
  });

const viaCli = (w: ReleaseWorld, flags: string[]) =>
  cli(['promote', '--image', w.image, '--json', ...flags], {
    GITHUB_TOKEN: w.token,
    GITHUB_API_URL: w.standIn.url,
    GITHUB_REPOSITORY: 'acme/backend',
    GITHUB_RUN_ID: '42',
    // the actor the runner names (runnerEnv's GITHUB_ACTOR), as a CI system would set it for the CLI
    GITHUB_ACTOR: 'octocat',
  });

describe('action-promote and gitops-promote promote are one implementation', () => {
  it.each([
    ['a promotion', {}, []],
    ['a dry run', { 'dry-run': 'true' }, ['--dry-run']],
    [
      'a promotion without moving the alias, bump minor',
      { 'move-alias': 'false', bump: 'minor' },
      ['--no-move-alias', '--bump', 'minor'],
    ],
  ] as [string, Record<string, string>, string[]][])(
    '%s: the same state and the same account',
    async (_name, inputs, flags) => {
      const [a, b] = await twoWorlds(async (w) => {
        await w.pushBuild({ version: '1.2.3', ts: 1_700_000_000, seed: 'first' });
        await w.pushBuild({ version: '1.2.4', ts: 1_700_000_060, seed: 'second' });
      });
      expect(await normalisedState(a)).toEqual(await normalisedState(b));

      const action = await viaAction(a, inputs);
      const command = await viaCli(b, flags);
      expect(action.errors).toEqual([]);
      expect([action.code, command.code]).toEqual([0, 0]);
      expect(await normalisedState(a)).toEqual(await normalisedState(b));
      expect(normalise(action.outputs.account)).toEqual(normalise(JSON.stringify(JSON.parse(command.stdout))));
    },
  );

  it('a refusal (the version was released from another commit): the same account, nothing changed in either', async () => {
    const [a, b] = await twoWorlds(async (w) => {
      await w.pushBuild({ version: '1.2.4', ts: 1_700_000_060, seed: 'second' });
      w.standIn.addTag('v1.2.4', w.standIn.addCommit());
    });
    const before = await normalisedState(a);
    const action = await viaAction(a, {});
    const command = await viaCli(b, []);
    expect([action.code, command.code]).toEqual([1, 1]);
    expect(await normalisedState(a)).toEqual(before);
    expect(await normalisedState(b)).toEqual(before);
    expect(action.errors).toHaveLength(1);
    const account = JSON.parse(action.outputs.account);
    expect(account.result).toBe('refused');
    expect(normalise(command.stderr)).toContain(normalise(`gitops-promote promote: ${account.error.message}`));
    expect(normalise(action.outputs.account)).toEqual(normalise(JSON.stringify(JSON.parse(command.stdout))));
  });
});
