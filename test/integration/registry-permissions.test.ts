import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { RetryPolicy } from '../../packages/common/retry.js';
import type { Logger } from '../../packages/common/logger.js';
import { RegistryClient, RegistryError, RegistryPermissionError } from '../../packages/registry/client.js';
import type { Credentials } from '../../packages/registry/credentials.js';
import { createHttpTransport } from '../../packages/registry/transport.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { basicAuth, pushOciImage, tokenAuth } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * checkPushPermission proves push rights the way go-containerregistry's remote.CheckPushPermission
 * does (https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/check.go): a blob
 * upload is started, then cancelled, so nothing is left that a listing, Flux or a person can see.
 */

const FAST: RetryPolicy = { retries: 1, baseMs: 5, maxMs: 10, maxRetryAfterMs: 100 };
const USER = 'promoter';
const PASSWORD = 's3cret-pa55';
const READER = 'reader';
const READER_PASSWORD = 'r3ad-0nly-pa55';
const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * Every file under the registry's storage root: blobs, links, tags and upload sessions. Left out:
 * the hash state distribution 2.8 writes again for an upload it has just cancelled (its handler
 * closes the writer once more after Cancel, https://github.com/distribution/distribution/blob/release/2.8/registry/handlers/blobupload.go
 * closeResources, and Close stores the hash state, registry/storage/blobwriter.go): it holds no
 * data, no blob or tag refers to it, and the registry's upload purging removes it.
 */
async function storedFiles(reg: TestRegistry): Promise<string[]> {
  const entries = await readdir(reg.dataDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(reg.dataDir, path.join(e.parentPath, e.name)))
    .filter((f) => !/\/_uploads\/[^/]+\/hashstates\//.test(f))
    .sort();
}

/** The upload session the client cancelled, as the registry now reports it (404 once cancelled). */
async function uploadStatus(reg: TestRegistry, proxy: FaultProxy, authorization?: string): Promise<number> {
  const cancel = proxy.requests.find((r) => r.method === 'DELETE');
  if (!cancel) throw new Error('no upload was cancelled');
  const res = await fetch(`${reg.url}${cancel.path}`, authorization ? { headers: { authorization } } : {});
  await res.arrayBuffer();
  return res.status;
}

function debugLines(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: { debug: (m) => lines.push(m), info: () => {}, warning: () => {} }, lines };
}

/** The client believes it talks to `host` over https; every request goes to the proxy instead. */
function as(host: string, proxy: FaultProxy): typeof fetch {
  const transport = createHttpTransport({ idleTimeoutMs: 5000 });
  return (input, init) => {
    const url = new URL(String(input));
    if (url.host === host) {
      url.protocol = 'http:';
      url.host = proxy.host;
    }
    return transport(url, init);
  };
}

