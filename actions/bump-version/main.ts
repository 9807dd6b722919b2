import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { ensureNextVersionTag } from '../../packages/github/refs.js';
import { validateVersion } from '../../packages/tagging/tags.js';
import { bumpVersion, nextVersionTag, validateBumpLevel, validateSuffix } from '../../packages/tagging/version.js';
import {
  actionLogger,
  getOptional,
  getRequired,
  info,
  runAction,
  secret,
  setOutputs,
  writeSummary,
} from '../runner.js';

function getInputs() {
  const ctx = readRunnerContext();
  return {
    version: validateVersion(getRequired('version', 'the version just released, X.Y.Z'), 'version'),
    level: validateBumpLevel(getOptional('level') ?? 'patch', 'level'),
    suffix: validateSuffix(getOptional('suffix') ?? 'next', 'suffix'),
    commit: getOptional('commit') ?? ctx.sha ?? '',
    repository: parseRepository(getOptional('repository') ?? ctx.repository ?? '', 'repository'),
    githubToken: secret(getOptional('github-token')) ?? '',
  };
}

runAction('bump-version', async () => {
  const inputs = getInputs();
  const next = bumpVersion(inputs.version, inputs.level);
  const tag = nextVersionTag(next, inputs.suffix);
  const github = createGitHubClient({ token: inputs.githubToken, logger: actionLogger });
  const state = await ensureNextVersionTag(github, inputs.repository, tag, inputs.commit, actionLogger);
  setOutputs({ 'next-version': next, tag, created: state === 'created' });
  info(`Next version ${next}: tag ${tag} ${state === 'created' ? `created at ${inputs.commit}` : 'exists already'}`);
  writeSummary(
    `### Next version \`${next}\`\n\nTag \`${tag}\` (${state}) after the release of \`v${inputs.version}\` (${inputs.level} bump).\n`,
  );
});
