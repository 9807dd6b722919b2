import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tagPage, type ProxiedRequest } from './fault-proxy.js';

/**
 * A reverse proxy on loopback in front of the real registry (test/support/registry.ts) that answers
 * the way other registries do, one switchable mode per documented behaviour. Everything the mode
 * does not touch goes to the registry unchanged (Authorization included, so the registry's own
 * Basic or token auth applies), and Location and Link headers are rewritten to the proxy. The tag
 * pages it serves are cut from the registry's full list with fault-proxy.ts's `tagPage` (Debian's
 * distribution 2.8 ignores `n` and `last`).
 *
 * - `cross-origin-link`: the `Link` of a tag page names another origin, a second loopback server
 *   (`other`) that records every request it gets, with its Authorization header, and answers a page
 *   of planted tags. A client must not send the registry's credentials there:
 *   go-containerregistry refuses such a link since #2332 ("prevent SSRF in google.List()
 *   pagination", `validatePaginationURL` in pkg/v1/remote/list.go); containers/image (skopeo) keeps
 *   only its path and query (docker/docker_image.go, GetRepositoryTags); renovate ignores it unless
 *   told otherwise (`resolvePaginationUrl` in lib/modules/datasource/docker/index.ts).
 * - `artifactory-link`: Artifactory's next-page `Link` lacks the `/v2/<repo-key>` prefix
 *   (https://jfrog.atlassian.net/browse/RTFACT-18971): a page of `/v2/docker-local/team/app/tags/list`
 *   links to `</team/app/tags/list?n=…&last=…>`, which answers 404. Every answer carries
 *   `X-JFrog-Version` (renovate's fixture in lib/modules/datasource/docker/index.spec.ts,
 *   "jfrog artifactory - retry tags for official images…").
 * - `quay-413`: Quay answers a tag list with `n` above its page size (100 unless V2_PAGINATION_SIZE
 *   raises it) with 413 `TOO_MANY_TAGS_REQUESTED` (quay/quay#2884, endpoints/v2/__init__.py
 *   `oci_tag_paginate`; live on quay.io in June 2024, google/go-containerregistry#1963,
 *   akuity/kargo#2186; taken out again in quay/quay#2964). Quay's error body puts `detail` as
 *   given, `{}` when none (`V2RegistryException.as_dict`, endpoints/v2/errors.py): the 413 of #2884
 *   gives a string ("requested limit 1000 is too high, max is 100"); `quayDetail: 'object'` sends
 *   the same reason as an object instead, the shape issue 9 reports. Its pages link to the next with
 *   an absolute URL on its own origin (`get_app_url()`).
 * - `nexus-null`: Sonatype Nexus 3.58 puts JSON `null` among the tags
 *   (https://github.com/containers/skopeo/issues/2409; containers/image skips them since).
 * - `artifactory-digests`: the digests of the repository's untagged manifests listed among the tags,
 *   as versions of JFrog Artifactory did (https://github.com/containers/skopeo/issues/2346; containers/image
 *   skips entries that parse as a digest since containers/image#2440).
 * - `bare-digest`: `Docker-Content-Digest` without the `sha256:` prefix, as Huawei's SWR answers
 *   (https://github.com/GoogleContainerTools/kaniko/issues/298; go-containerregistry gave up
 *   checking the header on tag fetches because of it, pkg/v1/remote/fetcher.go); with
 *   `digestHeader: 'absent'` the header is left out, as ECR and Artifactory do on some answers
 *   (aws/containers-roadmap#1931, deitch/docker_registry2#83); with `'unusable'` it holds a word
 *   that is no digest at all (no registry documented; the case the client must not trust).
 */
export type QuirkMode =
  'none' | 'cross-origin-link' | 'artifactory-link' | 'quay-413' | 'nexus-null' | 'artifactory-digests' | 'bare-digest';

export interface RegistryQuirksOptions {
  mode?: QuirkMode;
  /** page size of the tag pages served in the `-link` modes (default 1000); quay-413 uses quayPageSize */
  tagPageSize?: number;
  /** the most tags Quay serves per page (default 100, its `_MAX_RESULTS_PER_PAGE`) */
  quayPageSize?: number;
  quayDetail?: 'string' | 'object';
  /** bare-digest: strip the `sha256:` prefix (default), leave the header out, or send a value that is no digest */
  digestHeader?: 'bare' | 'absent' | 'unusable';
}

