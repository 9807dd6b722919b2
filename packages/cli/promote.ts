import { InputError } from '../common/errors.js';
import type { PromotionPlan, PromotionRequest, PromotionServices } from '../promotion/index.js';
import { parseImageRef } from '../tagging/image.js';
import {
  cliLogger,
  type CliIO,
  EXIT_FAILED,
  EXIT_USAGE,
  flagMessage,
  githubToken,
  parseFlags,
  registryCredentials,
  requireAll,
} from './io.js';

export const IMAGE = 'an image name without tag, e.g. ghcr.io/acme/backend';
export const ENVIRONMENT = 'an environment name [a-z][a-z0-9]*, e.g. staging';

export const COMMON_FLAGS = {
  image: { type: 'string', accepted: IMAGE },
  repository: { type: 'string', accepted: 'owner/name of the service repository, e.g. acme/backend' },
  username: { type: 'string', accepted: 'a registry user name, with --password-stdin' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'time-budget': { type: 'string', accepted: 'a number of minutes above 0 and at most 360, e.g. 10' },
} as const;

const PLAN_FLAGS = {
  ...COMMON_FLAGS,
  // Repeated: a release train (several images of one commit, one version, one release).
  image: { type: 'string', multiple: true, accepted: IMAGE },
  source: {
    type: 'string',
    accepted: 'latest, an immutable tag, a digest sha256:<64 hex> or a released version vX.Y.Z',
  },
  version: { type: 'string', accepted: 'a version X.Y.Z, e.g. 1.4.2' },
  'from-env': { type: 'string', accepted: ENVIRONMENT },
  'to-env': { type: 'string', accepted: ENVIRONMENT },
  bump: { type: 'string', accepted: 'patch, minor, major, none' },
  'to-image': {
    type: 'string',
    multiple: true,
    accepted: 'an image name without tag (registry/repo): where the environment tags go; one per --image, in order',
  },
  signatures: { type: 'string', accepted: 'copy or skip' },
  'extra-tag': {
    type: 'string',
    multiple: true,
    accepted: 'a tag, with {{version}}, {{major}}, {{minor}}, {{patch}} or {{sha}}, e.g. {{major}}.{{minor}}',
  },
} as const;

type CommonValues = {
  image?: string;
  repository?: string;
  username?: string;
  'password-stdin'?: boolean;
  verbose?: boolean;
  'time-budget'?: string;
};
type PlanValues = Omit<CommonValues, 'image'> & {
  image?: string[];
  source?: string;
  version?: string;
  'from-env'?: string;
  'to-env'?: string;
  bump?: string;
  'to-image'?: string[];
  signatures?: string;
  'extra-tag'?: string[];
};

interface Connection {
  github?: PromotionServices['github'];
  repository?: { owner: string; repo: string };
  clients: PromotionServices['clients'];
}

/**
 * Every input of plan and promote checked before anything is read: all missing flags in one
 * error, then each value, named by its flag (the library's own check runs here too, before I/O).
 */
async function promotionInputs(values: PlanValues, io: CliIO) {
  const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
  requireAll([
    { name: '--image', given: (values.image?.length ?? 0) > 0, accepted: IMAGE },
    {
      name: '--repository',
      given: Boolean(repositoryValue),
      accepted: 'owner/name of the service repository, or set GITHUB_REPOSITORY',
    },
    {
      name: 'GH_TOKEN or GITHUB_TOKEN',
      given: Boolean(io.env.GH_TOKEN || io.env.GITHUB_TOKEN),
      accepted:
        "a token that can read (plan) or write (promote) the repository's contents, e.g. GH_TOKEN=$(gh auth token)",
    },
  ]);
  const images = values.image!;
  for (const image of images) {
    const ref = parseImageRef(image, '--image');
    if (ref.tag !== undefined || ref.digest !== undefined) {
      throw new InputError(
        '--image',
        image,
        'an image name without tag or digest, e.g. ghcr.io/acme/backend',
        'give the tag or digest to promote with --source',
      );
    }
  }
  const toImages = values['to-image'] ?? [];
  if (toImages.length > 0 && toImages.length !== images.length) {
    throw new InputError(
      '--to-image',
      toImages.join(' '),
      `one --to-image per --image, in the same order (${images.length}), or none`,
      `${toImages.length} given for ${images.length} images`,
    );
  }
  const from = values['from-env'] ?? 'staging';
  const to = values['to-env'] ?? 'production';
  if (from === to) throw new InputError('--to-env', to, `an environment other than --from-env (${from})`);
  const { parseRepository } = await import('../github/client.js');
  const repository = parseRepository(
    repositoryValue!,
    values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY',
  );
  const request: PromotionRequest = {
    image: images[0]!,
    source: values.source ?? 'latest',
    ...(values.version !== undefined ? { version: values.version } : {}),
    ...(values['from-env'] !== undefined ? { fromEnvironment: values['from-env'] } : {}),
    ...(values['to-env'] !== undefined ? { toEnvironment: values['to-env'] } : {}),
    ...(values.bump !== undefined ? { bump: values.bump as PromotionRequest['bump'] } : {}),
    ...(toImages[0] !== undefined ? { toImage: toImages[0] } : {}),
    ...(images.length > 1
      ? {
          train: images
            .slice(1)
            .map((image, i) => ({ image, ...(toImages[i + 1] ? { toImage: toImages[i + 1] } : {}) })),
        }
      : {}),
    ...(values.signatures !== undefined ? { signatures: values.signatures as PromotionRequest['signatures'] } : {}),
    ...(values['extra-tag']?.length ? { extraTags: values['extra-tag'] } : {}),
    repository,
  };
  const { validatePromotionRequest } = await import('../promotion/plan.js');
  validatePromotionRequest(request);
  return request;
}

/** GitHub and registry access from the flags and the environment; GitHub when a token and a repository are there. */
export async function connect(
  values: Omit<CommonValues, 'image'>,
  io: CliIO,
  opts: {
    repository?: { owner: string; repo: string };
    access: 'pull' | 'push';
    /** the registries --username applies to (the source's, when the tags go to another registry) */
    explicitFor?: string[];
  },
): Promise<Connection & { budgetMs: number }> {
  const logger = cliLogger(io, values.verbose);
  const { parseTimeBudget } = await import('../common/budget.js');
  const budgetMs = parseTimeBudget(values['time-budget'], '--time-budget');
  const token = githubToken(io)?.token;
  const credentials = await registryCredentials(io, values);
  const { createGitHubClient } = await import('../github/client.js');
  const { registryClients } = await import('../promotion/registry-clients.js');
  const clients = registryClients({
    ...credentials,
    ...(opts.explicitFor ? { explicitFor: opts.explicitFor } : {}),
    githubToken: token,
    env: io.env,
    logger,
    access: opts.access,
    budgetMs,
  });
  const github =
    token && opts.repository
      ? createGitHubClient({
          token,
          apiUrl: io.env.GITHUB_API_URL,
          env: io.env,
          logger,
          budgetMs,
          budgetHint: 'raise --time-budget (minutes)',
        })
      : undefined;
  return {
    clients,
    budgetMs,
    ...(github ? { github } : {}),
    ...(opts.repository ? { repository: opts.repository } : {}),
  };
}

/** In another CI system (or a workflow's run: step) GITHUB_RUN_ID and friends name the run, as the action's lineage does. */
async function servicesOf(c: Connection, io: CliIO, verbose: boolean | undefined): Promise<PromotionServices> {
  const { readRunnerContext } = await import('../github/context.js');
  const { runUrl, actor: runActor } = readRunnerContext(io.env);
  // Outside a workflow, the release's record of deliveries names the user who ran the CLI.
  const actor = runActor ?? io.env.USER ?? io.env.LOGNAME;
  return {
    clients: c.clients,
    github: c.github!,
    nowSeconds: () => io.nowSeconds(),
    logger: cliLogger(io, verbose),
    ...(runUrl ? { runUrl } : {}),
    ...(actor ? { actor } : {}),
  };
}

/** With the tags going to another registry, --username is the source registry's and goes nowhere else. */
function sourceOnly(request: PromotionRequest): { explicitFor?: string[] } {
  const members = [request, ...(request.train ?? [])];
  const from = new Set(members.map((m) => parseImageRef(m.image, '--image').registry));
  const to = members.flatMap((m) => (m.toImage ? [parseImageRef(m.toImage, '--to-image').registry] : []));
  return to.some((r) => !from.has(r)) ? { explicitFor: [...from] } : {};
}

function printLines(io: CliIO, heading: string, lines: string[]): void {
  io.out(heading);
  for (const line of lines) io.out(`  ${line}`);
}

export async function planCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, PLAN_FLAGS);
  const request = await promotionInputs(values, io);
  const c = await connect(values, io, { repository: request.repository, access: 'pull', ...sourceOnly(request) });
  const { planPromotion, describePlan } = await import('../promotion/plan.js');
  const plan = await planPromotion(request, await servicesOf(c, io, values.verbose));
  if (values.json) io.out(JSON.stringify(plan, null, 2));
  else printLines(io, 'Plan (nothing changed):', describePlan(plan));
  return 0;
}

