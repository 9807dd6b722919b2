import { describe, expect, it } from '@jest/globals';
import { findLink, parseLinkHeader } from '../../packages/common/link.js';
import { nextPageUrl } from '../../packages/github/versions.js';

describe('parseLinkHeader (RFC 8288 §3)', () => {
  it('reads several link-values of one header, in order, with their parameters', () => {
    expect(
      parseLinkHeader(
        '<https://api.github.com/r?page=1>; rel="prev", <https://api.github.com/r?page=3>; rel="next", <https://api.github.com/r?page=9>; rel="last"',
      ),
    ).toEqual([
      { target: 'https://api.github.com/r?page=1', rel: ['prev'], params: { rel: 'prev' } },
      { target: 'https://api.github.com/r?page=3', rel: ['next'], params: { rel: 'next' } },
      { target: 'https://api.github.com/r?page=9', rel: ['last'], params: { rel: 'last' } },
    ]);
  });

  it('keeps commas and semicolons inside the URI and inside quoted-strings', () => {
    const links = parseLinkHeader('</v2/a/tags/list?n=2&last=x,y;z>; title="a, b; c"; rel="next", </other>; rel=prev');
    expect(links.map((l) => [l.target, l.rel, l.params.title])).toEqual([
      ['/v2/a/tags/list?n=2&last=x,y;z', ['next'], 'a, b; c'],
      ['/other', ['prev'], undefined],
    ]);
  });

  it('unescapes quoted-pairs and reads bare token values', () => {
    expect(parseLinkHeader('</a>; title="say \\"hi\\" \\\\ there"; rel=next')[0]).toEqual({
      target: '/a',
      rel: ['next'],
      params: { title: 'say "hi" \\ there', rel: 'next' },
    });
  });

  it('splits rel into its relation types, case-insensitively, and ignores a repeated rel (§3.3)', () => {
    expect(parseLinkHeader('</a>; REL="Prev  NEXT"; rel="last"')[0]).toMatchObject({
      rel: ['prev', 'next'],
      params: { rel: 'Prev  NEXT' },
    });
    expect(findLink('</a>; rel="prev next"', 'next')).toBe('/a');
    expect(findLink('</a>; Rel=NeXt', 'next')).toBe('/a');
    expect(findLink('</a>; rel="last"; rel="next"', 'next')).toBeUndefined();
    // `nextish` is another relation type, not `next`
    expect(findLink('</a>; rel="nextish"', 'next')).toBeUndefined();
    // a parameter other than rel that mentions next is not a relation
    expect(findLink('</a>; title="next"', 'next')).toBeUndefined();
  });

  it('tolerates whitespace, empty list elements, several header lines and parameters without values', () => {
    expect(findLink(' ,  </library/node/tags/list?n=10000&last=10000>; rel="next", ', 'next')).toBe(
      '/library/node/tags/list?n=10000&last=10000',
    );
    expect(findLink(['</a>; rel="prev"', '</b>; rel="next"'], 'next')).toBe('/b');
    expect(parseLinkHeader('</a>;crossorigin; rel=next')[0]!.params).toEqual({ crossorigin: '', rel: 'next' });
    expect(parseLinkHeader('</a>\t;\trel\t=\t"next"')[0]!.rel).toEqual(['next']);
  });

  it('skips a malformed link-value and reads the ones after it', () => {
    expect(parseLinkHeader('garbage; rel="next", </b>; rel="next"').map((l) => l.target)).toEqual(['/b']);
    expect(parseLinkHeader('</a> junk; rel="next", </b>; rel="next"').map((l) => l.target)).toEqual(['/b']);
    expect(parseLinkHeader('</a>; title="unterminated, </b>; rel="next"')).toEqual([]);
    expect(parseLinkHeader('</a; rel="next"')).toEqual([]);
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader(undefined)).toEqual([]);
  });

  it('keeps parameter names that are Object.prototype properties as data', () => {
    const [link] = parseLinkHeader('</a>; __proto__="x"; constructor=y; rel=next');
    expect(link!.params.__proto__).toBe('x');
    expect(link!.params.constructor).toBe('y');
    expect(link!.rel).toEqual(['next']);
  });
});

describe('nextPageUrl (the GitHub client) uses the same parser', () => {
  it('finds rel="next" where a split on "," would not', () => {
    expect(nextPageUrl('<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next"')).toBe(
      'https://x/a?page=3',
    );
    expect(nextPageUrl('<https://x/a?q=a,b&page=2>; rel="next"')).toBe('https://x/a?q=a,b&page=2');
    expect(nextPageUrl('<https://x/a?page=2>; rel="prev next"')).toBe('https://x/a?page=2');
    expect(nextPageUrl(undefined)).toBeUndefined();
  });
});
