import { afterEach, describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import type { Logger } from '../../packages/common/logger.js';
import { createGitHubClient, type GitHubClient } from '../../packages/github/client.js';
import { parseLineage, renderLineage, type Lineage } from '../../packages/github/lineage.js';
import {
  composeReleaseBody,
  ensureRelease,
  findReleaseByTag,
  RELEASE_BODY_LIMIT,
} from '../../packages/github/releases.js';
import { listVersionTags } from '../../packages/github/versions.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  const s = standIn;
  standIn = undefined;
  if (!s) return;
  await s.close();
  expect(s.violations).toEqual([]);
});

const fast = { retries: 3, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 };

async function start(opts: Parameters<typeof startGitHubStandIn>[0] = {}) {
  standIn = await startGitHubStandIn({ token: 'test-token', ...opts });
  const client = createGitHubClient({ token: 'test-token', apiUrl: standIn.url, retryPolicy: fast });
  return { s: standIn, client, repo: { owner: standIn.owner, repo: standIn.repo } };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warning: (m) => warnings.push(m) };
}

const writes = (s: StandIn, from = 0) => s.requests.slice(from).filter((r) => r.method !== 'GET');
const statusesOf = (s: StandIn, operationId: string) =>
  s.requests.filter((r) => r.operationId === operationId).map((r) => r.status);

function lineageOf(version: string, commit: string, extra: Partial<Lineage> = {}): Lineage {
  return {
    image: 'ghcr.io/acme/backend',
    digest: 'sha256:' + 'd'.repeat(64),
    sourceTag: `staging-v${version}-${commit.slice(0, 7)}-1700000000`,
    targetTag: `production-v${version}-${commit.slice(0, 7)}-1700000500`,
    commit,
    version,
    runUrl: 'https://github.com/acme/backend/actions/runs/7',
    promotedAt: '2024-05-01T12:00:00Z',
    ...extra,
  };
}

async function release(
  client: GitHubClient,
  repo: { owner: string; repo: string },
  version: string,
  commit: string,
  extra: Partial<Parameters<typeof ensureRelease>[2]> = {},
  logger?: Logger,
) {
  const releaseTags = await listVersionTags(client, repo);
  return ensureRelease(
    client,
    repo,
    { version, commit, lineage: lineageOf(version, commit), releaseTags, readBackPolicy: fast, ...extra },
    logger,
  );
}

