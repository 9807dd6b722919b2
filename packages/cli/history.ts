import { COMMON_FLAGS, connect, ENVIRONMENT, IMAGE, utc } from './promote.js';
import { type CliIO, EXIT_FAILED, parseFlags, requireAll } from './io.js';

/** The service repository from --repository or GITHUB_REPOSITORY, named as the user gave it. */
async function repositoryOf(values: { repository?: string }, io: CliIO) {
  const value = values.repository ?? io.env.GITHUB_REPOSITORY;
  if (!value) return undefined;
  const { parseRepository } = await import('../github/client.js');
  return parseRepository(value, values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY');
}

/** gitops-promote history: every delivery of the image, oldest first, from the releases and the registry. */
export async function historyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    ...COMMON_FLAGS,
    env: { type: 'string', accepted: ENVIRONMENT },
    mermaid: { type: 'boolean' },
  });
  const repositoryGiven = Boolean(values.repository ?? io.env.GITHUB_REPOSITORY);
  requireAll([
    { name: '--image', given: values.image !== undefined, accepted: IMAGE },
    {
      name: '--repository',
      given: repositoryGiven,
      accepted: 'owner/name of the service repository, or set GITHUB_REPOSITORY',
    },
    {
      name: 'GH_TOKEN or GITHUB_TOKEN',
      given: Boolean(io.env.GH_TOKEN || io.env.GITHUB_TOKEN),
      accepted: "a token that can read the repository's releases, e.g. GH_TOKEN=$(gh auth token)",
    },
  ]);
  const repository = (await repositoryOf(values, io))!;
  const c = await connect(values, io, { repository, access: 'pull' });
  const [{ promotionHistory }, { historyMermaid }] = await Promise.all([
    import('../promotion/history.js'),
    import('../promotion/mermaid.js'),
  ]);
  const entries = await promotionHistory(values.image!, {
    github: c.github!,
    repository,
    clients: c.clients,
    ...(values.env !== undefined ? { environment: values.env } : {}),
  });
  if (values.json) {
    io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  if (values.mermaid) {
    io.out(historyMermaid(entries));
    return 0;
  }
  if (entries.length === 0) {
    io.out('no deliveries recorded');
    return 0;
  }
  for (const e of entries) {
    const who = e.actor ?? (e.recorded ? 'unknown' : 'unrecorded');
    const from = e.sourceTag ? ` from ${e.sourceTag}` : '';
    const where = e.release ? `  ${e.release.tag}` : '';
    const run = e.runUrl ? `  ${e.runUrl}` : '';
    io.out(`${utc(e.at)}  ${e.kind.padEnd(9)}  ${who}  ${e.targetTag}${from}  ${e.digest || '?'}${where}${run}`);
  }
  return 0;
}

/** gitops-promote audit: promotion without rebuild, proved from the registry and the releases. */
export async function auditCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    ...COMMON_FLAGS,
    'from-env': { type: 'string', accepted: ENVIRONMENT },
    'to-env': { type: 'string', accepted: ENVIRONMENT },
  });
  requireAll([{ name: '--image', given: values.image !== undefined, accepted: IMAGE }]);
  const repository = await repositoryOf(values, io);
  const c = await connect(values, io, { ...(repository ? { repository } : {}), access: 'pull' });
  const { auditImage } = await import('../promotion/audit.js');
  const result = await auditImage(values.image!, {
    clients: c.clients,
    ...(c.github && repository ? { github: c.github, repository } : {}),
    ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
    ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
  });
  const failed = result.violations.length ? EXIT_FAILED : 0;
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return failed;
  }
  for (const v of result.violations) io.out(`${v.kind}: ${v.message}`);
  const scope = c.github && repository ? `${result.releases} releases` : 'no releases (no GitHub token or repository)';
  io.out(
    `${result.violations.length ? `${result.violations.length} violations` : 'no violations'}: ${result.targetTags} ${values['to-env'] ?? 'production'} tags checked against ${values['from-env'] ?? 'staging'}, ${scope}`,
  );
  return failed;
}
