import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../../packages/common/errors.js';
import { verifyGitOps, type Drift, type EnvironmentReport, type VerifyReport } from '../../packages/gitops/verify.js';
import { formatImageRef, parseImageRef } from '../../packages/tagging/image.js';
import { actionRegistryClients } from '../registry.js';
import {
  failStep,
  GITHUB_TOKEN_DEFAULT,
  info,
  inputReader,
  markdownTable,
  setOutputs,
  writeSummary,
  type InputSpecs,
} from '../runner.js';

export const name = 'verify';

/** The inputs of action.yml, declared once (test/unit/actions-inputs.test.ts compares them). */
export const inputs = {
  gitops: { default: '.' },
  image: { required: true },
  username: {},
  password: {},
  'registry-token': { default: GITHUB_TOKEN_DEFAULT },
} as const satisfies InputSpecs;

export const input = inputReader(inputs);

const GITOPS_ACCEPTED = 'a folder: the GitOps repository checkout, relative to the workspace, e.g. . or gitops';
const IMAGE_ACCEPTED = 'an image name without tag or digest, e.g. ghcr.io/acme/backend';

export function getInputs() {
  const image = input.required('image', IMAGE_ACCEPTED);
  const ref = parseImageRef(image, 'image');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError('image', image, IMAGE_ACCEPTED, 'verify compares every tag the policies pick');
  }
  return {
    gitops: input.withDefault('gitops'),
    image: formatImageRef(ref),
    registry: ref.registry,
    username: input.optional('username'),
    password: input.secret('password'),
    registryToken: input.secret('registry-token'),
  };
}

const code = (s: string) => `\`${s}\``;
const short = (digest: string | undefined) =>
  digest ? code(digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…')) : '';

/** One row per marker (or one for the policy when no marker names it): what Git holds next to what Flux picks. */
function environmentRows(e: EnvironmentReport): string[][] {
  const picks = e.pick ? code(e.pick.tag) : `nothing (${e.error ?? 'no pick'})`;
  const kinds = [...new Set(e.drift.map((d) => d.kind))].join(', ') || 'none';
  const markers = e.markers.length ? e.markers : [undefined];
  return markers.map((m) => [
    e.environment,
    code(e.policy),
    m ? `${code(m.git)} (${m.at})` : 'no marker names this policy',
    m ? short(m.gitDigest) : '',
    picks,
    short(e.pick?.digest),
    m ? (m.agrees ? 'agrees' : 'differs') : '',
    kinds,
  ]);
}

function summaryMarkdown(report: VerifyReport, root: string): string {
  const head = report.ok
    ? `### GitOps verify: no drift\n\nGit holds what Flux picks in every environment of ${code(report.image)} (checkout ${code(root)}).\n\n`
    : `### GitOps verify: ${report.drift.length} drift finding${report.drift.length === 1 ? '' : 's'}\n\n` +
      `${code(report.image)} in the checkout ${code(root)}.\n\n`;
  const envTable = report.environments.length
    ? markdownTable(
        ['environment', 'policy', 'Git holds', 'digest in Git', 'policy picks', 'digest picked', 'marker', 'drift'],
        report.environments.flatMap(environmentRows),
      )
    : 'No ImagePolicy of the checkout follows this image.\n';
  const driftTable = report.drift.length
    ? '\n' +
      markdownTable(
        ['drift', 'environment', 'where', 'what'],
        report.drift.map((d) => [code(d.kind), d.environment ?? '', d.at ?? '', d.message]),
      )
    : '';
  const ignored =
    report.ignored.policies || report.ignored.markers
      ? `\n${report.ignored.policies} polic${report.ignored.policies === 1 ? 'y' : 'ies'} and ${report.ignored.markers} marker${report.ignored.markers === 1 ? '' : 's'} of other images left alone.\n`
      : '';
  return head + envTable + driftTable + ignored;
}

/** The drift grouped by kind, in the order first found: one failed-step annotation per kind. */
function byKind(drift: readonly Drift[]): Map<string, Drift[]> {
  const kinds = new Map<string, Drift[]>();
  for (const d of drift) kinds.set(d.kind, [...(kinds.get(d.kind) ?? []), d]);
  return kinds;
}

/** Reads the inputs, runs verify through packages/, sets the outputs and the summary; any drift fails the step. */
export async function run(): Promise<void> {
  const inputs = getInputs();
  const workspace = resolve(process.env.GITHUB_WORKSPACE ?? '.');
  const root = resolve(workspace, inputs.gitops);
  const inside = relative(workspace, root);
  // actions/checkout puts a checkout nowhere else ("Repository path ... is not under ..."): a
  // folder outside the workspace is a mistake, or a way to read other files of the runner.
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new InputError('gitops', inputs.gitops, GITOPS_ACCEPTED, `${root} is outside the workspace ${workspace}`);
  }
  const folder = await stat(root).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new InputError(
      'gitops',
      inputs.gitops,
      GITOPS_ACCEPTED,
      folder ? 'it is not a folder' : `${root} does not exist`,
    );
  }
  const clients = actionRegistryClients(inputs, { access: 'pull' });
  const report = await verifyGitOps({ root, image: inputs.image, registry: await clients(inputs.registry) });
  const kinds = byKind(report.drift);
  setOutputs({ drift: !report.ok, kinds: [...kinds.keys()].join('\n'), json: report });
  for (const e of report.environments) {
    info(
      `${e.environment}: ${e.policy} picks ${e.pick ? `${e.pick.tag} ${e.pick.digest ?? ''}` : `nothing (${e.error ?? 'no pick'})`}`,
    );
    for (const m of e.markers) info(`  ${m.at} holds ${m.git}: ${m.agrees ? 'agrees' : 'differs'}`);
  }
  await writeSummary(summaryMarkdown(report, inputs.gitops));
  for (const [kind, found] of kinds) {
    failStep(
      `gitops-promote/verify: ${kind}`,
      `${kind} (${found.length}): ` +
        found
          .map((d) => `${d.environment ? `[${d.environment}] ` : ''}${d.at ? `${d.at}: ` : ''}${d.message}`)
          .join('; '),
    );
  }
  if (report.ok) info(`ok: Git holds what Flux picks in every environment of ${report.image}`);
}