/** What a promotion will write, from its plan: the question a person at a terminal answers. */
export function changesOf(plan: PromotionPlan, opts: { moveAlias: boolean }): string[] {
  const { owner, repo } = plan.repository;
  const target = plan.toImage ?? plan.image;
  const lines =
    target === plan.image
      ? []
      : [
          `registry: ${target} gets ${plan.digest} copied from ${plan.image}${plan.signatures === 'skip' ? '' : ', with its signatures and attestations'}`,
        ];
  lines.push(
    plan.targetState === 'new'
      ? `registry: new tag ${target}:${plan.targetTag} for ${plan.digest}`
      : `registry: ${target}:${plan.targetTag} has ${plan.digest} already (kept)`,
  );
  if (opts.moveAlias) lines.push(`registry: ${target}:${plan.aliasTag} moves to ${plan.digest}`);
  for (const m of plan.train ?? []) {
    const to = m.toImage ?? m.image;
    lines.push(
      `registry: ${m.targetState === 'new' ? 'new tag ' : ''}${to}:${m.targetTag} for ${m.digest}${to !== m.image ? ` (copied from ${m.image})` : ''}` +
        (opts.moveAlias ? `, and ${to}:${m.aliasTag} moves to it` : ''),
    );
  }
  lines.push(
    plan.releaseState === 'new'
      ? `GitHub ${owner}/${repo}: tag ${plan.releaseTag} at ${plan.commit}, and the release ${plan.releaseTag}`
      : plan.releaseState === 'ref-only'
        ? `GitHub ${owner}/${repo}: the release ${plan.releaseTag} (its tag is in place already)`
        : `GitHub ${owner}/${repo}: the release ${plan.releaseTag} exists${plan.rollback ? ' (kept as it is)' : " (this promotion's lineage is recorded in it)"}`,
  );
  if (plan.nextState === 'new') {
    lines.push(`GitHub ${owner}/${repo}: the next version ${plan.nextVersion}, as the tag ${plan.nextVersionTag}`);
  } else if (plan.nextState === 'exists') {
    lines.push(
      `GitHub ${owner}/${repo}: the next version ${plan.nextVersion} (its tag ${plan.nextVersionTag} exists already)`,
    );
  }
  return lines;
}

