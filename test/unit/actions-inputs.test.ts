/**
 * One source per input: each actions/<name>/main.ts declares its inputs once (`inputs`), reads them
 * only through that declaration (`input`, keyed by the declared names), and this test holds the
 * declarations, the action.yml files and the composites that wrap the actions to the same names,
 * required flags and defaults.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import type { InputSpecs } from '../../actions/runner.js';
import { inputVariable, repoRoot } from '../support/run-bundle.js';

interface ActionYml {
  inputs?: Record<string, { required?: boolean; default?: unknown } | null>;
  runs: { using: string; main?: string; steps?: { env?: Record<string, string>; run?: string }[] };
}

interface ActionModule {
  name: string;
  inputs: InputSpecs;
  input: { read: ReadonlySet<string> };
  getInputs(): unknown;
}

const actionNames = readdirSync(join(repoRoot, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const readYml = (path: string) => parseYaml(readFileSync(join(repoRoot, path), 'utf8')) as ActionYml;
const load = async (name: string) => (await import(join(repoRoot, 'actions', name, 'main.ts'))) as ActionModule;

/** The declaration as action.yml writes it: `required` always present, `default` only when there is one. */
function ymlShape(yml: ActionYml) {
  return Object.fromEntries(
    Object.entries(yml.inputs ?? {}).map(([k, v]) => [
      k,
      { required: v?.required === true, ...(v?.default !== undefined ? { default: String(v.default) } : {}) },
    ]),
  );
}

function specShape(specs: InputSpecs) {
  return Object.fromEntries(
    Object.entries(specs).map(([k, v]) => [
      k,
      { required: v.required === true, ...(v.default !== undefined ? { default: v.default } : {}) },
    ]),
  );
}

/** Valid values for every input, so that getInputs() reads them all without stopping at an error. */
const VALID: Record<string, string> = {
  images: 'ghcr.io/acme/backend',
  gitops: '.',
  image: 'ghcr.io/acme/backend',
  environment: 'develop',
  'branch-environments': 'develop=develop',
  version: '1.2.3',
  sha: '0123456789abcdef0123456789abcdef01234567',
  commit: '0123456789abcdef0123456789abcdef01234567',
  'sha-length': '7',
  timestamp: '1738860123',
  'initial-version': '0.0.1',
  digest: `sha256:${'a'.repeat(64)}`,
  source: 'ghcr.io/acme/backend:staging',
  tags: 'production',
  'source-tag': 'staging-v1.2.3-0123456-1738860123',
  'target-tag': 'production-v1.2.3-0123456-1738860200',
  repository: 'acme/backend',
  level: 'patch',
  suffix: 'next',
  bump: 'patch',
  'from-environment': 'staging',
  'to-environment': 'production',
  'dry-run': 'false',
  'move-alias': 'true',
  'generate-notes': 'true',
  'keep-existing': 'false',
  'make-latest': 'auto',
  'time-budget': '10',
  'github-token': 'ghs_x',
  'registry-token': 'ghs_y',
  username: 'u',
  password: 'p',
  'to-image': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend',
  signatures: 'copy',
  'extra-tags': '{{version}}',
  'to-username': 'AWS',
  'to-password': 'ecr-token',
  'annotation-levels': 'manifest,index',
  labels: 'org.opencontainers.image.vendor=Acme',
  annotations: 'index:org.opencontainers.image.description=Backend',
};

function withInputs<T>(inputs: Record<string, string>, fn: () => T): T {
  const saved = { ...process.env };
  const write = process.stdout.write;
  try {
    for (const key of Object.keys(process.env)) if (/^(INPUT_|GITHUB_)/.test(key)) delete process.env[key];
    for (const [k, v] of Object.entries(inputs)) process.env[inputVariable(k)] = v;
    process.env.GITHUB_REPOSITORY = 'acme/backend';
    process.stdout.write = (() => true) as typeof process.stdout.write; // ::add-mask:: lines
    return fn();
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('action inputs: one declaration per action', () => {
  it('finds the eight actions, each with action.yml, main.ts and an index.ts that only runs main.ts', () => {
    expect(actionNames).toEqual([
      'audit',
      'bump-version',
      'compute-tags',
      'create-release',
      'plan-promotion',
      'promote',
      'retag',
      'verify',
    ]);
    for (const name of actionNames) {
      const yml = readYml(`actions/${name}/action.yml`);
      expect(yml.runs).toMatchObject({ using: 'node24', main: `../../dist/${name}/index.js` });
      const index = readFileSync(join(repoRoot, 'actions', name, 'index.ts'), 'utf8');
      expect(index).toContain("import { name, run } from './main.js';");
      expect(index).toContain('void runAction(name, run);');
    }
  });

  it.each(actionNames)('%s: main.ts declares the inputs of action.yml (names, required, defaults)', async (name) => {
    const action = await load(name);
    expect(action.name).toBe(name);
    expect(specShape(action.inputs)).toEqual(ymlShape(readYml(`actions/${name}/action.yml`)));
  });

  it.each(actionNames)('%s: getInputs() reads every declared input', async (name) => {
    const action = await load(name);
    const given = Object.fromEntries(Object.keys(action.inputs).map((k) => [k, VALID[k]]));
    expect(Object.entries(given).filter(([, v]) => v === undefined)).toEqual([]);
    withInputs(given, () => action.getInputs());
    expect([...action.input.read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it.each([
    ['action-tag', 'compute-tags'],
    ['action-promote', 'promote'],
  ])('the composite %s declares the inputs of %s and passes every one as its INPUT_ variable', async (dir, name) => {
    const action = await load(name);
    const yml = readYml(`${dir}/action.yml`);
    expect(ymlShape(yml)).toEqual(specShape(action.inputs));
    const step = yml.runs.steps?.find((s) => s.run?.includes(`dist/${name}/index.js`));
    expect(step).toBeDefined();
    for (const input of Object.keys(action.inputs)) {
      const envName = Object.entries(step!.env ?? {}).find(([, v]) => v === `\${{ inputs.${input} }}`)?.[0];
      expect([input, envName]).toEqual([input, expect.any(String)]);
      expect(step!.run).toContain(`"${inputVariable(input)}=$${envName}"`);
    }
  });

  it('fills an absent input with its literal default as the runner would, trimmed; an expression default stays absent', async () => {
    const { input } = await load('compute-tags');
    const read = input as unknown as {
      optional(name: string): string | undefined;
      withDefault(name: string): string;
    };
    withInputs({}, () => {
      expect(read.withDefault('branch-environments')).toBe('develop=develop\nmain=staging');
      expect(read.withDefault('sha-length')).toBe('7');
      expect(read.optional('github-token')).toBeUndefined();
      expect(read.optional('version')).toBeUndefined();
    });
    withInputs({ 'sha-length': '  12 ' }, () => expect(read.withDefault('sha-length')).toBe('12'));
  });
});
