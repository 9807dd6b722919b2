export { RegistryClient, RegistryError, digestOf, imageRevisionLabel, MAX_MANIFEST_BYTES } from './client.js';
export type { Manifest, RegistryClientOptions, ListTagsOptions } from './client.js';
export { resolveCredentials, anonymous } from './credentials.js';
export type { Credentials, CredentialSource, ResolveCredentialsOptions } from './credentials.js';
export { parseWwwAuthenticate, realmProblem, isLoopbackHost } from './auth.js';
export type { AuthChallenge } from './auth.js';
export {
  MANIFEST_MEDIA_TYPES,
  SCHEMA1_MEDIA_TYPES,
  OCI_INDEX,
  OCI_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST,
  isIndexMediaType,
  isImageManifestMediaType,
} from './media-types.js';
