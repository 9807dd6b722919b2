import { getOctokit } from '@actions/github';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici';
import { InputError } from '../common/errors.js';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRetriedStatus,
  parseRetryAfter,
  retry,
  type RetryPolicy,
} from '../common/retry.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { proxyFor, readProxySettings, type ProxySettings } from '../common/proxy.js';
import { GitHubRateLimitError, redactSecret, requestStatus } from './errors.js';
import { TOKEN_ACCEPTED, validateToken } from './token.js';

/*
 * Callers import packages/github lazily (`await import(...)`): @actions/github pulls in undici and
 * Octokit, which would slow the start of actions that need no API call. Nothing here runs at import.
 */

export type GitHubClient = ReturnType<typeof getOctokit>;

/** The retry policy of packages/common/retry.ts, with what GitHub's rate limits add. */
export interface GitHubRetryPolicy extends RetryPolicy {
  /**
   * The shortest wait after a secondary rate limit that names no time (no `retry-after`, no
   * `x-ratelimit-reset`), doubled on each repeat; default SECONDARY_LIMIT_MIN_MS. `maxRetryAfterMs`
   * does not apply to GitHub: its waits are bounded by the client's time budget instead.
   */
  secondaryMinMs?: number;
}

/** "Otherwise, wait for at least one minute before retrying" (GitHub REST docs, rate limits). */
export const SECONDARY_LIMIT_MIN_MS = 60_000;
/** How long one client may spend waiting on GitHub, rate limits included, unless told otherwise. */
export const DEFAULT_GITHUB_BUDGET_MS = 10 * 60_000;
/** How long one request may go without a byte of its answer before it is abandoned as a fault. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface GitHubClientOptions {
  token: string;
  /** the input or variable the token came from, for the error a bad token gets (default `github-token`) */
  tokenInput?: string;
  /** API base URL; else GITHUB_API_URL (set by the runner, GHES included), else https://api.github.com */
  apiUrl?: string;
  logger?: Logger;
  /** retries of 429, 5xx, dropped connections, timeouts, cut bodies and rate-limit 403s */
  retryPolicy?: GitHubRetryPolicy;
  /**
   * The total time this client may spend on GitHub, from its creation (default 10 minutes): a rate
   * limit's wait is honoured in full within it, and one that would go past it fails at once with a
   * GitHubRateLimitError saying when the limit resets.
   */
  budgetMs?: number;
  /** How a user gets a larger budget, for the rate-limit message (e.g. "raise the github-budget input"). */
  budgetHint?: string;
  /** Abandon (and retry) a request when no byte of the answer came for this long (default 30 s). */
  requestTimeoutMs?: number;
  /**
   * HTTPS_PROXY, HTTP_PROXY and NO_PROXY (and their lower-case forms) are read here, once, as the
   * registry client reads them (packages/common/proxy.ts); also GITHUB_API_URL when `apiUrl` is
   * not given. Default process.env.
   */
  env?: NodeJS.ProcessEnv;
  /** for tests: the DNS lookup of direct connections and of connections to the proxy */
  lookup?: LookupFunction;
  /** for tests: the CA certificates an https API is checked against, instead of Node's */
  ca?: string | Buffer;
  /** for tests: the jitter source of the backoff */
  random?: () => number;
  /** for tests: the wait between attempts */
  sleep?: (ms: number) => Promise<void>;
  /** for tests: the clock the budget and rate-limit resets are read against */
  now?: () => number;
}

