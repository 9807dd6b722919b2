import { describe, expect, it } from '@jest/globals';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import { createGitHubClient, retryDecision, type GitHubRetryPolicy } from '../../packages/github/client.js';
import { explainGitHubRefusal, redactSecret } from '../../packages/github/errors.js';

const policy: GitHubRetryPolicy = { retries: 4, baseMs: 100, maxMs: 1000, maxRetryAfterMs: 5000 };
const NOW = 1_700_000_000_000;
const answer = (status: number, message: string, headers: Record<string, string> = {}, extra: object = {}) => ({
  status,
  message,
  response: { headers, data: { message, documentation_url: 'https://docs.github.com/rest', ...extra } },
});

describe('retryDecision: rate limits as GitHub documents them', () => {
  it('waits for x-ratelimit-reset (and a second) in full on the primary limit, whatever maxRetryAfterMs says', () => {
    const limited = answer(403, 'API rate limit exceeded for installation ID 1.', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(NOW / 1000 + 1800),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-resource': 'core',
    });
    expect(retryDecision(limited, 0, policy, () => 0, NOW)).toEqual({
      delayMs: 1_801_000,
      rateLimit: { kind: 'primary', name: 'primary rate limit (resource core, 5000 requests an hour)' },
    });
    // 429 is documented for the primary limit too.
    expect(retryDecision({ ...limited, status: 429 }, 0, policy, () => 0, NOW)?.delayMs).toBe(1_801_000);
  });

  it('honours retry-after on a secondary limit, beyond the old 30 s cap', () => {
    const limited = answer(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '90' });
    expect(retryDecision(limited, 0, policy, () => 0, NOW)).toEqual({
      delayMs: 90_000,
      rateLimit: { kind: 'secondary', name: 'secondary rate limit' },
    });
  });

  it('waits at least a minute on a header-less secondary limit, doubling on repeats', () => {
    const limited = answer(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    );
    expect([0, 1, 2].map((attempt) => retryDecision(limited, attempt, policy, () => 0, NOW)?.delayMs)).toEqual([
      60_000, 120_000, 240_000,
    ]);
    // the minimum is a policy field, so tests and callers can set it
    expect(retryDecision(limited, 1, { ...policy, secondaryMinMs: 10 }, () => 0, NOW)?.delayMs).toBe(100);
    // a bare 429 is a secondary limit too
    expect(retryDecision({ status: 429, message: '', response: { headers: {} } }, 0, policy, () => 0, NOW)).toEqual({
      delayMs: 60_000,
      rateLimit: { kind: 'secondary', name: 'secondary rate limit' },
    });
  });

  it('recognises the old wording "abuse detection mechanism" as a secondary limit', () => {
    const limited = answer(
      403,
      'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.',
    );
    expect(retryDecision(limited, 0, policy, () => 0, NOW)).toEqual({
      delayMs: 60_000,
      rateLimit: { kind: 'secondary', name: 'secondary rate limit' },
    });
  });

  it('does not retry a permission 403, a 404 or a 422, and backs off on 5xx and dropped connections', () => {
    expect(retryDecision(answer(403, 'Resource not accessible by integration'), 0, policy)).toBeUndefined();
    expect(retryDecision(answer(404, 'Not Found'), 0, policy)).toBeUndefined();
    expect(retryDecision(answer(422, 'Validation Failed', { 'retry-after': '1' }), 0, policy)).toBeUndefined();
    expect(retryDecision({ status: 500, message: 'other side closed' }, 2, policy, () => 0)).toEqual({ delayMs: 200 });
    expect(retryDecision(answer(503, 'Unavailable', { 'retry-after': '3' }), 0, policy, () => 0, NOW)).toEqual({
      delayMs: 3000,
    });
    // a caller's own abort is not a fault
    expect(retryDecision({ status: 500, name: 'AbortError', message: 'aborted' }, 0, policy)).toBeUndefined();
  });
});

describe('createGitHubClient options', () => {
  it('names a bad budget or timeout', () => {
    expect(() => createGitHubClient({ token: 't', budgetMs: 0 })).toThrow(InputError);
    expect(() => createGitHubClient({ token: 't', budgetMs: 0 })).toThrow('budgetMs: "0" is not accepted');
    expect(() => createGitHubClient({ token: 't', requestTimeoutMs: -1 })).toThrow(
      'requestTimeoutMs: "-1" is not accepted',
    );
  });
});

describe('redactSecret', () => {
  it('replaces the token in the message, the stack, the cause chain and the response data', () => {
    const token = 'ghs_S3cr3tT0kenValue';
    const cause = new Error(`proxy said: Authorization: token ${token}`);
    const err = Object.assign(new Error(`request failed: token ${token}`, { cause }), {
      response: { data: { message: `Bad header token ${encodeURIComponent(token)}`, errors: [`echo ${token}`] } },
    });
    redactSecret(err, token);
    const text = [err.message, err.stack, cause.message, cause.stack, JSON.stringify(err.response)].join('\n');
    expect(text).not.toContain(token);
    expect(err.message).toBe('request failed: token ***');
    expect(cause.message).toBe('proxy said: Authorization: token ***');
    expect(err.response.data.errors).toEqual(['echo ***']);
  });
});

