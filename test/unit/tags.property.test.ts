import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fluxPattern, formatImmutableTag, parseImmutableTag, type ImmutableTag } from '../../packages/tagging/tags.js';

const env = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const part = fc.integer({ min: 0, max: 9999 });
const version = fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`);
const sha = fc.stringMatching(/^[0-9a-f]{7,40}$/);
const ts = fc.integer({ min: 1_000_000_000, max: 9_999_999_999 });
const immutableTag: fc.Arbitrary<ImmutableTag> = fc.record({ env, version, sha, ts });

/** Flux's RE2 `(?P<name>` is JavaScript's `(?<name>`; nothing else in this ASCII pattern differs. */
function compile(pattern: string): RegExp {
  return new RegExp(pattern.replace('(?P<', '(?<'));
}

/** Small edits of a valid tag that Flux's pattern must refuse. */
const mutation = fc.constantFrom(
  (t: string) => t.replace('-v', '-'),
  (t: string) => t.replace('-v', '-V'),
  (t: string) => `${t}-x`,
  (t: string) => `x${t}`,
  (t: string) => t.replace(/-([0-9a-f]+)-([0-9]+)$/, '-$1-'),
  (t: string) => t.replace(/-([0-9a-f]+)-([0-9]+)$/, '-$2'),
  (t: string) => t.replace(/-([0-9a-f]+)-([0-9]+)$/, (_m, s: string, n: string) => `-${s.toUpperCase()}G-${n}`),
  (t: string) => t.replace(/-v([0-9]+)\.([0-9]+)\.([0-9]+)-/, '-v$1.$2-'),
  (t: string) => t.replace(/-v([0-9]+\.[0-9]+\.[0-9]+)-/, '-v$1-rc.1-'),
  (t: string) => t.replace(/-([0-9]+)$/, '-$1.5'),
  (t: string) => `${t}\n`,
);

describe('immutable tag properties', () => {
  it('format then parse is identity', () => {
    fc.assert(
      fc.property(immutableTag, (t) => {
        expect(parseImmutableTag(formatImmutableTag(t))).toEqual(t);
      }),
      { numRuns: 500 },
    );
  });

  it('fluxPattern(env) matches every tag formatted for env and extracts its ts', () => {
    fc.assert(
      fc.property(immutableTag, (t) => {
        const m = compile(fluxPattern(t.env)).exec(formatImmutableTag(t));
        expect(m?.groups?.['ts']).toBe(String(t.ts));
      }),
      { numRuns: 500 },
    );
  });

  it('fluxPattern(env) matches no tag formatted for another environment', () => {
    fc.assert(
      fc.property(immutableTag, env, (t, other) => {
        fc.pre(other !== t.env);
        expect(compile(fluxPattern(other)).test(formatImmutableTag(t))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('fluxPattern(env) matches no mutated tag, and parse refuses it too', () => {
    fc.assert(
      fc.property(immutableTag, mutation, (t, mutate) => {
        const tag = formatImmutableTag(t);
        const mutated = mutate(tag);
        fc.pre(mutated !== tag);
        expect(compile(fluxPattern(t.env)).test(mutated)).toBe(false);
        expect(parseImmutableTag(mutated)?.env === t.env && parseImmutableTag(mutated)?.ts === t.ts).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
