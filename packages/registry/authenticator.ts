import type { Logger } from '../common/logger.js';
import {
  oauthUnsupported,
  parseTokenResponse,
  parseWwwAuthenticate,
  realmProblem,
  scopeCovers,
  tokenRequest,
  type AuthChallenge,
} from './auth.js';
import type { Credentials } from './credentials.js';
import { authHint, describeErrorBody, RegistryError, type ErrorContext } from './errors.js';
import type { Reply } from './exchange.js';

/*
 * Authentication to one registry, the state a client keeps between requests: the challenge the
 * registry answered with, the tokens its realm granted (by scope, until they expire), and the
 * first request's handshake. The pure parts (challenge parsing, realm checks, token requests) are
 * in auth.ts. The shape follows go-containerregistry's bearer transport
 * (pkg/v1/remote/transport/bearer.go) and regclient's internal/auth.
 */

export interface AuthenticatorOptions {
  credentials: Credentials;
  /** https://registry:port, to check the realm against */
  baseUrl: URL;
  /** hosts allowed over plain HTTP besides loopback, realms included */
  insecure: readonly string[];
  logger: Logger;
  errors: ErrorContext;
  /** sends a request to the token realm (counted apart from the registry's) */
  tokenExchange(url: URL, init: RequestInit, what: string): Promise<Reply>;
  /** every token the realm hands out goes here before anything can print it */
  addSecret(secret: string): void;
}

/** What a request needs to be authorised: the access it asks for, and its name for messages. */
export interface AuthRequest {
  /** `repository:<name>:pull` or `repository:<name>:pull,push`; several separated by spaces (a mount reads one repository and writes another) */
  scope: string;
  what: string;
}

interface CachedToken {
  scopes: string[];
  token: string;
  expiresAt: number;
}

export class Authenticator {
  private challenge: AuthChallenge | undefined;
  private readonly tokens = new Map<string, CachedToken[]>();
  private readonly tokenFlights = new Map<string, Promise<string>>();
  /** realms that answered the OAuth2 POST 404: later token fetches go straight to the GET */
  private readonly realmsWithoutOAuth = new Set<string>();
  /** the first request of a client with credentials, while it meets the registry's auth challenge */
  private handshake: Promise<unknown> | undefined;
  private handshakeDone = false;

  constructor(private readonly o: AuthenticatorOptions) {}

  /** True while credentials are held but the registry's challenge has not been met yet. */
  get pending(): boolean {
    return this.challenge === undefined && this.o.credentials.source !== 'anonymous';
  }

  /**
   * Sends with the credentials the registry asks for. The first request of a client with credentials
   * goes alone and the others sent meanwhile wait for it, so one challenge and one token fetch serve
   * them all (as go-containerregistry's transport pings once before the first request); callers
   * send their requests together without knowing whether the handshake happened.
   */
  async send(request: AuthRequest, transfer: (authorization: string | undefined) => Promise<Reply>): Promise<Reply> {
    if (!this.handshakeDone && this.pending && !this.o.credentials.registryToken) {
      if (this.handshake) {
        await this.handshake.catch(() => undefined);
      } else {
        const first = this.sendAuthenticated(request, transfer);
        this.handshake = first;
        try {
          return await first;
        } finally {
          this.handshakeDone = true;
        }
      }
    }
    return this.sendAuthenticated(request, transfer);
  }

  /** One retry after a 401, with a fresh token or Basic credentials. */
  private async sendAuthenticated(
    request: AuthRequest,
    transfer: (authorization: string | undefined) => Promise<Reply>,
  ): Promise<Reply> {
    let reply: Reply | undefined;
    let extraScope: string | undefined;
    for (let round = 0; round < 2; round++) {
      const authorization = await this.authorization(request, round > 0, extraScope);
      if (round > 0 && authorization === undefined) return reply!;
      reply = await transfer(authorization);
      if (reply.status !== 401 || round > 0) return reply;
      const challenges = parseWwwAuthenticate(reply.headers.get('www-authenticate') ?? '');
      const chosen =
        challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic');
      if (!chosen) return reply;
      this.challenge = chosen;
      const challengeScope = chosen.params.scope;
      extraScope =
        challengeScope &&
        !challengeScope.split(' ').every((s) => request.scope.split(' ').some((mine) => scopeCovers(mine, s)))
          ? challengeScope
          : undefined;
    }
    return reply!;
  }

