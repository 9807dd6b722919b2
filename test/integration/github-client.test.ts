import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { InputError } from '../../packages/common/errors.js';
import type { Logger } from '../../packages/common/logger.js';
import { createGitHubClient, type GitHubClientOptions } from '../../packages/github/client.js';
import { GitHubRateLimitError, requestStatus, responseMessage } from '../../packages/github/errors.js';
import { listVersionTags } from '../../packages/github/versions.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';

const TOKEN = 'ghs_clientTestToken0123456789';
const fast = { retries: 4, baseMs: 1, maxMs: 2, maxRetryAfterMs: 5 };
const NOW = Date.parse('2024-06-01T12:00:00Z');

let standIn: StandIn | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  const s = standIn;
  standIn = undefined;
  for (const close of closers.splice(0)) await close();
  if (!s) return;
  await s.close();
  expect(s.violations).toEqual([]);
});

/** A clock that only moves when the client sleeps, and the sleeps it was asked for. */
function fakeTime(start = NOW) {
  let clock = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => clock,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      clock += ms;
    },
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
  };
}

async function start(opts: Partial<GitHubClientOptions> = {}) {
  standIn = await startGitHubStandIn({ token: TOKEN });
  standIn.addCommit();
  const time = fakeTime();
  const logger = recordingLogger();
  const client = createGitHubClient({
    token: TOKEN,
    apiUrl: standIn.url,
    retryPolicy: fast,
    sleep: time.sleep,
    now: time.now,
    logger,
    ...opts,
  });
  return { s: standIn, client, time, logger, repo: { owner: standIn.owner, repo: standIn.repo } };
}

const statuses = (s: StandIn, operationId: string) =>
  s.requests.filter((r) => r.operationId === operationId).map((r) => r.status);

describe('rate limits within the time budget', () => {
  it('waits for the primary limit to reset in full when that fits in the budget, then goes on', async () => {
    const { s, client, time, logger } = await start();
    s.fault({
      operationId: 'repos/get',
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(NOW / 1000 + 300),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-resource': 'core',
      },
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    // Until the reset and a second: the old 30 s cap would have retried 270 s too early.
    expect(time.sleeps).toEqual([301_000]);
    expect(statuses(s, 'repos/get')).toEqual([403, 200]);
    expect(logger.lines.filter((l) => l.startsWith('info:'))).toEqual([
      expect.stringContaining(
        "info: GitHub's primary rate limit (resource core, 1000 requests an hour): waiting until 2024-06-01T12:05:01.000Z",
      ),
    ]);
  });

  it('fails at once, saying when the limit resets and how to get more time, when the reset is beyond the budget', async () => {
    const { s, client, time } = await start();
    s.fault({
      operationId: 'repos/get',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 1800) },
      body: {
        message: 'API rate limit exceeded for installation ID 1.',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    const err = await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubRateLimitError);
    const limit = err as GitHubRateLimitError;
    expect(limit.resetAt.toISOString()).toBe('2024-06-01T12:30:01.000Z');
    expect(limit.message).toBe(
      `GET ${s.url}/repos/acme/backend: GitHub's primary rate limit was hit (HTTP 403: API rate limit exceeded for ` +
        "installation ID 1.). It resets at 2024-06-01T12:30:01.000Z (in 31 min); that is beyond this run's time budget " +
        "for GitHub (10 min of 10 min left). Run again after 2024-06-01T12:30:01.000Z, or allow the GitHub calls more time (the client's " +
        'budget, 10 min now), or use a token with a larger limit (a GitHub App installation token has its own, 5,000 to ' +
        "12,500 requests an hour; a workflow's GITHUB_TOKEN has 1,000 an hour per repository).",
    );
    expect(time.sleeps).toEqual([]);
    expect(statuses(s, 'repos/get')).toEqual([403]);
  });

  it('waits as long as the budget allows: a larger budget honours the same reset', async () => {
    const { s, client, time } = await start({ budgetMs: 60 * 60_000, budgetHint: 'raise the github-budget input' });
    s.fault({
      operationId: 'repos/get',
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 1800) },
      body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
    });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    expect(time.sleeps).toEqual([1_801_000]);
  });

  it('waits a minute on a secondary limit without headers, doubling on repeats, until the budget is spent', async () => {
    const { s, client, time } = await start({ budgetHint: 'raise the github-budget input' });
    const secondary = {
      operationId: 'repos/get',
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest',
      },
    };
    s.fault({ ...secondary, times: 2 });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    expect(time.sleeps).toEqual([60_000, 120_000]);

    // 180 s of the 600 s are spent: 60 + 120 + 240 more fit exactly, the next 480 s do not.
    s.fault({ ...secondary, times: 10 });
    const err = await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubRateLimitError);
    expect(time.sleeps).toEqual([60_000, 120_000, 60_000, 120_000, 240_000]);
    expect((err as Error).message).toContain(
      "It resets at 2024-06-01T12:18:00.000Z (in 8 min); that is beyond this run's time budget for GitHub (0 s of 10 min left). " +
        'Run again after 2024-06-01T12:18:00.000Z, or raise the github-budget input.',
    );
  });

  it('takes the old wording "abuse detection mechanism" as a secondary limit, with the policy minimum', async () => {
    const { s, client, time } = await start({ retryPolicy: { ...fast, secondaryMinMs: 5_000 } });
    s.fault({
      operationId: 'repos/get',
      status: 403,
      body: {
        message: 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest',
      },
    });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    expect(time.sleeps).toEqual([5_000]);
  });
});

