// A release train of N images (N = 1, 4, 16) promoted by one CLI run, `node dist/cli/index.js
// promote --image i1 --image i2 …`, against the same N images promoted one after the other by N
// runs of the same CLI (what a workflow without trains does: one job step an image). 50 ms are
// added to every request on the registry and on the GitHub stand-in (a fault proxy in front of
// each), as in bench/promotion.mjs. Each run gets a fresh GitHub stand-in and fresh repositories,
// each image one staging build of the same commit (1 MiB layer), so both sides do the same work:
// plan, pre-flight, release tag, tags, release, next version. The train's images are written 4 at
// a time; the sequential side pays its start-up, plan and GitHub reads N times.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSupport, median } from './measure.mjs';
import { cliEnv, runCli } from './promotion.mjs';

const LATENCY_MS = 50;
const TOKEN = 'bench-token';
const SIZES = [1, 4, 16];

export async function benchTrain({ root, runs = 3 }) {
  const support = compileSupport(root);
  const { startRegistry } = await import(join(support, 'test/support/registry.js'));
  const { startFaultProxy } = await import(join(support, 'test/support/fault-proxy.js'));
  const { startGitHubStandIn } = await import(join(support, 'test/support/github-standin.js'));
  const images = await import(join(support, 'test/support/images.js'));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-train-'));
  if (!existsSync(join(root, 'dist/cli/index.js'))) throw new Error('no dist/cli/index.js: bundle first');
  cpSync(join(root, 'dist/cli'), join(scratch, 'cli'), { recursive: true });
  const cli = join(scratch, 'cli/index.js');
  const dockerConfig = mkdtempSync(join(scratch, 'docker-'));
  const reg = await startRegistry({ kind: 'none' });
  const regProxy = await startFaultProxy(reg.url);
  let n = 0;

  /** A fresh world of `size` images built from one commit; `promoteAll` runs the measured promotion(s). */
  const runOnce = async (size, mode) => {
    const standIn = await startGitHubStandIn({ token: TOKEN });
    const ghProxy = await startFaultProxy(standIn.url);
    try {
      const commit = standIn.addCommit();
      const sha = commit.slice(0, 7);
      const names = [];
      regProxy.latencyMs = 0;
      for (let k = 0; k < size; k++) {
        const repository = `bench/train-${n}-${k}`;
        const pushed = await images.pushOciImage({ url: reg.url }, repository, `staging-v1.2.4-${sha}-1700000000`, {
          seed: `${repository}/${commit}`,
          layerBytes: 1024 * 1024,
          labels: { 'org.opencontainers.image.revision': commit },
        });
        await images.pushManifest({ url: reg.url }, repository, 'staging', pushed.mediaType, pushed.bytes);
        names.push(`${regProxy.host}/${repository}`);
      }
      n++;
      regProxy.reset();
      ghProxy.reset();
      regProxy.latencyMs = LATENCY_MS;
      ghProxy.latencyMs = LATENCY_MS;
      const env = cliEnv(dockerConfig, ghProxy.url);
      const base = ['promote', '--yes'];
      const start = performance.now();
      if (mode === 'train') await runCli(cli, [...base, ...names.flatMap((i) => ['--image', i])], env);
      else for (const image of names) await runCli(cli, [...base, '--image', image], env);
      const wallMs = performance.now() - start;
      const requests = regProxy.requests.length + ghProxy.requests.length;
      const release = standIn.state.releases.filter((r) => r.tag_name === 'v1.2.4');
      if (release.length !== 1) throw new Error(`${mode} of ${size}: ${release.length} releases of v1.2.4`);
      return { wallMs, requests };
    } finally {
      regProxy.latencyMs = 0;
      await ghProxy.stop();
      await standIn.close();
    }
  };

  const rows = [];
  const ratios = {};
  try {
    for (const size of SIZES) {
      const samples = { train: [], sequential: [] };
      let requests = { train: 0, sequential: 0 };
      for (let i = 0; i < runs; i++) {
        for (const mode of ['train', 'sequential']) {
          const r = await runOnce(size, mode);
          samples[mode].push(r.wallMs);
          requests[mode] = r.requests;
        }
      }
      const train = median(samples.train);
      const sequential = median(samples.sequential);
      rows.push({
        images: size,
        'train ms': train,
        'sequential ms': sequential,
        'train requests': requests.train,
        'sequential requests': requests.sequential,
      });
      ratios[`train/sequential N=${size}`] = train / sequential;
    }
  } finally {
    await regProxy.stop();
    await reg.stop();
    rmSync(scratch, { recursive: true, force: true });
    rmSync(support, { recursive: true, force: true });
  }
  return {
    name: `release train vs N sequential promotions (CLI, +${LATENCY_MS} ms per request, 1 MiB images)`,
    runs,
    rows,
    ratios,
  };
}
