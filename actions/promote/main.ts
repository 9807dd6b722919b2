import { parseTimeBudget } from '../../packages/common/budget.js';
import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { validateMakeLatest } from '../../packages/github/releases.js';
import { accountLines, accountMarkdown, runPromotion } from '../../packages/promotion/account.js';
import type { PromotionRequest } from '../../packages/promotion/plan.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import {
  actionLogger,
  failStep,
  getBoolean,
  getInput,
  getOptional,
  getRequired,
  info,
  runAction,
  secret,
  setOutputs,
  startGroup,
  endGroup,
  writeSummary,
} from '../runner.js';

/*
 * The whole promotion in one step, for action-promote and for workflows that use this action
 * directly: every rule runs in packages/promotion (runPromotion), the same code as the CLI's
 * `gitops-promote promote`; this file only reads inputs and writes outputs and the summary.
 */
function getInputs() {
  const ctx = readRunnerContext();
  const dryRun = getBoolean('dry-run', false);
  return {
    request: {
      image: getRequired('image', 'an image name without tag, e.g. ghcr.io/acme/backend'),
      source: getOptional('source') ?? 'latest',
      version: getOptional('version'),
      fromEnvironment: getOptional('from-environment'),
      toEnvironment: getOptional('to-environment'),
      bump: (getOptional('bump') ?? 'patch') as PromotionRequest['bump'],
      repository: parseRepository(getOptional('repository') ?? ctx.repository ?? '', 'repository'),
    },
    githubToken: secret(getOptional('github-token')),
    registryToken: secret(getOptional('registry-token')),
    username: getOptional('username'),
    password: secret(getOptional('password')),
    dryRun,
    moveAlias: getBoolean('move-alias', true),
    generateNotes: getBoolean('generate-notes', true),
    makeLatest: validateMakeLatest(getInput('make-latest') || 'auto'),
    budgetMs: parseTimeBudget(getOptional('time-budget')),
    runUrl: ctx.runUrl,
  };
}

runAction('promote', async () => {
  const inputs = getInputs();
  const clients = registryClients({
    username: inputs.username,
    password: inputs.password,
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    access: inputs.dryRun ? 'pull' : 'push',
    budgetMs: inputs.budgetMs,
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
          image: plan.image,
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
  writeSummary(accountMarkdown(account));
  if (account.error) {
    failStep(
      `gitops-promote/promote: ${account.error.kind === 'fault' ? 'failed' : 'refused'}`,
      `gitops-promote/promote: ${account.error.message} ${account.next}`,
    );
  }
});
