import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

/**
 * Bounded exponential backoff with full jitter for registry and GitHub calls (SPEC.md "Bad input,
 * faults, secrets"): 429, 5xx and dropped connections are retried; Retry-After is honoured up to
 * maxRetryAfterMs; then the last error is thrown.
 */
export interface RetryPolicy {
  /** retries after the first attempt */
  retries: number;
  baseMs: number;
  maxMs: number;
  /** a Retry-After above this is capped (a registry asking for an hour would stall a workflow) */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 4, baseMs: 500, maxMs: 8000, maxRetryAfterMs: 30000 };

const RETRIED_STATUS = new Set([408, 429, 499, 500, 502, 503, 504, 522]);

export function isRetriedStatus(status: number): boolean {
  return RETRIED_STATUS.has(status);
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryingFetchOptions {
  policy?: RetryPolicy;
  logger?: Logger;
  /** what the caller is doing, for messages: "GET manifest backend:staging" */
  what?: string;
  fetchImpl?: typeof fetch;
}

/**
 * fetch with retries. The request body must be replayable (a string, Buffer or Uint8Array).
 * Returns the first response that is not retried, or the last one when retries run out; throws
 * a clear Error when the connection kept failing.
 */
export async function fetchWithRetry(
  url: string | URL,
  init: RequestInit,
  opts: RetryingFetchOptions = {},
): Promise<Response> {
  const policy = opts.policy ?? defaultRetryPolicy;
  const logger = opts.logger ?? silentLogger;
  const doFetch = opts.fetchImpl ?? fetch;
  const what = opts.what ?? `${init.method ?? 'GET'} ${String(url)}`;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await doFetch(url, init);
      if (!isRetriedStatus(response.status)) return response;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (attempt >= policy.retries) {
      if (response) return response;
      const cause =
        lastError instanceof Error
          ? `${lastError.message}${(lastError as { cause?: Error }).cause ? ` (${(lastError as { cause?: Error }).cause?.message})` : ''}`
          : String(lastError);
      throw new Error(`${what} failed after ${attempt + 1} attempts: ${cause}`);
    }
    let delay = backoffDelay(attempt, policy);
    if (response) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined) delay = Math.min(Math.max(retryAfter, delay), policy.maxRetryAfterMs);
      await response.arrayBuffer().catch(() => undefined);
      logger.debug(`${what}: HTTP ${response.status}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
    } else {
      logger.debug(
        `${what}: ${lastError instanceof Error ? lastError.message : String(lastError)}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`,
      );
    }
    await sleep(delay);
  }
}
