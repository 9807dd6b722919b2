import { afterEach, describe, expect, it } from '@jest/globals';
import { runPromotion } from '../../packages/promotion/account.js';
import { resolveExtraTags, validateExtraTagTemplates } from '../../packages/promotion/extra-tags.js';
import type { PromotionRequest } from '../../packages/promotion/index.js';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';

/* Extra tags at promotion (1.4.2, 1.4, latest): a full version is guarded like the immutable tag. */

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

const EXTRA = ['{{version}}', '{{major}}.{{minor}}', 'latest'];
const request = (w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest => ({
  image: w.image,
  source: 'latest',
  repository: w.repository,
  extraTags: EXTRA,
  ...extra,
});

describe('extra tags at promotion', () => {
  it('writes 1.2.3, 1.2 and latest with the alias; the next promotion moves 1.2 and latest and adds 1.2.4', async () => {
    const w = (world = await startReleaseWorld());
    const first = await w.pushBuild({ version: '1.2.3', ts: 1_700_000_100 });
    const a = await runPromotion(request(w), w.services({ now: 1_800_000_000 }));
    expect(a.result).toBe('promoted');
    expect(a.plan!.extraTags).toEqual([
      { tag: '1.2.3', guarded: true },
      { tag: '1.2', guarded: false },
      { tag: 'latest', guarded: false },
    ]);
    let tags = await w.tagDigests();
    expect([tags['1.2.3'], tags['1.2'], tags.latest]).toEqual([first.digest, first.digest, first.digest]);
    // written before the immutable tag Flux follows
    const order = a.steps
      .filter((s) => s.step === 'alias' || s.step === 'immutable tag')
      .map((s) => s.detail.split(' ')[0]);
    expect(order.at(-1)).toBe(a.outcome!.targetTag);

    const second = await w.pushBuild({ version: '1.2.4', ts: 1_700_000_200 });
    expect((await runPromotion(request(w), w.services({ now: 1_800_000_100 }))).result).toBe('promoted');
    tags = await w.tagDigests();
    expect(tags['1.2.3']).toBe(first.digest);
    expect([tags['1.2.4'], tags['1.2'], tags.latest]).toEqual([second.digest, second.digest, second.digest]);

    // A rollback to 1.2.3 moves the moving tags back; 1.2.3 is already that digest.
    const back = await runPromotion(request(w, { source: 'v1.2.3' }), w.services({ now: 1_800_000_200 }));
    expect(back.result).toBe('promoted');
    tags = await w.tagDigests();
    expect([tags['1.2.3'], tags['1.2'], tags.latest, tags['1.2.4']]).toEqual([
      first.digest,
      first.digest,
      first.digest,
      second.digest,
    ]);
  });

  it('refuses before any change when a full-version tag already names another digest', async () => {
    const w = (world = await startReleaseWorld());
    const other = await w.pushBuild({ version: '9.9.9', ts: 1_700_000_050 });
    await w.pushBuild({ version: '2.0.0', ts: 1_700_000_100 });
    await w.pushTag('2.0.0', other.digest);
    const before = await w.state();
    const a = await runPromotion(request(w), w.services());
    expect(a.result).toBe('refused');
    expect(a.error!.message).toContain(`:2.0.0 already points at ${other.digest}`);
    expect(a.error!.message).toContain('Leave it out of the extra tags, or promote under a new version');
    expect(await w.state()).toEqual(before);
  });

  it('refuses bad templates before any I/O, naming the input', () => {
    expect(() => validateExtraTagTemplates(['{{ver}}'])).toThrow(
      'extra-tags: "{{ver}}" is not accepted: {{ver}} is not a placeholder',
    );
    expect(() => validateExtraTagTemplates(['{{version'])).toThrow(
      /extra-tags: "\{\{version" is not accepted: a placeholder is not closed/,
    );
    expect(() => validateExtraTagTemplates(['a b'])).toThrow(/extra-tags: "a b" is not accepted: it contains " "/);
    expect(() => validateExtraTagTemplates(Array.from({ length: 11 }, (_, i) => `t${i}`))).toThrow(/at most 10/);
    expect(() =>
      resolveExtraTags(['production'], { version: '1.0.0', sha: 'abcdef0', environments: ['staging', 'production'] }),
    ).toThrow("production is an environment's alias");
    expect(() =>
      resolveExtraTags(['production-v{{version}}-{{sha}}-1800000000'], {
        version: '1.0.0',
        sha: 'abcdef0',
        environments: [],
      }),
    ).toThrow('is an immutable tag of the <env>-v<version>-<sha>-<ts> scheme');
    expect(
      resolveExtraTags(['v{{version}}', '{{major}}', 'latest'], {
        version: '10.20.30',
        sha: 'abcdef0',
        environments: [],
      }),
    ).toEqual([
      { tag: 'v10.20.30', guarded: true },
      { tag: '10', guarded: false },
      { tag: 'latest', guarded: false },
    ]);
  });
});
