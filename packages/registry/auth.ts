import { isIP } from 'node:net';

/** One challenge of a `WWW-Authenticate` header; `scheme` lower case, parameter names lower case. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
  token68?: string;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

/**
 * RFC 7235 §4.1: a header may hold several challenges separated by commas, and parameter values
 * may be quoted strings with commas and backslash escapes inside, so splitting on "," is wrong.
 * A value that fails to parse ends the parse; what was read so far is kept.
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpaces = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const skipSeparators = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t' || header[i] === ',')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TCHAR.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string | undefined => {
    // header[i] === '"'
    i++;
    let value = '';
    while (i < n) {
      const c = header[i]!;
      if (c === '\\' && i + 1 < n) {
        value += header[i + 1];
        i += 2;
      } else if (c === '"') {
        i++;
        return value;
      } else {
        value += c;
        i++;
      }
    }
    return undefined;
  };
  /** At i: is this `token BWS "="` followed by something other than another "=" (a token68 tail)? */
  const atParam = (): boolean => {
    let j = i;
    while (j < n && TCHAR.test(header[j]!)) j++;
    if (j === i) return false;
    while (j < n && (header[j] === ' ' || header[j] === '\t')) j++;
    if (header[j] !== '=') return false;
    j++;
    while (j < n && (header[j] === ' ' || header[j] === '\t')) j++;
    return j < n && header[j] !== '=' && header[j] !== ',';
  };

  skipSeparators();
  while (i < n) {
    const scheme = readToken();
    if (scheme === '') break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpaces();
    if (i < n && header[i] !== ',' && !atParam()) {
      const start = i;
      while (i < n && TOKEN68_CHAR.test(header[i]!)) i++;
      while (i < n && header[i] === '=') i++;
      if (i > start) challenge.token68 = header.slice(start, i);
      skipSpaces();
    }
    // Parameters until the next challenge: after a comma, a token not followed by "=" starts one.
    for (;;) {
      skipSeparators();
      if (i >= n || !atParam()) break;
      const name = readToken().toLowerCase();
      skipSpaces();
      i++; // "="
      skipSpaces();
      let value: string | undefined;
      if (header[i] === '"') value = readQuoted();
      else {
        // Lenient: some servers leave URLs unquoted, which are not RFC tokens (":" and "/").
        const start = i;
        while (i < n && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
        value = header.slice(start, i);
      }
      if (value === undefined) return challenges;
      challenge.params[name] = value;
    }
  }
  return challenges;
}

/** Hosts where plain HTTP is the norm (a test or local registry) and realms may point. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function isPrivateOrLinkLocalIp(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (isIP(host) === 6) {
    return (
      host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:')
    );
  }
  return false;
}

/** `host[:port]` of a URL, with the default port made explicit, for "same place" comparisons. */
export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  return `${url.hostname.toLowerCase()}:${port}`;
}

/**
 * Credentials go to the token realm, so a registry must not be able to aim them anywhere
 * (GGCR `pkg/v1/remote/transport/bearer.go` validateRealmURL): the realm is https, and not a
 * private, loopback or link-local literal. A realm on the registry's own scheme, host and port is
 * always allowed, and a loopback registry may name a loopback realm: that is a local test setup.
 * Returns why the realm is refused, or undefined when it is acceptable.
 */
export function realmProblem(realm: string, registryBase: URL, insecure: readonly string[] = []): string | undefined {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return 'it is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `its scheme ${url.protocol} is not https`;
  if (url.username || url.password) return 'it carries credentials in the URL';
  if (url.protocol === registryBase.protocol && hostPort(url) === hostPort(registryBase)) return undefined;
  if (isLoopbackHost(url.hostname)) {
    return isLoopbackHost(registryBase.hostname)
      ? undefined
      : 'it points at a loopback address while the registry does not';
  }
  if (isPrivateOrLinkLocalIp(url.hostname)) return 'it points at a private or link-local address';
  const insecureHost = insecure.includes(url.host) || insecure.includes(url.hostname);
  if (url.protocol === 'http:' && !insecureHost) return 'it is plain http; credentials are only sent over https';
  return undefined;
}

export interface TokenResponse {
  token: string;
  expiresInSeconds: number;
  /** an OAuth2 answer may hand out a new refresh token: never used here, but a secret to mask */
  refreshToken?: string;
}

