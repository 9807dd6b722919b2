import { actionRegistryClients, registriesOf } from '../registry.js';
import { parseSignatures, retag } from '../../packages/promotion/retag.js';
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
  'to-image': {},
  signatures: { default: 'copy' },
  username: {},
  password: {},
  'to-username': {},
  'to-password': {},
  'registry-token': {},
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'dry-run': { default: 'false' },
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  return {
    source: input.required('source', 'an image reference by tag or digest, or a bare digest sha256:<64 hex>'),
    tags: input.list('tags'),
    toImage: input.optional('to-image'),
    signatures: parseSignatures(input.withDefault('signatures')),
    username: input.optional('username'),
    password: input.secret('password'),
    toUsername: input.optional('to-username'),
    toPassword: input.secret('to-password'),
    registryToken: input.secret('registry-token'),
    githubToken: input.secret('github-token'),
    dryRun: input.boolean('dry-run'),
  };
}

/** Reads the inputs, runs the step through packages/, sets the outputs and the summary. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  // A bare digest names no registry; a bare tag stays in the source's repository.
  const { source, target } = /^sha(256|512):/.test(inputs.source.trim())
    ? {}
    : registriesOf([inputs.source], [inputs.toImage, ...inputs.tags.filter((t) => /[/:@]/.test(t.trim()))]);
  const clients = actionRegistryClients(inputs, { access: inputs.dryRun ? 'pull' : 'push', source, target });
  const result = await retag({
    source: inputs.source,
    targets: inputs.tags,
    ...(inputs.toImage ? { toImage: inputs.toImage } : {}),
    signatures: inputs.signatures,
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
      ) +
      result.copies
        .map(
          (c) =>
            `\n\nCopied into \`${c.image}\` (${c.how === 'mount' ? `${c.stats.blobsMounted} blobs mounted` : `${c.stats.blobsUploaded} blobs streamed, ${c.stats.bytesUploaded} bytes`}, ${c.stats.blobsPresent} present): ` +
            `${c.referrers.length} referrers and ${c.signatureTags.length} signature tags carried.`,
        )
        .join(''),
  );
}
