import { describe, expect, it } from '@jest/globals';
import { GoRegexpError } from '../../packages/tagging/go.js';
import {
  filterTags,
  fluxErrorIsStalled,
  selectLatest,
  type FluxPolicy,
  type FluxSelection,
} from '../../packages/tagging/flux.js';

const DEVELOP = '^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$';
const STAGING = '^staging-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$';
const PRODUCTION = '^production-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$';

const REPO = [
  'develop',
  'staging',
  'abc1234',
  'def5678',
  'develop-v1.2.3-abc1234-1738860123',
  'develop-v1.2.4-def5678-1738860200',
  'develop-v1.10.0-0123abc-1738860150',
  'staging-v1.2.3-abc1234-1738860999',
  'staging-v1.2.2-9999999-1738800000',
  'production-v1.2.2-9999999-1738700000',
  'sha256-0123.sig',
];

const ts = (pattern: string): Pick<FluxPolicy, 'pattern' | 'extract' | 'policy'> => ({
  pattern,
  extract: '$ts',
  policy: 'numerical',
});

type Case = [name: string, tags: string[], policy: FluxPolicy, expected: FluxSelection];

const ok = (tag: string, value: string, ties: string[] = []): FluxSelection => ({ ok: true, tag, value, ties });
const failed = (error: string): FluxSelection => ({ ok: false, error, stalled: false });
const stalledWith = (error: string): FluxSelection => ({ ok: false, error, stalled: true });

