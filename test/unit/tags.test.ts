import { describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import {
  buildTags,
  FLUX_EXTRACT,
  fluxPattern,
  formatImmutableTag,
  newestTimestamp,
  nextTimestamp,
  parseImmutableTag,
  validateEnvironment,
  validateSha,
  validateShaLength,
  validateTag,
  validateTimestamp,
  validateVersion,
} from '../../packages/tagging/tags.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** Runs `fn`, expects exactly one InputError, returns it. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('buildTags', () => {
  it('computes the three tags and the refs of a develop build', () => {
    const t = buildTags({
      images: ['ghcr.io/Org/Backend', 'registry.example.com:5000/team/frontend'],
      env: 'develop',
      version: '1.4.2',
      sha: SHA,
      ts: 1738860123,
    });
    expect(t).toEqual({
      alias: 'develop',
      immutable: 'develop-v1.4.2-a1b2c3d-1738860123',
      shaTag: 'a1b2c3d',
      refs: [
        'ghcr.io/org/backend:develop',
        'ghcr.io/org/backend:develop-v1.4.2-a1b2c3d-1738860123',
        'ghcr.io/org/backend:a1b2c3d',
        'registry.example.com:5000/team/frontend:develop',
        'registry.example.com:5000/team/frontend:develop-v1.4.2-a1b2c3d-1738860123',
        'registry.example.com:5000/team/frontend:a1b2c3d',
      ],
    });
  });

  it('uses the sha at sha-length for both the immutable tag and the sha tag; v prefix dropped', () => {
    const t = buildTags({
      images: ['nginx'],
      env: 'staging',
      version: 'v2.0.10',
      sha: SHA,
      shaLength: 12,
      ts: 1738860124,
    });
    expect(t.immutable).toBe('staging-v2.0.10-a1b2c3d4e5f6-1738860124');
    expect(t.shaTag).toBe('a1b2c3d4e5f6');
    expect(t.refs).toEqual([
      'docker.io/library/nginx:staging',
      'docker.io/library/nginx:staging-v2.0.10-a1b2c3d4e5f6-1738860124',
      'docker.io/library/nginx:a1b2c3d4e5f6',
    ]);
  });

  it('lists an image once when two spellings normalise to the same name', () => {
    const t = buildTags({
      images: ['ghcr.io/Org/App', 'ghcr.io/org/app'],
      env: 'develop',
      version: '1.0.0',
      sha: SHA,
      ts: 1738860123,
    });
    expect(t.refs).toEqual([
      'ghcr.io/org/app:develop',
      'ghcr.io/org/app:develop-v1.0.0-a1b2c3d-1738860123',
      'ghcr.io/org/app:a1b2c3d',
    ]);
  });

  it('gives no refs for no images', () => {
    expect(buildTags({ images: [], env: 'develop', version: '1.0.0', sha: SHA, ts: 1738860123 }).refs).toEqual([]);
  });

  it('refuses an image that already carries a tag', () => {
    expect(() =>
      buildTags({ images: ['ghcr.io/org/app:latest'], env: 'develop', version: '1.0.0', sha: SHA, ts: 1738860123 }),
    ).toThrow(
      'images: "ghcr.io/org/app:latest" is not accepted: the tags are computed here, so the name must not carry one. Accepted: image names without tag or digest, e.g. ghcr.io/org/backend',
    );
  });

  it('refuses each bad part with the error of that part', () => {
    const base = { images: ['ghcr.io/org/app'], env: 'develop', version: '1.0.0', sha: SHA, ts: 1738860123 };
    expect(inputError(() => buildTags({ ...base, env: 'dev-eu' })).input).toBe('environment');
    expect(inputError(() => buildTags({ ...base, version: '1.0.0-rc.1' })).input).toBe('version');
    expect(inputError(() => buildTags({ ...base, sha: 'abc' })).input).toBe('sha');
    expect(inputError(() => buildTags({ ...base, shaLength: 41 })).input).toBe('sha-length');
    expect(inputError(() => buildTags({ ...base, ts: 1738860123000 })).input).toBe('timestamp');
  });
});

