import { hasControl, InputError, quoteValue } from '../common/errors.js';
import { sortedByKey } from './labels.js';

/**
 * OCI annotations in the form docker/build-push-action hands to buildx, one `--annotation` a line:
 * `<levels>:<key>=<value>`, where levels is a comma-separated list of `manifest`, `index`,
 * `manifest-descriptor` and `index-descriptor`, each with an optional platform in square brackets.
 * That is the grammar of buildx's ParseAnnotations
 * (https://github.com/docker/buildx/blob/461836ba0fcb3e847dab6045a726889faa150bdb/util/buildflags/export.go#L166-L232)
 * and what docker/metadata-action writes with DOCKER_METADATA_ANNOTATIONS_LEVELS: one line per level
 * per key, the levels in the order given, the keys sorted
 * (https://github.com/docker/metadata-action/blob/dc802804100637a589fabce1cb79ff13a1411302/src/main.ts#L72-L87).
 *
 * Without a level buildx annotates each platform's manifest only; GHCR reads a multi-platform image's
 * description from its index
 * (https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry#adding-a-description-to-multi-arch-images),
 * hence our default `manifest,index` (metadata-action's own default is `manifest`; its README shows
 * `manifest,index` for multi-platform images).
 */

/** The annotation types buildkit knows (exporter/containerimage/exptypes/annotations.go). */
export const ANNOTATION_TYPES = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

/** The `annotation-levels` default: every platform's manifest and the index. */
export const DEFAULT_ANNOTATION_LEVELS = 'manifest,index';

export const LEVELS_ACCEPTED =
  'manifest, index, manifest-descriptor or index-descriptor, separated by commas or new lines; ' +
  'manifest and manifest-descriptor may name a platform, e.g. manifest[linux/amd64]';

/** More levels than types times a few platforms is a mistake, not a build. */
export const MAX_LEVELS = 16;
/** Lines of the `labels` or `annotations` input. */
export const MAX_ENTRIES = 100;
export const MAX_KEY_CHARACTERS = 256;
export const MAX_VALUE_CHARACTERS = 4096;

/** buildx's annotationTypeRegexp: a type, then an optional platform in square brackets. */
const LEVEL = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/;
/**
 * `os/arch` or `os/arch/variant`. containerd's platforms.Parse would also take a lone `linux` or
 * `amd64` and fill in the rest from the machine that runs the build
 * (https://github.com/containerd/platforms/blob/v1.0.0-rc.4/platforms.go): a build for another
 * platform would then annotate the wrong manifest, so both parts are asked for.
 */
const PLATFORM = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)?$/;

function isLevel(text: string): boolean {
  const match = LEVEL.exec(text);
  return match !== null && (ANNOTATION_TYPES as readonly string[]).includes(match[1]!);
}

/**
 * One level, checked: `manifest`, `index`, `manifest[linux/arm64]`... (returned as written). An
 * error names `input` and quotes `shown` (the level itself, or the whole line it came in).
 */
