/**
 * Every input of every action with hostile values (issue 12, "Every input, one clear error"), run
 * from source (test/support/run-source.ts) against the GitHub stand-in and a real registry on
 * loopback. The inputs are read from actions/<name>/action.yml, so a new input is in the table the
 * day it is declared.
 *
 * A hostile value either fails the step with one error annotation that names the input
 * (`gitops-promote/<action>: <input>: …`), shows the value quoted and cut (a secret as `***`),
 * and changes nothing: the registry's tags, the stand-in's refs and releases are as before, no
 * request reached GitHub when the mistake can be seen without one, no shell ran the value; or it is
 * legitimately valid for that input (listed below, each with why), and the step succeeds. Either
 * way no workflow command comes of the value, and no secret is printed.
 *
 * The table is grouped one test per input (all its values in one test, the problems collected), so
 * that a failure lists every value at fault at once and the table stays fast.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import { quoteValue } from '../../packages/common/errors.js';
import { fluxKit, writeKit } from '../../packages/gitops/kit.js';
import { formatImmutableTag } from '../../packages/tagging/tags.js';
import { startReleaseWorld, type Build, type ReleaseWorld } from '../support/release-world.js';
import { repoRoot, type BundleResult } from '../support/run-bundle.js';
import { runComposite } from '../support/run-composite.js';
import { runSource } from '../support/run-source.js';

interface InputYml {
  required?: boolean;
  default?: unknown;
}

/** Every action and its inputs, as their action.yml files declare them. */
const ACTIONS: Record<string, Record<string, InputYml>> = Object.fromEntries(
  readdirSync(join(repoRoot, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repoRoot, 'actions', d.name, 'action.yml')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const yml = parseYaml(readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8')) as {
        inputs?: Record<string, InputYml | null>;
      };
      return [name, Object.fromEntries(Object.entries(yml.inputs ?? {}).map(([k, v]) => [k, v ?? {}]))];
    }),
);

/** A folder no value may create a file in: `$(touch …)` and backticks point here. */
const canary = mkdtempSync(join(tmpdir(), 'action-hostile-canary-'));
const PWNED = join(canary, 'pwned');

const HOSTILE: Record<string, string> = {
  blank: ' \t  ',
  'newline + ::error::': 'x\n::error::forged',
  '::error:: alone': '::error::forged',
  'non-ASCII': 'prodüction',
  'right-to-left override': 'ab\u202ecd',
  'control characters': 'a\u0007b\u001b[31m',
  '10 KB': 'a'.repeat(10 * 1024),
  '$(touch X)': `$(touch ${PWNED})`,
  backticks: `\`touch ${PWNED}\``,
  'path traversal': '../../../../etc',
  spaces: 'a b c',
  // printable, no space: what a token may look like, and no tag, name or path
  'token-shaped': 'gho_AbCdEf0123456789+AbCdEf/0123456789Zz',
};

/** Values of one input only: the shapes its own rule must bound or refuse. */
function extraValues(input: string): Record<string, string> {
  if (/environment$/.test(input)) return { '25 letters (fits the grammar, not a tag)': 'e'.repeat(25) };
  if (input === 'branch-environments') return { '10 KB environment name': `develop=${'a'.repeat(10 * 1024)}` };
  if (input === 'digest') return { 'upper-case hex': `sha256:${'A'.repeat(64)}`, sha512: `sha512:${'a'.repeat(128)}` };
  if (input === 'suffix') return { '65 characters': 'n'.repeat(65) };
  return {};
}

const BOOLEAN_DEFAULTS = new Set(['true', 'false']);
const SECRET = /(^|-)(token|password)$/;
/** The actions whose every run asks GitHub, so a missing token is an error. */
const NEEDS_GITHUB = new Set(['bump-version', 'compute-tags', 'create-release', 'plan-promotion', 'promote']);

/**
 * Why a value is valid for an input, or undefined when it must be refused. Everything not listed
 * here must be refused.
 */
