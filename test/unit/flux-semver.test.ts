import { describe, expect, it } from '@jest/globals';
import {
  compareFluxVersions,
  newMastermindsVersion,
  parseFluxVersion,
  selectLatest,
  type FluxSelection,
  type FluxVersion,
} from '../../packages/tagging/flux.js';

// The semver policy of image-reflector-controller v1.x (internal/policy/semver.go): every tag goes
// through fluxcd/pkg version.ParseVersion (two dots, then Masterminds' coercing NewVersion), the
// range is a Masterminds constraint, and the greatest satisfying version wins. The vectors below
// are copied from the test files of those projects; each block names its source.

const PKG_VERSION_TEST = 'https://github.com/fluxcd/pkg/blob/main/version/version_test.go';
const MM_VERSION_TEST = 'https://github.com/Masterminds/semver/blob/master/version_test.go';
const MM_CONSTRAINTS_TEST = 'https://github.com/Masterminds/semver/blob/master/constraints_test.go';
const MM_COLLECTION_TEST = 'https://github.com/Masterminds/semver/blob/master/collection_test.go';
const IRC_SEMVER_TEST = 'https://github.com/fluxcd/image-reflector-controller/blob/main/internal/policy/semver_test.go';

/** Masterminds `Version.String()`: what a parse must give, or `null` for an error. */
type Parsed = string | null;

