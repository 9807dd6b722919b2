/**
 * The Flux image automation kit: the `image.toolkit.fluxcd.io/v1` objects of one application in the
 * GitOps repository's layout, with every pattern taken from the tagging library. API references:
 * https://fluxcd.io/flux/components/image/imagerepositories/,
 * https://fluxcd.io/flux/components/image/imagepolicies/,
 * https://fluxcd.io/flux/components/image/imageupdateautomations/ and
 * https://fluxcd.io/flux/components/source/gitrepositories/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Document, parseDocument, Scalar, YAMLSeq } from 'yaml';
import { InputError, RefusedError } from '../common/errors.js';
import type { FluxPolicy } from '../tagging/flux.js';
import { formatImageRef, parseImageRef } from '../tagging/image.js';
import { FLUX_EXTRACT, fluxPattern, validateEnvironment } from '../tagging/tags.js';
import { IMAGE_API_VERSION, SETTER_KEY } from './manifests.js';

export const DEFAULT_ENVIRONMENTS: readonly string[] = ['develop', 'staging', 'production'];
export const DEFAULT_KIT_NAMESPACE = 'flux-system';
/** The Secret `flux bootstrap` creates with the deploy key; it must allow pushes for the automation. */
export const DEFAULT_GIT_SECRET = 'flux-system';
export const DEFAULT_GIT_BRANCH = 'main';
/** The label the kit sets on each ImagePolicy: automations select their policy by it, verify names environments by it. */
export const ENVIRONMENT_LABEL = 'gitops-promote/environment';
const NAME_LABEL = 'app.kubernetes.io/name';
/** Shared by every application's automations, so the kit writes the same file for each. */
export const WRITE_BACK_REPOSITORY = 'image-automation';

export const BOOTSTRAP_DIR = 'flux/bootstrap/infrastructure/image-automation';
export const appDir = (name: string, env: string) => `flux/apps/${name}/${env}`;

/** Kubernetes object names and label values: an RFC 1123 label (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX = 63;
const DNS_LABEL_ACCEPTED = 'lowercase letters, digits and "-", starting and ending with a letter or digit';

export function validateKubernetesName(value: string, input: string, maxLength = DNS_LABEL_MAX): string {
  const accepted = `${DNS_LABEL_ACCEPTED}, at most ${maxLength} characters, e.g. backend`;
  if (value === '') throw new InputError(input, value, accepted, 'it is empty');
  if (value.length > maxLength) throw new InputError(input, value, accepted, `it has ${value.length} characters`);
  if (!DNS_LABEL.test(value)) {
    throw new InputError(
      input,
      value,
      accepted,
      /[A-Z]/.test(value) && DNS_LABEL.test(value.toLowerCase()) ? 'it has upper-case letters' : undefined,
    );
  }
  return value;
}

const GIT_URL_ACCEPTED =
  'the GitOps repository as Flux clones it: ssh://git@host/org/repo.git, https://host/org/repo.git, or git@host:org/repo.git (turned into the ssh:// form Flux requires); no password in it';

/**
 * Flux's GitRepository takes `http(s)://` and `ssh://` URLs only
 * (https://fluxcd.io/flux/components/source/gitrepositories/#url); the scp-like form git prints for
 * `git remote get-url` is rewritten. Credentials belong in the secret, never in Git.
 */
export function validateGitUrl(value: string, input = '--git-url'): string {
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/)(.+)$/.exec(value);
  const url = scp ? `ssh://${scp[1]}@${scp[2]}/${scp[3]}` : value;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(input, value, GIT_URL_ACCEPTED, value === '' ? 'it is empty' : 'it is not a URL');
  }
  if (!['ssh:', 'https:', 'http:'].includes(parsed.protocol)) {
    throw new InputError(input, value, GIT_URL_ACCEPTED, `Flux does not clone ${parsed.protocol}// URLs`);
  }
  if (parsed.password !== '') {
    const shown = new URL(url);
    shown.password = '***';
    throw new InputError(input, shown.href, GIT_URL_ACCEPTED, 'it holds a password; put credentials in the secret');
  }
  if (parsed.hostname === '' || parsed.pathname === '/' || parsed.pathname === '') {
    throw new InputError(input, value, GIT_URL_ACCEPTED, 'it names no repository path');
  }
  return url;
}

