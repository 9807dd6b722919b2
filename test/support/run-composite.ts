/**
 * Runs a composite `action.yml` step by step as the runner does (action-codebases.md §5): input
 * defaults (expressions included), `if:` conditions, `env:` and `run:` templates evaluated by
 * GitHub's own expression library (`@actions/expressions`), `run:` steps under
 * `bash --noprofile --norc -eo pipefail` (what `shell: bash` means), per-step file commands, and the
 * action's `outputs.<name>.value` evaluated at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse as parseYaml } from 'yaml';
import { errorLines, parseOutputFile, runnerEnv } from './run-bundle.js';

export interface CompositeStepResult {
  outputs: Record<string, string>;
  /** before continue-on-error: success, failure or skipped */
  outcome: string;
  /** after continue-on-error */
  conclusion: string;
}

export interface CompositeResult {
  code: number;
  outputs: Record<string, string>;
  steps: Record<string, CompositeStepResult>;
  summary: string;
  stdout: string;
  stderr: string;
  errors: string[];
}

export interface RunCompositeOptions {
  inputs?: Record<string, string>;
  /** the workflow's `env:` (the `env` context) */
  env?: Record<string, string>;
  /** the github context: sha, ref, ref_name, repository, event_name, event, token, action_path, … */
  github?: Record<string, unknown>;
  event?: object;
  /** GITHUB_WORKSPACE and the steps' working directory (default: a temporary directory) */
  workspace?: string;
  timeoutMs?: number;
}

export interface ExpressionContexts {
  inputs: Record<string, unknown>;
  github: Record<string, unknown>;
  env: Record<string, unknown>;
  steps: Record<string, unknown>;
  runner: Record<string, unknown>;
  job?: Record<string, unknown>;
}

interface ActionStep {
  id?: string;
  name?: string;
  if?: unknown;
  env?: Record<string, unknown>;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: unknown;
}

interface ActionFile {
  name?: string;
  inputs?: Record<string, { default?: unknown; required?: boolean } | null>;
  outputs?: Record<string, { value?: unknown } | null>;
  runs?: { using?: string; steps?: ActionStep[] };
}

const CONTEXT_NAMES = ['inputs', 'github', 'env', 'steps', 'runner', 'job', 'matrix', 'strategy', 'secrets', 'vars'];
const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\s*\(/i;

type JobStatus = 'success' | 'failure';

function toExpressionData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function statusFunctions(status: JobStatus) {
  const fn = (name: string, result: () => boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(result()),
  });
  return [
    fn('success', () => status === 'success'),
    fn('failure', () => status === 'failure'),
    fn('always', () => true),
    fn('cancelled', () => false),
  ];
}

