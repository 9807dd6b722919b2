import { InputError, RefusedError } from '../common/errors.js';
import { backoffDelay, retry, type RetryPolicy } from '../common/retry.js';
import { silentLogger, type Logger } from '../common/logger.js';
import type { GitHubClient } from './client.js';
import { workflowsDiffer } from './commits.js';
import { FULL_SHA } from '../common/patterns.js';
import {
  explainGitHubRefusal,
  isRateLimitAnswer,
  requestStatus,
  responseMessage,
  type RefusalContext,
  type RepositoryName,
} from './errors.js';

export type { RepositoryName } from './errors.js';
export { requestStatus } from './errors.js';

// Nested annotated tags (a tag of a tag) are legal in git; a loop is not, so the peeling is bounded.
const MAX_PEEL_DEPTH = 8;

/**
 * How long to keep reading back something just written: GitHub's replicas can answer 404 for a
 * release or ref created a moment ago (cli/cli #6599; semantic-release/github retries 404 "to
 * account for replication lag").
 */
export const readAfterWritePolicy: RetryPolicy = { retries: 4, baseMs: 250, maxMs: 4000, maxRetryAfterMs: 0 };

/**
 * Reads until `read` returns something, retrying an absent answer (undefined or a 404) with
 * backoff; returns undefined when it is still absent after the retries.
 */
export async function readAfterWrite<T>(
  what: string,
  read: () => Promise<T | undefined>,
  opts: { policy?: RetryPolicy; logger?: Logger } = {},
): Promise<T | undefined> {
  const policy = opts.policy ?? readAfterWritePolicy;
  return retry<T | undefined>(
    async () => {
      try {
        return await read();
      } catch (err) {
        if (requestStatus(err) !== 404) throw err;
        return undefined;
      }
    },
    {
      what,
      policy,
      ...(opts.logger ? { logger: opts.logger } : {}),
      // Only an absent answer is read again; a value, or an error other than 404, stands.
      decide: (outcome, attempt) =>
        outcome.ok && outcome.value === undefined ? { delayMs: backoffDelay(attempt, policy) } : undefined,
      describe: () => 'not visible yet after a write',
    },
  );
}

/**
 * GitHub's refusal of a tag or release write, explained (errors.ts explainGitHubRefusal). For a 403
 * or 404 it first asks whether the commit's `.github/workflows` differ from the default branch's,
 * so that the workflows permission is blamed only when that is plausible.
 */
export async function explainRefusal(
  client: GitHubClient,
  err: unknown,
  ctx: Omit<RefusalContext, 'workflowsDiffer'>,
): Promise<unknown> {
  const status = requestStatus(err);
  if (status !== 403 && status !== 404 && status !== 422) return err;
  let differ: boolean | undefined;
  if ((status === 403 || status === 404) && !isRateLimitAnswer(err))
    differ = await workflowsDiffer(client, ctx.repo, ctx.sha);
  return explainGitHubRefusal(err, { ...ctx, workflowsDiffer: differ });
}

/** A tag ref's target, peeled down to a commit; undefined when the tag does not exist. */
export async function getTagRef(client: GitHubClient, repo: RepositoryName, tag: string): Promise<string | undefined> {
  let object: { type: string; sha: string };
  try {
    const { data } = await client.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `tags/${tag}` });
    object = data.object;
  } catch (err) {
    const status = requestStatus(err);
    // 409: an empty repository has no tags.
    if (status === 404 || status === 409) return undefined;
    throw err;
  }
  for (let depth = 0; object.type === 'tag'; depth++) {
    if (depth >= MAX_PEEL_DEPTH)
      throw new Error(`tag ${tag} of ${repo.owner}/${repo.repo}: more than ${MAX_PEEL_DEPTH} nested annotated tags`);
    const { data } = await client.rest.git.getTag({ owner: repo.owner, repo: repo.repo, tag_sha: object.sha });
    object = data.object;
  }
  if (object.type !== 'commit')
    throw new Error(
      `tag ${tag} of ${repo.owner}/${repo.repo} points at a ${object.type} (${object.sha}), not at a commit`,
    );
  return object.sha;
}