export interface KitOptions {
  /** the image name, without tag or digest */
  image: string;
  /** the application: object names, folder names, the Deployment and its container */
  name: string;
  namespace?: string;
  environments?: readonly string[];
  /** the GitOps repository the automations push to */
  gitUrl: string;
  gitBranch?: string;
  gitSecret?: string;
  /** a docker-registry Secret in `namespace` for a private image; none for a public one */
  registrySecret?: string;
  /**
   * Per environment, the tag the setter marker starts with: the tag the environment's policy picks
   * now, so that Git already agrees with Flux. Environments left out start at their alias tag.
   */
  currentTags?: Readonly<Record<string, string | undefined>>;
}

/**
 * `managed`: the kit's own object, compared on re-runs; `kustomization`: merged (the kit's entries
 * added to what is there); `scaffold`: the app's base, written only when absent and then the user's.
 */
export type KitFileMode = 'managed' | 'kustomization' | 'scaffold';

export interface KitFile {
  /** relative to the repository root, `/` separators */
  path: string;
  content: string;
  mode: KitFileMode;
}

interface ValidKit {
  image: string;
  name: string;
  namespace: string;
  environments: string[];
  gitUrl: string;
  gitBranch: string;
  gitSecret: string;
  registrySecret?: string;
  currentTags: Readonly<Record<string, string | undefined>>;
}

const GIT_BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]+$/;

function validateKit(opts: KitOptions): ValidKit {
  const ref = parseImageRef(opts.image, '--image');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError(
      '--image',
      opts.image,
      'an image name without tag or digest, e.g. ghcr.io/acme/backend',
      'the policies pick the tag',
    );
  }
  const environments = [...(opts.environments?.length ? opts.environments : DEFAULT_ENVIRONMENTS)].map((e) =>
    validateEnvironment(e, '--env'),
  );
  const longest = Math.max(...environments.map((e) => e.length));
  // `<name>-<env>` names each policy and automation and must itself be a label.
  const name = validateKubernetesName(opts.name, '--name', DNS_LABEL_MAX - 1 - longest);
  const namespace = validateKubernetesName(opts.namespace ?? DEFAULT_KIT_NAMESPACE, '--namespace');
  const gitBranch = opts.gitBranch ?? DEFAULT_GIT_BRANCH;
  if (!GIT_BRANCH.test(gitBranch)) {
    throw new InputError('--git-branch', gitBranch, 'a git branch name, e.g. main');
  }
  const gitSecret = validateKubernetesName(opts.gitSecret ?? DEFAULT_GIT_SECRET, '--git-secret');
  const registrySecret =
    opts.registrySecret !== undefined ? validateKubernetesName(opts.registrySecret, '--registry-secret') : undefined;
  return {
    image: formatImageRef(ref),
    name,
    namespace,
    environments: [...new Set(environments)],
    gitUrl: validateGitUrl(opts.gitUrl),
    gitBranch,
    gitSecret,
    ...(registrySecret ? { registrySecret } : {}),
    currentTags: opts.currentTags ?? {},
  };
}

/** Checks every option as `fluxKit` does and returns the environments the kit writes. */
export function kitEnvironments(options: KitOptions): string[] {
  return validateKit(options).environments;
}

export const policyName = (name: string, env: string) => `${name}-${env}`;

/** The selection each environment's ImagePolicy of the kit makes: the tag scheme's pattern, `$ts`, numerical ascending. */
export function kitPolicy(env: string): FluxPolicy & { pattern: string; extract: string; order: string } {
  return { pattern: fluxPattern(env), extract: FLUX_EXTRACT, policy: 'numerical', order: 'asc' };
}

/** The marker image-automation-controller rewrites: the full reference of the named policy. */
export function setterMarker(namespace: string, policy: string): string {
  return JSON.stringify({ [SETTER_KEY]: `${namespace}:${policy}` }).replace('":"', '": "');
}

function yamlText(value: unknown, edit?: (doc: Document) => void): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  edit?.(doc);
  return doc.toString({ lineWidth: 0 });
}

function quoted(doc: Document, path: (string | number)[]): void {
  const node = doc.getIn(path, true);
  if (node instanceof Scalar) node.type = Scalar.QUOTE_SINGLE;
}

function kustomization(resources: string[], patches: string[] = []): string {
  return yamlText({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
    ...(patches.length ? { patches: patches.map((path) => ({ path })) } : {}),
  });
}

/**
 * The kit's files for one application. Pure: what is on disk is `writeKit`'s business.
 *
 * One ImageUpdateAutomation per environment, each limited by `update.path` to its environment's
 * folder and by `policySelector` to its environment's policy, so each environment can be suspended
 * alone (the README's rollback path) and a run for develop never touches production's files.
 */
