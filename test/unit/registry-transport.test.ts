import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { RequestTimeoutError } from '../../packages/common/http.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { createHttpTransport } from '../../packages/registry/transport.js';

/** A DNS lookup that never answers: the connection phase stays open, as with a host that drops SYNs. */
const neverResolves: LookupFunction = () => {};
/** Resolves every name to loopback, so a host name reaches the test server. */
const toLoopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ]);
  else (callback as (e: null, a: string, f: number) => void)(null, '127.0.0.1', 4);
};

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow-headers') return; // never answers
    if (req.url === '/drip') {
      // Bytes keep coming, each well within the idle timeout, so a slow but live body is never cut.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let n = 0;
      const timer = setInterval(() => {
        res.write('x');
        if (++n === 6) {
          clearInterval(timer);
          res.end();
        }
      }, 40);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('httpTransport timeouts', () => {
  it('fails a connection that is not up within connectTimeoutMs, naming the host and the option', async () => {
    const transport = createHttpTransport({ connectTimeoutMs: 100, lookup: neverResolves });
    const err = (await transport(`http://registry.test:${port}/v2/`).catch((e: Error) => e)) as Error & {
      cause?: unknown;
    };
    expect(err).toBeInstanceOf(TypeError);
    expect(err.cause).toBeInstanceOf(RequestTimeoutError);
    expect((err.cause as RequestTimeoutError).message).toBe(
      `no connection to registry.test:${port} within 100 ms (connectTimeoutMs)`,
    );
    expect((err.cause as RequestTimeoutError).timeout).toBe('connect');
  });

  it('connects normally when the lookup answers', async () => {
    const transport = createHttpTransport({ connectTimeoutMs: 1000, lookup: toLoopback });
    // Another name than the other tests': node's global agent keeps the connection for reuse.
    const res = await transport(`http://resolved.test:${port}/`);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
  });

  it('fails a request whose answer does not start within idleTimeoutMs', async () => {
    const transport = createHttpTransport({ idleTimeoutMs: 100 });
    const err = (await transport(`http://127.0.0.1:${port}/slow-headers`).catch((e: Error) => e)) as Error & {
      cause?: RequestTimeoutError;
    };
    expect(err.cause?.message).toBe(`127.0.0.1:${port} sent nothing for 100 ms (idleTimeoutMs)`);
    expect(err.cause?.timeout).toBe('idle');
  });

  it('lets a slow body through as long as bytes keep coming', async () => {
    const transport = createHttpTransport({ idleTimeoutMs: 150 });
    const res = await transport(`http://127.0.0.1:${port}/drip`);
    expect(await res.text()).toBe('xxxxxx');
  });

  it('aborts with the reason of the signal', async () => {
    const transport = createHttpTransport();
    const controller = new AbortController();
    const pending = transport(`http://127.0.0.1:${port}/slow-headers`, { signal: controller.signal });
    controller.abort(new RequestTimeoutError('budget spent', 'budget', 5));
    const err = (await pending.catch((e: Error) => e)) as Error & { cause?: RequestTimeoutError };
    expect(err.cause?.message).toBe('budget spent');
  });
});

describe('RegistryClient timeouts', () => {
  it('retries a connect timeout within the retry policy, then names the request and the timeout', async () => {
    // fetchImpl replaces the client's transport, timeouts included: the same transport with a lookup
    // that never answers stands for a registry that never accepts the connection.
    const client = new RegistryClient(`registry.test:${port}`, {
      insecure: [`registry.test:${port}`],
      retry: { retries: 1, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 },
      fetchImpl: createHttpTransport({ connectTimeoutMs: 50, lookup: neverResolves }),
    });
    const err = (await client.getManifest('app', 'v1').catch((e: Error) => e)) as RequestTimeoutError;
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(err.message).toBe(
      `getting manifest registry.test:${port}/app:v1 failed after 2 attempts: fetch failed (no connection to registry.test:${port} within 50 ms (connectTimeoutMs))`,
    );
    expect([err.timeout, err.ms]).toEqual(['connect', 50]);
    expect(client.requestCount).toBe(2);
  });
});
