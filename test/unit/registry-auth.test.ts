import { describe, expect, it } from '@jest/globals';
import {
  isLoopbackHost,
  parseTokenResponse,
  parseWwwAuthenticate,
  realmProblem,
  scopeCovers,
} from '../../packages/registry/auth.js';

describe('parseWwwAuthenticate', () => {
  it('reads a distribution Bearer challenge', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:org/app:pull"'),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:org/app:pull' },
      },
    ]);
  });

  it('keeps commas inside quoted strings and unescapes quoted-pairs', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://a.example/token",scope="repository:a:pull,push",error="say \\"no\\", twice"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://a.example/token', scope: 'repository:a:pull,push', error: 'say "no", twice' },
      },
    ]);
  });

  it('splits several challenges and lower-cases schemes and parameter names', () => {
    expect(
      parseWwwAuthenticate('Basic realm="Registry Realm", BEARER Realm="https://auth.example/t" , Service=reg'),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://auth.example/t', service: 'reg' } },
    ]);
  });

  it('accepts unquoted tokens, spaces around "=" and a bare scheme', () => {
    expect(parseWwwAuthenticate('Bearer realm = https://x/token , service = svc, Negotiate')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/token', service: 'svc' } },
      { scheme: 'negotiate', params: {} },
    ]);
  });

  it('reads a token68 challenge', () => {
    expect(parseWwwAuthenticate('Negotiate abc+/def==, Basic realm="r"')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'abc+/def==' },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('returns nothing for an empty header and keeps what it read before an unterminated quote', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('Bearer realm="https://x/t",service="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/t' } },
    ]);
  });
});

describe('realmProblem', () => {
  const registry = new URL('https://registry.example.com');
  const loopbackRegistry = new URL('http://127.0.0.1:5000');

  it('accepts an https realm elsewhere', () => {
    expect(realmProblem('https://auth.example.com/token', registry)).toBeUndefined();
  });

  it('refuses a plain-http realm unless its host is listed as insecure', () => {
    expect(realmProblem('http://auth.example.com/token', registry)).toBe(
      'it is plain http; credentials are only sent over https',
    );
    expect(realmProblem('http://auth.example.com/token', registry, ['auth.example.com'])).toBeUndefined();
  });

  it('refuses loopback, private and link-local realms named by a remote registry', () => {
    expect(realmProblem('https://127.0.0.1:9000/token', registry)).toBe(
      'it points at a loopback address while the registry does not',
    );
    expect(realmProblem('https://localhost/token', registry)).toBe(
      'it points at a loopback address while the registry does not',
    );
    expect(realmProblem('https://10.1.2.3/token', registry)).toBe('it points at a private or link-local address');
    expect(realmProblem('https://169.254.169.254/latest', registry)).toBe(
      'it points at a private or link-local address',
    );
    expect(realmProblem('https://[fe80::1]/token', registry)).toBe('it points at a private or link-local address');
  });

  it("always accepts the registry's own host and port, and loopback realms of a loopback registry", () => {
    expect(realmProblem('http://127.0.0.1:5000/token', loopbackRegistry)).toBeUndefined();
    expect(realmProblem('http://127.0.0.1:5001/token', loopbackRegistry)).toBeUndefined();
    expect(realmProblem('https://registry.example.com/token', registry)).toBeUndefined();
    expect(realmProblem('http://registry.example.com:443/token', registry)).toBe(
      'it is plain http; credentials are only sent over https',
    );
  });

  it('refuses a realm that is not an http(s) URL or carries credentials', () => {
    expect(realmProblem('/token', registry)).toBe('it is not an absolute URL');
    expect(realmProblem('file:///etc/passwd', registry)).toBe('its scheme file: is not https');
    expect(realmProblem('https://u:p@auth.example.com/token', registry)).toBe('it carries credentials in the URL');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.5.6.7', true],
    ['localhost', true],
    ['[::1]', true],
    ['::1', true],
    ['128.0.0.1', false],
    ['ghcr.io', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('parseTokenResponse', () => {
  it('takes token or access_token, and expires_in of at least 60 s (default 60)', () => {
    expect(parseTokenResponse({ token: 'a', expires_in: 300 })).toEqual({ token: 'a', expiresInSeconds: 300 });
    expect(parseTokenResponse({ access_token: 'b' })).toEqual({ token: 'b', expiresInSeconds: 60 });
    expect(parseTokenResponse({ token: 'c', access_token: 'c', expires_in: 10 })).toEqual({
      token: 'c',
      expiresInSeconds: 60,
    });
    expect(parseTokenResponse({ token: '' })).toBeUndefined();
    expect(parseTokenResponse(null)).toBeUndefined();
  });
});

describe('scopeCovers', () => {
  it('matches names exactly and actions as a subset', () => {
    expect(scopeCovers('repository:org/app:pull,push', 'repository:org/app:pull')).toBe(true);
    expect(scopeCovers('repository:org/app:pull', 'repository:org/app:pull,push')).toBe(false);
    expect(scopeCovers('repository:org/app:pull,push', 'repository:org/other:pull')).toBe(false);
    expect(scopeCovers('registry:catalog:*', 'registry:catalog:*')).toBe(true);
  });
});
