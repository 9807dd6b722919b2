/**
 * The runner side of every JavaScript action: typed inputs, outputs, secrets, the job summary, the
 * one top-level catch. Only actions/* and packages/cli touch the runner or the terminal
 * (docs/internals.md).
 *
 * The protocol itself (workflow commands and their escaping, file commands and their delimiters,
 * masking, annotations, groups, the job summary) is @actions/core's, the reference implementation
 * that follows the runner when GitHub changes it
 * (https://github.com/actions/toolkit/tree/main/packages/core/src). What stays here is ours: the
 * exact error texts (InputError names the input), every input checked as it is read, strict
 * booleans, lists, a log line that would read as a workflow command kept from being obeyed, and
 * refusing to run without GITHUB_OUTPUT instead of falling back to the retired `::set-output`.
 *
 * Start-up: @actions/core 3's index imports its OIDC client, which imports @actions/http-client and
 * undici at import time (no action here uses OIDC). Bundled, that took the compute-tags cold run
 * from 1.6x to 3.1x a bare `node -e 0` (npm run bench compute-tags). The package's `exports` offer
 * only its index, so the modules that speak the protocol are imported by file below; each line the
 * index would add on top of them (setOutput, setSecret, error, ...) is one call, written here.
 * test/unit/actions-runner.test.ts checks that the summary is the very instance the index exports
 * and that every line and output written is the one @actions/core's own functions write.
 */
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';
import { summary } from '../node_modules/@actions/core/lib/summary.js';
import { toCommandProperties } from '../node_modules/@actions/core/lib/utils.js';
import { hasControl, InputError, quoteValue, RefusedError } from '../packages/common/errors.js';
import type { Logger } from '../packages/common/logger.js';
import { SHA256_DIGEST } from '../packages/common/patterns.js';
import { validateToken } from '../packages/github/token.js';
import { parseBranchMap } from '../packages/tagging/branches.js';

/** @actions/core's functions this layer needs, as core.ts writes them over the modules above. */
const core = {
  /** core.ts ExitCode.Failure */
  failure: 1,
  getInput: (name: string) => (process.env[inputVariable(name)] || '').trim(),
  setSecret: (value: string) => issueCommand('add-mask', {}, value),
  setOutput: (name: string, value: string) => issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value)),
  error: (message: string, properties: { title?: string } = {}) =>
    issueCommand('error', toCommandProperties(properties), message),
  warning: (message: string) => issueCommand('warning', {}, message),
  debug: (message: string) => issueCommand('debug', {}, message),
  info: (message: string) => process.stdout.write(message + EOL),
  /** core.ts stopCommands/startCommands, which the index would export as the issue calls below */
  stopCommands: (token: string) => issue('stop-commands', token),
  startCommands: (token: string) => issue(token),
  startGroup: (name: string) => issue('group', name),
  endGroup: () => issue('endgroup'),
  summary,
};

/** An error annotation with a title, and a failed step, without ending the action (its summary is still written). */
export function failStep(title: string, message: string): void {
  core.error(message, { title });
  process.exitCode = core.failure;
}

/** Log lines between these two fold into one group in the run's log. */
export function startGroup(name: string): void {
  core.startGroup(name);
}

export function endGroup(): void {
  core.endGroup();
}

/** The input as the runner passes it (`INPUT_<NAME>`, spaces as `_`, hyphens kept), trimmed. */
export function getInput(name: string): string {
  return core.getInput(name);
}

/** The runner's variable of an input (core.ts getInput). */
function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** A multi-value input: one value a line, commas also accepted, blank lines and # comments ignored. */
export function getList(name: string): string[] {
  return splitList(getInput(name));
}

function splitList(value: string): string[] {
  return value
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

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function parseBoolean(name: string, v: string): boolean {
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new InputError(name, v, 'true or false');
}

/**
 * A boolean input, parsed once, here, for every action: the YAML 1.2 core schema's forms after the
 * runner's trim, as @actions/core's getBooleanInput accepts them; anything else is refused with an
 * InputError naming the input (getBooleanInput's own TypeError does not say what was given). No rule
 * compares a raw input in YAML (`if: inputs.dry-run != 'true'` once let " true" deploy: issue 8).
 */
export function getBoolean(name: string, fallback: boolean): boolean {
  const v = getOptional(name);
  return v === undefined ? fallback : parseBoolean(name, v);
}

/** Registers a value with the runner's log masking before anything can print it. */
export function secret(value: string | undefined): string | undefined {
  if (value) core.setSecret(value);
  return value;
}

/**
 * A line the runner would read as a workflow command: it trims leading white space, then looks for
 * `::` (actions/runner, ActionCommand.TryParseV2).
 */
const COMMAND_LINE = /^\s*::/m;

/**
 * A log line, as core.info writes it; but a message with a line that would read as a workflow
 * command (a value that came with a line break and `::error::…`) is printed between
 * `::stop-commands::` and its token, so that the runner shows it and does not obey it
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 */
export function info(message: string): void {
  if (!COMMAND_LINE.test(message)) {
    core.info(message);
    return;
  }
  const token = randomUUID();
  core.stopCommands(token);
  core.info(message);
  core.startCommands(token);
}

export const actionLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => info(m),
  warning: (m) => core.warning(m),
};

