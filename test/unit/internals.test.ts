import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-bundle.js';

/** docs/internals.md is the map of the library: a module it does not name is a module nobody can find. */
describe('docs/internals.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'internals.md'), 'utf8');
  const modules = readdirSync(join(repoRoot, 'packages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(repoRoot, 'packages', d.name))
        .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'main.ts')
        .map((f) => `packages/${d.name}/${f}`),
    );

  it('names every module of packages/ under its package', () => {
    expect(modules.length).toBeGreaterThan(50);
    const missing = modules.filter((m) => {
      const [, pkg, file] = m.split('/');
      const section = doc.split(/^## /m).find((s) => s.startsWith(`packages/${pkg}`)) ?? '';
      return !section.includes(file!);
    });
    expect(missing).toEqual([]);
  });

  it('names no module that does not exist', () => {
    const named = [...doc.matchAll(/`([a-z-]+\.ts)`/g)].map((m) => m[1]!);
    // files outside packages/ that the document names too: the actions' and the tests' support
    const elsewhere = [
      ...readdirSync(join(repoRoot, 'test', 'support')),
      ...readdirSync(join(repoRoot, 'actions')),
      'index.ts',
      'main.ts',
    ];
    const files = new Set([...modules.map((m) => m.split('/')[2]), ...elsewhere]);
    expect(named.filter((n) => !files.has(n))).toEqual([]);
  });
});