function validBecause(action: string, input: string, label: string): string | undefined {
  const spec = ACTIONS[action]![input]!;
  if (label === 'blank') {
    if (spec.required) return undefined;
    if (BOOLEAN_DEFAULTS.has(String(spec.default))) return undefined; // given blank: refused, as getBooleanInput does
    // the other half of the base inputs' credential pair needs it
    if ((input === 'password' || input === 'username') && BASE[action]!.username) return undefined;
    if (input === 'github-token' && NEEDS_GITHUB.has(action)) return undefined;
    return 'left blank, the input takes its default';
  }
  const printableToken = ['::error:: alone', 'path traversal', 'token-shaped'].includes(label);
  // A token's syntax is checked; whether it is right only the registry can say, and the registry on
  // loopback is not ghcr.io, the only one a token input is sent to.
  if (/(^|-)token$/.test(input) && input !== 'github-token' && printableToken)
    return 'a well-formed token; not sent to this registry';
  if (input === 'github-token' && action === 'retag' && printableToken)
    return 'a well-formed token; retag sends it only to ghcr.io';
  // RFC 7617: a user-id is any text but ":" and control characters; a password any text but controls.
  const anyText = ['non-ASCII', 'right-to-left override', '$(touch X)', 'backticks', 'path traversal', 'spaces'];
  if (/(^|-)username$/.test(input) && [...anyText, 'token-shaped'].includes(label)) return 'a user name may hold it';
  if (/(^|-)password$/.test(input) && [...anyText, 'token-shaped', '::error:: alone'].includes(label))
    return 'a password may hold it';
  return undefined;
}

let world: ReleaseWorld;
let staging: Build;
let workspace: string;
let dockerConfig: string;
let productionTag: string;
let env: Record<string, string>;
const BASE: Record<string, Record<string, string>> = {};
const CREDENTIALS = { username: 'ci-robot', password: 'Pa55-w0rd-of-the-robot' };

/**
 * Every tag of every repository in the registry, `<repository>:<tag>` → digest, read from its
 * storage (docker/registry/v2/repositories/<repository>/_manifests/tags/<tag>/current/link): a
 * value that wrote to another repository (a `to-image`) shows here too.
 */
function registryTags(): Record<string, string> {
  const root = join(world.registry.dataDir, 'docker/registry/v2/repositories');
  const tags: Record<string, string> = {};
  const walk = (repository: string): void => {
    const dir = join(root, repository);
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '_layers' || entry.name === '_uploads') continue;
      if (entry.name !== '_manifests') {
        walk(repository ? `${repository}/${entry.name}` : entry.name);
        continue;
      }
      const tagDir = join(dir, '_manifests', 'tags');
      for (const tag of existsSync(tagDir) ? readdirSync(tagDir) : []) {
        const link = join(tagDir, tag, 'current', 'link');
        if (existsSync(link)) tags[`${repository}:${tag}`] = readFileSync(link, 'utf8').trim();
      }
    }
  };
  walk('');
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const state = () => ({ registry: registryTags(), github: world.standIn.snapshot() });

