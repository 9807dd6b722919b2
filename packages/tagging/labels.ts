/**
 * OCI labels and annotations for a build (docker/build-push-action takes them one a line as
 * key=value). `revision` carries the full commit: promotion cross-checks it (docs/promotion.md).
 */
export interface BuildMetadata {
  version: string;
  commit: string;
  timestamp: number;
  repository?: string;
  serverUrl?: string;
}

export function imageLabels(meta: BuildMetadata): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.created': new Date(meta.timestamp * 1000).toISOString(),
    'org.opencontainers.image.revision': meta.commit,
  };
  if (meta.repository) {
    const url = `${(meta.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${meta.repository}`;
    labels['org.opencontainers.image.source'] = url;
    labels['org.opencontainers.image.title'] = meta.repository.split('/').pop() ?? meta.repository;
    labels['org.opencontainers.image.url'] = url;
  }
  labels['org.opencontainers.image.version'] = meta.version;
  return sortedByKey(labels);
}

/** The same entries, keys in byte order (the order of the `labels` output and of each annotation level). */
export function sortedByKey(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function formatKeyValues(map: Record<string, string>, prefix = ''): string {
  return Object.entries(map)
    .map(([k, v]) => `${prefix}${k}=${v}`)
    .join('\n');
}

/**
 * GHCR shows a description of up to 512 characters and a license of up to 256
 * (https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry#labelling-container-images).
 */
export const MAX_DESCRIPTION_CHARACTERS = 512;
export const MAX_LICENSES_CHARACTERS = 256;

/** C0, DEL, C1 and the Unicode line and paragraph separators. */
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A repository's description as a label value: each run of control characters (a new line, a tab)
 * becomes one space, a comma directly before a double quote gets a space (docker/build-push-action
 * reads its inputs as CSV: annotations.ts csvHazard), and a text longer than GHCR shows is cut at a
 * code point, ending in `…`. Empty when nothing is left.
 */
export function cleanDescription(text: string, max = MAX_DESCRIPTION_CHARACTERS): string {
  const clean = text.replace(CONTROL_RUN, ' ').replaceAll(',"', ', "').trim();
  const chars = [...clean];
  if (chars.length <= max) return clean;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** What GitHub's API says of a repository (GET /repos/{owner}/{repo}: `description`, `license.spdx_id`). */
export interface RepositoryFacts {
  description?: string | null;
  spdxId?: string | null;
}

/**
 * `org.opencontainers.image.description` and `.licenses` from the repository, as docker/metadata-action
 * takes them (src/meta.ts getOCIAnnotationsWithCustoms). A key is left out rather than written empty:
 * GitHub's `NOASSERTION` (a license file it could not identify) is not a license, and an SPDX
 * identifier too long for GHCR is not cut into another one.
 */
export function repositoryLabels(facts: RepositoryFacts): Record<string, string> {
  const labels: Record<string, string> = {};
  const description = cleanDescription(facts.description ?? '');
  if (description) labels['org.opencontainers.image.description'] = description;
  const spdx = (facts.spdxId ?? '').replace(CONTROL_RUN, '').trim();
  if (spdx && spdx !== 'NOASSERTION' && [...spdx].length <= MAX_LICENSES_CHARACTERS && !spdx.includes(',"')) {
    labels['org.opencontainers.image.licenses'] = spdx;
  }
  return labels;
}