describe('push permission: htpasswd registry', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  const credentials: Credentials = { username: USER, password: PASSWORD, source: 'input' };
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD });
    await pushOciImage({ url: reg.url, authorization: basicAuth(USER, PASSWORD) }, 'perm/app', 'v1');
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });
  beforeEach(() => proxy.reset());

  it('starts an upload and cancels it, leaving the storage as it was', async () => {
    const before = await storedFiles(reg);
    expect(before.some((f) => f.includes('/_manifests/tags/v1/'))).toBe(true);
    const { logger, lines } = debugLines();
    const client = new RegistryClient(proxy.host, { credentials, retry: FAST, logger });
    await client.checkPushPermission('perm/app');
    expect(proxy.requests.map((r) => [r.method, r.path.replace(/uploads\/[^?]+/, 'uploads/<id>'), r.status])).toEqual([
      ['POST', '/v2/perm/app/blobs/uploads/', 401],
      ['POST', '/v2/perm/app/blobs/uploads/', 202],
      ['DELETE', expect.stringMatching(/^\/v2\/perm\/app\/blobs\/uploads\/<id>/), 204],
    ]);
    expect(lines).toContain(`checking push permission for ${proxy.host}/perm/app: cancelling the upload: done (204)`);
    await reg.settled();
    expect(await storedFiles(reg)).toEqual(before);
    expect(await uploadStatus(reg, proxy, `Basic ${b64(`${USER}:${PASSWORD}`)}`)).toBe(404);
    expect(await client.listTags('perm/app')).toEqual(['v1']);
  });

  it('leaves nothing behind in a repository that does not exist yet', async () => {
    const before = await storedFiles(reg);
    const client = new RegistryClient(proxy.host, { credentials, retry: FAST });
    await client.checkPushPermission('perm/new');
    expect(proxy.requests.filter((r) => r.method === 'DELETE').map((r) => r.status)).toEqual([204]);
    expect(await storedFiles(reg)).toEqual(before);
    expect(await client.listTags('perm/new')).toEqual([]);
    const catalog = await fetch(`${reg.url}/v2/_catalog`, {
      headers: { authorization: `Basic ${b64(`${USER}:${PASSWORD}`)}` },
    });
    expect(((await catalog.json()) as { repositories: string[] }).repositories).toEqual(['perm/app']);
  });

  it('ignores a registry that cannot cancel uploads (405), with a debug line', async () => {
    proxy.inject({
      match: (m) => m === 'DELETE',
      status: 405,
      body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }] }),
    });
    const { logger, lines } = debugLines();
    const client = new RegistryClient(proxy.host, { credentials, retry: FAST, logger });
    await expect(client.checkPushPermission('perm/app')).resolves.toBeUndefined();
    // Not cancelled here: the session stays until the registry expires it.
    expect(await uploadStatus(reg, proxy, `Basic ${b64(`${USER}:${PASSWORD}`)}`)).toBe(204);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 401],
      ['POST', 202],
      ['DELETE', 405],
    ]);
    expect(lines).toContain(
      `checking push permission for ${proxy.host}/perm/app: cancelling the upload: the registry answered 405 UNSUPPORTED The operation is unsupported.; it will expire the upload itself`,
    );
  });

  it('refuses an anonymous caller with a RegistryPermissionError that says where credentials come from', async () => {
    const before = await storedFiles(reg);
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const err = (await client.checkPushPermission('perm/app').catch((e: Error) => e)) as RegistryPermissionError;
    expect(err).toBeInstanceOf(RegistryPermissionError);
    expect(err).toBeInstanceOf(RegistryError);
    expect([err.registry, err.repository, err.status, err.codes]).toEqual([
      proxy.host,
      'perm/app',
      401,
      ['UNAUTHORIZED'],
    ]);
    expect(err.message).toBe(
      `checking push permission for ${proxy.host}/perm/app: ${proxy.host} refused to start an upload to perm/app: 401 UNAUTHORIZED authentication required` +
        ` — no credentials for ${proxy.host}: pass username and password, log in with docker login.`,
    );
    expect(proxy.requests.map((r) => r.method)).toEqual(['POST']);
    expect(await storedFiles(reg)).toEqual(before);
  });
});

describe('push permission: token registry', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  beforeAll(async () => {
    reg = await startRegistry({
      kind: 'token',
      username: USER,
      password: PASSWORD,
      readers: [{ username: READER, password: READER_PASSWORD }],
    });
    await pushOciImage({ url: reg.url, authorization: tokenAuth(reg.tokenServer!, USER, PASSWORD) }, 'perm/app', 'v1');
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });
  beforeEach(() => {
    proxy.reset();
    reg.tokenServer!.requests.length = 0;
  });

  it('grants a reader a pull token, so its pushes are refused (the test setup)', async () => {
    const scope = 'repository:perm/app:pull,push';
    const res = await fetch(
      `${reg.tokenServer!.realm}?service=${encodeURIComponent(reg.tokenServer!.service)}&scope=${encodeURIComponent(scope)}`,
      { headers: { authorization: `Basic ${b64(`${READER}:${READER_PASSWORD}`)}` } },
    );
    const { token } = (await res.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { access: unknown };
    expect(claims.access).toEqual([{ type: 'repository', name: 'perm/app', actions: ['pull'] }]);
  });

  it('proves the rights of a user who may push, with a push-scoped token, and cancels the upload', async () => {
    const before = await storedFiles(reg);
    const client = new RegistryClient(proxy.host, {
      credentials: { username: USER, password: PASSWORD, source: 'input' },
      retry: FAST,
    });
    await client.checkPushPermission('perm/app');
    const scopes = reg.tokenServer!.requests.map((r) => new URLSearchParams(r.query).getAll('scope'));
    // The probe asks for the scope a write asks for; distribution wants `delete` to cancel an upload.
    expect(scopes[0]).toEqual(['repository:perm/app:pull,push']);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 401],
      ['POST', 202],
      ['DELETE', 401],
      ['DELETE', 204],
    ]);
    await reg.settled();
    expect(await storedFiles(reg)).toEqual(before);
    const pushToken = await tokenAuth(reg.tokenServer!, USER, PASSWORD)!('repository:perm/app:pull,push');
    expect(await uploadStatus(reg, proxy, pushToken)).toBe(404);
  });

  it('refuses a user whose token grants pull only, naming the registry, the repository and the answer', async () => {
    const before = await storedFiles(reg);
    const secrets: string[] = [];
    const client = new RegistryClient(proxy.host, {
      credentials: { username: READER, password: READER_PASSWORD, source: 'input' },
      retry: FAST,
      onSecret: (s) => secrets.push(s),
    });
    const err = (await client.checkPushPermission('perm/app').catch((e: Error) => e)) as RegistryPermissionError;
    expect(err).toBeInstanceOf(RegistryPermissionError);
    expect([err.registry, err.repository, err.status]).toEqual([proxy.host, 'perm/app', 401]);
    expect(err.message).toBe(
      `checking push permission for ${proxy.host}/perm/app: ${proxy.host} refused to start an upload to perm/app: 401 UNAUTHORIZED authentication required` +
        ` — use credentials with push rights to ${proxy.host}/perm/app (user ${READER} has none).`,
    );
    for (const secret of [...secrets, READER_PASSWORD]) expect(err.message).not.toContain(secret);
    // Asked for pull,push like a write; the token granted pull only; no upload was started.
    expect(reg.tokenServer!.requests.map((r) => new URLSearchParams(r.query).getAll('scope'))).toEqual([
      ['repository:perm/app:pull,push'],
    ]);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 401],
      ['POST', 401],
    ]);
    expect(await storedFiles(reg)).toEqual(before);
  });
});

