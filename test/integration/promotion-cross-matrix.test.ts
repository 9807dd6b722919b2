import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import semver from 'semver';
import type { GitHubClient } from '../../packages/github/client.js';
import type { PromotionAccount, PromotionRequest } from '../../packages/promotion/index.js';
import type { PromotionServices } from '../../packages/promotion/plan.js';
import { formatImmutableTag, parseImmutableTag } from '../../packages/tagging/tags.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.js';
import { startGitHubStandIn, type StandIn, type StandInFault } from '../support/github-standin.js';
import {
  basicAuth,
  pushBlob,
  pushCosignTag,
  pushDockerImage,
  pushManifest,
  pushOciImage,
  pushOciIndex,
  pushReferrer,
  tokenAuth,
  type PushTarget,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * The promotion fault matrix across registries: promotions of a staging build from one registry
 * into another, each from a fixed seed (same seed, same world, same faults), with faults injected
 * at random on both registries (each behind a fault proxy of its own) and on the GitHub API
 * stand-in, each checked against the invariants of a promotion that copies:
 *
 * 1. the first run ends promoted, or refused/failed with an account that says it did not finish;
 *    after a clean re-run the state is the promoted one: the target holds the production immutable
 *    tag and the alias at the staging digest, every part of the image (an index's children, every
 *    blob), the signature tag at its own digest and the referrer, listed by the target's referrers
 *    tag; vX.Y.Z at the commit; one release, whose lineage names the target and the source image;
 * 2. no production tag in the target points at a digest no staging tag of the source has;
 * 3. never two releases of one version;
 * 4. no immutable tag moves, in either registry;
 * 5. an account saying nothing changed (`changed: false`) leaves both registries and GitHub as they
 *    were (tags, manifests and blobs of the target, tags of the source, refs and releases);
 * 6. each registry its own credentials: no Authorization header at the source's proxy (nor any
 *    token request of the source's token server) carries the target's, and the target's proxy sees
 *    the target's only;
 * 7. the source is only read (no PUT, POST, PATCH or DELETE reaches it), and a production tag in the
 *    target names the image only once the image is complete there, signatures and referrers included.
 *
 * Some cases first send a bad request (a to-image with a tag, credentials in it, a source the
 * source registry does not have, a wrong password for the target, …): it must be refused, or fail,
 * having changed nothing, before the case's promotion runs.
 *
 * The source registry (docker-registry with token auth, alice) and the target registry
 * (docker-registry with htpasswd, bob) serve every case, a repository of its own per case; each
 * case has its own two fault proxies and GitHub stand-in, and cases run several at a time. The
 * promotion gets its clients from `registryClients` with each registry's credentials
 * (`byRegistry`), as the to-username/to-password inputs give them. GitHub's rate-limit waits run on
 * a virtual clock. A failure names its seed, the scenario and the accounts;
 * PROMOTION_CROSS_SEEDS=7,42 runs those seeds alone.
 */

const CASES = 80;
const BATCHES = 8;
const CONCURRENCY = 8;
/** Registry idle timeout and GitHub request timeout: what ends a request left unanswered. */
const TIMEOUT_MS = 750;
const TOKEN = 'cross-matrix-token';
const ALICE = { username: 'alice', password: 'alice-source-secret-A1' };
const BOB = { username: 'bob', password: 'bob-target-secret-B2' };
const basic = (c: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

/*
 * `registryClients` makes each RegistryClient with the transport's default timeouts (60 s idle,
 * 30 s connect) and takes no option to change them: a request a fault leaves unanswered would hold
 * a case for a minute. This file shortens those two defaults (and changes nothing else), so the
 * clients under test are still the ones `registryClients` makes, credentials and all. The
 * transport is imported first, alone (it imports nothing of the client); everything that reaches
 * the client is imported after the mock.
 */
const transport = await import('../../packages/registry/transport.js');
jest.unstable_mockModule('../../packages/registry/transport.js', () => ({
  ...transport,
  DEFAULT_IDLE_TIMEOUT_MS: TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS: 5_000,
}));
const { createGitHubClient } = await import('../../packages/github/client.js');
const { parseLineage } = await import('../../packages/github/lineage.js');
const { fluxPick, runPromotion } = await import('../../packages/promotion/index.js');
const { registryClients } = await import('../../packages/promotion/registry-clients.js');
const { DEFAULT_NOW, fastRetry } = await import('../support/release-world.js');
// A static import reaching the client would have run before the mock, binding the real default.
if ((await import('../../packages/registry/index.js')).DEFAULT_IDLE_TIMEOUT_MS !== (TIMEOUT_MS as number))
  throw new Error('the registry client was loaded before its timeouts were shortened: import it after the mock');

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
  // Another stream than promotion-matrix.test.ts's for the same seed.
  const next = mulberry32(seed ^ 0x5eed_c0de);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// Scenarios: a pure function of the seed

type Match = (method: string, path: string) => boolean;
const FALLBACK_TAG = /\/manifests\/sha256-[0-9a-f]{64}$/;
const COSIGN_TAG = /\/manifests\/sha256-[0-9a-f]{64}\.(?:sig|att|sbom)$/;

/** Which requests of the source registry a fault hits: a copy only reads there. */
const SOURCE_TARGETS: Record<string, Match> = {
  'any request': () => true,
  'GET tags/list': (m, p) => m === 'GET' && p.includes('/tags/list'),
  'HEAD manifest': (m, p) => m === 'HEAD' && p.includes('/manifests/'),
  'GET manifest': (m, p) => m === 'GET' && p.includes('/manifests/'),
  'GET manifest by digest': (m, p) => m === 'GET' && p.includes('/manifests/sha256:'),
  'GET blob': (m, p) => m === 'GET' && p.includes('/blobs/sha256:'),
  'GET referrers': (m, p) => m === 'GET' && p.includes('/referrers/'),
  'referrers tag': (_m, p) => FALLBACK_TAG.test(p),
  'signature tag': (_m, p) => COSIGN_TAG.test(p),
};

/** Which requests of the target registry a fault hits: the reads, the blob transfers and every write. */
const TARGET_TARGETS: Record<string, Match> = {
  'any request': () => true,
  'GET tags/list': (m, p) => m === 'GET' && p.includes('/tags/list'),
  'HEAD manifest': (m, p) => m === 'HEAD' && p.includes('/manifests/'),
  'GET manifest': (m, p) => m === 'GET' && p.includes('/manifests/'),
  'PUT alias': (m, p) => m === 'PUT' && p.endsWith('/manifests/production'),
  'PUT immutable tag': (m, p) => m === 'PUT' && p.includes('/manifests/production-v'),
  'PUT manifest by digest': (m, p) => m === 'PUT' && p.includes('/manifests/sha256:'),
  'PUT signature tag': (m, p) => m === 'PUT' && COSIGN_TAG.test(p),
  'referrers tag': (_m, p) => FALLBACK_TAG.test(p),
  'PUT referrers tag': (m, p) => m === 'PUT' && FALLBACK_TAG.test(p),
  'GET referrers': (m, p) => m === 'GET' && p.includes('/referrers/'),
  'HEAD blob': (m, p) => m === 'HEAD' && p.includes('/blobs/sha256:'),
  'GET blob': (m, p) => m === 'GET' && p.includes('/blobs/sha256:'),
  'POST blob upload': (m, p) => m === 'POST' && p.includes('/blobs/uploads/'),
  'PUT blob upload': (m, p) => m === 'PUT' && p.includes('/blobs/uploads/'),
  'DELETE blob upload': (m, p) => m === 'DELETE' && p.includes('/blobs/uploads/'),
};

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

/**
 * Requests a promotion must refuse (or fail) without changing anything, each a mistake a person
 * makes: its fields replace the case's request; `password` is the target's password the clients get.
 * `kind`: `input`, refused naming the input; `any`, refused or failed (a wrong password for the
 * target ends today as a fault: the 401 of the target's tag listing, "check username/password").
 */
const BAD_INPUTS = {
  'to-image with a tag': { toImage: (w: CaseWorld) => `${w.target}:production`, kind: 'input' },
  'to-image with a digest': { toImage: (w: CaseWorld) => `${w.target}@sha256:${'ab'.repeat(32)}`, kind: 'input' },
  'to-image with credentials in it': {
    toImage: (w: CaseWorld) => `${BOB.username}:${BOB.password}@${w.target}`,
    kind: 'input',
  },
  'to-image in capitals': { toImage: (w: CaseWorld) => `${w.proxyB.host}/Prod/Case`, kind: 'input' },
  'a source tag the source does not have': { source: 'staging-v9.9.9-0000000-1700000000', kind: 'input' },
  'a source tag of another environment': { source: 'qa-v1.0.0-0000000-1700000000', kind: 'input' },
  'a digest no staging tag has': { source: `sha256:${'0'.repeat(64)}`, kind: 'input' },
  'signatures: maybe': { signatures: 'maybe', kind: 'input' },
  'bump: huge': { bump: 'huge', kind: 'input' },
  'a wrong password for the target': { password: 'not-bobs-password', kind: 'any' },
} as const satisfies Record<
  string,
  {
    toImage?: (w: CaseWorld) => string;
    source?: string;
    signatures?: string;
    bump?: string;
    password?: string;
    kind: 'input' | 'any';
  }
>;
type BadInput = keyof typeof BAD_INPUTS;

interface BuildSpec {
  version: string;
  /** a rebuild of the previous build's commit (another ts, another digest) */
  sameCommit: boolean;
  kind: 'oci' | 'docker' | 'oci-index';
}

interface FaultSpec {
  on: 'source' | 'target' | 'github';
  target: string;
  fault: string;
  times: number;
}

interface Scenario {
  seed: number;
  /** versions released before the case (1.0.0, 1.0.1, …), their production tags in the target */
  priors: number;
  builds: BuildSpec[];
  /** 'latest', or the index of the build named by its tag */
  source: 'latest' | number;
  bump: 'patch' | 'minor' | 'none';
  /** the promoted build has a cosign signature tag (`sha256-<hex>.sig`) in the source */
  signature: boolean;
  /** the promoted build has an OCI referrer (a Sigstore bundle) in the source, listed by its referrers tag */
  referrer: boolean;
  /**
   * the target has a referrer of the promoted digest of its own already (an attestation made in
   * production), listed by its referrers tag: the copy must keep it listed
   */
  targetReferrer: boolean;
  /** the target holds part of the image already (some blobs, an index's first child): a copy cut short long ago */
  partial: boolean;
  /** the request's `signatures: skip`: the signature tag and the referrer stay behind */
  skipSignatures: boolean;
  latencyMs: number;
  faults: FaultSpec[];
  /** run again after a first run that promoted too (one that did not is always run again) */
  rerunAfterPromoted: boolean;
  /** someone prepared the release as a draft (with notes of their own) */
  draft: boolean;
  /** the release tag is at the commit already, with no release (a release tag pushed by hand) */
  preTagged: boolean;
  /** a bad request sent first */
  badInput?: BadInput;
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
      // An index (two platforms and their attestation manifests) is what a copy has most to do for.
      kind: rng.pick(['oci', 'oci', 'docker', 'docker', 'oci-index', 'oci-index', 'oci-index'] as const),
    });
  }
  const source = rng.chance(0.5) ? 'latest' : rng.int(0, builds.length - 1);
  const bump = rng.pick(['patch', 'patch', 'minor', 'none'] as const);
  const signature = rng.chance(0.45);
  const referrer = rng.chance(0.45);
  const targetReferrer = rng.chance(0.15);
  const partial = rng.chance(0.2);
  const skipSignatures = rng.chance(0.1);
  const latencyMs = rng.chance(0.2) ? rng.int(1, 10) : 0;
  const faults: FaultSpec[] = [];
  for (let n = rng.pick([0, 1, 1, 2, 2, 3, 4]); n > 0; n--) {
    // Mostly what retries cure; now and then more than they can, so that runs stop at every step.
    const times = rng.pick([1, 1, 1, 2, 3, 3, 8]);
    const on = rng.pick(['source', 'source', 'target', 'target', 'target', 'github', 'github'] as const);
    if (on === 'github') {
      faults.push({ on, target: rng.pick(GITHUB_OPERATIONS), fault: rng.pick(Object.keys(GITHUB_FAULTS)), times });
    } else {
      const targets = Object.keys(on === 'source' ? SOURCE_TARGETS : TARGET_TARGETS);
      faults.push({ on, target: rng.pick(targets), fault: rng.pick(Object.keys(REGISTRY_FAULTS)), times });
    }
  }
  const rerunAfterPromoted = rng.chance(0.25);
  const draft = rng.chance(0.15);
  const preTagged = rng.chance(0.15);
  const badInput = rng.chance(0.2) ? rng.pick(Object.keys(BAD_INPUTS) as BadInput[]) : undefined;
  return {
    seed,
    priors,
    builds,
    source,
    bump,
    signature,
    referrer,
    targetReferrer,
    partial,
    skipSignatures,
    latencyMs,
    faults,
    rerunAfterPromoted,
    draft,
    preTagged,
    ...(badInput ? { badInput } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The shared registries, and one world per case

let source: TestRegistry | undefined;
let target: TestRegistry | undefined;

beforeAll(async () => {
  [source, target] = await Promise.all([
    startRegistry({ kind: 'token', ...ALICE }),
    startRegistry({ kind: 'htpasswd', ...BOB }),
  ]);
}, 30_000);

interface Build {
  version: string;
  commit: string;
  ts: number;
  tag: string;
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** What goes with the promoted build: in the source, and (targetReferrer) in the target already. */
interface Signed {
  signature?: { tag: string; digest: string };
  referrer?: string;
  targetReferrer?: string;
}

/** What the invariants compare: read from the registries' own storage and the stand-in, never through a proxy. */
interface State {
  /** the source repository's tags → digests */
  source: Record<string, string>;
  /** the target repository's tags → digests */
  target: Record<string, string>;
  /** manifests (by digest) the target repository holds */
  targetManifests: string[];
  /** blobs linked into the target repository */
  targetBlobs: string[];
  github: string;
}

interface CaseWorld {
  /** repository names in each registry */
  sourceRepository: string;
  targetRepository: string;
  proxyA: FaultProxy;
  proxyB: FaultProxy;
  standIn: StandIn;
  /** `<proxy A>/<repository>`, `<proxy B>/<repository>`: what the promotion is given */
  image: string;
  target: string;
  pushA: PushTarget;
  pushB: PushTarget;
  /** a GitHub client to set up the world with (before any fault is injected) */
  setup: GitHubClient;
  stop(): Promise<void>;
}

async function startCase(seed: number): Promise<CaseWorld> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const proxyA = await startFaultProxy(source!.url);
    started.push(proxyA);
    const proxyB = await startFaultProxy(target!.url);
    started.push(proxyB);
    const standIn = await startGitHubStandIn({ token: TOKEN });
    started.push({ stop: () => standIn.close() });
    const sourceRepository = `staging/case-${seed}`;
    const targetRepository = `prod/case-${seed}`;
    return {
      sourceRepository,
      targetRepository,
      proxyA,
      proxyB,
      standIn,
      image: `${proxyA.host}/${sourceRepository}`,
      target: `${proxyB.host}/${targetRepository}`,
      pushA: {
        url: source!.url,
        authorization: tokenAuth(source!.tokenServer!, ALICE.username, ALICE.password),
      },
      pushB: { url: target!.url, authorization: basicAuth(BOB.username, BOB.password) },
      setup: createGitHubClient({ token: TOKEN, apiUrl: standIn.url, retryPolicy: fastRetry }),
      async stop() {
        for (const s of started.reverse()) await s.stop();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.stop();
    throw err;
  }
}

/**
 * Promotion services as a fresh process would have them: the clients `registryClients` makes with
 * each registry's credentials (none from the environment), GitHub's waits on a virtual clock.
 */
function servicesFor(w: CaseWorld, now: number, targetPassword = BOB.password): PromotionServices {
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
  const clients = registryClients({
    byRegistry: { [w.proxyA.host]: ALICE, [w.proxyB.host]: { username: BOB.username, password: targetPassword } },
    env: {},
    retry: fastRetry,
    access: 'push',
  });
  return { clients, github, nowSeconds: () => now };
}

const PUSHERS = { oci: pushOciImage, docker: pushDockerImage, 'oci-index': pushOciIndex };

/** A staging build in the source, as a build workflow pushes it: immutable tag, alias, sha tag. */
async function pushBuild(
  w: CaseWorld,
  opts: { version: string; ts: number; commit?: string; kind: BuildSpec['kind'] },
): Promise<Build> {
  const commit = opts.commit ?? w.standIn.addCommit();
  const sha = commit.slice(0, 7);
  const tag = formatImmutableTag({ env: 'staging', version: opts.version, sha, ts: opts.ts });
  const pushed = await PUSHERS[opts.kind](w.pushA, w.sourceRepository, tag, {
    seed: `${w.sourceRepository}/${commit}/${opts.ts}`,
    labels: { 'org.opencontainers.image.revision': commit },
  });
  for (const alias of ['staging', sha])
    await pushManifest(w.pushA, w.sourceRepository, alias, pushed.mediaType, pushed.bytes);
  return { ...opts, commit, tag, digest: pushed.digest, mediaType: pushed.mediaType, bytes: pushed.bytes };
}

/**
 * Version 1.0.k released as a cross-registry promotion leaves it: the staging build in the source,
 * the same image (same bytes, same digest) in the target under its production tag (and the alias
 * when it is the newest), the tag ref, the release, the next-version tag. Written directly: the
 * matrix's promotions are the ones under test.
 */
async function priorRelease(w: CaseWorld, k: number, newest: boolean): Promise<void> {
  const version = `1.0.${k}`;
  const build = await pushBuild(w, { version, ts: 1_600_000_000 + k * 100, kind: 'oci' });
  const sha = build.commit.slice(0, 7);
  const production = formatImmutableTag({ env: 'production', version, sha, ts: DEFAULT_NOW - 100_000 + k * 100 });
  const copy = await pushOciImage(w.pushB, w.targetRepository, production, {
    seed: `${w.sourceRepository}/${build.commit}/${build.ts}`,
    labels: { 'org.opencontainers.image.revision': build.commit },
  });
  if (copy.digest !== build.digest)
    throw new Error(`prior ${version}: ${copy.digest} in the target, not ${build.digest}`);
  if (newest) await pushManifest(w.pushB, w.targetRepository, 'production', copy.mediaType, copy.bytes);
  w.standIn.addTag(`v${version}`, build.commit);
  w.standIn.addTag(`v1.0.${k + 1}-next`, build.commit);
  await w.setup.rest.repos.createRelease({
    owner: w.standIn.owner,
    repo: w.standIn.repo,
    tag_name: `v${version}`,
    name: `v${version}`,
    body: `Released ${build.digest} as ${w.target}:${production}.`,
    make_latest: 'true',
  });
}

// distribution's storage layout below its root: blobs by digest, each repository's links to them.
const V2 = 'docker/registry/v2';

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}

/** Every tag of a repository → its digest (…/_manifests/tags/<tag>/current/link). */
async function tagDigests(reg: TestRegistry, repository: string): Promise<Record<string, string>> {
  const dir = join(reg.dataDir, V2, 'repositories', repository, '_manifests/tags');
  const out: Record<string, string> = {};
  for (const tag of (await entries(dir)).sort()) {
    const link = await readFile(join(dir, tag, 'current/link'), 'utf8').catch(() => undefined);
    if (link !== undefined) out[tag] = link.trim();
  }
  return out;
}

/** The digests a repository links under `sub` (`_manifests/revisions` or `_layers`), each with its link written. */
async function linked(reg: TestRegistry, repository: string, sub: string): Promise<string[]> {
  const dir = join(reg.dataDir, V2, 'repositories', repository, sub, 'sha256');
  const out: string[] = [];
  for (const hex of (await entries(dir)).sort()) {
    if (await stat(join(dir, hex, 'link')).catch(() => undefined)) out.push(`sha256:${hex}`);
  }
  return out;
}

async function blobOf(reg: TestRegistry, digest: string): Promise<Buffer> {
  const hex = digest.slice('sha256:'.length);
  return readFile(join(reg.dataDir, V2, 'blobs/sha256', hex.slice(0, 2), hex, 'data'));
}

/** Everything a manifest of the source refers to, its own digest first: manifests and blobs, leaf to root. */
async function partsOf(digest: string): Promise<{ manifests: string[]; blobs: string[] }> {
  const doc = JSON.parse((await blobOf(source!, digest)).toString('utf8')) as {
    manifests?: { digest: string }[];
    config?: { digest: string };
    layers?: { digest: string }[];
  };
  const out = { manifests: [digest], blobs: [] as string[] };
  for (const child of doc.manifests ?? []) {
    const parts = await partsOf(child.digest);
    out.manifests.push(...parts.manifests);
    out.blobs.push(...parts.blobs);
  }
  for (const d of [...(doc.config ? [doc.config] : []), ...(doc.layers ?? [])]) out.blobs.push(d.digest);
  return out;
}

async function stateOf(w: CaseWorld): Promise<State> {
  return {
    source: await tagDigests(source!, w.sourceRepository),
    target: await tagDigests(target!, w.targetRepository),
    targetManifests: await linked(target!, w.targetRepository, '_manifests/revisions'),
    targetBlobs: await linked(target!, w.targetRepository, '_layers'),
    github: w.standIn.snapshot(),
  };
}

/**
 * Part of the image in the target, as a copy cut short long ago left it: an index's first child
 * (with its blobs), or an image's layers without its config.
 */
async function copyPart(w: CaseWorld, digest: string): Promise<void> {
  const root = JSON.parse((await blobOf(source!, digest)).toString('utf8')) as {
    manifests?: { digest: string; mediaType: string }[];
  };
  const child = root.manifests?.[0];
  const parts = await partsOf(child?.digest ?? digest);
  const blobs = child ? parts.blobs : parts.blobs.slice(1);
  for (const b of blobs) await pushBlob(w.pushB, w.targetRepository, await blobOf(source!, b));
  if (child)
    await pushManifest(w.pushB, w.targetRepository, child.digest, child.mediaType, await blobOf(source!, child.digest));
}

/** The referrers the target's referrers tag `sha256-<hex>` of `digest` lists. */
async function listedReferrers(now: State, digest: string): Promise<string[] | undefined> {
  const index = now.target[digest.replace(':', '-')];
  if (!index) return undefined;
  const doc = JSON.parse((await blobOf(target!, index)).toString('utf8')) as { manifests?: { digest: string }[] };
  return (doc.manifests ?? []).map((d) => d.digest);
}

function request(w: CaseWorld, s: Scenario, src: string): PromotionRequest {
  return {
    image: w.image,
    toImage: w.target,
    source: src,
    repository: { owner: w.standIn.owner, repo: w.standIn.repo },
    bump: s.bump,
    ...(s.skipSignatures ? { signatures: 'skip' as const } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Invariants

class InvariantError extends Error {}

const totals = {
  cases: 0,
  checks: 0,
  first: { promoted: 0, failed: 0, refused: 0, other: 0 },
  rerun: { promoted: 0, unchanged: 0, other: 0 },
  badInputs: 0,
  faultsInjected: { source: 0, target: 0, github: 0 },
  faultyAnswers: 0,
  signed: 0,
  skipped: 0,
  partial: 0,
  targetReferrer: 0,
  indexes: 0,
  slowest: { seed: 0, ms: 0 },
  /** where first runs that did not finish stopped: step → count */
  stoppedAt: new Map<string, number>(),
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
const isProduction = (tag: string) => tag === 'production' || parseImmutableTag(tag)?.env === 'production';

interface ReleaseRecord {
  id: number;
  tag_name: string;
  draft: boolean;
  body?: string | null;
}

function releasesOf(github: string): ReleaseRecord[] {
  return (JSON.parse(github) as { releases: ReleaseRecord[] }).releases;
}

function refsOf(github: string): Map<string, string> {
  return new Map((JSON.parse(github) as { refs: [string, string][] }).refs);
}

/** 2, 3, 4 and 7 on a state, against the state before it. */
async function checkAlways(
  checks: { count: number },
  build: Build,
  signed: Signed,
  previous: State,
  now: State,
): Promise<void> {
  const stagingDigests = new Set(
    Object.entries(now.source)
      .filter(([t]) => parseImmutableTag(t)?.env === 'staging')
      .map(([, d]) => d),
  );
  const strays = Object.entries(now.target).filter(([t, d]) => isProduction(t) && !stagingDigests.has(d));
  hold(checks, '2 (production only at staging digests of the source)', strays.length === 0, () =>
    JSON.stringify(strays),
  );

  const byVersion = new Map<string, number>();
  for (const r of releasesOf(now.github)) byVersion.set(r.tag_name, (byVersion.get(r.tag_name) ?? 0) + 1);
  const doubled = [...byVersion].filter(([, n]) => n > 1);
  hold(checks, '3 (one release per version)', doubled.length === 0, () => JSON.stringify(doubled));

  const moved = (['source', 'target'] as const).flatMap((side) =>
    Object.entries(previous[side])
      .filter(([t, d]) => isImmutable(t) && now[side][t] !== d)
      .map(([t, d]) => ({ side, tag: t, was: d, now: now[side][t] ?? '(gone)' })),
  );
  hold(checks, '4 (immutable tags never move)', moved.length === 0, () => JSON.stringify(moved));

  hold(checks, '7 (the source is as it was)', isDeepStrictEqual(previous.source, now.source), () =>
    JSON.stringify({ before: previous.source, after: now.source }),
  );
  // A production tag names the promoted image only once the target holds all of it, and what goes with it.
  if (Object.entries(now.target).some(([t, d]) => isProduction(t) && d === build.digest)) {
    const missing = await missingParts(build, signed, now);
    hold(checks, '7 (complete in the target before a production tag names it)', missing.length === 0, () =>
      missing.join('; '),
    );
  }
}

/** What the target lacks of the promoted image, its signature tag and its referrer. */
async function missingParts(build: Build, signed: Signed, now: State): Promise<string[]> {
  const missing: string[] = [];
  const manifests = new Set(now.targetManifests);
  const blobs = new Set(now.targetBlobs);
  const roots = [build.digest, ...(signed.signature ? [signed.signature.digest] : [])];
  if (signed.referrer) roots.push(signed.referrer);
  for (const root of roots) {
    const parts = await partsOf(root);
    for (const m of parts.manifests) if (!manifests.has(m)) missing.push(`manifest ${m} (of ${root})`);
    for (const b of parts.blobs) if (!blobs.has(b)) missing.push(`blob ${b} (of ${root})`);
  }
  if (signed.signature && now.target[signed.signature.tag] !== signed.signature.digest)
    missing.push(`${signed.signature.tag} → ${now.target[signed.signature.tag]}, not ${signed.signature.digest}`);
  const referrers = [signed.referrer, signed.targetReferrer].filter((r) => r !== undefined);
  if (signed.targetReferrer && !manifests.has(signed.targetReferrer))
    missing.push(`the target's own referrer ${signed.targetReferrer}`);
  if (referrers.length > 0) {
    const listed = await listedReferrers(now, build.digest);
    if (!referrers.every((r) => listed?.includes(r)))
      missing.push(`the referrers tag lists ${JSON.stringify(listed)}, not all of ${JSON.stringify(referrers)}`);
  }
  return missing;
}

/** 5: an account saying nothing changed left everything as it was. */
function checkUnchanged(checks: { count: number }, account: PromotionAccount, before: State, after: State): void {
  if (account.changed) return;
  hold(checks, '5 (changed: false means nothing changed)', isDeepStrictEqual(before, after), () =>
    JSON.stringify({ before, after }),
  );
}

/** 6 and 7 on the requests of one run, as the two proxies recorded them (`password`: the target's, as given). */
function checkRequests(checks: { count: number }, w: CaseWorld, password = BOB.password): void {
  const targets = (a: string) =>
    [BOB.password, password].some(
      (p) =>
        a.includes(p) ||
        Buffer.from(a.replace(/^\S+\s+/, ''), 'base64')
          .toString('utf8')
          .includes(p),
    );
  const leaked = w.proxyA.requests.filter((r) => r.authorization !== undefined && targets(r.authorization));
  hold(checks, "6 (the target's credentials never reach the source)", leaked.length === 0, () =>
    JSON.stringify(leaked.map((r) => `${r.method} ${r.path}`)),
  );
  const tokenLeaks = source!.tokenServer!.requests.filter((r) => r.authorization && targets(r.authorization));
  hold(checks, "6 (the target's credentials never reach the source's token server)", tokenLeaks.length === 0, () =>
    JSON.stringify(tokenLeaks.length),
  );
  const given = basic({ username: BOB.username, password });
  const others = w.proxyB.requests.filter((r) => r.authorization !== undefined && r.authorization !== given);
  hold(checks, "6 (the target sees the target's credentials only)", others.length === 0, () =>
    JSON.stringify(others.map((r) => `${r.method} ${r.path} ${r.authorization?.slice(0, 12)}…`)),
  );
  const writes = w.proxyA.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  hold(checks, '7 (the source is only read)', writes.length === 0, () =>
    JSON.stringify(writes.map((r) => `${r.method} ${r.path}`)),
  );
}

/** 1: the promoted state of `build` (`before`: the state before the case's first run). */
async function checkPromoted(
  checks: { count: number },
  s: Scenario,
  w: CaseWorld,
  build: Build,
  signed: Signed,
  before: State,
  now: State,
): Promise<void> {
  const problems: string[] = [];
  const created = Object.keys(now.target).filter(
    (t) => parseImmutableTag(t)?.env === 'production' && !(t in before.target),
  );
  if (created.length !== 1) problems.push(`new production tags: ${JSON.stringify(created)} (expected one)`);
  const targetTag = created[0];
  const parsed = targetTag ? parseImmutableTag(targetTag) : undefined;
  if (targetTag && now.target[targetTag] !== build.digest)
    problems.push(`${targetTag} → ${now.target[targetTag]}, not the staging digest ${build.digest}`);
  if (parsed && (parsed.version !== build.version || parsed.sha !== build.commit.slice(0, 7)))
    problems.push(
      `${targetTag} names ${parsed.version}/${parsed.sha}, not ${build.version}/${build.commit.slice(0, 7)}`,
    );
  const pick = fluxPick(Object.keys(now.target), 'production');
  if (!pick.ok || pick.tag !== targetTag)
    problems.push(`Flux picks ${pick.ok ? pick.tag : pick.error}, not ${targetTag}`);
  if (now.target.production !== build.digest)
    problems.push(`alias production → ${now.target.production}, not ${build.digest}`);
  problems.push(...(await missingParts(build, signed, now)));
  // Nothing else in the target changed; the source not at all.
  const expectedNew = new Set([targetTag, 'production']);
  if (signed.signature) expectedNew.add(signed.signature.tag);
  if (signed.referrer) expectedNew.add(build.digest.replace(':', '-'));
  // The alias moves; the referrers tag takes in a referrer copied (keeping the ones it listed).
  const moves = new Set(['production', ...(signed.referrer ? [build.digest.replace(':', '-')] : [])]);
  for (const [t, d] of Object.entries(before.target))
    if (!moves.has(t) && now.target[t] !== d) problems.push(`${t} was ${d}, is ${now.target[t]}`);
  for (const t of Object.keys(now.target))
    if (!(t in before.target) && !expectedNew.has(t)) problems.push(`unexpected new tag ${t} in the target`);
  if (!isDeepStrictEqual(before.source, now.source)) problems.push('the source changed');

  const refs = refsOf(now.github);
  const refsBefore = refsOf(before.github);
  const releaseTag = `v${build.version}`;
  if (refs.get(`refs/tags/${releaseTag}`) !== build.commit)
    problems.push(`${releaseTag} → ${refs.get(`refs/tags/${releaseTag}`)}, not ${build.commit}`);
  const releases = releasesOf(now.github).filter((r) => r.tag_name === releaseTag);
  if (releases.length !== 1 || releases[0]!.draft)
    problems.push(`releases of ${releaseTag}: ${JSON.stringify(releases.map((r) => ({ id: r.id, draft: r.draft })))}`);
  const release = releases[0];
  if (release) {
    const lineage = parseLineage(release.body);
    const expected = {
      image: w.target,
      sourceImage: w.image,
      digest: build.digest,
      targetTag,
      commit: build.commit,
      version: build.version,
    };
    const got = lineage && {
      image: lineage.image,
      sourceImage: lineage.sourceImage,
      digest: lineage.digest,
      targetTag: lineage.targetTag,
      commit: lineage.commit,
      version: lineage.version,
    };
    if (!isDeepStrictEqual(got, expected))
      problems.push(`the release's lineage is ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`);
    if (s.draft && !release.body?.startsWith('Notes written by hand before the promotion.'))
      problems.push(`the draft's own notes were lost: ${release.body}`);
    if (w.standIn.state.latestReleaseId !== release.id)
      problems.push(`latest release is ${w.standIn.state.latestReleaseId}, not ${release.id}`);
  }
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

/** 1: how a run that did not promote must say so. */
function saysItDidNotFinish(a: PromotionAccount): boolean {
  return (
    (a.result === 'failed' &&
      a.error?.kind === 'fault' &&
      a.error.message.trim() !== '' &&
      /did not finish$/.test(a.title)) ||
    (a.result === 'refused' && !!a.error && a.error.message.trim() !== '' && /refused$/.test(a.title))
  );
}

// ---------------------------------------------------------------------------------------------
// One case

interface CaseResult {
  seed: number;
  first: PromotionAccount['result'];
  rerun?: PromotionAccount['result'];
  checks: number;
  /** faults armed, by where */
  injected: Record<FaultSpec['on'], number>;
  /** faulty answers given (a fault answers up to `times` requests; one whose request never came, none) */
  answered: number;
  badInput: boolean;
  /** the promoted build has a signature tag or a referrer (carried, or left behind by `signatures: skip`) */
  signed: boolean;
  skipped: boolean;
  /** the target held part of the image, or a referrer of its own, before the case */
  partial: boolean;
  targetReferrer: boolean;
  /** the promoted build is an index */
  index: boolean;
  /** how long the case took, setup included */
  ms: number;
  /** the step a first run that did not finish stopped at */
  stoppedAt?: string;
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
    if (f.on === 'github') {
      w.standIn.fault({ operationId: f.target, ...GITHUB_FAULTS[f.fault], times: f.times });
      githubAnswers += f.times;
      continue;
    }
    const target = (f.on === 'source' ? SOURCE_TARGETS : TARGET_TARGETS)[f.target]!;
    // The proxy takes the fault for the first request its match accepts.
    const match = (method: string, path: string) => target(method, path) && ++registryAnswers > 0;
    (f.on === 'source' ? w.proxyA : w.proxyB).inject({ ...REGISTRY_FAULTS[f.fault], match, times: f.times });
  }
  return { answered: () => registryAnswers + githubAnswers - w.standIn.clearFaults() };
}

/** A bad request first: refused (or failed), with nothing changed and no credential crossing over. */
async function runBadInput(
  checks: { count: number },
  w: CaseWorld,
  bad: BadInput,
  good: PromotionRequest,
): Promise<PromotionAccount> {
  const spec: {
    toImage?: (w: CaseWorld) => string;
    source?: string;
    signatures?: string;
    bump?: string;
    password?: string;
    kind: 'input' | 'any';
  } = BAD_INPUTS[bad];
  const req = {
    ...good,
    ...(spec.toImage ? { toImage: spec.toImage(w) } : {}),
    ...(spec.source ? { source: spec.source } : {}),
    ...(spec.signatures ? { signatures: spec.signatures } : {}),
    ...(spec.bump ? { bump: spec.bump } : {}),
  } as PromotionRequest;
  const before = await stateOf(w);
  const account = await runPromotion(req, servicesFor(w, DEFAULT_NOW, spec.password));
  const after = await stateOf(w);
  hold(
    checks,
    `1 (a bad request, ${bad}, is refused)`,
    spec.kind === 'input'
      ? account.result === 'refused' && account.error?.kind === 'input' && saysItDidNotFinish(account)
      : saysItDidNotFinish(account),
    () => describeAccount(account),
  );
  hold(
    checks,
    `5 (a bad request, ${bad}, changes nothing)`,
    !account.changed && isDeepStrictEqual(before, after),
    () => `${describeAccount(account)}; before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
  );
  const text = JSON.stringify(account);
  hold(checks, `6 (the account of a bad request, ${bad}, shows no password)`, !text.includes(BOB.password), () =>
    describeAccount(account),
  );
  checkRequests(checks, w, spec.password);
  w.proxyA.reset();
  w.proxyB.reset();
  return account;
}

async function runCase(seed: number): Promise<CaseResult> {
  const s = scenario(seed);
  const t0 = Date.now();
  const w = await startCase(seed);
  const checks = { count: 0 };
  let bad: PromotionAccount | undefined;
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
    const src = s.source === 'latest' ? 'latest' : build.tag;
    const signed: Signed = {};
    if (s.signature) {
      const sig = await pushCosignTag(w.pushA, w.sourceRepository, build.digest, 'sig');
      signed.signature = { tag: sig.tag, digest: sig.digest };
    }
    if (s.referrer) {
      const ref = await pushReferrer(w.pushA, w.sourceRepository, {
        digest: build.digest,
        mediaType: build.mediaType,
        size: build.bytes.length,
      });
      signed.referrer = ref.digest;
    }
    if (s.targetReferrer) {
      const ref = await pushReferrer(
        w.pushB,
        w.targetRepository,
        { digest: build.digest, mediaType: build.mediaType, size: build.bytes.length },
        'application/vnd.in-toto+json',
      );
      signed.targetReferrer = ref.digest;
    }
    if (s.partial) await copyPart(w, build.digest);
    // What the target must hold with the image: what the source has, unless it is left behind.
    const carried: Signed = s.skipSignatures
      ? { ...(signed.targetReferrer ? { targetReferrer: signed.targetReferrer } : {}) }
      : signed;

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
    w.proxyA.reset();
    w.proxyB.reset();
    if (s.badInput) bad = await runBadInput(checks, w, s.badInput, request(w, s, src));

    const before = await stateOf(w);
    w.proxyA.latencyMs = s.latencyMs;
    w.proxyB.latencyMs = s.latencyMs;
    const faults = injectFaults(w, s);

    first = await runPromotion(request(w, s, src), servicesFor(w, DEFAULT_NOW));
    const answered = faults.answered();
    checkRequests(checks, w);
    w.proxyA.reset();
    w.proxyB.reset();
    w.proxyA.latencyMs = 0;
    w.proxyB.latencyMs = 0;
    const afterFirst = await stateOf(w);

    hold(
      checks,
      '1 (the first run finished, or says it did not)',
      first.result === 'promoted' || saysItDidNotFinish(first),
      () => describeAccount(first!),
    );
    await checkAlways(checks, build, carried, before, afterFirst);
    checkUnchanged(checks, first, before, afterFirst);
    if (first.result === 'promoted') await checkPromoted(checks, s, w, build, carried, before, afterFirst);

    const result = {
      seed,
      first: first.result,
      injected: {
        source: s.faults.filter((f) => f.on === 'source').length,
        target: s.faults.filter((f) => f.on === 'target').length,
        github: s.faults.filter((f) => f.on === 'github').length,
      },
      answered,
      badInput: s.badInput !== undefined,
      signed: s.signature || s.referrer,
      skipped: (s.signature || s.referrer) && s.skipSignatures,
      partial: s.partial,
      targetReferrer: s.targetReferrer,
      index: s.builds[s.source === 'latest' ? s.builds.length - 1 : s.source]!.kind === 'oci-index',
      ...(first.error
        ? { stoppedAt: first.steps.find((x) => x.state === 'failed' || x.state === 'refused')?.step }
        : {}),
    };
    if (first.result === 'promoted' && !s.rerunAfterPromoted) {
      expectValidRequests(w.standIn);
      return { ...result, checks: checks.count, ms: Date.now() - t0 };
    }
    // Again, with no faults, later: a run that did not finish is finished; one that did changes nothing.
    rerun = await runPromotion(request(w, s, src), servicesFor(w, DEFAULT_NOW + 900));
    checkRequests(checks, w);
    const afterRerun = await stateOf(w);
    hold(
      checks,
      '1 (the clean re-run finishes)',
      first.result === 'promoted'
        ? rerun.result === 'unchanged'
        : rerun.result === 'promoted' || rerun.result === 'unchanged',
      () => `first: ${describeAccount(first!)}; re-run: ${describeAccount(rerun!)}`,
    );
    await checkPromoted(checks, s, w, build, carried, before, afterRerun);
    await checkAlways(checks, build, carried, afterFirst, afterRerun);
    await checkAlways(checks, build, carried, before, afterRerun);
    checkUnchanged(checks, rerun, afterFirst, afterRerun);
    expectValidRequests(w.standIn);
    return { ...result, rerun: rerun.result, checks: checks.count, ms: Date.now() - t0 };
  } catch (err) {
    const context =
      `seed ${seed}: ${(err as Error).message}\n  scenario: ${JSON.stringify(s)}` +
      (bad ? `\n  bad request: ${describeAccount(bad)}` : '') +
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

/** Seeds held back until the product bug each found is fixed; put them back then. None now. */
const HELD_BACK = new Set<number>([]);
/** To run chosen seeds only: PROMOTION_CROSS_SEEDS=7,42 */
const ONLY = process.env.PROMOTION_CROSS_SEEDS?.split(',').map(Number);
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
  await Promise.all([source?.stop(), target?.stop()]);
  const n = (x: number) => x.toLocaleString('en-US');
  const f = totals.faultsInjected;
  console.log(
    `cross-registry fault matrix: ${n(totals.cases)} promotions (${n(totals.indexes)} of an index, ` +
      `${n(totals.signed)} signed, ${n(totals.skipped)} of them with signatures: skip; ` +
      `${n(totals.partial)} with part of the image in the target already, ${n(totals.targetReferrer)} with a referrer of the target's own), ` +
      `${n(totals.checks)} invariant checks held; ${n(totals.badInputs)} bad requests first (each refused or failed, nothing changed); ` +
      `first run: ${n(totals.first.promoted)} promoted, ${n(totals.first.failed)} failed, ${n(totals.first.refused)} refused` +
      `${totals.first.other ? `, ${n(totals.first.other)} other` : ''}` +
      ` (stopped at ${[...totals.stoppedAt].map(([step, k]) => `${step} ${n(k)}`).join(', ') || 'none'}); ` +
      `clean re-run: ${n(totals.rerun.promoted)} promoted, ${n(totals.rerun.unchanged)} unchanged` +
      `${totals.rerun.other ? `, ${n(totals.rerun.other)} other` : ''}; ` +
      `${n(f.source + f.target + f.github)} faults injected (source ${n(f.source)}, target ${n(f.target)}, GitHub ${n(f.github)}), ` +
      `${n(totals.faultyAnswers)} faulty answers given; ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(slowest case: seed ${totals.slowest.seed}, ${(totals.slowest.ms / 1000).toFixed(1)} s)`,
  );
}, 120_000);

describe('the promotion fault matrix across registries', () => {
  for (let b = 0; b * BATCH_SIZE < RUN.length; b++) {
    const seeds = RUN.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
    it(`seeds ${seeds[0]}–${seeds[seeds.length - 1]}: every invariant holds under random faults on both registries and GitHub`, async () => {
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
        for (const on of ['source', 'target', 'github'] as const) totals.faultsInjected[on] += v.injected[on];
        totals.faultyAnswers += v.answered;
        if (v.badInput) totals.badInputs++;
        if (v.signed) totals.signed++;
        if (v.skipped) totals.skipped++;
        if (v.partial) totals.partial++;
        if (v.targetReferrer) totals.targetReferrer++;
        if (v.index) totals.indexes++;
        if (v.ms > totals.slowest.ms) totals.slowest = { seed: v.seed, ms: v.ms };
        if (v.stoppedAt) totals.stoppedAt.set(v.stoppedAt, (totals.stoppedAt.get(v.stoppedAt) ?? 0) + 1);
        if (v.first === 'promoted' || v.first === 'failed' || v.first === 'refused') totals.first[v.first]++;
        else totals.first.other++;
        if (v.rerun === 'promoted' || v.rerun === 'unchanged') totals.rerun[v.rerun]++;
        else if (v.rerun !== undefined) totals.rerun.other++;
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }
});
