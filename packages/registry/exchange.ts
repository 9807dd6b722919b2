import {
  budgetError,
  describeFault,
  finalFault,
  isFinalFault,
  RequestTimeoutError,
  timeoutOf,
  type Budget,
} from '../common/http.js';
import type { Logger } from '../common/logger.js';
import { backoffDelay, isRetriedStatus, parseRetryAfter, retry, type RetryPolicy } from '../common/retry.js';
import { Readable } from 'node:stream';
import { RegistryError } from './errors.js';

/*
 * One request to a registry or its token realm, as the layers above see it: the redirects followed
 * by hand, the answer read in full within a size limit, and the whole retried as one attempt.
 * Below it is the transport (transport.ts: connections, proxies, timeouts); above it the
 * authentication (authenticator.ts) and the operations (client.ts). go-containerregistry draws the
 * same lines (pkg/v1/remote/transport/{transport,retry}.go), and so does regclient (internal/reghttp).
 */

/** A registry's answer, its body read in full. */
export interface Reply {
  status: number;
  statusText: string;
  headers: Pick<Headers, 'get' | 'has'>;
  body: Buffer;
  /** where the answer came from, after redirects */
  url: URL;
  /**
   * With `stream`, a 2xx answer to a GET comes with its body unread, here, and `body` empty: the
   * caller reads it (a blob copied to another registry) and must consume or destroy it.
   */
  stream?: Readable;
}

export interface ExchangeOptions {
  fetchImpl: typeof fetch;
  policy: RetryPolicy;
  logger: Logger;
  /** the budget of the operation this request belongs to */
  budget?: Budget;
  /** the most bytes of body accepted */
  maxBytes: number;
  /** hand a 2xx GET's body over unread as `Reply.stream` instead of reading it (bounded memory for blobs) */
  stream?: boolean;
  /** called before every HTTP request sent (each attempt and each redirect hop), to count them */
  onRequest?: () => void;
  /** removes the secrets the client knows from a message */
  redact(message: string): string;
}

const MAX_REDIRECTS = 10;

/** The body stopped before its end: a fault to retry, never data. */
class BodyDropped extends Error {
  /** set when the body stopped because the registry went quiet for idleTimeoutMs */
  timeout?: RequestTimeoutError;
}
class BodyTooLarge extends Error {}

/**
 * Sends `init` to `start` and returns the answer with its body read. Retried as one attempt, from
 * the first URL again: a 408, 429 or 5xx (after `Retry-After` when the registry names one, up to
 * the policy's cap), a dropped connection, a timeout, and a body cut short. The last answer is
 * returned when the retries are spent; a connection that kept failing throws.
 */
export async function exchange(start: URL, init: RequestInit, what: string, opts: ExchangeOptions): Promise<Reply> {
  const { policy, budget } = opts;
  return retry<Reply>(
    async () => {
      if (budget?.signal.aborted) throw budgetError(what, budget.ms);
      return follow(start, init, what, opts);
    },
    {
      what,
      policy,
      logger: opts.logger,
      ...(budget ? { deadline: budget.deadline } : {}),
      decide: (outcome, attempt) => {
        if (outcome.ok) {
          if (!isRetriedStatus(outcome.value.status)) return undefined;
          const delay = backoffDelay(attempt, policy);
          const asked = parseRetryAfter(outcome.value.headers.get('retry-after'));
          return { delayMs: asked === undefined ? delay : Math.min(Math.max(asked, delay), policy.maxRetryAfterMs) };
        }
        const err = outcome.error;
        if (err instanceof BodyTooLarge || isFinalFault(err)) return undefined;
        if (timeoutOf(err)?.timeout === 'budget' || budget?.signal.aborted) return undefined;
        return { delayMs: backoffDelay(attempt, policy) };
      },
      describe: (outcome) => (outcome.ok ? `HTTP ${outcome.value.status}` : opts.redact(describeFault(outcome.error))),
      giveUp: (outcome, attempt, why) => {
        if (why === 'deadline') {
          const last = outcome.ok ? `HTTP ${outcome.value.status}` : describeFault(outcome.error);
          throw budgetError(what, budget!.ms, opts.redact(last));
        }
        if (outcome.ok) {
          opts.logger.debug(`${what}: HTTP ${outcome.value.status} after ${attempt + 1} attempts`);
          return outcome.value;
        }
        const message = opts.redact(`${what} failed after ${attempt + 1} attempts: ${describeFault(outcome.error)}`);
        const timeout = timeoutBehind(outcome.error);
        throw timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
      },
    },
  ).catch((err: unknown) => {
    throw settled(err, what, opts);
  });
}

/**
 * An error leaving the exchange: its secrets removed, its kind kept (a timeout stays a
 * RequestTimeoutError, an over-long answer a RegistryError, a spent budget says so).
 */
