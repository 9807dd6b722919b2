import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { goStringCompare } from '../../packages/tagging/go.js';
import { selectLatest, type FluxPolicy } from '../../packages/tagging/flux.js';

// Tags shaped like the release model's, plus look-alikes that collide on purpose: shared ts
// values, leading zeros, other environments, semver-like and non-numeric tags.
const tagArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('develop', 'staging', 'production'),
      fc.constantFrom('1.0.0', '1.2.3', '2.0.0', '1.2.3-rc.1'),
      fc.constantFrom('abc1234', 'def5678', '0000000'),
      fc.constantFrom(
        '1700000000',
        '1700000001',
        '01700000001',
        '1738860123000',
        '9007199254740993',
        '9007199254740992',
      ),
    )
    .map(([env, version, sha, ts]) => `${env}-v${version}-${sha}-${ts}`),
  fc.constantFrom('develop', 'staging', 'latest', 'abc1234', '1', '01', '1.0', '10', '9', 'nan', 'inf'),
  fc.constantFrom('1.0.0', 'v1.0.0', '1.2.0', 'v1.10.0', '2.0.0-rc.1', '2.0.0', '0.9.9'),
);

const policies: FluxPolicy[] = [
  { pattern: '^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '$ts', policy: 'numerical' },
  {
    pattern: '^staging-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$',
    extract: '$ts',
    policy: 'numerical',
    order: 'desc',
  },
  { pattern: '-(?P<ts>[0-9]+)$', extract: '$ts', policy: 'numerical' },
  { pattern: '^[0-9.]+$|^nan$|^inf$', policy: 'numerical' },
  { policy: 'numerical' },
  { policy: 'alphabetical' },
  { pattern: '^(?P<env>[a-z]+)-', extract: '$env', policy: 'alphabetical', order: 'desc' },
  { policy: 'semver', range: '>=1.0.0' },
  { pattern: '', policy: 'semver', range: '>=1.0.0-0' },
  { pattern: '^[a-z]+-v(?P<v>[^-]+(?:-rc\\.[0-9]+)?)-', extract: '$v', policy: 'semver', range: '^1.x-0' },
];

/** A permutation of `tags` with some of them repeated. */
const reorderedArb = fc
  .array(tagArb, { maxLength: 12 })
  .chain((tags) =>
    fc.tuple(
      fc.constant(tags),
      fc.shuffledSubarray(tags, { minLength: tags.length, maxLength: tags.length }),
      fc.subarray(tags),
    ),
  );

describe('selectLatest properties', () => {
  it('the pick (and the reported ties) does not depend on the order of the tags or on duplicates', () => {
    fc.assert(
      fc.property(reorderedArb, fc.constantFrom(...policies), ([tags, shuffled, repeated], policy) => {
        const expected = selectLatest(tags, policy);
        expect(selectLatest(shuffled, policy)).toEqual(expected);
        expect(selectLatest([...repeated, ...shuffled], policy)).toEqual(expected);
        expect(selectLatest([...tags].reverse(), policy)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('numerical asc picks the maximum value for plain digit keys, ties among equal values only', () => {
    const digitTag = fc.stringMatching(/^[0-9]{1,15}$/).map((ts) => `build-${ts}`);
    fc.assert(
      fc.property(fc.array(digitTag, { minLength: 1, maxLength: 20 }), (tags) => {
        const result = selectLatest(tags, { pattern: '^build-(?P<ts>[0-9]+)$', extract: '$ts', policy: 'numerical' });
        if (!result.ok) throw new Error(result.error);
        const value = (tag: string): number => Number(tag.slice('build-'.length));
        const max = Math.max(...tags.map(value));
        expect(value(result.tag)).toBe(max);
        expect(result.value).toBe(result.tag.slice('build-'.length));
        // every tag of the maximum value is either the pick or a reported tie, nothing else is
        const atMax = [...new Set(tags.filter((t) => value(t) === max))].sort(goStringCompare);
        expect([result.tag, ...result.ties].sort(goStringCompare)).toEqual(atMax);
        // the deterministic pick is the byte-wise smallest of them
        expect(result.tag).toBe(atMax[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('numerical desc picks the minimum value for plain digit keys', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[1-9][0-9]{0,9}$/), { minLength: 1, maxLength: 20 }), (tags) => {
        const result = selectLatest(tags, { policy: 'numerical', order: 'desc' });
        if (!result.ok) throw new Error(result.error);
        expect(Number(result.tag)).toBe(Math.min(...tags.map(Number)));
      }),
      { numRuns: 200 },
    );
  });
});