export function fluxKit(options: KitOptions): KitFile[] {
  const k = validateKit(options);
  const files: KitFile[] = [];
  const repositoryFile = `image-repository-${k.name}.yaml`;
  files.push({
    path: `${BOOTSTRAP_DIR}/${repositoryFile}`,
    mode: 'managed',
    content: yamlText({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageRepository',
      metadata: { name: k.name, namespace: k.namespace, labels: { [NAME_LABEL]: k.name } },
      spec: {
        image: k.image,
        interval: '5m',
        ...(k.registrySecret ? { secretRef: { name: k.registrySecret } } : {}),
      },
    }),
  });
  files.push({
    path: `${BOOTSTRAP_DIR}/git-repository.yaml`,
    mode: 'managed',
    content: yamlText({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: WRITE_BACK_REPOSITORY, namespace: k.namespace },
      spec: {
        interval: '5m',
        url: k.gitUrl,
        ref: { branch: k.gitBranch },
        secretRef: { name: k.gitSecret },
      },
    }),
  });
  files.push({
    path: `${BOOTSTRAP_DIR}/kustomization.yaml`,
    mode: 'kustomization',
    content: kustomization(['git-repository.yaml', repositoryFile]),
  });

  const base = `flux/apps/${k.name}/base`;
  const labels = { [NAME_LABEL]: k.name };
  files.push({
    path: `${base}/deployment.yaml`,
    mode: 'scaffold',
    content: yamlText({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: k.name, labels },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: k.name, image: k.image }] } },
      },
    }),
  });
  files.push({
    path: `${base}/kustomization.yaml`,
    mode: 'kustomization',
    content: kustomization(['deployment.yaml']),
  });

  for (const env of k.environments) {
    const dir = appDir(k.name, env);
    const policy = policyName(k.name, env);
    const policyLabels = { [NAME_LABEL]: k.name, [ENVIRONMENT_LABEL]: env };
    const selection = kitPolicy(env);
    files.push({
      path: `${dir}/image-policy.yaml`,
      mode: 'managed',
      content: yamlText(
        {
          apiVersion: IMAGE_API_VERSION,
          kind: 'ImagePolicy',
          metadata: { name: policy, namespace: k.namespace, labels: policyLabels },
          spec: {
            imageRepositoryRef: { name: k.name },
            filterTags: { pattern: selection.pattern, extract: selection.extract },
            policy: { [selection.policy]: { order: selection.order } },
          },
        },
        (doc) => {
          quoted(doc, ['spec', 'filterTags', 'pattern']);
          quoted(doc, ['spec', 'filterTags', 'extract']);
        },
      ),
    });
    files.push({
      path: `${dir}/image-update-automation.yaml`,
      mode: 'managed',
      content: yamlText({
        apiVersion: IMAGE_API_VERSION,
        kind: 'ImageUpdateAutomation',
        metadata: { name: policy, namespace: k.namespace, labels: policyLabels },
        spec: {
          interval: '30m',
          sourceRef: { kind: 'GitRepository', name: WRITE_BACK_REPOSITORY },
          git: {
            checkout: { ref: { branch: k.gitBranch } },
            commit: {
              author: { name: 'fluxcdbot', email: 'fluxcdbot@users.noreply.github.com' },
              // `.Changed.Changes` is the template data of image-automation-controller v1 (`Updated` was removed).
              messageTemplate: `Deploy ${k.name} to ${env}\n\n{{ range .Changed.Changes -}}\n- {{ .OldValue }} -> {{ .NewValue }}\n{{ end -}}\n`,
            },
            push: { branch: k.gitBranch },
          },
          update: { strategy: 'Setters', path: `./${dir}` },
          policySelector: { matchLabels: policyLabels },
        },
      }),
    });
    const tag = k.currentTags[env] ?? env;
    files.push({
      path: `${dir}/deployment-image.yaml`,
      mode: 'managed',
      content: yamlText(
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: k.name },
          spec: { template: { spec: { containers: [{ name: k.name, image: `${k.image}:${tag}` }] } } },
        },
        (doc) => {
          const node = doc.getIn(['spec', 'template', 'spec', 'containers', 0, 'image'], true);
          if (node instanceof Scalar) node.comment = ` ${setterMarker(k.namespace, policy)}`;
        },
      ),
    });
    files.push({
      path: `${dir}/kustomization.yaml`,
      mode: 'kustomization',
      content: kustomization(
        ['../base', 'image-policy.yaml', 'image-update-automation.yaml'],
        ['deployment-image.yaml'],
      ),
    });
  }
  return files;
}

