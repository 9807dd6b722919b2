// Issue 4: our retag against `skopeo copy --all --preserve-digests` on the same local registry and
// the same images, wall time and HTTP requests of each, directly and through a proxy adding 50 ms
// to every request (a WAN to GHCR). "ours (CLI)" is the CLI bundle (`node dist/cli/index.js
// retag`), a process like skopeo, so both pay their start-up: that is the figure the targets
// apply to. "ours (library)" is retag() called in this process (start-up excluded), to show what
// the requests themselves cost. The registry runs without auth: no token fetch on either side.
// Children run without NODE_EXTRA_CA_CERTS: this sandbox sets it, runners do not, and Node reads
// the bundle at every start-up (about 40 ms here), which skopeo (Go) would not pay.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSupport, median } from './measure.mjs';

const MiB = 1024 * 1024;
const BEFORE = 'df6cb0f';

/** Runs a command to completion without blocking this process, which serves the proxy. */
function timed(argv) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}: ${Buffer.concat(out).toString()}`));
      else resolve(wallMs);
    });
  });
}

export async function benchRetag({ root, runs = 9, largeRuns = 9 }) {
  const support = compileSupport(root);
  const { startRegistry } = await import(join(support, 'test/support/registry.js'));
  const { startFaultProxy } = await import(join(support, 'test/support/fault-proxy.js'));
  const images = await import(join(support, 'test/support/images.js'));
  const { retag } = await import(join(support, 'packages/promotion/retag.js'));
  const { registryClients } = await import(join(support, 'packages/promotion/registry-clients.js'));
  const reg = await startRegistry({ kind: 'none' });
  const proxy = await startFaultProxy(reg.url);
  const cli = join(root, 'dist/cli/index.js');
  // The CLI before the promotion and registry rework (df6cb0f), side by side: a change of the
  // machine's speed moves both, so their ratio says whether the CLI itself got slower.
  const before = mkdtempSync(join(tmpdir(), 'bench-retag-before-'));
  execFileSync('sh', ['-c', `git -C "${root}" archive ${BEFORE} dist/cli | tar -x -C "${before}"`]);
  const cliBefore = join(before, 'dist/cli/index.js');
  const rows = [];
  const ratios = {};
  const targets = {};
  try {
    const t = { url: reg.url };
    const subjects = [
      {
        name: '1 MiB image',
        repo: 'bench/small',
        runs,
        push: () => images.pushOciImage(t, 'bench/small', 'src', { layerBytes: MiB }),
      },
      {
        name: '256 MiB image',
        repo: 'bench/large',
        runs: largeRuns,
        push: () => images.pushOciImage(t, 'bench/large', 'src', { layerBytes: 256 * MiB }),
      },
      {
        name: 'two-platform index + attestations',
        repo: 'bench/index',
        runs,
        push: () => images.pushOciIndex(t, 'bench/index', 'src', { layerBytes: MiB }),
      },
    ];
    // The floor under any Node process: start-up, and start-up plus one fetch (loads undici).
    const floor = { 'node -e 0': [], 'node -e "await fetch(…)"': [] };
    for (let i = 0; i < runs; i++) {
      floor['node -e 0'].push(await timed([process.execPath, '-e', '0']));
      floor['node -e "await fetch(…)"'].push(
        await timed([process.execPath, '--input-type=module', '-e', `await (await fetch('${proxy.url}/v2/')).text()`]),
      );
    }
    for (const [what, wall] of Object.entries(floor))
      rows.push({ what, wallMs: median(wall), requests: what.includes('fetch') ? 1 : 0 });
    let n = 0;
    for (const s of subjects) {
      const pushed = await s.push();
      for (const latencyMs of [0, 50]) {
        proxy.latencyMs = latencyMs;
        const src = `${proxy.host}/${s.repo}:src`;
        const tools = {
          cli: (tag) => timed([process.execPath, cli, 'retag', src, tag]),
          cliBefore: (tag) => timed([process.execPath, cliBefore, 'retag', src, tag]),
          library: async (tag) => {
            const start = process.hrtime.bigint();
            await retag({ source: src, targets: [tag], clients: registryClients({ access: 'push', env: {} }) });
            return Number(process.hrtime.bigint() - start) / 1e6;
          },
          skopeo: (tag) =>
            timed([
              'skopeo',
              'copy',
              '--all',
              '--preserve-digests',
              '--src-tls-verify=false',
              '--dest-tls-verify=false',
              `docker://${src}`,
              `docker://${proxy.host}/${s.repo}:${tag}`,
            ]),
        };
        const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, { wall: [], requests: [] }]));
        // one unmeasured warm-up each (page cache, registry's first touch of the repository), then interleaved runs
        for (let i = -1; i < s.runs; i++) {
          for (const [tool, run] of Object.entries(tools)) {
            const tag = `${tool.toLowerCase()}-${n++}`;
            proxy.reset();
            const wallMs = await run(tag);
            const requests = proxy.requests.length;
            const head = await fetch(`${reg.url}/v2/${s.repo}/manifests/${tag}`, {
              method: 'HEAD',
              headers: { accept: images.MANIFEST_ACCEPT },
            });
            if (head.headers.get('docker-content-digest') !== pushed.digest)
              throw new Error(`${tool} did not copy ${s.name} with its digest`);
            if (i < 0) continue;
            samples[tool].wall.push(wallMs);
            samples[tool].requests.push(requests);
          }
        }
        const label = `${s.name}${latencyMs ? ` +${latencyMs}ms` : ''}`;
        const m = Object.fromEntries(
          Object.entries(samples).map(([k, v]) => [k, { wallMs: median(v.wall), requests: median(v.requests) }]),
        );
        rows.push({ what: `ours (CLI) ${label}`, wallMs: m.cli.wallMs, requests: m.cli.requests });
        rows.push({
          what: `ours (CLI at ${BEFORE}) ${label}`,
          wallMs: m.cliBefore.wallMs,
          requests: m.cliBefore.requests,
        });
        rows.push({ what: `ours (library) ${label}`, wallMs: m.library.wallMs, requests: m.library.requests });
        rows.push({ what: `skopeo ${label}`, wallMs: m.skopeo.wallMs, requests: m.skopeo.requests });
        ratios[`wall CLI/skopeo ${label}`] = m.cli.wallMs / m.skopeo.wallMs;
        ratios[`wall CLI/CLI at ${BEFORE} ${label}`] = m.cli.wallMs / m.cliBefore.wallMs;
        ratios[`wall library/skopeo ${label}`] = m.library.wallMs / m.skopeo.wallMs;
        ratios[`requests ${label}`] = m.cli.requests / m.skopeo.requests;
        if (latencyMs) targets[`wall CLI/skopeo ${label}`] = 0.5;
      }
    }
  } finally {
    await proxy.stop();
    await reg.stop();
    rmSync(support, { recursive: true, force: true });
    rmSync(before, { recursive: true, force: true });
  }
  return {
    name: 'retag vs skopeo copy --all --preserve-digests (no auth, loopback registry)',
    runs: `${runs} (256 MiB: ${largeRuns})`,
    rows,
    ratios,
    targets,
  };
}
