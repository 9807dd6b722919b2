/**
 * The kill matrix across registries: the promotion process (dist/cli/index.js) with `--to-image`
 * into a second registry is killed with SIGKILL at its k-th request, then run again to completion.
 *
 * The world: staging is the release world's registry (no auth) behind its fault proxy; production
 * is a second docker-registry (htpasswd, bob) behind a fault proxy of its own, whose credentials
 * the CLI finds in a Docker config file (`auths` for the proxy's host), as a person's machine or
 * another CI system gives them. The requests of a run are counted at both proxies and the GitHub
 * stand-in, together in the order they arrive. For each scenario a clean run counts them (N);
 * then for k in 1..N, in a fresh world, the CLI is killed when its k-th request arrives, the
 * request is then let through (its write lands, nobody hears the answer), and the CLI runs again.
 * N is 66 and 113 here and a kill point costs a world and two CLI runs, so by default a spread
 * sample runs (killPoints: every tag and ref written, the rest spread evenly), 20 points a scenario;
 * CROSS_KILLS_ALL=1 runs every k (about four minutes on two cores), CROSS_KILLS_SAMPLE=n another
 * sample size.
 *
 * Each kill point is checked against what the order of the steps promises (docs/promotion.md
 * "Order and proof" and "Concurrency": the release tag is the first write; the alias before the
 * immutable tag; the release after it), against issue 10 (the image is complete with its
 * signatures in the target before any tag names it; each registry its own credentials) and
 * against the clean run's end state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { fluxPick } from '../../packages/promotion/index.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { formatImmutableTag, parseImmutableTag } from '../../packages/tagging/tags.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import {
  pushCosignTag,
  pushManifest,
  pushOciImage,
  pushOciIndex,
  pushReferrer,
  type PushTarget,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot } from '../support/run-bundle.js';

const STAGING_TS = 1_700_000_000;
/** worlds at once: two cores here, and each kill point is mostly two registries and two Node processes starting */
const CONCURRENCY = 4;
/** Kill points per scenario when the full matrix is not asked for (see killPoints). */
const SAMPLE = Number(process.env.CROSS_KILLS_SAMPLE ?? 20);
const ALL = process.env.CROSS_KILLS_ALL === '1';

const BOB = { username: 'bob', password: 'bob-secret-B2' };
const BOB_BASIC = `Basic ${Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64')}`;

