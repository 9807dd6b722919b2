import { RETAG_USAGE } from './usage.js';
import type { Logger } from '../common/logger.js';
import { type CliIO, parseFlags, UsageError } from './io.js';

export async function retagCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      'dry-run': { type: 'boolean' },
      username: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    true,
  );
  const [source, ...targets] = positionals;
  if (source === undefined || targets.length === 0) {
    throw new UsageError(`retag needs a SOURCE and at least one TAG\n${RETAG_USAGE}`);
  }
  const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
  const verbose = !!io.env.GITOPS_PROMOTE_DEBUG;
  const logger: Logger = {
    debug: (m) => verbose && io.err(m),
    info: () => {},
    warning: (m) => io.err(`warning: ${m}`),
  };
  const dryRun = values['dry-run'] ?? false;
  // Loaded here, as `latest` does: `tags` and `latest` from standard input never need the registry client.
  const [{ registryClients }, { retag }] = await Promise.all([
    import('../promotion/registry-clients.js'),
    import('../promotion/retag.js'),
  ]);
  const clients = registryClients({
    username: values.username ?? io.env.REGISTRY_USERNAME,
    password,
    env: io.env,
    logger,
    access: dryRun ? 'pull' : 'push',
  });
  const result = await retag({ source, targets, dryRun, clients, logger });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const t of result.targets) io.out(`${t.state} ${t.ref}${t.previousDigest ? ` (was ${t.previousDigest})` : ''}`);
  io.out(`digest ${result.digest}`);
  if (dryRun) io.err('dry run: nothing was written');
  return 0;
}
