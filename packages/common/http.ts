/*
 * What the registry and GitHub clients share about a request in flight: its timeouts, the budget
 * of the operation it belongs to, and how a transport fault is described and classed. Retries are
 * in retry.ts.
 */

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

/**
 * Marks a transport fault that sending the same request again cannot cure, such as a proxy's 407
 * (its credentials are wrong or missing): it is not retried.
 */
export function finalFault<E extends Error>(err: E): E {
  return Object.assign(err, { final: true });
}

export function isFinalFault(err: unknown): boolean {
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  return (err as { final?: unknown } | undefined)?.final === true || (cause as { final?: unknown })?.final === true;
}

/** The message of an error with the message of its cause, as fetch failures carry the reason there. */
export function describeFault(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? `${err.message} (${cause.message})` : err.message;
}
