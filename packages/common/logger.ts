/** Library code logs through this, never through @actions/core or the console (docs/internals.md). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warning() {} };

/** Logs to stderr, so that stdout stays machine-readable for the CLI. */
export const stderrLogger = (verbose = false): Logger => ({
  debug: (m) => {
    if (verbose) process.stderr.write(`debug: ${m}\n`);
  },
  info: (m) => process.stderr.write(`${m}\n`),
  warning: (m) => process.stderr.write(`warning: ${m}\n`),
});