/** The files as one YAML stream, each headed by its path: what `flux` prints without `--out`. */
export function formatKit(files: readonly KitFile[]): string {
  return files.map((f) => `---\n# ${f.path}\n${f.content}`).join('');
}

export type KitFileState = 'created' | 'unchanged' | 'overwritten' | 'merged' | 'kept';

export interface KitWrite {
  path: string;
  state: KitFileState;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Adds the kit's `resources` and `patches` entries to an existing kustomization.yaml, keeping the
 * rest (other applications' entries, the user's comments). `undefined` when it cannot be read as a
 * kustomization, so the caller treats it as a differing file.
 */
function mergeKustomization(existing: string, ours: string): string | undefined {
  const doc = parseDocument(existing);
  if (doc.errors.length) return undefined;
  const wanted = parseDocument(ours).toJS() as { resources?: string[]; patches?: { path: string }[] };
  const contents = doc.toJS() as unknown;
  if (!contents || typeof contents !== 'object' || Array.isArray(contents)) return undefined;
  const addTo = (key: string, entries: unknown[], same: (a: unknown, b: unknown) => boolean): boolean => {
    if (entries.length === 0) return true;
    let seq = doc.get(key, true);
    if (seq === undefined || seq === null) {
      doc.set(key, new YAMLSeq());
      seq = doc.get(key, true);
    }
    if (!(seq instanceof YAMLSeq)) return false;
    const have = (seq.toJSON() as unknown[]) ?? [];
    for (const entry of entries) if (!have.some((h) => same(h, entry))) seq.add(doc.createNode(entry));
    return true;
  };
  const samePatch = (a: unknown, b: unknown) =>
    typeof a === 'object' && a !== null && (a as { path?: unknown }).path === (b as { path: string }).path;
  if (!addTo('resources', wanted.resources ?? [], (a, b) => a === b)) return undefined;
  if (!addTo('patches', wanted.patches ?? [], samePatch)) return undefined;
  return doc.toString({ lineWidth: 0 });
}

/** The scalar before a setter marker: the value image-automation-controller owns once the kit is in Git. */
const MARKED_VALUE = /(:[ \t]+)[^\s#][^#\n]*?([ \t]+#[ \t]*\{"\$imagepolicy")/g;

/** Equal but for the values of setter markers, which Flux moves after every new pick. */
function sameButMarkerValues(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(MARKED_VALUE, '$1<marker>$2');
  return a.includes('"$imagepolicy"') && strip(a) === strip(b);
}

/**
 * Writes the kit below `root`. A setter marker's value is Flux's once written: a file that differs
 * only there counts as unchanged and keeps Flux's value. A managed file that exists with other content is refused unless
 * `force`, and then nothing at all is written: the check runs over every file first.
 */
export async function writeKit(
  root: string,
  files: readonly KitFile[],
  opts: { force?: boolean } = {},
): Promise<KitWrite[]> {
  const plan: { file: KitFile; state: KitFileState; content: string }[] = [];
  const differing: string[] = [];
  for (const file of files) {
    const existing = await readIfPresent(join(root, file.path));
    if (existing === undefined) {
      plan.push({ file, state: 'created', content: file.content });
    } else if (existing === file.content || sameButMarkerValues(existing, file.content)) {
      plan.push({ file, state: 'unchanged', content: existing });
    } else if (file.mode === 'scaffold') {
      plan.push({ file, state: 'kept', content: existing });
    } else {
      const merged = file.mode === 'kustomization' ? mergeKustomization(existing, file.content) : undefined;
      if (merged !== undefined) {
        plan.push({ file, state: merged === existing ? 'unchanged' : 'merged', content: merged });
      } else {
        differing.push(file.path);
        plan.push({ file, state: 'overwritten', content: file.content });
      }
    }
  }
  if (differing.length && !opts.force) {
    throw new RefusedError(
      `${differing.length} file${differing.length > 1 ? 's' : ''} of the kit already exist${differing.length > 1 ? '' : 's'} with other content: ${differing.join(', ')}. Nothing was written. Compare them with the kit (run without --out to print it), or run again with --force to overwrite them.`,
    );
  }
  for (const p of plan) {
    if (p.state === 'unchanged' || p.state === 'kept') continue;
    const path = join(root, p.file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, p.content);
  }
  return plan.map((p) => ({ path: p.file.path, state: p.state }));
}
