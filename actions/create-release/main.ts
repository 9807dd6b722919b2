import { InputError } from '../../packages/common/errors.js';
import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import type { Lineage } from '../../packages/github/lineage.js';
import { validateMakeLatest } from '../../packages/github/releases.js';
import { releaseShipment } from '../../packages/promotion/release.js';
import { formatImageRef, parseImageRef } from '../../packages/tagging/image.js';
import { validateTag, validateVersion } from '../../packages/tagging/tags.js';
import { FULL_SHA } from '../../packages/common/patterns.js';
import {
  actionLogger,
  GITHUB_TOKEN_DEFAULT,
  inputReader,
  markdownTable,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'create-release';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  version: { required: true },
  commit: { required: true },
  image: { required: true },
  digest: { required: true },
  'source-tag': { required: true },
  'target-tag': { required: true },
  repository: {},
  'keep-existing': { default: 'false' },
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'generate-notes': { default: 'true' },
  'make-latest': { default: 'auto' },
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  const ctx = readRunnerContext();
  const image = parseImageRef(input.required('image', 'the image name, e.g. ghcr.io/acme/backend'), 'image');
  // Its syntax (sha256) is checked as it is read, as every action's digest input (actions/runner.ts).
  const digest = input.required('digest', 'sha256:<64 hex>');
  const commit = input.required('commit', 'the full commit sha: 40 lowercase hex characters');
  if (!FULL_SHA.test(commit)) throw new InputError('commit', commit, 'a full commit sha: 40 lowercase hex characters');
  return {
    version: validateVersion(input.required('version', 'a version X.Y.Z'), 'version'),
    commit,
    image: formatImageRef({ registry: image.registry, repository: image.repository }),
    digest,
    sourceTag: validateTag(input.required('source-tag', 'the tag promoted from'), 'source-tag'),
    targetTag: validateTag(input.required('target-tag', 'the immutable tag promoted to'), 'target-tag'),
    repository: parseRepository(input.optional('repository') ?? ctx.repository ?? '', 'repository'),
    githubToken: input.secret('github-token') ?? '',
    generateNotes: input.boolean('generate-notes'),
    makeLatest: validateMakeLatest(input.withDefault('make-latest')),
    keepExisting: input.boolean('keep-existing'),
    runUrl: ctx.runUrl,
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const github = createGitHubClient({ token: inputs.githubToken, logger: actionLogger });
  const tag = `v${inputs.version}`;
  const lineage: Lineage = {
    image: inputs.image,
    digest: inputs.digest,
    sourceTag: inputs.sourceTag,
    targetTag: inputs.targetTag,
    commit: inputs.commit,
    version: inputs.version,
    ...(inputs.runUrl ? { runUrl: inputs.runUrl } : {}),
    promotedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };

  const ensured = await releaseShipment(
    github,
    {
      repository: inputs.repository,
      version: inputs.version,
      commit: inputs.commit,
      lineage,
      keepExisting: inputs.keepExisting,
      generateNotes: inputs.generateNotes,
      makeLatest: inputs.makeLatest,
    },
    actionLogger,
  );

  setOutputs({
    'release-id': ensured.release.id,
    'release-url': ensured.release.html_url,
    tag: ensured.release.tag_name,
    created: ensured.state === 'created',
    state: ensured.state,
    'tag-state': ensured.tag,
  });
  await writeSummary(
    `### Release [${tag}](${ensured.release.html_url}) (${ensured.state})\n\n` +
      markdownTable(
        ['', ''],
        [
          ['Version', `\`${tag}\``],
          ['Commit', `\`${inputs.commit}\` (tag ${ensured.tag})`],
          ['Image', `\`${inputs.image}\``],
          ['Digest', `\`${inputs.digest}\``],
          ['Promoted from', `\`${inputs.sourceTag}\``],
          ['Promoted to', `\`${inputs.targetTag}\``],
          ...(inputs.runUrl ? [['Workflow run', inputs.runUrl]] : []),
        ],
      ),
  );
}
