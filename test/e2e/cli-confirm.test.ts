/**
 * `promote` at a terminal says what it will change and asks first (issue 12): run by hand it skips
 * the workflow's environment reviewers. --yes skips the question, no terminal (CI) asks nothing,
 * and "no" changes nothing. In-process with a scripted terminal, and through the bundle on a real
 * pseudo-terminal (util-linux `script`). Also GH_TOKEN beside GITHUB_TOKEN and retag --dry-run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot } from '../support/run-bundle.js';
import { runCliBundle } from '../support/run-cli.js';

let world: ReleaseWorld;
let build: Build;
let env: Record<string, string>;
beforeEach(async () => {
  world = await startReleaseWorld();
  build = await world.pushBuild({ version: '1.2.4', ts: 1_700_000_000 });
  env = {
    GH_TOKEN: world.token,
    GITHUB_API_URL: world.standIn.url,
    GITHUB_REPOSITORY: 'acme/backend',
    PATH: process.env.PATH ?? '',
    HOME: '/nonexistent',
  };
});
afterEach(async () => world.stop());

function terminal(answer: string | undefined, interactive = true) {
  const out: string[] = [];
  const err: string[] = [];
  const ask = jest.fn(async (question: string) => {
    err.push(question);
    return answer ?? '';
  });
  const io: CliIO = {
    readStdin: async () => '',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    nowSeconds: () => 1_800_000_000,
    interactive,
    ask,
  };
  return { io, out, err, ask };
}

describe('promote at a terminal', () => {
  it('says what it will change, and "no" changes nothing (exit 1)', async () => {
    const before = await world.state();
    const t = terminal('n');
    expect(await runCli(['promote', '--image', world.image], t.io)).toBe(1);
    expect(t.ask).toHaveBeenCalledTimes(1);
    expect(t.out).toEqual([]);
    const target = `production-v1.2.4-${build.commit.slice(0, 7)}-1800000000`;
    expect(t.err).toEqual([
      `About to promote ${world.image}:${build.tag} to production as version 1.2.4:`,
      `  registry: new tag ${world.image}:${target} for ${build.digest}`,
      `  registry: ${world.image}:production moves to ${build.digest}`,
      `  GitHub acme/backend: tag v1.2.4 at ${build.commit}, and the release v1.2.4`,
      '  GitHub acme/backend: the next version 1.2.5, as the tag v1.2.5-next',
      "Run by hand, this does not wait for the required reviewers of the workflow's `environment: production`, if it has any.",
      'Promote? [y/N] ',
      'gitops-promote promote: not confirmed (answered "n"): nothing was changed',
    ]);
    expect(await world.state()).toEqual(before);
    // An empty answer (just Enter) is no as well.
    const enter = terminal('');
    expect(await runCli(['promote', '--image', world.image], enter.io)).toBe(1);
    expect(enter.err.at(-1)).toBe('gitops-promote promote: not confirmed (answered ""): nothing was changed');
    expect(await world.state()).toEqual(before);
  });

  it('"yes" promotes what was shown', async () => {
    const t = terminal('yes');
    expect(await runCli(['promote', '--image', world.image], t.io)).toBe(0);
    const tags = await world.tagDigests();
    expect(tags.production).toBe(build.digest);
    expect(tags[`production-v1.2.4-${build.commit.slice(0, 7)}-1800000000`]).toBe(build.digest);
    expect(world.standIn.state.refs.get('refs/tags/v1.2.4')).toBe(build.commit);
  });

  it('--yes (or -y) skips the question', async () => {
    const t = terminal(undefined);
    expect(await runCli(['promote', '--image', world.image, '-y'], t.io)).toBe(0);
    expect(t.ask).not.toHaveBeenCalled();
    expect((await world.tagDigests()).production).toBe(build.digest);
  });

  it('asks nothing without a terminal (CI), nor for a dry run', async () => {
    const dry = terminal(undefined);
    expect(await runCli(['promote', '--image', world.image, '--dry-run'], dry.io)).toBe(0);
    expect(dry.ask).not.toHaveBeenCalled();
    const ci = terminal(undefined, false);
    expect(await runCli(['promote', '--image', world.image], ci.io)).toBe(0);
    expect(ci.ask).not.toHaveBeenCalled();
    expect((await world.tagDigests()).production).toBe(build.digest);
  });

  it('on a real terminal, through the bundle: "n" changes nothing', async () => {
    const before = await world.state();
    const r = await onTerminal(['promote', '--image', world.image], env, 'n');
    expect(r.output).toContain('About to promote');
    expect(r.output).toContain('`environment: production`');
    expect(r.output).toContain('not confirmed (answered "n"): nothing was changed');
    expect(r.code).toBe(1);
    expect(await world.state()).toEqual(before);
  });
});

describe('GH_TOKEN and GITHUB_TOKEN through the bundle', () => {
  it('plan runs with GH_TOKEN alone, and GH_TOKEN wins over GITHUB_TOKEN, as in gh', async () => {
    const { GH_TOKEN: token, ...rest } = env;
    const gh = await runCliBundle(['plan', '--image', world.image], { env: { ...rest, GH_TOKEN: token! } });
    expect(gh.stderr).toBe('');
    expect(gh.code).toBe(0);
    const legacy = await runCliBundle(['plan', '--image', world.image], { env: { ...rest, GITHUB_TOKEN: token! } });
    expect(legacy.code).toBe(0);
    // Both set: GH_TOKEN is used, so a wrong GH_TOKEN fails even beside a right GITHUB_TOKEN.
    const both = await runCliBundle(['plan', '--image', world.image], {
      env: { ...rest, GH_TOKEN: 'wrong-token', GITHUB_TOKEN: token! },
    });
    expect(both.code).not.toBe(0);
    expect(both.stderr).not.toContain('wrong-token');
    expect(both.stderr).not.toContain(token!);
  });
});

describe('retag --dry-run', () => {
  it('says "would create", "would move" and "unchanged", and writes nothing', async () => {
    await world.pushTag('production', (await world.pushBuild({ version: '1.2.3', ts: 1_600_000_000 })).digest);
    await world.pushTag('kept', build.digest);
    const before = await world.state();
    const r = await runCliBundle(['retag', '--dry-run', `${world.image}:${build.tag}`, 'production', 'kept', 'fresh'], {
      env,
    });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^would move ${world.image}:production \\(was sha256:[0-9a-f]{64}\\)$`)),
      `unchanged ${world.image}:kept`,
      `would create ${world.image}:fresh`,
      `digest ${build.digest}`,
      '',
    ]);
    expect(r.stderr).toBe('dry run: nothing was written\n');
    expect(await world.state()).toEqual(before);
  });
});

/** The bundle on a pseudo-terminal (stdin and stdout TTYs), answering `answer` to its question. */
function onTerminal(args: string[], env: Record<string, string>, answer: string) {
  const command = ['node', join(repoRoot, 'dist', 'cli', 'index.js'), ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString('utf8');
      if (!answered && output.includes('Promote? [y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
