#!/usr/bin/env node
// Builds one ncc bundle per JavaScript action and one for the CLI: dist/<name>/index.js.
// An action's entry is actions/<name>/index.ts, which only runs main.ts's run(): main.ts is
// imported by tests without running.
// The package is "type": "module", so ncc emits ESM (CommonJS bundles die on the runner).
// Not --transpile-only: ts.transpileModule cannot see "type": "module" and would emit require().
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entries = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'index.ts')))
  .map((d) => ({ name: d.name, entry: join('actions', d.name, 'index.ts') }));
entries.push({ name: 'cli', entry: join('packages', 'cli', 'main.ts') });

const only = process.argv.slice(2);
for (const { name, entry } of entries) {
  if (only.length && !only.includes(name)) continue;
  const out = join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
      'build',
      entry,
      '-o',
      out,
      '--minify',
      '--no-source-map-register',
      '-q',
      '--license',
      'licenses.txt',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (name === 'cli') {
    const file = join(out, 'index.js');
    const src = readFileSync(file, 'utf8');
    if (!src.startsWith('#!')) writeFileSync(file, '#!/usr/bin/env node\n' + src, { mode: 0o755 });
  }
  console.log(`bundled dist/${name}/index.js`);
}
