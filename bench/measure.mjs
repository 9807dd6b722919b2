// Shared measuring for the benchmarks: wall time and peak RSS of a child process, by GNU time; the
// test/support servers compiled for plain node.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs argv once under /usr/bin/time; returns wall milliseconds and peak RSS in KiB. */
export function measureOnce(argv, { env = process.env, cwd } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const timeFile = join(dir, 'time');
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, ...argv], { env, cwd, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wallMs, rssKiB, stdout: r.stdout };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Interleaves the runs of several commands so that machine noise hits them alike. */
export function compare(commands, runs) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, { wallMs: [], rssKiB: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [name, { argv, env }] of Object.entries(commands)) {
      const m = measureOnce(argv, { env });
      samples[name].wallMs.push(m.wallMs);
      samples[name].rssKiB.push(m.rssKiB);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { wallMs: median(s.wallMs), rssKiB: median(s.rssKiB) }]),
  );
}

/**
 * test/support compiled with bench/tsconfig.json into a temporary directory that resolves the
 * repo's node_modules (and the GitHub stand-in's OpenAPI extract), so a benchmark can start the real
 * servers of the tests. The caller removes the directory.
 */
export function compileSupport(root) {
  const out = mkdtempSync(join(tmpdir(), 'bench-support-'));
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'bench/tsconfig.json'), '--outDir', out],
    {
      stdio: 'inherit',
    },
  );
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
  symlinkSync(join(root, 'test/support/openapi'), join(out, 'test/support/openapi'), 'dir');
  return out;
}
