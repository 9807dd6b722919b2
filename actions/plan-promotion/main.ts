import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { validateMakeLatest } from '../../packages/github/releases.js';
import { describePlan, planPromotion, type PromotionRequest } from '../../packages/promotion/plan.js';
import { parseSignatures } from '../../packages/promotion/retag.js';
import { actionRegistryClients, promotionRegistries } from '../registry.js';
import { imagesOutput, trainInputs } from '../train.js';
import {
  actionLogger,
  GITHUB_TOKEN_DEFAULT,
  info,
  inputReader,
  markdownTable,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'plan-promotion';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  image: { required: true },
  'to-image': {},
  signatures: { default: 'copy' },
  'extra-tags': {},
  source: { default: 'latest' },
  version: {},
  'from-environment': { default: 'staging' },
  'to-environment': { default: 'production' },
  bump: { default: 'patch' },
  repository: {},
  'dry-run': { default: 'false' },
  'generate-notes': { default: 'true' },
  'make-latest': { default: 'auto' },
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
  return {
    ...trainInputs(input.list('image'), input.list('to-image')),
    signatures: parseSignatures(input.withDefault('signatures')),
    extraTags: input.list('extra-tags'),
    source: input.withDefault('source'),
    version: input.optional('version'),
    fromEnvironment: input.withDefault('from-environment'),
    toEnvironment: input.withDefault('to-environment'),
    bump: input.withDefault('bump') as PromotionRequest['bump'],
    repository: parseRepository(input.optional('repository') ?? ctx.repository ?? '', 'repository'),
    githubToken: input.secret('github-token'),
    registryToken: input.secret('registry-token'),
    username: input.optional('username'),
    password: input.secret('password'),
    toUsername: input.optional('to-username'),
    toPassword: input.secret('to-password'),
    dryRun: input.boolean('dry-run'),
    // Not used by the plan: checked here so that action-promote refuses them before anything changes.
    generateNotes: input.boolean('generate-notes'),
    makeLatest: validateMakeLatest(input.withDefault('make-latest')),
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const clients = actionRegistryClients(inputs, { access: 'pull', ...promotionRegistries(inputs) });
  const github = createGitHubClient({ token: inputs.githubToken ?? '', logger: actionLogger });
  const plan = await planPromotion(inputs, {
    clients,
    github,
    nowSeconds: () => Math.floor(Date.now() / 1000),
    logger: actionLogger,
  });
  setOutputs({
    images: imagesOutput(plan),
    image: plan.image,
    'to-image': plan.toImage ?? plan.image,
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
  await writeSummary(
    `### ${inputs.dryRun ? 'Dry run: promotion plan (nothing changed)' : 'Promotion plan'}\n\n` +
      markdownTable(
        ['', ''],
        [
          ['Image', `\`${plan.image}\``],
          ...(plan.toImage && plan.toImage !== plan.image ? [['To image', `\`${plan.toImage}\` (copied there)`]] : []),
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
}
