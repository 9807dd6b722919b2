/**
 * The audit action from source (actions/audit/main.ts through test/support/run-source.ts) against
 * a real registry and the GitHub stand-in: after two promotions and a rollback it passes and draws
 * the deliveries; with a production image rebuilt by hand it fails the step naming the violation.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { promote, type PromotionRequest } from '../../packages/promotion/index.js';
import { DEFAULT_NOW, startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';
import { runSource } from '../support/run-source.js';

let world: ReleaseWorld | undefined;
afterEach(async () => {
  const w = world;
  world = undefined;
  if (!w) return;
  await w.stop();
  expect(w.standIn.violations).toEqual([]);
});

function request(w: ReleaseWorld, extra: Partial<PromotionRequest> = {}): PromotionRequest {
  return { image: w.image, source: 'latest', repository: w.repository, ...extra };
}

async function shipped(): Promise<ReleaseWorld> {
  const w = await startReleaseWorld();
  world = w;
  await w.pushBuild({ version: '1.0.0', ts: 1_700_000_100 });
  await promote(request(w), w.services({ now: DEFAULT_NOW, actor: 'alice' }));
  await w.pushBuild({ version: '1.0.1', ts: 1_700_000_200 });
  await promote(request(w), w.services({ now: DEFAULT_NOW + 1000, actor: 'bob' }));
  await promote(request(w, { source: 'v1.0.0' }), w.services({ now: DEFAULT_NOW + 2000, actor: 'carol' }));
  return w;
}

const audit = (w: ReleaseWorld, inputs: Record<string, string> = {}) =>
  runSource('audit', {
    inputs: { image: w.image, 'github-token': w.token, repository: 'acme/backend', ...inputs },
    env: { GITHUB_API_URL: w.standIn.url, DOCKER_CONFIG: '/nonexistent' },
  });

describe('actions/audit', () => {
  it('passes after promotions and a rollback, and draws who delivered what in the summary', async () => {
    const w = await shipped();
    const before = await w.state();
    const r = await audit(w);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.violations).toBe('0');
    expect(JSON.parse(r.outputs.json!)).toEqual({ image: w.image, targetTags: 3, releases: 2, violations: [] });
    expect(r.summary).toContain('### Audit: every production image was promoted from staging, no recorded tag moved');
    expect(r.summary).toContain('```mermaid\nflowchart LR');
    expect(r.summary).toMatch(/-\.->\|"rollback · carol · /);
    expect(r.summary).toMatch(/\| rollback \| carol \| `production-v1\.0\.0-/);
    expect(await w.state()).toEqual(before);
  });

  it('fails the step with one error a violation when a production image was rebuilt', async () => {
    const w = await shipped();
    const rebuilt = await w.pushBuild({ env: 'production', version: '1.0.1', ts: DEFAULT_NOW + 3000, seed: 'rebuilt' });
    const r = await audit(w);
    expect(r.code).toBe(1);
    expect(r.outputs.violations).toBe('1');
    expect(r.errors).toEqual([
      `${w.image}:${rebuilt.tag} (${rebuilt.digest}) was not promoted from staging: no staging-v1.0.1-${rebuilt.commit.slice(0, 7)}-… tag exists; it was rebuilt or pushed by hand`,
    ]);
    expect(r.summary).toContain('### Audit: 1 violation');
  });

  it('refuses a bad environment input naming it, before reading anything', async () => {
    const w = await shipped();
    const r = await audit(w, { 'to-environment': 'Prod-1' });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('to-environment: "Prod-1" is not accepted');
    expect(r.outputs.violations).toBeUndefined();
  });
});
