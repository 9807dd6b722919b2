import { registryClients } from '../../packages/promotion/registry-clients.js';
import { retag } from '../../packages/promotion/retag.js';
import {
  actionLogger,
  getBoolean,
  getList,
  getOptional,
  getRequired,
  markdownTable,
  runAction,
  secret,
  setOutputs,
  writeSummary,
} from '../runner.js';

function getInputs() {
  return {
    source: getRequired('source', 'an image reference by tag or digest, or a bare digest sha256:<64 hex>'),
    tags: getList('tags'),
    username: getOptional('username'),
    password: secret(getOptional('password')),
    registryToken: secret(getOptional('registry-token')),
    githubToken: secret(getOptional('github-token')),
    dryRun: getBoolean('dry-run', false),
  };
}

runAction('retag', async () => {
  const inputs = getInputs();
  const clients = registryClients({
    username: inputs.username,
    password: inputs.password,
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    access: inputs.dryRun ? 'pull' : 'push',
  });
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
  writeSummary(
    `### Retag${result.dryRun ? ' (dry run: nothing written)' : ''}\n\n` +
      `Source \`${result.source}\`: \`${result.digest}\` (${result.mediaType}).\n\n` +
      markdownTable(
        ['tag', result.dryRun ? 'would be' : 'state', 'previous digest'],
        result.targets.map((t) => [`\`${t.ref}\``, t.state, t.previousDigest ? `\`${t.previousDigest}\`` : '']),
      ),
  );
});