describe('formatImmutableTag / parseImmutableTag', () => {
  it('formats and parses the sample tag', () => {
    const t = { env: 'production', version: '1.4.2', sha: 'a1b2c3d', ts: 1738860123 };
    expect(formatImmutableTag(t)).toBe('production-v1.4.2-a1b2c3d-1738860123');
    expect(parseImmutableTag('production-v1.4.2-a1b2c3d-1738860123')).toEqual(t);
  });

  it('returns undefined for aliases, sha tags and other shapes', () => {
    for (const tag of [
      'develop',
      'a1b2c3d',
      'latest',
      'develop-1.4.2-a1b2c3d-1738860123',
      'develop-v1.4-a1b2c3d-1738860123',
      'develop-v1.4.2-rc.1-a1b2c3d-1738860123',
      'develop-v1.4.2-A1B2C3D-1738860123',
      'dev-eu-v1.4.2-a1b2c3d-1738860123',
      'Develop-v1.4.2-a1b2c3d-1738860123',
      'develop-v1.4.2-a1b2c3d-1738860123-x',
      'develop-v1.4.2-a1b2c3d-',
    ]) {
      expect(parseImmutableTag(tag)).toBeUndefined();
    }
  });

  it('parses any tag a Flux environment pattern matches, ts as a number', () => {
    expect(parseImmutableTag('develop-v01.2.3-abc-1738860123000')).toEqual({
      env: 'develop',
      version: '01.2.3',
      sha: 'abc',
      ts: 1738860123000,
    });
  });

  it('fits the longest tag of the longest parts in 128 characters, and refuses a longer environment naming it', () => {
    const largest = '9007199254740991'; // Number.MAX_SAFE_INTEGER, the largest version number taken
    const longest = formatImmutableTag({
      env: 'e'.repeat(24),
      version: `${largest}.${largest}.${largest}`,
      sha: SHA,
      ts: 9999999999,
    });
    expect(longest).toHaveLength(128);
    const env = 'e'.repeat(25);
    expect(() => formatImmutableTag({ env, version: '1.2.3', sha: SHA, ts: 1738860123 })).toThrow(
      `environment: "${env}" is not accepted: it has 25 characters, more than 24,`,
    );
  });

  it('refuses a sha part outside 7..40 hex', () => {
    expect(() => formatImmutableTag({ env: 'develop', version: '1.2.3', sha: 'abc', ts: 1738860123 })).toThrow(
      'sha: "abc" is not accepted. Accepted: hexadecimal, 7 to 40 characters',
    );
  });
});

