import { afterEach, describe, expect, it } from '@jest/globals';
import { createGitHubClient, parseRepository, retryDelay, type GitHubClient } from '../../packages/github/client.js';
import type { RetryPolicy } from '../../packages/common/retry.js';
import { InputError } from '../../packages/common/errors.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';

const fast: RetryPolicy = { retries: 3, baseMs: 1, maxMs: 4, maxRetryAfterMs: 20 };
const TOKEN = 'ghs_standInToken';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(
  opts: Parameters<typeof startGitHubStandIn>[0] = {},
): Promise<{ s: StandIn; client: GitHubClient }> {
  standIn = await startGitHubStandIn({ token: TOKEN, ...opts });
  return { s: standIn, client: createGitHubClient({ token: TOKEN, apiUrl: standIn.url, retryPolicy: fast }) };
}

async function raw(
  s: StandIn,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: { errors?: string[]; object?: { sha: string } }; headers: Headers }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const statusOf = async (p: Promise<unknown>): Promise<{ status?: number; message: string }> => {
  try {
    await p;
  } catch (err) {
    return { status: (err as { status?: number }).status, message: (err as Error).message };
  }
  throw new Error('expected the request to fail');
};

describe('GitHub stand-in: validation against the OpenAPI description', () => {
  it('catches a malformed request (create-ref without sha) and changes nothing', async () => {
    const { s } = await start();
    s.addCommit();
    const before = s.snapshot();
    const res = await raw(s, 'POST', '/repos/acme/backend/git/refs', { ref: 'refs/tags/v1.0.0' });
    expect(res.status).toBe(500);
    expect(res.body.errors).toEqual(['body must have required property \'sha\' {"missingProperty":"sha"}']);
    expect(s.violations).toEqual([
      {
        operationId: 'git/create-ref',
        where: 'request',
        method: 'POST',
        path: '/repos/acme/backend/git/refs',
        errors: ['body must have required property \'sha\' {"missingProperty":"sha"}'],
      },
    ]);
    expect(s.snapshot()).toBe(before);
  });

  it('catches a path parameter of the wrong type and an unknown endpoint', async () => {
    const { s } = await start();
    s.addCommit();
    expect((await raw(s, 'GET', '/repos/acme/backend/releases/abc')).status).toBe(500);
    expect((await raw(s, 'GET', '/repos/acme/backend/pulls')).status).toBe(404);
    expect(s.violations.map((v) => [v.operationId, v.where, v.errors[0]])).toEqual([
      ['repos/get-release', 'request', 'path parameter release_id must be integer {"type":"integer"}'],
      ['unknown', 'routing', 'no emulated operation for GET /repos/acme/backend/pulls'],
    ]);
  });

  it('catches a response that lacks a required field', async () => {
    const { s, client } = await start();
    const sha = s.addCommit();
    const created = await client.rest.repos.createRelease({
      owner: 'acme',
      repo: 'backend',
      tag_name: 'v1.0.0',
      target_commitish: sha,
    });
    delete (s.state.releases[0] as Partial<typeof created.data>).node_id;
    const res = await raw(s, 'GET', `/repos/acme/backend/releases/${created.data.id}`);
    expect(res.status).toBe(500);
    expect(s.violations).toHaveLength(1);
    expect(s.violations[0]).toMatchObject({ operationId: 'repos/get-release', where: 'response', status: 200 });
    expect(s.violations[0].errors).toEqual([
      'response 200 must have required property \'node_id\' {"missingProperty":"node_id"}',
    ]);
  });

  it('serves every emulated operation through Octokit with responses that validate', async () => {
    const { s, client } = await start();
    const repo = { owner: 'acme', repo: 'backend' };
    const first = s.addCommit(undefined, { message: 'first' });
    const second = s.addCommit(undefined, { message: 'second' });
    s.addTag('v0.9.0', first, { annotated: 'release v0.9.0' });

    expect((await client.rest.repos.get(repo)).data).toMatchObject({
      name: 'backend',
      full_name: 'acme/backend',
      default_branch: 'main',
    });
    const ref = await client.rest.git.createRef({ ...repo, ref: 'refs/tags/v1.0.0', sha: second });
    expect(ref.status).toBe(201);
    expect(ref.data).toEqual({
      ref: 'refs/tags/v1.0.0',
      node_id: expect.any(String),
      url: `${s.url}/repos/acme/backend/git/refs/tags/v1.0.0`,
      object: { type: 'commit', sha: second, url: `${s.url}/repos/acme/backend/git/commits/${second}` },
    });
    // Octokit sends tags%2Fv1.0.0; curl and gh send the raw slash.
    expect((await client.rest.git.getRef({ ...repo, ref: 'tags/v1.0.0' })).data.object.sha).toBe(second);
    expect((await raw(s, 'GET', '/repos/acme/backend/git/ref/tags/v1.0.0')).body.object?.sha).toBe(second);
    expect(s.requests.filter((r) => r.operationId === 'git/get-ref').map((r) => r.path)).toEqual([
      '/repos/acme/backend/git/ref/tags/v1.0.0',
      '/repos/acme/backend/git/ref/tags/v1.0.0',
    ]);

    const annotated = (await client.rest.git.getRef({ ...repo, ref: 'tags/v0.9.0' })).data.object;
    expect(annotated.type).toBe('tag');
    const tag = await client.rest.git.getTag({ ...repo, tag_sha: annotated.sha });
    expect(tag.data).toMatchObject({
      tag: 'v0.9.0',
      message: 'release v0.9.0',
      object: { sha: first, type: 'commit' },
    });

    expect((await client.rest.git.getCommit({ ...repo, commit_sha: first })).data).toMatchObject({
      sha: first,
      message: 'first',
      parents: [],
    });
    expect((await client.rest.repos.getCommit({ ...repo, ref: second.slice(0, 7) })).data).toMatchObject({
      sha: second,
      commit: { message: 'second' },
      parents: [{ sha: first }],
    });
    expect((await client.rest.repos.getCommit({ ...repo, ref: 'tags/v0.9.0' })).data.sha).toBe(first);

    const notes = await client.rest.repos.generateReleaseNotes({
      ...repo,
      tag_name: 'v1.0.0',
      previous_tag_name: 'v0.9.0',
    });
    expect(notes.data).toEqual({
      name: 'v1.0.0',
      body: `## What's Changed\n* Changes since v0.9.0\n\n**Full Changelog**: ${s.url}/acme/backend/compare/v0.9.0...v1.0.0`,
    });

    const release = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v1.0.0',
      name: 'v1.0.0',
      body: notes.data.body,
      make_latest: 'true',
    });
    expect(release.status).toBe(201);
    expect(release.data).toMatchObject({
      tag_name: 'v1.0.0',
      target_commitish: 'main',
      draft: false,
      prerelease: false,
      url: `${s.url}/repos/acme/backend/releases/${release.data.id}`,
      upload_url: `${s.url}/repos/acme/backend/releases/${release.data.id}/assets{?name,label}`,
      html_url: `${s.url}/acme/backend/releases/tag/v1.0.0`,
    });
    expect((await client.rest.repos.getReleaseByTag({ ...repo, tag: 'v1.0.0' })).data.id).toBe(release.data.id);
    expect((await client.rest.repos.getLatestRelease(repo)).data.id).toBe(release.data.id);
    const updated = await client.rest.repos.updateRelease({
      ...repo,
      release_id: release.data.id,
      name: 'Version 1.0.0',
    });
    expect(updated.data.name).toBe('Version 1.0.0');
    expect((await client.rest.repos.getRelease({ ...repo, release_id: release.data.id })).data.name).toBe(
      'Version 1.0.0',
    );
    expect((await client.rest.repos.listReleases(repo)).data.map((r) => r.id)).toEqual([release.data.id]);
    expect((await client.rest.repos.listTags(repo)).data.map((t) => [t.name, t.commit.sha])).toEqual([
      ['v1.0.0', second],
      ['v0.9.0', first],
    ]);
    expect((await client.rest.git.listMatchingRefs({ ...repo, ref: 'tags/v' })).data.map((r) => r.ref)).toEqual([
      'refs/tags/v0.9.0',
      'refs/tags/v1.0.0',
    ]);
    expect((await client.rest.git.updateRef({ ...repo, ref: 'tags/v0.9.0', sha: second })).data.object.sha).toBe(
      second,
    );
    expect((await client.rest.repos.deleteRelease({ ...repo, release_id: release.data.id })).status).toBe(204);
    expect((await client.rest.git.deleteRef({ ...repo, ref: 'tags/v1.0.0' })).status).toBe(204);
    expect([...s.state.refs.keys()].sort()).toEqual(['refs/heads/main', 'refs/tags/v0.9.0']);

    expect(s.violations).toEqual([]);
    expect(new Set(s.requests.map((r) => r.operationId)).size).toBe(18);
  });
});