export async function promoteCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    ...PLAN_FLAGS,
    'make-latest': { type: 'string' },
    'no-notes': { type: 'boolean' },
    'no-move-alias': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  });
  const request = await promotionInputs(values, io);
  const { validateMakeLatest } = await import('../github/releases.js');
  const makeLatest = validateMakeLatest(values['make-latest'] ?? 'auto', '--make-latest');
  const dryRun = values['dry-run'] ?? false;
  const moveAlias = !values['no-move-alias'];
  const c = await connect(values, io, {
    repository: request.repository,
    access: dryRun ? 'pull' : 'push',
    ...sourceOnly(request),
  });
  const services = await servicesOf(c, io, values.verbose);
  // The same function as the promote action (and so action-promote) runs: one implementation.
  const { runPromotion, accountLines } = await import('../promotion/account.js');
  const options = { generateNotes: !values['no-notes'], moveAlias, makeLatest };
  const report = (account: Awaited<ReturnType<typeof runPromotion>>): number => {
    // The library's errors name the action's inputs: here, the flags.
    const error = account.error && { ...account.error, message: flagMessage(account.error.message) };
    if (error) io.err(`gitops-promote promote: ${error.message}`);
    if (values.json) io.out(JSON.stringify(error ? { ...account, error } : account, null, 2));
    else if (error) for (const line of accountLines(account, { withError: false })) io.err(line);
    else for (const line of accountLines(account)) io.out(line);
    if (!error) return 0;
    return error.kind === 'input' ? EXIT_USAGE : EXIT_FAILED;
  };

  // A person at a terminal sees what will change and says yes first: run by hand, the promotion
  // skips whatever the workflow guards it with (an environment's required reviewers). CI has no
  // terminal and is never asked; --yes is the person's own "I have read it".
  if (!dryRun && !values.yes && io.interactive && io.ask) {
    const preview = await runPromotion(request, services, { ...options, dryRun: true });
    if (preview.error || !preview.plan) return report(preview);
    const plan = preview.plan;
    const also = plan.train?.length ? ` with ${plan.train.map((m) => m.image).join(', ')} (one release train)` : '';
    io.err(
      `About to promote ${plan.image}:${plan.sourceTag}${also} to ${plan.toEnvironment} as version ${plan.version}:`,
    );
    for (const line of changesOf(plan, { moveAlias })) io.err(`  ${line}`);
    io.err(
      `Run by hand, this does not wait for the required reviewers of the workflow's \`environment: ${plan.toEnvironment}\`, if it has any.`,
    );
    const answer = (await io.ask('Promote? [y/N] ')).trim();
    if (!/^y(es)?$/i.test(answer)) {
      io.err(
        `gitops-promote promote: not confirmed (answered ${JSON.stringify(answer.slice(0, 20))}): nothing was changed`,
      );
      return EXIT_FAILED;
    }
    // What was shown is what runs: "latest" is pinned to the tag Flux picked when the question was asked.
    if (plan.sourceKind === 'latest') request.source = plan.sourceTag;
  }
  return report(await runPromotion(request, services, { ...options, dryRun }));
}

export async function statusCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, { ...COMMON_FLAGS, env: { type: 'string', multiple: true } });
  requireAll([{ name: '--image', given: values.image !== undefined, accepted: IMAGE }]);
  const image = values.image!;
  const envs = values.env?.length ? values.env : ['develop', 'staging', 'production'];
  const repositoryValue = values.repository ?? io.env.GITHUB_REPOSITORY;
  const { parseRepository } = await import('../github/client.js');
  const repository = repositoryValue
    ? parseRepository(repositoryValue, values.repository !== undefined ? '--repository' : 'GITHUB_REPOSITORY')
    : undefined;
  const c = await connect(values, io, { ...(repository ? { repository } : {}), access: 'pull' });
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
export function utc(iso: string): string {
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