/** One expression (without `${{ }}`) evaluated over the contexts. */
export function evaluateExpression(
  expression: string,
  contexts: ExpressionContexts,
  status: JobStatus = 'success',
): data.ExpressionData {
  const functions = statusFunctions(status);
  try {
    const tokens = new Lexer(expression).lex().tokens;
    const expr = new Parser(tokens, CONTEXT_NAMES, functions).parse();
    const all: Record<string, unknown> = {
      matrix: {},
      strategy: {},
      secrets: {},
      vars: {},
      job: { status },
      ...contexts,
    };
    const context = new data.Dictionary(
      ...CONTEXT_NAMES.map((key) => ({ key, value: toExpressionData(all[key] ?? {}) })),
    );
    return new Evaluator(expr, context, new Map(functions.map((f) => [f.name, f]))).evaluate();
  } catch (err) {
    throw new Error(`expression ${JSON.stringify(expression)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function asString(value: data.ExpressionData): string {
  return value.primitive ? value.coerceString() : JSON.stringify(value, data.replacer, 2);
}

/** A string with any number of `${{ … }}` (a `}}` inside a quoted string does not close one). */
export function evaluateTemplate(
  template: string,
  contexts: ExpressionContexts,
  status: JobStatus = 'success',
): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = template.indexOf('${{', i);
    if (start === -1) return out + template.slice(i);
    out += template.slice(i, start);
    let j = start + 3;
    let quoted = false;
    for (; j < template.length; j++) {
      const c = template[j];
      if (quoted) {
        if (c === "'") {
          if (template[j + 1] === "'") j++;
          else quoted = false;
        }
      } else if (c === "'") quoted = true;
      else if (c === '}' && template[j + 1] === '}') break;
    }
    if (j >= template.length) throw new Error(`unterminated \${{ in ${JSON.stringify(template)}`);
    out += asString(evaluateExpression(template.slice(start + 3, j), contexts, status));
    i = j + 2;
  }
}

/** `if:` as the runner reads it: `${{ }}` optional, and `success() && (…)` unless a status function is named. */
export function evaluateCondition(condition: unknown, contexts: ExpressionContexts, status: JobStatus): boolean {
  if (condition === undefined || condition === null || condition === '') return status === 'success';
  if (typeof condition === 'boolean') return condition && status === 'success';
  let expression = String(condition).trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(expression);
  if (wrapped && !wrapped[1].includes('${{')) expression = wrapped[1].trim();
  if (!STATUS_FUNCTIONS.test(expression)) expression = `success() && (${expression})`;
  return truthy(evaluateExpression(expression, contexts, status));
}

/** The github context with the runner's defaults; `env.GITHUB_API_URL` sets `api_url` when not given. */
export function githubContext(
  partial: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
): Record<string, unknown> {
  const ref = String(partial.ref ?? 'refs/heads/main');
  const repository = String(partial.repository ?? 'acme/backend');
  return {
    sha: '0123456789abcdef0123456789abcdef01234567',
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    repository,
    repository_owner: repository.split('/')[0],
    event_name: 'push',
    event: {},
    token: '',
    action_path: '',
    workspace: '',
    server_url: 'https://github.com',
    api_url: env.GITHUB_API_URL ?? 'http://127.0.0.1:9',
    run_id: '1',
    run_number: '1',
    actor: 'octocat',
    ...partial,
  };
}

function readAction(actionDir: string): ActionFile {
  return parseYaml(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionFile;
}

/** `run:` scripts with `${{` in them: script injection (SPEC: composites pass inputs through `env:`). */
export function findInjection(actionDir: string): { step: string; run: string }[] {
  const steps = readAction(actionDir).runs?.steps ?? [];
  return steps
    .map((step, index) => ({ step: step.id ?? step.name ?? `#${index + 1}`, run: step.run ?? '' }))
    .filter(({ run }) => run.includes('${{'));
}

function runBash(
  script: string,
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number; tempDir: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(opts.tempDir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return new Promise((resolveRun, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export async function runComposite(actionDir: string, opts: RunCompositeOptions = {}): Promise<CompositeResult> {
  const dir = resolve(actionDir);
  const action = readAction(dir);
  if (action.runs?.using !== 'composite')
    throw new Error(`${dir}/action.yml: runs.using is ${JSON.stringify(action.runs?.using)}, not composite`);
  const temp = mkdtempSync(join(tmpdir(), 'run-composite-'));
  try {
    const workspace = opts.workspace ?? mkdtempSync(join(temp, 'workspace-'));
    const event = opts.event ?? (opts.github?.event as object | undefined) ?? {};
    const github = githubContext({ ...opts.github, event, action_path: dir, workspace }, opts.env ?? {});
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event));
    const baseEnv = runnerEnv({
      tempDir: temp,
      workspace,
      eventPath,
      eventName: String(github.event_name),
      github: {
        sha: String(github.sha),
        ref: String(github.ref),
        repository: String(github.repository),
        run_id: String(github.run_id),
        actor: String(github.actor),
        server_url: String(github.server_url),
        api_url: String(github.api_url),
      },
    });
    const runner = { os: 'Linux', arch: 'X64', name: 'test-runner', temp, tool_cache: join(temp, 'tool-cache') };
    const envContext: Record<string, string> = { ...opts.env };
    const steps: Record<string, CompositeStepResult> = {};
    const extraPath: string[] = [];

    const declared = action.inputs ?? {};
    for (const name of Object.keys(opts.inputs ?? {})) {
      if (!Object.keys(declared).some((d) => d.toLowerCase() === name.toLowerCase()))
        throw new Error(`input ${name} is not declared in ${dir}/action.yml`);
    }
    const inputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(declared)) {
      const given = Object.entries(opts.inputs ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
      inputs[name] = given
        ? given[1]
        : spec?.default === undefined
          ? ''
          : evaluateTemplate(String(spec.default), { inputs: {}, github, env: envContext, steps: {}, runner });
    }

    let status: JobStatus = 'success';
    let stdout = '';
    let stderr = '';
    let summary = '';
    const list = action.runs.steps ?? [];
    for (const [index, step] of list.entries()) {
      const id = step.id ?? `__step${index + 1}`;
      const contexts: ExpressionContexts = { inputs, github, env: envContext, steps, runner };
      if (step.uses !== undefined) {
        throw new Error(
          `${dir}/action.yml step ${id}: \`uses: ${step.uses}\` is not supported; composites here run sibling bundles with node (uses: ./x resolves in the caller's repository, actions/runner #1348)`,
        );
      }
      if (step.run === undefined) throw new Error(`${dir}/action.yml step ${id}: neither run nor uses`);
      if (step.shell === undefined) throw new Error(`${dir}/action.yml step ${id}: a composite run step needs shell:`);
      if (step.shell !== 'bash')
        throw new Error(`${dir}/action.yml step ${id}: shell ${step.shell} is not supported (only bash)`);

      if (!evaluateCondition(step.if, contexts, status)) {
        steps[id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      const stepEnv: Record<string, string> = {};
      for (const [key, value] of Object.entries(step.env ?? {}))
        stepEnv[key] = evaluateTemplate(String(value ?? ''), contexts, status);
      const stepContexts = { ...contexts, env: { ...envContext, ...stepEnv } };
      const script = evaluateTemplate(step.run, stepContexts, status);

      const stepDir = join(temp, `step-${index + 1}`);
      mkdirSync(stepDir);
      const files = {
        GITHUB_OUTPUT: join(stepDir, 'output'),
        GITHUB_ENV: join(stepDir, 'env'),
        GITHUB_PATH: join(stepDir, 'path'),
        GITHUB_STATE: join(stepDir, 'state'),
        GITHUB_STEP_SUMMARY: join(stepDir, 'summary.md'),
      };
      for (const file of Object.values(files)) writeFileSync(file, '');
      const workingDirectory = step['working-directory']
        ? evaluateTemplate(step['working-directory'], stepContexts, status)
        : workspace;
      const env: Record<string, string> = {
        ...baseEnv,
        ...envContext,
        ...stepEnv,
        ...files,
        GITHUB_ACTION_PATH: dir,
        PATH: [...extraPath, baseEnv.PATH ?? ''].join(':'),
      };
      const result = await runBash(script, {
        cwd: isAbsolute(workingDirectory) ? workingDirectory : join(workspace, workingDirectory),
        env,
        timeoutMs: opts.timeoutMs ?? 60000,
        tempDir: stepDir,
      });
      stdout += result.stdout;
      stderr += result.stderr;
      summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      Object.assign(envContext, parseOutputFile(readFileSync(files.GITHUB_ENV, 'utf8')));
      extraPath.unshift(...readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse());
      const outcome = result.code === 0 ? 'success' : 'failure';
      const continueOnError =
        step['continue-on-error'] !== undefined &&
        truthy(
          toExpressionData(
            typeof step['continue-on-error'] === 'string'
              ? evaluateTemplate(step['continue-on-error'], stepContexts, status) === 'true'
              : step['continue-on-error'],
          ),
        );
      const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
      steps[id] = { outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')), outcome, conclusion };
      if (conclusion === 'failure') status = 'failure';
    }

    const final: ExpressionContexts = { inputs, github, env: envContext, steps, runner };
    const outputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(action.outputs ?? {})) {
      outputs[name] = spec?.value === undefined ? '' : evaluateTemplate(String(spec.value), final, status);
    }
    return { code: status === 'success' ? 0 : 1, outputs, steps, summary, stdout, stderr, errors: errorLines(stdout) };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
