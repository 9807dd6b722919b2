import { describe, expect, it } from '@jest/globals';
import {
  bumpVersion,
  highestRelease,
  isHighestRelease,
  isReleaseTag,
  nextBuildVersion,
  nextVersionTag,
  nextVersionTagVersion,
  previousRelease,
  releaseVersions,
  validateBumpLevel,
  validateSuffix,
} from '../../packages/tagging/version.js';

describe('release tags', () => {
  it('isReleaseTag accepts exactly vX.Y.Z', () => {
    for (const tag of ['v0.0.1', 'v1.2.3', 'v10.20.30', 'refs/tags/v1.2.3']) expect(isReleaseTag(tag)).toBe(true);
    for (const tag of [
      '1.2.3',
      'v1.2',
      'v1.2.3-next',
      'v1.2.3-rc.1',
      'v1.2.3+b',
      'v01.2.3',
      'v1.02.3',
      'V1.2.3',
      'release-1.2.3',
      'v99999999999999999.0.0',
    ]) {
      expect(isReleaseTag(tag)).toBe(false);
    }
  });

  it('sorts releases as semver, not as strings, highest first; -next never counts', () => {
    const tags = ['v0.0.9', 'refs/tags/v0.0.10', 'v0.0.11-next', 'v0.0.2', 'v0.0.10', 'v0.1.0-rc.1', 'develop'];
    expect(releaseVersions(tags)).toEqual(['0.0.10', '0.0.9', '0.0.2']);
    expect(highestRelease(tags)).toBe('0.0.10');
    expect(highestRelease(['v1.10.0', 'v1.9.0', 'v1.9.9'])).toBe('1.10.0');
    expect(highestRelease(['v2.0.0-next'])).toBeUndefined();
    expect(highestRelease([])).toBeUndefined();
  });

  it('previousRelease is the highest release strictly below, never a -next tag', () => {
    const tags = ['v1.2.3', 'v1.2.4-next', 'v1.10.0', 'v1.9.0', 'v2.0.0'];
    expect(previousRelease(tags, '1.10.0')).toBe('1.9.0');
    expect(previousRelease(tags, 'v1.2.5')).toBe('1.2.3');
    expect(previousRelease(tags, '3.0.0')).toBe('2.0.0');
    expect(previousRelease(tags, '1.2.3')).toBeUndefined();
  });

  it('isHighestRelease compares as semver', () => {
    const tags = ['v1.9.0', 'v1.10.0', 'v1.11.0-next'];
    expect(isHighestRelease(tags, '1.10.0')).toBe(true);
    expect(isHighestRelease(tags, '1.10.1')).toBe(true);
    expect(isHighestRelease(tags, '1.9.5')).toBe(false);
    expect(isHighestRelease([], '0.0.1')).toBe(true);
  });
});

describe('next versions', () => {
  it('reads next-version tags', () => {
    expect(nextVersionTagVersion('v1.3.0-next')).toBe('1.3.0');
    expect(nextVersionTagVersion('refs/tags/v1.3.0-next')).toBe('1.3.0');
    expect(nextVersionTagVersion('v1.3.0-dev', 'dev')).toBe('1.3.0');
    expect(nextVersionTagVersion('v1.3.0-dev')).toBeUndefined();
    expect(nextVersionTagVersion('v1.3.0')).toBeUndefined();
    expect(nextVersionTagVersion('v1.3-next')).toBeUndefined();
  });

  it('nextBuildVersion: initial version when there are no tags', () => {
    expect(nextBuildVersion({ tags: [] })).toBe('0.0.1');
    expect(nextBuildVersion({ tags: [], initialVersion: 'v1.0.0' })).toBe('1.0.0');
    expect(() => nextBuildVersion({ tags: [], initialVersion: '1.0' })).toThrow(
      'initial-version: "1.0" is not accepted',
    );
  });

  it('nextBuildVersion: the patch after the highest release, from unordered input', () => {
    expect(nextBuildVersion({ tags: ['v0.0.10', 'v0.0.9', 'v0.0.2'] })).toBe('0.0.11');
    expect(nextBuildVersion({ tags: ['v1.9.0', 'v1.10.0', 'v1.2.0'] })).toBe('1.10.1');
    expect(nextBuildVersion({ tags: ['v0.0.1'], initialVersion: '1.0.0' })).toBe('1.0.0');
  });

  it('nextBuildVersion honours a next-version tag above the patch', () => {
    expect(nextBuildVersion({ tags: ['v1.2.3', 'v1.3.0-next'] })).toBe('1.3.0');
    expect(nextBuildVersion({ tags: ['v1.2.3', 'v2.0.0-next', 'v1.3.0-next'] })).toBe('2.0.0');
    expect(nextBuildVersion({ tags: ['v0.1.0-next'] })).toBe('0.1.0');
    expect(nextBuildVersion({ tags: ['v1.2.3', 'v1.3.0-dev'], suffix: 'dev' })).toBe('1.3.0');
    expect(nextBuildVersion({ tags: ['v1.2.3', 'v1.3.0-dev'] })).toBe('1.2.4');
  });

  it('nextBuildVersion: a next-version tag already released gives the patch after it', () => {
    expect(nextBuildVersion({ tags: ['v1.3.0-next', 'v1.3.0', 'v1.2.3'] })).toBe('1.3.1');
    expect(nextBuildVersion({ tags: ['v1.2.4-next', 'v1.2.4'] })).toBe('1.2.5');
  });

  it('bumps and names the next-version tag', () => {
    expect(bumpVersion('1.2.3', 'patch')).toBe('1.2.4');
    expect(bumpVersion('v1.2.3', 'minor')).toBe('1.3.0');
    expect(bumpVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(nextVersionTag('1.2.4')).toBe('v1.2.4-next');
    expect(nextVersionTag('v1.3.0', 'dev.1')).toBe('v1.3.0-dev.1');
  });

  it('refuses bad levels and suffixes with one clear error', () => {
    expect(validateBumpLevel('minor')).toBe('minor');
    expect(() => validateBumpLevel('Minor')).toThrow('level: "Minor" is not accepted. Accepted: patch, minor, major');
    expect(() => validateBumpLevel('huge', 'bump')).toThrow(
      'bump: "huge" is not accepted. Accepted: patch, minor, major',
    );
    expect(validateSuffix('next')).toBe('next');
    expect(validateSuffix('rc.1')).toBe('rc.1');
    for (const bad of ['', 'a..b', '01', 'next!', 'a_b', '.next']) {
      expect(() => validateSuffix(bad)).toThrow(`suffix: ${JSON.stringify(bad)} is not accepted`);
    }
    expect(() => validateSuffix('a_b')).toThrow(
      'suffix: "a_b" is not accepted. Accepted: a semver prerelease identifier of at most 64 characters: dot-separated [0-9A-Za-z-] identifiers, numeric ones without leading zeros, e.g. next',
    );
    // Bounded: a 10 KB identifier is valid semver, but must not become a 10 KB tag.
    expect(validateSuffix('n'.repeat(64))).toBe('n'.repeat(64));
    expect(() => validateSuffix('n'.repeat(65))).toThrow(
      `suffix: "${'n'.repeat(65)}" is not accepted: it has 65 characters, more than 64. Accepted:`,
    );
    expect(() => validateSuffix('a'.repeat(10 * 1024))).toThrow(
      /^suffix: "a{512}…" \(10240 characters\) is not accepted: it has 10240 characters, more than 64\./,
    );
    expect(() => nextVersionTag('1.2.4-next')).toThrow(
      'version: "1.2.4-next" is not accepted: a prerelease or build suffix is not allowed',
    );
  });
});