  private async authorization(
    request: AuthRequest,
    fresh: boolean,
    extraScope: string | undefined,
  ): Promise<string | undefined> {
    const creds = this.o.credentials;
    // A registry token is a bearer token for this registry: no exchange (docker/cli authconfig.go).
    if (creds.registryToken) return fresh ? undefined : `Bearer ${creds.registryToken}`;
    const challenge = this.challenge;
    if (!challenge) return undefined;
    if (challenge.scheme === 'basic') {
      if (creds.username && creds.password)
        return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      return undefined;
    }
    const realm = challenge.params.realm!;
    const service = challenge.params.service ?? '';
    const key = `${realm}\n${service}`;
    const scopes = [...request.scope.split(' '), ...(extraScope ? extraScope.split(' ') : [])];
    const cached = this.tokens.get(key) ?? [];
    const now = Date.now();
    if (!fresh) {
      const hit = cached.find(
        (t) => t.expiresAt > now && scopes.every((s) => t.scopes.some((held) => scopeCovers(held, s))),
      );
      if (hit) return `Bearer ${hit.token}`;
    }
    // Parallel requests (a retag's PUTs) with a cold cache share one token fetch.
    const flightKey = `${key}\n${scopes.join(' ')}`;
    let flight = this.tokenFlights.get(flightKey);
    if (!flight) {
      flight = this.fetchToken(request.what, realm, service, scopes).then((token) => {
        // Leave a margin so a token does not expire between the cache lookup and the registry's check.
        const entry: CachedToken = {
          scopes,
          token: token.token,
          expiresAt: Date.now() + token.expiresInSeconds * 1000 - 5000,
        };
        const kept = (this.tokens.get(key) ?? []).filter(
          (t) => t.expiresAt > Date.now() && !scopes.every((s) => t.scopes.includes(s)),
        );
        this.tokens.set(key, [entry, ...kept]);
        return token.token;
      });
      this.tokenFlights.set(flightKey, flight);
      const clear = () => this.tokenFlights.delete(flightKey);
      flight.then(clear, clear);
    }
    return `Bearer ${await flight}`;
  }

  private async fetchToken(
    what: string,
    realm: string,
    service: string,
    scopes: string[],
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const { credentials: creds, errors, logger } = this.o;
    const sendsCredentials = !!creds.identityToken || !!(creds.username && creds.password);
    if (sendsCredentials) {
      const problem = realmProblem(realm, this.o.baseUrl, this.o.insecure);
      if (problem) {
        throw new RegistryError(
          `${what}: refusing to send credentials to the token realm ${realm} named by ${errors.registry}: ${problem}`,
          401,
          [],
        );
      }
    }
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError(`${what}: the registry names a token realm that is not a URL: ${realm}`, 401, []);
    }
    const realmShown = `${url.origin}${url.pathname}`;
    // An identity token is an OAuth2 refresh token (distribution docs/spec/auth/oauth.md): POST it,
    // and on a realm without OAuth2 (404) GET with Basic instead, as GGCR bearer.go Refresh does.
    const oauth = !!creds.identityToken && !this.realmsWithoutOAuth.has(realm);
    const ask = (kind: 'oauth' | 'basic') => {
      const request = tokenRequest(kind, creds, url, service, scopes);
      return this.o.tokenExchange(request.url, request.init, `${what}: requesting a token from ${realmShown}`);
    };
    let reply = await ask(oauth ? 'oauth' : 'basic');
    if (oauth && oauthUnsupported(reply.status)) {
      logger.debug(`${what}: ${realmShown} answered the OAuth2 POST ${reply.status}; asking with GET and Basic`);
      this.realmsWithoutOAuth.add(realm);
      reply = await ask('basic');
    }
    if (reply.status !== 200) {
      const { codes, text } = describeErrorBody(reply.body);
      const hint = reply.status === 401 || reply.status === 403 ? authHint(errors, reply.status) : '';
      throw new RegistryError(
        errors.redact(
          `${what}: the token server ${realmShown} answered ${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}${hint ? ` — ${hint}` : ''}`,
        ),
        reply.status,
        codes,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.body.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const token = parseTokenResponse(parsed);
    if (!token)
      throw new RegistryError(`${what}: the token server ${realmShown} answered without a token`, reply.status, []);
    this.o.addSecret(token.token);
    if (token.refreshToken) this.o.addSecret(token.refreshToken);
    logger.debug(`${what}: token for ${scopes.join(' ')} from ${realmShown}, valid ${token.expiresInSeconds} s`);
    return token;
  }
}