describe('ensureRelease', () => {
  it('tags the shipped commit, then creates the release with notes since the previous release and the lineage', async () => {
    const { s, client, repo } = await start();
    const c1 = s.addCommit();
    const c2 = s.addCommit();
    const shipped = s.addCommit();
    const head = s.addCommit();
    s.addTag('v1.0.0', c1);
    s.addTag('v1.1.0', c2);
    // A bump marker between 1.1.0 and 1.2.0 in semver: it must not become the notes' base.
    s.addTag('v1.2.0-next', c2);

    const result = await release(client, repo, '1.2.0', shipped);

    expect(result.state).toBe('created');
    expect(result.tag).toBe('created');
    expect(s.state.refs.get('refs/tags/v1.2.0')).toBe(shipped);
    expect(s.state.refs.get('refs/heads/main')).toBe(head);
    const notes = `## What's Changed\n* Changes since v1.1.0\n\n**Full Changelog**: ${s.url}/acme/backend/compare/v1.1.0...v1.2.0`;
    expect(writes(s).map((r) => [r.operationId, r.body])).toEqual([
      ['git/create-ref', { ref: 'refs/tags/v1.2.0', sha: shipped }],
      ['repos/generate-release-notes', { tag_name: 'v1.2.0', target_commitish: shipped, previous_tag_name: 'v1.1.0' }],
      [
        'repos/create-release',
        // No target_commitish: the tag exists by now, and GitHub ignores (or refuses) it then.
        {
          tag_name: 'v1.2.0',
          name: 'v1.2.0',
          body: composeReleaseBody(notes, lineageOf('1.2.0', shipped)),
          draft: false,
          prerelease: false,
          make_latest: 'true',
        },
      ],
    ]);
    expect(s.state.releases).toHaveLength(1);
    const [created] = s.state.releases;
    expect(created).toMatchObject({
      tag_name: 'v1.2.0',
      name: 'v1.2.0',
      draft: false,
      prerelease: false,
    });
    expect(created.body).toBe(`${notes}\n\n${renderLineage(lineageOf('1.2.0', shipped))}\n`);
    expect(s.state.latestReleaseId).toBe(created.id);
    expect(result.release).toEqual({
      id: created.id,
      html_url: `${s.url}/acme/backend/releases/tag/v1.2.0`,
      tag_name: 'v1.2.0',
    });
  });

  it('omits previous_tag_name for the first release and ignores -next tags', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.addTag('v0.0.1-next', shipped);
    await release(client, repo, '0.0.1', shipped);
    const notesRequest = s.requests.find((r) => r.operationId === 'repos/generate-release-notes');
    expect(notesRequest?.body).toEqual({ tag_name: 'v0.0.1', target_commitish: shipped });
    expect(s.state.releases[0].body).toContain('* Changes since the beginning');
  });

  it('does not mark a patch of an older line latest (1.1.1 while 1.2.0 exists)', async () => {
    const { s, client, repo } = await start();
    const c110 = s.addCommit();
    const c120 = s.addCommit();
    const c111 = s.addCommit();
    s.addTag('v1.1.0', c110);
    await release(client, repo, '1.2.0', c120);
    const latest = s.state.latestReleaseId;
    const mark = s.requests.length;

    const result = await release(client, repo, '1.1.1', c111);

    expect(result.state).toBe('created');
    const [notesRequest, createRequest] = writes(s, mark).filter((r) => r.operationId !== 'git/create-ref');
    expect(notesRequest.body).toMatchObject({ previous_tag_name: 'v1.1.0' });
    expect(createRequest.body).toMatchObject({ tag_name: 'v1.1.1', make_latest: 'false' });
    expect(s.state.latestReleaseId).toBe(latest);
    expect(s.state.releases.find((r) => r.id === latest)?.tag_name).toBe('v1.2.0');
  });

  it('writes nothing on a re-run of the same promotion, even from another run at another time', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const first = await release(client, repo, '1.0.0', shipped);
    const before = s.snapshot();
    const mark = s.requests.length;

    const again = await release(client, repo, '1.0.0', shipped, {
      lineage: lineageOf('1.0.0', shipped, {
        runUrl: 'https://github.com/acme/backend/actions/runs/8',
        promotedAt: '2024-05-02T00:00:00Z',
      }),
    });

    expect(again).toEqual({ release: first.release, state: 'unchanged', tag: 'unchanged' });
    expect(writes(s, mark)).toEqual([]);
    expect(s.snapshot()).toBe(before);
  });

  it('replaces only the lineage of a published release that records another promotion, leaving its flags alone (make_latest sent as computed)', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    await release(client, repo, '1.0.0', shipped);
    const [existing] = s.state.releases;
    existing.prerelease = true;
    existing.body = `Hand-edited notes\n\n${renderLineage(lineageOf('1.0.0', shipped))}\n\nFooter`;
    const mark = s.requests.length;
    // A roll-forward to this version: a new immutable production tag for the same digest.
    const rollForward = lineageOf('1.0.0', shipped, {
      targetTag: `production-v1.0.0-${shipped.slice(0, 7)}-1700009999`,
    });

    const result = await release(client, repo, '1.0.0', shipped, { lineage: rollForward });

    expect(result.state).toBe('updated');
    expect(writes(s, mark).map((r) => [r.operationId, r.body])).toEqual([
      // make_latest is sent as on create: omitting it lets GitHub default it to true
      [
        'repos/update-release',
        { body: `Hand-edited notes\n\n${renderLineage(rollForward)}\n\nFooter`, make_latest: 'true' },
      ],
    ]);
    expect(s.state.releases).toHaveLength(1);
    expect(existing).toMatchObject({
      draft: false,
      prerelease: true,
      body: `Hand-edited notes\n\n${renderLineage(rollForward)}\n\nFooter`,
    });
  });

  it('finds a draft of the tag behind 100 newer releases and publishes it instead of creating another', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const head = s.addCommit();
    // Two drafts of the tag: the oldest is chosen, the other is reported and left alone.
    const { data: oldest } = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v2.0.0',
      draft: true,
      body: 'Notes written by hand',
    });
    const { data: newer } = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v2.0.0',
      draft: true,
      body: '',
    });
    for (let i = 0; i < 110; i++)
      await client.rest.repos.createRelease({ ...repo, tag_name: `archive-${i}`, target_commitish: head });
    const logger = recordingLogger();
    const mark = s.requests.length;

    const result = await release(client, repo, '2.0.0', shipped, {}, logger);

    expect(result.state).toBe('updated');
    expect(result.release.id).toBe(oldest.id);
    const pages = s.requests.slice(mark).filter((r) => r.operationId === 'repos/list-releases');
    expect(pages.map((r) => [r.query.per_page, r.query.page ?? '1'])).toEqual([
      ['100', '1'],
      ['100', '2'],
    ]);
    expect(s.state.releases).toHaveLength(112);
    expect(s.state.releases.filter((r) => r.tag_name === 'v2.0.0').map((r) => [r.id, r.draft])).toEqual([
      [oldest.id, false],
      [newer.id, true],
    ]);
    const published = s.state.releases.find((r) => r.id === oldest.id)!;
    expect(published.body).toBe(`Notes written by hand\n\n${renderLineage(lineageOf('2.0.0', shipped))}\n`);
    expect(s.state.refs.get('refs/tags/v2.0.0')).toBe(shipped);
    expect(writes(s, mark).map((r) => r.operationId)).toEqual(['git/create-ref', 'repos/update-release']);
    expect(writes(s, mark)[1].body).toMatchObject({
      draft: false,
      make_latest: 'true',
      tag_name: 'v2.0.0',
    });
    expect(writes(s, mark)[1].body).not.toHaveProperty('target_commitish');
    expect(logger.warnings).toEqual([
      `2 releases of acme/backend have the tag v2.0.0; using release ${oldest.id} (the oldest draft). ` +
        `The others (${newer.id} (draft)) were left alone: delete them by hand.`,
    ]);
    expect(await findReleaseByTag(client, repo, 'v2.0.0')).toMatchObject({ id: oldest.id, draft: false });
  });

  it('explains a 404 on creating the release (the workflows permission) and creates no release', async () => {
    // The token may create the tag (say a ruleset bypass) but the release is refused.
    const { s, client, repo } = await start({ workflowsPermission: true });
    const shipped = s.addCommit(undefined, { touchesWorkflows: true });
    s.addCommit();
    s.fault({
      operationId: 'repos/create-release',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    const attempt = release(client, repo, '1.0.0', shipped);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `github-token: *** is not accepted: GitHub answered 404 "Not Found" to creating the release v1.0.0 at commit ${shipped} in acme/backend. ` +
        'The commit changes files under .github/workflows/ relative to the default branch',
    );
    expect(s.state.releases).toEqual([]);
  });

  it('does not blame the workflows permission for a 404 when the workflows equal the default branch', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.addCommit();
    s.fault({
      operationId: 'repos/create-release',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    const attempt = release(client, repo, '1.0.0', shipped);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `github-token: *** is not accepted: GitHub answered 404 "Not Found" to creating the release v1.0.0 at commit ${shipped} in acme/backend: ` +
        "the commit's .github/workflows equal the default branch's, so the workflows permission is not the cause; " +
        'the token cannot see the repository or may not write its contents.',
    );
    expect(s.state.releases).toEqual([]);
  });

  it('explains the refusal of a commit that changes workflows before any release is attempted', async () => {
    const { s, client, repo } = await start({ workflowsPermission: false });
    const shipped = s.addCommit(undefined, { touchesWorkflows: true });
    s.addCommit();
    const before = s.snapshot();
    await expect(release(client, repo, '1.0.0', shipped)).rejects.toThrow(
      `GitHub answered 404 "Not Found" to creating tag v1.0.0 at commit ${shipped} in acme/backend.`,
    );
    expect(s.snapshot()).toBe(before);
    expect(s.requests.filter((r) => r.operationId === 'repos/create-release')).toEqual([]);
  });

  it('retries a 502 on create and a 404 on reading the new release back, creating one release', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({ operationId: 'repos/create-release', status: 502 });
    s.fault({
      operationId: 'repos/get-release',
      status: 404,
      times: 2,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    const result = await release(client, repo, '1.0.0', shipped);
    expect(result.state).toBe('created');
    expect(s.requests.filter((r) => r.operationId === 'repos/create-release').map((r) => r.status)).toEqual([502, 201]);
    expect(s.requests.filter((r) => r.operationId === 'repos/get-release').map((r) => r.status)).toEqual([
      404, 404, 200,
    ]);
    expect(s.state.releases).toHaveLength(1);
  });

  it('converges on the release another run published between the read and the create', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    await release(client, repo, '1.0.0', shipped);
    const before = s.snapshot();
    // This run's reads came before the other run's create became visible.
    s.fault({
      operationId: 'repos/get-release-by-tag',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    s.fault({ operationId: 'repos/list-releases', status: 200, body: [] });
    const mark = s.requests.length;
    const result = await release(client, repo, '1.0.0', shipped);
    expect(result.state).toBe('unchanged');
    expect(
      s.requests
        .slice(mark)
        .filter((r) => r.operationId === 'repos/create-release')
        .map((r) => r.status),
    ).toEqual([422]);
    expect(s.snapshot()).toBe(before);
  });

  it('refuses a release of a version already shipped from another commit, changing nothing', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const other = s.addCommit();
    await release(client, repo, '1.0.0', shipped);
    const before = s.snapshot();
    await expect(release(client, repo, '1.0.0', other)).rejects.toThrow(
      `Tag v1.0.0 of acme/backend already points at commit ${shipped}, not at ${other}`,
    );
    expect(s.snapshot()).toBe(before);
  });

  it('refuses a make-latest value it does not know', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    await expect(release(client, repo, '1.0.0', shipped, { makeLatest: 'legacy' as never })).rejects.toThrow(
      'make-latest: "legacy" is not accepted. Accepted: auto, true, false',
    );
    expect(writes(s)).toEqual([]);
  });
});

