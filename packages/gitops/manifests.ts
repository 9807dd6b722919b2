/**
 * Reading a GitOps repository as Flux's controllers read it: the image automation objects
 * (`image.toolkit.fluxcd.io`) and the setter markers that image-automation-controller rewrites.
 * Sources: https://fluxcd.io/flux/components/image/ and
 * https://github.com/fluxcd/image-automation-controller/blob/main/internal/update/setters.go.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { isMap, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import type { FluxPolicyKind } from '../tagging/flux.js';

/** The API group of ImageRepository, ImagePolicy and ImageUpdateAutomation. */
export const IMAGE_API_GROUP = 'image.toolkit.fluxcd.io';
/** The only version image-reflector-controller and image-automation-controller serve since v1.2.0. */
export const IMAGE_API_VERSION = `${IMAGE_API_GROUP}/v1`;
/** The key of a setter marker (image-automation-controller `internal/constants/constants.go`). */
export const SETTER_KEY = '$imagepolicy';
/**
 * image-automation-controller parses only files that contain the key with its quotes
 * (`internal/update/filereader.go`); the same screen keeps other YAML (Helm templates) unread here.
 */
const SETTER_SCREEN = JSON.stringify(SETTER_KEY);

/**
 * Where an object whose manifest names no namespace is assumed to live when no kustomization.yaml of
 * its folder sets one: Flux's own objects live in `flux-system` (https://fluxcd.io/flux/installation/).
 */
export const DEFAULT_NAMESPACE = 'flux-system';

export interface SourcePosition {
  /** relative to the repository root, with `/` separators */
  file: string;
  /** 1-based */
  line: number;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  apiVersion: string;
  at: SourcePosition;
}

export interface ImageRepositoryManifest extends ObjectMeta {
  kind: 'ImageRepository';
  image: string;
  suspend: boolean;
}

/** `spec.policy` as Flux reads it; `invalid` when no choice or several are set. */
export type PolicyChoice = { kind: FluxPolicyKind; order?: string; range?: string } | { invalid: string };

