import { parseArgs, type ParseArgsConfig } from 'node:util';
import { escapeControl, hasControl, InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { validateToken } from '../github/token.js';

/** The terminal, injected so commands run the same in the bundle and in tests. */
export interface CliIO {
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  nowSeconds(): number;
  /** standard input and output are both terminals: a person is there to answer (not CI, not a pipe) */
  interactive?: boolean;
  /** asks on the terminal and returns the answer; called only when `interactive` */
  ask?(question: string): Promise<string>;
}

export const processIO: CliIO = {
  readStdin: async () => {
    if (process.stdin.isTTY) return '';
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  nowSeconds: () => Math.floor(Date.now() / 1000),
  get interactive() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
  ask: async (question) => {
    // Loaded only when a question is asked: readline is not needed on any other path.
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/** Exit codes: 0 done, 1 the operation failed (Flux's error, a refusal, a fault), 2 bad usage or input. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** `-h` or `--help` where a flag may stand: the command's help is printed instead of running it. */
export class HelpRequest extends Error {}

/**
 * A flag as a command declares it: parseArgs' option, plus what a value may be (`accepted`, for
 * the error an empty value gets; a flag without it is checked by the code that reads it).
 */
export type Flag = NonNullable<ParseArgsConfig['options']>[string] & { accepted?: string };
type Flags = Record<string, Flag>;

/** The longest flag value taken (PATH_MAX on Linux, the longest a path flag can usefully be). */
export const MAX_FLAG_VALUE = 4096;

/**
 * The names the library gives its inputs (the actions' input names) and the flags the CLI reads
 * them from, so that an error names what the user typed: `--from-env`, not `from-environment`.
 */
export const FLAG_OF_INPUT: Readonly<Record<string, string>> = {
  image: '--image',
  images: '--image',
  source: '--source',
  version: '--version',
  bump: '--bump',
  'from-environment': '--from-env',
  'to-environment': '--to-env',
  'to-image': '--to-image',
  signatures: '--signatures',
  'extra-tags': '--extra-tag',
  repository: '--repository',
  environment: '--env',
  environments: '--env',
  sha: '--sha',
  'sha-length': '--sha-length',
  timestamp: '--ts',
  'time-budget': '--time-budget',
  'make-latest': '--make-latest',
  username: '--username',
  password: '--password-stdin',
  // the client's name for the token (a 401, a missing permission): the CLI reads it from these
  'github-token': 'GH_TOKEN or GITHUB_TOKEN',
};

/** An InputError of the library renamed to the flag the user typed. */
export function asFlagError(err: InputError, names: Readonly<Record<string, string>> = FLAG_OF_INPUT): InputError {
  const flag = Object.hasOwn(names, err.input) ? names[err.input] : undefined;
  return flag ? err.renamed(flag) : err;
}

/** The same for an InputError's message carried as text (a promotion's account). */
export function flagMessage(message: string): string {
  for (const [input, flag] of Object.entries(FLAG_OF_INPUT)) {
    if (message.startsWith(`${input}: `)) return `${flag}: ${message.slice(input.length + 2)}`;
  }
  return message;
}

/**
 * parseArgs with errors that name the flag, as InputError does for action inputs. A string flag
 * takes the next argument as its value even when that begins with `-` (`--pattern -foo`,
 * `--extract -x`, `--pattern -h`), which parseArgs alone refuses as ambiguous; the next argument is
 * refused only when it is one of this command's own flags (`--pattern --json`: a value was
 * forgotten). `-h` or `--help` where a flag may stand throws HelpRequest, before any other check.
 * Every string value is checked here: no control characters (a newline could forge a line on
 * stderr), at most MAX_FLAG_VALUE characters, and not empty where the flag says what it accepts.
 */
export function parseFlags<T extends Flags>(argv: string[], flags: T, allowPositionals = false) {
  const options: Record<string, Flag> = {};
  for (const [name, flag] of Object.entries(flags)) {
    const option: Flag = { ...flag };
    delete option.accepted;
    options[name] = option;
  }
  const args = joinDashValues(argv, options);
  const end = args.indexOf('--');
  if ((end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h')) throw new HelpRequest();
  let parsed;
  try {
    parsed = parseArgs({ args, options: options as T, allowPositionals, strict: true });
  } catch (err) {
    // Not `instanceof Error`: parseArgs' errors come from Node's own realm, which is not a test
    // VM's, and String(err) would prefix "TypeError [ERR_PARSE_ARGS_…]".
    const message =
      typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
        ? (err as { message: string }).message
        : String(err);
    const accepted = Object.entries(options)
      .map(([name, o]) => `--${name}${o.type === 'string' ? ' VALUE' : ''}`)
      .join(', ');
    // parseArgs quotes the argument at fault ('--bogus'): cut, as InputError cuts a value.
    const said = message
      .replace(/\. To specify a positional.*$/s, '')
      .replace(/'([^]{120})[^]+'/, (_m, start: string) => `'${start}…'`);
    throw new UsageError(`${said}. Accepted flags: ${accepted}`);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const flag = flags[name];
    if (flag?.type !== 'string') continue;
    for (const v of Array.isArray(value) ? value : [value]) checkValue(`--${name}`, String(v), flag.accepted);
  }
  return parsed;
}

function checkValue(flag: string, value: string, accepted: string | undefined): void {
  const acceptedOr = accepted ?? 'a value without control characters';
  if (hasControl(value)) {
    throw new InputError(flag, value, acceptedOr, 'it contains a control character (a line break, a tab, an escape)');
  }
  const length = [...value].length;
  if (length > MAX_FLAG_VALUE) {
    throw new InputError(flag, value, acceptedOr, `it has ${length} characters, more than ${MAX_FLAG_VALUE}`);
  }
  if (value.trim() === '' && accepted !== undefined) {
    throw new InputError(flag, value, accepted, value === '' ? 'it is empty' : 'it is blank');
  }
}

/** What a command needs and did not get: one flag (or environment variable) and what it takes. */
export interface Required {
  name: string;
  given: boolean;
  accepted: string;
}

/** Every required flag that is missing, in one error: a person fixes them all in one go. */
export function requireAll(required: readonly Required[]): void {
  const missing = required.filter((r) => !r.given);
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.name} (${m.accepted})`).join('; ');
  throw new UsageError(`required but not given: ${list}`);
}

/**
 * The GitHub token, as gh reads it (https://cli.github.com/manual/gh_help_environment): GH_TOKEN,
 * else GITHUB_TOKEN. Checked before any request: a token with a space or a line break would fail
 * later as "Bad credentials" or a header error that names nothing.
 */
export function githubToken(io: CliIO): { variable: 'GH_TOKEN' | 'GITHUB_TOKEN'; token: string } | undefined {
  const variable = io.env.GH_TOKEN ? 'GH_TOKEN' : io.env.GITHUB_TOKEN ? 'GITHUB_TOKEN' : undefined;
  if (variable === undefined) return undefined;
  const token = validateToken(
    io.env[variable] as string,
    variable,
    'a GitHub token (printable ASCII, as `gh auth token` prints one)',
  );
  secretsOf(io).add(token);
  return { variable, token };
}

const secrets = new WeakMap<CliIO, Set<string>>();

/** The secrets this run has seen (tokens, the password read from standard input): never printed. */
export function secretsOf(io: CliIO): Set<string> {
  let set = secrets.get(io);
  if (!set) secrets.set(io, (set = new Set()));
  return set;
}

/**
 * Registry credentials from `--username` and `--password-stdin` (the password on standard input, its
 * line break dropped), else REGISTRY_USERNAME and REGISTRY_PASSWORD; a half pair is refused here,
 * naming the flag, before the registry is asked.
 */
export async function registryCredentials(
  io: CliIO,
  values: { username?: string; 'password-stdin'?: boolean },
): Promise<{ username?: string; password?: string }> {
  const username = values.username ?? io.env.REGISTRY_USERNAME;
  const fromStdin = values['password-stdin'] ?? false;
  const password = fromStdin ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
  if (password) secretsOf(io).add(password);
  const accepted =
    'a password or token on standard input, e.g. echo "$TOKEN" | gitops-promote … --username U --password-stdin';
  if (fromStdin && !password)
    throw new InputError('--password-stdin', '', accepted, 'standard input is empty', { secret: true });
  if (fromStdin && !username) {
    throw new InputError('--password-stdin', '', `${accepted} (or REGISTRY_USERNAME)`, 'no --username is given', {
      secret: true,
    });
  }
  if (values.username !== undefined && !password) {
    throw new InputError(
      '--username',
      values.username,
      'a user name together with its password: --password-stdin, or REGISTRY_PASSWORD',
      'no password is given',
    );
  }
  return { ...(username ? { username } : {}), ...(password ? { password } : {}) };
}

/** The most of one stderr line printed: a longer line keeps its start and its end. */
const MAX_LINE = 4000;

/**
 * A line for stderr: secrets replaced by ***, control characters escaped (a value cannot start a
 * line of its own, such as a forged `::error::`), and bounded.
 */
export function safeLine(line: string, hidden: Iterable<string> = []): string {
  let text = line;
  for (const secret of hidden) if (secret.length >= 4) text = text.split(secret).join('***');
  text = escapeControl(text);
  const chars = [...text];
  if (chars.length <= MAX_LINE) return text;
  const cut = chars.length - MAX_LINE;
  return `${chars.slice(0, MAX_LINE / 2).join('')}…(${cut} characters cut)…${chars.slice(-MAX_LINE / 2).join('')}`;
}

/**
 * The CLI's logger, through the injected terminal: debug lines only with --verbose or
 * GITOPS_PROMOTE_DEBUG; `info: false` for commands whose stdout already says what was done.
 */
export function cliLogger(io: CliIO, verbose: boolean | undefined, opts: { info?: boolean } = {}): Logger {
  const debug = Boolean(verbose) || Boolean(io.env.GITOPS_PROMOTE_DEBUG);
  return {
    debug: (m) => {
      if (debug) io.err(`debug: ${m}`);
    },
    info: (m) => {
      if (opts.info !== false) io.err(m);
    },
    warning: (m) => io.err(`warning: ${m}`),
  };
}

/** `--flag -value` → `--flag=-value` for string flags, so parseArgs reads it as the flag's value. */
function joinDashValues(argv: readonly string[], options: Flags): string[] {
  const shorts = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) if (o.short !== undefined) shorts.set(o.short, name);
  const flagName = (arg: string): string | undefined => {
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0] as string;
      return Object.hasOwn(options, name) ? name : undefined;
    }
    if (arg.length === 2 && arg[0] === '-') return shorts.get(arg[1] as string);
    return undefined;
  };
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = arg.includes('=') ? undefined : flagName(arg);
    const next = argv[i + 1];
    if (name === undefined || options[name]?.type !== 'string' || next === undefined || !next.startsWith('-')) {
      out.push(arg);
      continue;
    }
    const nextFlag = next === '--' ? '--' : flagName(next);
    if (nextFlag !== undefined) {
      const flag = next.includes('=') ? `--${nextFlag}=…` : next;
      throw new InputError(
        `--${name}`,
        next,
        `a value after --${name}; to give "${flag}" itself as the value, write --${name}=${flag}`,
        `${flag} is a flag of this command, so --${name} has no value`,
      );
    }
    out.push(`--${name}=${next}`);
    i++;
  }
  return out;
}
