/**
 * The shapes of commit ids, digests and tags, written once and imported wherever one is checked
 * (issue 12 "one source per value"). Each is anchored and lowercase-only where the source of the
 * value writes lowercase (git, GitHub's API, the OCI digest grammar).
 */

/** A full commit id: 40 lowercase hex characters, as git and GitHub's API write a SHA-1 object name. */
export const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * A commit id or an abbreviation of one: 4 to 40 lowercase hex characters (git takes "a leading
 * substring that is unique within the repository" of at least 4, https://git-scm.com/docs/gitrevisions).
 */
export const COMMIT_PREFIX = /^[0-9a-f]{4,40}$/;

/**
 * A digest of the algorithms the OCI image spec registers, sha256 and sha512, in their canonical
 * lowercase hex of 64 and 128 characters
 * (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#registered-algorithms).
 */
export const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/**
 * A sha256 digest only: the digests the release model's own inputs name (a promotion's source, a
 * release's lineage), which every registry it targets computes with sha256.
 */
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The hex of a sha256 without its `sha256:` prefix, as some registries send Docker-Content-Digest. */
export const SHA256_HEX = /^[a-f0-9]{64}$/;

/**
 * A reference that is a digest rather than a tag, whatever its length: `sha256:` or `sha512:` and
 * lowercase hex. Loose on purpose: it only tells the two kinds of reference apart (a tag cannot
 * hold a colon), and a malformed digest is then refused by the registry or by DIGEST.
 */
export const DIGEST_REFERENCE = /^(sha256|sha512):([a-f0-9]+)$/;

/** A tag name by the distribution spec's grammar (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests). */
export const TAG_GRAMMAR = '[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}';
export const TAG = new RegExp(`^${TAG_GRAMMAR}$`);
