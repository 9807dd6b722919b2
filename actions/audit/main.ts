import { createGitHubClient, parseRepository } from '../../packages/github/client.js';
import { readRunnerContext } from '../../packages/github/context.js';
import { auditImage, type AuditResult } from '../../packages/promotion/audit.js';
import { imageName, promotionHistory, type HistoryEntry } from '../../packages/promotion/history.js';
import { historyMermaid } from '../../packages/promotion/mermaid.js';
import { formatImageRef } from '../../packages/tagging/image.js';
import { validateEnvironment } from '../../packages/tagging/tags.js';
import { actionRegistryClients } from '../registry.js';
import {
  actionLogger,
  failStep,
  GITHUB_TOKEN_DEFAULT,
  info,
  inputReader,
  markdownTable,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'audit';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  image: { required: true },
  'from-environment': { default: 'staging' },
  'to-environment': { default: 'production' },
  repository: {},
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  'registry-token': { default: GITHUB_TOKEN_DEFAULT },
  username: {},
  password: {},
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

export function getInputs() {
  const ctx = readRunnerContext();
  const image = formatImageRef(
    imageName(input.required('image', 'an image name without tag or digest, e.g. ghcr.io/acme/backend'), 'image'),
  );
  const repository = input.optional('repository') ?? ctx.repository;
  return {
    image,
    fromEnvironment: validateEnvironment(input.withDefault('from-environment'), 'from-environment'),
    toEnvironment: validateEnvironment(input.withDefault('to-environment'), 'to-environment'),
    repository: repository ? parseRepository(repository, 'repository') : undefined,
    githubToken: input.secret('github-token'),
    registryToken: input.secret('registry-token'),
    username: input.optional('username'),
    password: input.secret('password'),
  };
}

const code = (s: string) => `\`${s}\``;

function summaryMarkdown(result: AuditResult, history: readonly HistoryEntry[], to: string, from: string): string {
  const head = result.violations.length
    ? `### Audit: ${result.violations.length} violation${result.violations.length === 1 ? '' : 's'}\n\n`
    : `### Audit: every ${to} image was promoted from ${from}, no recorded tag moved\n\n`;
  const scope = `${code(result.image)}: ${result.targetTags} ${to} tags checked against ${from}, ${result.releases} releases' records checked against the registry.\n\n`;
  const violations = result.violations.length
    ? markdownTable(
        ['violation', 'tag', 'digest now', 'recorded digest', 'release', 'what'],
        result.violations.map((v) => [
          code(v.kind),
          code(v.tag),
          v.digest ? code(v.digest) : '',
          v.expected ? code(v.expected) : '',
          v.release ?? '',
          v.message,
        ]),
      ) + '\n'
    : '';
  const timeline = history.length
    ? `#### Deliveries to ${to}\n\n\`\`\`mermaid\n${historyMermaid(history)}\n\`\`\`\n\n` +
      markdownTable(
        ['when (UTC)', 'what', 'by', 'tag', 'digest', 'release'],
        history.map((e) => [
          e.at,
          e.kind,
          e.actor ?? (e.recorded ? '' : 'unrecorded'),
          code(e.targetTag),
          e.digest ? code(e.digest) : '',
          e.release ? `[${e.release.tag}](${e.release.url})` : '',
        ]),
      )
    : '';
  return head + scope + violations + timeline;
}

/** Reads the inputs, audits through packages/, sets the outputs and the summary; any violation fails the step. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const clients = actionRegistryClients(inputs, { access: 'pull' });
  const github =
    inputs.githubToken && inputs.repository
      ? createGitHubClient({ token: inputs.githubToken, logger: actionLogger })
      : undefined;
  const withGitHub = github && inputs.repository ? { github, repository: inputs.repository } : {};
  const [result, history] = await Promise.all([
    auditImage(inputs.image, {
      clients,
      ...withGitHub,
      fromEnvironment: inputs.fromEnvironment,
      toEnvironment: inputs.toEnvironment,
    }),
    github && inputs.repository
      ? promotionHistory(inputs.image, {
          github,
          repository: inputs.repository,
          clients,
          environment: inputs.toEnvironment,
        })
      : Promise.resolve([]),
  ]);
  setOutputs({ violations: String(result.violations.length), json: result });
  await writeSummary(summaryMarkdown(result, history, inputs.toEnvironment, inputs.fromEnvironment));
  for (const v of result.violations) failStep(`gitops-promote/audit: ${v.kind}`, v.message);
  if (!result.violations.length) {
    info(
      `ok: ${result.targetTags} ${inputs.toEnvironment} tags of ${result.image} carry ${inputs.fromEnvironment} digests; ${result.releases} releases match the registry`,
    );
  }
}