describe('request timeouts', () => {
  it('retries a request the API accepted and never answered', async () => {
    const { s, client } = await start({ requestTimeoutMs: 200, sleep: undefined, now: undefined });
    s.fault({ operationId: 'repos/get', hang: true });
    expect((await client.rest.repos.get({ owner: 'acme', repo: 'backend' })).status).toBe(200);
    expect(statuses(s, 'repos/get')).toEqual([0, 200]);
  });

  it('fails, instead of hanging, against a server that accepts connections and never answers', async () => {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as { port: number };
    let accepted = 0;
    server.on('connection', () => accepted++);
    const client = createGitHubClient({
      token: TOKEN,
      apiUrl: `http://127.0.0.1:${port}`,
      retryPolicy: { ...fast, retries: 1 },
      requestTimeoutMs: 150,
    });
    const err = (await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e)) as {
      status?: number;
      message: string;
    };
    expect(err.status).toBe(500);
    expect(err.message).toBe(
      `GET http://127.0.0.1:${port}/repos/acme/backend failed after 2 attempts: connection failed: no answer from GitHub within 150 ms`,
    );
    expect(accepted).toBeGreaterThanOrEqual(1);
  }, 10_000);
});

describe('bodies that end early', () => {
  it('retries a matching-refs answer cut half-way instead of reading it as no version tags', async () => {
    const { s, client, repo } = await start();
    const sha = s.state.refs.get('refs/heads/main')!;
    for (const v of ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0-next']) s.addTag(v, sha);
    s.fault({ operationId: 'git/list-matching-refs', cut: true });
    expect(await listVersionTags(client, repo)).toEqual(['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0-next']);
    expect(statuses(s, 'git/list-matching-refs')).toEqual([200, 200]);
  });

  it('fails rather than answer an empty list when every answer is cut', async () => {
    const { s, client, repo } = await start();
    const sha = s.state.refs.get('refs/heads/main')!;
    s.addTag('v1.0.0', sha);
    s.fault({ operationId: 'git/list-matching-refs', cut: true, times: 10 });
    const err = (await listVersionTags(client, repo).catch((e: unknown) => e)) as { status?: number; message: string };
    expect(err.status).toBe(500);
    expect(err.message).toMatch(/matching-refs\/tags%2Fv failed after 5 attempts: connection failed: /);
    expect(statuses(s, 'git/list-matching-refs')).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('a JSON answer that does not parse', () => {
  it('is a fault to retry, never data, even when its length is right (a proxy cutting at a boundary)', async () => {
    let served = 0;
    const server = createHttpServer((_req, res) => {
      served++;
      const body = served === 1 ? '[{"ref":"refs/tags/v1.0.0","node_id":' : '[]';
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as { port: number };
    const client = createGitHubClient({ token: TOKEN, apiUrl: `http://127.0.0.1:${port}`, retryPolicy: fast });
    // The second answer is a real (empty) list: only a parsed answer is data.
    expect(await listVersionTags(client, { owner: 'acme', repo: 'backend' })).toEqual([]);
    expect(served).toBe(2);
  });
});

describe('the token never leaves the client', () => {
  it('is replaced by *** in an error that echoes the Authorization header', async () => {
    const { s, client } = await start();
    s.fault({
      operationId: 'repos/get',
      status: 400,
      body: { message: `Bad request: header Authorization: token ${TOKEN} is malformed`, documentation_url: 'x' },
    });
    const err = (await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e)) as Error & {
      response: unknown;
    };
    expect(err.message).toBe('Bad request: header Authorization: token *** is malformed - x');
    expect(`${err.stack}\n${JSON.stringify(err.response)}\n${JSON.stringify(err)}`).not.toContain(TOKEN);
  });

  it('is replaced after retries too, and in the echo of a proxy that answers 502', async () => {
    const { s, client } = await start();
    s.fault({
      operationId: 'repos/get',
      status: 502,
      times: 10,
      body: { message: `upstream rejected token ${TOKEN}` },
    });
    const err = (await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      `GET ${s.url}/repos/acme/backend failed after 5 attempts: HTTP 502: upstream rejected token ***`,
    );
    expect(String(err.stack)).not.toContain(TOKEN);
  });
});

describe('a bad token is named as the input that gave it', () => {
  it('a wrong token: the 401 is an InputError naming the input, without the token, not retried', async () => {
    const { s, client } = await start({ token: 'ghp_wrong0123456789' });
    const err = await client.rest.repos.get({ owner: 'acme', repo: 'backend' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      `github-token: *** is not accepted: GitHub answered 401 "Bad credentials" to GET ${s.url}/repos/acme/backend: ` +
        'the token is wrong, expired or revoked. Accepted: a GitHub token (the default `github.token`, a PAT or a GitHub App token)',
    );
    expect(requestStatus(err)).toBe(401);
    expect(responseMessage(err)).toBe('Bad credentials');
    expect(statuses(s, 'repos/get')).toEqual([401]);
    const named = await createGitHubClient({ token: 'ghp_wrong0123456789', tokenInput: 'GH_TOKEN', apiUrl: s.url })
      .rest.repos.get({ owner: 'acme', repo: 'backend' })
      .catch((e: unknown) => e);
    expect((named as InputError).input).toBe('GH_TOKEN');
  });

  it.each([
    ['', 'github-token: "" is not accepted: it is empty.'],
    ['ghp_with space', 'github-token: *** is not accepted: it contains a space or a line break.'],
    ['ghp_line\nbreak', 'github-token: *** is not accepted: it contains a space or a line break.'],
    ['ghp_nön', 'github-token: *** is not accepted: it contains a character outside printable ASCII.'],
    ['ghp_\u0007bell', 'github-token: *** is not accepted: it contains a control character.'],
    ['g'.repeat(4097), 'github-token: *** is not accepted: it has 4097 characters, more than 4096.'],
  ])('%j is refused before any request, naming the input', async (token, message) => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    const apiUrl = standIn.url;
    expect(() => createGitHubClient({ token, apiUrl })).toThrow(message);
    expect(standIn.requests).toEqual([]);
  });
});
