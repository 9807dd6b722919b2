import semver from 'semver';
import { InputError } from '../common/errors.js';
import { validateVersion } from './tags.js';

/** The prerelease suffix of the tag a bump leaves: `v1.2.4-next` sorts below `v1.2.4` in semver. */
export const DEFAULT_NEXT_SUFFIX = 'next';
export const DEFAULT_INITIAL_VERSION = '0.0.1';

const RELEASE_TAG = /^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
// semver 2.0.0 prerelease identifiers: numeric without leading zeros, or alphanumeric with a letter or '-'.
const SUFFIX = /^(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*$/;

/** GitHub's matching-refs API answers with full ref names. */
function tagName(tag: string): string {
  return tag.startsWith('refs/tags/') ? tag.slice('refs/tags/'.length) : tag;
}

function releaseVersion(tag: string): string | undefined {
  const name = tagName(tag);
  if (!RELEASE_TAG.test(name)) return undefined;
  const version = name.slice(1);
  // semver refuses numbers beyond Number.MAX_SAFE_INTEGER; such a tag cannot be compared.
  return semver.valid(version) === version ? version : undefined;
}

/** Exactly `vX.Y.Z` (or `refs/tags/vX.Y.Z`), no prerelease such as `-next`, no leading zeros. */
export function isReleaseTag(tag: string): boolean {
  return releaseVersion(tag) !== undefined;
}

/** Release versions (`X.Y.Z`, no `v`), highest first, compared as semver; duplicates removed. */
export function releaseVersions(tags: readonly string[]): string[] {
  const versions = new Set<string>();
  for (const tag of tags) {
    const v = releaseVersion(tag);
    if (v !== undefined) versions.add(v);
  }
  return [...versions].sort(semver.rcompare);
}

export function highestRelease(tags: readonly string[]): string | undefined {
  return releaseVersions(tags)[0];
}

/**
 * The longest next-version suffix: a label, not a text. With it the next-version tag
 * `v<X.Y.Z>-<suffix>` stays within 128 characters, the bound every tag the suite writes keeps (the
 * longest version is 50 characters, see MAX_ENVIRONMENT_LENGTH in tags.ts), so a 10 KB value
 * never becomes a 10 KB git tag.
 */
export const MAX_SUFFIX_LENGTH = 64;

export function validateSuffix(suffix: string, input = 'suffix'): string {
  if (SUFFIX.test(suffix) && suffix.length <= MAX_SUFFIX_LENGTH) return suffix;
  let reason: string | undefined;
  if (suffix === '') reason = 'it is empty';
  else if (SUFFIX.test(suffix)) reason = `it has ${suffix.length} characters, more than ${MAX_SUFFIX_LENGTH}`;
  throw new InputError(
    input,
    suffix,
    `a semver prerelease identifier of at most ${MAX_SUFFIX_LENGTH} characters: dot-separated [0-9A-Za-z-] identifiers, numeric ones without leading zeros, e.g. next`,
    reason,
  );
}

/** `v1.3.0-next` → `1.3.0`; `undefined` for any other tag. */
export function nextVersionTagVersion(tag: string, suffix = DEFAULT_NEXT_SUFFIX): string | undefined {
  const name = tagName(tag);
  const end = `-${suffix}`;
  if (!name.endsWith(end)) return undefined;
  return releaseVersion(name.slice(0, -end.length));
}

/**
 * The highest of: the patch after the highest release, any next-version tag's version, the initial
 * version. A next-version tag whose version has since been released loses to the patch after it.
 */
export function nextBuildVersion(opts: { tags: readonly string[]; initialVersion?: string; suffix?: string }): string {
  const suffix = validateSuffix(opts.suffix ?? DEFAULT_NEXT_SUFFIX);
  let best = validateVersion(opts.initialVersion ?? DEFAULT_INITIAL_VERSION, 'initial-version');
  const consider = (v: string | undefined | null): void => {
    if (v && semver.gt(v, best)) best = v;
  };
  const highest = highestRelease(opts.tags);
  if (highest !== undefined) consider(semver.inc(highest, 'patch'));
  for (const tag of opts.tags) consider(nextVersionTagVersion(tag, suffix));
  return best;
}

export type BumpLevel = 'patch' | 'minor' | 'major';
const BUMP_LEVELS: readonly BumpLevel[] = ['patch', 'minor', 'major'];

export function validateBumpLevel(level: string, input = 'level'): BumpLevel {
  if ((BUMP_LEVELS as readonly string[]).includes(level)) return level as BumpLevel;
  throw new InputError(input, level, BUMP_LEVELS.join(', '));
}

export function bumpVersion(version: string, level: BumpLevel): string {
  const v = validateVersion(version);
  const next = semver.inc(v, validateBumpLevel(level));
  if (next === null) throw new InputError('version', version, 'MAJOR.MINOR.PATCH that semver can increment');
  return next;
}

/** `1.2.4` → `v1.2.4-next`: a semver prerelease, so it sorts below the release it announces. */
export function nextVersionTag(version: string, suffix = DEFAULT_NEXT_SUFFIX): string {
  return `v${validateVersion(version)}-${validateSuffix(suffix)}`;
}

/** The highest release strictly below `version` (GitHub's `previous_tag_name`); never a `-next` tag. */
export function previousRelease(tags: readonly string[], version: string): string | undefined {
  const v = validateVersion(version);
  return releaseVersions(tags).find((r) => semver.lt(r, v));
}

/** Whether `version` is at or above every release, so its release may be marked latest. */
export function isHighestRelease(tags: readonly string[], version: string): boolean {
  const v = validateVersion(version);
  const highest = highestRelease(tags);
  return highest === undefined || semver.gte(v, highest);
}