const cases: Case[] = [
  // --- the release model's environment patterns (README "Flux configuration") ---
  ['develop pattern picks the newest ts', REPO, ts(DEVELOP), ok('develop-v1.2.4-def5678-1738860200', '1738860200')],
  ['staging pattern picks the newest ts', REPO, ts(STAGING), ok('staging-v1.2.3-abc1234-1738860999', '1738860999')],
  ['production pattern with one tag', REPO, ts(PRODUCTION), ok('production-v1.2.2-9999999-1738700000', '1738700000')],
  [
    'ts decides, not the version: an older version with a newer ts wins',
    ['develop-v2.0.0-aaaaaaa-1700000000', 'develop-v1.0.0-bbbbbbb-1700000001'],
    ts(DEVELOP),
    ok('develop-v1.0.0-bbbbbbb-1700000001', '1700000001'),
  ],
  [
    'alias and sha tags never match the pattern',
    ['develop', 'abc1234', 'develop-v1.0.0-abc1234-1700000000'],
    ts(DEVELOP),
    ok('develop-v1.0.0-abc1234-1700000000', '1700000000'),
  ],
  [
    'uppercase hex sha does not match [a-f0-9]',
    ['develop-v1.0.0-ABC1234-1800000000', 'develop-v1.0.0-abc1234-1700000000'],
    ts(DEVELOP),
    ok('develop-v1.0.0-abc1234-1700000000', '1700000000'),
  ],
  [
    'no tag of the environment: empty list',
    ['develop', 'abc1234'],
    ts(STAGING),
    failed('version list argument cannot be empty'),
  ],

  // --- ties and de-duplication ---
  [
    'same ts from two builds: the byte-wise smallest tag keeps the key',
    ['develop-v1.0.0-bbbbbbb-1700000000', 'develop-v1.0.0-aaaaaaa-1700000000'],
    ts(DEVELOP),
    ok('develop-v1.0.0-aaaaaaa-1700000000', '1700000000'),
  ],
  [
    'same ts: a newer version does not win the tie, the byte order does',
    ['develop-v1.0.1-ccccccc-1700000000', 'develop-v1.0.0-ccccccc-1700000000'],
    ts(DEVELOP),
    ok('develop-v1.0.0-ccccccc-1700000000', '1700000000'),
  ],
  [
    'leading zero: different keys with equal value are a reported tie',
    ['b-01738860123', 'b-1738860123'],
    ts('^b-(?P<ts>[0-9]+)$'),
    ok('b-01738860123', '01738860123', ['b-1738860123']),
  ],
  [
    '1 and 1.0 and 01 with filterTags: random in Flux, reported',
    ['1', '1.0', '01'],
    { pattern: '', policy: 'numerical' },
    ok('01', '01', ['1', '1.0']),
  ],
  [
    '1 and 1.0 and 01 without filterTags: the last in storage order, deterministic',
    ['1', '1.0', '01'],
    { policy: 'numerical' },
    ok('01', '01'),
  ],
  [
    'values above 2^53 collapse to one double: tie',
    ['n-9007199254740993', 'n-9007199254740992'],
    ts('^n-(?P<ts>[0-9]+)$'),
    ok('n-9007199254740992', '9007199254740992', ['n-9007199254740993']),
  ],
  [
    'NaN among several keys: every other tag is a possible Flux answer',
    ['nan', '5', '7'],
    { pattern: '', policy: 'numerical' },
    ok('7', '7', ['5', 'nan']),
  ],
  [
    'NaN without filterTags: the stored order is replayed (nan, 7, 5 → 7)',
    ['nan', '5', '7'],
    { policy: 'numerical' },
    ok('7', '7'),
  ],

  // --- numerical: units, order, parsing ---
  [
    'a millisecond tag outranks every second tag, even when older',
    ['main-1738900000', 'main-1738860123000'],
    ts('^main-(?P<ts>[0-9]+)$'),
    ok('main-1738860123000', '1738860123000'),
  ],
  ['asc selects 10 over 9 (numbers, not strings)', ['9', '10', '2'], { policy: 'numerical' }, ok('10', '10')],
  ['desc selects the minimum', ['9', '10', '2'], { policy: 'numerical', order: 'desc' }, ok('2', '2')],
  ['order is case-insensitive: DESC', ['9', '10', '2'], { policy: 'numerical', order: 'DESC' }, ok('2', '2')],
  ['order is case-insensitive: Desc', ['9', '10', '2'], { policy: 'numerical', order: 'Desc' }, ok('2', '2')],
  ['empty order is ASC', ['9', '10', '2'], { policy: 'numerical', order: '' }, ok('10', '10')],
  ['leading zeros are ignored: 0009 < 10', ['0009', '10'], { policy: 'numerical' }, ok('10', '10')],
  ['fractions count', ['1.5', '1.25'], { policy: 'numerical' }, ok('1.5', '1.5')],
  [
    'a hex float with p exponent parses: 0x1p4 = 16 > 15',
    ['0x1p4', '15'],
    { policy: 'numerical' },
    ok('0x1p4', '0x1p4'),
  ],
  ['inf is the largest value', ['inf', '99999'], { policy: 'numerical' }, ok('inf', 'inf')],
  [
    'a non-numeric tag without filterTags fails the whole policy',
    ['1', '2', 'latest'],
    { policy: 'numerical' },
    failed("failed to parse invalid numeric value 'latest'"),
  ],
  [
    'a non-numeric key fails the whole policy, not skipped',
    ['v-1', 'v-2', 'v-abc'],
    { pattern: '^v-(?P<n>.+)$', extract: '$n', policy: 'numerical' },
    failed("failed to parse invalid numeric value 'abc'"),
  ],
  [
    'hex without p exponent is not a number in Go',
    ['0x10', '1'],
    { policy: 'numerical' },
    failed("failed to parse invalid numeric value '0x10'"),
  ],
  [
    'overflow to Inf is an error (ErrRange)',
    ['1e400'],
    { policy: 'numerical' },
    failed("failed to parse invalid numeric value '1e400'"),
  ],
  ['underscore between digits is accepted', ['1_000', '999'], { policy: 'numerical' }, ok('1_000', '1_000')],
  [
    'extract evaluating to "" ($ts0 when the group is ts) fails numerical',
    ['x-1', 'x-2'],
    { pattern: '^x-(?P<ts>[0-9]+)$', extract: '$ts0', policy: 'numerical' },
    failed("failed to parse invalid numeric value ''"),
  ],
  [
    'extract without pattern: pattern "" matches the empty string, $0 is ""',
    ['1', '2'],
    { extract: '$0', policy: 'numerical' },
    failed("failed to parse invalid numeric value ''"),
  ],

  // --- the pattern ---
  [
    'the pattern is unanchored',
    ['x-5-y', 'x-10', 'y'],
    { pattern: '(?P<ts>[0-9]+)', extract: '$ts', policy: 'numerical' },
    ok('x-10', '10'),
  ],
  [
    '$0 is the matched text, not the whole tag',
    ['a-7-b', 'c-12'],
    { pattern: '[0-9]+', extract: '$0', policy: 'numerical' },
    ok('c-12', '12'),
  ],
  [
    'unanchored: a substring of another environment matches',
    ['develop-1', 'not-develop-2'],
    { pattern: 'develop-(?P<ts>[0-9]+)', extract: '$ts', policy: 'numerical' },
    ok('not-develop-2', '2'),
  ],
  [
    '(?i) flag group works',
    ['DEVELOP-5', 'develop-3'],
    { pattern: '(?i)^develop-(?P<ts>[0-9]+)$', extract: '$ts', policy: 'numerical' },
    ok('DEVELOP-5', '5'),
  ],
  [
    'the same group name in two alternatives',
    ['a-5', 'b-7', 'c-9'],
    { pattern: '^a-(?P<ts>[0-9]+)$|^b-(?P<ts>[0-9]+)$', extract: '$ts', policy: 'numerical' },
    ok('b-7', '7'),
  ],
  [
    '(?<name>) form with literal text around the variable',
    ['r-1-5', 'r-1-12'],
    { pattern: '^r-(?<major>[0-9]+)-(?<minor>[0-9]+)$', extract: '${major}.${minor}', policy: 'numerical' },
    ok('r-1-5', '1.5'),
  ],
  [
    'lookahead is a stalled pattern error',
    ['a'],
    { pattern: '^a(?=b)', policy: 'numerical' },
    stalledWith(
      "failed to filter tags: invalid regular expression pattern '^a(?=b)': error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
    ),
  ],
  [
    'a backreference is a stalled pattern error',
    ['aa'],
    { pattern: '(a)\\1', policy: 'alphabetical' },
    stalledWith(
      "failed to filter tags: invalid regular expression pattern '(a)\\1': error parsing regexp: invalid escape sequence: `\\1`",
    ),
  ],
  [
    'a repeat count above 1000 is a stalled pattern error',
    ['a'],
    { pattern: 'a{1001}', policy: 'alphabetical' },
    stalledWith(
      "failed to filter tags: invalid regular expression pattern 'a{1001}': error parsing regexp: invalid repeat count: `{1001}`",
    ),
  ],
  [
    'a bad order is reported before a bad pattern (the controller builds the policy first)',
    ['a'],
    { pattern: '(', policy: 'numerical', order: 'newest' },
    stalledWith("invalid policy: invalid order argument provided: 'NEWEST', must be one of: ASC, DESC"),
  ],
  [
    'bad order for alphabetical',
    ['a'],
    { policy: 'alphabetical', order: 'up' },
    stalledWith("invalid policy: invalid order argument provided: 'UP', must be one of: ASC, DESC"),
  ],
  ['no tags at all', [], { policy: 'numerical' }, failed('no tags in database')],
  ['no tags at all, even with a bad pattern', [], { pattern: '(', policy: 'numerical' }, failed('no tags in database')],

  // --- alphabetical ---
  ['alphabetical is case-sensitive: "Z" < "a"', ['Z', 'a'], { policy: 'alphabetical' }, ok('a', 'a')],
  ['alphabetical desc: "Z" < "a"', ['Z', 'a'], { policy: 'alphabetical', order: 'desc' }, ok('Z', 'Z')],
  ['alphabetical compares bytes: "9" > "10"', ['9', '10'], { policy: 'alphabetical' }, ok('9', '9')],
  [
    'alphabetical RELEASE timestamp example from the Flux docs',
    ['RELEASE.2024-01-01T00-00-00Z', 'RELEASE.2024-02-01T00-00-00Z', 'latest'],
    { pattern: '^RELEASE\\.(?P<timestamp>.*)Z$', extract: '$timestamp', policy: 'alphabetical' },
    ok('RELEASE.2024-02-01T00-00-00Z', '2024-02-01T00-00-00'),
  ],
  [
    'alphabetical: an extract evaluating to "" is a value like any other (smallest)',
    ['y-2', 'z-1'],
    { pattern: '^(?:(?P<k>z)|y)-[0-9]$', extract: '$k', policy: 'alphabetical', order: 'desc' },
    ok('y-2', ''),
  ],
  [
    'alphabetical asc over the same keys picks the non-empty one',
    ['y-2', 'z-1'],
    { pattern: '^(?:(?P<k>z)|y)-[0-9]$', extract: '$k', policy: 'alphabetical' },
    ok('z-1', 'z'),
  ],
  [
    'following a moving tag: ^latest$ with alphabetical',
    ['latest', 'v1', 'latest-old'],
    { pattern: '^latest$', policy: 'alphabetical' },
    ok('latest', 'latest'),
  ],

  // --- semver ---
  [
    'semver caret',
    ['1.0.0', '1.2.0', '2.0.0', 'v1.3.0'],
    { policy: 'semver', range: '^1.0.0' },
    ok('v1.3.0', 'v1.3.0'),
  ],
  [
    'semver excludes prereleases by default',
    ['1.0.0', '1.1.0-rc.1'],
    { policy: 'semver', range: '>=1.0.0' },
    ok('1.0.0', '1.0.0'),
  ],
  [
    'semver ^1.x-0 includes prereleases',
    ['1.0.0', '1.1.0-rc.1'],
    { policy: 'semver', range: '^1.x-0' },
    ok('1.1.0-rc.1', '1.1.0-rc.1'),
  ],
  [
    'semver >=1.0.0-0 includes prereleases of other versions (npm would not)',
    ['1.0.0', '2.0.0-rc.1'],
    { policy: 'semver', range: '>=1.0.0-0' },
    ok('2.0.0-rc.1', '2.0.0-rc.1'),
  ],
  [
    'a release beats its prerelease',
    ['1.1.0', '1.1.0-rc.1'],
    { policy: 'semver', range: '>=1.0.0-0' },
    ok('1.1.0', '1.1.0'),
  ],
  [
    'prerelease identifiers compare numerically',
    ['1.0.0-rc.9', '1.0.0-rc.10'],
    { policy: 'semver', range: '>=1.0.0-0' },
    ok('1.0.0-rc.10', '1.0.0-rc.10'),
  ],
  [
    'values that are not strict X.Y.Z are skipped silently',
    ['latest', '1.0', '01.0.0', '1.0.0', 'vv2.0.0', 'V3.0.0'],
    { policy: 'semver', range: '*' },
    ok('1.0.0', '1.0.0'),
  ],
  [
    'semver: nothing satisfies the range',
    ['1.0.0'],
    { policy: 'semver', range: '>=2.0.0' },
    failed('unable to determine latest version from provided list'),
  ],
  [
    'semver: no value parses',
    ['latest'],
    { policy: 'semver', range: '*' },
    failed('unable to determine latest version from provided list'),
  ],
  [
    'invalid range is a stalled policy',
    ['1.0.0'],
    { policy: 'semver', range: 'not a range' },
    stalledWith('invalid policy: improper constraint: "not a range"'),
  ],
  [
    'empty range is invalid',
    ['1.0.0'],
    { policy: 'semver', range: '' },
    stalledWith('invalid policy: improper constraint: ""'),
  ],
  [
    'hyphen range is inclusive',
    ['1.4.9', '1.5.0', '1.5.1'],
    { policy: 'semver', range: '1.0.0 - 1.5.0' },
    ok('1.5.0', '1.5.0'),
  ],
  [
    'OR ranges',
    ['0.9.0', '2.0.0', '3.1.0', '0.5.0'],
    { policy: 'semver', range: '<1.0.0 || >=3.0.0' },
    ok('3.1.0', '3.1.0'),
  ],
  [
    'comma AND ranges',
    ['1.1.0', '1.9.9', '2.0.0'],
    { policy: 'semver', range: '>=1.2.0, <2.0.0' },
    ok('1.9.9', '1.9.9'),
  ],
  [
    'space AND ranges',
    ['1.1.0', '1.9.9', '2.0.0'],
    { policy: 'semver', range: '>= 1.2.0 < 2.0.0' },
    ok('1.9.9', '1.9.9'),
  ],
  ['tilde ~1.2', ['1.2.9', '1.3.0'], { policy: 'semver', range: '~1.2' }, ok('1.2.9', '1.2.9')],
  [
    'Masterminds >1.2 means a greater minor',
    ['1.2.9', '1.3.0'],
    { policy: 'semver', range: '>1.2' },
    ok('1.3.0', '1.3.0'),
  ],
  [
    'Masterminds >1.2 excludes 1.2.9',
    ['1.2.9'],
    { policy: 'semver', range: '>1.2' },
    failed('unable to determine latest version from provided list'),
  ],
  ['Masterminds <=1.2 includes 1.2.x', ['1.2.9', '1.3.0'], { policy: 'semver', range: '<=1.2' }, ok('1.2.9', '1.2.9')],
  ['caret on 0.x', ['0.2.3', '0.2.9', '0.3.0'], { policy: 'semver', range: '^0.2.3' }, ok('0.2.9', '0.2.9')],
  ['an exact version pins the policy', ['5.0.0', '5.0.1'], { policy: 'semver', range: '5.0.0' }, ok('5.0.0', '5.0.0')],
  ['!= excludes one version', ['5.0.0', '5.0.1'], { policy: 'semver', range: '!=5.0.1' }, ok('5.0.0', '5.0.0')],
  [
    'equal versions without filterTags: the first in storage order wins',
    ['1.0.0', 'v1.0.0'],
    { policy: 'semver', range: '1.0.0' },
    ok('v1.0.0', 'v1.0.0'),
  ],
  [
    'equal versions with filterTags: random in Flux, reported',
    ['1.0.0', 'v1.0.0'],
    { pattern: '', policy: 'semver', range: '1.0.0' },
    ok('1.0.0', '1.0.0', ['v1.0.0']),
  ],
  [
    'semver on an extracted version maps back to the original tag',
    ['app-1.2.0-100', 'app-1.10.0-50', 'app-latest'],
    { pattern: '^app-(?P<ver>[0-9]+\\.[0-9]+\\.[0-9]+)-[0-9]+$', extract: '$ver', policy: 'semver', range: '>=1.0.0' },
    ok('app-1.10.0-50', '1.10.0'),
  ],
  [
    'semver: the same extracted version from two tags keeps the byte-wise smallest tag',
    ['1.0.0-b', '1.0.0-a'],
    { pattern: '^(?P<v>[0-9.]+)-', extract: '$v', policy: 'semver', range: '*' },
    ok('1.0.0-a', '1.0.0'),
  ],
];

