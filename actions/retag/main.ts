import { actionRegistryClients } from '../registry.js';
import { retag } from '../../packages/promotion/retag.js';
import {
  actionLogger,
  GITHUB_TOKEN_DEFAULT,
  inputReader,
  markdownTable,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'retag';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  source: { required: true },
  tags: { required: true },
  username: {},
  password: {},
  'registry-token': {},
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'dry-run': { default: 'false' },
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  return {
    source: input.required('source', 'an image reference by tag or digest, or a bare digest sha256:<64 hex>'),
    tags: input.list('tags'),
    username: input.optional('username'),
    password: input.secret('password'),
    registryToken: input.secret('registry-token'),
    githubToken: input.secret('github-token'),
    dryRun: input.boolean('dry-run'),
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const clients = actionRegistryClients(inputs, { access: inputs.dryRun ? 'pull' : 'push' });
  const result = await retag({
    source: inputs.source,
    targets: inputs.tags,
    dryRun: inputs.dryRun,
    clients,
    logger: actionLogger,
  });
  setOutputs({
    digest: result.digest,
    'media-type': result.mediaType,
    tags: result.targets.map((t) => t.ref).join('\n'),
    json: result,
  });
  await writeSummary(
    `### Retag${result.dryRun ? ' (dry run: nothing written)' : ''}\n\n` +
      `Source \`${result.source}\`: \`${result.digest}\` (${result.mediaType}).\n\n` +
      markdownTable(
        ['tag', result.dryRun ? 'would be' : 'state', 'previous digest'],
        result.targets.map((t) => [`\`${t.ref}\``, t.state, t.previousDigest ? `\`${t.previousDigest}\`` : '']),
      ),
  );
}
