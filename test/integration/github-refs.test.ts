import { afterEach, describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import { createGitHubClient } from '../../packages/github/client.js';
import { resolveCommit, workflowsDiffer } from '../../packages/github/commits.js';
import { ensureNextVersionTag, ensureTagRef, getTagRef } from '../../packages/github/refs.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  const s = standIn;
  standIn = undefined;
  if (!s) return;
  await s.close();
  expect(s.violations).toEqual([]);
});

async function start(opts: Parameters<typeof startGitHubStandIn>[0] = {}) {
  standIn = await startGitHubStandIn({ token: 'test-token', ...opts });
  const client = createGitHubClient({
    token: 'test-token',
    apiUrl: standIn.url,
    retryPolicy: { retries: 2, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 },
  });
  return { s: standIn, client, repo: { owner: standIn.owner, repo: standIn.repo } };
}

const writes = (s: StandIn, from = 0) => s.requests.slice(from).filter((r) => r.method !== 'GET');

const WORKFLOWS_ERROR = (status: number, message: string, action: string, sha: string) =>
  `github-token: *** is not accepted: GitHub answered ${status} "${message}" to ${action} at commit ${sha} in acme/backend. ` +
  'The commit changes files under .github/workflows/ relative to the default branch, and GitHub refuses a tag there ' +
  'unless the token is authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is). Accepted: a GitHub ' +
  'App installation token with the Contents: write and Workflows: write permissions, or a personal access token with ' +
  'the workflow scope (fine-grained: Contents and Workflows, read and write)';

describe('ensureTagRef', () => {
  it('creates the release tag at the shipped commit, not at the head of the default branch', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const head = s.addCommit();
    expect(await ensureTagRef(client, repo, 'v1.2.3', shipped)).toBe('created');
    expect(s.state.refs.get('refs/tags/v1.2.3')).toBe(shipped);
    expect(s.state.refs.get('refs/heads/main')).toBe(head);
    expect(writes(s).map((r) => [r.operationId, r.body])).toEqual([
      ['git/create-ref', { ref: 'refs/tags/v1.2.3', sha: shipped }],
    ]);
  });

  it('is unchanged on a re-run, with no write request', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    await ensureTagRef(client, repo, 'v1.2.3', shipped);
    const before = s.snapshot();
    const mark = s.requests.length;
    expect(await ensureTagRef(client, repo, 'v1.2.3', shipped)).toBe('unchanged');
    expect(writes(s, mark)).toEqual([]);
    expect(s.snapshot()).toBe(before);
  });

  it('refuses a tag at another commit, naming both, and changes nothing', async () => {
    const { s, client, repo } = await start();
    const shippedBefore = s.addCommit();
    const other = s.addCommit();
    s.addTag('v1.2.3', shippedBefore);
    const before = s.snapshot();
    const attempt = ensureTagRef(client, repo, 'v1.2.3', other);
    await expect(attempt).rejects.toThrow(RefusedError);
    await expect(attempt).rejects.toThrow(
      `Tag v1.2.3 of acme/backend already points at commit ${shippedBefore}, not at ${other}: that version was shipped from ` +
        `${shippedBefore}. Nothing was changed. To release commit ${other}, promote it under a new version (the promotion's version input).`,
    );
    expect(s.snapshot()).toBe(before);
    expect(writes(s)).toEqual([]);
  });

  it('peels an annotated tag to its commit', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.addTag('v1.0.0', shipped, { annotated: 'Release 1.0.0' });
    expect(s.state.refs.get('refs/tags/v1.0.0')).not.toBe(shipped);
    expect(await getTagRef(client, repo, 'v1.0.0')).toBe(shipped);
    expect(await ensureTagRef(client, repo, 'v1.0.0', shipped)).toBe('unchanged');
    expect(s.requests.filter((r) => r.operationId === 'git/get-tag')).toHaveLength(2);
    expect(await getTagRef(client, repo, 'v9.9.9')).toBeUndefined();
  });

  it('converges when another run creates the tag between the read and the write', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const other = s.addCommit();
    s.addTag('v1.2.3', shipped);
    s.addTag('v2.0.0', other);
    // The first read misses the tag (the other run had not written it yet); create-ref then answers 422.
    s.fault({
      operationId: 'git/get-ref',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    expect(await ensureTagRef(client, repo, 'v1.2.3', shipped)).toBe('unchanged');
    s.fault({
      operationId: 'git/get-ref',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    await expect(ensureTagRef(client, repo, 'v2.0.0', shipped)).rejects.toThrow(
      `already points at commit ${other}, not at ${shipped}`,
    );
    expect(s.requests.filter((r) => r.operationId === 'git/create-ref').map((r) => r.status)).toEqual([422, 422]);
    expect(s.state.refs.get('refs/tags/v2.0.0')).toBe(other);
  });

  it('explains the 404 for a commit that changes workflows when the token may not modify them, and changes nothing', async () => {
    const { s, client, repo } = await start({ workflowsPermission: false });
    s.addCommit();
    const shipped = s.addCommit(undefined, { touchesWorkflows: true });
    s.addCommit();
    const before = s.snapshot();
    const attempt = ensureTagRef(client, repo, 'v1.2.3', shipped);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(WORKFLOWS_ERROR(404, 'Not Found', 'creating tag v1.2.3', shipped));
    expect(s.snapshot()).toBe(before);
  });

  it('creates it when the token may modify workflows', async () => {
    const { s, client, repo } = await start({ workflowsPermission: true });
    const shipped = s.addCommit(undefined, { touchesWorkflows: true });
    s.addCommit();
    expect(await ensureTagRef(client, repo, 'v1.2.3', shipped)).toBe('created');
    expect(s.state.refs.get('refs/tags/v1.2.3')).toBe(shipped);
  });

  it('names the accepted permissions when a 403 carries them', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'git/create-ref',
      status: 403,
      headers: { 'x-accepted-github-permissions': 'contents=write,workflows=write' },
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    });
    await expect(ensureTagRef(client, repo, 'v1.2.3', shipped)).rejects.toThrow(
      'GitHub answered 403 "Resource not accessible by integration" to creating tag v1.2.3 at commit ' +
        `${shipped} in acme/backend (x-accepted-github-permissions: contents=write,workflows=write). GitHub answers so when`,
    );
    expect(s.state.refs.has('refs/tags/v1.2.3')).toBe(false);
  });

  it('retries a 502 on create and then creates the tag once', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({ operationId: 'git/create-ref', status: 502 });
    expect(await ensureTagRef(client, repo, 'v1.2.3', shipped)).toBe('created');
    expect(s.requests.filter((r) => r.operationId === 'git/create-ref').map((r) => r.status)).toEqual([502, 201]);
    expect(s.state.refs.get('refs/tags/v1.2.3')).toBe(shipped);
  });

  it('refuses a short sha before calling GitHub', async () => {
    const { s, client, repo } = await start();
    await expect(ensureTagRef(client, repo, 'v1.2.3', 'abc1234')).rejects.toThrow(
      'commit: "abc1234" is not accepted. Accepted: a full commit sha: 40 lowercase hex characters',
    );
    expect(s.requests).toEqual([]);
  });
});