export function parseAnnotationLevel(
  level: string,
  input = 'annotation-levels',
  shown = level,
  accepted = LEVELS_ACCEPTED,
): string {
  const fail = (reason: string) => new InputError(input, shown, accepted, reason);
  const match = LEVEL.exec(level);
  if (!match) {
    throw fail(
      /^[a-z-]+\[/.test(level)
        ? 'a platform is os/arch or os/arch/variant in square brackets, e.g. manifest[linux/amd64]'
        : level
          ? 'not a level'
          : 'the level is empty',
    );
  }
  const [, type, platform] = match;
  if (!(ANNOTATION_TYPES as readonly string[]).includes(type!)) throw fail(`unknown level ${quoteValue(type!, 40)}`);
  if (platform !== undefined) {
    if (type === 'index' || type === 'index-descriptor') {
      // buildkit writes one index for all platforms and drops the qualifier (AnnotationKey.String).
      throw fail(`${type} is one for every platform: a platform applies to manifest and manifest-descriptor only`);
    }
    if (!PLATFORM.test(platform)) {
      throw fail(
        `a platform names the OS and the architecture, e.g. linux/amd64 or linux/arm/v7 (buildx would take the rest of ${JSON.stringify(platform)} from the machine that runs the build)`,
      );
    }
  }
  return level;
}

/**
 * The `annotation-levels` input: levels separated by commas or new lines (or already split, as an
 * action's list input is), each once, in the order given.
 */
export function parseAnnotationLevels(value: string | readonly string[], input = 'annotation-levels'): string[] {
  const items = typeof value === 'string' ? value.split(/[\n,]/) : value;
  const levels: string[] = [];
  for (const item of items) {
    const level = item.trim();
    if (!level || level.startsWith('#')) continue;
    parseAnnotationLevel(level, input);
    if (!levels.includes(level)) levels.push(level);
  }
  const shown = typeof value === 'string' ? value : value.join(',');
  if (levels.length === 0) throw new InputError(input, shown, LEVELS_ACCEPTED, 'no level is given');
  if (levels.length > MAX_LEVELS) {
    throw new InputError(input, shown, `at most ${MAX_LEVELS} levels: ${LEVELS_ACCEPTED}`, `${levels.length} levels`);
  }
  return levels;
}

/** One line of the `labels` or `annotations` input. */
export interface MetadataEntry {
  key: string;
  value: string;
  /** annotations only: the levels the line names (`index:key=value`); absent, every level of annotation-levels */
  levels?: string[];
}

const KEY_RULE =
  'a key of ASCII letters, digits and punctuation other than = : , and " ' +
  `(reverse domain notation, e.g. org.opencontainers.image.vendor), at most ${MAX_KEY_CHARACTERS} characters`;
const VALUE_RULE = `a value without control characters, at most ${MAX_VALUE_CHARACTERS} characters`;

export function metadataAccepted(input: 'labels' | 'annotations'): string {
  return input === 'labels'
    ? `key=value, one a line: ${KEY_RULE}; ${VALUE_RULE} (e.g. org.opencontainers.image.vendor=Acme)`
    : `key=value or levels:key=value, one a line (levels as in annotation-levels: ${LEVELS_ACCEPTED}): ${KEY_RULE}; ${VALUE_RULE} (e.g. index:org.opencontainers.image.description=Backend)`;
}

/**
 * Why this value would not reach buildx as written, or undefined. docker/build-push-action reads
 * its `labels` and `annotations` inputs as CSV records (actions-toolkit's Util.getList over csv-parse,
 * https://github.com/docker/actions-toolkit/blob/3d440bee38d031fd98202e75014415cfc605cf84/src/util.ts#L38-L66):
 * a field that starts with `"` is a quoted field, so after a comma a `"` loses its quotes, and an
 * unclosed one fails the whole step ("Quote Not Closed").
 */
export function csvHazard(value: string): string | undefined {
  return value.includes(',"')
    ? 'a comma followed by a double quote: docker/build-push-action reads these inputs as CSV and would drop the quotes, or fail on an unclosed one (write ", \\"" with a space)'
    : undefined;
}

function checkKey(key: string, input: 'labels' | 'annotations', line: string): string {
  const fail = (reason: string) => new InputError(input, line, metadataAccepted(input), reason);
  if (!key) throw fail('the key is empty');
  if ([...key].length > MAX_KEY_CHARACTERS) throw fail(`the key has ${[...key].length} characters`);
  if (input === 'labels' && key.includes(':')) {
    const prefix = key.slice(0, key.indexOf(':'));
    if (prefix.split(',').every((l) => isLevel(l.trim())))
      throw fail(`${JSON.stringify(prefix)} is a level: levels apply to annotations, labels have none`);
  }
  const bad = [...key].find((c) => !/^[!-~]$/.test(c) || '=:,"'.includes(c));
  if (bad !== undefined) {
    const what = /^\s$/.test(bad)
      ? 'white space'
      : hasControl(bad)
        ? 'a control character'
        : /^[!-~]$/.test(bad)
          ? JSON.stringify(bad)
          : `the non-ASCII character ${JSON.stringify(bad)}`;
    throw fail(`the key ${JSON.stringify(key)} has ${what}`);
  }
  return key;
}

function checkValue(value: string, input: 'labels' | 'annotations', line: string): string {
  const fail = (reason: string) => new InputError(input, line, metadataAccepted(input), reason);
  const length = [...value].length;
  if (length > MAX_VALUE_CHARACTERS) throw fail(`the value has ${length} characters`);
  if (hasControl(value)) throw fail('the value has a control character');
  const hazard = csvHazard(value);
  if (hazard) throw fail(hazard);
  return value;
}

/**
 * The `labels` or `annotations` input: key=value one a line (a value may hold `=` and commas), blank
 * lines and `#` comments skipped; an annotation may start with its own levels, as buildx reads them
 * (`index:key=value`, `manifest,index:key=value`). Later lines win over earlier ones and over the
 * computed keys.
 */
export function parseMetadataInput(value: string | undefined, input: 'labels' | 'annotations'): MetadataEntry[] {
  if (!value) return [];
  const lines = value
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines.length > MAX_ENTRIES) {
    throw new InputError(
      input,
      value,
      `at most ${MAX_ENTRIES} lines of ${metadataAccepted(input)}`,
      `${lines.length} lines`,
    );
  }
  return lines.map((line) => {
    const eq = line.indexOf('=');
    if (eq < 0) throw new InputError(input, line, metadataAccepted(input), 'there is no "="');
    let name = line.slice(0, eq);
    let levels: string[] | undefined;
    const colon = name.indexOf(':');
    if (input === 'annotations' && colon >= 0) {
      levels = [];
      for (const part of name.slice(0, colon).split(',')) {
        const level = parseAnnotationLevel(part.trim(), input, line, metadataAccepted(input));
        if (!levels.includes(level)) levels.push(level);
      }
      name = name.slice(colon + 1);
    }
    const entry: MetadataEntry = {
      key: checkKey(name.trim(), input, line),
      value: checkValue(line.slice(eq + 1), input, line),
    };
    if (levels) entry.levels = levels;
    return entry;
  });
}

