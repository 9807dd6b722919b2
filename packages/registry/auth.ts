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
  return { token, expiresInSeconds: Math.max(60, expires) };
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
