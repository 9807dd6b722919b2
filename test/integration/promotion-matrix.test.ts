import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import semver from 'semver';
import { createGitHubClient, type GitHubClient } from '../../packages/github/client.js';
import {
  fluxPick,
  runPromotion,
  type PromotionAccount,
  type PromotionRequest,
} from '../../packages/promotion/index.js';
import type { PromotionServices } from '../../packages/promotion/plan.js';
import type { RegistryClientFactory } from '../../packages/promotion/registry-clients.js';
import { RegistryClient } from '../../packages/registry/index.js';
import { formatImmutableTag, parseImmutableTag } from '../../packages/tagging/tags.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.js';
import { startGitHubStandIn, type StandIn, type StandInFault } from '../support/github-standin.js';
import { pushDockerImage, pushManifest, pushOciImage, pushOciIndex, type PushTarget } from '../support/images.js';
import { DEFAULT_NOW, fastRetry } from '../support/release-world.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * The promotion fault matrix: a few hundred promotions, each from a fixed seed (same seed, same
 * world, same faults), with faults injected at random on the registry (through the fault proxy)
 * and on the GitHub API stand-in, each checked against the invariants of a promotion:
 *
 * 1. the first run ends promoted, or refused/failed with an account that says it did not finish;
 *    after a clean re-run the state is the promoted one (production immutable tag and alias at the
 *    staging digest, vX.Y.Z at the staging commit, one release, the next-version tag);
 * 2. no production tag ever points at a digest no staging tag has;
 * 3. never two releases of one version;
 * 4. an immutable `<env>-v…` tag never moves;
 * 5. an account saying nothing changed (`changed: false`) leaves the registry and GitHub as they were.
 *
 * One registry serves every case (a repository of its own per case); each case has its own fault
 * proxy and stand-in, and cases run several at a time. GitHub's rate-limit waits (a minute and more
 * for a secondary limit) run on a virtual clock: the client's `sleep` advances it. A failure names
 * its seed, the scenario and the accounts; PROMOTION_MATRIX_SEEDS=7,42 runs those seeds alone.
 */

const CASES = 240;
const BATCHES = 10;
const CONCURRENCY = 8;
/** Registry idle timeout and GitHub request timeout: what ends a request left unanswered. */
const TIMEOUT_MS = 750;
const TOKEN = 'matrix-token';

/** A small seeded PRNG (mulberry32): same seed, same sequence. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function rngOf(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// Scenarios: a pure function of the seed

/** Which registry requests a fault hits, by method and path (the case's repository only). */
const REGISTRY_TARGETS = {
  'any request': () => true,
  'GET tags/list': (m: string, p: string) => m === 'GET' && p.includes('/tags/list'),
  'HEAD manifest': (m: string, p: string) => m === 'HEAD' && p.includes('/manifests/'),
  'GET manifest': (m: string, p: string) => m === 'GET' && p.includes('/manifests/'),
  'PUT alias': (m: string, p: string) => m === 'PUT' && p.endsWith('/manifests/production'),
  'PUT immutable tag': (m: string, p: string) => m === 'PUT' && p.includes('/manifests/production-v'),
  'POST blob upload': (m: string, p: string) => m === 'POST' && p.includes('/blobs/uploads/'),
  'DELETE blob upload': (m: string, p: string) => m === 'DELETE' && p.includes('/blobs/uploads/'),
  'GET blob': (m: string, p: string) => m === 'GET' && p.includes('/blobs/sha256:'),
} as const;
type RegistryTarget = keyof typeof REGISTRY_TARGETS;

const REGISTRY_FAULTS: Record<string, Omit<Fault, 'match' | 'times'>> = {
  '429 Retry-After': { status: 429, headers: { 'retry-after': '1' } },
  '429': { status: 429 },
  '500': { status: 500 },
  '502': { status: 502 },
  '503': { status: 503 },
  'drop before response': { drop: 'before-response' },
  'drop mid-body': { drop: 'mid-body' },
  'never answer': { drop: 'never-answer' },
  'stall mid-body': { drop: 'stall-mid-body' },
};

/** The operations a promotion calls (repos/get-content only after a 403/404 of a write). */
const GITHUB_OPERATIONS = [
  'git/get-ref',
  'git/list-matching-refs',
  'repos/get-commit',
  'git/create-ref',
  'repos/list-releases',
  'repos/get-release-by-tag',
  'repos/get-release',
  'repos/create-release',
  'repos/update-release',
  'repos/generate-release-notes',
] as const;

