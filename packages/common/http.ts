import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

/**
 * Bounded exponential backoff with full jitter for registry and GitHub calls (docs/promotion.md
 * "Transport"): 429, 5xx and dropped connections are retried; Retry-After is honoured up to
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

/**
 * A request that took too long: `connect` (no connection within `ms`), `idle` (the peer sent no
 * byte for `ms`), or `budget` (the whole operation, retries included, ran out of its `ms`). Connect
 * and idle timeouts are faults like a dropped connection and are retried; an exhausted budget is not.
 */
export class RequestTimeoutError extends Error {
  readonly timeout: 'connect' | 'idle' | 'budget';
  readonly ms: number;
  constructor(message: string, timeout: 'connect' | 'idle' | 'budget', ms: number) {
    super(message);
    this.name = 'RequestTimeoutError';
    this.timeout = timeout;
    this.ms = ms;
  }
}

/** The timeout behind an error, if any: the error itself or its `cause` (fetch wraps errors in a TypeError). */
export function timeoutOf(err: unknown): RequestTimeoutError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof RequestTimeoutError) return e;
  return undefined;
}

/**
 * A deadline shared by every request of one operation (a manifest PUT with its token fetch and its
 * retries): `signal` aborts the request in flight when it passes, and no retry starts after it.
 */
export interface Budget {
  ms: number;
  deadline: number;
  signal: AbortSignal;
}

/** Starts a budget of `ms`; call `end()` when the operation is over so its timer does not linger. */
export function startBudget(ms: number, what: string): { budget: Budget; end(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(budgetError(what, ms)), ms);
  timer.unref?.();
  return {
    budget: { ms, deadline: Date.now() + ms, signal: controller.signal },
    end: () => clearTimeout(timer),
  };
}

export function budgetError(what: string, ms: number, last?: string): RequestTimeoutError {
  return new RequestTimeoutError(
    `${what}: gave up when its ${ms} ms budget (budgetMs) ran out${last ? `; last: ${last}` : ''}`,
    'budget',
    ms,
  );
}

/** Whether sleeping `delay` ms before another attempt would end past the budget's deadline. */
export function outlivesBudget(budget: Budget | undefined, delay: number, now = Date.now()): boolean {
  return budget !== undefined && now + delay >= budget.deadline;
}

/** The message of an error with the message of its cause, as fetch failures carry the reason there. */
/**
 * Marks a transport fault that sending the same request again cannot cure, such as a proxy's 407
 * (its credentials are wrong or missing): fetchWithRetry then fails at once.
 */
export function finalFault<E extends Error>(err: E): E {
  return Object.assign(err, { final: true });
}

function isFinalFault(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return (err as { final?: unknown } | undefined)?.final === true || (cause as { final?: unknown })?.final === true;
}

export function describeFault(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}

export interface RetryingFetchOptions {
  policy?: RetryPolicy;
  logger?: Logger;
  /** what the caller is doing, for messages: "GET manifest backend:staging" */
  what?: string;
  fetchImpl?: typeof fetch;
  /** the operation's budget: its signal goes with every attempt, and no retry starts past it */
  budget?: Budget;
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
  const budget = opts.budget;
  const attemptInit = budget ? { ...init, signal: budget.signal } : init;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    if (budget?.signal.aborted) throw budgetError(what, budget.ms, lastError ? describeFault(lastError) : undefined);
    try {
      response = await doFetch(url, attemptInit);
      if (!isRetriedStatus(response.status)) return response;
      lastError = undefined;
    } catch (err) {
      if (timeoutOf(err)?.timeout === 'budget' || budget?.signal.aborted) throw budgetError(what, budget!.ms);
      // A fault that the same request cannot cure (a proxy refusing its credentials) is not retried.
      if (isFinalFault(err)) throw new Error(`${what} failed: ${describeFault(err)}`);
      lastError = err;
    }
    if (attempt >= policy.retries) {
      if (response) return response;
      const message = `${what} failed after ${attempt + 1} attempts: ${describeFault(lastError)}`;
      const timeout = timeoutOf(lastError);
      throw timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
    }
    let delay = backoffDelay(attempt, policy);
    if (response) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined) delay = Math.min(Math.max(retryAfter, delay), policy.maxRetryAfterMs);
      await response.arrayBuffer().catch(() => undefined);
      if (outlivesBudget(budget, delay)) throw budgetError(what, budget!.ms, `HTTP ${response.status}`);
      logger.debug(`${what}: HTTP ${response.status}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
    } else {
      if (outlivesBudget(budget, delay)) throw budgetError(what, budget!.ms, describeFault(lastError));
      logger.debug(`${what}: ${describeFault(lastError)}, retry ${attempt + 1}/${policy.retries} in ${delay} ms`);
    }
    await sleep(delay);
  }
}
