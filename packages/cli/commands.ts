import { InputError, RefusedError } from '../common/errors.js';
import { type CliIO, EXIT_FAILED, EXIT_USAGE, UsageError } from './io.js';
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
};

export function usage(): string {
  return `Usage: gitops-promote <command> [flags]\n\n${Object.values(COMMANDS)
    .map((c) => c.usage)
    .join('\n\n')}`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`gitops-promote: unknown command ${JSON.stringify(name)}. Accepted: ${Object.keys(COMMANDS).join(', ')}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      io.err(`gitops-promote ${name}: ${err.message}`);
      return EXIT_USAGE;
    }
    if (err instanceof RefusedError) {
      io.err(`gitops-promote ${name}: ${err.message}`);
      return EXIT_FAILED;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    io.err(`gitops-promote ${name} failed: ${e.message}`);
    if (io.env.GITOPS_PROMOTE_DEBUG) io.err(e.stack ?? '');
    return EXIT_FAILED;
  }
}
