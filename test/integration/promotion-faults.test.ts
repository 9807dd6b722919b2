import { afterEach, describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import type { Logger } from '../../packages/common/logger.js';
import { createGitHubClient } from '../../packages/github/client.js';
import {
  executePromotion,
  planPromotion,
  promote,
  runPromotion,
  validatePromotionRequest,
  type PromotionRequest,
} from '../../packages/promotion/index.js';
import type { Fault } from '../support/fault-proxy.js';
import {
  DEFAULT_NOW,
  fastRetry,
  startReleaseWorld,
  type ReleaseWorld,
  type ReleaseWorldOptions,
} from '../support/release-world.js';

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

/** Every attempt the retry policy makes fails. */
const EVERY_ATTEMPT = fastRetry.retries + 1;

/** A logger that calls `hook` on each info line: a fault can then be armed between two steps. */
function hookedLogger(hook: (line: string) => void): Logger {
  return { debug() {}, info: hook, warning() {} };
}

function productionTags(tags: Record<string, string>): string[] {
  return Object.keys(tags).filter((t) => t.startsWith('production-'));
}

describe('a promotion that fails after step k, then runs again', () => {
  const steps: {
    name: string;
    /** the failed run's error */
    error: RegExp;
    arm: (w: ReleaseWorld) => { logger?: Logger };
    /** the state the failed run leaves */
    left: { immutable: boolean; alias: boolean; ref: boolean; release: boolean; next: boolean };
    /** what the re-run's plan finds */
    replan: { targetState: string; releaseState: string; nextState: string };
    redo: { retag: string[]; tagRef: string; release: string; next: string };
  }[] = [
    // The order of issue 8: the release tag ref, the alias, the immutable tag, the release, the bump.
    {
      name: 'the release tag ref',
      error: /^POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/backend\/git\/refs failed after 3 attempts: HTTP 500/,
      arm: (w) => {
        w.standIn.fault({ operationId: 'git/create-ref', status: 500, times: EVERY_ATTEMPT });
        return {};
      },
      left: { immutable: false, alias: false, ref: false, release: false, next: false },
      replan: { targetState: 'new', releaseState: 'new', nextState: 'new' },
      redo: { retag: ['created', 'created'], tagRef: 'created', release: 'created', next: 'created' },
    },
    {
      name: 'the alias PUT',
      error:
        /^pushing manifest to 127\.0\.0\.1:\d+\/acme\/backend:production: 500 Internal Server Error — gave up after 3 attempts$/,
      arm: (w) => {
        w.proxy!.inject(putFault('/manifests/production'));
        return {};
      },
      left: { immutable: false, alias: false, ref: true, release: false, next: false },
      replan: { targetState: 'new', releaseState: 'ref-only', nextState: 'new' },
      redo: { retag: ['created', 'created'], tagRef: 'unchanged', release: 'created', next: 'created' },
    },
    {
      name: 'the immutable tag PUT',
      error:
        /^pushing manifest to 127\.0\.0\.1:\d+\/acme\/backend:production-v1\.0\.0-[0-9a-f]{7}-1800000000: 500 Internal Server Error — gave up after 3 attempts$/,
      arm: (w) => {
        w.proxy!.inject(putFault('/manifests/production-v'));
        return {};
      },
      left: { immutable: false, alias: true, ref: true, release: false, next: false },
      replan: { targetState: 'new', releaseState: 'ref-only', nextState: 'new' },
      redo: { retag: ['unchanged', 'created'], tagRef: 'unchanged', release: 'created', next: 'created' },
    },
    {
      name: 'the release',
      error: /^POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/backend\/releases failed after 3 attempts: HTTP 502/,
      arm: (w) => {
        w.standIn.fault({ operationId: 'repos/create-release', status: 502, times: EVERY_ATTEMPT });
        return {};
      },
      left: { immutable: true, alias: true, ref: true, release: false, next: false },
      replan: { targetState: 'exists', releaseState: 'ref-only', nextState: 'new' },
      redo: { retag: ['unchanged', 'unchanged'], tagRef: 'unchanged', release: 'created', next: 'created' },
    },
    {
      name: 'the next-version tag',
      error: /^POST http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/backend\/git\/refs failed after 3 attempts: HTTP 503/,
      arm: (w) => ({
        logger: hookedLogger((line) => {
          if (line.startsWith('Created the release'))
            w.standIn.fault({ operationId: 'git/create-ref', status: 503, times: EVERY_ATTEMPT });
        }),
      }),
      left: { immutable: true, alias: true, ref: true, release: true, next: false },
      replan: { targetState: 'exists', releaseState: 'exists', nextState: 'new' },
      redo: { retag: ['unchanged', 'unchanged'], tagRef: 'unchanged', release: 'unchanged', next: 'created' },
    },
  ];

  function putFault(pathPart: string): Fault {
    return {
      match: (method, path) =>
        method === 'PUT' && (pathPart.endsWith('-v') ? path.includes(pathPart) : path.endsWith(pathPart)),
      status: 500,
      times: EVERY_ATTEMPT,
    };
  }

  for (const step of steps) {
    it(`finishes with no duplicates after a failure at ${step.name}`, async () => {
      const w = await start({ faultProxy: true });
      const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
      const { logger } = step.arm(w);

      await expect(promote(request(w), w.services({ logger }))).rejects.toThrow(step.error);

      const targetTag = `production-v1.0.0-${build.commit.slice(0, 7)}-${DEFAULT_NOW}`;
      const tags = await w.tagDigests();
      const refs = w.standIn.state.refs;
      expect({
        immutable: tags[targetTag] === build.digest,
        alias: tags['production'] === build.digest,
        ref: refs.get('refs/tags/v1.0.0') === build.commit,
        release: w.standIn.state.releases.length === 1,
        next: refs.has('refs/tags/v1.0.1-next'),
      }).toEqual(step.left);
      w.proxy!.reset();

      // Later, and with the clock moved on: the re-run must still converge on the same tag.
      const { plan, outcome } = await promote(request(w), w.services({ now: DEFAULT_NOW + 900 }));

      expect({ targetState: plan.targetState, releaseState: plan.releaseState, nextState: plan.nextState }).toEqual(
        step.replan,
      );
      expect({
        retag: outcome!.retag.targets.map((t) => t.state),
        tagRef: outcome!.tagRef,
        release: outcome!.release.state,
        next: outcome!.next!.state,
      }).toEqual(step.redo);
      const expectedTarget = step.left.immutable
        ? targetTag
        : `production-v1.0.0-${build.commit.slice(0, 7)}-${DEFAULT_NOW + 900}`;
      expect(plan.targetTag).toBe(expectedTarget);
      const after = await w.tagDigests();
      expect(productionTags(after)).toEqual([expectedTarget]);
      expect(after['production']).toBe(build.digest);
      expect(after[expectedTarget]).toBe(build.digest);
      expect(w.standIn.state.releases.map((r) => [r.tag_name, r.draft])).toEqual([['v1.0.0', false]]);
      expect([...w.standIn.state.refs.keys()].filter((r) => r.startsWith('refs/tags/')).sort()).toEqual([
        'refs/tags/v1.0.0',
        'refs/tags/v1.0.1-next',
      ]);
      expect(w.standIn.state.refs.get('refs/tags/v1.0.1-next')).toBe(build.commit);
    });
  }
});

describe('a refused promotion changes nothing', () => {
  async function expectUnchanged(w: ReleaseWorld, run: () => Promise<unknown>): Promise<Error> {
    const before = await w.state();
    const writesBefore = w.standIn.requests.filter((r) => r.method !== 'GET').length;
    const err = await run().then(
      () => {
        throw new Error('the promotion was not refused');
      },
      (e: unknown) => e as Error,
    );
    expect(await w.state()).toEqual(before);
    expect(w.standIn.requests.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
    return err;
  }

  it('refuses a version already released from another commit, naming that commit and the version input', async () => {
    const w = await start();
    const shipped = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    await promote(request(w), w.services());
    // A build that still carries 1.0.0 from another commit (built before the bump was seen).
    const late = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_300 });

    const err = await expectUnchanged(w, () => promote(request(w), w.services({ now: DEFAULT_NOW + 60 })));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err.message).toBe(
      `Version 1.0.0 was already released from commit ${shipped.commit} (tag v1.0.0); ${w.image}:${late.tag} ` +
        `was built from commit ${late.commit}. Nothing was changed. To ship this image, promote it under a new ` +
        "version: set the promotion's version input, e.g. version: 1.0.1.",
    );

    // The way out works.
    const { plan } = await promote(request(w, { version: '1.0.1' }), w.services({ now: DEFAULT_NOW + 60 }));
    expect(w.standIn.state.refs.get('refs/tags/v1.0.1')).toBe(late.commit);
    expect((await w.tagDigests())[plan.targetTag]).toBe(late.digest);
  });

  it('refuses to move an immutable tag that another run pushed since the plan', async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const other = await w.pushBuild({ version: '1.0.1', ts: 1_700_000_050 });
    const plan = await planPromotion(request(w), w.services());
    await w.pushTag(plan.targetTag, other.digest);

    const err = await expectUnchanged(w, () => executePromotion(plan, w.services()));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err.message).toBe(
      `immutable tag refused: ${w.image}:${plan.targetTag} already points at ${other.digest}, not ${plan.digest}. ` +
        'An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.',
    );
  });

  it('refuses in the plan an immutable tag the registry has but does not list yet', async () => {
    const w = await start({ faultProxy: true });
    const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    const other = await w.pushBuild({ version: '0.9.0', ts: 1_700_000_050 });
    const hidden = `production-v1.0.0-${build.commit.slice(0, 7)}-${DEFAULT_NOW}`;
    await w.pushTag(hidden, other.digest);
    const listed = Object.keys(await w.tagDigests()).filter((t) => t !== hidden);
    w.proxy!.inject({
      match: (method, path) => method === 'GET' && path.includes('/tags/list'),
      status: 200,
      body: JSON.stringify({ name: w.imageRepository, tags: listed }),
    });

    const err = await expectUnchanged(w, () => promote(request(w), w.services()));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err.message).toBe(
      `${w.image}:${hidden} already exists and points at ${other.digest}, not at ${build.digest}: an immutable tag never moves. Nothing was changed.`,
    );
  });

  it('refuses an image whose revision label names another commit', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100, revisionLabel: 'f'.repeat(40) });

    const err = await expectUnchanged(w, () => promote(request(w), w.services()));

    expect(err).toBeInstanceOf(RefusedError);
    expect(err.message).toContain(`names commit ${'f'.repeat(40)}, but its tag names commit ${build.commit}`);
  });

  it('refuses bad sources with an error naming the input, before anything changes', async () => {
    const w = await start();
    const build = await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    await w.pushBuild({ env: 'develop', version: '1.0.0', ts: 1_700_000_100, commit: build.commit });
    const accepted =
      "Accepted: latest (the tag Flux's staging policy picks), an immutable tag staging-v<X.Y.Z>-<sha>-<ts> or " +
      'production-v<X.Y.Z>-<sha>-<ts> (a rollback), a digest sha256:<64 hex>, or a released version vX.Y.Z (a rollback)';
    const cases: [string, string][] = [
      [
        `develop-v1.0.0-${build.commit.slice(0, 7)}-1700000100`,
        `source: "develop-v1.0.0-${build.commit.slice(0, 7)}-1700000100" is not accepted: it is a tag of develop; only staging tags are promoted (and production tags, to roll back). ${accepted}`,
      ],
      [
        'staging',
        `source: "staging" is not accepted: it is not an immutable tag of staging or production. ${accepted}`,
      ],
      [
        'staging-v1.0.0-abcdef0-1700000999',
        `source: "staging-v1.0.0-abcdef0-1700000999" is not accepted: ${w.image} has no tag staging-v1.0.0-abcdef0-1700000999. ` +
          `Accepted: a tag ${w.image} has: latest, or one of its staging or production immutable tags`,
      ],
      [
        `sha256:${'0'.repeat(64)}`,
        `source: "sha256:${'0'.repeat(64)}" is not accepted: no staging-v… or production-v… tag of ${w.image} points at it. ` +
          `Accepted: a digest that a staging (or production) immutable tag of ${w.image} points at`,
      ],
      [
        'v9.9.9',
        `source: "v9.9.9" is not accepted: acme/backend has no tag v9.9.9. Accepted: a released version (a tag vX.Y.Z of acme/backend)`,
      ],
    ];
    for (const [source, message] of cases) {
      const err = await expectUnchanged(w, () => promote(request(w, { source }), w.services()));
      expect(err).toBeInstanceOf(InputError);
      expect(err.message).toBe(message);
    }
    // Input errors come before any request.
    const requests = w.standIn.requests.length;
    for (const bad of [
      { image: `${w.image}:staging` },
      { toEnvironment: 'staging' },
      { bump: 'huge' as never },
      { version: '1.0' },
    ]) {
      const err = await promote(request(w, bad), w.services()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
    }
    expect(w.standIn.requests.length).toBe(requests);
    const millis = validatePromotionRequest.bind(null, request(w, { source: 'staging-v1.0.0-abcdef0-1700000000000' }));
    expect(millis).toThrow(InputError);
    expect(millis).toThrow(
      'source: "staging-v1.0.0-abcdef0-1700000000000" is not accepted: its timestamp part is wrong (timestamp: ' +
        '"1700000000000" is not accepted: it has 13 digits, so it looks like milliseconds; a millisecond tag outranks ' +
        "every second tag in Flux's numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000))). " +
        accepted,
    );
  });

  it('refuses bad registry credentials and a bad GitHub token', async () => {
    const w = await start({ auth: { kind: 'htpasswd', username: 'ci', password: 'right' } });
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });

    const wrong = w.services({ clients: w.clientsWith({ username: 'ci', password: 'wrong' }) });
    const registryErr = await expectUnchanged(w, () => promote(request(w), wrong));
    expect(registryErr.name).toBe('RegistryError');
    expect(registryErr.message).toMatch(/^listing tags of 127\.0\.0\.1:\d+\/acme\/backend: 401/);
    expect(registryErr.message).not.toContain('wrong');

    const badToken = {
      ...w.services(),
      github: createGitHubClient({ token: 'nope', apiUrl: w.standIn.url, retryPolicy: fastRetry }),
    };
    const githubErr = await expectUnchanged(w, () => promote(request(w), badToken));
    expect((githubErr as { status?: number }).status).toBe(401);
  });
});

describe('a write whose answer is lost', () => {
  it('a release tag created while every answer was cut: the account never says nothing was changed', async () => {
    const w = await start();
    await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
    w.standIn.fault({ operationId: 'git/create-ref', cut: true, times: EVERY_ATTEMPT });
    const account = await runPromotion(request(w), w.services());
    expect(account.result).toBe('failed');
    expect(w.standIn.state.refs.has('refs/tags/v1.0.0')).toBe(true);
    expect(account.changed).toBe(true);
    expect(account.next).toContain('The release tag step failed with its answer lost, so its write may have landed.');
    expect(account.next).not.toContain('Nothing was changed');
    // and the re-run finishes it
    const again = await runPromotion(request(w), w.services());
    expect(again.result).toBe('promoted');
  });
});
