import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { ensureNextVersionTag } from '../../packages/github/refs.js';
import { validateVersion } from '../../packages/tagging/tags.js';
import { bumpVersion, nextVersionTag, validateBumpLevel, validateSuffix } from '../../packages/tagging/version.js';
import {
  actionLogger,
  GITHUB_TOKEN_DEFAULT,
  info,
  inputReader,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'bump-version';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  version: { required: true },
  level: { default: 'patch' },
  suffix: { default: 'next' },
  commit: {},
  repository: {},
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  const ctx = readRunnerContext();
  return {
    version: validateVersion(input.required('version', 'the version just released, X.Y.Z'), 'version'),
    level: validateBumpLevel(input.withDefault('level'), 'level'),
    suffix: validateSuffix(input.withDefault('suffix'), 'suffix'),
    commit: input.optional('commit') ?? ctx.sha ?? '',
    repository: parseRepository(input.optional('repository') ?? ctx.repository ?? '', 'repository'),
    githubToken: input.secret('github-token') ?? '',
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const next = bumpVersion(inputs.version, inputs.level);
  const tag = nextVersionTag(next, inputs.suffix);
  const github = createGitHubClient({ token: inputs.githubToken, logger: actionLogger });
  const state = await ensureNextVersionTag(github, inputs.repository, tag, inputs.commit, actionLogger);
  setOutputs({ 'next-version': next, tag, created: state === 'created' });
  info(`Next version ${next}: tag ${tag} ${state === 'created' ? `created at ${inputs.commit}` : 'exists already'}`);
  await writeSummary(
    `### Next version \`${next}\`\n\nTag \`${tag}\` (${state}) after the release of \`v${inputs.version}\` (${inputs.level} bump).\n`,
  );
}