describe('selectLatest: Flux image policy table', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (_name, tags, policy, expected) => {
    expect(selectLatest(tags, policy)).toEqual(expected);
  });
});

// Rows of Masterminds/semver's TestConstraintsCheck (constraints_test.go) whose version is a strict
// X.Y.Z, i.e. one Flux's ParseVersion accepts: the port must agree with the library row by row.
const MASTERMINDS_CHECKS: [range: string, version: string, satisfies: boolean][] = [
  ['*', '1.2.3', true],
  ['~0.0.0', '1.2.3', true],
  ['0.x.x', '1.2.3', false],
  ['0.0.x', '1.2.3', false],
  ['0.0.0', '1.2.3', false],
  ['^0.0.0', '1.2.3', false],
  ['= 2.0', '1.2.3', false],
  ['= 2.0', '2.0.0', true],
  ['4.1', '4.1.0', true],
  ['4.1.x', '4.1.3', true],
  ['!=4.1', '4.1.0', false],
  ['!=4.1-alpha', '4.1.0-alpha', false],
  ['!=4.1-alpha', '4.1.1-alpha', false],
  ['!=4.1-alpha', '4.1.0', true],
  ['!=4.1', '5.1.0', true],
  ['!=4.x', '5.1.0', true],
  ['!=4.x', '4.1.0', false],
  ['!=4.1.x', '4.2.0', true],
  ['!=4.2.x', '4.2.3', false],
  ['>1.1', '4.1.0', true],
  ['>1.1', '1.1.0', false],
  ['<1.1', '0.1.0', true],
  ['<1.1', '1.1.0', false],
  ['<1.1', '1.1.1', false],
  ['<1.x', '1.1.1', false],
  ['<1.x', '0.1.1', true],
  ['<1.x', '2.0.0', false],
  ['<1.1.x', '1.2.1', false],
  ['<1.1.x', '1.1.500', false],
  ['<1.1.x', '1.0.500', true],
  ['<1.2.x', '1.1.1', true],
  ['>=1.1', '4.1.0', true],
  ['>=1.1', '4.1.0-beta', false],
  ['>=1.1', '1.1.0', true],
  ['>=1.1', '0.0.9', false],
  ['<=1.1', '0.1.0', true],
  ['<=1.1', '0.1.0-alpha', false],
  ['<=1.1-a', '0.1.0-alpha', true],
  ['<=1.1', '1.1.0', true],
  ['<=1.x', '1.1.0', true],
  ['<=2.x', '3.0.0', false],
  ['<=1.1', '1.1.1', true],
  ['<=1.1.x', '1.2.500', false],
  ['<=4.5', '3.4.0', true],
  ['<=4.5', '3.7.0', true],
  ['<=4.5', '4.6.3', false],
  ['>1.1, <2', '1.1.1', false],
  ['>1.1, <2', '1.2.1', true],
  ['>1.1, <3', '4.3.2', false],
  ['>=1.1, <2, !=1.2.3', '1.2.3', false],
  ['>1.1 <2', '1.1.1', false],
  ['>1.1 <2', '1.2.1', true],
  ['>1.1    <3', '4.3.2', false],
  ['>=1.1    <2    !=1.2.3', '1.2.3', false],
  ['>=1.1, <2, !=1.2.3 || > 3', '4.1.2', true],
  ['>=1.1, <2, !=1.2.3 || > 3', '3.1.2', false],
  ['>=1.1, <2, !=1.2.3 || >= 3', '3.0.0', true],
  ['>=1.1, <2, !=1.2.3 || > 3', '3.0.0', false],
  ['>=1.1, <2, !=1.2.3 || > 3', '1.2.3', false],
  ['> 1.1, <     2', '1.1.1', false],
  ['>   1.1, <2', '1.2.1', true],
  ['>= 1.1 <2 != 1.2.3 || >= 3', '3.0.0', true],
  ['>= 1.0.0  <= 2.0.0-beta', '1.0.1-beta', true],
  ['>= 1.0.0  <= 2.0.0-beta', '1.0.1', true],
  ['>= 1.0.0  <= 2.0.0-beta', '3.0.0', false],
  ['>= 1.0.0  <= 2.0.0-beta || > 3', '1.0.1-beta', true],
  ['>= 1.0.0  <= 2.0.0-beta || > 3', '3.0.1-beta', false],
  ['>= 1.0.0  <= 2.0.0-beta != 1.0.1 || > 3', '1.0.1-beta', true],
  ['>= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3', '1.0.1-beta', false],
  ['>= 1.0.0-0  <= 2.0.0', '1.0.1-beta', true],
  ['1.1 - 2', '1.1.1', true],
  ['1.5.0 - 4.5', '3.7.0', true],
  ['1.1-3', '4.3.2', false],
  ['^1.1', '1.1.1', true],
  ['^1.1', '4.3.2', false],
  ['^1.x', '1.1.1', true],
  ['^2.x', '1.1.1', false],
  ['^1.x', '2.1.1', false],
  ['^1.x', '1.1.1-beta1', false],
  ['^1.1.2-alpha', '1.2.1-beta1', true],
  ['^1.2.x-alpha', '1.1.1-beta1', false],
  ['^0.0.1', '0.0.1', true],
  ['^0.0.1', '0.3.1', false],
  ['~*', '2.1.1', true],
  ['~1', '2.1.1', false],
  ['~1', '1.3.5', true],
  ['~1.x', '2.1.1', false],
  ['~1.x', '1.3.5', true],
  ['~1.1', '1.1.1', true],
  ['~1.1', '1.1.1-alpha', false],
  ['~1.1-alpha', '1.1.1-beta', true],
  ['~1.1.1-beta', '1.1.1-alpha', false],
  ['~1.1.1-beta', '1.1.1', true],
  ['~1.2.3', '1.2.5', true],
  ['~1.2.3', '1.2.2', false],
  ['~1.2.3', '1.3.2', false],
  ['~1.1', '1.2.3', false],
  ['~1.3', '2.4.5', false],
  ['1.0.0 - 2.0.0 <=2.0.0', '1.5.0', true],
  ['1.0.0 - 2.0.0, <=2.0.0', '1.5.0', true],
];

