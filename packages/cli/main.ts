// The gitops-promote command (dist/cli/index.js): tests import runCli from commands.ts instead.
import { runCli } from './commands.js';
import { processIO } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), processIO);
