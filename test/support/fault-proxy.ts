import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on loopback in front of a registry (or any HTTP server) that records requests
 * and answers chosen ones with a fault: an error status, a dropped connection, or a body cut in
 * half. Location and Link headers are rewritten to the proxy so a client keeps coming through
 * it; the WWW-Authenticate realm is left alone, so token requests go straight to the realm.
 */
export interface Fault {
  /** which requests; all when absent */
  match?: (method: string, path: string) => boolean;
  /** status of the injected answer (default 500, or the upstream's status with `drop: 'mid-body'`) */
  status?: number;
  headers?: Record<string, string>;
  /** body of the injected answer; a 429 without one gets a registry TOOMANYREQUESTS error */
  body?: string;
  /**
   * before-response: close the connection without an answer; mid-body: send the upstream's status
   * and headers, half its body, then destroy the socket; never-answer: take the request and keep the
   * connection open without a byte of answer (a registry or proxy that hangs, which only a client's
   * idle timeout ends); stall-mid-body: send the upstream's status, headers and half its body, then
   * nothing more while the connection stays open.
   */
  drop?: 'before-response' | 'mid-body' | 'never-answer' | 'stall-mid-body';
  /** how many matching requests get it (default 1) */
  times?: number;
}

export interface ProxiedRequest {
  method: string;
  /** path and query as the client sent them */
  path: string;
  /** the status the client was given; 0 when the connection was dropped before an answer */
  status: number;
  /** the Authorization header the client sent, to prove which credentials reached which registry */
  authorization?: string;
  /** `performance.now()` when the request reached the proxy (before any added latency) */
  startedAt?: number;
  /** `performance.now()` when its answer was sent or its connection closed; absent while it is open */
  endedAt?: number;
}

export interface FaultProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  requests: ProxiedRequest[];
  /** the next `times` matching requests get this fault instead of the upstream's answer */
  inject(f: Fault): void;
  /** added before every request is forwarded */
  latencyMs: number;
  /**
   * When set, awaited as each request arrives, after its body is read and before it is forwarded or
   * faulted: a test can hold a request there (until it has killed the client, say). The request then
   * goes on as usual, though its client may be gone.
   */
  onRequest?: (info: { method: string; path: string }) => Promise<void> | void;
  /**
   * When set, headers added to an upstream answer passed through unfaulted: a test can make the
   * registry behind look like one with a feature it lacks (`OCI-Subject` on a manifest PUT, as a
   * registry with the referrers API answers).
   */
  addHeaders?: (info: { method: string; path: string; status: number }) => Record<string, string> | undefined;
  /**
   * When set, the proxy answers `GET /v2/<name>/tags/list` itself in pages of at most this many
   * tags, sorted, with a `Link: <…>; rel="next"` header, from the upstream's full list: Debian's
   * distribution 2.8 ignores `n`/`last` and lists tags unsorted, so pagination needs this.
   */
  tagPageSize: number | undefined;
  /** forgets recorded requests and pending faults; latencyMs is kept */
  reset(): void;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

