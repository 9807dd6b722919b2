/**
 * Every flag of every command with hostile values (issue 12, "Every input, one clear error"): each
 * gets exit 2 and one error line naming the flag as it was typed, with the value quoted and cut and
 * no control character reaching stderr raw, and nothing is written (the registry's tags and the
 * GitHub stand-in's refs and releases are compared before and after). A few values are valid for
 * a flag (a pattern may begin with "-"): those are listed, and must not be a usage error.
 * The table runs in-process through runCli; a forged `::error::` line is also tried on the bundle.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import { USAGE } from '../../packages/cli/usage.js';
import { startReleaseWorld, type Build, type ReleaseWorld, type WorldState } from '../support/release-world.js';
import { runCliBundle } from '../support/run-cli.js';

const HOSTILE: Record<string, string> = {
  empty: '',
  '10 KB': 'a'.repeat(10 * 1024),
  'newline + ::error::': 'x\n::error::forged',
  'non-ASCII': 'prodüction-ü',
  '-x': '-x',
  spaces: 'a b c',
};

/** Flags whose help line names them, per command: the table covers what the help promises. */
function flagsOf(command: keyof typeof USAGE): string[] {
  return [...new Set(USAGE[command].match(/--[a-z][a-z-]*/g) ?? [])].filter((f) => f !== '--help');
}

const BOOLEAN = new Set([
  '--json',
  '--verbose',
  '--password-stdin',
  '--dry-run',
  '--no-notes',
  '--no-move-alias',
  '--yes',
  '--force',
  '--offline',
]);

/** Values that are valid for a flag, so not a usage error (and still nothing written). */
const VALID: Record<string, string[]> = {
  'latest --pattern': ['-x', 'a b c', 'prodüction-ü'],
  'latest --extract': ['-x', 'a b c', 'prodüction-ü'],
};
/**
 * Known gaps, outside the CLI's own checks: the kit (packages/gitops) takes a branch named "-x",
 * which git refuses (git check-ref-format). Run as failing tests: they pass once the gap is closed.
 */
const KNOWN_GAPS = new Set(['flux --git-branch -x']);
/** Not run: a valid value would write files (a relative folder named -x) outside the test's folder. */
const NOT_RUN = new Set(['flux --out -x', 'flux --out a b c', 'flux --out prodüction-ü']);

let world: ReleaseWorld;
let build: Build;
let gitops: string;
let env: Record<string, string>;
const tagsOnStdin = 'staging-v1.0.0-abcdef0-1738860123\nstaging-v1.0.1-1234567-1738860999\n';

beforeAll(async () => {
  world = await startReleaseWorld();
  build = await world.pushBuild({ version: '1.2.3', ts: 1_700_000_000 });
  gitops = await mkdtemp(join(tmpdir(), 'cli-hostile-gitops-'));
  env = {
    GH_TOKEN: world.token,
    GITHUB_API_URL: world.standIn.url,
    GITHUB_REPOSITORY: 'acme/backend',
    PATH: process.env.PATH ?? '',
    HOME: '/nonexistent',
  };
});
afterAll(async () => {
  await world?.stop();
  if (gitops) await rm(gitops, { recursive: true, force: true });
});

/** Valid arguments around the flag under test, so that the flag is the only thing wrong. */
function baseArgs(command: string, flag: string): string[] {
  const image = world.image;
  const without = (args: string[], ...names: string[]) => {
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (names.includes(args[i]!)) i += BOOLEAN.has(args[i]!) ? 0 : 1;
      else out.push(args[i]!);
    }
    return out;
  };
  switch (command) {
    case 'tags':
      return without(['--env', 'staging', '--version', '1.0.0', '--sha', 'abcdef0'], flag);
    case 'latest':
      return flag === '--username' ? ['--image', image] : [];
    case 'plan':
    case 'status':
      return without(['--image', image], flag);
    case 'promote':
      return without(['--image', image, '--yes'], flag);
    case 'retag':
      return [`${image}:${build.tag}`, 'production'];
    case 'flux': {
      // --offline, except where the registry's credentials are the flag under test.
      const offline = flag === '--username' || flag === '--password-stdin' ? [] : ['--offline'];
      return without(
        ['--image', image, '--name', 'backend', ...offline, '--git-url', 'ssh://git@example.com/acme/gitops.git'],
        flag,
      );
    }
    case 'verify':
      return without(['--gitops', gitops, '--image', image], flag);
    default:
      throw new Error(command);
  }
}

