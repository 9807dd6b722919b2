/**
 * The runner side of every JavaScript action: the workflow-command and file-command protocol,
 * typed inputs, the one top-level catch, secrets. Only actions/* and packages/cli touch the runner
 * or the terminal (docs/internals.md).
 *
 * Why not @actions/core: version 3 loads @actions/http-client and undici at import time (for OIDC,
 * which no action here uses); in the compute-tags bundle that alone took start-up from 1.4x to 3.2x
 * a bare `node -e 0` (npm run bench). The protocol below is the one @actions/core 3 speaks
 * (toolkit packages/core/src/command.ts, file-command.ts), and test/support/run-bundle.ts parses it.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { InputError, RefusedError } from '../packages/common/errors.js';
import type { Logger } from '../packages/common/logger.js';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function issue(command: string, message: string, properties: Record<string, string> = {}): void {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',');
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

/** An error annotation with a title, and a failed step, without ending the action (its summary is still written). */
export function failStep(title: string, message: string): void {
  issue('error', message, { title });
  process.exitCode = 1;
}

/** Log lines between these two fold into one group in the run's log. */
export function startGroup(name: string): void {
  issue('group', name);
}

export function endGroup(): void {
  issue('endgroup', '');
}

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A multi-value input: one value a line, commas also accepted, blank lines and # comments ignored. */
export function getList(name: string): string[] {
  return getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
}

export function getOptional(name: string): string | undefined {
  const v = getInput(name);
  return v === '' ? undefined : v;
}

export function getRequired(name: string, accepted: string): string {
  const v = getOptional(name);
  if (v === undefined) throw new InputError(name, '', accepted, 'the input is required');
  return v;
}

/**
 * A boolean input, parsed once, here, for every action: the YAML 1.2 core schema's forms after the
 * runner's trim, as @actions/core's getBooleanInput accepts them; anything else is refused. No rule
 * compares a raw input in YAML (`if: inputs.dry-run != 'true'` once let " true" deploy: issue 8).
 */
export function getBoolean(name: string, fallback: boolean): boolean {
  const v = getOptional(name);
  if (v === undefined) return fallback;
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(name, v, 'true or false');
}

/** Registers a value with the runner's log masking before anything can print it. */
export function secret(value: string | undefined): string | undefined {
  if (value) issue('add-mask', value);
  return value;
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}

export const actionLogger: Logger = {
  debug: (m) => issue('debug', m),
  info,
  warning: (m) => issue('warning', m),
};

function fileCommand(variable: string, text: string): void {
  const file = process.env[variable];
  if (!file) throw new Error(`${variable} is not set: this must run as a GitHub Actions step`);
  appendFileSync(file, text, 'utf8');
}

export function setOutput(name: string, value: string): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  fileCommand('GITHUB_OUTPUT', `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`);
}

/** Sets every output; objects become JSON. */
export function setOutputs(outputs: Record<string, string | number | boolean | object | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    setOutput(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

/** Appends markdown to the job summary; local runs without GITHUB_STEP_SUMMARY skip it. */
export function writeSummary(markdown: string): void {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  fileCommand('GITHUB_STEP_SUMMARY', markdown.endsWith('\n') ? markdown : markdown + EOL);
}

/** A markdown table whose cells are escaped for pipes and newlines. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}

/** The one top-level catch of an action: user mistakes and refusals as one line, bugs with their stack in debug. */
export async function runAction(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (err instanceof InputError || err instanceof RefusedError) {
      issue('error', `gitops-promote/${name}: ${e.message}`, {
        title: `gitops-promote/${name}: ${err instanceof InputError ? 'bad input' : 'refused'}`,
      });
    } else {
      if (e.stack) issue('debug', e.stack);
      issue('error', `gitops-promote/${name} failed: ${e.message}`, { title: `gitops-promote/${name} failed` });
    }
    process.exitCode = 1;
  }
  // Exit once the output is flushed: fetch's idle keep-alive sockets would otherwise hold the step
  // ~100 ms after the work is done.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit();
}
