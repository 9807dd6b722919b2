import { readRunnerContext } from '../../packages/github/context.js';
import { computeBuild, type BuildRequest, type BuildServices } from '../../packages/promotion/build.js';
import { formatKeyValues } from '../../packages/tagging/labels.js';
import {
  actionLogger,
  getInput,
  getList,
  getOptional,
  info,
  markdownTable,
  runAction,
  secret,
  setOutputs,
  writeSummary,
} from '../runner.js';

function getInputs(): BuildRequest & { githubToken?: string; username?: string; password?: string } {
  return {
    images: getList('images'),
    environment: getOptional('environment'),
    branchEnvironments: getInput('branch-environments') || 'develop=develop\nmain=staging',
    version: getOptional('version'),
    sha: getOptional('sha'),
    shaLength: getOptional('sha-length') ?? '7',
    timestamp: getOptional('timestamp'),
    initialVersion: getOptional('initial-version'),
    githubToken: secret(getOptional('github-token')),
    username: getOptional('username'),
    password: secret(getOptional('password')),
  };
}

runAction('compute-tags', async () => {
  const inputs = getInputs();
  const ctx = readRunnerContext();
  // GitHub and registry clients are loaded only when needed: they are most of the bundle's start-up cost.
  const services: BuildServices = {
    nowSeconds: () => Math.floor(Date.now() / 1000),
    logger: actionLogger,
    resolveVersion: async (initialVersion) => {
      const { resolveRepositoryVersion } = await import('../../packages/promotion/versions.js');
      return resolveRepositoryVersion({
        token: inputs.githubToken,
        repository: ctx.repository,
        initialVersion,
        logger: actionLogger,
      });
    },
    listTags: async (image) => {
      const { listImageTags } = await import('../../packages/promotion/image-tags.js');
      return listImageTags(image, {
        username: inputs.username,
        password: inputs.password,
        githubToken: inputs.githubToken,
        logger: actionLogger,
        onSecret: (s) => void secret(s),
      });
    },
  };
  const build = await computeBuild(inputs, ctx, services);
  const annotations = formatKeyValues(build.labels);
  setOutputs({
    tags: build.tags.refs.join('\n'),
    tag: build.tags.immutable,
    version: build.version,
    sha: build.sha,
    commit: build.commit,
    timestamp: build.timestamp,
    environment: build.environment,
    'flux-pattern': build.fluxPattern,
    labels: formatKeyValues(build.labels),
    annotations,
    json: {
      environment: build.environment,
      version: build.version,
      versionSource: build.versionSource,
      sha: build.sha,
      commit: build.commit,
      timestamp: build.timestamp,
      timestampSource: build.timestampSource,
      images: build.images,
      alias: build.tags.alias,
      tag: build.tags.immutable,
      shaTag: build.tags.shaTag,
      tags: build.tags.refs,
      fluxPattern: build.fluxPattern,
      fluxExtract: '$ts',
      labels: build.labels,
    },
  });
  info(`${build.environment} build ${build.tags.immutable}:\n${build.tags.refs.join('\n')}`);
  writeSummary(
    `### Tags for ${build.environment}\n\n` +
      markdownTable(
        ['image', 'tag'],
        build.tags.refs.map((ref) => {
          const at = ref.lastIndexOf(':');
          return [ref.slice(0, at), `\`${ref.slice(at + 1)}\``];
        }),
      ) +
      `\nVersion \`${build.version}\` (${build.versionSource}), commit \`${build.commit}\`, timestamp \`${build.timestamp}\` (${build.timestampSource}). Flux: pattern \`${build.fluxPattern}\`, extract \`$ts\`, numerical asc.\n`,
  );
});