const SECONDARY = {
  message:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
  documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
};

const GITHUB_FAULTS: Record<string, Omit<StandInFault, 'operationId' | 'times'>> = {
  '429 retry-after': { status: 429, headers: { 'retry-after': '1' } },
  '429': { status: 429 },
  '403 secondary retry-after': { status: 403, headers: { 'retry-after': '2' }, body: SECONDARY },
  '403 secondary': { status: 403, body: SECONDARY },
  '500': { status: 500 },
  '502': { status: 502 },
  drop: { drop: true },
  'cut (answered, then cut)': { cut: true },
  hang: { hang: true },
  slow: { delayMs: 150 },
};

interface BuildSpec {
  version: string;
  /** a rebuild of the previous build's commit (another ts, another digest) */
  sameCommit: boolean;
  kind: 'oci' | 'docker' | 'oci-index';
}

interface FaultSpec {
  on: 'registry' | 'github';
  target: string;
  fault: string;
  times: number;
}

interface Scenario {
  seed: number;
  /** versions released before the case (1.0.0, 1.0.1, …) */
  priors: number;
  builds: BuildSpec[];
  /** 'latest', or the index of the build named by its tag */
  source: 'latest' | number;
  bump: 'patch' | 'minor' | 'none';
  latencyMs: number;
  faults: FaultSpec[];
  /** run again after a first run that promoted too (one that did not is always run again) */
  rerunAfterPromoted: boolean;
  /** someone prepared the release as a draft (with notes of their own) */
  draft: boolean;
  /** the release tag is at the commit already, with no release (a release tag pushed by hand) */
  preTagged: boolean;
}

function scenario(seed: number): Scenario {
  const rng = rngOf(seed);
  const priors = rng.pick([0, 0, 1, 1, 2]);
  const base = `1.0.${priors}`;
  const builds: BuildSpec[] = [];
  for (let i = rng.pick([1, 1, 2, 2, 3]); i > 0; i--) {
    builds.push({
      version: rng.chance(0.25) ? semver.inc(base, 'minor')! : base,
      sameCommit: builds.length > 0 && rng.chance(0.2),
      kind: rng.pick(['oci', 'oci', 'oci', 'oci', 'docker', 'docker', 'docker', 'docker', 'oci-index'] as const),
    });
  }
  const source = rng.chance(0.5) ? 'latest' : rng.int(0, builds.length - 1);
  const bump = rng.pick(['patch', 'patch', 'minor', 'none'] as const);
  const latencyMs = rng.chance(0.2) ? rng.int(1, 15) : 0;
  const faults: FaultSpec[] = [];
  for (let n = rng.pick([0, 1, 1, 2, 2, 3, 4]); n > 0; n--) {
    const times = rng.pick([1, 1, 1, 2, 3]);
    if (rng.chance(0.5)) {
      faults.push({
        on: 'registry',
        target: rng.pick(Object.keys(REGISTRY_TARGETS)),
        fault: rng.pick(Object.keys(REGISTRY_FAULTS)),
        times,
      });
    } else {
      faults.push({
        on: 'github',
        target: rng.pick(GITHUB_OPERATIONS),
        fault: rng.pick(Object.keys(GITHUB_FAULTS)),
        times,
      });
    }
  }
  const rerunAfterPromoted = rng.chance(0.25);
  const draft = rng.chance(0.2);
  const preTagged = rng.chance(0.15);
  return { seed, priors, builds, source, bump, latencyMs, faults, rerunAfterPromoted, draft, preTagged };
}

// ---------------------------------------------------------------------------------------------
// The shared registry, and one world per case

let registry: TestRegistry | undefined;

beforeAll(async () => {
  registry = await startRegistry();
}, 30_000);

interface Build {
  version: string;
  commit: string;
  ts: number;
  tag: string;
  digest: string;
}

interface State {
  tags: Record<string, string>;
  github: string;
}

interface CaseWorld {
  repository: string;
  proxy: FaultProxy;
  standIn: StandIn;
  image: string;
  /** a GitHub client to set up the world with (before any fault is injected) */
  setup: GitHubClient;
  stop(): Promise<void>;
}