describe('ensureNextVersionTag', () => {
  it('creates the marker, and leaves an existing one where it is', async () => {
    const { s, client, repo } = await start();
    const first = s.addCommit();
    const later = s.addCommit();
    expect(await ensureNextVersionTag(client, repo, 'v1.2.4-next', first)).toBe('created');
    expect(s.state.refs.get('refs/tags/v1.2.4-next')).toBe(first);
    const mark = s.requests.length;
    expect(await ensureNextVersionTag(client, repo, 'v1.2.4-next', later)).toBe('unchanged');
    expect(writes(s, mark)).toEqual([]);
    expect(s.state.refs.get('refs/tags/v1.2.4-next')).toBe(first);
  });

  it('is unchanged when another run creates it first', async () => {
    const { s, client, repo } = await start();
    const first = s.addCommit();
    const later = s.addCommit();
    s.addTag('v1.2.4-next', first);
    s.fault({
      operationId: 'git/get-ref',
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
    });
    expect(await ensureNextVersionTag(client, repo, 'v1.2.4-next', later)).toBe('unchanged');
    expect(s.state.refs.get('refs/tags/v1.2.4-next')).toBe(first);
  });
});

describe('resolveCommit', () => {
  it('resolves a short sha to the full commit', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.addCommit();
    expect(await resolveCommit(client, repo, shipped.slice(0, 7))).toBe(shipped);
    expect(await resolveCommit(client, repo, shipped.slice(0, 7).toUpperCase())).toBe(shipped);
    expect(await resolveCommit(client, repo, shipped)).toBe(shipped);
  });

  it('names the sha and the repository when GitHub has no such commit', async () => {
    const { s, client, repo } = await start();
    s.addCommit();
    await expect(resolveCommit(client, repo, 'deadbee')).rejects.toThrow(
      'commit: "deadbee" is not accepted: GitHub answered 422 (No commit found for SHA: deadbee). ' +
        'Accepted: a commit of acme/backend: 4 to 40 lowercase hex characters',
    );
    await expect(resolveCommit(client, repo, 'main', 'source')).rejects.toThrow(
      'source: "main" is not accepted. Accepted: a commit of acme/backend: 4 to 40 lowercase hex characters',
    );
    expect(s.requests.map((r) => r.path)).toEqual(['/repos/acme/backend/commits/deadbee']);
  });
});

