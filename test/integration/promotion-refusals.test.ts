import { afterEach, describe, expect, it } from '@jest/globals';
import { fluxPick, runPromotion, type PromotionRequest } from '../../packages/promotion/index.js';
import {
  DEFAULT_NOW,
  startReleaseWorld,
  type ReleaseWorld,
  type ReleaseWorldOptions,
} from '../support/release-world.js';

/*
 * Issue 8 "Order and proof": every refusal that GitHub or a registry can give for permission or
 * policy comes before Flux can see production (the immutable production tag), and leaves both
 * exactly as they were; the account names the way out.
 */

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

async function start(opts: ReleaseWorldOptions = {}): Promise<ReleaseWorld> {
  world = await startReleaseWorld(opts);
  return world;
}

function request(w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, source: 'latest', repository: w.repository, ...extra };
}

/** A world with one promotion done (so the production alias exists) and a newer staging build waiting. */
async function promotedOnce(opts: ReleaseWorldOptions = {}) {
  const w = await start(opts);
  await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
  const first = await runPromotion(request(w), w.services({ now: DEFAULT_NOW }));
  expect(first.error).toBeUndefined();
  const next = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
  w.proxy?.reset();
  return { w, next };
}

const GITHUB_REFUSALS: { name: string; status: number; message: string; wayOut: RegExp }[] = [
  {
    name: 'a tag ruleset restricting creations',
    status: 422,
    message: 'Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n',
    wayOut: /bypass/i,
  },
  {
    name: 'GHES tag protection',
    status: 422,
    message: 'pre_receive Tag protection: you are not authorized to create a tag matching v*',
    wayOut: /tag|admin/i,
  },
  {
    name: 'a tag name burned by a deleted immutable release',
    status: 422,
    message: 'Validation Failed: tag_name was used by an immutable release',
    wayOut: /version/i,
  },
];

describe('GitHub refuses the release tag: nothing changes anywhere', () => {
  for (const refusal of GITHUB_REFUSALS) {
    it(`${refusal.name}`, async () => {
      const { w } = await promotedOnce();
      const before = await w.state();
      w.standIn.fault({
        operationId: 'git/create-ref',
        status: refusal.status,
        body: {
          message: refusal.message,
          documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference',
        },
      });
      const account = await runPromotion(request(w), w.services({ now: DEFAULT_NOW + 600 }));
      expect(account.result).toBe('refused');
      expect(account.changed).toBe(false);
      expect(account.error!.message).toMatch(refusal.wayOut);
      expect(account.next).toMatch(/^Nothing was changed/);
      expect(account.steps.find((s) => s.step === 'release tag')!.state).toBe('refused');
      expect(account.steps.find((s) => s.step === 'immutable tag')!.state).toBe('not run');
      expect(await w.state()).toEqual(before);
    });
  }

  it('the workflows permission: a shipped commit that changes .github/workflows, with a token that may not', async () => {
    const w = await start();
    const commit = w.standIn.addCommit(undefined, { touchesWorkflows: true });
    w.standIn.addCommit(); // main moved on
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100, commit });
    const before = await w.state();
    const account = await runPromotion(request(w), w.services());
    expect(account.result).toBe('refused');
    expect(account.error!.message).toMatch(/workflows/i);
    expect(account.changed).toBe(false);
    expect(await w.state()).toEqual(before);
  });
});

describe('the registry refuses: nothing changes anywhere', () => {
  it('push rights missing although the token was granted (GHCR answers the first write 403)', async () => {
    const { w } = await promotedOnce({ faultProxy: true });
    const before = await w.state();
    w.proxy!.inject({
      match: (method, path) => method === 'POST' && path.includes('/blobs/uploads/'),
      status: 403,
      body: JSON.stringify({ errors: [{ code: 'DENIED', message: 'permission_denied: write_package' }] }),
    });
    const account = await runPromotion(request(w), w.services({ now: DEFAULT_NOW + 600 }));
    expect(account.result).toBe('refused');
    expect(account.changed).toBe(false);
    expect(account.error!.message).toMatch(/permission_denied: write_package/);
    expect(account.steps.find((s) => s.step === 'pre-flight')!.state).toBe('refused');
    expect(await w.state()).toEqual(before);
  });

  for (const [name, status, body] of [
    [
      'ECR tag immutability',
      400,
      {
        errors: [
          {
            code: 'TAG_INVALID',
            message:
              "The image tag 'production' already exists in the 'acme/backend' repository and cannot be overwritten because the repository is immutable.",
          },
        ],
      },
    ],
    [
      'a Harbor immutability rule',
      412,
      { errors: [{ code: 'PRECONDITION', message: 'Failed to process request due to immutable tag rule' }] },
    ],
  ] as const) {
    it(`${name}: the alias cannot move, refused in the pre-flight; move-alias false promotes`, async () => {
      const { w, next } = await promotedOnce({ faultProxy: true });
      const before = await w.state();
      w.proxy!.inject({
        match: (method, path) => method === 'PUT' && path.endsWith('/manifests/production'),
        status,
        body: JSON.stringify(body),
        times: 10,
      });
      const refused = await runPromotion(request(w), w.services({ now: DEFAULT_NOW + 600 }));
      expect(refused.result).toBe('refused');
      expect(refused.changed).toBe(false);
      expect(refused.error!.message).toMatch(/move-alias: false/);
      expect(await w.state()).toEqual(before);

      const done = await runPromotion(request(w), w.services({ now: DEFAULT_NOW + 600 }), { moveAlias: false });
      expect(done.error).toBeUndefined();
      expect(done.result).toBe('promoted');
      const tags = await w.tagDigests();
      const pick = fluxPick(Object.keys(tags), 'production');
      expect(pick.ok && tags[pick.tag]).toBe(next.digest);
      expect(tags.production).toBe(before.registry.production);
      expect(done.steps.find((s) => s.step === 'alias')!.state).toBe('skipped');
    });
  }
});
