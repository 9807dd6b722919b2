import { InputError, RefusedError } from '../common/errors.js';
import pkg from '../../package.json' with { type: 'json' };
import {
  asFlagError,
  type CliIO,
  EXIT_FAILED,
  EXIT_USAGE,
  HelpRequest,
  safeLine,
  secretsOf,
  UsageError,
} from './io.js';
import { USAGE } from './usage.js';

type Run = (argv: string[], io: CliIO) => Promise<number>;
type Command = { usage: string; run: Run };

// Each command's module (and what it needs: re2js, the registry client, Octokit) is loaded only
// when that command runs: start-up is paid on every CLI call and counts in the retag benchmark.
const COMMANDS: Record<string, Command> = {
  tags: { usage: USAGE.tags, run: async (a, io) => (await import('./tags.js')).tagsCommand(a, io) },
  latest: { usage: USAGE.latest, run: async (a, io) => (await import('./latest.js')).latestCommand(a, io) },
  plan: { usage: USAGE.plan, run: async (a, io) => (await import('./promote.js')).planCommand(a, io) },
  promote: { usage: USAGE.promote, run: async (a, io) => (await import('./promote.js')).promoteCommand(a, io) },
  status: { usage: USAGE.status, run: async (a, io) => (await import('./promote.js')).statusCommand(a, io) },
  retag: { usage: USAGE.retag, run: async (a, io) => (await import('./retag.js')).retagCommand(a, io) },
  flux: { usage: USAGE.flux, run: async (a, io) => (await import('./flux.js')).fluxCommand(a, io) },
  verify: { usage: USAGE.verify, run: async (a, io) => (await import('./verify.js')).verifyCommand(a, io) },
  history: { usage: USAGE.history, run: async (a, io) => (await import('./history.js')).historyCommand(a, io) },
  audit: { usage: USAGE.audit, run: async (a, io) => (await import('./history.js')).auditCommand(a, io) },
};

/** The package's version, read from package.json when the bundle is built (ncc inlines the JSON). */
export const VERSION: string = pkg.version;

export function usage(): string {
  return (
    `Usage: gitops-promote <command> [flags]\n` +
    `       gitops-promote help [command] | <command> --help | --version\n\n` +
    Object.values(COMMANDS)
      .map((c) => c.usage)
      .join('\n\n')
  );
}

function unknownCommand(name: string): string {
  return safeLine(
    `gitops-promote: unknown command ${JSON.stringify(name.slice(0, 60))}${name.length > 60 ? '…' : ''}. Accepted: ${Object.keys(COMMANDS).join(', ')}, help, version`,
  );
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(usage());
    return EXIT_USAGE;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`gitops-promote ${VERSION}`);
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0];
    if (topic === undefined) io.out(usage());
    else if (Object.hasOwn(COMMANDS, topic)) io.out(COMMANDS[topic]!.usage);
    else {
      io.err(unknownCommand(topic));
      return EXIT_USAGE;
    }
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(unknownCommand(name));
    return EXIT_USAGE;
  }
  // Every line a command writes to stderr: secrets hidden, control characters escaped, bounded.
  const safeIO: CliIO = { ...io, err: (line) => io.err(safeLine(line, secretsOf(safeIO))) };
  for (const variable of ['GH_TOKEN', 'GITHUB_TOKEN', 'REGISTRY_PASSWORD', 'REGISTRY_TOKEN']) {
    const secret = io.env[variable];
    if (secret) secretsOf(safeIO).add(secret);
  }
  try {
    return await command.run(rest, safeIO);
  } catch (caught) {
    const err = caught instanceof InputError ? asFlagError(caught) : caught;
    if (err instanceof HelpRequest) {
      io.out(command.usage);
      return 0;
    }
    if (err instanceof InputError || err instanceof UsageError) {
      safeIO.err(`gitops-promote ${name}: ${err.message}`);
      return EXIT_USAGE;
    }
    if (err instanceof RefusedError) {
      safeIO.err(`gitops-promote ${name}: ${err.message}`);
      return EXIT_FAILED;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    safeIO.err(`gitops-promote ${name} failed: ${e.message}`);
    if (io.env.GITOPS_PROMOTE_DEBUG) for (const line of (e.stack ?? '').split('\n')) safeIO.err(line);
    return EXIT_FAILED;
  }
}