describe('findReleaseByTag', () => {
  it('finds the published release through get-release-by-tag and drafts in a bounded number of newest pages', async () => {
    const { s, client, repo } = await start();
    const head = s.addCommit();
    // The oldest release is the published one; a draft of the same tag is old too.
    const { data: published } = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v1.0.0',
      target_commitish: head,
    });
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1.0.0', draft: true });
    for (let i = 0; i < 250; i++)
      await client.rest.repos.createRelease({ ...repo, tag_name: `archive-${i}`, target_commitish: head });
    const { data: recentDraft } = await client.rest.repos.createRelease({ ...repo, tag_name: 'v2.0.0', draft: true });
    const logger = {
      lines: [] as string[],
      debug: (m: string) => logger.lines.push(`debug: ${m}`),
      info() {},
      warning: (m: string) => logger.lines.push(`warning: ${m}`),
    };
    const mark = s.requests.length;

    expect(await findReleaseByTag(client, repo, 'v1.0.0', logger, { draftPages: 2 })).toMatchObject({
      id: published.id,
      draft: false,
    });
    const reads = s.requests.slice(mark);
    expect(reads.map((r) => [r.operationId, r.query.page ?? '1'])).toEqual([
      ['repos/get-release-by-tag', '1'],
      ['repos/list-releases', '1'],
      ['repos/list-releases', '2'],
    ]);
    // The old draft of v1.0.0 sits on page 3: not read, and said so.
    expect(logger.lines).toEqual([
      'debug: drafts of v1.0.0: read the newest 200 releases of acme/backend only; an older draft of that tag is not seen',
    ]);
    // A recent draft, which get-release-by-tag never finds, is found in the first page.
    expect(await findReleaseByTag(client, repo, 'v2.0.0', logger, { draftPages: 2 })).toMatchObject({
      id: recentDraft.id,
      draft: true,
    });
    expect(await findReleaseByTag(client, repo, 'v9.9.9', logger, { draftPages: 2 })).toBeUndefined();
  });
});

