import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import { parseTimeBudget } from '../../packages/common/budget.js';

describe('time budget (time-budget input, --time-budget flag)', () => {
  it('reads minutes, default 10, fractions allowed', () => {
    expect(parseTimeBudget(undefined)).toBe(600_000);
    expect(parseTimeBudget('  ')).toBe(600_000);
    expect(parseTimeBudget('30')).toBe(1_800_000);
    expect(parseTimeBudget(' 0.5\n')).toBe(30_000);
    expect(parseTimeBudget('360')).toBe(21_600_000);
  });

  it.each(['0', '-5', '361', '10m', 'ten', '1e3', 'Infinity', 'NaN', '0x10', '5,5'])(
    'refuses %j naming the input',
    (v) => {
      expect(() => parseTimeBudget(v)).toThrow(
        `time-budget: ${JSON.stringify(v.trim())} is not accepted. Accepted: a number of minutes above 0 and at most 360, e.g. 10`,
      );
    },
  );

  it('the CLI refuses a bad --time-budget before any connection, exit 2, naming the flag', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      readStdin: async () => '',
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      // a registry nobody listens on: a connection attempt would fail differently
      env: { GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'acme/backend', GITHUB_API_URL: 'http://127.0.0.1:9' },
      nowSeconds: () => 1738860123,
    };
    const code = await runCli(['plan', '--image', '127.0.0.1:9/acme/backend', '--time-budget', '0'], io);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('--time-budget: "0" is not accepted');
    expect(out).toEqual([]);
  });
});