const TOO_MANY_REQUESTS_BODY = JSON.stringify({
  errors: [{ code: 'TOOMANYREQUESTS', message: 'too many requests (fault injected by the test proxy)', detail: null }],
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const TAGS_LIST = /^\/v2\/(.+)\/tags\/list(?:\?(.*))?$/;

/** One page of a sorted tag list after `last` (exclusive), as distribution-spec §"Listing Tags" describes. */
export function tagPage(
  name: string,
  allTags: string[],
  query: URLSearchParams,
  pageSize: number,
): { tags: string[]; link?: string } {
  const sorted = [...allTags].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const last = query.get('last');
  const after = last === null ? sorted : sorted.filter((t) => t > last);
  const asked = query.get('n');
  const n = asked === null || !/^\d+$/.test(asked) ? pageSize : Math.min(Number(asked), pageSize);
  const tags = after.slice(0, n);
  if (n === 0 || after.length <= n) return { tags };
  const next = new URLSearchParams({ n: String(n), last: tags[tags.length - 1]! });
  return { tags, link: `</v2/${name}/tags/list?${next}>; rel="next"` };
}

export async function startFaultProxy(
  upstream: string,
  opts: { latencyMs?: number; tagPageSize?: number } = {},
): Promise<FaultProxy> {
  const upstreamUrl = new URL(upstream);
  const upstreamOrigin = upstreamUrl.origin;
  const agent = new Agent({ keepAlive: true });
  const pending: { fault: Fault; left: number }[] = [];
  let proxyOrigin = '';

  const rewrite = (value: string) => value.split(upstreamOrigin).join(proxyOrigin);

  const responseHeaders = (headers: IncomingHttpHeaders): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      if (name === 'location' || name === 'link')
        out[name] = Array.isArray(value) ? value.map(rewrite) : rewrite(value);
      else out[name] = value;
    }
    return out;
  };

  const takeFault = (method: string, path: string): Fault | undefined => {
    const index = pending.findIndex((p) => p.left > 0 && (p.fault.match ? p.fault.match(method, path) : true));
    if (index < 0) return undefined;
    const entry = pending[index]!;
    entry.left--;
    if (entry.left <= 0) pending.splice(index, 1);
    return entry.fault;
  };

  const forward = (req: IncomingMessage, body: Buffer | undefined, path = req.url): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      headers.host = upstreamUrl.host;
      const out = httpRequest(
        {
          protocol: upstreamUrl.protocol,
          hostname: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: req.method,
          path,
          headers,
          agent,
        },
        resolve,
      );
      out.on('error', reject);
      if (body) out.end(body);
      else req.pipe(out);
    });

  const serveTagPage = async (
    req: IncomingMessage,
    res: ServerResponse,
    record: ProxiedRequest,
    name: string,
    query: URLSearchParams,
    pageSize: number,
  ) => {
    const upstreamRes = await forward(req, Buffer.alloc(0), `/v2/${name}/tags/list`);
    const body = await readBody(upstreamRes);
    record.status = upstreamRes.statusCode ?? 502;
    if (record.status !== 200) {
      res.writeHead(record.status, { ...responseHeaders(upstreamRes.headers), 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    const list = JSON.parse(body.toString()) as { name: string; tags: string[] | null };
    const page = tagPage(name, list.tags ?? [], query, pageSize);
    const out = Buffer.from(JSON.stringify({ name: list.name, tags: page.tags }));
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(out.length),
      ...(page.link ? { link: page.link } : {}),
    });
    res.end(out);
  };

  const proxy: FaultProxy = {
    url: '',
    host: '',
    requests: [],
    latencyMs: opts.latencyMs ?? 0,
    tagPageSize: opts.tagPageSize,
    inject(fault) {
      pending.push({ fault, left: fault.times ?? 1 });
    },
    reset() {
      proxy.requests.length = 0;
      pending.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        agent.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: ProxiedRequest = {
      method,
      path,
      status: 0,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    // The timings are not enumerable: tests compare records with toEqual, benchmarks read the times.
    const timing = (key: 'startedAt' | 'endedAt') =>
      Object.defineProperty(record, key, { value: performance.now(), enumerable: false, writable: true });
    timing('startedAt');
    proxy.requests.push(record);
    res.once('close', () => timing('endedAt'));
    // With a hook the body is read first, so a request held while its client dies still goes upstream whole.
    let held: Buffer | undefined;
    if (proxy.onRequest) {
      held = await readBody(req);
      await proxy.onRequest({ method, path });
    }
    if (proxy.latencyMs > 0) await sleep(proxy.latencyMs);
    const fault = takeFault(method, path);

    const cutsBody = fault?.drop === 'mid-body' || fault?.drop === 'stall-mid-body';
    if (fault && !cutsBody) {
      // The client may still be sending; read its body so it sees our answer, not EPIPE.
      if (!held) await readBody(req);
      if (fault.drop === 'before-response') {
        req.socket.destroy();
        return;
      }
      // The socket stays open until the client gives up or stop() closes every connection.
      if (fault.drop === 'never-answer') return;
      const status = fault.status ?? 500;
      const body = fault.body ?? (status === 429 ? TOO_MANY_REQUESTS_BODY : '');
      const headers: Record<string, string> = {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...fault.headers,
      };
      headers['content-length'] = String(Buffer.byteLength(body));
      record.status = status;
      res.writeHead(status, headers);
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }

    const tagsList = method === 'GET' && !fault && proxy.tagPageSize !== undefined ? TAGS_LIST.exec(path) : null;
    if (tagsList) {
      await serveTagPage(req, res, record, tagsList[1]!, new URLSearchParams(tagsList[2] ?? ''), proxy.tagPageSize!);
      return;
    }

    let upstreamRes: IncomingMessage;
    try {
      upstreamRes = await forward(req, held ?? (fault ? await readBody(req) : undefined));
    } catch (err) {
      record.status = 502;
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: upstream ${upstreamOrigin} failed: ${(err as Error).message}`);
      return;
    }

    if (fault) {
      // mid-body, stall-mid-body: the whole upstream body is read so exactly half of it can be sent.
      const body = await readBody(upstreamRes);
      const status = fault.status ?? upstreamRes.statusCode ?? 502;
      record.status = status;
      res.writeHead(status, {
        ...responseHeaders(upstreamRes.headers),
        ...fault.headers,
        'content-length': String(body.length),
      });
      res.flushHeaders();
      const half = body.subarray(0, Math.floor(body.length / 2));
      if (fault.drop === 'stall-mid-body') {
        if (method !== 'HEAD' && half.length > 0) res.write(half);
        return;
      }
      if (method === 'HEAD' || half.length === 0) {
        req.socket.destroy();
        return;
      }
      res.write(half, () => setTimeout(() => req.socket.destroy(), 10));
      return;
    }

    record.status = upstreamRes.statusCode ?? 502;
    res.writeHead(record.status, {
      ...responseHeaders(upstreamRes.headers),
      ...proxy.addHeaders?.({ method, path, status: record.status }),
    });
    upstreamRes.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fault proxy: ${err.message}`);
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  proxy.host = `127.0.0.1:${port}`;
  proxy.url = `http://${proxy.host}`;
  proxyOrigin = proxy.url;
  return proxy;
}
