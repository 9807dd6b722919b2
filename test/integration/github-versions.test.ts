import { afterEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '../../packages/github/client.js';
import { listVersionTags, nextPageUrl, resolveBuildVersion } from '../../packages/github/versions.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(opts: Parameters<typeof startGitHubStandIn>[0] = {}) {
  standIn = await startGitHubStandIn(opts);
  const client = createGitHubClient({
    token: 't',
    apiUrl: standIn.url,
    retryPolicy: { retries: 2, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 },
  });
  return { s: standIn, client, repo: { owner: standIn.owner, repo: standIn.repo } };
}

describe('listVersionTags', () => {
  it('reads every page of matching-refs when GitHub paginates it (150 tags, 30 a page)', async () => {
    const { s, client, repo } = await start({ matchingRefsPageSize: 30 });
    const sha = s.addCommit();
    for (let i = 0; i < 150; i++) s.addTag(`v0.0.${i}`, sha);
    s.addTag('release-candidate', sha);
    const tags = await listVersionTags(client, repo);
    expect(tags).toHaveLength(150);
    expect(new Set(tags)).toEqual(new Set(Array.from({ length: 150 }, (_, i) => `v0.0.${i}`)));
    const pages = s.requests.filter((r) => r.operationId === 'git/list-matching-refs');
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '4', '5']);
    expect(pages[0].path).toBe('/repos/acme/backend/git/matching-refs/tags/v');
    expect(s.violations).toEqual([]);
  });

  it('reads the single unpaginated response GitHub gives today', async () => {
    const { s, client, repo } = await start();
    const sha = s.addCommit();
    for (let i = 0; i < 250; i++) s.addTag(`v1.${i}.0`, sha);
    expect(await listVersionTags(client, repo)).toHaveLength(250);
    expect(s.requests).toHaveLength(1);
  });

  it('returns no tags for an empty repository (409)', async () => {
    const { client, repo } = await start();
    expect(await listVersionTags(client, repo)).toEqual([]);
  });

  it('keeps -next tags and annotated tags', async () => {
    const { s, client, repo } = await start();
    const sha = s.addCommit();
    s.addTag('v1.2.3', sha, { annotated: 'release' });
    s.addTag('v1.3.0-next', sha);
    expect(await listVersionTags(client, repo)).toEqual(['v1.2.3', 'v1.3.0-next']);
  });
});

describe('resolveBuildVersion', () => {
  it('picks the semver-highest release across pages, not the lexically highest (v0.0.10 > v0.0.9)', async () => {
    const { s, client, repo } = await start({ matchingRefsPageSize: 30 });
    const sha = s.addCommit();
    // Lexically the highest of v0.0.0 … v0.0.149 is v0.0.99.
    for (let i = 0; i < 150; i++) s.addTag(`v0.0.${i}`, sha);
    expect(await resolveBuildVersion({ client, ...repo })).toBe('0.0.150');
  });

  it('v0.0.10 above v0.0.9', async () => {
    const { s, client, repo } = await start();
    const sha = s.addCommit();
    s.addTag('v0.0.9', sha);
    s.addTag('v0.0.10', sha);
    expect(await resolveBuildVersion({ client, ...repo })).toBe('0.0.11');
  });

  it('honours a -next tag above the releases, and ignores one already released', async () => {
    const { s, client, repo } = await start();
    const sha = s.addCommit();
    s.addTag('v1.2.3', sha);
    s.addTag('v1.3.0-next', sha);
    expect(await resolveBuildVersion({ client, ...repo })).toBe('1.3.0');
    s.addTag('v1.3.0', sha);
    expect(await resolveBuildVersion({ client, ...repo })).toBe('1.3.1');
  });

  it('falls back to the initial version without tags, and honours a custom suffix', async () => {
    const { s, client, repo } = await start();
    expect(await resolveBuildVersion({ client, ...repo, initialVersion: '1.0.0' })).toBe('1.0.0');
    const sha = s.addCommit();
    s.addTag('v2.0.0-upcoming', sha);
    s.addTag('v1.9.0-next', sha);
    expect(await resolveBuildVersion({ client, ...repo, initialVersion: '1.0.0', suffix: 'upcoming' })).toBe('2.0.0');
  });
});

describe('nextPageUrl', () => {
  it('finds rel="next" among the links', () => {
    expect(
      nextPageUrl(
        '<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next", <https://x/a?page=9>; rel="last"',
      ),
    ).toBe('https://x/a?page=3');
    expect(nextPageUrl('<https://x/a?page=1>; rel="first"')).toBeUndefined();
    expect(nextPageUrl(undefined)).toBeUndefined();
  });
});
