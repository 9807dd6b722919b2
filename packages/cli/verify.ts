import { stat } from 'node:fs/promises';
import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { VerifyReport } from '../gitops/verify.js';
import { parseImageRef } from '../tagging/image.js';
import { type CliIO, EXIT_FAILED, parseFlags, registryCredentials, requireAll } from './io.js';

const GITOPS_ACCEPTED = 'a folder: a checkout of the GitOps repository, e.g. .';
const IMAGE_ACCEPTED = 'an image name without tag, e.g. ghcr.io/acme/backend';

function printReport(report: VerifyReport, io: CliIO): void {
  const width = Math.max(0, ...report.environments.map((e) => e.environment.length));
  const pad = (s: string) => s.padEnd(width);
  for (const e of report.environments) {
    const pick = e.pick ? `${e.pick.tag} ${e.pick.digest ?? '(no digest)'}` : `nothing (${e.error ?? 'no pick'})`;
    io.out(`${pad(e.environment)}  policy ${e.policy} (${e.at}) picks ${pick}`);
    for (const m of e.markers) {
      const digest = m.gitDigest ? ` ${m.gitDigest}` : '';
      io.out(`${pad('')}  git    ${m.at} holds ${m.git}${digest}: ${m.agrees ? 'agrees' : 'differs'}`);
    }
    if (e.markers.length === 0) io.out(`${pad('')}  git    no marker names this policy`);
    for (const a of e.automations) {
      io.out(`${pad('')}  automation ${a.name} (${a.at})${a.suspended ? ' suspended' : ''}`);
    }
  }
  if (report.ignored.policies || report.ignored.markers) {
    io.out(
      `(${report.ignored.policies} polic${report.ignored.policies === 1 ? 'y' : 'ies'} and ${report.ignored.markers} marker${report.ignored.markers === 1 ? '' : 's'} of other images left alone)`,
    );
  }
  if (report.ok) {
    io.out(`ok: Git holds what Flux picks in every environment of ${report.image}`);
    return;
  }
  io.out(`drift (${report.drift.length}):`);
  for (const d of report.drift) {
    io.out(`  ${d.kind}${d.environment ? ` [${d.environment}]` : ''}${d.at ? ` ${d.at}` : ''}: ${d.message}`);
  }
}

export async function verifyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    gitops: { type: 'string', accepted: GITOPS_ACCEPTED },
    image: { type: 'string', accepted: IMAGE_ACCEPTED },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  requireAll([
    { name: '--gitops', given: values.gitops !== undefined, accepted: GITOPS_ACCEPTED },
    { name: '--image', given: values.image !== undefined, accepted: IMAGE_ACCEPTED },
  ]);
  const root = values.gitops!;
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new InputError('--gitops', root, GITOPS_ACCEPTED, info ? 'it is not a folder' : 'it does not exist');
  }
  const image = values.image!;
  const ref = parseImageRef(image, '--image');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError(
      '--image',
      image,
      'an image name without tag or digest, e.g. ghcr.io/acme/backend',
      'verify compares every tag the policies pick',
    );
  }
  // A --username without its password is refused naming --username, as every command does.
  const credentials = await registryCredentials(io, values);
  const verbose = values.verbose || !!io.env.GITOPS_PROMOTE_DEBUG;
  const logger: Logger = {
    debug: (m) => verbose && io.err(m),
    info: () => {},
    warning: (m) => io.err(`warning: ${m}`),
  };
  const [{ registryClients }, { verifyGitOps }] = await Promise.all([
    import('../promotion/registry-clients.js'),
    import('../gitops/verify.js'),
  ]);
  const clients = registryClients({
    ...credentials,
    env: io.env,
    logger,
    access: 'pull',
  });
  const report = await verifyGitOps({ root, image, registry: await clients(ref.registry) });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printReport(report, io);
  return report.ok ? 0 : EXIT_FAILED;
}