/** The credentials a token request may carry (a subset of Credentials). */
export interface TokenCredentials {
  username?: string;
  password?: string;
  identityToken?: string;
}

/**
 * The user name sent with an identity token as a Basic password when no user name came with it:
 * the one Azure documents for logging in to ACR with a token (`docker login <registry>.azurecr.io
 * --username 00000000-0000-0000-0000-000000000000 --password-stdin <<< $TOKEN`, `az acr login
 * --expose-token`).
 */
export const IDENTITY_TOKEN_BASIC_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Basic credentials (`user:password`, not yet base64) for a GET token request: the user name and
 * password when both are known (GGCR `pkg/v1/remote/transport/basic.go`), else an identity token as
 * the password, as containerd's fallback does (`remotes/docker/authorizer.go`: SetBasicAuth with the
 * refresh token as secret). The realm that gets it is the one the POST would have sent it to.
 */
export function basicTokenCredentials(creds: TokenCredentials): string | undefined {
  if (creds.username && creds.password) return `${creds.username}:${creds.password}`;
  if (creds.identityToken) return `${creds.username || IDENTITY_TOKEN_BASIC_USER}:${creds.identityToken}`;
  return undefined;
}

/** Every form of a credential that may appear on the wire, to mask: the secrets and their Basic encodings. */
export function credentialSecrets(creds: TokenCredentials & { registryToken?: string }): string[] {
  const secrets = [creds.password, creds.identityToken, creds.registryToken].filter((s): s is string => !!s);
  const basic = basicTokenCredentials(creds);
  if (basic) secrets.push(Buffer.from(basic).toString('base64'));
  return secrets;
}

/**
 * One token request to the realm. `oauth`: the OAuth2 POST with the identity token as a refresh
 * token (distribution docs/spec/auth/oauth.md). `basic`: the GET every token server supports
 * (docs/spec/auth/token.md), with Basic credentials when there are any.
 */
export function tokenRequest(
  kind: 'oauth' | 'basic',
  creds: TokenCredentials,
  realm: URL,
  service: string,
  scopes: readonly string[],
): { url: URL; init: RequestInit } {
  const url = new URL(realm);
  if (kind === 'oauth') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: creds.identityToken ?? '',
      client_id: 'gitops-promote',
    });
    if (service) form.set('service', service);
    form.set('scope', scopes.join(' '));
    return {
      url,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
    };
  }
  if (service) url.searchParams.set('service', service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  const headers: Record<string, string> = {};
  const basic = basicTokenCredentials(creds);
  if (basic) headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  return { url, init: { method: 'GET', headers } };
}

/**
 * The realm does not do OAuth2: "Not all token servers implement oauth2. If the request to the
 * endpoint returns 404 using the HTTP POST method, refer to Token Documentation for using the HTTP
 * GET method supported by all token servers" (GGCR `pkg/v1/remote/transport/bearer.go` Refresh,
 * quoting distribution docs/spec/auth/oauth.md). 405 says the same in HTTP's own words.
 */
export function oauthUnsupported(status: number): boolean {
  return status === 404 || status === 405;
}

/** Token answers carry `token` or `access_token` (treat as the same); expires_in defaults to, and is never below, 60 s. */
export function parseTokenResponse(body: unknown): TokenResponse | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const token =
    typeof record.token === 'string' && record.token !== ''
      ? record.token
      : typeof record.access_token === 'string'
        ? record.access_token
        : '';
  if (token === '') return undefined;
  const expires = typeof record.expires_in === 'number' && Number.isFinite(record.expires_in) ? record.expires_in : 60;
  const refreshToken =
    typeof record.refresh_token === 'string' && record.refresh_token !== '' ? record.refresh_token : undefined;
  return { token, expiresInSeconds: Math.max(60, expires), ...(refreshToken ? { refreshToken } : {}) };
}

/** `repository:<name>:<actions>` scopes; one covers another when the names match and its actions include all of the other's. */
export function scopeCovers(held: string, wanted: string): boolean {
  if (held === wanted) return true;
  const h = held.split(':');
  const w = wanted.split(':');
  if (h.length !== 3 || w.length !== 3 || h[0] !== w[0] || h[1] !== w[1]) return false;
  const actions = new Set(h[2]!.split(','));
  return w[2]!.split(',').every((a) => actions.has(a) || actions.has('*'));
}
