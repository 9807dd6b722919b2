import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RequestTimeoutError } from '../../packages/common/http.js';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { pushOciImage, pushOciIndex, tokenAuth, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * Timeouts and bodies that end early, against the real registry behind the fault proxy. A registry,
 * or a proxy or load balancer in front of it, can accept a request and never answer, or stop half-way
 * through a body with the connection left open: only the client's idle timeout ends that. GGCR bounds
 * the same phases (https://github.com/google/go-containerregistry/blob/main/pkg/v1/remote/transport/transport.go)
 * and retries such faults as temporary (pkg/v1/remote/options.go, defaultRetryPredicate).
 */

const FAST: RetryPolicy = { retries: 3, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 };
const IDLE_MS = 200;
const USER = 'promoter';
const PASSWORD = 's3cret-pa55';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('timeouts between client and registry', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  let image: PushedImage;
  const manifests = (m: string, p: string) => m === 'GET' && p.startsWith('/v2/slow/app/manifests/');
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'none' });
    image = await pushOciIndex({ url: reg.url }, 'slow/app', 'v1');
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });
  beforeEach(() => proxy.reset());

  it('retries a request the registry takes and never answers, once the idle timeout passes', async () => {
    proxy.inject({ match: manifests, drop: 'never-answer' });
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: IDLE_MS });
    const got = await client.getManifest('slow/app', 'v1');
    expect(got.bytes.equals(image.bytes)).toBe(true);
    expect(proxy.requests.map((r) => [r.method, r.status])).toEqual([
      ['GET', 0],
      ['GET', 200],
    ]);
  });

  it('names the request and the timeout once the retries are spent', async () => {
    proxy.inject({ match: manifests, drop: 'never-answer', times: 100 });
    const client = new RegistryClient(proxy.host, { retry: { ...FAST, retries: 1 }, idleTimeoutMs: IDLE_MS });
    const err = (await client.getManifest('slow/app', 'v1').catch((e: Error) => e)) as RequestTimeoutError;
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(err.message).toBe(
      `getting manifest ${proxy.host}/slow/app:v1 failed after 2 attempts: fetch failed (${proxy.host} sent nothing for ${IDLE_MS} ms (idleTimeoutMs))`,
    );
    expect([err.timeout, err.ms]).toEqual(['idle', IDLE_MS]);
    expect(proxy.requests.map((r) => r.status)).toEqual([0, 0]);
  });

  it('retries a manifest PUT that is never answered; the tag then holds the digest', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: IDLE_MS });
    const manifest = await client.getManifest('slow/app', 'v1');
    proxy.inject({ match: (m) => m === 'PUT', drop: 'never-answer' });
    expect(await client.putManifest('slow/app', 'v1-copy', manifest)).toBe(image.digest);
    expect(proxy.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([0, 201]);
    expect((await client.headManifest('slow/app', 'v1-copy'))?.digest).toBe(image.digest);
  });

  it('treats a body that stalls half-way as a fault to retry, never as data', async () => {
    proxy.inject({ match: manifests, drop: 'stall-mid-body' });
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: IDLE_MS });
    const got = await client.getManifest('slow/app', 'v1');
    expect(got.bytes.equals(image.bytes)).toBe(true);
    expect(got.digest).toBe(image.digest);
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('says the body stalled when it keeps stalling', async () => {
    proxy.inject({ match: manifests, drop: 'stall-mid-body', times: 100 });
    const client = new RegistryClient(proxy.host, { retry: { ...FAST, retries: 1 }, idleTimeoutMs: IDLE_MS });
    const err = (await client.getManifest('slow/app', 'v1').catch((e: Error) => e)) as RequestTimeoutError;
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(err.message).toBe(
      `getting manifest ${proxy.host}/slow/app:v1 failed after 2 attempts: the response stopped half-way: ${proxy.host} sent nothing for ${IDLE_MS} ms (idleTimeoutMs) while sending the response body`,
    );
    expect(err.timeout).toBe('idle');
  });

  it('stops at the operation budget, in flight, without another attempt', async () => {
    proxy.inject({ match: manifests, drop: 'never-answer', times: 100 });
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: 60000, budgetMs: 300 });
    const err = (await client.getManifest('slow/app', 'v1').catch((e: Error) => e)) as RequestTimeoutError;
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect(err.message).toBe(
      `getting manifest ${proxy.host}/slow/app:v1: gave up when its 300 ms budget (budgetMs) ran out`,
    );
    expect([err.timeout, err.ms]).toEqual(['budget', 300]);
    expect(proxy.requests).toHaveLength(1);
  });

  it('spends one budget over the retries of idle timeouts', async () => {
    proxy.inject({ match: manifests, drop: 'never-answer', times: 100 });
    const client = new RegistryClient(proxy.host, {
      retry: { retries: 100, baseMs: 5, maxMs: 20, maxRetryAfterMs: 100 },
      idleTimeoutMs: 100,
      budgetMs: 450,
    });
    const err = (await client.getManifest('slow/app', 'v1').catch((e: Error) => e)) as RequestTimeoutError;
    expect(err.message).toMatch(
      new RegExp(
        `^getting manifest ${escape(proxy.host)}/slow/app:v1: gave up when its 450 ms budget \\(budgetMs\\) ran out`,
      ),
    );
    expect(err.timeout).toBe('budget');
    // More than one attempt (the idle timeout is shorter than the budget), far fewer than 101.
    expect(proxy.requests.length).toBeGreaterThan(1);
    expect(proxy.requests.length).toBeLessThan(10);
  });

  it('keeps working with the budget when nothing is slow, across operations', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: IDLE_MS, budgetMs: 5000 });
    const manifest = await client.getManifest('slow/app', 'v1');
    expect(await client.putManifest('slow/app', 'budgeted', manifest)).toBe(image.digest);
    expect(await client.headManifest('slow/app', 'budgeted')).toEqual({
      digest: image.digest,
      mediaType: image.mediaType,
      size: image.bytes.length,
    });
  });
});

