import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compileGoRegexp,
  compileGoTemplate,
  goExpand,
  goParseFloat,
  goStringCompare,
  toJsRegExp,
  type GoGroups,
} from '../../packages/tagging/go.js';
import {
  filterTags,
  parseFluxVersion,
  compareFluxVersions,
  selectLatest,
  type FluxPolicy,
  type FluxSelection,
} from '../../packages/tagging/flux.js';

// Issue 11, fast selection: `latest` no longer sorts the tags and runs most patterns as a
// JavaScript RegExp. These properties hold the fast code to the straightforward one: re2js for
// every match, the tags sorted into Flux's storage order, the policies' loops run over that order.

const DEVELOP = '^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$';

// ---------------------------------------------------------------------------------------------
// Go patterns, including ones outside the JavaScript subset
// ---------------------------------------------------------------------------------------------

const { pattern: patternArb } = fc.letrec<{ pattern: string; seq: string; atom: string; piece: string }>((tie) => ({
  pattern: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('seq'),
    fc.tuple(tie('seq'), tie('seq')).map(([a, b]) => `${a}|${b}`),
  ),
  seq: fc.array(tie('piece'), { maxLength: 4 }).map((p) => p.join('')),
  piece: fc
    .tuple(tie('atom'), fc.constantFrom('', '', '', '*', '+', '?', '{1,2}', '{2}', '{0,}', '*?', '+?', '??'))
    .map(([a, q]) => a + q),
  atom: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'b', '1', '-', '.', '_', ' ', '/', ',', ':'),
    fc.constantFrom('\\.', '\\d', '\\w', '\\s', '\\W', '\\-', '\\b', '\\B', '\\A', '\\z', '^', '$'),
    fc.constantFrom('[a-c]', '[^b]', '[0-9]', '[a-]', '[-a]', '[^-a.]', '[\\d.]', '[a-f0-9]', '[[:alpha:]]', '[]a]'),
    fc.constantFrom('\\pL', '\\Q.\\E', '(?i)a', 'é', '[^é]', 'a{,2}', '}', ']'),
    tie('pattern').map((p) => `(${p})`),
    tie('pattern').map((p) => `(?:${p})`),
    tie('pattern').map((p) => `(?P<ts>${p})`),
    tie('pattern').map((p) => `(?<v>${p})`),
  ),
}));

const textArb = fc
  .array(fc.constantFrom('a', 'b', 'c', '1', '0', '-', '.', '_', ' ', '/', 'A', 'é', '\n', '\t', '😀'), {
    maxLength: 10,
  })
  .map((cs) => cs.join(''));

function compiles(pattern: string): boolean {
  try {
    compileGoRegexp(pattern);
    return true;
  } catch {
    return false;
  }
}

function normalise(groups: GoGroups | null): (string | null)[] | null {
  return groups === null ? null : Array.from(groups, (g) => g ?? null);
}

