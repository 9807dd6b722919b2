import { readRunnerContext, type RunnerContext } from '../../packages/github/context.js';
import type { ApplyServices } from '../../packages/promotion/apply-build.js';
import {
  computeBuild,
  type BuildRequest,
  type BuildResult,
  type BuildServices,
} from '../../packages/promotion/build.js';
import { tagsJson } from '../../packages/promotion/tags-json.js';
import {
  DEFAULT_ANNOTATION_LEVELS,
  imageMetadata,
  parseAnnotationLevels,
  parseMetadataInput,
  type MetadataEntry,
} from '../../packages/tagging/annotations.js';
import { formatKeyValues, repositoryLabels, type RepositoryFacts } from '../../packages/tagging/labels.js';
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

export const name = 'compute-tags';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  images: { required: true },
  environment: {},
  'branch-environments': { default: 'develop=develop\nmain=staging\n' },
  version: {},
  sha: {},
  'sha-length': { default: '7' },
  timestamp: {},
  'initial-version': { default: '0.0.1' },
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'registry-token': { default: GITHUB_TOKEN_DEFAULT },
  username: {},
  password: {},
  digest: {},
  'annotation-levels': { default: DEFAULT_ANNOTATION_LEVELS },
  labels: {},
  annotations: {},
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs(): BuildRequest & {
  githubToken?: string;
  registryToken?: string;
  username?: string;
  password?: string;
  digest?: string;
  annotationLevels: string[];
  labels: MetadataEntry[];
  annotations: MetadataEntry[];
} {
  return {
    images: input.list('images'),
    environment: input.optional('environment'),
    branchEnvironments: input.withDefault('branch-environments'),
    version: input.optional('version'),
    sha: input.optional('sha'),
    shaLength: input.optional('sha-length'),
    timestamp: input.optional('timestamp'),
    initialVersion: input.optional('initial-version'),
    githubToken: input.secret('github-token'),
    registryToken: input.secret('registry-token'),
    username: input.optional('username'),
    password: input.secret('password'),
    digest: input.optional('digest'),
    // Checked here, before any request: a bad line fails the step before GitHub or a registry is asked.
    annotationLevels: parseAnnotationLevels(input.list('annotation-levels')),
    labels: parseMetadataInput(input.lines('labels'), 'labels'),
    annotations: parseMetadataInput(input.lines('annotations'), 'annotations'),
  };
}

/** With a digest: the tags are applied to the image pushed by digest, re-checked against other builds. */
async function apply(build: BuildResult, digest: string, inputs: ReturnType<typeof getInputs>, ctx: RunnerContext) {
  const { applyBuild } = await import('../../packages/promotion/apply-build.js');
  const { actionRegistryClients } = await import('../registry.js');
  const clients = actionRegistryClients(inputs, { access: 'push' });
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

/** Reads the inputs, computes (and with digest applies) the tags, sets the outputs and the summary. */
export async function run(): Promise<void> {
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
      const [{ listImageTags }, { actionRegistryClients }] = await Promise.all([
        import('../../packages/promotion/image-tags.js'),
        import('../registry.js'),
      ]);
      return listImageTags(image, { clients: actionRegistryClients(inputs) });
    },
  };
  // Read alongside the build; never fails it (packages/github/repository.ts).
  const facts: Promise<RepositoryFacts | undefined> =
    inputs.githubToken && ctx.repository
      ? import('../../packages/github/repository.js').then(({ readRepositoryFacts }) =>
          readRepositoryFacts({ token: inputs.githubToken, repository: ctx.repository, logger: actionLogger }),
        )
      : Promise.resolve(undefined);
  const computed = await computeBuild(inputs, ctx, services);
  const applied = inputs.digest ? await apply(computed, inputs.digest, inputs, ctx) : undefined;
  const build = applied?.build ?? computed;
  const metadata = imageMetadata({
    computed: build.labels,
    repository: repositoryLabels((await facts) ?? {}),
    levels: inputs.annotationLevels,
    labels: inputs.labels,
    annotations: inputs.annotations,
  });
  setOutputs({
    tags: build.tags.refs.join('\n'),
    tag: build.tags.immutable,
    version: build.version,
    sha: build.sha,
    commit: build.commit,
    timestamp: build.timestamp,
    environment: build.environment,
    'flux-pattern': build.fluxPattern,
    labels: formatKeyValues(metadata.labels),
    annotations: metadata.annotations.join('\n'),
    digest: applied?.digest ?? '',
    // The shape of `gitops-promote tags --json` (packages/promotion/tags-json.ts), then what a build adds.
    json: {
      ...tagsJson(build),
      versionSource: build.versionSource,
      commit: build.commit,
      timestampSource: build.timestampSource,
      images: build.images,
      labels: metadata.labels,
      annotations: metadata.annotations,
      ...(applied ? { digest: applied.digest, written: applied.written, ties: applied.ties } : {}),
    },
  });
  info(`${build.environment} build ${build.tags.immutable}:\n${build.tags.refs.join('\n')}`);
  await writeSummary(
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
}
