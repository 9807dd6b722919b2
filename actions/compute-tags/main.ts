import { readRunnerContext, type RunnerContext } from '../../packages/github/context.js';
import type { ApplyServices } from '../../packages/promotion/apply-build.js';
import {
  computeBuild,
  type BuildRequest,
  type BuildResult,
  type BuildServices,
} from '../../packages/promotion/build.js';
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

function getInputs(): BuildRequest & {
  githubToken?: string;
  registryToken?: string;
  username?: string;
  password?: string;
  digest?: string;
} {
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
    registryToken: secret(getOptional('registry-token')),
    username: getOptional('username'),
    password: secret(getOptional('password')),
    digest: getOptional('digest'),
  };
}

/** With a digest: the tags are applied to the image pushed by digest, re-checked against other builds. */
async function apply(build: BuildResult, digest: string, inputs: ReturnType<typeof getInputs>, ctx: RunnerContext) {
  const { applyBuild } = await import('../../packages/promotion/apply-build.js');
  const { registryClients } = await import('../../packages/promotion/registry-clients.js');
  const clients = registryClients({
    username: inputs.username,
    password: inputs.password,
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    access: 'push',
  });
  let commitOrder: ApplyServices['commitOrder'];
  if (inputs.githubToken && ctx.repository) {
    const { createGitHubClient, parseRepository } = await import('../../packages/github/client.js');
    const { commitOrder: order } = await import('../../packages/github/commits.js');
    const github = createGitHubClient({ token: inputs.githubToken, logger: actionLogger });
    const repo = parseRepository(ctx.repository);
    commitOrder = (ours, theirs) => order(github, repo, ours, theirs);
  }
  return applyBuild(build, digest, { clients, logger: actionLogger, ...(commitOrder ? { commitOrder } : {}) });
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
        registryToken: inputs.registryToken,
        githubToken: inputs.githubToken,
        logger: actionLogger,
        onSecret: (s) => void secret(s),
      });
    },
  };
  const computed = await computeBuild(inputs, ctx, services);
  const applied = inputs.digest ? await apply(computed, inputs.digest, inputs, ctx) : undefined;
  const build = applied?.build ?? computed;
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
    digest: applied?.digest ?? '',
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
      ...(applied ? { digest: applied.digest, written: applied.written, ties: applied.ties } : {}),
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
      `\nVersion \`${build.version}\` (${build.versionSource}), commit \`${build.commit}\`, timestamp \`${build.timestamp}\` (${build.timestampSource}). Flux: pattern \`${build.fluxPattern}\`, extract \`$ts\`, numerical asc.\n` +
      (applied
        ? `\nApplied to \`${applied.digest}\`: ${applied.written.map((t) => `\`${t.tag}\` ${t.state}`).join(', ')}.\n` +
          applied.ties.map((t) => `\n> [!WARNING]\n> ${t.reason}\n`).join('')
        : ''),
  );
});
