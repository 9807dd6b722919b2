// A whole promotion (plan, pre-flight, release tag, copy, release, next-version bump) by the CLI
// bundle, `node dist/cli/index.js promote --image <host/repo> --repository acme/backend`, with 50 ms
// added to every request on the registry and on the GitHub stand-in (a fault proxy in front of
// each: a runner far from GHCR and api.github.com). "now" is dist/cli of the work tree (copied at
// the start); "before issue 8" is dist/cli at df6cb0f, extracted with git archive (ncc bundles
// need no node_modules).
//
// Each run gets a fresh world: a new GitHub stand-in (and its proxy) and a new repository in the
// one registry, where two earlier builds were promoted by the same CLI without latency (releases
// v1.2.2 and v1.2.3, next tags, production tags) before staging-v1.2.4 is pushed and promoted.
//
// Besides wall time and requests, the SEQUENTIAL ROUND TRIPS: the requests sorted by start, a
// request that starts after every earlier one has ended opens a new round trip. On a WAN each one
// costs at least the latency, whatever the bandwidth. "longest chain" is the most requests that
// follow one another without overlapping (it is larger when a long request spans short sequential
// ones). The wall time splits into start-up (spawn to first request), on the wire (round trips),
// between round trips (the CLI's own work) and exit. BENCH_VERBOSE=1 prints every request of one "now" run with its round trip (=2: also of one
// "before" run).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSupport, median } from './measure.mjs';

const LATENCY_MS = 50;
const TOKEN = 'bench-token';
const OWNER_REPO = 'acme/backend';
const STAGING_TS = 1_700_000_000;
/** the commit whose CLI bundle is "before issue 8" */
const BEFORE = 'df6cb0f';
const ROUND_TRIP_TARGET = 12;

/** Runs the CLI to completion without blocking this process, which serves the proxies. */
export function runCli(cli, args, env) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const end = performance.now();
      const text = Buffer.concat(out).toString();
      if (code !== 0) reject(new Error(`${cli} ${args.join(' ')} exited ${code}: ${text}`));
      else resolve({ start, end, text });
    });
  });
}

/** The environment of a person running the CLI: none of this machine's GitHub, registry or runner settings. */
export function cliEnv(dockerConfig, apiUrl) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(GITHUB_|REGISTRY_|INPUT_|RUNNER_)/.test(key)) continue;
    // NODE_EXTRA_CA_CERTS: this sandbox sets it, runners do not (see bench/retag.mjs)
    if (key === 'NODE_OPTIONS' || key === 'NODE_EXTRA_CA_CERTS') continue;
    env[key] = value;
  }
  return {
    ...env,
    DOCKER_CONFIG: dockerConfig,
    GITHUB_TOKEN: TOKEN,
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: OWNER_REPO,
  };
}

/**
 * Round trips of requests with `start` and `end`: sorted by start, a request starting at or after
 * the latest end so far opens the next one. Returns the count and each request's round trip (1-based).
 */
export function roundTrips(requests) {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const spans = [];
  const of = new Map();
  for (const r of sorted) {
    const last = spans.at(-1);
    if (!last || r.start >= last.end) spans.push({ start: r.start, end: r.end });
    else last.end = Math.max(last.end, r.end);
    of.set(r, spans.length);
  }
  return { count: spans.length, of, spans };
}

/** The most requests that follow one another without overlapping (earliest end first). */
export function longestChain(requests) {
  const sorted = [...requests].sort((a, b) => a.end - b.end);
  let count = 0;
  let end = -Infinity;
  for (const r of sorted) {
    if (r.start >= end) {
      count++;
      end = r.end;
    }
  }
  return count;
}

/** A request's kind for the per-step breakdown: repository, digests, tags, versions and ids replaced by their shape. */
function kindOf(r) {
  if (r.side === 'registry') {
    const m = /^\/v2\/(.+?)\/(manifests|blobs|tags)\/?([^?]*)/.exec(r.path);
    if (!m) return `registry ${r.method} ${r.path.replace(/\?.*/, '')}`;
    const [, , what, rest] = m;
    let ref = rest;
    if (what === 'tags') ref = 'list';
    else if (/^sha256:/.test(rest)) ref = '<digest>';
    else if (what === 'blobs' && rest.startsWith('uploads')) ref = 'uploads/…';
    else if (/^[a-z]+-v\d/.test(rest)) ref = `<${rest.split('-v')[0]}-v…>`;
    else if (/^[0-9a-f]{7,40}$/.test(rest)) ref = '<sha tag>';
    return `registry ${r.method} ${what}/${ref}`;
  }
  const path = r.path
    .replace(/\?.*/, '')
    .replace(`/repos/${OWNER_REPO}`, '')
    .replace(/v\d+\.\d+\.\d+-[a-z]+/g, '<next tag>')
    .replace(/v\d+\.\d+\.\d+/g, '<vX.Y.Z>')
    .replace(/\b[0-9a-f]{40}\b/g, '<sha>')
    .replace(/\b[0-9a-f]{7}\b/g, '<short sha>')
    .replace(/\/\d+(?=\/|$)/g, '/<id>');
  return `github ${r.method} ${path}`;
}