describe('validators', () => {
  it('validateEnvironment', () => {
    expect(validateEnvironment('develop')).toBe('develop');
    expect(validateEnvironment('prod2')).toBe('prod2');
    expect(() => validateEnvironment('dev-eu')).toThrow(
      'environment: "dev-eu" is not accepted: it contains "-", and the immutable tag <env>-v<version>-<sha>-<ts> is split on dashes. Accepted: a lowercase letter followed by lowercase letters or digits, at most 24 characters, e.g. develop, staging, production',
    );
    expect(() => validateEnvironment('Staging', '--env')).toThrow(
      '--env: "Staging" is not accepted: it has upper-case letters. Accepted: a lowercase letter',
    );
    expect(inputError(() => validateEnvironment('2nd')).message).toBe(
      'environment: "2nd" is not accepted. Accepted: a lowercase letter followed by lowercase letters or digits, at most 24 characters, e.g. develop, staging, production',
    );
    expect(inputError(() => validateEnvironment('')).message).toContain('is not accepted: it is empty.');
    // Bounded: a name that fits the grammar but not in a tag is refused naming the input, never the tag.
    expect(validateEnvironment('e'.repeat(24))).toBe('e'.repeat(24));
    expect(inputError(() => validateEnvironment('e'.repeat(25), 'to-environment')).message).toBe(
      `to-environment: "${'e'.repeat(25)}" is not accepted: it has 25 characters, more than 24, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag. Accepted: a lowercase letter followed by lowercase letters or digits, at most 24 characters, e.g. develop, staging, production`,
    );
    expect(inputError(() => validateEnvironment('a'.repeat(10 * 1024))).message).toMatch(
      /^environment: "a{512}…" \(10240 characters\) is not accepted: it has 10240 characters, more than 24,/,
    );
  });

  it('validateVersion', () => {
    expect(validateVersion('1.2.3')).toBe('1.2.3');
    expect(validateVersion('v0.0.10')).toBe('0.0.10');
    expect(() => validateVersion('1.2.3-rc.1')).toThrow(
      'version: "1.2.3-rc.1" is not accepted: a prerelease or build suffix is not allowed: Flux\'s pattern <env>-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-<ts> would not match the tag. Accepted: MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2',
    );
    expect(inputError(() => validateVersion('v1.2.3+build.5')).message).toContain(
      'a prerelease or build suffix is not allowed',
    );
    expect(inputError(() => validateVersion('01.2.3')).message).toBe(
      'version: "01.2.3" is not accepted: semver forbids leading zeros. Accepted: MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2',
    );
    for (const bad of ['1.2', 'V1.2.3', 'vv1.2.3', ' 1.2.3', 'latest', '1.2.3.4', '']) {
      const err = inputError(() => validateVersion(bad, '--version'));
      expect(err.input).toBe('--version');
      expect(err.value).toBe(bad);
    }
    expect(inputError(() => validateVersion('99999999999999999.0.0')).message).toContain(
      'a number is too large for semver',
    );
  });

  it('validateShaLength', () => {
    expect(validateShaLength('7')).toBe(7);
    expect(validateShaLength(40)).toBe(40);
    expect(() => validateShaLength('6')).toThrow('sha-length: "6" is not accepted. Accepted: an integer from 7 to 40');
    for (const bad of ['41', '7.5', 'seven', '', '-8'])
      expect(inputError(() => validateShaLength(bad)).value).toBe(bad);
  });

  it('validateSha', () => {
    expect(validateSha(SHA)).toBe('a1b2c3d');
    expect(validateSha(SHA.toUpperCase(), 10)).toBe('a1b2c3d4e5');
    expect(validateSha(SHA, 40)).toBe(SHA);
    expect(validateSha('abcdef0')).toBe('abcdef0');
    expect(() => validateSha('abc123')).toThrow(
      'sha: "abc123" is not accepted: it has 6 characters. Accepted: a hexadecimal commit sha of at least 7 characters (the full 40-character sha is fine)',
    );
    expect(() => validateSha('a1b2c3d4e5', 12, '--sha')).toThrow(
      '--sha: "a1b2c3d4e5" is not accepted: it has 10 characters. Accepted: a hexadecimal commit sha of at least 12 characters',
    );
    expect(() => validateSha('g1b2c3d4')).toThrow(
      'sha: "g1b2c3d4" is not accepted: it is not hexadecimal. Accepted: a hexadecimal commit sha of at least 7 characters (the full 40-character sha is fine)',
    );
    expect(inputError(() => validateSha('a'.repeat(65))).message).toContain(
      'it has 65 characters, more than a commit sha',
    );
    expect(inputError(() => validateSha(SHA, 6)).input).toBe('sha-length');
  });

  it('validateTimestamp', () => {
    expect(validateTimestamp('1738860123')).toBe(1738860123);
    expect(validateTimestamp(1738860123)).toBe(1738860123);
    expect(() => validateTimestamp('1738860123000')).toThrow(
      'timestamp: "1738860123000" is not accepted: it has 13 digits, so it looks like milliseconds; a millisecond tag outranks every second tag in Flux\'s numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000)). Accepted: Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123',
    );
    expect(inputError(() => validateTimestamp(1738860123000, '--ts')).message).toContain(
      '--ts: "1738860123000" is not accepted: it has 13 digits, so it looks like milliseconds',
    );
    expect(inputError(() => validateTimestamp('173886012')).message).toBe(
      'timestamp: "173886012" is not accepted: it has 9 digits. Accepted: Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123',
    );
    expect(inputError(() => validateTimestamp('0738860123')).message).toContain('it has a leading zero');
    for (const bad of ['1738860123.5', '-1738860123', 'now', '', ' 1738860123']) {
      expect(inputError(() => validateTimestamp(bad)).value).toBe(bad);
    }
    expect(inputError(() => validateTimestamp(1738860123.5)).value).toBe('1738860123.5');
  });

  it('validateTag', () => {
    expect(validateTag('develop')).toBe('develop');
    expect(validateTag('_x.Y-1')).toBe('_x.Y-1');
    expect(validateTag('a'.repeat(128))).toBe('a'.repeat(128));
    const long = 'a'.repeat(129);
    expect(() => validateTag(long)).toThrow(
      `tags: "${long}" is not accepted: it is 129 characters long. Accepted: an OCI tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, at most 128 characters`,
    );
    expect(() => validateTag('.hidden')).toThrow(
      'tags: ".hidden" is not accepted: it starts with ".". Accepted: an OCI tag',
    );
    expect(() => validateTag('a/b', 'source')).toThrow(
      'source: "a/b" is not accepted: it contains "/". Accepted: an OCI tag',
    );
    expect(inputError(() => validateTag('')).message).toContain('it is empty');
  });
});

