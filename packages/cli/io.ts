import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../common/errors.js';

/** The terminal, injected so commands run the same in the bundle and in tests. */
export interface CliIO {
  readStdin(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  nowSeconds(): number;
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
};

/** Exit codes: 0 done, 1 the operation failed (Flux's error, a refusal, a fault), 2 bad usage or input. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs with errors that name the flag, as InputError does for action inputs. A string flag
 * takes the next argument as its value even when that begins with `-` (`--pattern -foo`,
 * `--extract -x`), which parseArgs alone refuses as ambiguous; the next argument is refused only
 * when it is one of this command's own flags (`--pattern --json`: a value was forgotten).
 */
export function parseFlags<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  const args = joinDashValues(argv, options);
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    // Not `instanceof Error`: parseArgs' errors come from Node's own realm, which is not a test
    // VM's, and String(err) would prefix "TypeError [ERR_PARSE_ARGS_…]".
    const message =
      typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
        ? (err as { message: string }).message
        : String(err);
    const flags = Object.entries(options)
      .map(([name, o]) => `--${name}${o.type === 'string' ? ' VALUE' : ''}`)
      .join(', ');
    throw new UsageError(`${message.replace(/\. To specify a positional.*$/s, '')}. Accepted flags: ${flags}`);
  }
}

export function requireFlag(value: string | undefined, flag: string, accepted: string): string {
  if (value === undefined || value === '') throw new InputError(flag, '', accepted, 'the flag is required');
  return value;
}

/** `--flag -value` → `--flag=-value` for string flags, so parseArgs reads it as the flag's value. */
function joinDashValues(argv: readonly string[], options: Options): string[] {
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
      throw new InputError(
        `--${name}`,
        next,
        `a value after --${name}; to give "${next}" itself as the value, write --${name}=${next}`,
        `${next} is a flag of this command, so --${name} has no value`,
      );
    }
    out.push(`--${name}=${next}`);
    i++;
  }
  return out;
}
