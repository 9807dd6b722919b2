/**
 * The kill matrix: the promotion process (dist/cli/index.js, as a person or another CI system runs
 * it) is killed with SIGKILL at every request it makes in turn, then run again to completion.
 *
 * For each scenario a clean run in a fresh world counts the requests a promotion makes: the
 * registry's through the fault proxy and GitHub's at the stand-in, together in the order they
 * arrive (the worlds have no registry auth, so every registry request passes the proxy). Then for
 * k = 1..N, in a fresh world with the same setup, the CLI is killed when its k-th request arrives,
 * before that request is answered; the request is then handled (its write lands, nobody hears the
 * answer), and the CLI runs again. Each kill point is checked against what the order of the steps
 * promises (docs/promotion.md "Order and proof") and against the clean run's end state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { fluxPick, promote } from '../../packages/promotion/index.js';
import { parseImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot } from '../support/run-bundle.js';

const STAGING_TS = 1_700_000_000;
/** the clock of the promotions a scenario's setup makes (in process), before the CLI's own (the real clock) */
const SETUP_NOW = 1_790_000_000;
/** kill points run at once: two cores here, and each one is mostly a Node process starting */
const CONCURRENCY = 4;

let scratch: string;
let dockerConfig: string;
let bundle: string;
const started = performance.now();
/** per scenario: kill points, how many converged, and how many left a half-done promotion behind */
const tally: { scenario: string; points: number; converged: number; partial: number }[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'promotion-kills-'));
  dockerConfig = join(scratch, 'docker');
  // A copy of the bundle, so that every run of the matrix runs the same code even if dist/ is rebuilt meanwhile.
  cpSync(join(repoRoot, 'dist/cli'), join(scratch, 'cli'), { recursive: true });
  bundle = join(scratch, 'cli/index.js');
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  const sum = (key: 'points' | 'converged' | 'partial') => tally.reduce((n, t) => n + t[key], 0);
  tally.sort(
    (a, b) => SCENARIOS.findIndex((s) => s.name === a.scenario) - SCENARIOS.findIndex((s) => s.name === b.scenario),
  );
  console.log(
    `kill matrix: ${tally.length} scenarios, ${sum('points')} kill points, ${sum('converged')} converged on a re-run ` +
      `(${sum('partial')} of them killed half-way through the writes; ` +
      `${tally.map((t) => `${t.scenario}: ${t.converged}/${t.points}`).join(', ')}; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
});

// ---------------------------------------------------------------------------------------------
// The CLI as a child process

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startCli(w: ReleaseWorld, args: string[]): Run {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|REGISTRY_|INPUT_|RUNNER_)/.test(key) && key !== 'NODE_OPTIONS')
      base[key] = value;
  }
  const child = spawn(
    process.execPath,
    [bundle, 'promote', '--image', w.image, '--repository', 'acme/backend', ...args],
    {
      env: { ...base, DOCKER_CONFIG: dockerConfig, GITHUB_TOKEN: w.token, GITHUB_API_URL: w.standIn.url },
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

interface Setup {
  /** the build the CLI promotes */
  build: Build;
  /** every staging build of the world */
  staging: Build[];
  /** extra CLI flags */
  args: string[];
  rollback: boolean;
}

interface Scenario {
  name: string;
  setup(w: ReleaseWorld): Promise<Setup>;
}

async function promoteInProcess(w: ReleaseWorld, source: string, now: number): Promise<void> {
  await promote({ image: w.image, source, repository: w.repository }, w.services({ now }));
}

const SCENARIOS: Scenario[] = [
  {
    name: 'first promotion',
    async setup(w) {
      const older = await w.pushBuild({ version: '1.2.3', ts: STAGING_TS });
      const newer = await w.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
      return { build: newer, staging: [older, newer], args: [], rollback: false };
    },
  },
  {
    // v1.2.3 is released and Latest; v1.2.4 must take Latest from it, whatever the kill point.
    name: 'after a production release',
    async setup(w) {
      const older = await w.pushBuild({ version: '1.2.3', ts: STAGING_TS });
      await promoteInProcess(w, 'latest', SETUP_NOW);
      const newer = await w.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
      return { build: newer, staging: [older, newer], args: [], rollback: false };
    },
  },
  {
    // v1.2.3 then v1.2.4 shipped; production goes back to 1.2.3's image under a new tag.
    name: 'rollback',
    async setup(w) {
      const older = await w.pushBuild({ version: '1.2.3', ts: STAGING_TS });
      await promoteInProcess(w, 'latest', SETUP_NOW);
      const newer = await w.pushBuild({ version: '1.2.4', ts: STAGING_TS + 60 });
      await promoteInProcess(w, 'latest', SETUP_NOW + 60);
      return { build: older, staging: [older, newer], args: ['--source', older.tag], rollback: true };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// State

interface Snapshot {
  tags: Record<string, string>;
  refs: Record<string, string>;
  releases: { id: number; tag_name: string; draft: boolean; body: string; name: string | null; prerelease: boolean }[];
  latest?: string;
}

async function snapshot(w: ReleaseWorld): Promise<Snapshot> {
  const s = w.standIn.state;
  const latest = s.releases.find((r) => r.id === s.latestReleaseId)?.tag_name;
  return {
    tags: await w.tagDigests(),
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

/** production immutable tags in `after` that `before` did not have */
function newProductionTags(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after.tags).filter((t) => isProductionImmutable(t) && !(t in before.tags));
}

/**
 * The state with what legitimately differs between two worlds blanked out: the new production tag's
 * ts (the CLI's clock), the worlds' ports and the release times. Digests, commits and every other
 * tag, ref and release field are kept.
 */
function normalised(w: ReleaseWorld, pre: Snapshot, s: Snapshot) {
  const fresh = newProductionTags(pre, s);
  const renamed = (tag: string) => (fresh.includes(tag) ? tag.replace(/-\d+$/, '-<ts>') : tag);
  const text = (body: string) => {
    let out = body.split(w.proxy!.host).join('<registry>').split(w.standIn.url).join('<github>');
    for (const tag of fresh) out = out.split(tag).join(renamed(tag));
    return out.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>');
  };
  return {
    tags: Object.fromEntries(Object.entries(s.tags).map(([t, d]) => [renamed(t), d])),
    refs: s.refs,
    releases: s.releases
      .map(({ id: _id, body, ...r }) => ({ ...r, body: text(body) }))
      .sort((a, b) => a.tag_name.localeCompare(b.tag_name)),
    latest: s.latest,
  };
}

/** One request as the matrix counts it: ts of the new production tag and blob-upload ids blanked. */
function requestKey(kind: 'registry' | 'github', info: { method: string; path: string }): string {
  const path = info.path
    .replace(/(production-v\d+\.\d+\.\d+-[0-9a-f]{7})-\d+/g, '$1-<ts>')
    .replace(/\/blobs\/uploads\/[^?]+(\?.*)?$/, '/blobs/uploads/<upload>');
  return `${kind} ${info.method} ${path}`;
}

// ---------------------------------------------------------------------------------------------
// One run: clean (killAt undefined) or killed at request killAt, then re-run

interface Outcome {
  pre: Snapshot;
  /** after the killed run; the clean run's end state when nothing was killed */
  killed: Snapshot;
  final: Snapshot;
  /** the requests of the first run, in order */
  requests: string[];
  /** the first run's exit */
  first: Awaited<Run['done']>;
  rerun?: Awaited<Run['done']>;
  normal: ReturnType<typeof normalised>;
  setup: Setup;
  world: ReleaseWorld;
}

async function settle(w: ReleaseWorld, counts: { registry: number; github: number }, ghBase: number): Promise<void> {
  // The held request goes on once the kill is done: wait until both servers have answered every
  // request they took (the registry's status arrives after its write).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const registryDone = w.proxy!.requests.filter((r) => r.status !== 0).length;
    const githubDone = w.standIn.requests.slice(ghBase).filter((r) => r.status !== undefined).length;
    if (registryDone >= counts.registry && githubDone >= counts.github) return;
    if (Date.now() > deadline)
      throw new Error(
        `the servers did not finish the held requests: registry ${registryDone}/${counts.registry}, github ${githubDone}/${counts.github}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function runOnce(scenario: Scenario, killAt: number | undefined): Promise<Outcome> {
  const w = await startReleaseWorld({ faultProxy: true });
  try {
    const setup = await scenario.setup(w);
    const pre = await snapshot(w);
    w.proxy!.reset();
    const ghBase = w.standIn.requests.length;
    const requests: string[] = [];
    const counts = { registry: 0, github: 0 };
    const run = startCli(w, ['--json', ...setup.args]);
    // Set in the same tick as the spawn, so before the CLI's first request can arrive.
    let killing: Promise<unknown> | undefined;
    const hook = (kind: 'registry' | 'github') => async (info: { method: string; path: string }) => {
      if (killing) return; // a request that slipped in while the process was dying
      counts[kind]++;
      if (requests.push(requestKey(kind, info)) !== killAt) return;
      // Held until the process is dead; then the request is handled, and its answer goes nowhere.
      killing = run.done;
      run.child.kill('SIGKILL');
      await killing;
    };
    w.proxy!.onRequest = hook('registry');
    w.standIn.onRequest = hook('github');
    const first = await run.done;
    await settle(w, counts, ghBase);
    delete w.proxy!.onRequest;
    delete w.standIn.onRequest;
    const killed = await snapshot(w);
    if (killAt === undefined) {
      return { pre, killed, final: killed, requests, first, normal: normalised(w, pre, killed), setup, world: w };
    }
    const rerun = await startCli(w, ['--json', ...setup.args]).done;
    const final = await snapshot(w);
    return { pre, killed, final, requests, first, rerun, normal: normalised(w, pre, final), setup, world: w };
  } finally {
    await w.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The invariants

function check(name: string, ok: boolean, detail: () => unknown, problems: string[]): void {
  if (!ok) problems.push(`${name}: ${JSON.stringify(detail())}`);
}

/** What must hold of any state a promotion (killed or not) leaves. */
function stateInvariants(label: string, o: Outcome, s: Snapshot, problems: string[]): void {
  const stagingDigests = new Set(
    Object.entries(s.tags)
      .filter(([t]) => parseImmutableTag(t)?.env === 'staging')
      .map(([, d]) => d),
  );
  const orphans = Object.entries(s.tags).filter(
    ([t, d]) => (t === 'production' || isProductionImmutable(t)) && !stagingDigests.has(d),
  );
  check(`${label}: no production tag on a digest no staging tag has`, orphans.length === 0, () => orphans, problems);
  // An immutable tag is never moved nor removed: from the setup's state, nor from the killed run's.
  for (const [fromLabel, from] of [
    ['setup', o.pre],
    ['killed run', o.killed],
  ] as const) {
    const moved = Object.entries(from.tags).filter(([t, d]) => parseImmutableTag(t) && s.tags[t] !== d);
    check(
      `${label}: no immutable tag of the ${fromLabel}'s state moved or vanished`,
      moved.length === 0,
      () => moved.map(([t, d]) => `${t}: ${d} → ${s.tags[t]}`),
      problems,
    );
    if (from === s) break;
  }
  const drafts = s.releases.filter((r) => r.draft).map((r) => r.tag_name);
  check(`${label}: no draft release`, drafts.length === 0, () => drafts, problems);
}

/** What must hold after a killed run alone: the order's promises (GitHub's refusable writes first). */
function killedInvariants(o: Outcome, problems: string[]): void {
  const { pre, killed, setup } = o;
  const version = setup.build.version;
  const refName = `refs/tags/v${version}`;
  const refAtCommit = killed.refs[refName] === setup.build.commit;
  const fresh = newProductionTags(pre, killed);
  check('killed run: at most one new production tag', fresh.length <= 1, () => fresh, problems);
  check(
    `killed run: a new production tag only once ${refName} is at the commit`,
    fresh.length === 0 || refAtCommit,
    () => ({ fresh, ref: killed.refs[refName] }),
    problems,
  );
  check(
    `killed run: the production alias moves only once ${refName} is at the commit`,
    killed.tags.production === pre.tags.production || refAtCommit,
    () => ({ alias: killed.tags.production, ref: killed.refs[refName] }),
    problems,
  );
  check(
    'killed run: the alias is moved before the production tag is written',
    fresh.length === 0 || killed.tags.production === setup.build.digest,
    () => ({ fresh, alias: killed.tags.production }),
    problems,
  );
  check(
    'killed run: a new production tag is the build',
    fresh.every((t) => killed.tags[t] === setup.build.digest),
    () => fresh.map((t) => [t, killed.tags[t]]),
    problems,
  );
  const newRelease = !pre.releases.some((r) => r.tag_name === `v${version}`);
  const released = killed.releases.some((r) => r.tag_name === `v${version}`);
  check(
    'killed run: the release only after the production tag',
    !newRelease || !released || fresh.length === 1,
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
    `killed run: Latest is the release it was, or v${version} once that is released`,
    killed.latest === pre.latest || (!setup.rollback && released && killed.latest === `v${version}`),
    () => ({ before: pre.latest, after: killed.latest }),
    problems,
  );
  if (!setup.rollback && released) {
    check(
      `killed run: v${version}, the highest version, is Latest from its creation`,
      killed.latest === `v${version}`,
      () => killed.latest,
      problems,
    );
  }
  if (setup.rollback) {
    check(
      'killed run: a rollback leaves the releases as they were, but for its own delivery added to the record',
      rollbackOnlyRecorded(pre, killed, version, true) && killed.latest === pre.latest,
      () => ({ before: pre.releases.map((r) => r.tag_name), after: killed.releases.map((r) => r.tag_name) }),
      problems,
    );
  }
}

/**
 * Whether `after`'s releases are `before`'s except that the release of `version` records one more
 * delivery, a rollback that wrote a new production tag (or, with `mayBeAbsent`, is unchanged): a
 * rollback writes nothing else to GitHub (issue 11: every delivery leaves a durable record).
 */
function rollbackOnlyRecorded(before: Snapshot, after: Snapshot, version: string, mayBeAbsent: boolean): boolean {
  if (JSON.stringify(after.releases) === JSON.stringify(before.releases)) return mayBeAbsent;
  if (after.releases.length !== before.releases.length) return false;
  return after.releases.every((r, i) => {
    const b = before.releases[i]!;
    if (r.tag_name !== `v${version}`) return JSON.stringify(r) === JSON.stringify(b);
    if (JSON.stringify({ ...r, body: '' }) !== JSON.stringify({ ...b, body: '' })) return false;
    const was = parseLineage(b.body);
    const now = parseLineage(r.body);
    if (!was || !now) return false;
    const { deliveries: wasDeliveries = [], ...wasFields } = was;
    const { deliveries: nowDeliveries = [], ...nowFields } = now;
    const added = nowDeliveries.slice(wasDeliveries.length);
    return (
      JSON.stringify(nowFields) === JSON.stringify(wasFields) &&
      JSON.stringify(nowDeliveries.slice(0, wasDeliveries.length)) === JSON.stringify(wasDeliveries) &&
      added.length === 1 &&
      added[0]!.kind === 'rollback' &&
      isProductionImmutable(added[0]!.targetTag) &&
      !(added[0]!.targetTag in before.tags) &&
      added[0]!.targetTag in after.tags
    );
  });
}

/** What must hold at the end of a promotion that finished (the clean run, or a re-run). */
function finalInvariants(label: string, o: Outcome, problems: string[]): void {
  const { pre, final, setup } = o;
  const { build } = setup;
  const fresh = newProductionTags(pre, final);
  check(`${label}: exactly one new production tag`, fresh.length === 1, () => fresh, problems);
  const target = fresh[0];
  if (target) {
    const parsed = parseImmutableTag(target)!;
    check(
      `${label}: the new production tag is the build`,
      final.tags[target] === build.digest &&
        parsed.version === build.version &&
        parsed.sha === build.commit.slice(0, 7),
      () => ({ target, digest: final.tags[target] }),
      problems,
    );
    const pick = fluxPick(Object.keys(final.tags), 'production');
    check(
      `${label}: Flux's production policy picks it`,
      pick.ok && pick.tag === target && pick.ties.length === 0,
      () => pick,
      problems,
    );
  }
  check(
    `${label}: the production alias is the build`,
    final.tags.production === build.digest,
    () => final.tags.production,
    problems,
  );
  const releases = final.releases.filter((r) => r.tag_name === `v${build.version}`);
  check(`${label}: exactly one release v${build.version}`, releases.length === 1, () => releases.length, problems);
  check(
    `${label}: ref v${build.version} at the staging build's commit`,
    final.refs[`refs/tags/v${build.version}`] === build.commit,
    () => final.refs[`refs/tags/v${build.version}`],
    problems,
  );
  if (setup.rollback) {
    const recorded = parseLineage(releases[0]?.body ?? '')?.deliveries?.at(-1);
    check(
      `${label}: a rollback reuses the release, adds only its delivery (the new production tag) and leaves Latest alone`,
      rollbackOnlyRecorded(pre, final, build.version, false) &&
        recorded?.targetTag === target &&
        final.latest === pre.latest,
      () => ({ latest: final.latest, recorded }),
      problems,
    );
  } else if (releases[0] && target) {
    const lineage = parseLineage(releases[0].body);
    check(
      `${label}: the release's lineage names the production tag, digest and commit`,
      lineage?.targetTag === target && lineage.digest === build.digest && lineage.commit === build.commit,
      () => lineage,
      problems,
    );
    check(`${label}: v${build.version} is Latest`, final.latest === `v${build.version}`, () => final.latest, problems);
  }
  check(
    `${label}: the stand-in saw only valid requests`,
    o.world.standIn.violations.length === 0,
    () => o.world.standIn.violations,
    problems,
  );
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

describe('the promotion killed (SIGKILL) at every request, then run again', () => {
  for (const scenario of SCENARIOS) {
    it.concurrent(
      `${scenario.name}: every kill point converges on the clean run's state`,
      async () => {
        const clean = await slot(() => runOnce(scenario, undefined));
        expect(clean.first.code).toBe(0);
        expect((JSON.parse(clean.first.stdout) as { result: string }).result).toBe('promoted');
        const problems: string[] = [];
        stateInvariants('clean run', clean, clean.final, problems);
        finalInvariants('clean run', clean, problems);
        expect(problems).toEqual([]);
        const n = clean.requests.length;
        expect(n).toBeGreaterThan(20);

        const points = Array.from({ length: n }, (_, i) => i + 1);
        const results = await Promise.all(
          points.map((k) =>
            slot(async () => {
              const found: string[] = [];
              let o: Outcome;
              try {
                o = await runOnce(scenario, k);
              } catch (err) {
                return { k, partial: false, problems: [`the kill point did not run: ${String(err)}`] };
              }
              const at = `${k}/${n} (${o.requests[k - 1] ?? clean.requests[k - 1]})`;
              // Requests that do not depend on one another go out together, so their order of arrival
              // varies from run to run: the killed run must have made k of the clean run's requests
              // (as a multiset), the k-th to arrive being the one held and killed.
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
              const killedTag = newProductionTags(o.pre, o.killed)[0];
              if (killedTag) {
                check(
                  're-run: reuses the production tag the killed run wrote (Flux already picks it)',
                  JSON.stringify(newProductionTags(o.pre, o.final)) === JSON.stringify([killedTag]),
                  () => ({ killed: killedTag, final: newProductionTags(o.pre, o.final) }),
                  found,
                );
              }
              check(
                "re-run: the state equals the clean run's (but for the new production tag's ts)",
                JSON.stringify(o.normal) === JSON.stringify(clean.normal),
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
        tally.push({ scenario: scenario.name, points: n, converged: n - failed.length, partial });
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