export interface ImageMetadataRequest {
  /** the build's own labels (labels.ts imageLabels) */
  computed: Record<string, string>;
  /** description and licenses from the repository (labels.ts repositoryLabels): over the computed keys */
  repository?: Record<string, string>;
  /** the `annotation-levels` input, parsed */
  levels: readonly string[];
  /** the `labels` input: over everything else */
  labels?: readonly MetadataEntry[];
  /** the `annotations` input: over everything else, at the levels each line names or at every level */
  annotations?: readonly MetadataEntry[];
}

export interface ImageMetadata {
  labels: Record<string, string>;
  /** `<level>:<key>=<value>`, level by level, keys sorted within a level */
  annotations: string[];
}

/**
 * The `labels` and `annotations` outputs. Annotations get the computed and repository keys at every
 * level of `levels`; a line of the `annotations` input without levels applies at each of those, one
 * with levels at those only (a level not in `levels` then carries that line alone, after the others).
 */
export function imageMetadata(req: ImageMetadataRequest): ImageMetadata {
  const base = { ...req.computed, ...req.repository };
  const labels = { ...base };
  for (const e of req.labels ?? []) labels[e.key] = e.value;

  const entries = req.annotations ?? [];
  const levels = [...req.levels];
  for (const e of entries) for (const l of e.levels ?? []) if (!levels.includes(l)) levels.push(l);
  const annotations: string[] = [];
  for (const level of levels) {
    const configured = req.levels.includes(level);
    const map: Record<string, string> = configured ? { ...base } : {};
    for (const e of entries) {
      if (e.levels ? e.levels.includes(level) : configured) map[e.key] = e.value;
    }
    for (const [k, v] of Object.entries(sortedByKey(map))) annotations.push(`${level}:${k}=${v}`);
  }
  return { labels: sortedByKey(labels), annotations };
}
