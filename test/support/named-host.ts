import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A public registry's host name (ghcr.io) served on loopback, so that a process run as the runner
 * runs it (a dist/ bundle, the CLI) talks to "ghcr.io" while no byte leaves this machine:
 * - a certificate for the name, trusted by the child through NODE_EXTRA_CA_CERTS (a Node setting
 *   read at start-up, https://nodejs.org/api/cli.html#node_extra_ca_certsfile);
 * - an https server holding that certificate, routing by path to local servers;
 * - a CONNECT proxy, named by HTTPS_PROXY, that opens a tunnel to that server for the name and
 *   refuses every other destination (so a request meant for any other host is seen and fails).
 * Every request the https server receives is recorded with its headers, so a test can prove which
 * credentials reached the host.
 */

export interface NamedHost {
  hostname: string;
  /** the certificate to put in NODE_EXTRA_CA_CERTS */
  caFile: string;
  /** http://127.0.0.1:PORT: the proxy for HTTPS_PROXY */
  proxyUrl: string;
  /** the requests the host received, in order */
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  /** CONNECT targets the proxy refused (any host other than `hostname`) */
  refused: string[];
  /** the environment a child needs to reach the host through the proxy */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export interface Route {
  /** the path prefix served by this route, e.g. `/token` or `/v2/` */
  prefix: string;
  /** the local http server the request goes to, `http://127.0.0.1:PORT` */
  upstream: string;
  /** rewrites a response header before it is sent on (e.g. the realm of WWW-Authenticate) */
  rewriteHeader?: (name: string, value: string) => string;
}

export async function startNamedHost(hostname: string, routes: Route[]): Promise<NamedHost> {
  const dir = mkdtempSync(join(tmpdir(), 'named-host-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '2',
      '-subj',
      `/CN=${hostname}`,
      '-addext',
      `subjectAltName=DNS:${hostname}`,
    ],
    { stdio: 'ignore' },
  );
  const requests: NamedHost['requests'] = [];
  const refused: string[] = [];
  const https = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const route = routes.find((r) => (req.url ?? '').startsWith(r.prefix));
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND"}]}');
      return;
    }
    const upstream = new URL(route.upstream);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value === undefined) continue;
          headers[name] = route.rewriteHeader && typeof value === 'string' ? route.rewriteHeader(name, value) : value;
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const httpsPort = (https.address() as AddressInfo).port;

  const sockets = new Set<Socket>();
  const proxy: Server = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket) => {
    const target = req.url ?? '';
    if (target !== `${hostname}:443`) {
      refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  return {
    hostname,
    caFile,
    proxyUrl,
    requests,
    refused,
    env: () => ({
      HTTPS_PROXY: proxyUrl,
      https_proxy: proxyUrl,
      NO_PROXY: '',
      no_proxy: '',
      NODE_EXTRA_CA_CERTS: caFile,
    }),
    async stop() {
      for (const s of sockets) s.destroy();
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