export interface OtherHostRequest {
  method: string;
  path: string;
  /** the Authorization header it came with, if any */
  authorization?: string;
}

export interface OtherHost {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: OtherHostRequest[];
}

export interface RegistryQuirks {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  /** switchable between tests */
  mode: QuirkMode;
  options: Required<Omit<RegistryQuirksOptions, 'mode'>>;
  requests: ProxiedRequest[];
  /** the "other host" of `cross-origin-link` (always running) */
  other: OtherHost;
  /** the tags the other host answers with, which must never show up in a listing */
  plantedTags: readonly string[];
  reset(): void;
  stop(): Promise<void>;
}

export const JFROG_VERSION = 'Artifactory/7.42.2 74202900';
const PLANTED_TAGS = ['planted-by-another-host'];

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);
const TAGS_LIST = /^\/v2\/(.+)\/tags\/list(?:\?(.*))?$/;

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

export async function startRegistryQuirks(upstream: string, opts: RegistryQuirksOptions = {}): Promise<RegistryQuirks> {
  const upstreamUrl = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  let proxyOrigin = '';

  // The "other host": records everything, answers a tag page of planted tags with no Link.
  const other: OtherHost = { url: '', requests: [] };
  const otherServer = createServer((req, res) => {
    other.requests.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const body = Buffer.from(JSON.stringify({ name: 'planted', tags: PLANTED_TAGS }));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
    res.end(body);
  });
  other.url = `http://${await listen(otherServer)}`;

  const rewrite = (value: string) => value.split(upstreamUrl.origin).join(proxyOrigin);

  const headersOf = (headers: IncomingHttpHeaders): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || HOP_BY_HOP.has(name)) continue;
      out[name] =
        name === 'location' || name === 'link' ? (Array.isArray(value) ? value.map(rewrite) : rewrite(value)) : value;
    }
    return out;
  };

  const forward = (req: IncomingMessage, path: string, body: Buffer | undefined): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      headers.host = upstreamUrl.host;
      if (body) headers['content-length'] = String(body.length);
      const out = httpRequest(
        { hostname: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path, headers, agent },
        resolve,
      );
      out.on('error', reject);
      if (body) out.end(body);
      else req.pipe(out);
    });

  const quirks: RegistryQuirks = {
    url: '',
    host: '',
    mode: opts.mode ?? 'none',
    options: {
      tagPageSize: opts.tagPageSize ?? 1000,
      quayPageSize: opts.quayPageSize ?? 100,
      quayDetail: opts.quayDetail ?? 'string',
      digestHeader: opts.digestHeader ?? 'bare',
    },
    requests: [],
    other,
    plantedTags: PLANTED_TAGS,
    reset() {
      quirks.requests.length = 0;
      other.requests.length = 0;
    },
    stop: async () => {
      agent.destroy();
      await close(server);
      await close(otherServer);
    },
  };

  const send = (
    res: ServerResponse,
    record: ProxiedRequest,
    status: number,
    headers: Record<string, string | string[]>,
    body: Buffer | string,
  ) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    record.status = status;
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  };

  const jfrog = (): Record<string, string> =>
    quirks.mode === 'artifactory-link' ? { 'x-jfrog-version': JFROG_VERSION } : {};

  /** A tag page the way the mode's registry answers it, cut from the registry's full list. */
  const serveTags = async (
    req: IncomingMessage,
    res: ServerResponse,
    record: ProxiedRequest,
    name: string,
    query: URLSearchParams,
  ) => {
    const mode = quirks.mode;
    // The registry answers first, so that its auth comes before Quay's check of `n`, as Quay's
    // decorators order them (process_registry_jwt_auth and require_repo_read outside oci_tag_paginate).
    const upstreamRes = await forward(req, `/v2/${name}/tags/list`, Buffer.alloc(0));
    const body = await readBody(upstreamRes);
    if (upstreamRes.statusCode !== 200) {
      send(res, record, upstreamRes.statusCode ?? 502, { ...headersOf(upstreamRes.headers), ...jfrog() }, body);
      return;
    }
    if (mode === 'quay-413') {
      const max = quirks.options.quayPageSize;
      const asked = query.get('n');
      if (asked !== null && /^\d+$/.test(asked) && Number(asked) > max) {
        // quay/quay#2884: TooManyTagsRequested("Too many tags requested", "requested limit %s is too high, max is %s")
        const reason = `requested limit ${asked} is too high, max is ${max}`;
        const detail =
          quirks.options.quayDetail === 'object' ? { message: reason, requested: Number(asked), max } : reason;
        send(
          res,
          record,
          413,
          { 'content-type': 'application/json' },
          JSON.stringify({ errors: [{ code: 'TOO_MANY_TAGS_REQUESTED', message: 'Too many tags requested', detail }] }),
        );
        return;
      }
    }
    const list = JSON.parse(body.toString()) as { name: string; tags: string[] | null };
    const all = list.tags ?? [];
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...jfrog() };
    if (mode === 'nexus-null') {
      // skopeo#2409: nulls among the strings, first, between and last.
      const sorted = [...all].sort();
      const tags: (string | null)[] = [null, ...sorted.slice(0, 1), null, ...sorted.slice(1), null];
      send(res, record, 200, headers, JSON.stringify({ name: list.name, tags }));
      return;
    }
    if (mode === 'artifactory-digests') {
      // skopeo#2346: `sha256:<hex>` entries among the tags.
      const digests = [`sha256:${'a'.repeat(64)}`, `sha256:${'0123456789abcdef'.repeat(4)}`];
      const tags = [digests[0], ...[...all].sort(), digests[1]];
      send(res, record, 200, headers, JSON.stringify({ name: list.name, tags }));
      return;
    }
    const pageSize = mode === 'quay-413' ? quirks.options.quayPageSize : quirks.options.tagPageSize;
    if (mode === 'quay-413' && query.get('n') === null) query.set('n', String(pageSize));
    const page = tagPage(name, all, query, pageSize);
    if (page.link) {
      const target = /^<([^>]*)>/.exec(page.link)![1]!;
      const next = new URL(target, 'http://x');
      let link: string;
      if (mode === 'cross-origin-link') link = `<${other.url}${next.pathname}${next.search}>; rel="next"`;
      else if (mode === 'artifactory-link') {
        // RTFACT-18971: `/v2/<repo-key>` is missing from the link.
        const withoutKey = next.pathname.replace(/^\/v2\/[^/]+/, '');
        link = `<${withoutKey}${next.search}>; rel="next"`;
      } else if (mode === 'quay-413') link = `<${proxyOrigin}${next.pathname}${next.search}>; rel="next"`;
      else link = page.link;
      headers.link = link;
    }
    send(res, record, 200, headers, JSON.stringify({ name: list.name, tags: page.tags }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const record: ProxiedRequest = { method, path, status: 0 };
    quirks.requests.push(record);
    const mode = quirks.mode;

    const tags = method === 'GET' ? TAGS_LIST.exec(path) : null;
    if (tags && mode !== 'none' && mode !== 'bare-digest') {
      await serveTags(req, res, record, tags[1]!, new URLSearchParams(tags[2] ?? ''));
      return;
    }
    if (mode === 'artifactory-link' && !path.startsWith('/v2/')) {
      // What the link of RTFACT-18971 leads to: a path that is no repository.
      await readBody(req);
      send(
        res,
        record,
        404,
        { 'content-type': 'application/json', ...jfrog() },
        JSON.stringify({ errors: [{ status: 404, message: 'Not Found' }] }),
      );
      return;
    }

    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    const upstreamRes = await forward(req, path, body);
    const headers = { ...headersOf(upstreamRes.headers), ...jfrog() };
    if (mode === 'bare-digest') {
      const digest = headers['docker-content-digest'];
      if (typeof digest === 'string') {
        if (quirks.options.digestHeader === 'absent') delete headers['docker-content-digest'];
        else if (quirks.options.digestHeader === 'unusable') headers['docker-content-digest'] = 'unavailable';
        else headers['docker-content-digest'] = digest.replace(/^sha256:/, '');
      }
    }
    record.status = upstreamRes.statusCode ?? 502;
    res.writeHead(record.status, headers);
    upstreamRes.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`registry quirks proxy: ${err.message}`);
      } else res.destroy();
    });
  });
  quirks.host = await listen(server);
  quirks.url = `http://${quirks.host}`;
  proxyOrigin = quirks.url;
  return quirks;
}
