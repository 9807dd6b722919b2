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
  return Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function formatKeyValues(map: Record<string, string>, prefix = ''): string {
  return Object.entries(map)
    .map(([k, v]) => `${prefix}${k}=${v}`)
    .join('\n');
}