describe('explainGitHubRefusal', () => {
  const ctx = { repo: { owner: 'acme', repo: 'backend' }, action: 'creating tag v1.2.3', sha: 'a'.repeat(40) };
  const at = `to creating tag v1.2.3 at commit ${'a'.repeat(40)} in acme/backend`;

  it("a tag ruleset: add the App to the bypass list or narrow the ruleset, with GitHub's words", () => {
    const err = answer(
      422,
      'Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n',
    );
    const explained = explainGitHubRefusal(err, ctx);
    expect(explained).toBeInstanceOf(RefusedError);
    expect((explained as Error).message).toBe(
      `GitHub answered 422 "Repository rule violations found\n\nCannot create ref due to creations being restricted.\n\n" ${at}: ` +
        'a repository ruleset restricts creating this tag. Add the GitHub App whose token the workflow uses to the ' +
        "ruleset's bypass list (Settings > Rules > Rulesets), or narrow the ruleset so that it does not cover the release tags (v*).",
    );
  });

  it('GHES tag protection: ask an admin, or a token of an allowed role', () => {
    const err = answer(422, 'pre_receive You are not authorized to create a tag matching v*');
    const explained = explainGitHubRefusal(err, ctx) as Error;
    expect(explained).toBeInstanceOf(RefusedError);
    expect(explained.message).toContain('"pre_receive You are not authorized to create a tag matching v*"');
    expect(explained.message).toContain('Ask a repository admin to allow it');
    expect(explained.message).toContain('use a token of a role allowed to create protected tags');
  });

  it('an immutable release: the version can never be reused, promote a new one', () => {
    const err = answer(
      422,
      'Validation Failed',
      {},
      {
        errors: [
          {
            resource: 'Release',
            code: 'custom',
            field: 'tag_name',
            message: 'tag_name was used by an immutable release',
          },
        ],
      },
    );
    const explained = explainGitHubRefusal(err, { ...ctx, action: 'creating the release v1.2.3' }) as Error;
    expect(explained).toBeInstanceOf(RefusedError);
    expect(explained.message).toBe(
      `GitHub answered 422 "Validation Failed; tag_name was used by an immutable release" to creating the release v1.2.3 ` +
        `at commit ${'a'.repeat(40)} in acme/backend: the tag was used by an immutable release, and GitHub never lets ` +
        "that version be released again, even after the release was deleted. Promote under a new version (the promotion's version input).",
    );
  });

  it('a read-only GITHUB_TOKEN: permissions: contents: write, not an App token', () => {
    const err = answer(403, 'Resource not accessible by integration', {
      'x-accepted-github-permissions': 'contents=write',
    });
    const explained = explainGitHubRefusal(err, ctx) as Error;
    expect(explained).toBeInstanceOf(InputError);
    expect(explained.message).toBe(
      `github-token: *** is not accepted: GitHub answered 403 "Resource not accessible by integration" ${at} ` +
        "(x-accepted-github-permissions: contents=write): the token may not write the repository's contents. " +
        'Accepted: a token with Contents: write: for the GITHUB_TOKEN, `permissions: contents: write` on the job ' +
        '(or the workflow); no App token is needed for this',
    );
  });

  it('the workflows permission only when plausible', () => {
    const notFound = answer(404, 'Not Found');
    expect((explainGitHubRefusal(notFound, { ...ctx, workflowsDiffer: true }) as Error).message).toContain(
      'The commit changes files under .github/workflows/ relative to the default branch',
    );
    expect((explainGitHubRefusal(notFound, ctx) as Error).message).toContain(
      'GitHub answers so when the commit changes files under .github/workflows/',
    );
    const same = (explainGitHubRefusal(notFound, { ...ctx, workflowsDiffer: false }) as Error).message;
    expect(same).toContain('so the workflows permission is not the cause');
    expect(same).not.toContain('Workflows: write');
  });

  it('does not blame the workflows permission when GitHub names permissions without it', () => {
    const err = answer(404, 'Not Found', { 'x-accepted-github-permissions': 'contents=write' });
    const message = (explainGitHubRefusal(err, { ...ctx, workflowsDiffer: true }) as Error).message;
    expect(message).toContain(
      '(x-accepted-github-permissions: contents=write): GitHub did not ask for the workflows permission; the token ' +
        'cannot see the repository or may not write its contents',
    );
  });

  it('leaves rate limits, other statuses and other 422s alone', () => {
    const limited = answer(403, 'You have exceeded a secondary rate limit.');
    expect(explainGitHubRefusal(limited, ctx)).toBe(limited);
    const exists = answer(422, 'Reference already exists');
    expect(explainGitHubRefusal(exists, ctx)).toBe(exists);
    const unavailable = answer(503, 'Unavailable');
    expect(explainGitHubRefusal(unavailable, ctx)).toBe(unavailable);
  });
});