/** Digests and commits shortened, for a listing that fits a line. */
const shorten = (path) =>
  path.replace(/sha256:([0-9a-f]{12})[0-9a-f]{52}/g, 'sha256:$1…').replace(/\b([0-9a-f]{12})[0-9a-f]{28}\b/g, '$1…');

function listing(run) {
  const lines = [
    `  ${'#'.padStart(3)} ${'rt'.padStart(3)} ${'start'.padStart(7)} ${'end'.padStart(7)}  side      status method path`,
  ];
  for (const [i, r] of run.requests.entries()) {
    lines.push(
      `  ${String(i + 1).padStart(3)} ${String(r.roundTrip).padStart(3)} ${r.start.toFixed(1).padStart(7)} ${r.end
        .toFixed(1)
        .padStart(7)}  ${r.side.padEnd(9)} ${String(r.status).padStart(6)} ${r.method.padEnd(6)} ${shorten(r.path)}`,
    );
  }
  lines.push(
    `  process: ${run.wallMs.toFixed(1)} ms (start-up ${run.startupMs.toFixed(1)}, on the wire ${run.wireMs.toFixed(1)}, ` +
      `between round trips ${run.betweenMs.toFixed(1)}, exit ${run.exitMs.toFixed(1)}); round trips ${run.roundTrips}; ` +
      `longest chain ${run.longestChain}`,
  );
  return lines.join('\n');
}

