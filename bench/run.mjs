#!/usr/bin/env node
// npm run bench [name…]: every benchmark runs its competitor in the same run and reports ratios.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchComputeTags } from './compute-tags.mjs';
import { benchCrossCopy } from './cross-copy.mjs';
import { benchFluxLatest } from './flux-latest.mjs';
import { benchPromotion } from './promotion.mjs';
import { benchRetag } from './retag.mjs';
import { benchTrain } from './train.mjs';

const root = new URL('..', import.meta.url).pathname;
const benches = {
  'compute-tags': benchComputeTags,
  retag: benchRetag,
  'cross-copy': benchCrossCopy,
  train: benchTrain,
  promotion: benchPromotion,
  'flux-latest': benchFluxLatest,
};
const only = process.argv.slice(2);
const results = [];
// Which Node.js measured: the CLI's and the bundles' figures depend on it (the runner runs node24).
console.log(`# npm run bench on Node.js ${process.version} (${process.platform}-${process.arch})`);
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  const r = await run({ root });
  results.push(r);
  console.log(`\n## ${r.name} (median of ${r.runs} runs)`);
  for (const row of r.rows) {
    const cols = Object.entries(row).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toFixed(1) : v}`);
    console.log('  ' + cols.join('  '));
  }
  for (const [k, v] of Object.entries(r.ratios)) {
    const target = r.targets?.[k];
    console.log(
      `  ratio ${k}: ${v.toFixed(2)}x${target !== undefined ? ` (target <= ${target}x: ${v <= target ? 'met' : 'MISSED'})` : ''}`,
    );
  }
  // absolute figures (counts), against their own targets
  for (const [k, v] of Object.entries(r.figures ?? {})) {
    const target = r.targets?.[k];
    console.log(
      `  ${k}: ${v}${target !== undefined ? ` (target <= ${target}: ${v <= target ? 'met' : 'MISSED'})` : ''}`,
    );
  }
}
writeFileSync(
  join(root, 'bench', 'last-run.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n',
);