beforeAll(async () => {
  world = await startReleaseWorld();
  const shipped = await world.pushBuild({ version: '1.2.3', ts: 1_700_000_000 });
  staging = await world.pushBuild({ version: '1.2.4', ts: 1_700_000_060 });
  // 1.2.3 is in production already, as a promotion leaves it (create-release records it below).
  productionTag = formatImmutableTag({
    env: 'production',
    version: '1.2.3',
    sha: shipped.commit.slice(0, 7),
    ts: 1_700_000_500,
  });
  await world.pushTag(productionTag, shipped.digest);
  await world.pushTag('production', shipped.digest);

  workspace = mkdtempSync(join(tmpdir(), 'action-hostile-workspace-'));
  dockerConfig = mkdtempSync(join(tmpdir(), 'action-hostile-docker-'));
  await writeKit(
    workspace,
    fluxKit({
      image: world.image,
      name: 'backend',
      environments: ['staging'],
      gitUrl: 'ssh://git@example.com/acme/gitops.git',
      currentTags: { staging: staging.tag },
    }),
  );
  env = {
    GITHUB_API_URL: world.standIn.url,
    GITHUB_REPOSITORY: 'acme/backend',
    GITHUB_SHA: shipped.commit,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: workspace,
    DOCKER_CONFIG: dockerConfig,
  };
  const token = { 'github-token': world.token };
  Object.assign(BASE, {
    audit: { image: world.image, ...token, ...CREDENTIALS },
    'bump-version': { version: '1.2.3', commit: shipped.commit, ...token },
    // no version and no timestamp: GitHub's tags and the registry's are read, with the credentials
    'compute-tags': { images: world.image, environment: 'develop', sha: shipped.commit, ...token, ...CREDENTIALS },
    'create-release': {
      version: '1.2.3',
      commit: shipped.commit,
      image: world.image,
      digest: shipped.digest,
      'source-tag': shipped.tag,
      'target-tag': productionTag,
      ...token,
    },
    'plan-promotion': { image: world.image, ...token, ...CREDENTIALS },
    promote: { image: world.image, 'dry-run': 'true', ...token, ...CREDENTIALS },
    retag: { source: `${world.image}:${staging.tag}`, tags: 'hotfix', 'dry-run': 'true', ...token, ...CREDENTIALS },
    verify: { image: world.image, gitops: '.', ...CREDENTIALS },
  });
  // The fast read of the registry's state is the registry's own answer.
  const digests = await world.tagDigests();
  expect(registryTags()).toEqual(
    Object.fromEntries(Object.entries(digests).map(([tag, digest]) => [`${world.imageRepository}:${tag}`, digest])),
  );
}, 60_000);

