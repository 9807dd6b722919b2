import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { validateMakeLatest } from '../../packages/github/releases.js';
import { describePlan, planPromotion, type PromotionRequest } from '../../packages/promotion/plan.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import {
  actionLogger,
  getBoolean,
  getInput,
  getOptional,
  getRequired,
  info,
  markdownTable,
  runAction,
  secret,
  setOutputs,
  writeSummary,
} from '../runner.js';

function getInputs() {
  const ctx = readRunnerContext();
  return {
    image: getRequired('image', 'an image name without tag, e.g. ghcr.io/acme/backend'),
    source: getOptional('source') ?? 'latest',
    version: getOptional('version'),
    fromEnvironment: getOptional('from-environment'),
    toEnvironment: getOptional('to-environment'),
    bump: (getOptional('bump') ?? 'patch') as PromotionRequest['bump'],
    repository: parseRepository(getOptional('repository') ?? ctx.repository ?? '', 'repository'),
    githubToken: secret(getOptional('github-token')),
    registryToken: secret(getOptional('registry-token')),
    username: getOptional('username'),
    password: secret(getOptional('password')),
    dryRun: getBoolean('dry-run', false),
    // Not used by the plan: checked here so that action-promote refuses them before anything changes.
    generateNotes: getBoolean('generate-notes', true),
    makeLatest: validateMakeLatest(getInput('make-latest') || 'auto'),
  };
}

runAction('plan-promotion', async () => {
  const inputs = getInputs();
  const clients = registryClients({
    username: inputs.username,
    password: inputs.password,
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    access: 'pull',
  });
  const github = createGitHubClient({ token: inputs.githubToken ?? '', logger: actionLogger });
  const plan = await planPromotion(inputs, {
    clients,
    github,
    nowSeconds: () => Math.floor(Date.now() / 1000),
    logger: actionLogger,
  });
  setOutputs({
    image: plan.image,
    'source-tag': plan.sourceTag,
    digest: plan.digest,
    'media-type': plan.mediaType,
    commit: plan.commit,
    version: plan.version,
    'target-tag': plan.targetTag,
    'target-state': plan.targetState,
    'alias-tag': plan.aliasTag,
    'release-tag': plan.releaseTag,
    'release-state': plan.releaseState,
    rollback: plan.rollback,
    'next-version': plan.nextVersion ?? '',
    'next-version-tag': plan.nextVersionTag ?? '',
    'next-state': plan.nextState,
    plan,
  });
  const steps = describePlan(plan);
  info(
    (inputs.dryRun ? 'Dry run: nothing is changed. The promotion would do:\n' : 'Plan:\n') +
      steps.map((l) => `  ${l}`).join('\n'),
  );
  writeSummary(
    `### ${inputs.dryRun ? 'Dry run: promotion plan (nothing changed)' : 'Promotion plan'}\n\n` +
      markdownTable(
        ['', ''],
        [
          ['Image', `\`${plan.image}\``],
          ['Source', `\`${plan.sourceTag}\``],
          ['Digest', `\`${plan.digest}\``],
          ['Commit', `\`${plan.commit}\``],
          ['Version', `\`${plan.version}\``],
          ['Target', `\`${plan.targetTag}\` (${plan.targetState}), alias \`${plan.aliasTag}\``],
          ['Release', `\`${plan.releaseTag}\` (${plan.releaseState})`],
          ['Next version', plan.nextVersionTag ? `\`${plan.nextVersionTag}\` (${plan.nextState})` : 'none'],
        ],
      ) +
      `\n${steps.map((l) => `- ${l.trim()}`).join('\n')}\n`,
  );
});
