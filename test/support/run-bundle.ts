/**
 * Runs `dist/<name>/index.js` the way the runner runs a `node24` action (action-codebases.md §4):
 * `node` on the bundle with `INPUT_*` variables, file commands (`GITHUB_OUTPUT`, `GITHUB_ENV`,
 * `GITHUB_STATE`, `GITHUB_PATH`, `GITHUB_STEP_SUMMARY`) in temporary files and the event as JSON at
 * `GITHUB_EVENT_PATH`. Only running the bundle catches the ncc failures of a green build.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const repoRoot = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export interface BundleResult {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  /** the messages of `::error::` lines, unescaped */
  errors: string[];
}

export interface RunBundleOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: object;
  eventName?: string;
  cwd?: string;
  /** fill absent inputs from `actions/<name>/action.yml` defaults, as the runner does (default true) */
  defaults?: boolean;
  timeoutMs?: number;
  /** run this script instead of dist/<name>/index.js (tests of this helper) */
  bundle?: string;
  /** the action.yml whose input defaults apply (default actions/<name>/action.yml) */
  actionFile?: string;
}

/** The runner's name for an input's variable: spaces become `_`, hyphens are kept (actions/toolkit #2034). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Both `GITHUB_OUTPUT` forms: `name=value` and `name<<DELIMITER` … `DELIMITER`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || eq > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: ${name} has no closing delimiter ${delimiter}`);
      outputs[name] = value.join('\n');
    } else if (eq > 0) {
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`GITHUB_OUTPUT: unparsable line ${JSON.stringify(line)}`);
    }
  }
  return outputs;
}

/** Workflow-command data escaping (actions/toolkit command.ts `escapeData`), reversed. */
function unescapeCommandData(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export function errorLines(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => /^::error(?: [^:]*)?::(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => unescapeCommandData(m[1]));
}

/**
 * The environment a step starts with: this process's, without anything a runner or this test run
 * would leak into the child (GITHUB_*, INPUT_*, RUNNER_*, jest's NODE_OPTIONS), and with the
 * runner's variables set from `github`. GITHUB_API_URL defaults to a closed loopback port, so an
 * action that forgets the stand-in fails instead of calling api.github.com.
 */
export function runnerEnv(opts: {
  tempDir: string;
  workspace: string;
  eventPath: string;
  eventName: string;
  github?: {
    sha?: string;
    ref?: string;
    repository?: string;
    run_id?: string;
    actor?: string;
    server_url?: string;
    api_url?: string;
  };
}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value === undefined ||
      /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|STATE_)/.test(key) ||
      key === 'NODE_OPTIONS' ||
      key === 'CI'
    )
      continue;
    env[key] = value;
  }
  const g = opts.github ?? {};
  const ref = g.ref ?? 'refs/heads/main';
  return {
    ...env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: opts.eventPath,
    GITHUB_REPOSITORY: g.repository ?? 'acme/backend',
    GITHUB_REPOSITORY_OWNER: (g.repository ?? 'acme/backend').split('/')[0],
    GITHUB_SHA: g.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_RUN_ID: g.run_id ?? '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: g.actor ?? 'octocat',
    GITHUB_SERVER_URL: g.server_url ?? 'https://github.com',
    GITHUB_API_URL: g.api_url ?? 'http://127.0.0.1:9',
    GITHUB_GRAPHQL_URL: `${g.api_url ?? 'http://127.0.0.1:9'}/graphql`,
    RUNNER_TEMP: opts.tempDir,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'test-runner',
    NO_PROXY: '127.0.0.1,localhost',
  };
}

/**
 * The defaults of inputs not given, from the action's action.yml, as the runner fills them;
 * `${{ github.token }}` is the GITHUB_TOKEN of `env` (the job token has no other source here).
 */
async function actionDefaults(
  file: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<Record<string, string>> {
  if (!existsSync(file)) return {};
  const action = parseYaml(readFileSync(file, 'utf8')) as { inputs?: Record<string, { default?: unknown } | null> };
  const { evaluateTemplate, githubContext } = await import('./run-composite.js');
  const github = githubContext(
    {
      token: env.GITHUB_TOKEN ?? '',
      repository: env.GITHUB_REPOSITORY,
      sha: env.GITHUB_SHA,
      ref: env.GITHUB_REF,
      event_name: env.GITHUB_EVENT_NAME,
    },
    env,
  );
  const defaults: Record<string, string> = {};
  for (const [input, spec] of Object.entries(action.inputs ?? {})) {
    if (input in inputs || spec?.default === undefined) continue;
    defaults[input] = evaluateTemplate(String(spec.default), { github, inputs: {}, env: {}, steps: {}, runner: {} });
  }
  return defaults;
}

export async function runBundle(name: string, opts: RunBundleOptions = {}): Promise<BundleResult> {
  const bundle = opts.bundle ?? join(repoRoot, 'dist', name, 'index.js');
  if (!existsSync(bundle)) throw new Error(`runBundle: ${bundle} does not exist; run \`npm run bundle\``);
  const temp = mkdtempSync(join(tmpdir(), `run-bundle-${name}-`));
  try {
    const files = {
      GITHUB_OUTPUT: join(temp, 'output'),
      GITHUB_ENV: join(temp, 'env'),
      GITHUB_STATE: join(temp, 'state'),
      GITHUB_PATH: join(temp, 'path'),
      GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    };
    for (const file of Object.values(files)) writeFileSync(file, '');
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(opts.event ?? {}));
    const workspace = opts.cwd ?? mkdtempSync(join(temp, 'workspace-'));
    const base = runnerEnv({ tempDir: temp, workspace, eventPath, eventName: opts.eventName ?? 'push' });
    const env: Record<string, string> = { ...base, ...files, ...opts.env };
    const inputs = {
      ...(opts.defaults === false
        ? {}
        : await actionDefaults(
            opts.actionFile ?? join(repoRoot, 'actions', name, 'action.yml'),
            opts.inputs ?? {},
            env,
          )),
      ...opts.inputs,
    };
    for (const [input, value] of Object.entries(inputs)) env[inputVariable(input)] = value;

    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolveRun, reject) => {
        const child = spawn(process.execPath, [bundle], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (c: Buffer) => out.push(c));
        child.stderr.on('data', (c: Buffer) => err.push(c));
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60000);
        child.on('error', reject);
        child.on('close', (exitCode, signal) => {
          clearTimeout(timer);
          resolveRun({
            code: exitCode ?? (signal ? 128 : 1),
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          });
        });
      },
    );
    return {
      code,
      outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      stdout,
      stderr,
      errors: errorLines(stdout),
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
