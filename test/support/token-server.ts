import { execFile } from 'node:child_process';
import { createPrivateKey, createSign, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * A Docker registry token server (distribution docs/spec/auth/token.md) for the registry's
 * `auth.token` mode. Tokens are RS256 JWTs that carry the signing certificate in an `x5c` header:
 * distribution 2.8 verifies that chain against `rootcertbundle` and takes the key from the leaf, so
 * no libtrust `kid` has to be computed.
 */
export interface TokenServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** the realm the registry announces: `${url}/token` */
  realm: string;
  service: string;
  /** the `iss` the registry is configured to trust */
  issuer: string;
  /** every request, so a test can prove where credentials went */
  requests: {
    path: string;
    query: string;
    authorization?: string;
    /** set for methods other than GET: the OAuth2 POST */
    method?: string;
    /** the form of an OAuth2 POST, refresh_token included, so a test can prove where it went */
    form?: Record<string, string>;
  }[];
  /** PEM certificate for the registry's `rootcertbundle` */
  certFile: string;
  /** identityTokens and oauth of the options, changeable while the server runs (a registry's token server is started for it) */
  settings: { identityTokens: string[]; oauth: boolean };
  stop(): Promise<void>;
}

export interface TokenServerOptions {
  username: string;
  password: string;
  service?: string;
  /** a directory the caller owns and removes: the key and certificate are written there */
  dir: string;
  /**
   * users granted `pull` only, whatever they ask for: the server grants the intersection of the
   * scope requested and the rights held, without an error (distribution docs/spec/auth/token.md
   * "Requesting a Token"), so a push then fails at the registry with 401 insufficient_scope
   */
  readers?: { username: string; password: string }[];
  /**
   * identity tokens (OAuth2 refresh tokens, docs/spec/auth/oauth.md) the server accepts: by an
   * OAuth2 POST with grant_type=refresh_token when `oauth` is set, and by GET as the Basic password
   * with any user name, the way ACR's docs log in with a token (user 00000000-0000-0000-0000-000000000000)
   */
  identityTokens?: string[];
  /** answer the OAuth2 POST to /token; off by default: the POST is a 404, as on realms without OAuth2 */
  oauth?: boolean;
}

export const TOKEN_ISSUER = 'gitops-promote-test-token-issuer';
const TOKEN_LIFETIME_S = 300;
/** the actions a repository scope may grant; distribution 2.8 asks for `delete` on DELETE */
const GRANTABLE_ACTIONS = ['pull', 'push', 'delete'];

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

interface ResourceAccess {
  type: string;
  name: string;
  actions: string[];
}

/**
 * `repository:name:pull,push` → access entry. Names may hold a port-less host path but never a
 * colon, so the actions are after the last colon; `*` stands for every grantable action.
 */
export function parseScope(scope: string): ResourceAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  const type = scope.slice(0, first);
  const name = scope.slice(first + 1, last);
  const requested = scope
    .slice(last + 1)
    .split(',')
    .filter(Boolean);
  if (type === 'registry' && name === 'catalog') return { type, name, actions: requested.filter((a) => a === '*') };
  if (type !== 'repository') return undefined;
  const actions = requested.includes('*')
    ? [...GRANTABLE_ACTIONS]
    : GRANTABLE_ACTIONS.filter((a) => requested.includes(a));
  return { type, name, actions };
}

function credentialsMatch(header: string | undefined, username: string, password: string): boolean {
  if (!header || !/^basic /i.test(header)) return false;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const given = Buffer.from(decoded);
  const expected = Buffer.from(`${username}:${password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Basic credentials whose password is `password`, whatever the user name. */
function basicPasswordIs(header: string | undefined, password: string): boolean {
  if (!header || !/^basic /i.test(header)) return false;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const given = Buffer.from(decoded.slice(colon + 1));
  const expected = Buffer.from(password);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function signJwt(key: KeyObject, certDer: Buffer, claims: object): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer.toString('base64')] };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
  return `${signingInput}.${base64url(signature)}`;
}

function pemToDer(pem: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

export async function startTokenServer(opts: TokenServerOptions): Promise<TokenServer> {
  const service = opts.service ?? 'gitops-promote-test-registry';
  const keyFile = join(opts.dir, 'token-signing.key');
  const certFile = join(opts.dir, 'token-signing.crt');
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=gitops-promote test token issuer',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  const key = createPrivateKey(await readFile(keyFile));
  const certDer = pemToDer(await readFile(certFile, 'utf8'));

  const requests: TokenServer['requests'] = [];
  const answer = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const settings = { identityTokens: [...(opts.identityTokens ?? [])], oauth: opts.oauth ?? false };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const authorization = req.headers.authorization;
    const record: TokenServer['requests'][number] = {
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      ...(authorization !== undefined ? { authorization } : {}),
      ...(req.method !== 'GET' ? { method: req.method ?? '' } : {}),
    };
    requests.push(record);
    if (req.method === 'POST' && url.pathname === '/token' && settings.oauth) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      record.form = form;
      if (form.grant_type !== 'refresh_token' || !settings.identityTokens.includes(form.refresh_token ?? '')) {
        answer(res, 400, { error: 'invalid_grant' });
        return;
      }
      // An OAuth2 answer may rotate the refresh token (RFC 6749 §6): a secret the client must mask.
      issue(res, 'identity-token-user', form.service ?? null, (form.scope ?? '').split(' '), false, {
        refresh_token: `rotated-${randomUUID()}`,
      });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/token') {
      answer(res, 404, { errors: [{ code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` }] });
      return;
    }
    // Anonymous pulls are not part of this test setup: without valid credentials there is no token.
    const reader = (opts.readers ?? []).find((r) => credentialsMatch(authorization, r.username, r.password));
    const identity = settings.identityTokens.some((t) => basicPasswordIs(authorization, t));
    if (identity) {
      issue(res, 'identity-token-user', url.searchParams.get('service'), url.searchParams.getAll('scope'), false);
      return;
    }
    if (!reader && !credentialsMatch(authorization, opts.username, opts.password)) {
      answer(
        res,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] },
        { 'WWW-Authenticate': 'Basic realm="token"' },
      );
      return;
    }
    issue(
      res,
      reader ? reader.username : opts.username,
      url.searchParams.get('service'),
      url.searchParams.getAll('scope'),
      !!reader,
    );
  };

  const issue = (
    res: ServerResponse,
    subject: string,
    requestedService: string | null,
    scopes: string[],
    reader: boolean,
    extra: Record<string, string> = {},
  ) => {
    if (requestedService !== null && requestedService !== service) {
      answer(res, 400, { errors: [{ code: 'INVALID_REQUEST', message: `unknown service ${requestedService}` }] });
      return;
    }
    const access = scopes
      .flatMap((s) => s.split(' '))
      .map(parseScope)
      .map((a) => (a && reader ? { ...a, actions: a.actions.filter((action) => action === 'pull') } : a))
      .filter((a): a is ResourceAccess => a !== undefined && a.actions.length > 0);
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(key, certDer, {
      iss: TOKEN_ISSUER,
      sub: subject,
      aud: service,
      exp: now + TOKEN_LIFETIME_S,
      nbf: now - 1,
      iat: now,
      jti: randomUUID(),
      access,
    });
    answer(res, 200, {
      token,
      access_token: token,
      expires_in: TOKEN_LIFETIME_S,
      issued_at: new Date(now * 1000).toISOString(),
      ...extra,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    realm: `${url}/token`,
    service,
    issuer: TOKEN_ISSUER,
    requests,
    certFile,
    settings,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