interface RequestErrorLike {
  status?: number;
  name?: string;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  request?: { method?: string; url?: string };
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function header(err: RequestErrorLike, name: string): string | null {
  const value = err.response?.headers?.[name];
  return value === undefined ? null : String(value);
}

function answerText(err: RequestErrorLike): string {
  const data = err.response?.data;
  if (typeof data === 'string') return data;
  const message = (data as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : err.message;
}

export interface RetryDecision {
  delayMs: number;
  /** set when the answer was a rate limit: what to call it in messages */
  rateLimit?: { kind: 'primary' | 'secondary'; name: string };
}

/**
 * Whether and how long to wait before retrying this failure (undefined: not retried), as GitHub
 * documents it ("Rate limits for the REST API", "Exceeding the rate limit":
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 * and "Best practices": https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api):
 * - a 403 or 429 with `retry-after`: that many seconds;
 * - with `x-ratelimit-remaining: 0`: until `x-ratelimit-reset`, plus a second as
 *   octokit/plugin-throttling.js does (src/index.ts: "so we retry _after_ the reset time");
 * - a secondary limit (its message, old wording "abuse detection" included, or any 429) without
 *   either header: at least a minute, doubling on each repeat;
 * - any other 403: not retried (a permission problem);
 * - 408/429/5xx and dropped connections, timeouts and cut bodies (Octokit reports those as status
 *   500 without a response): exponential backoff, or `retry-after` when longer.
 * Waits are not capped here: the client's time budget decides whether to wait or fail.
 */
export function retryDecision(
  err: RequestErrorLike,
  attempt: number,
  policy: GitHubRetryPolicy,
  random: () => number = Math.random,
  now = Date.now(),
): RetryDecision | undefined {
  const status = err.status ?? 0;
  const backoff = backoffDelay(attempt, policy, random);
  const retryAfter = parseRetryAfter(header(err, 'retry-after'), now);
  if (status === 403 || status === 429) {
    const secondaryWording = /secondary rate limit|abuse detection/i.test(answerText(err));
    const primary = header(err, 'x-ratelimit-remaining') === '0' && !secondaryWording;
    if (!primary && !secondaryWording && status !== 429 && retryAfter === undefined) return undefined;
    const waits: number[] = [backoff];
    if (retryAfter !== undefined) waits.push(retryAfter);
    const reset = Number(header(err, 'x-ratelimit-reset'));
    if (header(err, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0)
      waits.push(reset * 1000 - now + 1000);
    else if (retryAfter === undefined) waits.push((policy.secondaryMinMs ?? SECONDARY_LIMIT_MIN_MS) * 2 ** attempt);
    let name = 'secondary rate limit';
    if (primary) {
      const resource = header(err, 'x-ratelimit-resource');
      const limit = header(err, 'x-ratelimit-limit');
      const detail = [resource && `resource ${resource}`, limit && `${limit} requests an hour`].filter(Boolean);
      name = `primary rate limit${detail.length ? ` (${detail.join(', ')})` : ''}`;
    }
    return { delayMs: Math.max(...waits), rateLimit: { kind: primary ? 'primary' : 'secondary', name } };
  }
  // A caller's own abort is not a fault (our timeouts are named TimeoutError, see boundedFetch).
  if (err.name === 'AbortError') return undefined;
  if (isRetriedStatus(status)) return { delayMs: retryAfter !== undefined ? Math.max(retryAfter, backoff) : backoff };
  return undefined;
}

/** How long to wait before retrying this failure, or undefined when it is not retried (retryDecision). */
export function retryDelay(
  err: RequestErrorLike,
  attempt: number,
  policy: GitHubRetryPolicy,
  random: () => number = Math.random,
  now = Date.now(),
): number | undefined {
  return retryDecision(err, attempt, policy, random, now)?.delayMs;
}

function duration(ms: number): string {
  if (ms > 0 && ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.ceil(s / 60);
  return m < 120 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * fetch that gives up when no byte of the answer comes for `timeoutMs` (connecting, waiting for
 * the headers, or between chunks of the body), and that reads the whole body before answering: a
 * body that ends early (the connection closed before `content-length` bytes) then fails the request
 * instead of reaching Octokit, which reads a JSON body it cannot parse as the string it got, or as
 * '' when the read failed (@octokit/request src/fetch-wrapper.ts, getResponseData) — a cut
 * `git/matching-refs` answer would read as "no version tags". Both failures are status-500 faults
 * to Octokit, which the client retries.
 */
export function boundedFetch(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init = {}) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Not an AbortError: Octokit rethrows those as the caller's own abort, which is not retried.
        const reason = new Error(`no answer from GitHub within ${duration(timeoutMs)}`);
        reason.name = 'TimeoutError';
        controller.abort(reason);
      }, timeoutMs);
    };
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    arm();
    try {
      const response = await inner(input, { ...init, signal });
      arm();
      const chunks: Uint8Array[] = [];
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          arm();
        }
      }
      const copy = new Response(NULL_BODY_STATUS.has(response.status) ? null : Buffer.concat(chunks), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(copy, 'url', { value: response.url });
      return copy;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The fetch under Octokit: undici's own (which @actions/github has loaded already, so this costs no
 * start-up time), through a proxy when `settings` names one for the request's URL. undici's
 * ProxyAgent opens a CONNECT tunnel for https (the proxy never sees the token) and forwards plain
 * http requests whole, with Proxy-Authorization from the proxy URL's userinfo in either case.
 */
export function proxyAwareFetch(
  settings: ProxySettings | undefined,
  test: { lookup?: LookupFunction | undefined; ca?: string | Buffer | undefined } = {},
): typeof fetch {
  const connect = {
    ...(test.lookup ? { lookup: test.lookup } : {}),
    ...(test.ca ? { ca: test.ca } : {}),
  };
  const custom = Object.keys(connect).length > 0;
  let direct: Dispatcher | undefined;
  const proxies = new Map<string, Dispatcher>();
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const proxy = proxyFor(url, settings);
    let dispatcher: Dispatcher | undefined;
    if (proxy) {
      const key = `${proxy.url.href} ${proxy.authorization ?? ''}`;
      dispatcher = proxies.get(key);
      if (!dispatcher) {
        dispatcher = new ProxyAgent({
          uri: proxy.url.href,
          ...(proxy.authorization ? { token: proxy.authorization } : {}),
          // false: plain http is forwarded (as curl does); https is tunnelled all the same
          proxyTunnel: false,
          ...(custom ? { proxyTls: connect, requestTls: connect } : {}),
        });
        proxies.set(key, dispatcher);
      }
    } else if (custom) dispatcher = direct ??= new Agent({ connect });
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      ...(dispatcher ? { dispatcher } : {}),
    }) as unknown as Promise<Response>;
  }) as typeof fetch;
}

