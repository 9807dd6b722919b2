export {
  RegistryClient,
  RegistryError,
  RegistryPermissionError,
  TagImmutableError,
  digestOf,
  imageRevisionLabel,
  MAX_MANIFEST_BYTES,
} from './client.js';
export type { Manifest, RegistryClientOptions, ListTagsOptions, ImmutableRegistryKind } from './client.js';
export { RequestTimeoutError } from '../common/http.js';
export {
  createHttpTransport,
  httpTransport,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
} from './transport.js';
export type { TransportOptions } from './transport.js';
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
export { ImageCopier, emptyStats, addStats } from './copy.js';
export type { CopyOptions, CopyStats, RepositoryEnd } from './copy.js';
export { referrersTag, indexDescriptors } from './client.js';
export type { ReferrerDescriptor } from './client.js';
