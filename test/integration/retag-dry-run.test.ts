import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RefusedError } from '../../packages/common/errors.js';
import { registryClients } from '../../packages/promotion/registry-clients.js';
import { retag } from '../../packages/promotion/retag.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { pushOciImage, tokenAuth } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * `retag --dry-run` (and the retag action's dry-run) proves the push rights the real run needs:
 * registries grant a token that the first PUT refuses (GHCR without packages: write), so a dry run
 * that only reads said yes to a run that would fail.
 */

const WRITER = { username: 'promoter', password: 'wr1te-pa55' };
const READER = { username: 'reader', password: 'r3ad-0nly-pa55' };
const FAST = { retries: 1, baseMs: 5, maxMs: 10, maxRetryAfterMs: 100 };

let reg: TestRegistry;
let staging = '';
beforeAll(async () => {
  reg = await startRegistry({ kind: 'token', ...WRITER, readers: [READER] });
  const pushed = await pushOciImage(
    { url: reg.url, authorization: tokenAuth(reg.tokenServer!, WRITER.username, WRITER.password) },
    'dry/app',
    'staging-v1.0.0-abcdef0-1700000000',
  );
  staging = pushed.digest;
});
afterAll(async () => reg?.stop());

async function tags(): Promise<Record<string, string>> {
  const client = new RegistryClient(reg.host, { credentials: { ...WRITER, source: 'input' }, retry: FAST });
  const out: Record<string, string> = {};
  for (const t of (await client.listTags('dry/app')).sort()) out[t] = (await client.headManifest('dry/app', t))!.digest;
  return out;
}

const clientsFor = (who: { username: string; password: string }) =>
  registryClients({ ...who, env: {}, retry: FAST, access: 'pull' });

describe('retag dry run', () => {
  it('refuses when a real run would be refused: a pull-only user', async () => {
    const before = await tags();
    const err = await retag({
      source: `${reg.host}/dry/app:staging-v1.0.0-abcdef0-1700000000`,
      targets: ['production'],
      dryRun: true,
      clients: clientsFor(READER),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefusedError);
    expect((err as Error).message).toMatch(/^A real run would be refused: .*Nothing was written\.$/s);
    expect((err as Error).message).not.toContain(READER.password);
    expect(await tags()).toEqual(before);
  });

  it('says what a real run would do when the rights are there, writing nothing', async () => {
    const before = await tags();
    const result = await retag({
      source: `${reg.host}/dry/app:staging-v1.0.0-abcdef0-1700000000`,
      targets: ['production', 'production-v1.0.0-abcdef0-1700000100'],
      dryRun: true,
      clients: clientsFor(WRITER),
    });
    expect(result.targets.map((t) => t.state)).toEqual(['created', 'created']);
    expect(result.digest).toBe(staging);
    expect(await tags()).toEqual(before);
  });

  it('reads only when asked not to prove anything (provePush: false)', async () => {
    const result = await retag({
      source: `${reg.host}/dry/app:staging-v1.0.0-abcdef0-1700000000`,
      targets: ['production'],
      dryRun: true,
      provePush: false,
      clients: clientsFor(READER),
    });
    expect(result.targets.map((t) => t.state)).toEqual(['created']);
  });
});
