import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './run-bundle.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** This process's environment without what a runner or this test run would leak into a user's shell. */
export function userEnv(): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(GITHUB_|REGISTRY_|INPUT_|RUNNER_)/.test(key) && key !== 'NODE_OPTIONS')
      base[key] = value;
  }
  return base;
}

/**
 * dist/cli/index.js as a person or another CI system runs it, with exactly `env` (start from
 * userEnv() for a shell's environment) and `stdin` on standard input.
 */
export function runCliBundle(
  args: string[],
  opts: { env: Record<string, string>; stdin?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli', 'index.js'), ...args], {
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}