describe('semver constraints agree with Masterminds TestConstraintsCheck', () => {
  it.each(MASTERMINDS_CHECKS)('%j on %s → %s', (range, version, satisfies) => {
    const result = selectLatest([version], { policy: 'semver', range });
    expect(result).toEqual(
      satisfies ? ok(version, version) : failed('unable to determine latest version from provided list'),
    );
  });
});

describe('filterTags', () => {
  it('maps keys to original tags with last-write-wins in descending byte order', () => {
    const result = filterTags(['x-2-b', 'x-2-a', 'x-3-c', 'y'], '^x-(?P<n>[0-9])', '$n');
    expect([...result.entries()].sort()).toEqual([
      ['2', 'x-2-a'],
      ['3', 'x-3-c'],
    ]);
  });

  it('uses the tag as key when extract is empty and drops tags that do not match', () => {
    const result = filterTags(['b', 'a', 'c1'], '^[a-b]$');
    expect([...result.entries()].sort()).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it('throws GoRegexpError for a pattern Go rejects', () => {
    expect(() => filterTags(['a'], '(?<=a)b')).toThrow(GoRegexpError);
    expect(() => filterTags(['a'], '(?<=a)b')).toThrow('error parsing regexp: invalid named capture: `(?<=a)b`');
  });
});

describe('fluxErrorIsStalled', () => {
  it('tells InvalidPolicy errors from Failure errors', () => {
    expect(fluxErrorIsStalled('invalid policy: improper constraint: "x"')).toBe(true);
    expect(fluxErrorIsStalled("failed to filter tags: invalid regular expression pattern '(': x")).toBe(true);
    expect(fluxErrorIsStalled('version list argument cannot be empty')).toBe(false);
    expect(fluxErrorIsStalled("failed to parse invalid numeric value 'x'")).toBe(false);
  });
});