export async function benchPromotion({ root, runs = 5 }) {
  const support = compileSupport(root);
  const { startRegistry } = await import(join(support, 'test/support/registry.js'));
  const { startFaultProxy } = await import(join(support, 'test/support/fault-proxy.js'));
  const { startGitHubStandIn } = await import(join(support, 'test/support/github-standin.js'));
  const images = await import(join(support, 'test/support/images.js'));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-promotion-'));
  // Both bundles copied once, so every run of a variant runs the same code even if dist/ is rebuilt meanwhile.
  if (!existsSync(join(root, 'dist/cli/index.js')))
    throw new Error(`no ${join(root, 'dist/cli/index.js')}: bundle first`);
  cpSync(join(root, 'dist/cli'), join(scratch, 'now/dist/cli'), { recursive: true });
  mkdirSync(join(scratch, 'before'));
  execFileSync('sh', ['-c', `git -C "${root}" archive ${BEFORE} dist/cli | tar -x -C "${join(scratch, 'before')}"`]);
  const dockerConfig = mkdtempSync(join(scratch, 'docker-'));
  const variants = {
    now: join(scratch, 'now/dist/cli/index.js'),
    [`before issue 8 (${BEFORE})`]: join(scratch, 'before/dist/cli/index.js'),
  };
  const reg = await startRegistry({ kind: 'none' });
  const regProxy = await startFaultProxy(reg.url);
  const pushTarget = { url: reg.url };
  let n = 0;

  /** One fresh world, its history promoted by `cli` without latency, then the measured promotion of staging-v1.2.4. */
  const runOnce = async (cli) => {
    const repository = `bench/backend-${n++}`;
    const image = `${regProxy.host}/${repository}`;
    const standIn = await startGitHubStandIn({ token: TOKEN });
    const ghProxy = await startFaultProxy(standIn.url);
    try {
      const env = cliEnv(dockerConfig, ghProxy.url);
      const promote = ['promote', '--image', image, '--repository', OWNER_REPO];
      const pushBuild = async (version, ts) => {
        const commit = standIn.addCommit();
        const sha = commit.slice(0, 7);
        const pushed = await images.pushOciImage(pushTarget, repository, `staging-v${version}-${sha}-${ts}`, {
          seed: `${repository}/${commit}/${ts}`,
          labels: { 'org.opencontainers.image.revision': commit },
        });
        for (const alias of ['staging', sha])
          await images.pushManifest(pushTarget, repository, alias, pushed.mediaType, pushed.bytes);
        return { commit, digest: pushed.digest };
      };
      regProxy.latencyMs = 0;
      ghProxy.latencyMs = 0;
      await pushBuild('1.2.2', STAGING_TS);
      await runCli(cli, promote, env);
      await pushBuild('1.2.3', STAGING_TS + 60);
      await runCli(cli, promote, env);
      const build = await pushBuild('1.2.4', STAGING_TS + 120);

      regProxy.reset();
      ghProxy.reset();
      regProxy.latencyMs = LATENCY_MS;
      ghProxy.latencyMs = LATENCY_MS;
      const standInBefore = standIn.requests.length;
      const { start, end } = await runCli(cli, promote, env);
      regProxy.latencyMs = 0;

      const head = await fetch(`${reg.url}/v2/${repository}/manifests/production`, {
        method: 'HEAD',
        headers: { accept: images.MANIFEST_ACCEPT },
      });
      if (head.headers.get('docker-content-digest') !== build.digest)
        throw new Error(`${cli} did not move production to ${build.digest}`);
      if (standIn.state.refs.get('refs/tags/v1.2.4') !== build.commit)
        throw new Error(`${cli} did not tag v1.2.4 at ${build.commit}`);
      if (!standIn.state.releases.some((r) => r.tag_name === 'v1.2.4' && !r.draft))
        throw new Error(`${cli} did not release v1.2.4`);
      if (!standIn.state.refs.has('refs/tags/v1.2.5-next')) throw new Error(`${cli} did not record v1.2.5-next`);
      const bypassed = standIn.requests.length - standInBefore - ghProxy.requests.length;
      if (bypassed !== 0) throw new Error(`${bypassed} GitHub requests of ${cli} did not go through the proxy`);

      const requests = [
        // startedAt/endedAt are not enumerable (tests compare records with toEqual): copied by name.
        ...regProxy.requests.map((r) => ({ ...r, startedAt: r.startedAt, endedAt: r.endedAt, side: 'registry' })),
        ...ghProxy.requests.map((r) => ({ ...r, startedAt: r.startedAt, endedAt: r.endedAt, side: 'github' })),
      ].map((r) => {
        if (r.startedAt === undefined || r.endedAt === undefined) throw new Error(`${r.method} ${r.path}: no timing`);
        return {
          side: r.side,
          method: r.method,
          path: r.path,
          status: r.status,
          start: r.startedAt - start,
          end: r.endedAt - start,
        };
      });
      requests.sort((a, b) => a.start - b.start);
      const rt = roundTrips(requests);
      for (const r of requests) r.roundTrip = rt.of.get(r);
      const kinds = {};
      for (const r of requests) kinds[kindOf(r)] = (kinds[kindOf(r)] ?? 0) + 1;
      const wallMs = end - start;
      const { spans } = rt;
      return {
        wallMs,
        requests,
        registry: regProxy.requests.length,
        github: ghProxy.requests.length,
        roundTrips: rt.count,
        longestChain: longestChain(requests),
        // where the wall time goes: start-up to the first request, on the wire, between round trips, after the last
        startupMs: spans[0]?.start ?? wallMs,
        wireMs: spans.reduce((sum, x) => sum + (x.end - x.start), 0),
        betweenMs: spans.slice(1).reduce((sum, x, i) => sum + (x.start - spans[i].end), 0),
        exitMs: wallMs - (spans.at(-1)?.end ?? wallMs),
        kinds,
      };
    } finally {
      await ghProxy.stop();
      await standIn.close();
    }
  };

  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  try {
    // one unmeasured warm-up each (page cache of the bundles, the registry's first pushes), then interleaved runs
    for (let i = -1; i < runs; i++) {
      for (const [name, cli] of Object.entries(variants)) {
        const run = await runOnce(cli);
        if (i >= 0) samples[name].push(run);
      }
    }
  } finally {
    await regProxy.stop();
    await reg.stop();
    rmSync(support, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }

  const m = {};
  const rows = [];
  for (const [name, runs] of Object.entries(samples)) {
    const of = (f) => median(runs.map(f));
    m[name] = {
      wallMs: of((r) => r.wallMs),
      requests: of((r) => r.registry + r.github),
      registry: of((r) => r.registry),
      github: of((r) => r.github),
      roundTrips: of((r) => r.roundTrips),
      longestChain: of((r) => r.longestChain),
      startupMs: of((r) => r.startupMs),
      wireMs: of((r) => r.wireMs),
      betweenMs: of((r) => r.betweenMs),
      exitMs: of((r) => r.exitMs),
    };
    rows.push({ what: `${name} +${LATENCY_MS}ms`, ...m[name] });
  }
  // Requests per kind, side by side: where the round trips go.
  const names = Object.keys(variants);
  const kinds = [...new Set(names.flatMap((k) => samples[k].flatMap((r) => Object.keys(r.kinds))))].sort();
  for (const kind of kinds) {
    const row = { what: `  ${kind}` };
    for (const [i, name] of names.entries())
      row[i === 0 ? 'now' : 'before'] = median(samples[name].map((r) => r.kinds[kind] ?? 0));
    rows.push(row);
  }
  const [now, before] = names.map((k) => m[k]);
  const verbose = Number(process.env.BENCH_VERBOSE ?? 0);
  if (verbose >= 1) {
    for (const name of names.slice(0, verbose >= 2 ? 2 : 1)) {
      const run = samples[name].at(-1);
      console.log(`\n### requests of one "${name}" promotion, ms from the CLI's spawn (rt: round trip)`);
      console.log(listing(run));
    }
  }
  const figure = `sequential round trips (now, +${LATENCY_MS}ms)`;
  return {
    name: `a whole promotion by the CLI, now vs before issue 8, ${LATENCY_MS} ms added to every registry and GitHub request`,
    runs,
    rows,
    ratios: {
      'wall now/before': now.wallMs / before.wallMs,
      'round trips now/before': now.roundTrips / before.roundTrips,
      'requests now/before': now.requests / before.requests,
    },
    figures: { [figure]: now.roundTrips },
    targets: { [figure]: ROUND_TRIP_TARGET },
  };
}
