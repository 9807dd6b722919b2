import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import { parseFlags } from '../../packages/cli/io.js';
import { InputError } from '../../packages/common/errors.js';

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

async function run(argv: string[], stdin = '') {
  const t = io(stdin);
  const code = await runCli(['latest', ...argv], t.cli);
  return { code, out: t.out, err: t.err };
}

describe('gitops-promote latest: values that begin with "-"', () => {
  const tags = 'app-rc-1\napp-rc-2\napp-1\n-x-9\n-x-10\n';

  it('takes --pattern -foo as the pattern, a separate argument', async () => {
    const r = await run(['--pattern', '-x-(?P<n>[0-9]+)$', '--extract', '$n'], tags);
    expect(r).toEqual({ code: 0, out: ['-x-10'], err: [] });
  });

  it('takes --extract -x as the extract template', async () => {
    // the key is "-" followed by the number: "-9" and "-10" as floats, so asc picks -9
    const r = await run(['--pattern', '^-x-(?P<n>[0-9]+)$', '--extract', '-$n'], tags);
    expect(r).toEqual({ code: 0, out: ['-x-9'], err: [] });
  });

  it('still accepts --pattern=-foo', async () => {
    const r = await run(['--pattern=-x-(?P<n>[0-9]+)$', '--extract=$n'], tags);
    expect(r).toEqual({ code: 0, out: ['-x-10'], err: [] });
  });

  it('refuses a flag of the command in place of a value, naming both', async () => {
    const r = await run(['--pattern', '--json'], tags);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'gitops-promote latest: --pattern: "--json" is not accepted: --json is a flag of this command, so --pattern has no value. Accepted: a value after --pattern; to give "--json" itself as the value, write --pattern=--json',
    ]);
  });

  it('keeps unknown flags an error where a flag is expected', async () => {
    const r = await run(['--env', 'staging', '--bogus'], tags);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^gitops-promote latest: Unknown option '--bogus'.*Accepted flags: --pattern VALUE/);
  });

  it('keeps a boolean flag from taking a value', async () => {
    const r = await run(['--env', 'staging', '--json', '-x'], tags);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^gitops-promote latest: Unknown option '-x'/);
  });

  it('still reports a string flag without a value at the end', async () => {
    const r = await run(['--pattern'], tags);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^gitops-promote latest: Option '--pattern <value>' argument missing/);
  });
});

describe('parseFlags', () => {
  const options = {
    pattern: { type: 'string' as const },
    image: { type: 'string' as const, multiple: true },
    name: { type: 'string' as const, short: 'n' },
    json: { type: 'boolean' as const },
  };

  it('joins a dash value to its string flag, short or long, once or repeated', () => {
    const { values } = parseFlags(['--pattern', '-a', '--image', '-b', '--image', 'c', '-n', '-d', '--json'], options);
    expect(values).toEqual({ pattern: '-a', image: ['-b', 'c'], name: '-d', json: true });
  });

  it('leaves what follows -- alone', () => {
    const { values, positionals } = parseFlags(['--pattern', 'p', '--', '--pattern', '-x'], options, true);
    expect(values).toEqual({ pattern: 'p' });
    expect(positionals).toEqual(['--pattern', '-x']);
  });

  it('refuses -- and known short flags as values', () => {
    expect(() => parseFlags(['--pattern', '--'], options)).toThrow(InputError);
    expect(() => parseFlags(['--pattern', '-n'], options)).toThrow('--pattern: "-n" is not accepted');
  });
});

describe('gitops-promote latest: --range and --order as the ImagePolicy CRD checks them', () => {
  const tags = '1\n2\n10\nv1.0.0\nv1.2.0\n';

  it('refuses --range outside the semver policy, naming --range', async () => {
    for (const policy of [[], ['--policy', 'numerical'], ['--policy', 'alphabetical']]) {
      const r = await run(['--pattern', '^[0-9]+$', ...policy, '--range', '>=1.0.0'], tags);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      const kind = policy[1] ?? 'numerical';
      expect(r.err).toEqual([
        `gitops-promote latest: --range: ">=1.0.0" is not accepted: Flux's ${kind} policy has no range. Accepted: --range only with the semver policy`,
      ]);
    }
  });

  it('takes --range with the semver policy', async () => {
    const r = await run(['--pattern', '^v', '--policy', 'semver', '--range', '>=1.0.0'], tags);
    expect(r).toEqual({ code: 0, out: ['v1.2.0'], err: [] });
  });

  it('still requires --range with the semver policy', async () => {
    const r = await run(['--pattern', '^v', '--policy', 'semver'], tags);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'gitops-promote latest: --range: "" is not accepted. Accepted: a semver range, e.g. ">=1.0.0" (Flux requires one for the semver policy)',
    ]);
  });

  it('accepts --order asc and desc', async () => {
    expect(await run(['--pattern', '^[0-9]+$', '--order', 'asc'], tags)).toEqual({ code: 0, out: ['10'], err: [] });
    expect(await run(['--pattern', '^[0-9]+$', '--order', 'desc'], tags)).toEqual({ code: 0, out: ['1'], err: [] });
    expect(await run(['--pattern', '^[0-9]+$', '--policy', 'alphabetical', '--order', 'desc'], tags)).toEqual({
      code: 0,
      out: ['1'],
      err: [],
    });
  });

  it.each([['DESC'], ['Asc'], [''], ['newest'], ['descending']])(
    'refuses --order %j as the CRD enum does',
    async (order) => {
      const r = await run(['--pattern', '^[0-9]+$', '--order', order], tags);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toEqual([
        `gitops-promote latest: --order: ${JSON.stringify(order)} is not accepted. Accepted: asc, desc (the ImagePolicy CRD's enum, lower case; omitted means asc)`,
      ]);
    },
  );

  it('refuses --order with the semver policy, which has none', async () => {
    const r = await run(['--pattern', '^v', '--policy', 'semver', '--range', '*', '--order', 'asc'], tags);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `gitops-promote latest: --order: "asc" is not accepted: Flux's semver policy has no order: it always picks the highest version in the range. Accepted: --order only with the numerical or alphabetical policy`,
    ]);
  });
});