describe('GitHub stand-in: what the schema cannot say', () => {
  it('answers 422 "Reference already exists" to a second create-ref and keeps the first', async () => {
    const { s, client } = await start();
    const a = s.addCommit();
    const b = s.addCommit();
    await client.rest.git.createRef({ owner: 'acme', repo: 'backend', ref: 'refs/tags/v1.0.0', sha: a });
    const before = s.snapshot();
    const err = await statusOf(
      client.rest.git.createRef({ owner: 'acme', repo: 'backend', ref: 'refs/tags/v1.0.0', sha: b }),
    );
    expect(err).toEqual({ status: 422, message: 'Reference already exists - https://docs.github.com/rest' });
    expect(s.snapshot()).toBe(before);
    expect(s.state.refs.get('refs/tags/v1.0.0')).toBe(a);
    expect(s.violations).toEqual([]);
  });

  it('refuses update-ref that is not a fast forward unless forced', async () => {
    const { s, client } = await start();
    const a = s.addCommit();
    const b = s.addCommit();
    s.addTag('v1.0.0', b);
    const err = await statusOf(
      client.rest.git.updateRef({ owner: 'acme', repo: 'backend', ref: 'tags/v1.0.0', sha: a }),
    );
    expect(err).toEqual({ status: 422, message: 'Update is not a fast forward - https://docs.github.com/rest' });
    await client.rest.git.updateRef({ owner: 'acme', repo: 'backend', ref: 'tags/v1.0.0', sha: a, force: true });
    expect(s.state.refs.get('refs/tags/v1.0.0')).toBe(a);
  });

  it('paginates list-releases with RFC 5988 Link headers, newest first', async () => {
    const { s, client } = await start();
    const sha = s.addCommit();
    for (let i = 1; i <= 5; i++)
      await client.rest.repos.createRelease({
        owner: 'acme',
        repo: 'backend',
        tag_name: `v1.0.${i}`,
        target_commitish: sha,
      });
    const page1 = await client.rest.repos.listReleases({ owner: 'acme', repo: 'backend', per_page: 2 });
    expect(page1.data.map((r) => r.tag_name)).toEqual(['v1.0.5', 'v1.0.4']);
    const base = `${s.url}/repos/acme/backend/releases`;
    expect(page1.headers.link).toBe(`<${base}?per_page=2&page=2>; rel="next", <${base}?per_page=2&page=3>; rel="last"`);
    const page3 = await client.rest.repos.listReleases({ owner: 'acme', repo: 'backend', per_page: 2, page: 3 });
    expect(page3.data.map((r) => r.tag_name)).toEqual(['v1.0.1']);
    expect(page3.headers.link).toBe(
      `<${base}?per_page=2&page=2>; rel="prev", <${base}?per_page=2&page=1>; rel="first"`,
    );
    const all = await client.paginate(client.rest.repos.listReleases, { owner: 'acme', repo: 'backend', per_page: 2 });
    expect(all.map((r) => r.tag_name)).toEqual(['v1.0.5', 'v1.0.4', 'v1.0.3', 'v1.0.2', 'v1.0.1']);
    expect(s.violations).toEqual([]);
  });

  it('caps per_page at pageSizeCap', async () => {
    const { s, client } = await start({ pageSizeCap: 3 });
    const sha = s.addCommit();
    for (let i = 1; i <= 4; i++) s.addTag(`v0.0.${i}`, sha);
    const res = await client.rest.repos.listTags({ owner: 'acme', repo: 'backend', per_page: 100 });
    expect(res.data.map((t) => t.name)).toEqual(['v0.0.4', 'v0.0.3', 'v0.0.2']);
    expect(res.headers.link).toContain('rel="next"');
  });

  it('does not find drafts by tag, creates no tag for a draft, and refuses a second published release for a tag', async () => {
    const { s, client } = await start();
    const repo = { owner: 'acme', repo: 'backend' };
    const sha = s.addCommit();
    const draft = await client.rest.repos.createRelease({
      ...repo,
      tag_name: 'v2.0.0',
      target_commitish: sha,
      draft: true,
    });
    expect(draft.data).toMatchObject({ draft: true, published_at: null });
    expect(s.state.refs.has('refs/tags/v2.0.0')).toBe(false);
    expect((await statusOf(client.rest.repos.getReleaseByTag({ ...repo, tag: 'v2.0.0' }))).status).toBe(404);
    // Drafts may share a tag name.
    await client.rest.repos.createRelease({ ...repo, tag_name: 'v2.0.0', target_commitish: sha, draft: true });

    const published = await client.rest.repos.updateRelease({ ...repo, release_id: draft.data.id, draft: false });
    expect(published.data.published_at).not.toBeNull();
    expect(s.state.refs.get('refs/tags/v2.0.0')).toBe(sha);
    expect((await client.rest.repos.getReleaseByTag({ ...repo, tag: 'v2.0.0' })).data.id).toBe(draft.data.id);

    const before = s.snapshot();
    const err = await statusOf(client.rest.repos.createRelease({ ...repo, tag_name: 'v2.0.0', target_commitish: sha }));
    expect(err).toEqual({
      status: 422,
      message:
        'Validation Failed: {"resource":"Release","code":"already_exists","field":"tag_name"} - https://docs.github.com/rest',
    });
    expect(s.snapshot()).toBe(before);
    expect(s.violations).toEqual([]);
  });

  it('ignores target_commitish when the tag exists', async () => {
    const { s, client } = await start();
    const shipped = s.addCommit();
    const head = s.addCommit();
    s.addTag('v1.0.0', shipped);
    await client.rest.repos.createRelease({
      owner: 'acme',
      repo: 'backend',
      tag_name: 'v1.0.0',
      target_commitish: head,
    });
    expect(s.state.refs.get('refs/tags/v1.0.0')).toBe(shipped);
  });

  it('answers 404 to tagging a commit that changes workflows unless the token may change workflows', async () => {
    const { s, client } = await start();
    const sha = s.addCommit(undefined, { touchesWorkflows: true });
    const before = s.snapshot();
    expect(
      (await statusOf(client.rest.git.createRef({ owner: 'acme', repo: 'backend', ref: 'refs/tags/v1.0.0', sha })))
        .status,
    ).toBe(404);
    expect(
      (
        await statusOf(
          client.rest.repos.createRelease({
            owner: 'acme',
            repo: 'backend',
            tag_name: 'v1.0.0',
            target_commitish: sha,
          }),
        )
      ).status,
    ).toBe(404);
    expect(s.snapshot()).toBe(before);
    expect(s.violations).toEqual([]);
    await standIn!.close();

    const allowed = await start({ workflowsPermission: true });
    const sha2 = allowed.s.addCommit(undefined, { touchesWorkflows: true });
    expect(
      (await allowed.client.rest.git.createRef({ owner: 'acme', repo: 'backend', ref: 'refs/tags/v1.0.0', sha: sha2 }))
        .status,
    ).toBe(201);
  });

  it('resolves a unique short sha and answers 422 for an unknown or ambiguous one', async () => {
    const { s, client } = await start();
    const a = s.addCommit('abc1230000000000000000000000000000000000');
    s.addCommit('abc1240000000000000000000000000000000000');
    const repo = { owner: 'acme', repo: 'backend' };
    expect((await client.rest.repos.getCommit({ ...repo, ref: 'abc123' })).data.sha).toBe(a);
    expect(await statusOf(client.rest.repos.getCommit({ ...repo, ref: 'abc12' }))).toEqual({
      status: 422,
      message: 'The SHA abc12 is ambiguous. - https://docs.github.com/rest',
    });
    expect(await statusOf(client.rest.repos.getCommit({ ...repo, ref: 'fff0000' }))).toEqual({
      status: 422,
      message: 'No commit found for SHA: fff0000 - https://docs.github.com/rest',
    });
    expect(s.violations).toEqual([]);
  });

  it('answers 409 for git data of an empty repository and 401 without the token', async () => {
    const { s, client } = await start();
    expect(
      (await statusOf(client.rest.git.listMatchingRefs({ owner: 'acme', repo: 'backend', ref: 'tags/v' }))).status,
    ).toBe(409);
    const anonymous = await fetch(`${s.url}/repos/acme/backend/releases`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    expect(s.violations).toEqual([]);
  });
});

describe('createGitHubClient retries against injected faults', () => {
  it('retries a 429 with retry-after, then succeeds', async () => {
    const { s, client } = await start();
    s.addCommit();
    s.fault({ operationId: 'repos/list-releases', status: 429, headers: { 'retry-after': '0' } });
    const res = await client.rest.repos.listReleases({ owner: 'acme', repo: 'backend' });
    expect(res.status).toBe(200);
    expect(s.requests.map((r) => [r.operationId, r.status])).toEqual([
      ['repos/list-releases', 429],
      ['repos/list-releases', 200],
    ]);
  });

  it('retries a dropped connection', async () => {
    const { s, client } = await start();
    const sha = s.addCommit();
    s.fault({ operationId: 'git/create-ref', status: 0, drop: true });
    const res = await client.rest.git.createRef({ owner: 'acme', repo: 'backend', ref: 'refs/tags/v1.0.0', sha });
    expect(res.status).toBe(201);
    expect(s.requests.map((r) => r.status)).toEqual([0, 201]);
  });

  it('retries a secondary rate limit 403 with retry-after, not a plain 403', async () => {
    const { s, client } = await start();
    s.addCommit();
    s.fault({
      operationId: 'repos/get',
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    s.fault({ operationId: 'repos/get', status: 403, body: { message: 'Resource not accessible by integration' } });
    expect(await statusOf(client.rest.repos.get({ owner: 'acme', repo: 'backend' }))).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    });
    expect(s.requests.map((r) => r.status)).toEqual([403, 200, 403]);
  });

  it('fails clearly after the bounded retries of a persistent 503', async () => {
    const { s, client } = await start();
    s.addCommit();
    s.fault({ operationId: 'git/get-ref', status: 503, times: 100, body: { message: 'Service Unavailable' } });
    const err = await statusOf(client.rest.git.getRef({ owner: 'acme', repo: 'backend', ref: 'tags/v1.0.0' }));
    expect(err).toEqual({
      status: 503,
      message: `GET ${s.url}/repos/acme/backend/git/ref/tags%2Fv1.0.0 failed after 4 attempts: HTTP 503: Service Unavailable`,
    });
    expect(s.requests).toHaveLength(4);
  });

  it('does not retry a 409 or a 422', async () => {
    const { s, client } = await start();
    expect((await statusOf(client.rest.git.getRef({ owner: 'acme', repo: 'backend', ref: 'tags/v1' }))).status).toBe(
      409,
    );
    expect(s.requests).toHaveLength(1);
  });

  it('never puts the token in an error message', async () => {
    const { s, client } = await start();
    s.addCommit();
    s.fault({ operationId: 'repos/get', status: 500, times: 10 });
    const err = await statusOf(client.rest.repos.get({ owner: 'acme', repo: 'backend' }));
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('parseRepository', () => {
  it('splits owner/name and names the input when it cannot', () => {
    expect(parseRepository('acme/backend')).toEqual({ owner: 'acme', repo: 'backend' });
    expect(() => parseRepository('acme', 'repository')).toThrow(InputError);
    expect(() => parseRepository('acme/backend/x', 'repository')).toThrow(
      'repository: "acme/backend/x" is not accepted. Accepted: `owner/name`, as in GITHUB_REPOSITORY (e.g. `acme/backend`)',
    );
  });
});

describe('retryDelay', () => {
  const policy: RetryPolicy = { retries: 3, baseMs: 100, maxMs: 1000, maxRetryAfterMs: 5000 };
  const headers = (h: Record<string, string>) => ({ headers: h, data: {} });
  it('waits for the primary rate limit reset and a second, uncapped (the budget decides), and does not retry other 4xx', () => {
    const now = 1_700_000_000_000;
    const limited = {
      status: 403,
      message: 'API rate limit exceeded',
      response: headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 2) }),
    };
    expect(retryDelay(limited, 0, policy, () => 0, now)).toBe(3000);
    const far = {
      ...limited,
      response: headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 3600) }),
    };
    expect(retryDelay(far, 0, policy, () => 0, now)).toBe(3_601_000);
    expect(retryDelay({ status: 404, message: 'Not Found', response: headers({}) }, 0, policy)).toBeUndefined();
    expect(
      retryDelay({ status: 422, message: 'Validation Failed', response: headers({ 'retry-after': '1' }) }, 0, policy),
    ).toBeUndefined();
    // A dropped connection: Octokit's status 500 without a response.
    expect(retryDelay({ status: 500, message: 'other side closed' }, 2, policy, () => 0)).toBe(200);
  });
});
