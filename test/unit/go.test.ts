import { describe, expect, it } from '@jest/globals';
import {
  GoNumError,
  GoRegexpError,
  compileGoRegexp,
  goExpand,
  goParseFloat,
  goQuote,
  goStringCompare,
} from '../../packages/tagging/go.js';

describe('goParseFloat: accepted like strconv.ParseFloat(s, 64)', () => {
  const accepted: [string, number][] = [
    ['0', 0],
    ['007', 7],
    ['0009', 9],
    ['+5', 5],
    ['-5', -5],
    ['1.', 1],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1.5e3', 1500],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['1e+2', 100],
    ['1e1_0', 1e10],
    ['1_000', 1000],
    ['1_000.5', 1000.5],
    ['1_0.0_1', 10.01],
    ['0x1p4', 16],
    ['0x1.8p1', 3],
    ['0x_1p4', 16],
    ['0X1P-2', 0.25],
    ['0x.8p1', 1],
    ['0x1.p1', 2],
    ['0xAbCp0', 0xabc],
    ['-0x1p4', -16],
    ['0x1.fffffffffffffp1023', Number.MAX_VALUE],
    ['0x1p-1074', 5e-324],
    // exactly half the smallest subnormal: ties to even, i.e. to zero
    ['0x1p-1075', 0],
    // 1.5 units of the smallest subnormal: ties to even, i.e. 2 units
    ['0x3p-1075', 2 * 5e-324],
    ['0x0p99999', 0],
    ['inf', Infinity],
    ['Inf', Infinity],
    ['INF', Infinity],
    ['infinity', Infinity],
    ['+Infinity', Infinity],
    ['-inf', -Infinity],
    ['-InFiNiTy', -Infinity],
    ['5e-400', 0],
    ['0e99999', 0],
    ['1738860123', 1738860123],
    ['1738860123000', 1738860123000],
    ['9007199254740992', 9007199254740992],
    // above 2^53 distinct integers collapse to one double, as in Go
    ['9007199254740993', 9007199254740992],
    ['1.7976931348623157e308', Number.MAX_VALUE],
  ];
  it.each(accepted)('%j → %d', (input, expected) => {
    expect(goParseFloat(input)).toBe(expected);
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(goParseFloat('-0'), -0)).toBe(true);
    expect(Object.is(goParseFloat('-0x0p0'), -0)).toBe(true);
    expect(Object.is(goParseFloat('0'), 0)).toBe(true);
  });

  it.each(['nan', 'NaN', 'NAN', 'nAn'])('%j → NaN', (input) => {
    expect(Number.isNaN(goParseFloat(input))).toBe(true);
  });
});