describe('ensureTagRef: refusals worded from what GitHub says', () => {
  it("a tag ruleset: the App on the bypass list or a narrower ruleset, with GitHub's message", async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    const before = s.snapshot();
    const message = 'Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n';
    s.fault({
      operationId: 'git/create-ref',
      status: 422,
      body: { message, documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference' },
    });
    const attempt = ensureTagRef(client, repo, 'v1.2.3', shipped);
    await expect(attempt).rejects.toThrow(RefusedError);
    await expect(attempt).rejects.toThrow(
      `GitHub answered 422 "${message}" to creating tag v1.2.3 at commit ${shipped} in acme/backend: a repository ruleset ` +
        "restricts creating this tag. Add the GitHub App whose token the workflow uses to the ruleset's bypass list " +
        '(Settings > Rules > Rulesets), or narrow the ruleset so that it does not cover the release tags (v*).',
    );
    expect(s.snapshot()).toBe(before);
  });

  it('GHES tag protection (pre_receive): ask an admin, or use a token of an allowed role', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'git/create-ref',
      status: 422,
      body: {
        message: 'pre_receive: You are not authorized to create a tag matching the protection rule v*',
        documentation_url: 'https://docs.github.com/enterprise-server@3.12/rest',
      },
    });
    const attempt = ensureTagRef(client, repo, 'v1.2.3', shipped);
    await expect(attempt).rejects.toThrow(RefusedError);
    await expect(attempt).rejects.toThrow(
      'a tag protection rule allows only some roles to create this tag. Ask a repository admin',
    );
  });

  it('a read-only GITHUB_TOKEN (x-accepted-github-permissions: contents=write): permissions: contents: write, not an App token', async () => {
    const { s, client, repo } = await start();
    const shipped = s.addCommit();
    s.fault({
      operationId: 'git/create-ref',
      status: 403,
      headers: { 'x-accepted-github-permissions': 'contents=write' },
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    });
    const attempt = ensureTagRef(client, repo, 'v1.2.3', shipped);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(
      `github-token: *** is not accepted: GitHub answered 403 "Resource not accessible by integration" to creating tag v1.2.3 ` +
        `at commit ${shipped} in acme/backend (x-accepted-github-permissions: contents=write): the token may not write the ` +
        "repository's contents. Accepted: a token with Contents: write: for the GITHUB_TOKEN, `permissions: contents: write` " +
        'on the job (or the workflow); no App token is needed for this',
    );
  });
});

describe('workflowsDiffer', () => {
  it("compares .github/workflows at the commit with the default branch's", async () => {
    const { s, client, repo } = await start();
    const plain = s.addCommit();
    const changesWorkflows = s.addCommit(undefined, { touchesWorkflows: true });
    s.addCommit();
    expect(await workflowsDiffer(client, repo, changesWorkflows)).toBe(true);
    expect(await workflowsDiffer(client, repo, plain)).toBe(false);
    expect(
      s.requests.filter((r) => r.operationId === 'repos/get-content').map((r) => [r.path, r.query.ref ?? '(default)']),
    ).toEqual([
      ['/repos/acme/backend/contents/.github', changesWorkflows],
      ['/repos/acme/backend/contents/.github', '(default)'],
      ['/repos/acme/backend/contents/.github', plain],
      ['/repos/acme/backend/contents/.github', '(default)'],
    ]);
  });

  it('cannot tell for a commit GitHub does not know, or when the API keeps failing', async () => {
    const { s, client, repo } = await start();
    s.addCommit();
    expect(await workflowsDiffer(client, repo, 'f'.repeat(40))).toBeUndefined();
    s.fault({ operationId: 'repos/get-content', status: 503, times: 10 });
    expect(await workflowsDiffer(client, repo, s.state.refs.get('refs/heads/main')!)).toBeUndefined();
  });
});
