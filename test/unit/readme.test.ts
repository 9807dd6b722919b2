import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { actionFiles, readmeBlock, referenceMarkdown } from '../../scripts/readme-reference.js';
import { repoRoot } from '../support/run-bundle.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe('README', () => {
  it('documents every input and output of every action, as the action.yml files say (npm run readme)', () => {
    expect(readmeBlock(readme)).toBe(referenceMarkdown(repoRoot));
  });

  it('names the contract: every action the README documents exists', () => {
    expect(actionFiles(repoRoot)).toEqual(
      expect.arrayContaining(['actions/compute-tags', 'actions/verify', 'actions/audit', 'action-tag']),
    );
  });

  it('gives the Quickstart test command that CI runs', () => {
    expect(readme).toContain('npm ci && npm test');
    expect(readFileSync(join(repoRoot, '.ci/run'), 'utf8')).toContain('npm ci && npm test');
  });

  it('points every JavaScript action at its committed bundle with node24', () => {
    for (const dir of actionFiles(repoRoot).filter((d) => d.startsWith('actions/'))) {
      const action = parse(readFileSync(join(repoRoot, dir, 'action.yml'), 'utf8'));
      const name = dir.split('/')[1];
      expect(action.runs).toEqual({ using: 'node24', main: `../../dist/${name}/index.js` });
      expect(() => readFileSync(join(repoRoot, 'dist', name, 'index.js'))).not.toThrow();
    }
  });
});
