export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/**
 * Every type a retag must copy, all sent in `Accept`: an incomplete list makes registries answer
 * 404 or downgrade to schema 1 (Azure/acr #764, NotGlop/docker-drag #41, cue-labs/oci #22).
 */
export const MANIFEST_MEDIA_TYPES: readonly string[] = [OCI_INDEX, OCI_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST];

/** Schema 1 is signed over its JSON form and cannot be copied byte for byte into a modern registry. */
export const SCHEMA1_MEDIA_TYPES: readonly string[] = [
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
];

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isImageManifestMediaType(mediaType: string): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

/** `Content-Type` without parameters; registries SHOULD NOT add them and clients SHOULD ignore them (https://github.com/opencontainers/distribution-spec/blob/main/spec.md L162). */
export function baseMediaType(contentType: string | null | undefined): string | undefined {
  if (!contentType) return undefined;
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return base === '' ? undefined : base;
}
