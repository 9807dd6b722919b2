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

/** parseArgs with errors that name the flag, as InputError does for action inputs. */
export function parseFlags<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
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