function settled(err: unknown, what: string, opts: ExchangeOptions): Error {
  if (err instanceof BodyTooLarge) return new RegistryError(opts.redact(`${what}: ${err.message}`), 200, []);
  const timeout = timeoutBehind(err);
  if (opts.budget && (timeout?.timeout === 'budget' || opts.budget.signal.aborted)) {
    return timeout?.timeout === 'budget' && err === timeout
      ? new RequestTimeoutError(opts.redact(timeout.message), 'budget', timeout.ms)
      : budgetError(what, opts.budget.ms);
  }
  const text = err instanceof Error ? err.message : String(err);
  // Messages written here already start with `what`; a fault from below gets it in front.
  const message = opts.redact(text.startsWith(what) ? text : `${what} failed: ${describeFault(err)}`);
  return timeout ? new RequestTimeoutError(message, timeout.timeout, timeout.ms) : new Error(message);
}

/** The timeout behind a fault: the error itself, its cause, or the pause that cut a body short. */
function timeoutBehind(err: unknown): RequestTimeoutError | undefined {
  return err instanceof BodyDropped ? err.timeout : timeoutOf(err);
}

/**
 * Follows redirects by hand: Authorization goes only to the origin it was meant for (the
 * registry, or the realm for a token request), never to blob storage on another host, as
 * go-containerregistry's transport and containers/image drop it on a redirect to another host.
 */
async function follow(start: URL, init: RequestInit, what: string, opts: ExchangeOptions): Promise<Reply> {
  const credentialOrigin = start.origin;
  let url = start;
  let method = init.method ?? 'GET';
  let body = init.body;
  // Plain lower-cased records, not Headers: the Headers class alone loads undici (see transport.ts).
  const baseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) baseHeaders[k.toLowerCase()] = v;
  for (let hop = 0; ; hop++) {
    const headers = { ...baseHeaders };
    if (url.origin !== credentialOrigin) delete headers.authorization;
    opts.onRequest?.();
    const response = await opts.fetchImpl(url, {
      method,
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body } : {}),
      ...(opts.budget ? { signal: opts.budget.signal } : {}),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (body instanceof Readable) {
        // A streamed body is spent: the caller starts again (a blob copy retries as a whole).
        throw new Error(`${what}: the registry redirected a streamed upload (HTTP ${response.status})`);
      }
      if (hop >= MAX_REDIRECTS) throw finalFault(new Error(`${what}: more than ${MAX_REDIRECTS} redirects`));
      url = new URL(location, url);
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')
      ) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    if (opts.stream && method === 'GET' && response.status >= 200 && response.status < 300) {
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: Buffer.alloc(0),
        url,
        stream: bodyStream(response),
      };
    }
    const bytes = method === 'HEAD' ? await finishHead(response) : await readBody(response, what, opts);
    return { status: response.status, statusText: response.statusText, headers: response.headers, body: bytes, url };
  }
}

/**
 * A HEAD answer has no body, but its end must still be read: until it is, node:http keeps the
 * keep-alive socket tied to the answer, so the next request opens another connection and an idle
 * one holds the process open (a registry that never closes idle connections, as distribution,
 * kept a library user's process alive after its last request).
 */
async function finishHead(response: Response): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (let read = 0; read < 64 * 1024;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.alloc(0);
      read += value.byteLength;
    }
  } catch {
    return Buffer.alloc(0);
  }
  // A body on a HEAD answer is a broken server: stop reading it.
  await reader.cancel().catch(() => undefined);
  return Buffer.alloc(0);
}

async function readBody(response: Response, what: string, opts: ExchangeOptions): Promise<Buffer> {
  const { maxBytes, budget } = opts;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(`the response is ${declared} bytes, more than the ${maxBytes} accepted`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLarge(`the response is more than the ${maxBytes} bytes accepted`);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (err) {
    if (err instanceof BodyTooLarge) throw err;
    const timeout = timeoutOf(err);
    if (timeout?.timeout === 'budget' || budget?.signal.aborted) throw budgetError(what, budget?.ms ?? 0);
    if (timeout) {
      const dropped = new BodyDropped(`the response stopped half-way: ${timeout.message}`);
      dropped.timeout = timeout;
      throw dropped;
    }
    const cause = (err as { cause?: Error }).cause;
    throw new BodyDropped(
      `the connection dropped while reading the response (${(err as Error).message}${cause ? `: ${cause.message}` : ''})`,
    );
  }
  return Buffer.concat(chunks, total);
}

/** A response body as a node:stream Readable: the transport's own stream when it has one, else read through its reader. */
function bodyStream(response: Response): Readable {
  const own = (response as unknown as { nodeStream?: Readable }).nodeStream;
  if (own) return own;
  const body = response.body;
  if (!body) return Readable.from([]);
  const reader = body.getReader();
  return Readable.from(
    (async function* () {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield Buffer.from(value);
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    })(),
  );
}