async function startCase(seed: number): Promise<CaseWorld> {
  const reg = registry!;
  const proxy = await startFaultProxy(reg.url);
  let standIn: StandIn;
  try {
    standIn = await startGitHubStandIn({ token: TOKEN });
  } catch (err) {
    await proxy.stop();
    throw err;
  }
  const repository = `matrix/case-${seed}`;
  return {
    repository,
    proxy,
    standIn,
    image: `${proxy.host}/${repository}`,
    setup: createGitHubClient({ token: TOKEN, apiUrl: standIn.url, retryPolicy: fastRetry }),
    async stop() {
      await standIn.close();
      await proxy.stop();
    },
  };
}

/** Promotion services as a fresh process would have them: new clients, GitHub's waits on a virtual clock. */
function servicesFor(w: CaseWorld, now: number): PromotionServices {
  let clock = now * 1000;
  const github = createGitHubClient({
    token: TOKEN,
    apiUrl: w.standIn.url,
    retryPolicy: fastRetry,
    requestTimeoutMs: TIMEOUT_MS,
    sleep: async (ms) => {
      clock += ms;
    },
    now: () => clock,
  });
  const clients = new Map<string, RegistryClient>();
  const factory: RegistryClientFactory = async (host) => {
    let client = clients.get(host);
    if (!client) {
      client = new RegistryClient(host, {
        retry: fastRetry,
        access: 'push',
        idleTimeoutMs: TIMEOUT_MS,
        connectTimeoutMs: 5_000,
      });
      clients.set(host, client);
    }
    return client;
  };
  return { clients: factory, github, nowSeconds: () => now };
}

async function pushBuild(
  w: CaseWorld,
  opts: { version: string; ts: number; commit?: string; kind: BuildSpec['kind'] },
): Promise<Build & { mediaType: string; bytes: Buffer }> {
  const target: PushTarget = { url: registry!.url };
  const commit = opts.commit ?? w.standIn.addCommit();
  const sha = commit.slice(0, 7);
  const tag = formatImmutableTag({ env: 'staging', version: opts.version, sha, ts: opts.ts });
  const push = opts.kind === 'docker' ? pushDockerImage : opts.kind === 'oci-index' ? pushOciIndex : pushOciImage;
  const pushed = await push(target, w.repository, tag, {
    seed: `${w.repository}/${commit}/${opts.ts}`,
    labels: { 'org.opencontainers.image.revision': commit },
  });
  for (const alias of ['staging', sha]) {
    await pushManifest(target, w.repository, alias, pushed.mediaType, pushed.bytes);
  }
  return {
    version: opts.version,
    commit,
    ts: opts.ts,
    tag,
    digest: pushed.digest,
    mediaType: pushed.mediaType,
    bytes: pushed.bytes,
  };
}

/**
 * Version 1.0.k released as a promotion leaves it (the staging build, its production tag, the
 * alias when it is the newest, the tag ref, the release, the next-version tag), written directly:
 * quicker than promoting it, and the matrix's promotions are the ones under test.
 */
async function priorRelease(w: CaseWorld, k: number, newest: boolean): Promise<void> {
  const version = `1.0.${k}`;
  const build = await pushBuild(w, { version, ts: 1_600_000_000 + k * 100, kind: 'oci' });
  const target: PushTarget = { url: registry!.url };
  const sha = build.commit.slice(0, 7);
  const production = formatImmutableTag({ env: 'production', version, sha, ts: DEFAULT_NOW - 100_000 + k * 100 });
  for (const tag of newest ? [production, 'production'] : [production])
    await pushManifest(target, w.repository, tag, build.mediaType, build.bytes);
  w.standIn.addTag(`v${version}`, build.commit);
  w.standIn.addTag(`v1.0.${k + 1}-next`, build.commit);
  await w.setup.rest.repos.createRelease({
    owner: w.standIn.owner,
    repo: w.standIn.repo,
    tag_name: `v${version}`,
    name: `v${version}`,
    body: `Released ${build.digest} as ${production}.`,
    make_latest: 'true',
  });
}

/**
 * Every tag of the case's repository → its digest, read from the registry's own storage: neither
 * through the proxy nor its faults, and without an HTTP request per tag.
 */