function show(v: FluxVersion | undefined): Parsed {
  if (v === undefined) return null;
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

// fluxcd/pkg TestParseVersion: [tag, ParseVersion's result] (the Go test only says error or not;
// the value is what Masterminds' NewVersion makes of it).
const PKG_PARSE: [string, Parsed][] = [
  ['v1.2.3', '1.2.3'],
  ['v2025.07.03', '2025.7.3'],
  ['v1.0', null],
  ['v1', null],
  ['v1.2.beta', null],
  ['v1.2-5', null],
  ['v1.2-beta5', null],
  ['\nv1.2', null],
  ['v1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata'],
  ['v1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen'],
  ['v1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen'],
  ['v1.2.3.4', null],
];

// Masterminds TestNewVersion "With loose NewVersion": [version, NewVersion, Flux's ParseVersion].
// The two differ only where the text has fewer than two dots (fluxcd/pkg's SplitN check).
const MM_NEW_VERSION: [string, Parsed, Parsed][] = [
  ['1.2.3', '1.2.3', '1.2.3'],
  ['1.2.3-alpha.01', null, null],
  ['1.2.3+test.01', '1.2.3+test.01', '1.2.3+test.01'],
  ['1.2.3-alpha.-1', '1.2.3-alpha.-1', '1.2.3-alpha.-1'],
  ['v1.2.3', '1.2.3', '1.2.3'],
  ['1.0', '1.0.0', null],
  ['v1.0', '1.0.0', null],
  ['1', '1.0.0', null],
  ['v1', '1.0.0', null],
  ['1.2.beta', null, null],
  ['v1.2.beta', null, null],
  ['foo', null, null],
  ['1.2-5', '1.2.0-5', null],
  ['v1.2-5', '1.2.0-5', null],
  ['1.2-beta.5', '1.2.0-beta.5', '1.2.0-beta.5'],
  ['v1.2-beta.5', '1.2.0-beta.5', '1.2.0-beta.5'],
  ['\n1.2', null, null],
  ['\nv1.2', null, null],
  ['1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata'],
  ['v1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata', '1.2.0-x.Y.0+metadata'],
  ['1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen'],
  ['v1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen', '1.2.0-x.Y.0+metadata-width-hypen'],
  ['1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen'],
  ['v1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen', '1.2.3-rc1-with-hypen'],
  ['1.2.3-0abc123', '1.2.3-0abc123', '1.2.3-0abc123'],
  ['1.2.3-beta.01', null, null],
  ['1.2.3.4', null, null],
  ['v1.2.3.4', null, null],
  ['1.2.2147483648', '1.2.2147483648', '1.2.2147483648'],
  ['1.2147483648.3', '1.2147483648.3', '1.2147483648.3'],
  ['2147483648.3.0', '2147483648.3.0', '2147483648.3.0'],
  ['12.3.4.1234', null, null],
  ['12.23.4.1234', null, null],
  ['12.3.34.1234', null, null],
  ['20221209-update-renovatejson-v4', '20221209.0.0-update-renovatejson-v4', null],
  ['1.1.2+.123', null, null],
  ['1.0.0-alpha_beta', null, null],
  ['1.0.0-alpha..', null, null],
  ['1.0.0-alpha..1', null, null],
  ['9.8.7+meta+meta', null, null],
  ['1.2.31----RC-SNAPSHOT.12.09.1--.12+788', null, null],
  ['01.1.1', '1.1.1', '1.1.1'],
  ['1.01.1', '1.1.1', '1.1.1'],
  ['1.1.01', '1.1.1', '1.1.1'],
];

// The tags of issue 11 and the limits of strconv.ParseUint(s, 10, 64), which NewVersion uses for
// each part (https://pkg.go.dev/strconv#ParseUint): [tag, Flux's ParseVersion].
const EDGES: [string, Parsed][] = [
  ['v2024.01.15', '2024.1.15'],
  ['1.2-rc.1', '1.2.0-rc.1'],
  ['1.2+build.5', '1.2.0+build.5'],
  ['1-rc.1.2', '1.0.0-rc.1.2'],
  ['18446744073709551615.0.0', '18446744073709551615.0.0'],
  ['18446744073709551616.0.0', null],
  ['1.2.3-18446744073709551616', '1.2.3-18446744073709551616'],
  ['V1.2.3', null],
  ['vv1.2.3', null],
  [' 1.2.3', null],
  ['1.2.3 ', null],
  ['1.2.3\n', null],
  ['1..3', null],
  ['1.2.', null],
];

// Masterminds TestCompare: [v1, v2, v1.Compare(v2)], both parsed with NewVersion.
const MM_COMPARE: [string, string, number][] = [
  ['1.2.3', '1.5.1', -1],
  ['2.2.3', '1.5.1', 1],
  ['2.2.3', '2.2.2', 1],
  ['3.2-beta', '3.2-beta', 0],
  ['1.3', '1.1.4', 1],
  ['4.2', '4.2-beta', 1],
  ['4.2-beta', '4.2', -1],
  ['4.2-alpha', '4.2-beta', -1],
  ['4.2-alpha', '4.2-alpha', 0],
  ['4.2-beta.2', '4.2-beta.1', 1],
  ['4.2-beta2', '4.2-beta1', 1],
  ['4.2-beta', '4.2-beta.2', -1],
  ['4.2-beta', '4.2-beta.foo', -1],
  ['4.2-beta.2', '4.2-beta', 1],
  ['4.2-beta.foo', '4.2-beta', 1],
  ['1.2+bar', '1.2+baz', 0],
  ['1.0.0-beta.4', '1.0.0-beta.-2', -1],
  ['1.0.0-beta.-2', '1.0.0-beta.-3', -1],
  ['1.0.0-beta.-3', '1.0.0-beta.5', 1],
];

// Masterminds TestConstraintCheck (one constraint, prereleases considered only when it has one)
// and the rows of TestConstraintsCheck that the flux.test.ts table leaves out because their version
// is not strict X.Y.Z: [range, version, Masterminds' Check]. Flux gets the same answer when the
// version passes ParseVersion (two dots); otherwise the tag is skipped, and a list of that one tag
// has no version ("unable to determine latest version from provided list").
const MM_CHECK: [string, string, boolean][] = [
  ['=2.0.0', '1.2.3', false],
  ['=2.0.0', '2.0.0', true],
  ['=2.0', '1.2.3', false],
  ['=2.0', '2.0.0', true],
  ['=2.0', '2.0.1', true],
  ['4.1', '4.1.0', true],
  ['!=4.1.0', '4.1.0', false],
  ['!=4.1.0', '4.1.1', true],
  ['!=4.1', '4.1.0', false],
  ['!=4.1', '4.1.1', false],
  ['!=4.1', '5.1.0-alpha.1', false],
  ['!=4.1.0', '5.1.0-alpha.1', false],
  ['!=4.1-alpha', '4.1.0', true],
  ['!=4.1', '5.1.0', true],
  ['<11', '0.1.0', true],
  ['<11', '11.1.0', false],
  ['<1.1', '0.1.0', true],
  ['<1.1', '1.1.0', false],
  ['<1.1', '1.1.1', false],
  ['<=11', '1.2.3', true],
  ['<=11', '12.2.3', false],
  ['<=11', '11.2.3', true],
  ['<=1.1', '1.2.3', false],
  ['<=1.1', '0.1.0', true],
  ['<=1.1', '1.1.0', true],
  ['<=1.1', '1.1.1', true],
  ['>1.1', '4.1.0', true],
  ['>1.1', '1.1.0', false],
  ['>0', '0', false],
  ['>0', '1', true],
  ['>0', '0.0.1-alpha', false],
  ['>0.0', '0.0.1-alpha', false],
  ['>0-0', '0.0.1-alpha', false],
  ['>0.0-0', '0.0.1-alpha', false],
  ['>0', '0.0.0-alpha', false],
  ['>0-0', '0.0.0-alpha', false],
  ['>0.0.0-0', '0.0.0-alpha', true],
  ['>1.2.3-alpha.1', '1.2.3-alpha.2', true],
  ['>1.2.3-alpha.1', '1.3.3-alpha.2', true],
  ['>11', '11.1.0', false],
  ['>11.1', '11.1.0', false],
  ['>11.1', '11.1.1', false],
  ['>11.1', '11.2.1', true],
  ['>=11', '11.1.2', true],
  ['>=11.1', '11.1.2', true],
  ['>=11.1', '11.0.2', false],
  ['>=1.1', '4.1.0', true],
  ['>=1.1', '1.1.0', true],
  ['>=1.1', '0.0.9', false],
  ['>=0', '0.0.1-alpha', false],
  ['>=0.0', '0.0.1-alpha', false],
  ['>=0-0', '0.0.1-alpha', true],
  ['>=0.0-0', '0.0.1-alpha', true],
  ['>=0', '0.0.0-alpha', false],
  ['>=0-0', '0.0.0-alpha', true],
  ['>=0.0.0-0', '0.0.0-alpha', true],
  ['>=0.0.0-0', '1.2.3', true],
  ['>=0.0.0-0', '3.4.5-beta.1', true],
  ['<0', '0.0.0-alpha', false],
  ['<0-z', '0.0.0-alpha', true],
  ['>=0', '0', true],
  ['=0', '1', false],
  ['*', '1', true],
  ['*', '4.5.6', true],
  ['*', '1.2.3-alpha.1', false],
  ['*-0', '1.2.3-alpha.1', true],
  ['2.*', '1', false],
  ['2.*', '3.4.5', false],
  ['2.*', '2.1.1', true],
  ['2.1.*', '2.1.1', true],
  ['2.1.*', '2.2.1', false],
  ['2', '1', false],
  ['2', '3.4.5', false],
  ['2', '2.1.1', true],
  ['2.1', '2.1.1', true],
  ['2.1', '2.2.1', false],
  ['~1.2.3', '1.2.4', true],
  ['~1.2.3', '1.3.4', false],
  ['~1.2', '1.2.4', true],
  ['~1.2', '1.3.4', false],
  ['~1', '1.2.4', true],
  ['~1', '2.3.4', false],
  ['~0.2.3', '0.2.5', true],
  ['~0.2.3', '0.3.5', false],
  ['~1.2.3-beta.2', '1.2.3-beta.4', true],
  ['~1.2.3-beta.2', '1.2.4-beta.2', true],
  ['~1.2.3-beta.2', '1.3.4-beta.2', false],
  ['^1.2.3', '1.8.9', true],
  ['^1.2.3', '2.8.9', false],
  ['^1.2.3', '1.2.1', false],
  ['^1.1.0', '2.1.0', false],
  ['^1.2.0', '2.2.1', false],
  ['^1.2.0', '1.2.1-alpha.1', false],
  ['^1.2.0-alpha.0', '1.2.1-alpha.1', true],
  ['^1.2.0-alpha.0', '1.2.1-alpha.0', true],
  ['^1.2.0-alpha.2', '1.2.0-alpha.1', false],
  ['^1.2', '1.8.9', true],
  ['^1.2', '2.8.9', false],
  ['^1', '1.8.9', true],
  ['^1', '2.8.9', false],
  ['^0.2.3', '0.2.5', true],
  ['^0.2.3', '0.5.6', false],
  ['^0.2', '0.2.5', true],
  ['^0.2', '0.5.6', false],
  ['^0.0.3', '0.0.3', true],
  ['^0.0.3', '0.0.4', false],
  ['^0.0', '0.0.3', true],
  ['^0.0', '0.1.4', false],
  ['^0.0', '1.0.4', false],
  ['^0', '0.2.3', true],
  ['^0', '1.1.4', false],
  ['^0.2.3-beta.2', '0.2.3-beta.4', true],
  ['^0.2.3-beta.2', '0.2.4-beta.2', true],
  ['^0.2.3-beta.2', '0.3.4-beta.2', false],
  ['^0.2.3-beta.2', '0.2.3-beta.2', true],
  // TestConstraintsCheck rows with a version Flux does not parse, or spacing variants
  ['1.x', '1.4', true],
  ['~1', '1.4', true],
  ['~1.x', '1.4', true],
  ['>=1.1 <2 !=1.2.3', '1.2.3', false],
  ['>=1.1 <2 !=1.2.3 || > 3', '4.1.2', true],
  ['>=1.1 <2 !=1.2.3 || > 3', '3.1.2', false],
  ['>=1.1 <2 !=1.2.3 || >= 3', '3.0.0', true],
  ['>=1.1 <2 !=1.2.3 || > 3', '3.0.0', false],
  ['>=1.1 <2 !=1.2.3 || > 3', '1.2.3', false],
  ['>1.1, <  3', '4.3.2', false],
  ['>= 1.1, <     2, !=1.2.3', '1.2.3', false],
  ['> 1.1 < 2', '1.1.1', false],
  ['>1.1 < 2', '1.2.1', true],
  ['> 1.1    <3', '4.3.2', false],
  ['>=1.1    < 2    != 1.2.3', '1.2.3', false],
  ['>= 1.1, <2, !=1.2.3 || > 3', '4.1.2', true],
  ['>= 1.1, <2, != 1.2.3 || > 3', '3.1.2', false],
  ['>= 1.1, <2, != 1.2.3 || >= 3', '3.0.0', true],
  ['>= 1.1 <2 != 1.2.3', '1.2.3', false],
  ['>= 1.1 <2 != 1.2.3 || > 3', '4.1.2', true],
  ['>= 1.1 <2 != 1.2.3 || >= 3', '3.0.0', true],
  ['>= 1.1 < 2 !=1.2.3 || > 3', '3.0.0', false],
  ['>=1.1 < 2 !=1.2.3 || > 3', '1.2.3', false],
];

const NONE = 'unable to determine latest version from provided list';
const ok = (tag: string, value: string, ties: string[] = []): FluxSelection => ({ ok: true, tag, value, ties });
const failed = (error: string): FluxSelection => ({ ok: false, error, stalled: false });
const stalled = (error: string): FluxSelection => ({ ok: false, error, stalled: true });

type Case = [source: string, name: string, tags: string[], range: string, pattern: string | undefined, FluxSelection];

// Whole-policy vectors: image-reflector-controller TestSemVer_Latest and TestNewSemVer, fluxcd/pkg
// TestSort, and the tags of issue 11 as today's Flux ranks them.
const POLICY: Case[] = [
  [
    IRC_SEMVER_TEST,
    'With valid format',
    ['1.0.0', '1.0.0.1', '1.0.0p', '1.0.1', '1.2.0', '0.1.0'],
    '1.0.x',
    undefined,
    ok('1.0.1', '1.0.1'),
  ],
  [
    IRC_SEMVER_TEST,
    'With valid format prefix',
    ['v1.2.3', 'v1.0.0', 'v0.1.0'],
    '1.0.x',
    undefined,
    ok('v1.0.0', 'v1.0.0'),
  ],
  [IRC_SEMVER_TEST, 'With invalid format prefix', ['b1.2.3', 'b1.0.0', 'b0.1.0'], '1.0.x', undefined, failed(NONE)],
  [IRC_SEMVER_TEST, 'With empty list', [], '1.0.x', undefined, failed('no tags in database')],
  [IRC_SEMVER_TEST, 'With non-matching version list', ['1.2.0'], '1.0.x', undefined, failed(NONE)],
  // fluxcd/pkg TestSort keeps 1.2.4, v1.2.4, 1.2.4, v1.2.3, v1.2.0 for ">= 1.2.0, < 1.3.0": the
  // greatest is 1.2.4 in two spellings. Latest keeps the first of equal versions it iterates:
  // without filterTags that is the stored order (descending bytes: v1.2.4 first); with filterTags
  // Go's map order decides, so the pick is the byte-wise smallest and the other is a tie.
  [
    PKG_VERSION_TEST,
    'TestSort input, without filterTags',
    ['v1.2.0', 'v1.2.3', 'v1.3.0', '1.2.4', 'v1.1.0', 'something-invalid', 'v1.2.4', 'another-invalid', '1.2.4'],
    '>= 1.2.0, < 1.3.0',
    undefined,
    ok('v1.2.4', 'v1.2.4'),
  ],
  [
    PKG_VERSION_TEST,
    'TestSort input, with filterTags',
    ['v1.2.0', 'v1.2.3', 'v1.3.0', '1.2.4', 'v1.1.0', 'something-invalid', 'v1.2.4', 'another-invalid', '1.2.4'],
    '>= 1.2.0, < 1.3.0',
    '',
    ok('1.2.4', '1.2.4', ['v1.2.4']),
  ],
  [
    'issue 11',
    'calendar versions with leading zeros are versions',
    ['v2024.01.15', 'v2024.02.01', 'v2023.12.31'],
    '>=2024.0.0',
    undefined,
    ok('v2024.02.01', 'v2024.02.01'),
  ],
  [
    'issue 11',
    'a two-part version with a dotted prerelease is a prerelease of X.Y.0',
    ['1.2-rc.1', '1.1.0', '1.2.0'],
    '>=1.0.0-0',
    undefined,
    ok('1.2.0', '1.2.0'),
  ],
  [
    'issue 11',
    '1.2-rc.1 is 1.2.0-rc.1 and beats 1.1.9',
    ['1.2-rc.1', '1.1.9'],
    '>=1.0.0-0',
    undefined,
    ok('1.2-rc.1', '1.2-rc.1'),
  ],
  [
    'issue 11',
    '1.2+build.5 equals 1.2.0 (metadata does not count): the first stored wins',
    ['1.2+build.5', '1.2.0'],
    '1.2.0',
    undefined,
    ok('1.2.0', '1.2.0'),
  ],
  [
    'issue 11',
    '1.2+build.5 and 1.2.0 with filterTags: a tie Flux settles at random',
    ['1.2+build.5', '1.2.0'],
    '1.2.0',
    '',
    ok('1.2+build.5', '1.2+build.5', ['1.2.0']),
  ],
  [
    'issue 11',
    'a prerelease is not taken by a range without one',
    ['1.2-rc.1', '1.1.0'],
    '>=1.0.0',
    undefined,
    ok('1.1.0', '1.1.0'),
  ],
  [
    'issue 11',
    'leading zeros compare as numbers: 1.10.0 > 1.09.0',
    ['1.09.0', '1.10.0'],
    '*',
    undefined,
    ok('1.10.0', '1.10.0'),
  ],
  [
    'issue 11',
    'uint64 parts compare exactly beyond 2^53',
    ['9007199254740993.0.0', '9007199254740992.0.0'],
    '*',
    undefined,
    ok('9007199254740993.0.0', '9007199254740993.0.0'),
  ],
  // TestNewSemVer: ranges the controller accepts and refuses (refused ones stall the policy).
  [IRC_SEMVER_TEST, 'valid range 1.0.x', ['1.0.5'], '1.0.x', undefined, ok('1.0.5', '1.0.5')],
  [IRC_SEMVER_TEST, 'valid range ^1.0', ['1.0.5'], '^1.0', undefined, ok('1.0.5', '1.0.5')],
  [IRC_SEMVER_TEST, 'valid range =1.0.0', ['1.0.0'], '=1.0.0', undefined, ok('1.0.0', '1.0.0')],
  [IRC_SEMVER_TEST, 'valid range ~1.0', ['1.0.5'], '~1.0', undefined, ok('1.0.5', '1.0.5')],
  [IRC_SEMVER_TEST, 'valid range >=1.0', ['1.0.5'], '>=1.0', undefined, ok('1.0.5', '1.0.5')],
  [IRC_SEMVER_TEST, 'valid range >0,<2.0', ['1.0.5'], '>0,<2.0', undefined, ok('1.0.5', '1.0.5')],
  [
    IRC_SEMVER_TEST,
    'invalid range 1.0.0p',
    ['1.0.0'],
    '1.0.0p',
    undefined,
    stalled('invalid policy: improper constraint: "1.0.0p"'),
  ],
  [IRC_SEMVER_TEST, 'invalid range 1x', ['1.0.0'], '1x', undefined, stalled('invalid policy: constraint parser error')],
  [IRC_SEMVER_TEST, 'invalid range x1', ['1.0.0'], 'x1', undefined, stalled('invalid policy: constraint parser error')],
  [
    IRC_SEMVER_TEST,
    'invalid range -1',
    ['1.0.0'],
    '-1',
    undefined,
    stalled('invalid policy: improper constraint: "-1"'),
  ],
  [IRC_SEMVER_TEST, 'invalid range a', ['1.0.0'], 'a', undefined, stalled('invalid policy: improper constraint: "a"')],
  [IRC_SEMVER_TEST, 'invalid range ""', ['1.0.0'], '', undefined, stalled('invalid policy: improper constraint: ""')],
];

// Masterminds TestCollection: sort.Sort(Collection) of NewVersion values, as String().
const MM_COLLECTION = {
  raw: ['1.2.3', '1.0', '1.3', '2', '0.4.2'],
  sorted: ['0.4.2', '1.0.0', '1.2.3', '1.3.0', '2.0.0'],
};

describe(`fluxcd/pkg version.ParseVersion (${PKG_VERSION_TEST})`, () => {
  it.each(PKG_PARSE)('%j → %s', (tag, expected) => {
    expect(show(parseFluxVersion(tag))).toBe(expected);
  });
});

describe(`Masterminds NewVersion and Flux's ParseVersion (${MM_VERSION_TEST})`, () => {
  it.each(MM_NEW_VERSION)('%j: NewVersion %s, ParseVersion %s', (tag, newVersion, flux) => {
    expect(show(newMastermindsVersion(tag))).toBe(newVersion);
    expect(show(parseFluxVersion(tag))).toBe(flux);
  });
  it.each(EDGES)('%j → %s', (tag, expected) => {
    expect(show(parseFluxVersion(tag))).toBe(expected);
  });
});

describe(`Masterminds Version.Compare (${MM_VERSION_TEST}, ${MM_COLLECTION_TEST})`, () => {
  it.each(MM_COMPARE)('%s vs %s → %i', (a, b, expected) => {
    const va = newMastermindsVersion(a);
    const vb = newMastermindsVersion(b);
    if (va === undefined || vb === undefined) throw new Error(`${a} or ${b} does not parse`);
    expect(compareFluxVersions(va, vb)).toBe(expected);
    expect(compareFluxVersions(vb, va)).toBe(-expected || 0);
  });
  it('sorts a collection as sort.Sort(Collection) does', () => {
    const versions = MM_COLLECTION.raw.map((r) => newMastermindsVersion(r) as FluxVersion);
    expect(versions.sort(compareFluxVersions).map(show)).toEqual(MM_COLLECTION.sorted);
  });
});

describe(`the semver policy on Masterminds' constraint checks (${MM_CONSTRAINTS_TEST})`, () => {
  it.each(MM_CHECK)('%j on %s → %s', (range, version, check) => {
    const fluxParses = version.split('.').length >= 3;
    expect(selectLatest([version], { policy: 'semver', range })).toEqual(
      check && fluxParses ? ok(version, version) : failed(NONE),
    );
  });
});

describe('the semver policy as image-reflector-controller v1.x runs it', () => {
  it.each(POLICY)('%s: %s', (_source, _name, tags, range, pattern, expected) => {
    expect(selectLatest(tags, { policy: 'semver', range, pattern })).toEqual(expected);
  });

  it('counts its vectors', () => {
    const total =
      PKG_PARSE.length + MM_NEW_VERSION.length + EDGES.length + MM_COMPARE.length + MM_CHECK.length + POLICY.length + 1;
    expect(total).toBeGreaterThanOrEqual(200);
  });
});