/**
 * An Octokit (from @actions/github; HTTPS_PROXY, HTTP_PROXY and NO_PROXY of `env` apply) whose every request is
 * retried per the policy within the client's time budget. Errors that are not retried, or that
 * outlast the retries, are rethrown as Octokit's RequestError (callers test `status`), the message
 * naming the request and attempts; a rate limit beyond the budget is a GitHubRateLimitError. No
 * error leaves the client with the token in it.
 */
export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  const tokenInput = opts.tokenInput ?? 'github-token';
  validateToken(opts.token, tokenInput);
  const budgetMs = opts.budgetMs ?? DEFAULT_GITHUB_BUDGET_MS;
  if (!Number.isFinite(budgetMs) || budgetMs <= 0)
    throw new InputError('budgetMs', String(opts.budgetMs), 'a positive number of milliseconds');
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isFinite(requestTimeoutMs) || requestTimeoutMs <= 0)
    throw new InputError('requestTimeoutMs', String(opts.requestTimeoutMs), 'a positive number of milliseconds');
  const logger = opts.logger ?? silentLogger;
  const policy = opts.retryPolicy ?? defaultRetryPolicy;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const budgetHint =
    opts.budgetHint ?? `allow the GitHub calls more time (the client's budget, ${duration(budgetMs)} now)`;
  const deadline = now() + budgetMs;
  const env = opts.env ?? process.env;
  const baseUrl = (opts.apiUrl || env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  // Not @actions/github's default fetch: it reads process.env once at import, for GITHUB_API_URL's
  // host only, and never proxies loopback; this one reads `env`, per request URL (uploads, GHES).
  const inner = proxyAwareFetch(readProxySettings(env), { lookup: opts.lookup, ca: opts.ca });
  const client = getOctokit(opts.token, {
    baseUrl,
    request: { fetch: boundedFetch(inner, requestTimeoutMs) },
    // Octokit's own log would go to the console; the token never appears in these messages.
    log: {
      debug: (m: string) => logger.debug(m),
      info: (m: string) => logger.debug(m),
      warn: (m: string) => logger.warning(m),
      error: (m: string) => logger.warning(m),
    },
  });
  client.hook.wrap('request', async (request, options) => {
    // The request as Octokit sends it (its URL with the parameters filled in), for messages.
    const what = `${options.method} ${requestUrl(request, options)}`;
    const named = (err: RequestErrorLike) =>
      err.request?.url ? `${err.request.method ?? options.method} ${err.request.url}` : what;
    // When the last failure was seen, and what retryDecision made of it (a rate limit's name, for giveUp).
    let at = now();
    let rateLimit: RetryDecision['rateLimit'];
    try {
      return await retry(
        async () => {
          const response = await request(options);
          assertParsedJson(response, what);
          return response;
        },
        {
          what,
          policy,
          logger,
          deadline,
          sleep,
          now,
          formatDelay: duration,
          decide: (outcome, attempt) => {
            if (outcome.ok) return undefined;
            const err = outcome.error as RequestErrorLike;
            at = now();
            const decision =
              typeof err.status === 'number' ? retryDecision(err, attempt, policy, random, at) : undefined;
            rateLimit = decision?.rateLimit;
            if (!decision) return undefined;
            return {
              delayMs: decision.delayMs,
              ...(decision.rateLimit
                ? {
                    notice: `GitHub's ${decision.rateLimit.name}: waiting until ${new Date(at + decision.delayMs).toISOString()}`,
                  }
                : {}),
            };
          },
          describe: (outcome) => {
            const err = (outcome.ok ? undefined : outcome.error) as RequestErrorLike | undefined;
            return err?.response ? `HTTP ${err.status}` : (err?.message ?? '');
          },
          giveUp: (outcome, attempt, why, step) => {
            const err = (outcome.ok ? undefined : outcome.error) as RequestErrorLike;
            const left = deadline - at;
            if (rateLimit) {
              const resetAt = new Date(at + step.delayMs);
              const because =
                why === 'retries'
                  ? `it was still in force after ${attempt + 1} attempts`
                  : `that is beyond this run's time budget for GitHub (${duration(Math.max(0, left))} of ${duration(budgetMs)} left)`;
              const more =
                rateLimit.kind === 'primary'
                  ? ', or use a token with a larger limit (a GitHub App installation token has its own, 5,000 to 12,500 ' +
                    "requests an hour; a workflow's GITHUB_TOKEN has 1,000 an hour per repository)"
                  : '';
              throw new GitHubRateLimitError(
                `${named(err)}: GitHub's ${rateLimit.name} was hit (HTTP ${err.status}${answerText(err) ? `: ${answerText(err)}` : ''}). ` +
                  `It resets at ${resetAt.toISOString()} (in ${duration(step.delayMs)}); ${because}. ` +
                  `Run again after ${resetAt.toISOString()}, or ${budgetHint}${more}.`,
                resetAt,
                rateLimit.kind,
              );
            }
            const spent = why === 'retries' ? '' : ` (the time budget for GitHub, ${duration(budgetMs)}, is spent)`;
            const cause =
              err.status === 500 && !err.response ? 'connection failed: ' : err.response ? `HTTP ${err.status}: ` : '';
            err.message = `${named(err)} failed after ${attempt + 1} attempts${spent}: ${cause}${err.message}`;
            throw err;
          },
        },
      );
    } catch (err) {
      // GitHub's 401 is about the token and nothing else: a wrong, expired or revoked one
      // (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#401-bad-credentials).
      // It keeps the status and GitHub's message where a RequestError has them, for callers that
      // read those (requestStatus, responseMessage).
      if (requestStatus(err) === 401) {
        const said = redactSecret(answerText(err as RequestErrorLike), opts.token);
        const refused = new InputError(
          tokenInput,
          '',
          TOKEN_ACCEPTED,
          `GitHub answered 401${said ? ` "${said}"` : ''} to ${named(err as RequestErrorLike)}: the token is wrong, expired or revoked`,
          { secret: true },
        );
        throw Object.assign(refused, { status: 401, response: { status: 401, headers: {}, data: { message: said } } });
      }
      throw redactSecret(err, opts.token);
    }
  });
  return client;
}