async function tagDigests(repository: string): Promise<Record<string, string>> {
  // distribution's storage layout: …/repositories/<name>/_manifests/tags/<tag>/current/link holds the digest.
  const dir = join(registry!.dataDir, 'docker/registry/v2/repositories', repository, '_manifests/tags');
  const tags = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const out: Record<string, string> = {};
  for (const tag of tags.sort()) {
    const link = await readFile(join(dir, tag, 'current/link'), 'utf8').catch(() => undefined);
    if (link !== undefined) out[tag] = link.trim();
  }
  return out;
}

async function stateOf(w: CaseWorld): Promise<State> {
  return { tags: await tagDigests(w.repository), github: w.standIn.snapshot() };
}

function request(w: CaseWorld, source: string, bump: Scenario['bump']): PromotionRequest {
  return { image: w.image, source, repository: { owner: w.standIn.owner, repo: w.standIn.repo }, bump };
}

// ---------------------------------------------------------------------------------------------
// Invariants

class InvariantError extends Error {}

const totals = {
  cases: 0,
  checks: 0,
  first: { promoted: 0, failed: 0, refused: 0, other: 0 },
  rerun: { promoted: 0, unchanged: 0, other: 0 },
  faultsInjected: 0,
  faultyAnswers: 0,
};

function describeAccount(a: PromotionAccount): string {
  return `${a.result} (changed ${a.changed}): ${a.title}${a.error ? ` — ${a.error.kind}: ${a.error.message}` : ''}; steps ${a.steps
    .map((s) => `${s.step}=${s.state}`)
    .join(', ')}`;
}

/** One invariant, checked: counted when it holds, an InvariantError naming it when not. */
function hold(checks: { count: number }, name: string, ok: boolean, detail: () => string): void {
  if (!ok) throw new InvariantError(`invariant ${name} failed: ${detail()}`);
  checks.count++;
}

const isImmutable = (tag: string) => parseImmutableTag(tag) !== undefined;

function releasesOf(github: string): { id: number; tag_name: string; draft: boolean; body?: string | null }[] {
  return (JSON.parse(github) as { releases: { id: number; tag_name: string; draft: boolean; body?: string | null }[] })
    .releases;
}

function refsOf(github: string): Map<string, string> {
  return new Map((JSON.parse(github) as { refs: [string, string][] }).refs);
}

/** 2, 3 and 4 on a state, against the state before it. */
function checkAlways(checks: { count: number }, previous: State, now: State): void {
  const stagingDigests = new Set(
    Object.entries(now.tags)
      .filter(([t]) => parseImmutableTag(t)?.env === 'staging')
      .map(([, d]) => d),
  );
  const strays = Object.entries(now.tags).filter(
    ([t, d]) => (t === 'production' || t.startsWith('production-')) && !stagingDigests.has(d),
  );
  hold(checks, '2 (production only at staging digests)', strays.length === 0, () => JSON.stringify(strays));

  const byVersion = new Map<string, number>();
  for (const r of releasesOf(now.github)) byVersion.set(r.tag_name, (byVersion.get(r.tag_name) ?? 0) + 1);
  const doubled = [...byVersion].filter(([, n]) => n > 1);
  hold(checks, '3 (one release per version)', doubled.length === 0, () => JSON.stringify(doubled));

  const moved = Object.entries(previous.tags).filter(([t, d]) => isImmutable(t) && now.tags[t] !== d);
  hold(checks, '4 (immutable tags never move)', moved.length === 0, () =>
    JSON.stringify(moved.map(([t, d]) => ({ tag: t, was: d, now: now.tags[t] ?? '(gone)' }))),
  );
}

/** 5: an account saying nothing changed left everything as it was. */
function checkUnchanged(checks: { count: number }, account: PromotionAccount, before: State, after: State): void {
  if (account.changed) return;
  hold(
    checks,
    '5 (changed: false means nothing changed)',
    isDeepStrictEqual(before.tags, after.tags) && before.github === after.github,
    () =>
      `registry before ${JSON.stringify(before.tags)} after ${JSON.stringify(after.tags)}; github before ${before.github} after ${after.github}`,
  );
}