/**
 * One input of an action as its action.yml declares it. Each actions/<name>/main.ts declares its
 * inputs once with these; test/unit/actions-inputs.test.ts checks them against the action.yml.
 */
export interface InputSpec {
  required?: boolean;
  /** the action.yml default, verbatim (an expression such as `${{ github.token }}` included) */
  default?: string;
}
export type InputSpecs = Record<string, InputSpec>;

/** The default of the token inputs: the runner substitutes it, the action never sees it. */
export const GITHUB_TOKEN_DEFAULT = '${{ github.token }}';

/**
 * The most characters a value (each line of a list) may have: more than any credential a registry
 * issues (an ECR password is a few KB) and than a path (PATH_MAX, 4096); a longer value is a file
 * pasted by mistake, and is refused naming its input instead of reaching a header or a log.
 */
export const MAX_INPUT_LENGTH = 8192;

/** Inputs whose values are secrets: never shown in an error. */
const SECRET_INPUT = /(^|-)(token|password)$/;

const SHA256_ACCEPTED = 'sha256: and 64 lowercase hex characters';

/**
 * What an input name means is the same in every action that declares it, so its syntax is checked
 * here, once, as the input is read: before any action does I/O, and whichever action reads it. A
 * name is looked up whole, then by its last word (`registry-token` as `token`, `to-username` as
 * `username`).
 */
const INPUT_SYNTAX: Readonly<Record<string, (value: string, name: string) => void>> = {
  token: (v, name) => void validateToken(v, name),
  // The release model's digests are sha256 (packages/common/patterns.ts SHA256_DIGEST).
  digest: (v, name) => {
    if (!SHA256_DIGEST.test(v)) throw new InputError(name, v, SHA256_ACCEPTED);
  },
  // "a user-id containing a colon character is invalid" (https://www.rfc-editor.org/rfc/rfc7617#section-2)
  username: (v, name) => {
    if (v.includes(':')) {
      throw new InputError(
        name,
        v,
        'a registry user name without ":"',
        'HTTP Basic authentication separates the user name from the password with ":"',
      );
    }
  },
  // Checked even when `environment` is given and the map is not used: a mistake in it must not wait
  // for the first build of a branch it maps.
  'branch-environments': (v, name) => void parseBranchMap(v, name),
};

/**
 * Every value read: the syntax of its name (INPUT_SYNTAX), whose error says the most; then no
 * control characters (a list's or a multi-line input's line breaks and tabs apart) and at most
 * MAX_INPUT_LENGTH characters a line.
 */
function checkInput(name: string, value: string, multiline: boolean): void {
  (INPUT_SYNTAX[name] ?? INPUT_SYNTAX[name.slice(name.lastIndexOf('-') + 1)])?.(value, name);
  const secret = SECRET_INPUT.test(name);
  const accepted = `${multiline ? 'lines' : 'a value'} without control characters, of at most ${MAX_INPUT_LENGTH} characters`;
  for (const line of multiline ? value.split(/\r\n|\r|\n/) : [value]) {
    if (hasControl(multiline ? line.replace(/\t/g, ' ') : line)) {
      throw new InputError(name, value, accepted, 'it contains a control character (a line break, a tab, an escape)', {
        secret,
      });
    }
    const length = [...line].length;
    if (length > MAX_INPUT_LENGTH) {
      const what = multiline ? 'a line of it has' : 'it has';
      throw new InputError(name, value, accepted, `${what} ${length} characters, more than ${MAX_INPUT_LENGTH}`, {
        secret,
      });
    }
  }
}

/**
 * The registry credential pair: one without the other is refused as the registry client refuses it
 * (packages/registry/credentials.ts, same words), but as the inputs are read, before any request.
 */
function checkCredentialPair(): void {
  const username = getInput('username');
  const password = getInput('password');
  if (username && !password) {
    throw new InputError(
      'password',
      '',
      'a password or token together with username',
      `username ${quoteValue(username)} is set but password is empty`,
      { secret: true },
    );
  }
  if (password && !username) {
    throw new InputError('username', '', 'a user name together with password', 'password is set but username is empty');
  }
}

