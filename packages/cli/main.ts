// The gitops-promote command (dist/cli/index.js): tests import runCli from commands.ts instead.
import { runCli } from './commands.js';
import { processIO } from './io.js';

const code = await runCli(process.argv.slice(2), processIO);
// Exit as soon as the output is flushed: fetch's idle keep-alive sockets would otherwise hold the
// process ~100 ms after the work is done (measured against docker-registry), on every call.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
process.exit(code);