afterAll(async () => {
  await world?.stop();
  for (const dir of [workspace, dockerConfig, canary]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (action: string, inputs: Record<string, string>) => runSource(action, { inputs, env });

interface Command {
  name: string;
  data: string;
}

/**
 * The workflow commands a runner would obey in this output: lines that begin with `::` after white
 * space, except between `::stop-commands::<token>` and `::<token>::`.
 */
function workflowCommands(stdout: string): Command[] {
  const commands: Command[] = [];
  let stopped: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const m = /^::([^\s:]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'stop-commands') stopped = m[2];
    commands.push({ name: m[1]!, data: m[2]! });
  }
  return commands;
}

const OBEYED = new Set(['add-mask', 'debug', 'warning', 'error', 'group', 'endgroup', 'stop-commands']);

/** What a value may be shown as: whole, trimmed, one line or item of it, or the value of a key=value item. */
function shownForms(value: string): string[] {
  const items = value.split(/[\n,]/).map((s) => s.trim());
  const values = items.filter((i) => i.includes('=')).map((i) => i.slice(i.indexOf('=') + 1).trim());
  return [...new Set([value, value.trim(), ...items, ...values])].map((v) => quoteValue(v));
}

function secretsOf(action: string, input: string, value: string): string[] {
  const base = BASE[action]!;
  const secrets = Object.entries(base)
    .filter(([k]) => SECRET.test(k))
    .map(([, v]) => v);
  if (SECRET.test(input) && value.trim().length >= 4) secrets.push(value.trim());
  return secrets;
}

/** Every problem of one run, as text: none for a run that did what the table says. */
function problemsOf(
  action: string,
  input: string,
  value: string,
  r: BundleResult,
  valid: string | undefined,
  requests: number,
): string[] {
  const problems: string[] = [];
  const commands = workflowCommands(r.stdout);
  const strays = commands.filter((c) => !OBEYED.has(c.name));
  if (strays.length) problems.push(`workflow commands not ours: ${JSON.stringify(strays)}`);
  const errors = commands.filter((c) => c.name === 'error');
  const printed = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  for (const secret of secretsOf(action, input, value)) {
    if (printed.includes(secret) || r.summary.includes(secret) || JSON.stringify(r.outputs).includes(secret))
      problems.push(`a secret is printed: ${JSON.stringify(secret.slice(0, 40))}`);
  }
  if (valid !== undefined) {
    if (r.code !== 0 || errors.length) problems.push(`valid (${valid}), but: ${JSON.stringify(r.errors)}`);
    return problems;
  }
  if (r.code !== 1) problems.push(`exit code ${r.code}, not 1`);
  if (errors.length !== 1 || r.errors.length !== 1) {
    problems.push(`${errors.length} error annotations, not 1: ${JSON.stringify(r.errors).slice(0, 600)}`);
    return problems;
  }
  const message = r.errors[0]!;
  const prefix = `gitops-promote/${action}: ${input}: `;
  if (!message.startsWith(prefix)) problems.push(`the error does not name ${input}: ${message.slice(0, 300)}`);
  if (/[\r\n]/.test(message)) problems.push(`the error has a raw line break: ${JSON.stringify(message.slice(0, 300))}`);
  if (message.length > 2000) problems.push(`the error has ${message.length} characters`);
  if (SECRET.test(input)) {
    // a blank secret may be shown as it is: there is nothing to hide
    const shown = value.trim() === '' ? ['***', '""'] : ['***'];
    if (!shown.some((form) => message.startsWith(`${prefix}${form} `)))
      problems.push(`the secret is not shown as ***: ${message.slice(0, 300)}`);
  } else if (!shownForms(value).some((form) => message.includes(form))) {
    problems.push(`the value is not shown quoted: ${message.slice(0, 300)}`);
  }
  // Only a token's worth is known to GitHub alone: every other mistake is seen before any request.
  if (input !== 'github-token' && requests !== 0) problems.push(`${requests} requests reached GitHub first`);
  return problems;
}

const TABLE: [string, string][] = Object.entries(ACTIONS).flatMap(([action, inputs]) =>
  Object.keys(inputs).map((input): [string, string] => [action, input]),
);

describe('every input of every action with hostile values', () => {
  it('reads every input of every action.yml', () => {
    expect(Object.keys(ACTIONS)).toEqual([
      'audit',
      'bump-version',
      'compute-tags',
      'create-release',
      'plan-promotion',
      'promote',
      'retag',
      'verify',
    ]);
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
    for (const action of Object.keys(ACTIONS)) expect(BASE[action]).toBeDefined();
  });

  it.each(Object.keys(ACTIONS))(
    '%s: the base inputs succeed, so each hostile value is the only thing wrong',
    async (action) => {
      const r = await run(action, BASE[action]!);
      expect(r.errors).toEqual([]);
      expect(r.code).toBe(0);
    },
  );

  it.each(TABLE)('%s %s: one error naming the input, nothing changed, or valid', async (action, input) => {
    const problems: string[] = [];
    let before = state();
    for (const [label, value] of Object.entries({ ...HOSTILE, ...extraValues(input) })) {
      const valid = validBecause(action, input, label);
      const requests = world.standIn.requests.length;
      const r = await run(action, { ...BASE[action], [input]: value });
      const found = problemsOf(action, input, value, r, valid, world.standIn.requests.length - requests);
      const after = state();
      if (valid === undefined && JSON.stringify(after) !== JSON.stringify(before)) found.push('the state changed');
      if (existsSync(PWNED)) {
        found.push('a shell ran the value');
        rmSync(PWNED);
      }
      before = after;
      problems.push(...found.map((p) => `${label}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('the findings of issue 12, word for word', () => {
  const SPACES = 'gho_with space';
  it.each([
    [
      'compute-tags',
      'digest',
      `sha256:${'A'.repeat(64)}`,
      `digest: "sha256:${'A'.repeat(64)}" is not accepted. Accepted: sha256: and 64 lowercase hex characters`,
    ],
    [
      'compute-tags',
      'github-token',
      SPACES,
      'github-token: *** is not accepted: it contains a space or a line break. Accepted: a GitHub token',
    ],
    [
      'plan-promotion',
      'github-token',
      'gho_line\nbreak',
      'github-token: *** is not accepted: it contains a space or a line break. Accepted: a GitHub token',
    ],
    [
      'bump-version',
      'github-token',
      'gho_nön',
      'github-token: *** is not accepted: it contains a character outside printable ASCII. Accepted: a GitHub token',
    ],
    [
      'compute-tags',
      'environment',
      'a'.repeat(10 * 1024),
      `environment: "${'a'.repeat(512)}…" (10240 characters) is not accepted: it has 10240 characters, more than 8192.`,
    ],
    [
      'compute-tags',
      'environment',
      'e'.repeat(200),
      `environment: "${'e'.repeat(200)}" is not accepted: it has 200 characters, more than 24, so the immutable tag`,
    ],
    [
      'audit',
      'to-environment',
      'e'.repeat(25),
      `to-environment: "${'e'.repeat(25)}" is not accepted: it has 25 characters, more than 24,`,
    ],
    [
      'bump-version',
      'suffix',
      'a'.repeat(10 * 1024),
      `suffix: "${'a'.repeat(512)}…" (10240 characters) is not accepted: it has 10240 characters, more than 8192.`,
    ],
    [
      'bump-version',
      'suffix',
      'a'.repeat(100),
      `suffix: "${'a'.repeat(100)}" is not accepted: it has 100 characters, more than 64.`,
    ],
    [
      'compute-tags',
      'branch-environments',
      'main=Staging',
      'branch-environments: "Staging" is not accepted: it has upper-case letters.',
    ],
  ])('%s %s %#: refused before any request', async (action, input, value, message) => {
    await world.registry.settled();
    const registryRequests = world.registry.requestCount();
    const githubRequests = world.standIn.requests.length;
    const r = await run(action, { ...BASE[action], [input]: value });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([expect.stringContaining(`gitops-promote/${action}: ${message}`)]);
    expect(world.standIn.requests.length).toBe(githubRequests);
    await world.registry.settled();
    expect(world.registry.requestCount()).toBe(registryRequests);
  });

  it("a wrong token: GitHub's 401 is named as the github-token input, the token never shown", async () => {
    const r = await run('plan-promotion', { ...BASE['plan-promotion'], 'github-token': 'gho_wrong0123456789' });
    expect(r.errors).toEqual([
      expect.stringMatching(
        /^gitops-promote\/plan-promotion: github-token: \*\*\* is not accepted: GitHub answered 401 "Bad credentials" to GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/backend\/.*: the token is wrong, expired or revoked\. Accepted: a GitHub token/,
      ),
    ]);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('gho_wrong');
  });
});

describe('the composites pass every input to the bundle as data, never through a shell', () => {
  it.each(['action-tag', 'action-promote'])('%s: $(…) and backticks in every input run nothing', async (dir) => {
    const yml = parseYaml(readFileSync(join(repoRoot, dir, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    for (const value of [HOSTILE['$(touch X)']!, HOSTILE.backticks!]) {
      const inputs = Object.fromEntries(Object.keys(yml.inputs).map((k) => [k, value]));
      const r = await runComposite(join(repoRoot, dir), {
        inputs,
        github: { repository: 'acme/backend', token: world.token, api_url: world.standIn.url },
        env: { DOCKER_CONFIG: dockerConfig },
      });
      expect(existsSync(PWNED)).toBe(false);
      expect(r.code).not.toBe(0);
      expect(r.errors).toHaveLength(1);
      // The bundle stops at the first input it reads: whichever it is, it is named, the value quoted.
      const named = new RegExp(`^gitops-promote/[a-z-]+: (${Object.keys(yml.inputs).join('|')}): `);
      expect(r.errors[0]).toMatch(named);
      expect(r.errors[0]).toContain(`${quoteValue(value)} is not accepted`);
    }
  });
});
