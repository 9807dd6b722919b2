import { InputError, RefusedError } from '../common/errors.js';
import type { GitHubClient } from './client.js';
import { requestStatus, responseMessage, type RepositoryName } from './errors.js';
import { COMMIT_PREFIX, FULL_SHA } from '../common/patterns.js';

/**
 * The full 40-hex sha of a (short) commit sha of the repository, through `repos/get-commit`, so a
 * tag's 7-character sha becomes the commit the release tag must point at. A sha the repository
 * does not have (or an ambiguous prefix) is the user's mistake: the source tag names another
 * repository's commit, or the commit was never pushed.
 */
export async function resolveCommit(
  client: GitHubClient,
  repo: RepositoryName,
  shortSha: string,
  input = 'commit',
): Promise<string> {
  const accepted = `a commit of ${repo.owner}/${repo.repo}: 4 to 40 lowercase hex characters`;
  const sha = shortSha.trim().toLowerCase();
  if (!COMMIT_PREFIX.test(sha)) throw new InputError(input, shortSha, accepted);
  let found: string;
  try {
    const { data } = await client.rest.repos.getCommit({ owner: repo.owner, repo: repo.repo, ref: sha });
    found = data.sha;
  } catch (err) {
    const status = requestStatus(err);
    if (status === 404 || status === 422) {
      const detail = errorDetail(err);
      throw new InputError(input, shortSha, accepted, `GitHub answered ${status}${detail ? ` (${detail})` : ''}`);
    }
    if (status === 409)
      throw new InputError(input, shortSha, accepted, `${repo.owner}/${repo.repo} is an empty repository`);
    throw err;
  }
  // `commits/{ref}` also takes branch and tag names; a hex string that is a branch name must not pass.
  if (!FULL_SHA.test(found) || !found.startsWith(sha)) {
    throw new InputError(
      input,
      shortSha,
      accepted,
      `GitHub resolved it to ${found}, which is not a commit starting with it`,
    );
  }
  return found;
}

function errorDetail(err: unknown): string | undefined {
  const data = (err as { response?: { data?: { message?: unknown } } }).response?.data;
  return typeof data?.message === 'string' && data.message ? data.message : undefined;
}

/**
 * Cross-checks the commit a source tag names with the image's `org.opencontainers.image.revision`
 * label (README "The promotion workflow"): an image whose label names another commit was built from other
 * code than its tag claims, so releasing that commit would tag the wrong code. A label that is a
 * prefix of at least 7 characters counts as the same commit.
 */
export function crossCheckRevision(fullSha: string, revisionLabel: string | undefined): 'matched' | 'absent' {
  const label = revisionLabel?.trim().toLowerCase();
  if (!label) return 'absent';
  const sha = fullSha.toLowerCase();
  if (label === sha || (label.length >= 7 && COMMIT_PREFIX.test(label) && sha.startsWith(label))) return 'matched';
  throw new RefusedError(
    `The image's org.opencontainers.image.revision label names commit ${revisionLabel!.trim()}, but its tag names commit ${fullSha}: ` +
      'the image was not built from the commit its tag claims, so no release is made for it. Nothing was changed. ' +
      'Promote an image whose tag and revision label agree, or rebuild it from the intended commit.',
  );
}

/**
 * The sha of the `.github/workflows` tree at `ref` (the default branch when undefined), null when
 * there is none, through `repos/get-content` of `.github` (a directory listing names each entry's
 * object sha: https://docs.github.com/en/rest/repos/contents#get-repository-content).
 */
async function workflowsTree(client: GitHubClient, repo: RepositoryName, ref?: string): Promise<string | null> {
  let data: unknown;
  try {
    ({ data } = await client.rest.repos.getContent({
      owner: repo.owner,
      repo: repo.repo,
      path: '.github',
      ...(ref !== undefined ? { ref } : {}),
    }));
  } catch (err) {
    // "Not Found" is a missing `.github`; "No commit found for the ref …" is not an answer about it.
    if (requestStatus(err) === 404 && !/no commit found/i.test(responseMessage(err))) return null;
    throw err;
  }
  if (!Array.isArray(data)) return null;
  const entry = data.find(
    (e: { name?: unknown; type?: unknown }) => e && e.name === 'workflows' && e.type === 'dir',
  ) as { sha?: unknown } | undefined;
  return typeof entry?.sha === 'string' ? entry.sha : null;
}

/**
 * Whether `.github/workflows` at `commit` differs from the default branch's: then GitHub refuses to
 * create a tag or release there unless the token may modify workflows, which a workflow's
 * GITHUB_TOKEN never may (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release; release-please-action #878,
 * https://github.com/googleapis/release-please-action/issues/878). Git names a tree by its content,
 * so equal tree shas mean equal directories. Undefined when it cannot tell (no access, a fault): a
 * pre-flight can then only warn.
 */
export async function workflowsDiffer(
  client: GitHubClient,
  repo: RepositoryName,
  commit: string,
): Promise<boolean | undefined> {
  try {
    const atCommit = await workflowsTree(client, repo, commit);
    const onDefaultBranch = await workflowsTree(client, repo);
    return atCommit !== onDefaultBranch;
  } catch {
    return undefined;
  }
}

/** How two commits relate: `newer` when `ours` descends from `theirs`, `older` the other way round. */
export type CommitOrder = 'same' | 'newer' | 'older' | 'unknown';

/**
 * The order of two commits of the repository, by walking parents through `repos/get-commit` (which
 * takes a short sha too) at most `limit` commits from each side: builds racing for one environment
 * come from commits a push or two apart. `unknown` when neither reaches the other within the limit
 * (diverged branches, a long gap) or GitHub cannot tell (no access, a fault): a caller then keeps
 * its fallback rule.
 */
export async function commitOrder(
  client: GitHubClient,
  repo: RepositoryName,
  ours: string,
  theirs: string,
  limit = 10,
): Promise<CommitOrder> {
  const a = ours.toLowerCase();
  const b = theirs.toLowerCase();
  if (a.startsWith(b) || b.startsWith(a)) return 'same';
  const reaches = async (from: string, target: string): Promise<boolean> => {
    const queue = [from];
    const seen = new Set<string>();
    while (queue.length > 0 && seen.size < limit) {
      const ref = queue.shift()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const { data } = await client.rest.repos.getCommit({ owner: repo.owner, repo: repo.repo, ref, per_page: 1 });
      for (const parent of data.parents) {
        if (parent.sha.startsWith(target)) return true;
        queue.push(parent.sha);
      }
    }
    return false;
  };
  try {
    if (await reaches(a, b)) return 'newer';
    if (await reaches(b, a)) return 'older';
  } catch {
    // no access or a fault: the order is not known
  }
  return 'unknown';
}
