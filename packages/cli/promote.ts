import { InputError } from '../common/errors.js';
import { stderrLogger, type Logger } from '../common/logger.js';
import type { PromotionRequest, PromotionServices } from '../promotion/index.js';
import { type CliIO, EXIT_FAILED, EXIT_USAGE, parseFlags, requireFlag } from './io.js';

const COMMON_FLAGS = {
  image: { type: 'string' },
  repository: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'time-budget': { type: 'string' },
} as const;

const PLAN_FLAGS = {
  ...COMMON_FLAGS,
  source: { type: 'string' },
  version: { type: 'string' },
  'from-env': { type: 'string' },
  'to-env': { type: 'string' },
  bump: { type: 'string' },
} as const;

interface Connection {
  logger: Logger;
  github?: PromotionServices['github'];
  repository?: { owner: string; repo: string };
  clients: PromotionServices['clients'];
}

/** GitHub and registry access from the flags and the environment; GitHub only when `needGitHub` or available. */
async function connect(
  values: {
    repository?: string;
    username?: string;
    'password-stdin'?: boolean;
    verbose?: boolean;
    'time-budget'?: string;
  },
  io: CliIO,
  opts: { needGitHub: boolean; access: 'pull' | 'push' },
): Promise<Connection> {
  const logger = stderrLogger(values.verbose ?? false);
  const { parseTimeBudget } = await import('../common/budget.js');
  const budgetMs = parseTimeBudget(values['time-budget'], '--time-budget');
  const { createGitHubClient, parseRepository } = await import('../github/client.js');
  const { registryClients } = await import('../promotion/registry-clients.js');
  const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
  const token = io.env.GITHUB_TOKEN;
  if (opts.needGitHub) {
    if (!repositoryValue) {
      throw new InputError(
        '--repository',
        '',
        'owner/name of the service repository (or set GITHUB_REPOSITORY)',
        'it is required',
      );
    }
    if (!token) {
      throw new InputError(
        'GITHUB_TOKEN',
        '',
        "a token that can read (plan) or write (promote) the repository's contents, in the environment variable GITHUB_TOKEN",
        'it is unset',
      );
    }
  }
  const repository = repositoryValue ? parseRepository(repositoryValue, '--repository') : undefined;
  const password = values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : io.env.REGISTRY_PASSWORD;
  const clients = registryClients({
    username: values.username ?? io.env.REGISTRY_USERNAME,
    password: password || undefined,
    githubToken: token,
    env: io.env,
    logger,
    access: opts.access,
    budgetMs,
  });
  const github =
    token && repository
      ? createGitHubClient({
          token,
          apiUrl: io.env.GITHUB_API_URL,
          env: io.env,
          logger,
          budgetMs,
          budgetHint: 'raise --time-budget (minutes)',
        })
      : undefined;
  return { logger, clients, ...(github ? { github } : {}), ...(repository ? { repository } : {}) };
}

function promotionRequest(
  values: { image?: string; source?: string; version?: string; 'from-env'?: string; 'to-env'?: string; bump?: string },
  repository: { owner: string; repo: string },
): PromotionRequest {
  return {
    image: requireFlag(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend'),
    source: values.source ?? 'latest',
    ...(values.version !== undefined ? { version: values.version } : {}),
    ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
    ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
    ...(values.bump !== undefined ? { bump: values.bump as PromotionRequest['bump'] } : {}),
    repository,
  };
}

/** In another CI system (or a workflow's run: step) GITHUB_RUN_ID and friends name the run, as the action's lineage does. */
async function servicesOf(c: Connection, io: CliIO): Promise<PromotionServices> {
  const { readRunnerContext } = await import('../github/context.js');
  const { runUrl } = readRunnerContext(io.env);
  return {
    clients: c.clients,
    github: c.github!,
    nowSeconds: () => io.nowSeconds(),
    logger: c.logger,
    ...(runUrl ? { runUrl } : {}),
  };
}

function printLines(io: CliIO, heading: string, lines: string[]): void {
  io.out(heading);
  for (const line of lines) io.out(`  ${line}`);
}

export async function planCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, PLAN_FLAGS);
  requireFlag(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
  const c = await connect(values, io, { needGitHub: true, access: 'pull' });
  const { planPromotion, describePlan } = await import('../promotion/plan.js');
  const plan = await planPromotion(promotionRequest(values, c.repository!), await servicesOf(c, io));
  if (values.json) io.out(JSON.stringify(plan, null, 2));
  else printLines(io, 'Plan (nothing changed):', describePlan(plan));
  return 0;
}