/** The URL a request goes to, parameters filled in, as Octokit's RequestError names it. */
function requestUrl(request: unknown, options: { url: string }): string {
  try {
    return (request as { endpoint: { parse(o: unknown): { url: string } } }).endpoint.parse(options).url;
  } catch {
    return options.url;
  }
}

/**
 * A success whose JSON body Octokit could not parse arrives as a string (@octokit/request
 * getResponseData): a body cut short, or a proxy's page. It is a fault to retry, never data.
 */
function assertParsedJson(response: { status: number; headers: Record<string, unknown>; data: unknown }, what: string) {
  const type = String(response.headers['content-type'] ?? '');
  if (NULL_BODY_STATUS.has(response.status) || !/^application\/(.+\+)?json\b/i.test(type)) return;
  if (typeof response.data !== 'string') return;
  const fault = new Error(
    `${what}: the answer is not the JSON it announces (${response.data.length} characters; cut short?)`,
  );
  throw Object.assign(fault, { status: 500 });
}

/** `owner/name` (the form of GITHUB_REPOSITORY) into its parts. */
export function parseRepository(value: string, input = 'repository'): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!match || match[2] === '.' || match[2] === '..') {
    throw new InputError(input, value, '`owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)');
  }
  return { owner: match[1], repo: match[2] };
}
