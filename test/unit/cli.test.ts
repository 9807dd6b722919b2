import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = {
    readStdin: async () => stdin,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    nowSeconds: () => 1738860123,
  };
  return { cli, out, err };
}

describe('gitops-promote tags', () => {
  it('prints alias, immutable and sha tag', async () => {
    const t = io();
    expect(await runCli(['tags', '--env', 'staging', '--version', 'v2.0.1', '--sha', 'ABCDEF0123456'], t.cli)).toBe(0);
    expect(t.out).toEqual(['staging', 'staging-v2.0.1-abcdef0-1738860123', 'abcdef0']);
  });
  it('prints full references for every image', async () => {
    const t = io();
    const code = await runCli(
      [
        'tags',
        '--env',
        'develop',
        '--version',
        '1.0.0',
        '--sha',
        'abcdef0',
        '--ts',
        '1700000000',
        '--image',
        'ghcr.io/Org/App',
        '--image',
        'nginx',
      ],
      t.cli,
    );
    expect(code).toBe(0);
    expect(t.out).toEqual([
      'ghcr.io/org/app:develop',
      'ghcr.io/org/app:develop-v1.0.0-abcdef0-1700000000',
      'ghcr.io/org/app:abcdef0',
      'docker.io/library/nginx:develop',
      'docker.io/library/nginx:develop-v1.0.0-abcdef0-1700000000',
      'docker.io/library/nginx:abcdef0',
    ]);
  });
  it('exits 2 with one error naming the flag for bad input', async () => {
    const t = io();
    expect(await runCli(['tags', '--env', 'pre-prod', '--version', '1.0.0', '--sha', 'abcdef0'], t.cli)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(/^gitops-promote tags: --env: "pre-prod" is not accepted/);
    const u = io();
    expect(
      await runCli(
        ['tags', '--env', 'develop', '--version', '1.0.0', '--sha', 'abcdef0', '--ts', '1738860123000'],
        u.cli,
      ),
    ).toBe(2);
    expect(u.err[0]).toMatch(/^gitops-promote tags: --ts: "1738860123000" is not accepted: .*milliseconds/);
    const v = io();
    expect(await runCli(['tags', '--bogus'], v.cli)).toBe(2);
    expect(v.err[0]).toMatch(/Unknown option '--bogus'.*Accepted flags: --env VALUE/);
  });
});

describe('gitops-promote latest', () => {
  const tags = [
    'staging-v1.0.0-abcdef0-1738860123',
    'staging-v1.0.1-1234567-1738860999',
    'develop-v1.0.2-7654321-1738861999',
    'staging',
    'abcdef0',
  ].join('\n');
  it("prints Flux's pick from standard input", async () => {
    const t = io(tags + '\n');
    const code = await runCli(
      ['latest', '--pattern', '^staging-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$', '--extract', '$ts'],
      t.cli,
    );
    expect(code).toBe(0);
    expect(t.out).toEqual(['staging-v1.0.1-1234567-1738860999']);
  });
  it('takes the pattern of an environment with --env', async () => {
    const t = io(tags);
    expect(await runCli(['latest', '--env', 'develop'], t.cli)).toBe(0);
    expect(t.out).toEqual(['develop-v1.0.2-7654321-1738861999']);
  });
  it("exits 1 with Flux's error when nothing matches", async () => {
    const t = io(tags);
    expect(await runCli(['latest', '--env', 'production'], t.cli)).toBe(1);
    expect(t.err).toEqual(['version list argument cannot be empty']);
    expect(t.out).toEqual([]);
  });
  it("exits 1 with Flux's error for a pattern Go rejects", async () => {
    const t = io(tags);
    expect(await runCli(['latest', '--pattern', '^(?=staging)'], t.cli)).toBe(1);
    expect(t.err[0]).toMatch(
      /^failed to filter tags: invalid regular expression pattern '\^\(\?=staging\)': error parsing regexp: invalid or unsupported Perl syntax: `\(\?=`$/,
    );
  });
  it('reports a tie Flux would settle at random', async () => {
    const t = io('app-0100\napp-100\napp-099\n');
    expect(await runCli(['latest', '--pattern', '^app-(?P<n>[0-9]+)$', '--extract', '$n'], t.cli)).toBe(0);
    expect(t.out).toHaveLength(1);
    expect(['app-0100', 'app-100']).toContain(t.out[0]);
    expect(t.err[0]).toMatch(/^warning: tie: .*app-0100.*app-100|^warning: tie: .*app-100.*app-0100/);
  });
  it('refuses an unknown policy', async () => {
    const t = io(tags);
    expect(await runCli(['latest', '--env', 'staging', '--policy', 'newest'], t.cli)).toBe(2);
    expect(t.err).toEqual([
      'gitops-promote latest: --policy: "newest" is not accepted. Accepted: numerical, alphabetical, semver',
    ]);
  });
});