export interface ImagePolicyManifest extends ObjectMeta {
  kind: 'ImagePolicy';
  repositoryRef: { name: string; namespace: string };
  /** `spec.filterTags`: absent when the policy has none (Flux then sees the tag list directly) */
  filterTags?: { pattern: string; extract: string };
  policy: PolicyChoice;
  digestReflectionPolicy: 'Never' | 'IfNotPresent' | 'Always';
  suspend: boolean;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface StatusCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface ImageUpdateAutomationManifest extends ObjectMeta {
  kind: 'ImageUpdateAutomation';
  /** `spec.update.path` normalised relative to the repository root: `''` for the root */
  path: string;
  policySelector?: LabelSelector;
  suspend: boolean;
  /** `status.conditions`, when a manifest carries them (an export of the cluster's objects) */
  conditions: StatusCondition[];
}

export type SetterForm = 'image' | 'tag' | 'name' | 'digest';

/** One `# {"$imagepolicy": "ns:name[:tag|:name|:digest]"}` line comment on a scalar. */
export interface SetterMarker {
  at: SourcePosition;
  /** the marker's value as written, e.g. `flux-system:backend-production:tag` */
  setter: string;
  /** undefined when the value is not `namespace:name` with an optional known suffix */
  policy?: { namespace: string; name: string };
  form: SetterForm;
  /** the scalar the marker sits on: what Git holds */
  value: string;
}

export interface ManifestProblem {
  at: SourcePosition;
  message: string;
}

export interface GitOpsManifests {
  repositories: ImageRepositoryManifest[];
  policies: ImagePolicyManifest[];
  automations: ImageUpdateAutomationManifest[];
  markers: SetterMarker[];
  /** YAML that does not parse, image objects Flux would refuse: reported, never thrown */
  problems: ManifestProblem[];
}

const SUFFIXES: readonly SetterForm[] = ['tag', 'name', 'digest'];

/**
 * A marker's value as image-automation-controller defines its setters: `<namespace>:<name>` for
 * the whole reference and `<namespace>:<name>:tag|name|digest` for one part
 * (https://github.com/fluxcd/image-automation-controller/blob/main/internal/update/setters.go).
 */
export function parseSetter(setter: string): { policy?: { namespace: string; name: string }; form: SetterForm } {
  const parts = setter.split(':');
  if (parts.length === 2 && parts[0] && parts[1])
    return { policy: { namespace: parts[0], name: parts[1] }, form: 'image' };
  if (parts.length === 3 && parts[0] && parts[1] && (SUFFIXES as string[]).includes(parts[2]!)) {
    return { policy: { namespace: parts[0], name: parts[1] }, form: parts[2] as SetterForm };
  }
  return { form: 'image' };
}

/** The JSON of a line comment when it is a setter marker (kyaml reads the comment as JSON). */
function markerOf(comment: string): string | undefined {
  const first = comment.split('\n')[0]!.trim();
  if (!first.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(first);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const setter = (value as Record<string, unknown>)[SETTER_KEY];
      if (typeof setter === 'string') return setter;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(record(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** `./flux/apps/x/` → `flux/apps/x`; `./` or none → `''`. */
export function normalizeUpdatePath(path: string | undefined): string {
  const normal = posix.normalize(`/${path ?? ''}`).replace(/^\/+|\/+$/g, '');
  return normal === '.' ? '' : normal;
}

function documentLine(doc: Document, lines: LineCounter): number {
  const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  return lines.linePos(start).line;
}

/**
 * The image objects and setter markers of one YAML file (every document of it). `defaultNamespace`
 * is the namespace for objects whose metadata names none.
 */
export function parseManifests(text: string, file: string, defaultNamespace = DEFAULT_NAMESPACE): GitOpsManifests {
  const out: GitOpsManifests = { repositories: [], policies: [], automations: [], markers: [], problems: [] };
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false });
  if (!Array.isArray(docs)) return out; // an empty stream
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const error = doc.errors[0]!;
      out.problems.push({ at: { file, line: lines.linePos(error.pos[0]).line }, message: `YAML: ${error.message}` });
      continue;
    }
    visit(doc, {
      Scalar(_key, node) {
        if (!node.comment || node.range === undefined || node.range === null) return;
        const setter = markerOf(node.comment);
        if (setter === undefined) return;
        const value = node.value === null || node.value === undefined ? '' : String(node.value);
        out.markers.push({
          at: { file, line: lines.linePos(node.range[0]).line },
          setter,
          value,
          ...parseSetter(setter),
        });
      },
    });
    if (!isMap(doc.contents)) continue;
    const obj = record(doc.toJS());
    const apiVersion = str(obj.apiVersion) ?? '';
    if (!apiVersion.startsWith(`${IMAGE_API_GROUP}/`)) continue;
    const at = { file, line: documentLine(doc, lines) };
    const metadata = record(obj.metadata);
    const name = str(metadata.name);
    const kind = str(obj.kind);
    if (!name) {
      out.problems.push({ at, message: `${kind ?? 'an object'} of ${apiVersion} has no metadata.name` });
      continue;
    }
    const meta: ObjectMeta = {
      name,
      namespace: str(metadata.namespace) || defaultNamespace,
      labels: stringMap(metadata.labels),
      apiVersion,
      at,
    };
    const spec = record(obj.spec);
    const suspend = spec.suspend === true;
    if (kind === 'ImageRepository') {
      out.repositories.push({ ...meta, kind, image: str(spec.image) ?? '', suspend });
    } else if (kind === 'ImagePolicy') {
      out.policies.push(policyOf(meta, spec));
    } else if (kind === 'ImageUpdateAutomation') {
      const update = record(spec.update);
      const selector = record(spec.policySelector);
      const status = record(obj.status);
      out.automations.push({
        ...meta,
        kind,
        path: normalizeUpdatePath(str(update.path)),
        suspend,
        ...(Object.keys(selector).length ? { policySelector: selector as LabelSelector } : {}),
        conditions: (Array.isArray(status.conditions) ? status.conditions : [])
          .map(record)
          .filter((c) => typeof c.type === 'string' && typeof c.status === 'string')
          .map((c) => ({
            type: c.type as string,
            status: c.status as string,
            ...(str(c.reason) ? { reason: str(c.reason) } : {}),
            ...(str(c.message) ? { message: str(c.message) } : {}),
          })),
      });
    }
  }
  return out;
}

/** `spec` of an ImagePolicy (https://github.com/fluxcd/image-reflector-controller/blob/main/api/v1/imagepolicy_types.go). */
function policyOf(meta: ObjectMeta, spec: Record<string, unknown>): ImagePolicyManifest {
  const ref = record(spec.imageRepositoryRef);
  const choice = record(spec.policy);
  const set = (['numerical', 'alphabetical', 'semver'] as const).filter((k) => choice[k] !== undefined);
  let policy: PolicyChoice;
  if (set.length !== 1) {
    policy = {
      invalid:
        set.length === 0
          ? 'spec.policy sets none of numerical, alphabetical, semver'
          : `spec.policy sets ${set.join(' and ')}; Flux takes exactly one`,
    };
  } else {
    const kind = set[0]!;
    const body = record(choice[kind]);
    policy =
      kind === 'semver'
        ? { kind, ...(str(body.range) !== undefined ? { range: str(body.range) } : {}) }
        : { kind, ...(str(body.order) !== undefined ? { order: str(body.order) } : {}) };
  }
  const filter = spec.filterTags === undefined || spec.filterTags === null ? undefined : record(spec.filterTags);
  const reflection = str(spec.digestReflectionPolicy);
  return {
    ...meta,
    kind: 'ImagePolicy',
    repositoryRef: { name: str(ref.name) ?? '', namespace: str(ref.namespace) || meta.namespace },
    ...(filter ? { filterTags: { pattern: str(filter.pattern) ?? '', extract: str(filter.extract) ?? '' } } : {}),
    policy,
    digestReflectionPolicy: reflection === 'Always' || reflection === 'IfNotPresent' ? reflection : 'Never',
    suspend: spec.suspend === true,
  };
}

function isYamlFile(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}

/** The `namespace:` a kustomization.yaml in `dir` sets for the objects it lists, if any. */
async function kustomizationNamespace(dir: string): Promise<string | undefined> {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    let text: string;
    try {
      text = await readFile(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length === 0 || docs[0]!.errors.length) return undefined;
    const ns = docs[0]!.get('namespace');
    return typeof ns === 'string' && ns !== '' ? ns : undefined;
  }
  return undefined;
}

/**
 * Every YAML file below `root` (hidden folders such as `.git` and `node_modules` skipped) that holds
 * an image automation object or a setter marker, parsed. Files are read in path order so the result
 * does not depend on the file system.
 */
export async function readGitOpsRepository(root: string): Promise<GitOpsManifests> {
  const out: GitOpsManifests = { repositories: [], policies: [], automations: [], markers: [], problems: [] };
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    let namespace: Promise<string | undefined> | undefined;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(path);
        continue;
      }
      if (!entry.isFile() || !isYamlFile(entry.name)) continue;
      const text = await readFile(path, 'utf8');
      if (!text.includes(SETTER_SCREEN) && !text.includes(`${IMAGE_API_GROUP}/`)) continue;
      namespace ??= kustomizationNamespace(dir);
      const file = relative(root, path).split(sep).join('/');
      const found = parseManifests(text, file, (await namespace) ?? DEFAULT_NAMESPACE);
      out.repositories.push(...found.repositories);
      out.policies.push(...found.policies);
      out.automations.push(...found.automations);
      out.markers.push(...found.markers);
      out.problems.push(...found.problems);
    }
  };
  await walk(root);
  return out;
}

/** Kubernetes label selector semantics (`matchLabels` and `matchExpressions`, ANDed). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a file (relative to the root) lies below an automation's `spec.update.path`. */
export function pathCovers(updatePath: string, file: string): boolean {
  return updatePath === '' || file === updatePath || file.startsWith(`${updatePath}/`);
}