describe('Flux pattern and timestamps', () => {
  it("generates exactly the README's patterns", () => {
    expect(fluxPattern('develop')).toBe('^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$');
    expect(fluxPattern('production')).toBe(String.raw`^production-v[0-9]+\.[0-9]+\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$`);
    expect(FLUX_EXTRACT).toBe('$ts');
    expect(() => fluxPattern('dev-eu')).toThrow('environment: "dev-eu" is not accepted');
  });

  const existing = [
    'develop',
    'a1b2c3d',
    'develop-v1.0.0-a1b2c3d-1738860200',
    'develop-v1.0.1-b1b2c3d-1738860100',
    'staging-v1.0.0-a1b2c3d-1738869999',
    'developer-v1.0.0-a1b2c3d-1738899999',
    'develop-v1.0.0-rc1-a1b2c3d-1738899999',
  ];

  it('newestTimestamp looks only at immutable tags of the environment', () => {
    expect(newestTimestamp(existing, 'develop')).toBe(1738860200);
    expect(newestTimestamp(existing, 'staging')).toBe(1738869999);
    expect(newestTimestamp(existing, 'production')).toBeUndefined();
    expect(newestTimestamp([], 'develop')).toBeUndefined();
  });

  it('nextTimestamp is max(now, newest + 1)', () => {
    expect(nextTimestamp(1738860300, existing, 'develop')).toBe(1738860300);
    expect(nextTimestamp(1738860150, existing, 'develop')).toBe(1738860201);
    expect(nextTimestamp(1738860200, existing, 'develop')).toBe(1738860201);
    expect(nextTimestamp(1738860150.9, [], 'production')).toBe(1738860150);
  });

  it('nextTimestamp refuses when a millisecond tag already outranks every seconds tag', () => {
    const tags = ['develop-v1.0.0-a1b2c3d-1738860123000'];
    expect(newestTimestamp(tags, 'develop')).toBe(1738860123000);
    let caught: unknown;
    try {
      nextTimestamp(1738860300, tags, 'develop');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RefusedError);
    expect((caught as Error).message).toBe(
      "Tag develop-v1.0.0-a1b2c3d-1738860123000 of environment develop has timestamp 1738860123000, which is not Unix seconds (milliseconds?). Flux's numerical policy ranks it above every 10-digit timestamp, so no new tag of develop could become the newest: delete that tag from the registry first.",
    );
  });
});