describe('push permission: GHCR refusing the write it gave a token for', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  // GHCR's answer to the upload POST when the package does not grant the workflow's repository
  // write access (https://github.com/tuna-os/tunaOS/issues/642: "initiating layer upload to
  // /v2/…/blobs/uploads/ in ghcr.io: denied: permission_denied: write_package").
  const GHCR_DENIED = JSON.stringify({ errors: [{ code: 'DENIED', message: 'permission_denied: write_package' }] });
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'none' });
    await pushOciImage({ url: reg.url }, 'acme/app', 'v1');
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });
  beforeEach(() => proxy.reset());

  it('throws a RegistryPermissionError naming packages: write and Manage Actions access, not the token', async () => {
    const before = await storedFiles(reg);
    proxy.inject({ match: (m, p) => m === 'POST' && p.includes('/blobs/uploads/'), status: 403, body: GHCR_DENIED });
    const token = 'ghs_0123456789abcdefghijklmnopqrstuvwxyz';
    const client = new RegistryClient('ghcr.io', {
      credentials: { username: 'x-access-token', password: token, source: 'github-token' },
      retry: FAST,
      fetchImpl: as('ghcr.io', proxy),
    });
    const err = (await client.checkPushPermission('acme/app').catch((e: Error) => e)) as RegistryPermissionError;
    expect(err).toBeInstanceOf(RegistryPermissionError);
    expect([err.registry, err.repository, err.status, err.codes]).toEqual(['ghcr.io', 'acme/app', 403, ['DENIED']]);
    expect(err.message).toBe(
      'checking push permission for ghcr.io/acme/app: ghcr.io refused to start an upload to acme/app: 403 DENIED permission_denied: write_package' +
        ' — the job needs `permissions: packages: write`, and the package acme/app must grant this repository write access under "Manage Actions access" in the package settings' +
        ' (or use a token of an account that can write the package).',
    );
    expect(err.message).not.toContain(token);
    expect(proxy.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/v2/acme/app/blobs/uploads/', 403],
    ]);
    await reg.settled();
    expect(await storedFiles(reg)).toEqual(before);
    const tags = await (await fetch(`${reg.url}/v2/acme/app/tags/list`)).json();
    expect(tags).toEqual({ name: 'acme/app', tags: ['v1'] });
  });

  it('succeeds through the same path when GHCR lets the upload start, and cancels it', async () => {
    const before = await storedFiles(reg);
    const client = new RegistryClient('ghcr.io', { retry: FAST, fetchImpl: as('ghcr.io', proxy) });
    await client.checkPushPermission('acme/app');
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 202],
      ['DELETE', 204],
    ]);
    await reg.settled();
    expect(await storedFiles(reg)).toEqual(before);
    expect(await uploadStatus(reg, proxy)).toBe(404);
  });

  it('treats a 404 on the upload as denied too', async () => {
    proxy.inject({
      match: (m) => m === 'POST',
      status: 404,
      body: JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] }),
    });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const err = (await client.checkPushPermission('acme/app').catch((e: Error) => e)) as RegistryPermissionError;
    expect(err).toBeInstanceOf(RegistryPermissionError);
    expect(err.status).toBe(404);
    expect(err.message).toBe(
      `checking push permission for ${proxy.host}/acme/app: ${proxy.host} refused to start an upload to acme/app: 404 NAME_UNKNOWN repository name not known to registry` +
        ` — use credentials with push rights to ${proxy.host}/acme/app.`,
    );
  });

  it('fails as a fault, not as a refusal, when the registry keeps answering 503', async () => {
    proxy.inject({ match: (m) => m === 'POST', status: 503, times: 10 });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const err = (await client.checkPushPermission('acme/app').catch((e: Error) => e)) as RegistryError;
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).not.toBeInstanceOf(RegistryPermissionError);
    expect(err.message).toBe(
      `checking push permission for ${proxy.host}/acme/app: 503 Service Unavailable — gave up after 2 attempts`,
    );
  });
});