function validateFullSha(sha: string, input: string): string {
  if (FULL_SHA.test(sha)) return sha;
  throw new InputError(input, sha, 'a full commit sha: 40 lowercase hex characters');
}

/** create-ref's first-writer-wins answer: 422 "Reference already exists", with no errors[] code (https://docs.github.com/en/rest/git/refs#create-a-reference). */
function isReferenceExists(err: unknown): boolean {
  return requestStatus(err) === 422 && /reference already exists/i.test(responseMessage(err));
}

async function createTagRef(
  client: GitHubClient,
  repo: RepositoryName,
  tag: string,
  sha: string,
): Promise<'created' | 'exists'> {
  try {
    await client.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref: `refs/tags/${tag}`, sha });
    return 'created';
  } catch (err) {
    if (isReferenceExists(err)) return 'exists';
    throw await explainRefusal(client, err, { repo, action: `creating tag ${tag}`, sha });
  }
}

function tagConflict(repo: RepositoryName, tag: string, existing: string, sha: string): RefusedError {
  return new RefusedError(
    `Tag ${tag} of ${repo.owner}/${repo.repo} already points at commit ${existing}, not at ${sha}: that version was ` +
      `shipped from ${existing}. Nothing was changed. To release commit ${sha}, promote it under a new version ` +
      "(the promotion's version input).",
  );
}

/**
 * The release tag at the shipped commit (README "The promotion workflow": `git checkout vX.Y.Z` is production's
 * code). Read first, so a re-run writes nothing; then create, letting create-ref decide a race
 * (first writer wins, https://docs.github.com/en/rest/git/refs#create-a-reference). A tag at another commit is never moved.
 */
export async function ensureTagRef(
  client: GitHubClient,
  repo: RepositoryName,
  tag: string,
  sha: string,
  logger: Logger = silentLogger,
  opts: { knownAbsent?: boolean } = {},
): Promise<'created' | 'unchanged'> {
  validateFullSha(sha, 'commit');
  // knownAbsent: the caller read it absent moments ago; create-ref's 422 settles a race either way.
  const existing = opts.knownAbsent ? undefined : await getTagRef(client, repo, tag);
  if (existing === sha) {
    logger.debug(`tag ${tag} already points at ${sha}`);
    return 'unchanged';
  }
  if (existing !== undefined) throw tagConflict(repo, tag, existing, sha);
  if ((await createTagRef(client, repo, tag, sha)) === 'created') {
    logger.info(`Created tag ${tag} at ${sha}`);
    return 'created';
  }
  // Another run created it between our read and our write: converge on its answer.
  const winner = await readAfterWrite(`tag ${tag}`, () => getTagRef(client, repo, tag), { logger });
  if (winner === sha) return 'unchanged';
  if (winner === undefined)
    throw new Error(
      `tag ${tag} of ${repo.owner}/${repo.repo}: GitHub said the reference exists, but it cannot be read`,
    );
  throw tagConflict(repo, tag, winner, sha);
}

/**
 * The next-version marker a bump leaves (`v1.2.4-next`). It only announces a version, so one that
 * exists at any commit is left where it is: moving it would change nothing a build reads.
 */
export async function ensureNextVersionTag(
  client: GitHubClient,
  repo: RepositoryName,
  tag: string,
  sha: string,
  logger: Logger = silentLogger,
  opts: { knownAbsent?: boolean } = {},
): Promise<'created' | 'unchanged'> {
  validateFullSha(sha, 'commit');
  const existing = opts.knownAbsent ? undefined : await getTagRef(client, repo, tag);
  if (existing !== undefined) {
    logger.debug(`next-version tag ${tag} already exists at ${existing}`);
    return 'unchanged';
  }
  if ((await createTagRef(client, repo, tag, sha)) === 'exists') return 'unchanged';
  logger.info(`Created next-version tag ${tag} at ${sha}`);
  return 'created';
}
