import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { RequestTimeoutError } from '../common/http.js';

export interface TransportOptions {
  /** the TCP (and DNS) connection must be up within this; default 30 s */
  connectTimeoutMs?: number;
  /** once connected, the registry must send a byte at least this often, headers and body alike; default 60 s */
  idleTimeoutMs?: number;
  /** for tests: the DNS lookup node:http uses (a lookup that never answers holds the connection phase open) */
  lookup?: LookupFunction;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/**
 * The registry client's default transport: the subset of fetch it uses, over node:http(s).
 *
 * Why not the global fetch: in a cold process the first fetch loads and compiles undici, which cost
 * ~90 ms per CLI call or action step against docker-registry here (a GET and exit: 135 ms with fetch,
 * 45 ms with node:http), more than the whole retag's round trips on a LAN. Redirects are never
 * followed (the client follows them itself so credentials stay with their origin); request bodies
 * are bytes or strings, as the client sends them.
 *
 * Every request has a connect timeout and an idle timeout: node:http has neither by default, so a
 * registry (or a proxy in front of it) that accepts a request and never answers would hold a
 * workflow until the job's own limit (6 hours on GitHub-hosted runners). GGCR bounds the same
 * phases with Go's dialer and transport timeouts (`pkg/v1/remote/transport/transport.go`
 * https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/transport/transport.go).
 * Both reject with a RequestTimeoutError as the `cause` of the fetch failure, which the retry
 * policy treats like a dropped connection; an idle timeout while the body streams errors the body.
 */
export function createHttpTransport(opts: TransportOptions = {}): typeof fetch {
  const connectMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  return (input, init = {}) => {
    // No `instanceof Request`: touching the global loads undici.
    const url = new URL(typeof input === 'object' && 'url' in input ? input.url : String(input));
    const headers = plainHeaders(init.headers);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return Promise.reject(new TypeError('httpTransport: request bodies must be strings or bytes'));
    }
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      let res: http.IncomingMessage | undefined;
      let connectTimer: NodeJS.Timeout | undefined;
      const fail = (err: Error) => {
        clearTimeout(connectTimer);
        // A keep-alive socket may outlive a finished exchange: nothing is left to fail then.
        if (res?.complete) return;
        // Once the answer has begun, the error must reach its body stream, where the client reads.
        if (res) res.destroy(err);
        req.destroy(err);
      };
      const req = send(
        url,
        { method: init.method ?? 'GET', headers, ...(opts.lookup ? { lookup: opts.lookup } : {}) },
        (response) => {
          res = response;
          const stream = Readable.toWeb(response) as ReadableStream<Uint8Array>;
          resolve(new HttpResponse(url, response, stream) as unknown as Response);
        },
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () =>
            fail(
              new RequestTimeoutError(
                `no connection to ${url.host} within ${connectMs} ms (connectTimeoutMs)`,
                'connect',
                connectMs,
              ),
            ),
          connectMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      // Socket inactivity in either direction, from connection to the last byte of the body.
      req.setTimeout(idleMs, () =>
        fail(
          new RequestTimeoutError(
            `${url.host} sent nothing for ${idleMs} ms (idleTimeoutMs)${res ? ' while sending the response body' : ''}`,
            'idle',
            idleMs,
          ),
        ),
      );
      req.on('error', (err) => {
        clearTimeout(connectTimer);
        reject(Object.assign(new TypeError(`fetch failed`), { cause: err }));
      });
      req.on('close', () => clearTimeout(connectTimer));
      if (init.signal) {
        const signal = init.signal;
        const abort = () => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        if (signal.aborted) abort();
        else {
          signal.addEventListener('abort', abort, { once: true });
          req.on('close', () => signal.removeEventListener('abort', abort));
        }
      }
      req.end(body ?? undefined);
    });
  };
}

/** The transport with the default timeouts. */
export const httpTransport: typeof fetch = createHttpTransport();

function plainHeaders(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (Array.isArray(h)) for (const [k, v] of h) out[k.toLowerCase()] = v;
  else if (typeof (h as Headers).forEach === 'function' && !(h.constructor === Object)) {
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  } else for (const [k, v] of Object.entries(h as Record<string, string>)) out[k.toLowerCase()] = v;
  return out;
}

/** The parts of Response the client reads: status, headers.get, body (a web stream), arrayBuffer. */
class HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  readonly body: ReadableStream<Uint8Array> | null;

  constructor(url: URL, res: http.IncomingMessage, body: ReadableStream<Uint8Array>) {
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.url = url.toString();
    const raw = res.headers;
    this.headers = {
      get: (name) => {
        const v = raw[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      },
      has: (name) => raw[name.toLowerCase()] !== undefined,
    };
    this.body = body;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Uint8Array[] = [];
    if (this.body) for await (const chunk of this.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const buf = Buffer.concat(chunks);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return Buffer.from(await this.arrayBuffer()).toString('utf8');
  }
}
