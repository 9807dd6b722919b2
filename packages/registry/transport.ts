import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { finalFault, RequestTimeoutError } from '../common/http.js';
import { proxyFor, readProxySettings, type ProxyChoice } from '../common/proxy.js';

export interface TransportOptions {
  /** the TCP (and DNS) connection must be up within this; default 30 s */
  connectTimeoutMs?: number;
  /** once connected, the registry must send a byte at least this often, headers and body alike; default 60 s */
  idleTimeoutMs?: number;
  /** for tests: the DNS lookup node:http uses (a lookup that never answers holds the connection phase open) */
  lookup?: LookupFunction;
  /**
   * Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY (and their lower-case forms) are read, once, when the
   * transport is made; default process.env. See packages/common/proxy.ts for the rules.
   */
  env?: NodeJS.ProcessEnv;
  /** for tests: the CA certificates an https registry is checked against, instead of Node's */
  ca?: string | Buffer;
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
  // Read once, as the runner reads them once: a malformed proxy URL fails here, before any request.
  const proxies = readProxySettings(opts.env ?? process.env);
  const tunnels = new Map<string, Promise<http.Agent>>();
  return (input, init = {}) => {
    // No `instanceof Request`: touching the global loads undici.
    const url = new URL(typeof input === 'object' && 'url' in input ? input.url : String(input));
    const headers = plainHeaders(init.headers);
    const body = init.body as string | Uint8Array | Readable | null | undefined;
    if (
      body !== undefined &&
      body !== null &&
      typeof body !== 'string' &&
      !(body instanceof Uint8Array) &&
      !isReadable(body)
    ) {
      return Promise.reject(
        new TypeError('httpTransport: request bodies must be strings, bytes or a node:stream Readable'),
      );
    }
    const proxy = proxyFor(url, proxies);
    if (!proxy) return exchange(url, headers, init, body, { direct: true });
    if (url.protocol === 'http:') {
      // A plain-http registry: the request itself goes to the proxy, its target in absolute form
      // (RFC 9112 §3.2.2), as curl and Go send it; the proxy sees it whole, Authorization included.
      const viaProxy = {
        ...headers,
        host: url.host,
        ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}),
      };
      return exchange(url, viaProxy, init, body, { direct: false, proxy });
    }
    // An https registry: a CONNECT tunnel, TLS to the registry inside it; the proxy sees the host
    // and port only, never a header of the request.
    const key = `${proxy.url.href} ${proxy.authorization ?? ''}`;
    let tunnel = tunnels.get(key);
    if (!tunnel) {
      tunnel = tunnelAgent(proxy, connectMs);
      tunnels.set(key, tunnel);
      tunnel.catch(() => tunnels.delete(key));
    }
    return tunnel.then((agent) => exchange(url, headers, init, body, { direct: false, proxy, agent }));
  };

  function exchange(
    url: URL,
    headers: Record<string, string>,
    init: RequestInit,
    body: string | Uint8Array | Readable | null | undefined,
    route: { direct: boolean; proxy?: ProxyChoice; agent?: http.Agent },
  ): Promise<Response> {
    const { proxy, agent } = route;
    const forward = proxy !== undefined && agent === undefined;
    const send = (forward ? proxy.url.protocol : url.protocol) === 'https:' ? https.request : http.request;
    const target: string | URL = forward ? new URL(url.pathname + url.search, proxy.url) : url;
    const via = proxy ? ` through the proxy ${proxy.url.host} (${proxy.variable})` : '';
    const requestOptions: https.RequestOptions = {
      method: init.method ?? 'GET',
      headers,
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
      ...(agent ? { agent } : {}),
      ...(opts.ca && !forward ? { ca: opts.ca } : {}),
      ...(forward ? { path: url.href } : {}),
    };
    return new Promise((resolve, reject) => {
      let res: http.IncomingMessage | undefined;
      let connectTimer: NodeJS.Timeout | undefined;
      const fail = (err: Error) => {
        clearTimeout(connectTimer);
        // A keep-alive socket may outlive a finished exchange: nothing is left to fail then.
        if (res?.complete) return;
        // Once the answer has begun, the error must reach its body stream, where the client reads.
        if (res) res.destroy(err);
        // A tunnel still being opened has no socket to destroy yet: node:http would hold the error
        // until the agent hands one over (or gives up itself), so the answer fails here and now.
        else if (!req.socket) reject(Object.assign(new TypeError(`fetch failed`), { cause: err }));
        req.destroy(err);
      };
      const req = send(target, requestOptions, (response) => {
        res = response;
        resolve(new HttpResponse(url, response) as unknown as Response);
      });
      const armConnectTimer = () =>
        setTimeout(
          () =>
            fail(
              new RequestTimeoutError(
                `no connection to ${url.host}${via} within ${connectMs} ms (connectTimeoutMs)`,
                'connect',
                connectMs,
              ),
            ),
          connectMs,
        );
      // Through a tunnel, the socket arrives once the proxy has answered the CONNECT: the wait for
      // it (connecting to the proxy, the proxy connecting onwards) is the connection phase.
      if (agent) connectTimer = armConnectTimer();
      req.on('socket', (socket) => {
        if (agent) {
          clearTimeout(connectTimer);
          return;
        }
        if (!socket.connecting) return;
        connectTimer = armConnectTimer();
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      // Socket inactivity in either direction, from connection to the last byte of the body.
      req.setTimeout(idleMs, () =>
        fail(
          new RequestTimeoutError(
            `${url.host}${via} sent nothing for ${idleMs} ms (idleTimeoutMs)${res ? ' while sending the response body' : ''}`,
            'idle',
            idleMs,
          ),
        ),
      );
      req.on('error', (err) => {
        clearTimeout(connectTimer);
        reject(Object.assign(new TypeError(`fetch failed`), { cause: proxy ? proxyFault(err, proxy) : err }));
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
      if (isReadable(body)) {
        // A streamed body (a blob copied from another registry): backpressure keeps memory bounded,
        // and a source that fails mid-way fails the request instead of sending a short body.
        body.on('error', (err) => fail(err));
        body.pipe(req);
      } else req.end(body ?? undefined);
    });
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as Readable).pipe === 'function';
}

/**
 * An agent that opens CONNECT tunnels through the proxy (hpagent), loaded on first use: a run
 * without a proxy never loads it. Its `timeout` bounds the CONNECT exchange itself a little after
 * the transport's own connect timer, so a proxy that never answers does not keep a socket (and the
 * process) alive. Proxy-Authorization goes in the CONNECT request only.
 */
async function tunnelAgent(proxy: ProxyChoice, connectMs: number): Promise<http.Agent> {
  const { HttpsProxyAgent } = await import('hpagent');
  return new HttpsProxyAgent({
    proxy: proxy.url,
    keepAlive: true,
    timeout: connectMs + 1000,
    ...(proxy.authorization
      ? { proxyRequestOptions: { headers: { 'proxy-authorization': proxy.authorization } } }
      : {}),
  });
}

/** hpagent's "Bad response: 407" as a sentence that names the proxy and the setting to check. */
function proxyFault(err: Error, proxy: ProxyChoice): Error {
  const status = /^Bad response: (\d{3})$/.exec(err.message)?.[1];
  if (!status) return err;
  const hint =
    status === '407'
      ? proxy.authorization
        ? `: it refused the credentials in ${proxy.variable}`
        : `: it asks for credentials (${proxy.variable}=http://user:password@${proxy.url.host})`
      : '';
  const fault = new Error(
    `the proxy ${proxy.url.host} (${proxy.variable}) answered the CONNECT with HTTP ${status}${hint}`,
  );
  // A 407 answers every retry alike: the credentials in the variable must change first.
  return status === '407' ? finalFault(fault) : fault;
}

let defaultTransport: typeof fetch | undefined;
/** The transport with the default timeouts, and the proxy variables of process.env; made on first use. */
export const httpTransport: typeof fetch = (input, init) => (defaultTransport ??= createHttpTransport())(input, init);

function plainHeaders(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (Array.isArray(h)) for (const [k, v] of h) out[k.toLowerCase()] = v;
  else if (typeof (h as Headers).forEach === 'function' && !(h.constructor === Object)) {
    (h as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
  } else for (const [k, v] of Object.entries(h as Record<string, string>)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The parts of Response the client reads: status, statusText, headers.get/has, arrayBuffer, text,
 * and a body with `getReader()` (read, cancel) and `cancel()`, read straight from the node:http
 * stream. Not a web ReadableStream: `Readable.toWeb` loads Node's web streams, ~9 ms of every cold
 * CLI call measured here, for the two methods the client uses.
 */
class HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: { get(name: string): string | null; has(name: string): boolean };
  readonly body: NodeBody;
  /** the body as node:http delivers it, for a caller that streams it onwards (exchange.ts `stream`) */
  readonly nodeStream: http.IncomingMessage;

  constructor(url: URL, res: http.IncomingMessage) {
    this.nodeStream = res;
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
    this.body = new NodeBody(res);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Uint8Array[] = [];
    const reader = this.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    const buf = Buffer.concat(chunks);
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return Buffer.from(await this.arrayBuffer()).toString('utf8');
  }
}

/** A response body as the reader of a web stream reads it: chunks in order, then done; an error as a rejection. */
class NodeBody {
  private chunks: AsyncIterator<Buffer> | undefined;
  constructor(private readonly res: http.IncomingMessage) {}

  getReader(): { read(): Promise<{ done: boolean; value: Uint8Array }>; cancel(): Promise<void> } {
    // Made on first read, so a body streamed onwards through nodeStream has no other reader.
    return {
      read: async () => {
        this.chunks ??= this.res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        const next = await this.chunks.next();
        return next.done ? { done: true, value: new Uint8Array(0) } : { done: false, value: next.value };
      },
      cancel: () => this.cancel(),
    };
  }

  async cancel(): Promise<void> {
    this.res.destroy();
  }
}