export async function promoteCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    ...PLAN_FLAGS,
    'make-latest': { type: 'string' },
    'no-notes': { type: 'boolean' },
    'no-move-alias': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  requireFlag(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
  const { validateMakeLatest } = await import('../github/releases.js');
  const makeLatest = validateMakeLatest(values['make-latest'] ?? 'auto', '--make-latest');
  const dryRun = values['dry-run'] ?? false;
  const c = await connect(values, io, { needGitHub: true, access: dryRun ? 'pull' : 'push' });
  // The same function as the promote action (and so action-promote) runs: one implementation.
  const { runPromotion, accountLines } = await import('../promotion/account.js');
  const account = await runPromotion(promotionRequest(values, c.repository!), await servicesOf(c, io), {
    dryRun,
    generateNotes: !values['no-notes'],
    moveAlias: !values['no-move-alias'],
    makeLatest,
  });
  if (account.error) io.err(`gitops-promote promote: ${account.error.message}`);
  if (values.json) io.out(JSON.stringify(account, null, 2));
  else if (account.error) for (const line of accountLines(account, { withError: false })) io.err(line);
  else for (const line of accountLines(account)) io.out(line);
  if (!account.error) return 0;
  return account.error.kind === 'input' ? EXIT_USAGE : EXIT_FAILED;
}

export async function statusCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, { ...COMMON_FLAGS, env: { type: 'string', multiple: true } });
  const image = requireFlag(values.image, '--image', 'an image name without tag, e.g. ghcr.io/acme/backend');
  const envs = values.env?.length ? values.env : ['develop', 'staging', 'production'];
  const c = await connect(values, io, { needGitHub: false, access: 'pull' });
  const { environmentStatus } = await import('../promotion/status.js');
  const status = await environmentStatus(image, envs, {
    clients: c.clients,
    ...(c.github && c.repository ? { github: c.github, repository: c.repository } : {}),
  });
  // Exit 1 when an environment has nothing to run or its pick cannot be read: a script (or a
  // person at 3 a.m.) must not read "nothing" as "fine".
  const failed = status.some((s) => !s.tag || s.error !== undefined) ? EXIT_FAILED : 0;
  if (values.json) {
    io.out(JSON.stringify(status, null, 2));
    return failed;
  }
  const width = Math.max(...status.map((s) => s.environment.length));
  const now = Date.now();
  for (const s of status) {
    const name = s.environment.padEnd(width);
    if (!s.tag) {
      io.out(`${name}  nothing: ${s.error ?? 'no tag'}`);
      continue;
    }
    const when = s.taggedAt ? `  tagged ${utc(s.taggedAt)} (${age(s.taggedAt, now)})` : '';
    io.out(`${name}  ${s.tag}  ${s.digest ?? '?'}  version ${s.version}  commit ${s.commit}${when}`);
    if (s.error) io.err(`warning: ${s.environment}: ${s.error}`);
    if (s.alias?.drift) {
      io.err(
        `warning: ${s.environment}: drift: the alias ${s.alias.tag} points at ${s.alias.digest}, not at ${s.tag} (${s.digest ?? '?'}) that Flux deploys; ` +
          `run the promotion again to finish it, or \`gitops-promote retag ${image}:${s.tag} ${s.alias.tag}\` to move the alias back`,
      );
    }
    if (s.ties.length) {
      io.err(
        `warning: ${s.environment}: tie: ${[s.tag, ...s.ties].join(', ')} have the same ts; Flux picks among them at random`,
      );
    }
  }
  return failed;
}

/** `2025-02-06T16:42:03.000Z` as `2025-02-06 16:42:03 UTC`. */
function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** How long ago, in the largest whole unit: "just now", "12 min ago", "3 h ago", "5 d ago" (or "in 4 min"). */
export function age(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'just now';
  const [n, unit] =
    abs < 3600
      ? [Math.floor(abs / 60), 'min']
      : abs < 86400
        ? [Math.floor(abs / 3600), 'h']
        : [Math.floor(abs / 86400), 'd'];
  return seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}