describe('the JavaScript fast path of Go patterns', () => {
  it('gives re2js groups for every pattern and text', () => {
    fc.assert(
      fc.property(patternArb, fc.array(textArb, { minLength: 1, maxLength: 8 }), (pattern, texts) => {
        fc.pre(compiles(pattern));
        const fast = compileGoRegexp(pattern);
        const slow = compileGoRegexp(pattern, { fastPath: false });
        for (const text of texts) {
          expect([text, normalise(fast.groups(text))]).toEqual([text, normalise(slow.groups(text))]);
          const m = slow.match(text);
          expect(normalise(slow.groups(text))).toEqual(m === null ? null : [...m.groups]);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('is taken for the patterns gitops-promote and the Flux docs use', () => {
    for (const [pattern, groups] of [
      [DEVELOP, 1],
      ['^main-[a-fA-F0-9]+-(?P<ts>.*)', 1],
      ['^RELEASE\\.(?P<timestamp>.*)Z$', 1],
      ['^v?(?P<version>[0-9]+\\.[0-9]+\\.[0-9]+(-rc\\.[0-9]+)?)$', 2],
      ['^[0-9]+$', 0],
      ['', 0],
    ] as const) {
      expect(toJsRegExp(pattern, groups)).toBeInstanceOf(RegExp);
    }
  });

  it('is not taken where JavaScript would differ', () => {
    for (const [pattern, groups] of [
      ['(?i)develop', 0],
      ['(?:(a)|b)+', 1], // JavaScript clears the capture at each iteration
      ['(a*)?', 1], // JavaScript refuses the empty iteration
      ['[[:alpha:]]+', 0],
      ['\\pN+', 0],
      ['[]a]', 0],
      ['a{,2}', 0],
    ] as const) {
      expect(toJsRegExp(pattern, groups)).toBeUndefined();
    }
  });
});

describe('compileGoTemplate', () => {
  it('expands as goExpand does', () => {
    const templateArb = fc
      .array(
        fc.constantFrom('$', '$$', '${', '}', 'ts', 'v', '0', '1', '2', '01', '.', 'x', '$ts', '${ts}', '$1', '$v'),
        {
          maxLength: 8,
        },
      )
      .map((p) => p.join(''));
    const pattern = '(?P<ts>[0-9]+)-(?P<v>[a-z]*)?(x)?|(?P<ts>z)';
    const re = compileGoRegexp(pattern, { fastPath: false });
    fc.assert(
      fc.property(templateArb, fc.constantFrom('12-ab', '7-', 'z', '3-cx'), (template, text) => {
        const m = re.match(text);
        if (m === null) throw new Error(text);
        expect(compileGoTemplate(template, re.subexpNames)(m.groups)).toBe(goExpand(template, m));
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// selectLatest against the sorting implementation it replaced
// ---------------------------------------------------------------------------------------------

interface Candidate {
  value: string;
  tag: string;
}

const ok = (tag: string, value: string, ties: string[] = []): FluxSelection => ({ ok: true, tag, value, ties });
const failed = (error: string): FluxSelection => ({ ok: false, error, stalled: false });

function pickAmong(winners: readonly Candidate[]): FluxSelection {
  const sorted = [...winners].sort((a, b) => goStringCompare(a.tag, b.tag));
  const first = sorted[0] as Candidate;
  return ok(
    first.tag,
    first.value,
    sorted.slice(1).map((c) => c.tag),
  );
}

/** The selection as it was written before issue 11: storage order by sorting, then Flux's loops. */
function reference(tags: readonly string[], policy: FluxPolicy): FluxSelection {
  if (tags.length === 0) return failed('no tags in database');
  const stored = [...new Set(tags)].sort((a, b) => goStringCompare(b, a));
  const ordered = policy.pattern === undefined && policy.extract === undefined;
  let candidates: Candidate[];
  if (ordered) {
    candidates = stored.map((tag) => ({ value: tag, tag }));
  } else {
    const re = compileGoRegexp(policy.pattern ?? '', { fastPath: false });
    const filtered = new Map<string, string>();
    for (const tag of stored) {
      const m = re.match(tag);
      if (m !== null) filtered.set(policy.extract ? goExpand(policy.extract, m) : tag, tag);
    }
    candidates = [...filtered].map(([value, tag]) => ({ value, tag }));
  }
  if (candidates.length === 0) return failed('version list argument cannot be empty');
  const asc = (policy.order ?? '').toUpperCase() !== 'DESC';

  if (policy.policy === 'alphabetical') {
    let best = candidates[0] as Candidate;
    for (const c of candidates) {
      const cmp = goStringCompare(c.value, best.value);
      if ((asc && cmp > 0) || (!asc && cmp < 0)) best = c;
    }
    return ok(best.tag, best.value);
  }

  if (policy.policy === 'semver') {
    const satisfies = (value: string) => selectLatest([value], { policy: 'semver', range: policy.range }).ok;
    const matching = candidates.flatMap((c) => {
      const v = parseFluxVersion(c.value);
      return v !== undefined && satisfies(c.value) ? [{ c, v }] : [];
    });
    if (matching.length === 0) return failed('unable to determine latest version from provided list');
    let best = matching[0] as (typeof matching)[number];
    for (const m of matching) if (compareFluxVersions(m.v, best.v) > 0) best = m;
    if (ordered) return ok(best.c.tag, best.c.value);
    return pickAmong(matching.filter((m) => compareFluxVersions(m.v, best.v) === 0).map((m) => m.c));
  }

  const values: number[] = [];
  const unparsable: string[] = [];
  for (const c of candidates) {
    try {
      values.push(goParseFloat(c.value));
    } catch {
      values.push(NaN);
      unparsable.push(c.value);
    }
  }
  if (unparsable.length > 0) {
    const named = ordered ? (unparsable[0] as string) : ([...unparsable].sort(goStringCompare)[0] as string);
    return failed(`failed to parse invalid numeric value '${named}'`);
  }
  if (ordered) {
    let best = 0;
    let bestValue = NaN;
    values.forEach((v, i) => {
      if (i > 0 && ((asc && v < bestValue) || (!asc && v > bestValue))) return;
      best = i;
      bestValue = v;
    });
    const c = candidates[best] as Candidate;
    return ok(c.tag, c.value);
  }
  const numbers = candidates.map((c, i) => ({ c, v: values[i] as number }));
  const real = numbers.filter((x) => !Number.isNaN(x.v));
  if (real.length === 0) return pickAmong(candidates);
  const extreme = real.reduce((acc, x) => (asc ? Math.max(acc, x.v) : Math.min(acc, x.v)), asc ? -Infinity : Infinity);
  const selected = pickAmong(real.filter((x) => x.v === extreme).map((x) => x.c));
  if (real.length === numbers.length || !selected.ok) return selected;
  const ties = candidates
    .map((c) => c.tag)
    .filter((t) => t !== selected.tag)
    .sort(goStringCompare);
  return { ...selected, ties };
}

const tagArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('develop', 'staging'),
      fc.constantFrom('1.0.0', '1.2.3', '01.2.3', '1.2-rc.1', '1.2+b.5'),
      fc.constantFrom('abc1234', 'def5678'),
      fc.constantFrom(
        '1700000000',
        '1700000001',
        '01700000001',
        '9007199254740993',
        '9007199254740992',
        'nan',
        '-0',
        '0',
      ),
    )
    .map(([env, version, sha, ts]) => `${env}-v${version}-${sha}-${ts}`),
  fc.constantFrom('1', '01', '1.0', '10', '9', '-0', '0', 'nan', 'NaN', 'inf', '-inf', '1e400', 'latest', 'é1', '1😀'),
  fc.constantFrom(
    '1.0.0',
    'v1.0.0',
    '1.0.0+a',
    'v2024.01.15',
    '1.2-rc.1',
    '1.2.0-rc.1',
    '2.0.0',
    '1.2+build.5',
    '1.2.0',
  ),
  textArb,
);

const policyArb: fc.Arbitrary<FluxPolicy> = fc
  .oneof(
    fc.record({
      policy: fc.constantFrom('numerical' as const, 'alphabetical' as const),
      order: fc.constantFrom(undefined, 'asc', 'desc'),
    }),
    fc.record({
      policy: fc.constant('semver' as const),
      range: fc.constantFrom('*', '>=1.0.0-0', '1.2.0', '^1.x', '<2'),
    }),
  )
  .chain((p) =>
    fc.oneof(
      fc.constant(p),
      fc
        .tuple(
          fc.constantFrom(
            DEVELOP,
            '-(?P<ts>[^-]+)$',
            '^(?P<ts>[0-9.]+)',
            '(?P<ts>[a-z]+)|(?P<ts>[0-9]+)',
            '(?i)^(?P<ts>.*)$',
            '.',
            '',
            '-v(?P<v>[^-]+)-',
          ),
          fc.constantFrom('', '$ts', '$0', '${ts}', 'x$ts', '$v', '$1$ts'),
        )
        .map(([pattern, extract]) => ({ ...p, pattern, extract })),
      patternArb.filter(compiles).map((pattern) => ({ ...p, pattern, extract: '$1' })),
    ),
  );

describe('selectLatest against the sorting implementation it replaced', () => {
  it('gives the same pick, ties and errors', () => {
    fc.assert(
      fc.property(fc.array(tagArb, { maxLength: 14 }), policyArb, (tags, policy) => {
        expect(selectLatest(tags, policy)).toEqual(reference(tags, policy));
      }),
      { numRuns: 3000 },
    );
  });

  it('filterTags keeps the same keys and tags', () => {
    fc.assert(
      fc.property(fc.array(tagArb, { maxLength: 14 }), patternArb.filter(compiles), (tags, pattern) => {
        const stored = [...new Set(tags)].sort((a, b) => goStringCompare(b, a));
        const re = compileGoRegexp(pattern, { fastPath: false });
        const expected = new Map<string, string>();
        for (const tag of stored) {
          const m = re.match(tag);
          if (m !== null) expected.set(goExpand('$1', m), tag);
        }
        expect([...filterTags(tags, pattern, '$1')].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 500 },
    );
  });
});