/** 1: the promoted state of `build` (`before`: the state before the case's first run). */
function checkPromoted(
  checks: { count: number },
  s: Scenario,
  build: Build,
  before: State,
  now: State,
  standIn: StandIn,
): void {
  const problems: string[] = [];
  const created = Object.keys(now.tags).filter(
    (t) => parseImmutableTag(t)?.env === 'production' && !(t in before.tags),
  );
  if (created.length !== 1) problems.push(`new production tags: ${JSON.stringify(created)} (expected one)`);
  const target = created[0];
  const parsed = target ? parseImmutableTag(target) : undefined;
  if (target && now.tags[target] !== build.digest)
    problems.push(`${target} → ${now.tags[target]}, not the staging digest ${build.digest}`);
  if (parsed && (parsed.version !== build.version || parsed.sha !== build.commit.slice(0, 7)))
    problems.push(`${target} names ${parsed.version}/${parsed.sha}, not ${build.version}/${build.commit.slice(0, 7)}`);
  const pick = fluxPick(Object.keys(now.tags), 'production');
  if (!pick.ok || pick.tag !== target) problems.push(`Flux picks ${pick.ok ? pick.tag : pick.error}, not ${target}`);
  if (now.tags.production !== build.digest)
    problems.push(`alias production → ${now.tags.production}, not ${build.digest}`);
  // Nothing else in the registry changed.
  for (const [t, d] of Object.entries(before.tags))
    if (t !== 'production' && now.tags[t] !== d) problems.push(`${t} was ${d}, is ${now.tags[t]}`);
  for (const t of Object.keys(now.tags))
    if (!(t in before.tags) && t !== target && t !== 'production') problems.push(`unexpected new tag ${t}`);

  const refs = refsOf(now.github);
  const refsBefore = refsOf(before.github);
  const releaseTag = `v${build.version}`;
  if (refs.get(`refs/tags/${releaseTag}`) !== build.commit)
    problems.push(`${releaseTag} → ${refs.get(`refs/tags/${releaseTag}`)}, not ${build.commit}`);
  const releases = releasesOf(now.github).filter((r) => r.tag_name === releaseTag);
  if (releases.length !== 1 || releases[0]!.draft)
    problems.push(`releases of ${releaseTag}: ${JSON.stringify(releases.map((r) => ({ id: r.id, draft: r.draft })))}`);
  const release = releases[0];
  if (release && target && !(release.body?.includes(build.digest) && release.body.includes(target)))
    problems.push(`the release's lineage does not name both ${build.digest} and ${target}: ${release.body}`);
  if (release && s.draft && !release.body?.startsWith('Notes written by hand before the promotion.'))
    problems.push(`the draft's own notes were lost: ${release.body}`);
  if (release && standIn.state.latestReleaseId !== release.id)
    problems.push(`latest release is ${standIn.state.latestReleaseId}, not ${release.id}`);
  const expectedRefs = new Set([`refs/tags/${releaseTag}`]);
  if (s.bump !== 'none') {
    const next = `refs/tags/v${semver.inc(build.version, s.bump)}-next`;
    expectedRefs.add(next);
    if (!refs.has(next)) problems.push(`no next-version tag ${next}`);
    else if (!refsBefore.has(next) && refs.get(next) !== build.commit)
      problems.push(`${next} → ${refs.get(next)}, not ${build.commit}`);
  }
  for (const [ref, sha] of refs) {
    if (refsBefore.get(ref) === sha) continue;
    if (!expectedRefs.has(ref) || refsBefore.has(ref))
      problems.push(`ref ${ref} → ${sha} (was ${refsBefore.get(ref)})`);
  }
  for (const r of releasesOf(before.github)) {
    if (r.tag_name === releaseTag) continue;
    const same = releasesOf(now.github).find((x) => x.id === r.id);
    if (!isDeepStrictEqual(same, r)) problems.push(`release ${r.tag_name} (${r.id}) changed`);
  }
  hold(checks, '1 (the promoted state)', problems.length === 0, () => problems.join('; '));
}

// ---------------------------------------------------------------------------------------------
// One case

interface CaseResult {
  seed: number;
  first: PromotionAccount['result'];
  rerun?: PromotionAccount['result'];
  checks: number;
  /** faults armed */
  injected: number;
  /** faulty answers given (a fault answers up to `times` requests; one whose request never came, none) */
  answered: number;
}

/** Not an invariant of the promotion, but of the test: the stand-in matched GitHub's description throughout. */
function expectValidRequests(standIn: StandIn): void {
  if (standIn.violations.length > 0)
    throw new Error(
      `the stand-in saw requests GitHub's OpenAPI description does not allow: ${JSON.stringify(standIn.violations)}`,
    );
}

