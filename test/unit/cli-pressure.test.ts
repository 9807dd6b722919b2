/**
 * The CLI for people under pressure (issue 12): --version, help per command, -h only where a flag
 * stands, every missing flag at once, GH_TOKEN beside GITHUB_TOKEN, nothing on stdin for `latest`,
 * and errors that quote, cut and escape values and hide secrets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import { githubToken, safeLine, type CliIO } from '../../packages/cli/io.js';
import { USAGE } from '../../packages/cli/usage.js';
import { InputError, quoteValue } from '../../packages/common/errors.js';
import { repoRoot } from '../support/run-bundle.js';

function io(opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = {
    readStdin: async () => opts.stdin ?? '',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: opts.env ?? {},
    nowSeconds: () => 1738860123,
  };
  return { cli, out, err };
}

async function run(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const t = io(opts);
  const code = await runCli(argv, t.cli);
  return { code, out: t.out, err: t.err };
}

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

describe('--version', () => {
  it.each([['--version'], ['-V'], ['version']])('%s prints the package version, exit 0', async (arg) => {
    expect(await run([arg])).toEqual({ code: 0, out: [`gitops-promote ${version}`], err: [] });
  });

  it('leaves --version of tags, plan and promote to those commands (a release version)', async () => {
    const r = await run(['tags', '--env', 'staging', '--version', '2.0.0', '--sha', 'abcdef0']);
    expect(r.out[1]).toBe('staging-v2.0.0-abcdef0-1738860123');
  });
});

describe('help', () => {
  it('help alone prints every command', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    for (const text of Object.values(USAGE)) expect(r.out[0]).toContain(text);
  });

  it.each(Object.keys(USAGE))('help %s, --help and -h print that command only, with examples', async (command) => {
    const usage = USAGE[command as keyof typeof USAGE];
    expect(usage.slice(usage.indexOf('\n  Examples:\n'))).toContain(`gitops-promote ${command} `);
    for (const argv of [
      ['help', command],
      [command, '--help'],
      [command, '-h'],
    ]) {
      expect(await run(argv)).toEqual({ code: 0, out: [usage], err: [] });
    }
  });

  it('help of an unknown command is a usage error', async () => {
    // Every command of the table is named, whatever commands are added to it.
    const commands = (await run(['help'])).out[0]!.match(/^gitops-promote [a-z]+/gm)!.map((l) => l.split(' ')[1]);
    expect(commands).toEqual(expect.arrayContaining(Object.keys(USAGE)));
    expect(await run(['help', 'deploy'])).toEqual({
      code: 2,
      out: [],
      err: [`gitops-promote: unknown command "deploy". Accepted: ${[...new Set(commands)].join(', ')}, help, version`],
    });
  });

  it('--help wins over other mistakes on the line, as long as it stands where a flag may', async () => {
    expect((await run(['tags', '--bogus', '--help'])).out).toEqual([USAGE.tags]);
    expect((await run(['plan', '--help', '--image'])).out).toEqual([USAGE.plan]);
  });

  it('latest --pattern -h takes -h as the pattern, not as help', async () => {
    const r = await run(['latest', '--pattern', '-h', '--policy', 'alphabetical'], { stdin: 'a-h\n-h\nb\n' });
    expect(r).toEqual({ code: 0, out: ['a-h'], err: [] });
    const help = await run(['latest', '-h', '--pattern', 'x']);
    expect(help.out).toEqual([USAGE.latest]);
  });

  it('after -- a -h is an argument (retag SOURCE TAG), not help', async () => {
    const r = await run(['retag', '--', '-h']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'gitops-promote retag: retag needs a SOURCE and at least one TAG (gitops-promote help retag): got no TAG',
    ]);
  });

  it('plan, promote, status, latest and retag list --username, --password-stdin and --verbose', () => {
    for (const command of ['plan', 'promote', 'status', 'latest', 'retag'] as const) {
      for (const flag of ['--username', '--password-stdin', '--verbose']) expect(USAGE[command]).toContain(flag);
    }
    for (const command of ['plan', 'promote', 'status'] as const) expect(USAGE[command]).toContain('GH_TOKEN');
  });

  it("promote's help says it asks at a terminal, --yes, and the bypassed environment reviewers", () => {
    expect(USAGE.promote).toContain('--yes');
    expect(USAGE.promote).toContain('environment: production');
  });
});

describe('required flags', () => {
  it('tags reports every missing flag in one error', async () => {
    expect(await run(['tags'])).toEqual({
      code: 2,
      out: [],
      err: [
        'gitops-promote tags: required but not given: --env (an environment name [a-z][a-z0-9]*, e.g. staging); --version (a version X.Y.Z, e.g. 1.4.2); --sha (a commit sha, 7 to 40 hex characters)',
      ],
    });
    const some = await run(['tags', '--version', '1.0.0']);
    expect(some.err).toEqual([
      expect.stringMatching(/^gitops-promote tags: required but not given: --env \(.*\); --sha \(/),
    ]);
  });

  it('plan and promote report --image, --repository and the token at once', async () => {
    for (const command of ['plan', 'promote']) {
      const r = await run([command]);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([
        `gitops-promote ${command}: required but not given: --image (an image name without tag, e.g. ghcr.io/acme/backend); ` +
          '--repository (owner/name of the service repository, or set GITHUB_REPOSITORY); ' +
          "GH_TOKEN or GITHUB_TOKEN (a token that can read (plan) or write (promote) the repository's contents, e.g. GH_TOKEN=$(gh auth token))",
      ]);
    }
  });

  it('status needs --image', async () => {
    expect((await run(['status'])).err).toEqual([
      'gitops-promote status: required but not given: --image (an image name without tag, e.g. ghcr.io/acme/backend)',
    ]);
  });

  it('flux reports --image, --name and --git-url at once', async () => {
    const r = await run(['flux', '--out', '/nonexistent/gitops-kit']);
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        'gitops-promote flux: required but not given: --image (an image name without tag, e.g. ghcr.io/acme/backend); ' +
          '--name (the application name, e.g. backend); ' +
          '--git-url (the URL the automations push to, e.g. ssh://git@github.com/acme/gitops.git (default: the "origin" remote of --out, or of the current folder); /nonexistent/gitops-kit has no git remote "origin")',
      ],
    });
    // --git-url is missing only when no "origin" gives it: with it, the flags still missing are named.
    const some = await run(['flux', '--name', 'backend', '--git-url', 'ssh://git@github.com/acme/gitops.git']);
    expect(some.err).toEqual([
      'gitops-promote flux: required but not given: --image (an image name without tag, e.g. ghcr.io/acme/backend)',
    ]);
    expect(some.code).toBe(2);
  });

  it('verify reports --gitops and --image at once, before looking at the folder', async () => {
    expect(await run(['verify'])).toEqual({
      code: 2,
      out: [],
      err: [
        'gitops-promote verify: required but not given: --gitops (a folder: a checkout of the GitOps repository, e.g. .); ' +
          '--image (an image name without tag, e.g. ghcr.io/acme/backend)',
      ],
    });
    expect((await run(['verify', '--gitops', '/nonexistent/gitops'])).err).toEqual([
      'gitops-promote verify: required but not given: --image (an image name without tag, e.g. ghcr.io/acme/backend)',
    ]);
  });

  it.each([
    ['flux', '--image'],
    ['flux', '--name'],
    ['verify', '--gitops'],
    ['verify', '--image'],
  ])('%s %s "": an empty value is refused naming the flag, not taken as missing', async (command, flag) => {
    const r = await run([command, flag, '']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      expect.stringMatching(
        new RegExp(`^gitops-promote ${command}: ${flag}: "" is not accepted: it is empty\\. Accepted: `),
      ),
    ]);
  });

  it('an empty value is refused naming the flag, not taken as missing', async () => {
    const r = await run(['status', '--image', '']);
    expect(r.err).toEqual([
      'gitops-promote status: --image: "" is not accepted: it is empty. Accepted: an image name without tag, e.g. ghcr.io/acme/backend',
    ]);
  });
});

describe('flags named as typed', () => {
  const env = { GH_TOKEN: 'gh-token-value', GITHUB_REPOSITORY: 'acme/backend' };
  it.each([
    [['--from-env', 'Staging'], '--from-env: "Staging" is not accepted: it has upper-case letters.'],
    [['--to-env', 'pre-prod'], '--to-env: "pre-prod" is not accepted: it contains "-"'],
    [
      ['--to-env', 'staging'],
      '--to-env: "staging" is not accepted. Accepted: an environment other than --from-env (staging)',
    ],
    [['--bump', 'huge'], '--bump: "huge" is not accepted. Accepted: patch, minor, major, none'],
    [['--source', 'nope'], '--source: "nope" is not accepted: it is not an immutable tag of staging or production.'],
    [['--version', '1.2'], '--version: "1.2" is not accepted'],
  ])('plan %j', async (flags, expected) => {
    const r = await run(['plan', '--image', '127.0.0.1:9/acme/backend', ...flags], { env });
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`gitops-promote plan: ${expected}`);
  });

  it('plan --image with a tag points at --source', async () => {
    const r = await run(['plan', '--image', '127.0.0.1:9/acme/backend:staging'], { env });
    expect(r.err).toEqual([
      'gitops-promote plan: --image: "127.0.0.1:9/acme/backend:staging" is not accepted: give the tag or digest to promote with --source. Accepted: an image name without tag or digest, e.g. ghcr.io/acme/backend',
    ]);
  });

  it('status --env names --env', async () => {
    const r = await run(['status', '--image', '127.0.0.1:9/acme/backend', '--env', 'Prod']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^gitops-promote status: --env: "Prod" is not accepted: it has upper-case letters/);
  });

  it('a long environment name is refused naming --env, not the tag it would make', async () => {
    const r = await run(['tags', '--env', 'a'.repeat(600), '--version', '1.0.0', '--sha', 'abcdef0']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(
      /^gitops-promote tags: --env: "a{512}…" \(600 characters\) is not accepted: it has 600 characters, more than 24, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag\./,
    );
  });

  // Bounded so that every tag made fits the OCI limit: a name that fits the grammar is refused
  // naming the flag, before anything is read (the registry at 127.0.0.1:9 is never asked).
  it.each([
    ['plan', '--to-env', 'e'.repeat(25)],
    ['promote', '--to-env', 'e'.repeat(200)],
    ['plan', '--from-env', 'e'.repeat(4096)],
  ])('%s %s with %#: a long environment name names the flag', async (command, flag, name) => {
    const yes = command === 'promote' ? ['--yes'] : [];
    const r = await run([command, '--image', '127.0.0.1:9/acme/backend', flag, name, ...yes], { env });
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      new RegExp(
        `^gitops-promote ${command}: ${flag}: "e{${Math.min(name.length, 512)}}${name.length > 512 ? `…" \\(${name.length} characters\\)` : '"'} is not accepted: it has ${name.length} characters, more than 24, so the immutable tag`,
      ),
    );
  });

  it('a 10 KB --to-env is refused naming --to-env', async () => {
    const r = await run(['plan', '--image', '127.0.0.1:9/acme/backend', '--to-env', 'e'.repeat(10 * 1024)], { env });
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      expect.stringMatching(/^gitops-promote plan: --to-env: "e{512}…" \(10240 characters\) is not accepted: /),
    ]);
    expect(r.err[0]!.length).toBeLessThan(2000);
  });

  it('--username without a password names --username before the registry is asked', async () => {
    const r = await run(['latest', '--env', 'staging', '--image', '127.0.0.1:9/acme/backend', '--username', 'ci']);
    expect(r.err).toEqual([
      'gitops-promote latest: --username: "ci" is not accepted: no password is given. Accepted: a user name together with its password: --password-stdin, or REGISTRY_PASSWORD',
    ]);
    const empty = await run(['retag', '--username', 'ci', '--password-stdin', '127.0.0.1:9/a:b', 'c']);
    expect(empty.err).toEqual([
      'gitops-promote retag: --password-stdin: *** is not accepted: standard input is empty. Accepted: a password or token on standard input, e.g. echo "$TOKEN" | gitops-promote … --username U --password-stdin',
    ]);
  });
});

describe('latest with nothing on standard input', () => {
  it.each([[''], ['\n\n']])('%j is a usage error, exit 2', async (stdin) => {
    const r = await run(['latest', '--env', 'staging'], { stdin });
    expect(r).toEqual({
      code: 2,
      out: [],
      err: [
        'gitops-promote latest: no tags on standard input: pipe the tags in, one a line (e.g. crane ls IMAGE | gitops-promote latest …), or give --image to read them from the registry',
      ],
    });
  });
});

describe('GH_TOKEN and GITHUB_TOKEN', () => {
  const withEnv = (env: NodeJS.ProcessEnv) => io({ env }).cli;
  it('reads GH_TOKEN first, as gh does, then GITHUB_TOKEN', () => {
    expect(githubToken(withEnv({ GH_TOKEN: 'gh1', GITHUB_TOKEN: 'gh2' }))).toEqual({
      variable: 'GH_TOKEN',
      token: 'gh1',
    });
    expect(githubToken(withEnv({ GITHUB_TOKEN: 'gh2' }))).toEqual({ variable: 'GITHUB_TOKEN', token: 'gh2' });
    expect(githubToken(withEnv({ GH_TOKEN: '', GITHUB_TOKEN: 'gh2' }))).toEqual({
      variable: 'GITHUB_TOKEN',
      token: 'gh2',
    });
    expect(githubToken(withEnv({}))).toBeUndefined();
  });

  it.each([
    ['ghp_with space', 'it contains a space or a line break'],
    ['ghp_line\nbreak', 'it contains a space or a line break'],
    ['ghp_nön', 'it contains a character outside printable ASCII'],
  ])('refuses %j naming the variable, without printing it', async (token, reason) => {
    const r = await run(['plan', '--image', '127.0.0.1:9/acme/backend'], {
      env: { GH_TOKEN: token, GITHUB_REPOSITORY: 'acme/backend' },
    });
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `gitops-promote plan: GH_TOKEN: *** is not accepted: ${reason}. Accepted: a GitHub token (printable ASCII, as \`gh auth token\` prints one)`,
    ]);
  });
});

describe('values in errors', () => {
  it('are quoted, escaped and cut', () => {
    expect(quoteValue('a\nb')).toBe('"a\\nb"');
    expect(quoteValue('\u001b[31m\u0085\u2028"')).toBe('"\\u001b[31m\\u0085\\u2028\\""');
    expect(quoteValue('é'.repeat(600))).toBe(`"${'é'.repeat(512)}…" (600 characters)`);
    expect(quoteValue('😀'.repeat(513))).toBe(`"${'😀'.repeat(512)}…" (513 characters)`);
    expect(quoteValue('a'.repeat(512))).toBe(`"${'a'.repeat(512)}"`);
  });

  it('keep the InputError format, and a renamed error keeps its value, reason and secrecy', () => {
    const e = new InputError('from-environment', 'Staging', 'an environment', 'it has upper-case letters');
    expect(e.message).toBe(
      'from-environment: "Staging" is not accepted: it has upper-case letters. Accepted: an environment',
    );
    expect(e.renamed('--from-env').message).toBe(
      '--from-env: "Staging" is not accepted: it has upper-case letters. Accepted: an environment',
    );
    const secret = new InputError('password', 'hunter2', 'a password', 'it is wrong', { secret: true });
    expect(secret.renamed('--password-stdin').message).toBe(
      '--password-stdin: *** is not accepted: it is wrong. Accepted: a password',
    );
  });

  it('a reason or accepted text cannot break the line either', () => {
    expect(new InputError('x', 'v', 'a\nb', 'c\rd').message).toBe('x: "v" is not accepted: c\\rd. Accepted: a\\nb');
  });

  it('stderr lines hide secrets, escape control characters and are bounded', () => {
    expect(safeLine('token s3cr3t-value here\n::error::x', ['s3cr3t-value'])).toBe('token *** here\\n::error::x');
    const long = safeLine('x'.repeat(10_000));
    expect(long.length).toBeLessThan(4100);
    expect(long).toContain('…(6000 characters cut)…');
  });

  it('an environment secret never reaches stderr, even inside an error', async () => {
    const r = await run(['retag', 'https://u:regpass-123@127.0.0.1:9/a:b', 'c'], {
      env: { REGISTRY_PASSWORD: 'regpass-123', REGISTRY_USERNAME: 'u' },
    });
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).not.toContain('regpass-123');
  });
});