describe('goParseFloat: rejected like strconv.ParseFloat(s, 64)', () => {
  const syntax = [
    '',
    '.',
    ' 5',
    '5 ',
    '+',
    '-',
    '1.2.3',
    '0b101',
    '0o7',
    '0x10',
    '0x1.8',
    '0x',
    '0xp1',
    '1e',
    '1e+',
    '1e_5',
    '1e5_',
    'e5',
    'infin',
    'infinityy',
    'in',
    '+NaN',
    '-nan',
    'nanx',
    '_1',
    '1_',
    '1__0',
    '1_.5',
    '1._5',
    '12abc',
    '+-1',
    '1,000',
    '١٢',
    'Infinity ',
  ];
  it.each(syntax)('%j → invalid syntax', (input) => {
    expect(() => goParseFloat(input)).toThrow(new GoNumError(input, 'invalid syntax'));
  });

  it.each(['1e400', '-1e400', '0x1p1024', '0x1.fffffffffffff8p1023', '1e99999999999'])(
    '%j → value out of range (Go returns ±Inf with ErrRange)',
    (input) => {
      expect(() => goParseFloat(input)).toThrow(new GoNumError(input, 'value out of range'));
    },
  );

  it("uses Go's error text", () => {
    expect(() => goParseFloat('abc')).toThrow('strconv.ParseFloat: parsing "abc": invalid syntax');
    expect(() => goParseFloat('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
  });
});

describe('goExpand: Regexp.ExpandString grammar', () => {
  const re = compileGoRegexp('^(?P<env>[a-z]+)-(?P<ts>[0-9]+)(?:-(?P<opt>x))?$');
  const match = re.match('develop-1738860123');
  if (match === null) throw new Error('test pattern does not match');

  const table: [string, string][] = [
    ['$ts', '1738860123'],
    ['${ts}', '1738860123'],
    ['$$', '$'],
    ['$$ts', '$ts'],
    ['$1', 'develop'],
    ['${1}', 'develop'],
    ['$2', '1738860123'],
    ['$0', 'develop-1738860123'],
    ['$01', ''],
    ['${01}', ''],
    ['$9', ''],
    ['$ts0', ''],
    ['$ts_1', ''],
    ['$ts.5', '1738860123.5'],
    ['${ts', '${ts'],
    ['${}', '${}'],
    ['$-', '$-'],
    ['$', '$'],
    ['a$', 'a$'],
    ['$unknown', ''],
    ['$TS', ''],
    ['$opt', ''],
    ['1${ts}', '11738860123'],
    ['${env}.${ts}', 'develop.1738860123'],
    ['v$env-x', 'vdevelop-x'],
    ['literal only', 'literal only'],
    ['', ''],
  ];
  it.each(table)('%j → %j', (template, expected) => {
    expect(goExpand(template, match)).toBe(expected);
  });

  it('$0 is the text the pattern matched, not the whole tag', () => {
    const m = compileGoRegexp('(?P<ts>[0-9]+)').match('abc-123-def');
    expect(m).not.toBeNull();
    expect(goExpand('$0', m!)).toBe('123');
    expect(goExpand('[$ts]', m!)).toBe('[123]');
  });

  it('a name is the longest run of letters, digits and underscores (Unicode letters too)', () => {
    const m = compileGoRegexp('(?P<a>x)').match('x');
    expect(goExpand('$aé', m!)).toBe('');
    expect(goExpand('$a€', m!)).toBe('x€');
  });
});

describe('compileGoRegexp: Go syntax and semantics', () => {
  it('accepts (?P<name>) and (?<name>) and reports names like SubexpNames', () => {
    expect(compileGoRegexp('(?P<ts>[0-9]+)-(x)-(?<sha>[a-f]+)').subexpNames).toEqual(['', 'ts', '', 'sha']);
  });

  it('accepts group names starting with a digit, as Go does', () => {
    const re = compileGoRegexp('(?P<1a>x)');
    expect(re.subexpNames).toEqual(['', '1a']);
    expect(goExpand('$1a', re.match('x')!)).toBe('x');
  });

  it('accepts a repeated group name and expands the group that took part', () => {
    const re = compileGoRegexp('^a-(?P<ts>[0-9]+)$|^b-(?P<ts>[0-9]+)$');
    expect(re.subexpNames).toEqual(['', 'ts', 'ts']);
    expect(goExpand('$ts', re.match('b-42')!)).toBe('42');
    expect(goExpand('$ts', re.match('a-7')!)).toBe('7');
  });

  it('searches unanchored, leftmost-first', () => {
    const m = compileGoRegexp('(a|ab)(c|bcd)(d*)').match('xabcd');
    expect(m?.groups).toEqual(['abcd', 'a', 'bcd', '']);
    expect(m?.index).toBe(1);
    expect(compileGoRegexp('develop').match('not-develop-1')?.whole).toBe('develop');
  });

  it('returns null for a group that did not take part', () => {
    const m = compileGoRegexp('(?P<a>x)?(y)').match('zy');
    expect(m?.groups).toEqual(['y', null, 'y']);
    expect(m?.group('a')).toBeNull();
    expect(m?.group(7)).toBeNull();
  });

  const behaviour: [string, string, string | null][] = [
    ['(?i)abc', 'xABC', 'ABC'],
    ['a\\z', 'a', 'a'],
    ['a\\z', 'a\n', null],
    ['a$', 'a\n', null],
    ['\\Aab', 'ab', 'ab'],
    ['\\Aab', 'cab', null],
    ['\\Qa.b\\E', 'xa.b', 'a.b'],
    ['\\Qa.b\\E', 'axb', null],
    ['[[:alpha:]]+', '12ab3', 'ab'],
    ['[[:^alpha:]]+', 'ab12c', '12'],
    ['\\pN+', 'ab12', '12'],
    ['\\p{Greek}+', 'aαβ', 'αβ'],
    ['(?s)a.b', 'a\nb', 'a\nb'],
    ['a.b', 'a\nb', null],
    ['(?U)a+', 'aaa', 'a'],
    ['a{1000}', 'a'.repeat(1000), 'a'.repeat(1000)],
  ];
  it.each(behaviour)('%j on %j matches %j', (pattern, text, expected) => {
    const m = compileGoRegexp(pattern).match(text);
    expect(m === null ? null : m.whole).toBe(expected);
  });

  const errors: [string, string][] = [
    ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['(?!x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
    ['(?<=x)', 'error parsing regexp: invalid named capture: `(?<=x)`'],
    ['a(?<!x)b', 'error parsing regexp: invalid named capture: `(?<!x)b`'],
    ['\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['(?P=n)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?P`'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['(x{500}){3}', 'error parsing regexp: invalid repeat count: `{3}`'],
    ['(?P<a-b>x)', 'error parsing regexp: invalid named capture: `(?P<a-b>`'],
    ['(?P<>x)', 'error parsing regexp: invalid named capture: `(?P<>`'],
    ['(?P<é>x)', 'error parsing regexp: invalid named capture: `(?P<é>`'],
    ['(', 'error parsing regexp: missing closing ): `(`'],
    ['a(b', 'error parsing regexp: missing closing ): `a(b`'],
    ['a)', 'error parsing regexp: unexpected ): `a)`'],
    ['[a', 'error parsing regexp: missing closing ]: `[a`'],
    ['*', 'error parsing regexp: missing argument to repetition operator: `*`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
    ['\\Z', 'error parsing regexp: invalid escape sequence: `\\Z`'],
    ['\\C', 'error parsing regexp: invalid escape sequence: `\\C`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['[[:foo:]]', 'error parsing regexp: invalid character class range: `[:foo:]`'],
    ['\\pX', 'error parsing regexp: invalid character class range: `\\pX`'],
    ['(?z)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?z`'],
    // the expression Go quotes shows the user's names, not the rewrite of repeated names
    ['(?P<n>a)(?P<n>b)(', 'error parsing regexp: missing closing ): `(?P<n>a)(?P<n>b)(`'],
  ];
  it.each(errors)('%j → %s', (pattern, message) => {
    let thrown: unknown;
    try {
      compileGoRegexp(pattern);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(GoRegexpError);
    expect((thrown as Error).message).toBe(message);
  });

  it('reports nesting that is too deep with the whole pattern, as Go does', () => {
    const pattern = `${'('.repeat(1001)}a${')'.repeat(1001)}`;
    expect(() => compileGoRegexp(pattern)).toThrow(`error parsing regexp: expression nests too deeply: \`${pattern}\``);
  });
});

describe('goQuote and goStringCompare', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(goQuote('\n\t\x00\x7f')).toBe('"\\n\\t\\x00\\x7f"');
    expect(goQuote('é')).toBe('"é"');
  });

  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    expect(goStringCompare('Z', 'a')).toBeLessThan(0);
    expect(goStringCompare('10', '9')).toBeLessThan(0);
    expect(goStringCompare('ab', 'a')).toBeGreaterThan(0);
    expect(goStringCompare('x', 'x')).toBe(0);
    // U+FF5E is below U+1F600 in UTF-8 although its UTF-16 unit is above the surrogate
    expect(goStringCompare('\uff5e', '😀')).toBeLessThan(0);
    expect('\uff5e' < '😀').toBe(false);
  });
});