/** Arms the scenario's faults; `answered()` then tells how many faulty answers were given. */
function injectFaults(w: CaseWorld, s: Scenario): { answered(): number } {
  let registryAnswers = 0;
  let githubAnswers = 0;
  for (const f of s.faults) {
    if (f.on === 'registry') {
      const target = REGISTRY_TARGETS[f.target as RegistryTarget];
      // The proxy takes the fault for the first request its match accepts.
      const match = (method: string, path: string) => target(method, path) && ++registryAnswers > 0;
      w.proxy.inject({ ...REGISTRY_FAULTS[f.fault], match, times: f.times });
    } else {
      w.standIn.fault({ operationId: f.target, ...GITHUB_FAULTS[f.fault], times: f.times });
      githubAnswers += f.times;
    }
  }
  return { answered: () => registryAnswers + githubAnswers - w.standIn.clearFaults() };
}

async function runCase(seed: number): Promise<CaseResult> {
  const s = scenario(seed);
  const w = await startCase(seed);
  const checks = { count: 0 };
  let first: PromotionAccount | undefined;
  let rerun: PromotionAccount | undefined;
  try {
    // Earlier releases, as a finished promotion leaves them.
    for (let k = 0; k < s.priors; k++) await priorRelease(w, k, k === s.priors - 1);
    const builds: Build[] = [];
    for (const [i, b] of s.builds.entries()) {
      const commit = b.sameCommit ? builds[builds.length - 1]!.commit : undefined;
      builds.push(
        await pushBuild(w, {
          version: b.version,
          ts: 1_700_000_100 + i * 100,
          kind: b.kind,
          ...(commit ? { commit } : {}),
        }),
      );
    }
    // The newest staging build is what Flux's staging policy picks.
    const build = s.source === 'latest' ? builds[builds.length - 1]! : builds[s.source]!;
    const source = s.source === 'latest' ? 'latest' : build.tag;

    if (s.preTagged) w.standIn.addTag(`v${build.version}`, build.commit);
    if (s.draft) {
      await w.setup.rest.repos.createRelease({
        owner: w.standIn.owner,
        repo: w.standIn.repo,
        tag_name: `v${build.version}`,
        name: `v${build.version}`,
        body: 'Notes written by hand before the promotion.',
        draft: true,
      });
    }
    const before = await stateOf(w);
    w.proxy.reset();
    w.proxy.latencyMs = s.latencyMs;
    const faults = injectFaults(w, s);

    first = await runPromotion(request(w, source, s.bump), servicesFor(w, DEFAULT_NOW));
    const answered = faults.answered();
    w.proxy.reset();
    w.proxy.latencyMs = 0;
    const afterFirst = await stateOf(w);

    hold(
      checks,
      '1 (the first run finished, or says it did not)',
      first.result === 'promoted' ||
        (first.result === 'failed' &&
          first.error?.kind === 'fault' &&
          first.error.message.trim() !== '' &&
          /did not finish$/.test(first.title)) ||
        (first.result === 'refused' &&
          !!first.error &&
          first.error.message.trim() !== '' &&
          /refused$/.test(first.title)),
      () => describeAccount(first!),
    );
    checkAlways(checks, before, afterFirst);
    checkUnchanged(checks, first, before, afterFirst);
    if (first.result === 'promoted') checkPromoted(checks, s, build, before, afterFirst, w.standIn);

    if (first.result === 'promoted' && !s.rerunAfterPromoted) {
      expectValidRequests(w.standIn);
      return { seed, first: first.result, checks: checks.count, injected: s.faults.length, answered };
    }
    // Again, with no faults, later: a run that did not finish is finished; one that did changes nothing.
    rerun = await runPromotion(request(w, source, s.bump), servicesFor(w, DEFAULT_NOW + 900));
    const afterRerun = await stateOf(w);
    hold(
      checks,
      '1 (the clean re-run finishes)',
      first.result === 'promoted'
        ? rerun.result === 'unchanged'
        : rerun.result === 'promoted' || rerun.result === 'unchanged',
      () => `first: ${describeAccount(first!)}; re-run: ${describeAccount(rerun!)}`,
    );
    checkPromoted(checks, s, build, before, afterRerun, w.standIn);
    checkAlways(checks, afterFirst, afterRerun);
    checkAlways(checks, before, afterRerun);
    checkUnchanged(checks, rerun, afterFirst, afterRerun);
    expectValidRequests(w.standIn);
    return {
      seed,
      first: first.result,
      rerun: rerun.result,
      checks: checks.count,
      injected: s.faults.length,
      answered,
    };
  } catch (err) {
    const context =
      `seed ${seed}: ${(err as Error).message}\n  scenario: ${JSON.stringify(s)}` +
      (first ? `\n  first run: ${describeAccount(first)}` : '') +
      (rerun ? `\n  re-run: ${describeAccount(rerun)}` : '');
    throw new Error(context);
  } finally {
    await w.stop();
  }
}