describe('bodies that end early: tag lists', () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  const tagsList = (m: string, p: string) => m === 'GET' && p.includes('/tags/list');
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'none' });
    await pushOciImage({ url: reg.url }, 'cut/app', 'v1');
    const client = new RegistryClient(reg.host);
    const m = await client.getManifest('cut/app', 'v1');
    for (let i = 0; i < 40; i++) await client.putManifest('cut/app', `staging-v1.0.${i}`, m);
    proxy = await startFaultProxy(reg.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });
  beforeEach(() => proxy.reset());

  const expected = () => ['v1', ...Array.from({ length: 40 }, (_, i) => `staging-v1.0.${i}`)].sort();

  it('retries a tag list cut half-way and returns the whole list, not the half', async () => {
    proxy.inject({ match: tagsList, drop: 'mid-body' });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    expect((await client.listTags('cut/app')).sort()).toEqual(expected());
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('retries a tag list that stalls half-way', async () => {
    proxy.inject({ match: tagsList, drop: 'stall-mid-body' });
    const client = new RegistryClient(proxy.host, { retry: FAST, idleTimeoutMs: IDLE_MS });
    expect((await client.listTags('cut/app')).sort()).toEqual(expected());
    expect(proxy.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('fails clearly when the tag list keeps dropping', async () => {
    proxy.inject({ match: tagsList, drop: 'mid-body', times: 100 });
    const client = new RegistryClient(proxy.host, { retry: { ...FAST, retries: 1 } });
    const err = (await client.listTags('cut/app').catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(
      new RegExp(
        `^listing tags of ${escape(proxy.host)}/cut/app failed after 2 attempts: the connection dropped while reading the response \\(`,
      ),
    );
  });
});

describe('bodies that end early and timeouts: token responses', () => {
  let reg: TestRegistry;
  let tokens: FaultProxy;
  let image: PushedImage;
  const tokenRequests = (_m: string, p: string) => p.startsWith('/token');
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'token', username: USER, password: PASSWORD, realmProxy: true });
    tokens = reg.tokenProxy!;
    image = await pushOciImage(
      { url: reg.url, authorization: tokenAuth(reg.tokenServer!, USER, PASSWORD) },
      'tok/app',
      'v1',
    );
  });
  afterAll(async () => {
    await reg?.stop();
  });
  beforeEach(() => tokens.reset());

  const client = (opts: { retries?: number } = {}) =>
    new RegistryClient(reg.host, {
      credentials: { username: USER, password: PASSWORD, source: 'input' },
      retry: { ...FAST, retries: opts.retries ?? FAST.retries },
      idleTimeoutMs: IDLE_MS,
    });

  it('announces the proxy as the realm', async () => {
    const res = await fetch(`${reg.url}/v2/tok/app/tags/list`);
    await res.arrayBuffer();
    expect(res.headers.get('www-authenticate')).toContain(`realm="${tokens.url}/token"`);
  });

  it('retries a token answer cut half-way instead of parsing half a token', async () => {
    tokens.inject({ match: tokenRequests, drop: 'mid-body' });
    const c = client();
    expect((await c.getManifest('tok/app', 'v1')).digest).toBe(image.digest);
    expect(tokens.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(c.tokenRequestCount).toBe(2);
  });

  it('retries a token request that is never answered', async () => {
    tokens.inject({ match: tokenRequests, drop: 'never-answer' });
    const c = client();
    expect((await c.getManifest('tok/app', 'v1')).digest).toBe(image.digest);
    expect(tokens.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('names the token request when its answer keeps dropping, without the password', async () => {
    tokens.inject({ match: tokenRequests, drop: 'mid-body', times: 100 });
    const err = (await client({ retries: 1 })
      .getManifest('tok/app', 'v1')
      .catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(
      new RegExp(
        `^getting manifest ${escape(reg.host)}/tok/app:v1: requesting a token from ${escape(tokens.url)}/token failed after 2 attempts: the connection dropped while reading the response \\(`,
      ),
    );
    expect(err.message).not.toContain(PASSWORD);
    expect(tokens.requests).toHaveLength(2);
  });
});
