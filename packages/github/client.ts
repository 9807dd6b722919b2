import { getOctokit } from '@actions/github';
import { InputError } from '../common/errors.js';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRetriedStatus,
  parseRetryAfter,
  type RetryPolicy,
} from '../common/http.js';
import { silentLogger, type Logger } from '../common/logger.js';

/*
 * Callers import packages/github lazily (`await import(...)`): @actions/github pulls in undici and
 * Octokit, which would slow the start of actions that need no API call. Nothing here runs at import.
 */

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** API base URL; else GITHUB_API_URL (set by the runner, GHES included), else https://api.github.com */
  apiUrl?: string;
  logger?: Logger;
  /** retries of 429, 5xx, dropped connections and rate-limit 403s (packages/common/http.ts) */
  retryPolicy?: RetryPolicy;
  /** for tests: the jitter source of the backoff */
  random?: () => number;
}

interface RequestErrorLike {
  status?: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  request?: { method?: string; url?: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function header(err: RequestErrorLike, name: string): string | null {
  const value = err.response?.headers?.[name];
  return value === undefined ? null : String(value);
}

/**
 * How long to wait before retrying this failure, or undefined when it is not retried.
 * 429, 5xx and dropped connections (Octokit reports those as status 500 without a response) are
 * retried with backoff; a 403 only when it is a rate limit: a secondary limit (`retry-after`, or its
 * message) or the primary limit (`x-ratelimit-remaining: 0` until `x-ratelimit-reset`) —
 * GitHub REST docs, "Rate limits for the REST API".
 */
export function retryDelay(
  err: RequestErrorLike,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  now = Date.now(),
): number | undefined {
  const status = err.status ?? 0;
  const backoff = backoffDelay(attempt, policy, random);
  const retryAfter = parseRetryAfter(header(err, 'retry-after'), now);
  const capped = (ms: number) => Math.min(Math.max(ms, backoff), policy.maxRetryAfterMs);
  if (status === 403 || status === 429) {
    if (retryAfter !== undefined) return capped(retryAfter);
    if (header(err, 'x-ratelimit-remaining') === '0') {
      const reset = Number(header(err, 'x-ratelimit-reset'));
      if (Number.isFinite(reset) && reset > 0) return capped(reset * 1000 - now);
    }
    const message = String((err.response?.data as { message?: unknown } | undefined)?.message ?? err.message);
    if (/secondary rate limit/i.test(message)) return capped(backoff);
    return status === 429 ? backoff : undefined;
  }
  if ((err as { name?: string }).name === 'AbortError') return undefined;
  if (isRetriedStatus(status)) return retryAfter !== undefined ? capped(retryAfter) : backoff;
  return undefined;
}

/**
 * An Octokit (from @actions/github, so the runner's proxy settings apply) whose every request is
 * retried per the policy. Errors that are not retried, or that outlast the retries, are rethrown as
 * Octokit's RequestError (callers test `status`), the message naming the request and attempts.
 */
export function createGitHubClient(opts: GitHubClientOptions): GitHubClient {
  if (!opts.token)
    throw new InputError(
      'github-token',
      '',
      'a GitHub token (the default `github.token`, a PAT or a GitHub App token)',
      'it is empty',
    );
  const logger = opts.logger ?? silentLogger;
  const policy = opts.retryPolicy ?? defaultRetryPolicy;
  const random = opts.random ?? Math.random;
  const baseUrl = (opts.apiUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const client = getOctokit(opts.token, {
    baseUrl,
    // Octokit's own log would go to the console; the token never appears in these messages.
    log: {
      debug: (m: string) => logger.debug(m),
      info: (m: string) => logger.debug(m),
      warn: (m: string) => logger.warning(m),
      error: (m: string) => logger.warning(m),
    },
  });
  client.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (caught) {
        const err = caught as RequestErrorLike;
        const what = `${err.request?.method ?? options.method} ${err.request?.url ?? options.url}`;
        const delay = typeof err.status === 'number' ? retryDelay(err, attempt, policy, random) : undefined;
        if (delay === undefined) throw caught;
        if (attempt >= policy.retries) {
          err.message = `${what} failed after ${attempt + 1} attempts: ${err.status === 500 && !err.response ? 'connection failed: ' : `HTTP ${err.status}: `}${err.message}`;
          throw caught;
        }
        logger.debug(
          `${what}: ${err.response ? `HTTP ${err.status}` : err.message}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`,
        );
        await sleep(delay);
      }
    }
  });
  return client;
}

/** `owner/name` (the form of GITHUB_REPOSITORY) into its parts. */
export function parseRepository(value: string, input = 'repository'): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(value.trim());
  if (!match || match[2] === '.' || match[2] === '..') {
    throw new InputError(input, value, '`owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)');
  }
  return { owner: match[1], repo: match[2] };
}