describe('ensureRelease: notes and body limit', () => {
  it('creates a lineage-only release with a warning when GitHub cannot generate the notes (504)', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'repos/generate-release-notes',
      status: 504,
      times: fast.retries + 1,
      body: { message: 'We could not generate the notes in time' },
    });
    const logger = recordingLogger();
    const result = await release(client, repo, '1.0.0', shipped, {}, logger);
    expect(result.state).toBe('created');
    expect(s.state.releases[0].body).toBe(`${renderLineage(lineageOf('1.0.0', shipped))}\n`);
    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^GitHub did not generate the notes of v1\.0\.0 \(POST .*\/releases\/generate-notes failed after 4 attempts: HTTP 504: We could not generate the notes in time\); the release gets the lineage only\./,
      ),
    ]);
  });

  it('does the same on a 422, which is not retried', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'repos/generate-release-notes',
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
    });
    const logger = recordingLogger();
    expect((await release(client, repo, '1.0.0', shipped, {}, logger)).state).toBe('created');
    expect(statusesOf(s, 'repos/generate-release-notes')).toEqual([422]);
    expect(logger.warnings).toHaveLength(1);
    expect(s.state.releases[0].body).toBe(`${renderLineage(lineageOf('1.0.0', shipped))}\n`);
  });

  it('keeps the body within 125,000 characters when replacing the lineage of a long published release, cutting the notes only', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    await release(client, repo, '1.0.0', shipped);
    const [published] = s.state.releases;
    // Someone pasted long notes by hand: the body is at the limit, without a lineage block.
    const notes = 'n'.repeat(RELEASE_BODY_LIMIT - 5);
    await client.rest.repos.updateRelease({ ...repo, release_id: published.id, body: notes });
    const rerun = lineageOf('1.0.0', shipped, { digest: 'sha256:' + 'e'.repeat(64) });
    const releaseTags = await listVersionTags(client, repo);
    const result = await ensureRelease(client, repo, {
      version: '1.0.0',
      commit: shipped,
      lineage: rerun,
      releaseTags,
    });
    expect(result.state).toBe('updated');
    const body = s.state.releases[0].body!;
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(body).toContain(renderLineage(rerun));
    expect(body).toContain("… (the notes were cut at GitHub's 125,000-character limit)");
    expect(body.startsWith('nnnn')).toBe(true);
    expect(parseLineage(body)).toEqual(rerun);
  });

  it('keeps a long hand-written draft within the limit when publishing it', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const notes = 'd'.repeat(RELEASE_BODY_LIMIT);
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v1.0.0', draft: true, body: notes });
    expect((await release(client, repo, '1.0.0', shipped)).state).toBe('updated');
    const body = s.state.releases[0].body!;
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(parseLineage(body)).toEqual(lineageOf('1.0.0', shipped));
  });
});

describe('ensureRelease: refusals worded from GitHub', () => {
  it('an immutable release took the tag: the version can never be reused', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'repos/create-release',
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'Release',
            code: 'custom',
            field: 'tag_name',
            message: 'tag_name was used by an immutable release',
          },
        ],
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    const attempt = release(client, repo, '1.0.0', shipped);
    await expect(attempt).rejects.toThrow(RefusedError);
    await expect(attempt).rejects.toThrow(
      `GitHub answered 422 "Validation Failed; tag_name was used by an immutable release" to creating the release v1.0.0 at commit ${shipped} in acme/backend: ` +
        'the tag was used by an immutable release',
    );
    await expect(attempt).rejects.toThrow("Promote under a new version (the promotion's version input).");
    expect(s.state.releases).toEqual([]);
  });

  it('a read-only GITHUB_TOKEN on create-release: permissions: contents: write', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'repos/create-release',
      status: 403,
      headers: { 'x-accepted-github-permissions': 'contents=write' },
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    });
    const attempt = release(client, repo, '1.0.0', shipped);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow('`permissions: contents: write` on the job');
  });
});
