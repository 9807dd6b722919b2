/**
 * Runs an action's logic from source, in this process: `actions/<name>/main.ts`'s run() through
 * runStep (the top-level catch of actions/runner.ts, without the exit), with the runner's
 * environment (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, the event at
 * GITHUB_EVENT_PATH) set in process.env for the run and restored after it, and stdout captured.
 * The result has the shape of runBundle's, so a change to main.ts is tested before it is bundled.
 *
 * Inputs not given are left absent (the runner would fill action.yml's defaults): what main.ts does
 * then is its own default handling, which test/unit/actions-inputs.test.ts checks against the yml.
 * Runs mutate process.env, so they never overlap: jest runs one file's tests in turn.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStep } from '../../actions/runner.js';
import { errorLines, inputVariable, parseOutputFile, repoRoot, runnerEnv, type BundleResult } from './run-bundle.js';

export interface RunSourceOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  event?: object;
  eventName?: string;
}

interface ActionModule {
  name: string;
  run(): Promise<void>;
}

/**
 * One GITHUB_STEP_SUMMARY file per test file: @actions/core's summary keeps the path it first
 * found (summary.ts filePath()), and each jest test file has its own module registry.
 */
const summaryDir = mkdtempSync(join(tmpdir(), 'run-source-summary-'));
const summaryFile = join(summaryDir, 'summary.md');

export async function runSource(name: string, opts: RunSourceOptions = {}): Promise<BundleResult> {
  const action = (await import(join(repoRoot, 'actions', name, 'main.ts'))) as ActionModule;
  const temp = mkdtempSync(join(tmpdir(), `run-source-${name}-`));
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const write = process.stdout.write;
  const out: string[] = [];
  try {
    const output = join(temp, 'output');
    writeFileSync(output, '');
    writeFileSync(summaryFile, '');
    const eventPath = join(temp, 'event.json');
    writeFileSync(eventPath, JSON.stringify(opts.event ?? {}));
    const env: Record<string, string> = {
      ...runnerEnv({ tempDir: temp, workspace: temp, eventPath, eventName: opts.eventName ?? 'push' }),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...opts.env,
    };
    for (const [input, value] of Object.entries(opts.inputs ?? {})) env[inputVariable(input)] = value;
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, env);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r): r is () => void => typeof r === 'function');
      done?.();
      return true;
    }) as typeof process.stdout.write;
    const ok = await runStep(action.name, () => action.run());
    const stdout = out.join('');
    return {
      code: ok ? (process.exitCode === 1 ? 1 : 0) : 1,
      outputs: parseOutputFile(readFileSync(output, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      stdout,
      stderr: '',
      errors: errorLines(stdout),
    };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    process.exitCode = savedExitCode;
    rmSync(temp, { recursive: true, force: true });
  }
}
