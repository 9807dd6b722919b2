import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * The registry client's default transport: the subset of fetch it uses, over node:http(s).
 *
 * Why not the global fetch: in a cold process the first fetch loads and compiles undici, which cost
 * ~90 ms per CLI call or action step against docker-registry here (a GET and exit: 135 ms with fetch,
 * 45 ms with node:http), more than the whole retag's round trips on a LAN. Redirects are never
 * followed (the client follows them itself so credentials stay with their origin); request bodies
 * are bytes or strings, as the client sends them.
 */
export const httpTransport: typeof fetch = (input, init = {}) => {
  // No `instanceof Request`: touching the global loads undici.
  const url = new URL(typeof input === 'object' && 'url' in input ? input.url : String(input));
  const headers = plainHeaders(init.headers);
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    return Promise.reject(new TypeError('httpTransport: request bodies must be strings or bytes'));
  }
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: init.method ?? 'GET', headers }, (res) => {
      const stream = Readable.toWeb(res) as ReadableStream<Uint8Array>;
      resolve(new HttpResponse(url, res, stream) as unknown as Response);
    });
    req.on('error', (err) => reject(Object.assign(new TypeError(`fetch failed`), { cause: err })));
    if (init.signal) {
      if (init.signal.aborted) req.destroy(new Error('aborted'));
      init.signal.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
    }
    req.end(body ?? undefined);
  });
};

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