let scratch: string;
let bundle: string;
const started = performance.now();
const tally: { scenario: string; requests: number; points: number; converged: number; partial: number }[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'promotion-cross-kills-'));
  // A copy of the bundle, so that every run of the matrix runs the same code even if dist/ is rebuilt meanwhile.
  cpSync(join(repoRoot, 'dist/cli'), join(scratch, 'cli'), { recursive: true });
  bundle = join(scratch, 'cli/index.js');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  const sum = (key: 'requests' | 'points' | 'converged' | 'partial') => tally.reduce((n, t) => n + t[key], 0);
  tally.sort(
    (a, b) => SCENARIOS.findIndex((s) => s.name === a.scenario) - SCENARIOS.findIndex((s) => s.name === b.scenario),
  );
  console.log(
    `cross-registry kill matrix: ${tally.length} scenarios, ${sum('points')} kill points of ${sum('requests')} requests, ` +
      `${sum('converged')} converged on a re-run (${sum('partial')} of them killed half-way through the writes; ` +
      `${tally.map((t) => `${t.scenario}: ${t.converged}/${t.points} of ${t.requests}`).join(', ')}; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
});

// ---------------------------------------------------------------------------------------------
// The world: staging (release world, fault proxy, no auth) and production (htpasswd, fault proxy)

interface CrossWorld {
  staging: ReleaseWorld;
  /** the production registry, read directly (never through its proxy) for the state */
  production: TestRegistry;
  /** what the CLI talks to for production */
  productionProxy: FaultProxy;
  /** DOCKER_CONFIG: `auths` for the production proxy's host only */
  dockerConfig: string;
  stop(): Promise<void>;
}

async function startCrossWorld(): Promise<CrossWorld> {
  const staging = await startReleaseWorld({ faultProxy: true });
  let production: TestRegistry | undefined;
  let productionProxy: FaultProxy | undefined;
  try {
    production = await startRegistry({ kind: 'htpasswd', ...BOB });
    productionProxy = await startFaultProxy(production.url);
  } catch (err) {
    await productionProxy?.stop();
    await production?.stop();
    await staging.stop();
    throw err;
  }
  const dockerConfig = mkdtempSync(join(scratch, 'docker-'));
  writeFileSync(
    join(dockerConfig, 'config.json'),
    JSON.stringify({ auths: { [productionProxy.host]: { auth: BOB_BASIC.slice('Basic '.length) } } }),
  );
  const [p, pp] = [production, productionProxy];
  return {
    staging,
    production: p,
    productionProxy: pp,
    dockerConfig,
    async stop() {
      await pp.stop();
      await p.stop();
      await staging.stop();
      rmSync(dockerConfig, { recursive: true, force: true });
    },
  };
}

const stagingClient = (cw: CrossWorld) =>
  new RegistryClient(cw.staging.registry.host, { credentials: { source: 'anonymous' }, retry: cw.staging.retry });
const productionClient = (cw: CrossWorld) =>
  new RegistryClient(cw.production.host, {
    credentials: { ...BOB, source: 'input' },
    retry: cw.staging.retry,
  });

// ---------------------------------------------------------------------------------------------
// The CLI as a child process

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(cw: CrossWorld, args: string[]): Run {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|REGISTRY_|INPUT_|RUNNER_|DOCKER_)/.test(key) && key !== 'NODE_OPTIONS')
      base[key] = value;
  }
  const w = cw.staging;
  const child = spawn(
    process.execPath,
    [bundle, 'promote', '--image', w.image, '--repository', 'acme/backend', '--json', ...args],
    {
      env: { ...base, DOCKER_CONFIG: cw.dockerConfig, GITHUB_TOKEN: w.token, GITHUB_API_URL: w.standIn.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => out.push(c));
  child.stderr!.on('data', (c: Buffer) => err.push(c));
  const done = new Promise<Awaited<Run['done']>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
  return { child, done };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Member {
  /** repository in staging (the source) */
  source: string;
  /** repository in production (the target) */
  target: string;
  /** the staging immutable tag and its digest */
  tag: string;
  digest: string;
  /** the cosign signature tag and the OCI referrer pushed with it, when the image is signed */
  signed?: { sigTag: string; sigDigest: string; referrer: string };
}

interface Setup {
  version: string;
  commit: string;
  nextVersionTag: string;
  /** the CLI's image first, then the train's */
  members: Member[];
  args: string[];
  /** digests that differ from world to world by design (random signature bytes) → a name */
  labels: Record<string, string>;
}

interface Scenario {
  name: string;
  setup(cw: CrossWorld): Promise<Setup>;
}

/** Another image of the same build (a worker beside the api), as promotion-train.test.ts pushes it, with a seed: the same digest in every world. */
async function pushSibling(
  w: ReleaseWorld,
  repository: string,
  build: { version: string; commit: string; ts: number },
  kind: 'oci' | 'oci-index',
): Promise<{ tag: string; digest: string }> {
  const target: PushTarget = { url: w.registry.url };
  const tag = formatImmutableTag({
    env: 'staging',
    version: build.version,
    sha: build.commit.slice(0, 7),
    ts: build.ts,
  });
  const push = kind === 'oci-index' ? pushOciIndex : pushOciImage;
  const pushed = await push(target, repository, tag, {
    seed: `${repository}/${build.commit}/${build.ts}`,
    labels: { 'org.opencontainers.image.revision': build.commit },
  });
  await pushManifest(target, repository, 'staging', pushed.mediaType, pushed.bytes);
  return { tag, digest: pushed.digest };
}

/** The digest of the one layer of a referrer manifest. */
function bundleDigest(manifest: Buffer): string {
  return (JSON.parse(manifest.toString('utf8')) as { layers: { digest: string }[] }).layers[0]!.digest;
}

const SCENARIOS: Scenario[] = [
  {
    // One image, signed: a cosign `sha256-<hex>.sig` tag and an OCI referrer (a sigstore bundle).
    name: 'signed image',
    async setup(cw) {
      const w = cw.staging;
      await w.pushBuild({ version: '1.2.3', ts: STAGING_TS });
      const build = await w.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
      const push: PushTarget = { url: w.registry.url };
      const sig = await pushCosignTag(push, w.imageRepository, build.digest, 'sig');
      const manifest = await stagingClient(cw).getManifest(w.imageRepository, build.digest);
      const referrer = await pushReferrer(push, w.imageRepository, {
        digest: build.digest,
        mediaType: manifest.mediaType,
        size: manifest.bytes.length,
      });
      return {
        version: build.version,
        commit: build.commit,
        nextVersionTag: 'v1.2.5-next',
        members: [
          {
            source: w.imageRepository,
            target: 'prod/backend',
            tag: build.tag,
            digest: build.digest,
            signed: { sigTag: sig.tag, sigDigest: sig.digest, referrer: referrer.digest },
          },
        ],
        args: ['--to-image', `${cw.productionProxy.host}/prod/backend`],
        labels: {
          [sig.digest]: '<cosign signature>',
          [referrer.digest]: '<referrer>',
          // the sigstore bundle, the referrer's one layer, holds a random seed too
          [bundleDigest(referrer.bytes)]: '<referrer bundle>',
        },
      };
    },
  },
  {
    // A release train: the api (one image) and the worker (an OCI index with attestation
    // manifests), each into its own repository of production.
    name: 'two-image train',
    async setup(cw) {
      const w = cw.staging;
      const api = await w.pushBuild({ version: '2.0.0', ts: STAGING_TS + 120 });
      const worker = await pushSibling(w, 'acme/worker', api, 'oci-index');
      return {
        version: api.version,
        commit: api.commit,
        nextVersionTag: 'v2.0.1-next',
        members: [
          { source: w.imageRepository, target: 'prod/api', tag: api.tag, digest: api.digest },
          { source: 'acme/worker', target: 'prod/worker', tag: worker.tag, digest: worker.digest },
        ],
        args: [
          '--image',
          `${w.proxy!.host}/acme/worker`,
          '--to-image',
          `${cw.productionProxy.host}/prod/api`,
          '--to-image',
          `${cw.productionProxy.host}/prod/worker`,
        ],
        labels: {},
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// State

type Tags = Record<string, string>;

interface Snapshot {
  /** repository → tag → digest; a referrers fallback tag (`sha256-<hex>`) → the referrers its index lists */
  staging: Record<string, Tags>;
  production: Record<string, Tags>;
  /** production repository → the referrers of the member's digest there */
  referrers: Record<string, string[]>;
  refs: Record<string, string>;
  releases: { id: number; tag_name: string; draft: boolean; body: string; name: string | null; prerelease: boolean }[];
  latest?: string;
}

const FALLBACK_TAG = /^sha256-[0-9a-f]{64}$/;

async function repositoryTags(client: RegistryClient, repository: string): Promise<Tags> {
  const out: Tags = {};
  for (const tag of [...(await client.listTags(repository))].sort()) {
    if (FALLBACK_TAG.test(tag)) {
      // Its bytes are built from the referrers' random digests: what it lists is the state.
      const index = JSON.parse((await client.getManifest(repository, tag)).bytes.toString('utf8')) as {
        manifests?: { digest: string }[];
      };
      out[tag] = `referrers index [${(index.manifests ?? []).map((m) => m.digest).join(', ')}]`;
      continue;
    }
    const head = await client.headManifest(repository, tag);
    if (head) out[tag] = head.digest;
  }
  return out;
}

async function snapshot(cw: CrossWorld, setup: Setup): Promise<Snapshot> {
  const s = cw.staging.standIn.state;
  const latest = s.releases.find((r) => r.id === s.latestReleaseId)?.tag_name;
  const from = stagingClient(cw);
  const to = productionClient(cw);
  const staging: Snapshot['staging'] = {};
  const production: Snapshot['production'] = {};
  const referrers: Snapshot['referrers'] = {};
  for (const m of setup.members) {
    staging[m.source] = await repositoryTags(from, m.source);
    production[m.target] = await repositoryTags(to, m.target);
    referrers[m.target] = (await to.listReferrers(m.target, m.digest)).descriptors.map((d) => d.digest).sort();
  }
  return {
    staging,
    production,
    referrers,
    refs: Object.fromEntries([...s.refs.entries()].sort(([a], [b]) => a.localeCompare(b))),
    releases: s.releases.map((r) => ({
      id: r.id,
      tag_name: r.tag_name,
      draft: r.draft,
      body: r.body ?? '',
      name: r.name,
      prerelease: r.prerelease,
    })),
    ...(latest ? { latest } : {}),
  };
}

const isProductionImmutable = (tag: string) => parseImmutableTag(tag)?.env === 'production';

/** production immutable tags of `repository` in `after` that `before` did not have */
function newProductionTags(before: Snapshot, after: Snapshot, repository: string): string[] {
  const was = before.production[repository] ?? {};
  return Object.keys(after.production[repository] ?? {}).filter((t) => isProductionImmutable(t) && !(t in was));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The state with what legitimately differs between two worlds blanked out: the new production
 * tags' ts (the CLI's clock), the worlds' ports, the release times and the signature's random
 * digests. Digests of the images, commits and every other tag, ref and release field are kept.
 */
function normalised(cw: CrossWorld, setup: Setup, pre: Snapshot, s: Snapshot): string {
  const fresh = setup.members.flatMap((m) => newProductionTags(pre, s, m.target));
  const { releases, ...rest } = s;
  let text = JSON.stringify({
    ...rest,
    releases: releases.map(({ id: _id, ...r }) => r).sort((a, b) => a.tag_name.localeCompare(b.tag_name)),
  });
  const names: [string, string][] = [
    [cw.staging.proxy!.host, '<staging>'],
    [cw.productionProxy.host, '<production>'],
    [cw.staging.registry.host, '<staging registry>'],
    [cw.production.host, '<production registry>'],
    [cw.staging.standIn.url.replace(/^http:\/\//, ''), '<github>'],
  ];
  for (const [host, name] of names) text = text.replace(new RegExp(`${escape(host)}(?!\\d)`, 'g'), name);
  for (const [digest, label] of Object.entries(setup.labels)) text = text.split(digest).join(label);
  for (const tag of fresh) text = text.replace(new RegExp(`${escape(tag)}(?!\\d)`, 'g'), tag.replace(/-\d+$/, '-<ts>'));
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>');
}

/**
 * One request as the matrix counts it: ts of a new production tag, blob-upload ids and the
 * signature's random digests blanked.
 */
function requestKey(
  kind: 'staging' | 'production' | 'github',
  info: { method: string; path: string },
  labels: Record<string, string>,
): string {
  let path = info.path;
  for (const [digest, label] of Object.entries(labels)) path = path.split(digest).join(label);
  path = path
    .replace(/(production-v\d+\.\d+\.\d+-[0-9a-f]{7})-\d+/g, '$1-<ts>')
    .replace(/\/blobs\/uploads\/[^?]+(\?.*)?$/, '/blobs/uploads/<upload>');
  return `${kind} ${info.method} ${path}`;
}

// ---------------------------------------------------------------------------------------------
// One run: clean (killAt undefined) or killed at request killAt, then re-run

type Exit = Awaited<Run['done']>;

interface Outcome {
  pre: Snapshot;
  /** after the killed run; the clean run's end state when nothing was killed */
  killed: Snapshot;
  final: Snapshot;
  /** the requests of the first run, in order */
  requests: string[];
  first: Exit;
  rerun?: Exit;
  normal: string;
  setup: Setup;
  /** the Authorization headers each registry's proxy saw, over both runs */
  authorizations: { staging: string[]; production: string[] };
  violations: unknown[];
}

async function settle(
  cw: CrossWorld,
  counts: { staging: number; production: number; github: number },
  ghBase: number,
): Promise<void> {
  // The held request goes on once the kill is done: wait until the three servers have answered
  // every request they took (a registry's status arrives after its write).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stagingDone = cw.staging.proxy!.requests.filter((r) => r.status !== 0).length;
    const productionDone = cw.productionProxy.requests.filter((r) => r.status !== 0).length;
    const githubDone = cw.staging.standIn.requests.slice(ghBase).filter((r) => r.status !== undefined).length;
    if (stagingDone >= counts.staging && productionDone >= counts.production && githubDone >= counts.github) return;
    if (Date.now() > deadline)
      throw new Error(
        `the servers did not finish the held requests: staging ${stagingDone}/${counts.staging}, production ${productionDone}/${counts.production}, github ${githubDone}/${counts.github}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function runOnce(scenario: Scenario, killAt: number | undefined): Promise<Outcome> {
  const cw = await startCrossWorld();
  const w = cw.staging;
  try {
    const setup = await scenario.setup(cw);
    const pre = await snapshot(cw, setup);
    w.proxy!.reset();
    cw.productionProxy.reset();
    const ghBase = w.standIn.requests.length;
    const requests: string[] = [];
    const counts = { staging: 0, production: 0, github: 0 };
    const run = startCli(cw, setup.args);
    // Set in the same tick as the spawn, so before the CLI's first request can arrive.
    let killing: Promise<unknown> | undefined;
    const hook = (kind: 'staging' | 'production' | 'github') => async (info: { method: string; path: string }) => {
      if (killing) return; // a request that slipped in while the process was dying
      counts[kind]++;
      if (requests.push(requestKey(kind, info, setup.labels)) !== killAt) return;
      // Held until the process is dead; then the request is handled, and its answer goes nowhere.
      killing = run.done;
      run.child.kill('SIGKILL');
      await killing;
    };
    w.proxy!.onRequest = hook('staging');
    cw.productionProxy.onRequest = hook('production');
    w.standIn.onRequest = hook('github');
    const first = await run.done;
    await settle(cw, counts, ghBase);
    delete w.proxy!.onRequest;
    delete cw.productionProxy.onRequest;
    delete w.standIn.onRequest;
    const killed = await snapshot(cw, setup);
    let final = killed;
    let rerun: Exit | undefined;
    if (killAt !== undefined) {
      rerun = await startCli(cw, setup.args).done;
      final = await snapshot(cw, setup);
    }
    const authorizations = {
      staging: w.proxy!.requests.flatMap((r) => (r.authorization ? [r.authorization] : [])),
      production: cw.productionProxy.requests.flatMap((r) => (r.authorization ? [r.authorization] : [])),
    };
    return {
      pre,
      killed,
      final,
      requests,
      first,
      ...(rerun ? { rerun } : {}),
      normal: normalised(cw, setup, pre, final),
      setup,
      authorizations,
      violations: [...w.standIn.violations],
    };
  } finally {
    await cw.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants

function check(name: string, ok: boolean, detail: () => unknown, problems: string[]): void {
  if (!ok) problems.push(`${name}: ${JSON.stringify(detail())}`);
}

/** What must hold of any state a promotion (killed or not) leaves. */
function stateInvariants(label: string, o: Outcome, s: Snapshot, problems: string[]): void {
  for (const m of o.setup.members) {
    // Production tags in the target name only digests that a staging tag of the source names.
    const stagingDigests = new Set(
      Object.entries(s.staging[m.source] ?? {})
        .filter(([t]) => parseImmutableTag(t)?.env === 'staging')
        .map(([, d]) => d),
    );
    const orphans = Object.entries(s.production[m.target] ?? {}).filter(
      ([t, d]) => (t === 'production' || isProductionImmutable(t)) && !stagingDigests.has(d),
    );
    check(
      `${label}: no production tag in ${m.target} on a digest no staging tag of ${m.source} has`,
      orphans.length === 0,
      () => orphans,
      problems,
    );
    // What Flux deploys is complete and verifiable from its first moment in the target: the
    // signature tag and the referrer are there before any tag names the image.
    const tagged = Object.entries(s.production[m.target] ?? {}).some(
      ([t, d]) => (t === 'production' || isProductionImmutable(t)) && d === m.digest,
    );
    if (m.signed && tagged) {
      check(
        `${label}: ${m.target} holds the signature tag and the referrer once a production tag names the image`,
        s.production[m.target]![m.signed.sigTag] === m.signed.sigDigest &&
          JSON.stringify(s.referrers[m.target]) === JSON.stringify([m.signed.referrer]),
        () => ({ sig: s.production[m.target]![m.signed!.sigTag], referrers: s.referrers[m.target] }),
        problems,
      );
    }
  }
  // The CLI never writes to the source: staging is as the setup left it.
  check(
    `${label}: staging is as the setup left it`,
    JSON.stringify(s.staging) === JSON.stringify(o.pre.staging),
    () => ({ before: o.pre.staging, after: s.staging }),
    problems,
  );
  // An immutable tag is never moved nor removed: from the setup's state, nor from the killed run's.
  for (const [fromLabel, from] of [
    ['setup', o.pre],
    ['killed run', o.killed],
  ] as const) {
    const moved: string[] = [];
    for (const side of ['staging', 'production'] as const) {
      for (const [repository, tags] of Object.entries(from[side])) {
        for (const [t, d] of Object.entries(tags)) {
          if (parseImmutableTag(t) && s[side][repository]?.[t] !== d)
            moved.push(`${repository}:${t}: ${d} → ${s[side][repository]?.[t]}`);
        }
      }
    }
    check(
      `${label}: no immutable tag of the ${fromLabel}'s state moved or vanished`,
      moved.length === 0,
      () => moved,
      problems,
    );
    if (from === s) break;
  }
  const drafts = s.releases.filter((r) => r.draft).map((r) => r.tag_name);
  check(`${label}: no draft release`, drafts.length === 0, () => drafts, problems);
}

/** Each registry its own credentials: bob's never reach staging, and production sees bob's only. */
function credentialInvariants(label: string, o: Outcome, problems: string[]): void {
  const bobs = o.authorizations.staging.filter(
    (a) =>
      a === BOB_BASIC ||
      a.includes(BOB.password) ||
      Buffer.from(a.replace(/^\S+\s+/, ''), 'base64')
        .toString('utf8')
        .includes(BOB.password),
  );
  check(`${label}: no credential of production reached the staging proxy`, bobs.length === 0, () => bobs, problems);
  // staging has no auth: a client has nothing to send it
  check(
    `${label}: the staging proxy saw no Authorization header at all`,
    o.authorizations.staging.length === 0,
    () => [...new Set(o.authorizations.staging)].map((a) => a.slice(0, 12) + '…'),
    problems,
  );
  const others = o.authorizations.production.filter((a) => a !== BOB_BASIC);
  check(
    `${label}: the production proxy saw bob's credentials only`,
    others.length === 0 && o.authorizations.production.length > 0,
    () => ({ seen: o.authorizations.production.length, others: others.map((a) => a.slice(0, 12) + '…') }),
    problems,
  );
}

/** What must hold after a killed run alone: the order's promises (GitHub's refusable write first). */
function killedInvariants(o: Outcome, problems: string[]): void {
  const { pre, killed, setup } = o;
  const refName = `refs/tags/v${setup.version}`;
  const refAtCommit = killed.refs[refName] === setup.commit;
  const fresh = Object.fromEntries(setup.members.map((m) => [m.target, newProductionTags(pre, killed, m.target)]));
  const anyFresh = Object.values(fresh).some((f) => f.length > 0);
  check(
    `killed run: a production immutable tag only once ${refName} is at the commit`,
    !anyFresh || refAtCommit,
    () => ({ fresh, ref: killed.refs[refName] }),
    problems,
  );
  // "The release tag vX.Y.Z is the first write" (docs/promotion.md "Concurrency"): no tag at all
  // (signature, referrers index, alias) lands in production before it.
  const written = setup.members.flatMap((m) =>
    Object.keys(killed.production[m.target] ?? {})
      .filter((t) => pre.production[m.target]?.[t] === undefined)
      .map((t) => `${m.target}:${t}`),
  );
  check(
    `killed run: nothing tagged in production before ${refName} is at the commit`,
    written.length === 0 || refAtCommit,
    () => ({ written, ref: killed.refs[refName] }),
    problems,
  );
  for (const m of setup.members) {
    const mine = fresh[m.target]!;
    const tags = killed.production[m.target] ?? {};
    check(`killed run: at most one new production tag in ${m.target}`, mine.length <= 1, () => mine, problems);
    check(
      `killed run: the alias in ${m.target} is moved before the production tag is written`,
      mine.length === 0 || tags.production === m.digest,
      () => ({ fresh: mine, alias: tags.production }),
      problems,
    );
    check(
      `killed run: a new production tag in ${m.target} is the build`,
      mine.every((t) => tags[t] === m.digest),
      () => mine.map((t) => [t, tags[t]]),
      problems,
    );
  }
  const released = killed.releases.some((r) => r.tag_name === `v${setup.version}`);
  const allTagged = setup.members.every((m) => fresh[m.target]!.length === 1);
  check(
    'killed run: the release only once every image of the promotion has its production tag',
    !released || allTagged,
    () => ({ released, fresh }),
    problems,
  );
  const nextTags = Object.keys(killed.refs).filter((r) => r.endsWith('-next') && !(r in pre.refs));
  check(
    'killed run: the next-version tag only after the release',
    nextTags.length === 0 || released,
    () => ({ nextTags, released }),
    problems,
  );
  check(
    `killed run: Latest is the release it was, or v${setup.version} once that is released`,
    killed.latest === pre.latest || (released && killed.latest === `v${setup.version}`),
    () => ({ before: pre.latest, after: killed.latest }),
    problems,
  );
}

/** What must hold at the end of a promotion that finished (the clean run, or a re-run). */
function finalInvariants(label: string, o: Outcome, problems: string[]): void {
  const { pre, final, setup } = o;
  const targets: string[] = [];
  for (const m of setup.members) {
    const tags = final.production[m.target] ?? {};
    const fresh = newProductionTags(pre, final, m.target);
    check(`${label}: exactly one new production tag in ${m.target}`, fresh.length === 1, () => fresh, problems);
    const target = fresh[0];
    if (target) {
      targets.push(target);
      const parsed = parseImmutableTag(target)!;
      check(
        `${label}: the new production tag in ${m.target} is the build, digest identical`,
        tags[target] === m.digest && parsed.version === setup.version && parsed.sha === setup.commit.slice(0, 7),
        () => ({ target, digest: tags[target] }),
        problems,
      );
      const pick = fluxPick(Object.keys(tags), 'production');
      check(
        `${label}: Flux's production policy on ${m.target} picks it`,
        pick.ok && pick.tag === target && pick.ties.length === 0,
        () => pick,
        problems,
      );
    }
    check(
      `${label}: the production alias in ${m.target} is the build`,
      tags.production === m.digest,
      () => tags.production,
      problems,
    );
    if (m.signed) {
      check(
        `${label}: the signature tag in ${m.target} has its own digest unchanged`,
        tags[m.signed.sigTag] === m.signed.sigDigest,
        () => tags[m.signed!.sigTag],
        problems,
      );
      check(
        `${label}: the referrer is listed for the image in ${m.target}`,
        JSON.stringify(final.referrers[m.target]) === JSON.stringify([m.signed.referrer]),
        () => final.referrers[m.target],
        problems,
      );
    }
  }
  const releases = final.releases.filter((r) => r.tag_name === `v${setup.version}`);
  check(`${label}: exactly one release v${setup.version}`, releases.length === 1, () => releases.length, problems);
  check(
    `${label}: ref v${setup.version} at the build's commit`,
    final.refs[`refs/tags/v${setup.version}`] === setup.commit,
    () => final.refs[`refs/tags/v${setup.version}`],
    problems,
  );
  check(
    `${label}: ${setup.nextVersionTag} at the build's commit`,
    final.refs[`refs/tags/${setup.nextVersionTag}`] === setup.commit,
    () => final.refs[`refs/tags/${setup.nextVersionTag}`],
    problems,
  );
  check(`${label}: v${setup.version} is Latest`, final.latest === `v${setup.version}`, () => final.latest, problems);
  const lineage = parseLineage(releases[0]?.body ?? '');
  const [first] = setup.members as [Member];
  // The lineage names the target image (its port is this world's) and where it came from.
  check(
    `${label}: the lineage names the production tag, digest, commit and source image`,
    lineage?.targetTag === targets[0] &&
      lineage.digest === first.digest &&
      lineage.commit === setup.commit &&
      lineage.image.endsWith(`/${first.target}`) &&
      lineage.sourceImage?.endsWith(`/${first.source}`) === true,
    () => lineage,
    problems,
  );
  if (setup.members.length > 1) {
    check(
      `${label}: the lineage lists every image of the train with its digest and tags`,
      JSON.stringify(
        lineage?.images?.map((i) => [i.image.replace(/^[^/]+\//, ''), i.digest, i.sourceTag, i.targetTag]),
      ) === JSON.stringify(setup.members.map((m, i) => [m.target, m.digest, m.tag, targets[i]])),
      () => lineage?.images,
      problems,
    );
  }
  check(`${label}: the stand-in saw only valid requests`, o.violations.length === 0, () => o.violations, problems);
}

/** At most CONCURRENCY worlds at once, across the scenarios (which run concurrently). */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<R>(fn: () => Promise<R>): Promise<R> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/**
 * The kill points: every k when asked (or when there are few), else a spread sample of about
 * `sample`. A kill at k leaves requests 1..k landed, so the states a kill can leave differ by the
 * writes landed: every tag or ref written (a manifest PUT, a GitHub write) is a kill point, and so
 * are the first and the last request; the other writes (blob uploads) and the reads fill the rest,
 * half each, evenly spread.
 */
function killPoints(requests: readonly string[], sample: number, all: boolean): number[] {
  const n = requests.length;
  const every = Array.from({ length: n }, (_, i) => i + 1);
  if (all || n <= sample) return every;
  const chosen = new Set<number>([1, n]);
  const tagOrRef = /^(production PUT \/v2\/.+\/manifests\/|github (POST|PATCH|PUT|DELETE) )/;
  const write = /^\S+ (POST|PATCH|PUT|DELETE) /;
  for (const k of every) if (tagOrRef.test(requests[k - 1]!)) chosen.add(k);
  const spread = (from: number[], count: number) => {
    const room = Math.min(from.length, Math.max(0, count));
    for (let j = 0; j < room; j++) chosen.add(from[Math.floor(((j + 0.5) * from.length) / room)]!);
  };
  const room = sample - chosen.size;
  spread(
    every.filter((k) => !chosen.has(k) && write.test(requests[k - 1]!)),
    Math.ceil(room / 2),
  );
  spread(
    every.filter((k) => !chosen.has(k) && !write.test(requests[k - 1]!)),
    sample - chosen.size,
  );
  return [...chosen].sort((a, b) => a - b);
}

describe('promotion into another registry killed (SIGKILL) at its requests, then run again', () => {
  for (const scenario of SCENARIOS) {
    it.concurrent(
      `${scenario.name}: every kill point converges on the clean run's state`,
      async () => {
        const clean = await slot(() => runOnce(scenario, undefined));
        expect({ code: clean.first.code, stderr: clean.first.stderr.slice(0, 2000) }).toEqual({
          code: 0,
          stderr: expect.any(String),
        });
        expect((JSON.parse(clean.first.stdout) as { result: string }).result).toBe('promoted');
        const problems: string[] = [];
        stateInvariants('clean run', clean, clean.final, problems);
        finalInvariants('clean run', clean, problems);
        credentialInvariants('clean run', clean, problems);
        expect(problems).toEqual([]);
        const n = clean.requests.length;
        expect(n).toBeGreaterThan(20);

        const points = killPoints(clean.requests, SAMPLE, ALL);
        const results = await Promise.all(
          points.map((k) =>
            slot(async () => {
              const found: string[] = [];
              let o: Outcome;
              try {
                o = await runOnce(scenario, k);
              } catch (err) {
                return { k, partial: false, problems: [`kill point ${k}/${n}: did not run: ${String(err)}`] };
              }
              const at = `${k}/${n} (${o.requests[k - 1] ?? clean.requests[k - 1]})`;
              // Requests that do not depend on one another go out together (the blobs, the two images
              // of a train), so their order of arrival varies from run to run: the killed run must
              // have made k of the clean run's requests (as a multiset), the k-th being the one held.
              check(
                "the killed run made k of the clean run's requests",
                o.requests.length === k && isSubMultiset(o.requests, clean.requests),
                () => o.requests,
                found,
              );
              check('the first run was killed', o.first.signal === 'SIGKILL', () => o.first, found);
              killedInvariants(o, found);
              stateInvariants('killed run', o, o.killed, found);
              const rerun = o.rerun!;
              let result: string | undefined;
              try {
                result = (JSON.parse(rerun.stdout) as { result?: string }).result;
              } catch {
                result = undefined;
              }
              check(
                're-run: exit 0, promoted or unchanged',
                rerun.code === 0 && (result === 'promoted' || result === 'unchanged'),
                () => ({ code: rerun.code, result, stderr: rerun.stderr.slice(0, 2000) }),
                found,
              );
              stateInvariants('re-run', o, o.final, found);
              finalInvariants('re-run', o, found);
              credentialInvariants('killed run and re-run', o, found);
              for (const m of o.setup.members) {
                const killedTag = newProductionTags(o.pre, o.killed, m.target)[0];
                if (!killedTag) continue;
                check(
                  `re-run: reuses the production tag the killed run wrote in ${m.target} (Flux already picks it)`,
                  JSON.stringify(newProductionTags(o.pre, o.final, m.target)) === JSON.stringify([killedTag]),
                  () => ({ killed: killedTag, final: newProductionTags(o.pre, o.final, m.target) }),
                  found,
                );
              }
              check(
                "re-run: the state equals the clean run's (but for the new production tags' ts)",
                o.normal === clean.normal,
                () => ({ rerun: o.normal, clean: clean.normal }),
                found,
              );
              // Something the killed run wrote is visible (a ref, a tag, a release) and the re-run had to finish it.
              const [pre, killed, final] = [o.pre, o.killed, o.final].map((s) => JSON.stringify(s));
              const partial = killed !== pre && killed !== final;
              return { k, partial, problems: found.map((p) => `kill point ${at}: ${p}`) };
            }),
          ),
        );
        const failed = results.filter((r) => r.problems.length > 0);
        const partial = results.filter((r) => r.partial).length;
        tally.push({
          scenario: scenario.name,
          requests: n,
          points: points.length,
          converged: points.length - failed.length,
          partial,
        });
        expect(failed.flatMap((r) => r.problems)).toEqual([]);
      },
      600_000,
    );
  }
});

/** Every item of `part` is in `whole`, as many times at least. */
function isSubMultiset(part: readonly string[], whole: readonly string[]): boolean {
  const left = new Map<string, number>();
  for (const w of whole) left.set(w, (left.get(w) ?? 0) + 1);
  for (const p of part) {
    const n = left.get(p) ?? 0;
    if (n === 0) return false;
    left.set(p, n - 1);
  }
  return true;
}
