import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

/**
 * The one retry loop of the code base: registry requests (packages/registry/exchange.ts), GitHub
 * requests (packages/github/client.ts) and reads after a write (packages/github/refs.ts) all go
 * through `retry`; each says which outcomes are worth another attempt and after how long.
 *
 * Backoff is exponential with half jitter, as go-containerregistry's retry transport and
 * Octokit's retry plugin back off (pkg/v1/remote/transport/retry.go,
 * https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/transport/retry.go).
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

/** Statuses worth another attempt: timeouts, rate limits and a server or gateway failing for now. */
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

/** What an attempt came to: a value, or the error it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Another attempt, after `delayMs`. */
export interface RetryStep {
  delayMs: number;
  /** a wait worth telling at info level (a rate limit); the text is put before the usual line */
  notice?: string;
}

export interface RetryOptions<T> {
  /** "GET manifest backend:staging": the start of every log line */
  what: string;
  policy: RetryPolicy;
  logger?: Logger;
  /** no attempt is started that would begin after this time (ms since the epoch) */
  deadline?: number;
  /** whether to try again after this outcome, and when; undefined: the outcome stands */
  decide(outcome: Outcome<T>, attempt: number): RetryStep | undefined;
  /**
   * Called instead of another attempt when the retries are spent (`retries`) or the wait would end
   * past the deadline (`deadline`): returns what the call gives (the last answer) or throws.
   * Without it the outcome stands as it is.
   */
  giveUp?(outcome: Outcome<T>, attempt: number, why: 'retries' | 'deadline', step: RetryStep): T;
  /** frees what a discarded outcome holds (a response body) before the wait */
  discard?(outcome: Outcome<T>): Promise<void>;
  /** the outcome in a few words for the log line ("HTTP 503", "connection reset") */
  describe(outcome: Outcome<T>): string;
  /** how the wait is written in the log line; default "N ms" */
  formatDelay?(ms: number): string;
  sleep?(ms: number): Promise<void>;
  now?(): number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until `decide` lets its outcome stand, the retries are spent or the deadline would pass. */
export async function retry<T>(attempt: (n: number) => Promise<T>, opts: RetryOptions<T>): Promise<T> {
  const logger = opts.logger ?? silentLogger;
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const formatDelay = opts.formatDelay ?? ((ms: number) => `${ms} ms`);
  for (let n = 0; ; n++) {
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await attempt(n) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const step = opts.decide(outcome, n);
    const why =
      step === undefined
        ? undefined
        : n >= opts.policy.retries
          ? ('retries' as const)
          : opts.deadline !== undefined && now() + step.delayMs > opts.deadline
            ? ('deadline' as const)
            : undefined;
    if (step === undefined || why !== undefined) {
      if (step !== undefined && why !== undefined && opts.giveUp) return opts.giveUp(outcome, n, why, step);
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    await opts.discard?.(outcome);
    const line = `${opts.what}: ${opts.describe(outcome)}, retry ${n + 1}/${opts.policy.retries} in ${formatDelay(step.delayMs)}`;
    if (step.notice) logger.info(`${step.notice} (${line})`);
    else logger.debug(line);
    await sleep(step.delayMs);
  }
}