async function run(argv: string[], stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    readStdin: async () => stdin,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    nowSeconds: () => 1_800_000_000,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const COMMANDS = ['tags', 'latest', 'plan', 'promote', 'status', 'retag', 'flux', 'verify'] as const;
const cases: [string, string, string, string][] = [];
const gaps: [string, string, string, string][] = [];
for (const command of COMMANDS) {
  for (const flag of flagsOf(command)) {
    for (const [label, value] of Object.entries(HOSTILE)) {
      const key = `${command} ${flag} ${value}`;
      if (KNOWN_GAPS.has(key)) gaps.push([command, flag, label, value]);
      else if (!NOT_RUN.has(key)) cases.push([command, flag, label, value]);
    }
  }
}

describe('every CLI flag with hostile values', () => {
  it('covers every flag the help of each command names', () => {
    expect(flagsOf('promote')).toEqual(
      expect.arrayContaining([
        '--image',
        '--from-env',
        '--to-env',
        '--yes',
        '--username',
        '--verbose',
        '--time-budget',
      ]),
    );
    expect(flagsOf('latest')).toEqual(
      expect.arrayContaining(['--pattern', '--username', '--password-stdin', '--verbose']),
    );
    expect(cases.length).toBeGreaterThan(400);
  });

  it.each(cases)('%s %s %s: exit 2, one line naming the flag, nothing written', refused);
  it.failing.each(gaps)('known gap: %s %s %s', refused);
});

async function refused(command: string, flag: string, _label: string, value: string): Promise<void> {
  const before: WorldState = await world.state();
  const args = BOOLEAN.has(flag)
    ? [...baseArgs(command, flag), `${flag}=${value}`]
    : [...baseArgs(command, flag), flag, value];
  const stdin = command === 'latest' ? tagsOnStdin : '';
  const r = await run([command, ...args], stdin);
  for (const line of r.err) expect(line).not.toMatch(/[\n\r]/);
  expect(r.err.join('\n')).not.toContain(world.token);
  if (VALID[`${command} ${flag}`]?.includes(value)) {
    expect(r.code).not.toBe(2);
  } else {
    expect({ code: r.code, out: r.out, lines: r.err.length }).toEqual({ code: 2, out: [], lines: 1 });
    // The flag is the error's subject: "--env: …", or parseArgs' "Option '--json' does not take an argument".
    const subject = r.err[0]!.slice(`gitops-promote ${command}: `.length);
    expect(r.err[0]!.startsWith(`gitops-promote ${command}: `)).toBe(true);
    const named = subject.startsWith(`${flag}: `) || new RegExp(`^Option '(-[a-z], )?${flag}'`).test(subject);
    expect(named ? flag : subject).toBe(flag);
    // The value is quoted and cut: never 10 KB on one line.
    expect(r.err[0]!.length).toBeLessThan(2000);
  }
  expect(await world.state()).toEqual(before);
  expect(await readdir(gitops)).toEqual([]);
}

describe('a forged workflow command in a value, through the bundle', () => {
  it.each([
    ['latest', '--extract'],
    ['latest', '--order'],
    ['tags', '--env'],
    ['plan', '--from-env'],
    ['retag', '--username'],
  ])('%s %s: one line on stderr, the newline escaped', async (command, flag) => {
    const before = await world.state();
    const args =
      command === 'retag'
        ? [`${world.image}:${build.tag}`, 'production', flag, 'x\n::error::forged']
        : [
            ...baseArgs(command, flag),
            ...(command === 'latest' ? ['--env', 'staging'] : []),
            flag,
            'x\n::error::forged',
          ];
    const r = await runCliBundle([command, ...args], { env, stdin: tagsOnStdin });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^::error::/m);
    expect(r.stderr).toContain(`${flag}: "x\\n::error::forged" is not accepted`);
    expect(await world.state()).toEqual(before);
  });
});