type Settled = { ok: true; value: CaseResult } | { ok: false; message: string };

/** Every case, CONCURRENCY at a time in seed order, from one pool: a batch's slowest case holds up no other lane. */
function startPool(seeds: readonly number[]): { results: Map<number, Promise<Settled>>; drained: Promise<void> } {
  const results = new Map<number, Promise<Settled>>();
  const resolvers = new Map<number, (s: Settled) => void>();
  for (const seed of seeds) results.set(seed, new Promise<Settled>((resolve) => resolvers.set(seed, resolve)));
  let next = 0;
  const lane = async () => {
    while (next < seeds.length) {
      const seed = seeds[next++]!;
      const settled: Settled = await runCase(seed).then(
        (value): Settled => ({ ok: true, value }),
        (err: unknown): Settled => ({ ok: false, message: (err as Error).message }),
      );
      resolvers.get(seed)!(settled);
    }
  };
  const drained = Promise.all(Array.from({ length: CONCURRENCY }, lane)).then(() => undefined);
  return { results, drained };
}

/**
 * Seeds held back until the product bug each found is fixed; put them back then. None now. (224 and
 * 654 found that a create-ref applied with every answer cut ended `changed: false`, "Nothing was
 * changed", while vX.Y.Z existed: a fault at a write step now counts as a possible change.)
 */
const HELD_BACK = new Set<number>([]);
/** To run chosen seeds only: PROMOTION_MATRIX_SEEDS=224,654 */
const ONLY = process.env.PROMOTION_MATRIX_SEEDS?.split(',').map(Number);
const SEEDS: number[] = [];
for (let seed = 1; SEEDS.length < CASES; seed++) if (!HELD_BACK.has(seed)) SEEDS.push(seed);
const RUN = ONLY ?? SEEDS;
const BATCH_SIZE = Math.ceil(RUN.length / BATCHES);

let pool: ReturnType<typeof startPool> | undefined;
const started = Date.now();

beforeAll(() => {
  pool = startPool(RUN);
});

afterAll(async () => {
  await pool?.drained;
  await registry?.stop();
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(
    `fault matrix: ${n(totals.cases)} promotions, ${n(totals.checks)} invariant checks held; ` +
      `first run: ${n(totals.first.promoted)} promoted, ${n(totals.first.failed)} failed, ${n(totals.first.refused)} refused` +
      `${totals.first.other ? `, ${n(totals.first.other)} other` : ''}; ` +
      `clean re-run: ${n(totals.rerun.promoted)} promoted, ${n(totals.rerun.unchanged)} unchanged; ` +
      `${n(totals.faultsInjected)} faults injected, ${n(totals.faultyAnswers)} faulty answers given; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}, 120_000);

describe('the promotion fault matrix', () => {
  for (let b = 0; b * BATCH_SIZE < RUN.length; b++) {
    const seeds = RUN.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
    it(`seeds ${seeds[0]}–${seeds[seeds.length - 1]}: every invariant holds under random registry and GitHub faults`, async () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const r = await pool!.results.get(seed)!;
        if (!r.ok) {
          failures.push(r.message);
          continue;
        }
        const v = r.value;
        totals.cases++;
        totals.checks += v.checks;
        totals.faultsInjected += v.injected;
        totals.faultyAnswers += v.answered;
        if (v.first === 'promoted' || v.first === 'failed' || v.first === 'refused') totals.first[v.first]++;
        else totals.first.other++;
        if (v.rerun === 'promoted' || v.rerun === 'unchanged') totals.rerun[v.rerun]++;
        else if (v.rerun !== undefined) totals.rerun.other++;
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }
});