/**
 * Reads the inputs of one action through its declared specs, so that only declared names can be
 * read and an input absent from INPUT_* (a local run, a test) gets the action.yml's default as the
 * runner would pass it (trimmed; an expression default stays absent). `read` records the names read.
 * Every value is checked as it is read (checkInput); a list, or an input whose default spans lines,
 * may have line breaks.
 */
export function inputReader<S extends InputSpecs>(specs: S) {
  type Name = keyof S & string;
  const read = new Set<string>();
  const value = (name: Name, multiline: boolean): string | undefined => {
    read.add(name);
    const given = getOptional(name);
    const d = specs[name].default?.trim();
    const v = given ?? (d && !d.startsWith('${{') ? d : undefined);
    if (v !== undefined) checkInput(name, v, multiline || (specs[name].default ?? '').trim().includes('\n'));
    if ((name === 'username' || name === 'password') && 'username' in specs && 'password' in specs) {
      checkCredentialPair();
    }
    return v;
  };
  const optional = (name: Name): string | undefined => value(name, false);
  return {
    read: read as ReadonlySet<string>,
    optional,
    /** An input whose action.yml default is a literal: never absent. */
    withDefault(name: Name): string {
      const v = optional(name);
      if (v === undefined) throw new Error(`the input ${name} declares no literal default`);
      return v;
    },
    required(name: Name, accepted: string): string {
      const v = optional(name);
      if (v === undefined) throw new InputError(name, '', accepted, 'the input is required');
      return v;
    },
    boolean(name: Name): boolean {
      read.add(name);
      const d = specs[name].default;
      if (d !== 'true' && d !== 'false') throw new Error(`the boolean input ${name} declares no default true or false`);
      // Given, but blank: the runner passes the default when an input is left out, so a blank value
      // was written (often an expression that came out empty). @actions/core's getBooleanInput
      // refuses it too; taking the default could make a dry run a real one.
      const raw = process.env[inputVariable(name)];
      if (raw !== undefined && raw.trim() === '') {
        throw new InputError(name, raw, 'true or false', `it is blank; leave the input out for its default (${d})`);
      }
      return getBoolean(name, d === 'true');
    },
    list(name: Name): string[] {
      return splitList(value(name, true) ?? '');
    },
    /** A multi-line input taken whole (key=value lines whose values may hold commas), checked as a list is. */
    lines(name: Name): string | undefined {
      return value(name, true);
    },
    /** An optional input that is a secret: masked before anything can print it. */
    secret(name: Name): string | undefined {
      return secret(optional(name));
    },
  };
}

export function setOutput(name: string, value: string): void {
  // core.setOutput falls back to the `::set-output` command the runner no longer honours
  // (https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/);
  // an output silently lost is worse than a clear error.
  if (!process.env.GITHUB_OUTPUT) throw new Error('GITHUB_OUTPUT is not set: this must run as a GitHub Actions step');
  core.setOutput(name, value);
}

/** Sets every output; objects become JSON. */
export function setOutputs(outputs: Record<string, string | number | boolean | object | undefined>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    setOutput(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
}

/** Appends markdown to the job summary; local runs without GITHUB_STEP_SUMMARY skip it (core.summary throws). */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown.endsWith('\n') ? markdown : markdown + EOL).write();
}

/** A markdown table whose cells are escaped for pipes and newlines. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}

/**
 * The one top-level catch of an action, without ending the process (tests call it from source):
 * user mistakes and refusals as one annotated line, bugs with their stack in debug. Returns false
 * when the step failed.
 */
export async function runStep(name: string, main: () => Promise<void>): Promise<boolean> {
  try {
    await main();
    return true;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (err instanceof InputError || err instanceof RefusedError) {
      core.error(`gitops-promote/${name}: ${e.message}`, {
        title: `gitops-promote/${name}: ${err instanceof InputError ? 'bad input' : 'refused'}`,
      });
    } else {
      if (e.stack) core.debug(e.stack);
      core.error(`gitops-promote/${name} failed: ${e.message}`, { title: `gitops-promote/${name} failed` });
    }
    process.exitCode = core.failure;
    return false;
  }
}

/** What actions/<name>/index.ts runs: the step, then the exit. */
export async function runAction(name: string, main: () => Promise<void>): Promise<void> {
  await runStep(name, main);
  // Exit once the output is flushed: fetch's idle keep-alive sockets would otherwise hold the step
  // ~100 ms after the work is done.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit();
}
