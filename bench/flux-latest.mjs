// Issue 11: `latest` over 100,000 tags. Each run is a fresh `node` process that loads the tagging
// library, reads the tags and times selectLatest alone ("choosing": what `latest` adds to reading
// the tag list), cold as the CLI runs it once. The library as it was before the fast selection
// (BEFORE) runs side by side on the same tags, and `node -e 0` gives the machine's floor in the
// same run. The picks of both must be identical, or the benchmark fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureOnce, median } from './measure.mjs';

const BEFORE = 'eb9122f';
const TAG_COUNT = 100_000;

/** A develop-heavy repository as CI fills it: environment tags, sha tags, signatures. Deterministic. */
function repositoryTags(count) {
  const tags = [];
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const sha = () =>
    Math.floor(random() * 0xfffffff)
      .toString(16)
      .padStart(7, '0');
  let ts = 1700000000;
  for (let i = 0; tags.length < count; i++) {
    ts += 1 + Math.floor(random() * 600);
    const version = `1.${Math.floor(i / 1000)}.${i % 1000}`;
    const r = random();
    if (r < 0.8) tags.push(`develop-v${version}-${sha()}-${ts}`);
    else if (r < 0.9) tags.push(`staging-v${version}-${sha()}-${ts}`);
    else if (r < 0.95) tags.push(`production-v${version}-${sha()}-${ts}`);
    else if (r < 0.98) tags.push(sha());
    else tags.push(`sha256-${sha()}${sha()}.sig`);
  }
  tags.push('develop', 'staging', 'production', 'latest');
  return tags.sort(); // registries list tags in lexical order
}

const SCENARIOS = {
  'develop (numerical, 80% match)': {
    pattern: '^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$',
    extract: '$ts',
    policy: 'numerical',
  },
  'production (numerical, 5% match)': {
    pattern: '^production-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$',
    extract: '$ts',
    policy: 'numerical',
  },
  'semver on the versions': {
    pattern: '^develop-v(?P<v>[0-9]+\\.[0-9]+\\.[0-9]+)-',
    extract: '$v',
    policy: 'semver',
    range: '>=1.0.0',
  },
};

// The child: load the library, read the tags, time the choosing only.
const CHILD = `
const [lib, tagsFile, policyJson] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { selectLatest } = await import(lib);
const tags = readFileSync(tagsFile, 'utf8').split('\\n').filter((t) => t !== '');
const start = performance.now();
const result = selectLatest(tags, JSON.parse(policyJson));
const chooseMs = performance.now() - start;
console.log(JSON.stringify({ chooseMs, result }));
`;

/** packages/tagging (and what it imports) compiled to JavaScript, from the work tree or a commit. */
function compileTagging(root, dir, commit) {
  let src = root;
  if (commit !== undefined) {
    src = join(dir, 'src');
    execFileSync('sh', ['-c', `mkdir -p "${src}" && git -C "${root}" archive ${commit} packages | tar -x -C "${src}"`]);
    writeFileSync(join(src, 'package.json'), '{"type":"module"}\n');
  }
  const out = join(dir, 'out');
  execFileSync(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'),
    '--outDir',
    out,
    '--rootDir',
    src,
    '--module',
    'NodeNext',
    '--moduleResolution',
    'NodeNext',
    '--target',
    'ES2022',
    '--types',
    'node',
    '--typeRoots',
    join(root, 'node_modules/@types'),
    '--skipLibCheck',
    '--noCheck',
    join(src, 'packages/tagging/flux.ts'),
  ]);
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
  return join(out, 'packages/tagging/flux.js');
}

export async function benchFluxLatest({ root, runs = 9 }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-flux-'));
  try {
    const libs = {
      ours: compileTagging(root, join(dir, 'ours')),
      [`before (${BEFORE})`]: compileTagging(root, join(dir, 'before'), BEFORE),
    };
    const tagsFile = join(dir, 'tags');
    writeFileSync(tagsFile, repositoryTags(TAG_COUNT).join('\n') + '\n');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };

    const floor = [];
    const samples = {}; // `${scenario} | ${lib}` → { chooseMs: [], wallMs: [], result }
    for (let i = 0; i < runs; i++) {
      floor.push(measureOnce([process.execPath, '-e', '0'], { env }).wallMs);
      for (const [scenario, policy] of Object.entries(SCENARIOS)) {
        for (const [name, lib] of Object.entries(libs)) {
          const m = measureOnce(
            [process.execPath, '--input-type=module', '-e', CHILD, lib, tagsFile, JSON.stringify(policy)],
            { env },
          );
          const { chooseMs, result } = JSON.parse(m.stdout);
          const s = (samples[`${scenario} | ${name}`] ??= { scenario, name, chooseMs: [], wallMs: [], result });
          if (JSON.stringify(s.result) !== JSON.stringify(result)) throw new Error(`${name}: ${scenario} varies`);
          s.chooseMs.push(chooseMs);
          s.wallMs.push(m.wallMs);
        }
      }
    }

    const nodeMs = median(floor);
    const rows = [{ what: 'node -e 0', wallMs: nodeMs }];
    const ratios = {};
    const figures = {};
    const targets = {};
    for (const scenario of Object.keys(SCENARIOS)) {
      const ours = samples[`${scenario} | ours`];
      const before = samples[`${scenario} | before (${BEFORE})`];
      if (JSON.stringify(ours.result) !== JSON.stringify(before.result)) {
        throw new Error(
          `${scenario}: the pick changed: ${JSON.stringify(before.result)} → ${JSON.stringify(ours.result)}`,
        );
      }
      for (const s of [before, ours]) {
        rows.push({
          what: `${scenario}, ${s.name}`,
          chooseMs: median(s.chooseMs),
          wallMs: median(s.wallMs),
          pick: s.result.ok ? s.result.tag : s.result.error,
        });
      }
      ratios[`${scenario}: choosing / node -e 0`] = median(ours.chooseMs) / nodeMs;
      ratios[`${scenario}: choosing, ours / before`] = median(ours.chooseMs) / median(before.chooseMs);
      figures[`${scenario}: choosing ms`] = Math.round(median(ours.chooseMs));
      // Issue 11's target is for the release model's policy (numerical); semver is shown beside it.
      if (SCENARIOS[scenario].policy === 'numerical') targets[`${scenario}: choosing ms`] = 100;
    }
    return { name: `latest over ${TAG_COUNT} tags`, runs, rows, ratios, figures, targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
