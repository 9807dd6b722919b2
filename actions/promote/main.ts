import { parseTimeBudget } from '../../packages/common/budget.js';
import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { validateMakeLatest } from '../../packages/github/releases.js';
import { accountLines, accountMarkdown, runPromotion } from '../../packages/promotion/account.js';
import type { PromotionRequest } from '../../packages/promotion/plan.js';
import { parseSignatures } from '../../packages/promotion/retag.js';
import { actionRegistryClients, promotionRegistries } from '../registry.js';
import { imagesOutput, trainInputs } from '../train.js';
import {
  actionLogger,
  endGroup,
  failStep,
  GITHUB_TOKEN_DEFAULT,
  info,
  inputReader,
  setOutputs,
  startGroup,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

/*
 * The whole promotion in one step, for action-promote and for workflows that use this action
 * directly: every rule runs in packages/promotion (runPromotion), the same code as the CLI's
 * `gitops-promote promote`; this file only reads inputs and writes outputs and the summary.
 */
export const name = 'promote';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  image: { required: true },
  'to-image': {},
  signatures: { default: 'copy' },
  'extra-tags': {},
  source: { default: 'latest' },
  version: {},
  bump: { default: 'patch' },
  'dry-run': { default: 'false' },
  'move-alias': { default: 'true' },
  'from-environment': { default: 'staging' },
  'to-environment': { default: 'production' },
  'generate-notes': { default: 'true' },
  'make-latest': { default: 'auto' },
  'time-budget': { default: '10' },
  repository: {},
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'registry-token': { default: GITHUB_TOKEN_DEFAULT },
  username: {},
  password: {},
  'to-username': {},
  'to-password': {},
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  const ctx = readRunnerContext();
  const dryRun = input.boolean('dry-run');
  return {
    request: {
      ...trainInputs(input.list('image'), input.list('to-image')),
      signatures: parseSignatures(input.withDefault('signatures')),
      extraTags: input.list('extra-tags'),
      source: input.withDefault('source'),
      version: input.optional('version'),
      fromEnvironment: input.withDefault('from-environment'),
      toEnvironment: input.withDefault('to-environment'),
      bump: input.withDefault('bump') as PromotionRequest['bump'],
      repository: parseRepository(input.optional('repository') ?? ctx.repository ?? '', 'repository'),
    },
    githubToken: input.secret('github-token'),
    registryToken: input.secret('registry-token'),
    username: input.optional('username'),
    password: input.secret('password'),
    toUsername: input.optional('to-username'),
    toPassword: input.secret('to-password'),
    dryRun,
    moveAlias: input.boolean('move-alias'),
    generateNotes: input.boolean('generate-notes'),
    makeLatest: validateMakeLatest(input.withDefault('make-latest')),
    budgetMs: parseTimeBudget(input.withDefault('time-budget')),
    runUrl: ctx.runUrl,
    actor: ctx.actor,
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const clients = actionRegistryClients(inputs, {
    access: inputs.dryRun ? 'pull' : 'push',
    budgetMs: inputs.budgetMs,
    ...promotionRegistries(inputs.request),
  });
  const github = createGitHubClient({
    token: inputs.githubToken ?? '',
    logger: actionLogger,
    budgetMs: inputs.budgetMs,
    budgetHint: 'raise the time-budget input (minutes)',
  });
  startGroup('Promotion log');
  const account = await runPromotion(
    inputs.request,
    {
      clients,
      github,
      nowSeconds: () => Math.floor(Date.now() / 1000),
      logger: actionLogger,
      ...(inputs.runUrl ? { runUrl: inputs.runUrl } : {}),
      ...(inputs.actor ? { actor: inputs.actor } : {}),
    },
    {
      dryRun: inputs.dryRun,
      moveAlias: inputs.moveAlias,
      generateNotes: inputs.generateNotes,
      makeLatest: inputs.makeLatest,
    },
  );
  endGroup();
  const { plan, outcome } = account;
  setOutputs({
    result: account.result,
    ...(plan
      ? {
          images: imagesOutput(plan, outcome),
          image: plan.image,
          'to-image': plan.toImage ?? plan.image,
          'source-tag': plan.sourceTag,
          digest: plan.digest,
          commit: plan.commit,
          version: plan.version,
          'target-tag': outcome?.targetTag ?? plan.targetTag,
          'alias-tag': plan.aliasTag,
          'release-tag': plan.releaseTag,
          'next-version': outcome ? (outcome.next ? plan.nextVersion : '') : (plan.nextVersion ?? ''),
          plan,
        }
      : {}),
    'release-url': outcome?.release.url ?? '',
    account,
  });
  info(accountLines(account).join('\n'));
  await writeSummary(accountMarkdown(account));
  if (account.error) {
    failStep(
      `gitops-promote/promote: ${account.error.kind === 'fault' ? 'failed' : 'refused'}`,
      `gitops-promote/promote: ${account.error.message} ${account.next}`,
    );
  }
}
