import { InputError, RefusedError } from '../common/errors.js';

/*
 * GitHub's refusals, worded from what GitHub says: the cause and the way out, with GitHub's own
 * message kept so that a reader can search for it. The client (client.ts) throws Octokit's
 * RequestError; the operations (refs.ts, releases.ts) pass it through explainGitHubRefusal.
 */

export interface RepositoryName {
  owner: string;
  repo: string;
}

/**
 * A rate limit whose wait does not fit in the client's time budget (or that outlasted the retries).
 * Thrown at once, rather than sleeping into a job's timeout, so the run says when to come back.
 */
export class GitHubRateLimitError extends Error {
  /** when GitHub said the limit lifts (for a secondary limit without headers: our estimate) */
  readonly resetAt: Date;
  readonly kind: 'primary' | 'secondary';

  constructor(message: string, resetAt: Date, kind: 'primary' | 'secondary') {
    super(message);
    this.name = 'GitHubRateLimitError';
    this.resetAt = resetAt;
    this.kind = kind;
  }
}

/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
export function requestStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's `message` of an error response, or '' when it has none. */
export function responseMessage(err: unknown): string {
  const data = (err as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  return typeof data?.message === 'string' ? data.message : '';
}

export function responseHeader(err: unknown, name: string): string | undefined {
  const headers = (err as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  const value = headers?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * Every text GitHub put in an error answer: `message`, and each `errors[]` entry's `message` and
 * `code` (the immutable-release refusal names `tag_name` there, not in `message`).
 */
function responseTexts(err: unknown): string {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  const texts: string[] = [];
  if (typeof data === 'string') texts.push(data);
  else if (data && typeof data === 'object') {
    const { message, errors } = data as { message?: unknown; errors?: unknown };
    if (typeof message === 'string') texts.push(message);
    if (Array.isArray(errors))
      for (const e of errors) {
        if (typeof e === 'string') texts.push(e);
        else if (e && typeof e === 'object') {
          for (const key of ['message', 'code', 'field'] as const) {
            const v = (e as Record<string, unknown>)[key];
            if (typeof v === 'string') texts.push(v);
          }
        }
      }
  }
  return texts.join('\n');
}

/** GitHub's words, for a message: `message` and any errors[].message. */
function githubSaid(err: unknown): string {
  const status = requestStatus(err);
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  const parts: string[] = [];
  const message = responseMessage(err);
  if (message) parts.push(message);
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors))
    for (const e of errors) {
      const m = typeof e === 'string' ? e : (e as { message?: unknown } | null)?.message;
      if (typeof m === 'string' && m && !parts.includes(m)) parts.push(m);
    }
  return `GitHub answered ${status}${parts.length ? ` "${parts.join('; ')}"` : ''}`;
}

/**
 * A rate limit answers 403 or 429 too ("Rate limits for the REST API",
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit);
 * the older wording of the secondary limit is "You have triggered an abuse detection mechanism"
 * (earlier octokit/plugin-throttling.js releases matched `/\babuse\b/i` for it;
 * https://github.com/octokit/plugin-throttling.js/blob/main/src/index.ts matches "secondary rate").
 */
export function isRateLimitAnswer(err: unknown): boolean {
  const status = requestStatus(err);
  if (status !== 403 && status !== 429) return false;
  return (
    status === 429 ||
    responseHeader(err, 'x-ratelimit-remaining') === '0' ||
    /rate limit|abuse detection/i.test(responseTexts(err))
  );
}

export interface RefusalContext {
  repo: RepositoryName;
  /** what was being done, for the message: "creating tag v1.2.3" */
  action: string;
  /** the commit the tag or release is for */
  sha: string;
  /**
   * whether `.github/workflows` at `sha` differs from the default branch's (workflowsDiffer in
   * commits.ts); undefined when unknown. A 403/404 is blamed on the workflows permission only
   * when this is not false.
   */
  workflowsDiffer?: boolean;
}

const TAG_RULESET =
  /repository rule violations found|cannot (create|update|delete) ref due to (creations|updates|deletions) being restricted|GH013/i;
const GHES_TAG_PROTECTION = /pre_receive|pre-receive|not authorized to create a tag|protected tag/i;
const IMMUTABLE_TAG = /tag_name was used by an immutable release|immutable release/i;

/**
 * GitHub's 403/404/422 on creating a tag ref or a release, as an error naming the cause and the way
 * out (GitHub's own message included); anything else is returned unchanged. It describes the
 * refusal only: the caller says what it had already done.
 */
export function explainGitHubRefusal(err: unknown, ctx: RefusalContext): unknown {
  const status = requestStatus(err);
  if (status !== 403 && status !== 404 && status !== 422) return err;
  if (isRateLimitAnswer(err)) return err;
  const texts = responseTexts(err);
  const where = `${ctx.repo.owner}/${ctx.repo.repo}`;
  const said = `${githubSaid(err)} to ${ctx.action} at commit ${ctx.sha} in ${where}`;

  // Tag rulesets: "Cannot create ref due to creations being restricted" (GH013), e.g.
  // https://github.com/softprops/action-gh-release/pull/750 and
  // https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
  if (TAG_RULESET.test(texts)) {
    return new RefusedError(
      `${said}: a repository ruleset restricts creating this tag. Add the GitHub App whose token the workflow ` +
        "uses to the ruleset's bypass list (Settings > Rules > Rulesets), or narrow the ruleset so that it does not " +
        'cover the release tags (v*).',
    );
  }
  // Tag protection rules of GitHub Enterprise Server answer from the pre-receive hook
  // (https://docs.github.com/en/enterprise-server@3.12/repositories/managing-your-repositorys-settings-and-features/managing-repository-settings/configuring-tag-protection-rules).
  if (GHES_TAG_PROTECTION.test(texts)) {
    return new RefusedError(
      `${said}: a tag protection rule allows only some roles to create this tag. Ask a repository admin to allow ` +
        'it (or to replace the rule with a ruleset that bypasses the GitHub App the workflow uses), or use a token of ' +
        'a role allowed to create protected tags (admin or maintain).',
    );
  }
  // Immutable releases reserve their tag name for ever, even after deletion
  // (https://docs.github.com/en/code-security/supply-chain-security/understanding-your-software-supply-chain/immutable-releases).
  if (status === 422 && IMMUTABLE_TAG.test(texts)) {
    return new RefusedError(
      `${said}: the tag was used by an immutable release, and GitHub never lets that version be released again, ` +
        "even after the release was deleted. Promote under a new version (the promotion's version input).",
    );
  }
  const accepted = responseHeader(err, 'x-accepted-github-permissions');
  const withHeader = accepted ? ` (x-accepted-github-permissions: ${accepted})` : '';
  const asksWorkflows = accepted ? /workflows?=/i.test(accepted) : undefined;
  const asksContents = accepted ? /contents=/i.test(accepted) : false;
  // "Resource not accessible by integration": the GITHUB_TOKEN lacks a permission the header names
  // (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-not-accessible).
  if (
    (status === 403 || status === 404) &&
    asksContents &&
    !asksWorkflows &&
    (status === 403 || ctx.workflowsDiffer === false)
  ) {
    return new InputError(
      'github-token',
      '',
      'a token with Contents: write: for the GITHUB_TOKEN, `permissions: contents: write` on the job (or the ' +
        'workflow); no App token is needed for this',
      `${said}${withHeader}: the token may not write the repository's contents`,
      { secret: true },
    );
  }
  if (status === 422) return err;
  // The workflows permission: plausible unless we know the commit's workflows equal the default
  // branch's, or GitHub named permissions without it (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release;
  // release-please-action #878; mkb79/Audible PR #882).
  if (asksWorkflows === true || (asksWorkflows === undefined && ctx.workflowsDiffer !== false))
    return explainWorkflowsRefusal(err, ctx);
  return new InputError(
    'github-token',
    '',
    'a token that can read the repository and write its contents: for the GITHUB_TOKEN, `permissions: contents: ' +
      'write` on the job; for a GitHub App or a fine-grained token, access to this repository with Contents: write',
    `${said}${withHeader}: ` +
      (ctx.workflowsDiffer === false
        ? "the commit's .github/workflows equal the default branch's, so the workflows permission is not the cause"
        : 'GitHub did not ask for the workflows permission') +
      '; the token cannot see the repository or may not write its contents',
    { secret: true },
  );
}

/**
 * GitHub refuses to create a tag at a commit that changes `.github/workflows/` relative to the
 * default branch unless the token may modify workflows, and says so with a bare 404 (sometimes 403)
 * (the create-release description, https://docs.github.com/en/rest/releases/releases#create-a-release; https://github.com/googleapis/release-please-action/issues/878).
 * Releasing an older shipped commit is exactly that case, and a workflow's GITHUB_TOKEN can never
 * hold the workflows permission.
 */
function explainWorkflowsRefusal(err: unknown, ctx: RefusalContext): InputError {
  const status = requestStatus(err);
  const message = responseMessage(err);
  const acceptedPermissions = responseHeader(err, 'x-accepted-github-permissions');
  const known = ctx.workflowsDiffer === true;
  const reason =
    `GitHub answered ${status}${message ? ` "${message}"` : ''} to ${ctx.action} at commit ${ctx.sha} in ${ctx.repo.owner}/${ctx.repo.repo}` +
    (acceptedPermissions ? ` (x-accepted-github-permissions: ${acceptedPermissions})` : '') +
    (known
      ? '. The commit changes files under .github/workflows/ relative to the default branch, and GitHub refuses a tag ' +
        'there unless the token is authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is)'
      : '. GitHub answers so when the commit changes files under .github/workflows/ relative to the default branch and the token ' +
        'is not authorised to modify workflows (the GITHUB_TOKEN of a workflow run never is), or when the token lacks ' +
        'contents: write on the repository');
  return new InputError(
    'github-token',
    '',
    'a GitHub App installation token with the Contents: write and Workflows: write permissions, or a personal access ' +
      'token with the workflow scope (fine-grained: Contents and Workflows, read and write)',
    reason,
    { secret: true },
  );
}

/**
 * Replaces every occurrence of the token in an error (its message, stack, cause chain, the
 * response's data) with `***`, in place, and returns it: an API or a proxy that echoes the
 * Authorization header in its answer must not put the token on the terminal or in a log.
 */
export function redactSecret<T>(err: T, secret: string): T {
  if (!secret) return err;
  const forms = [...new Set([secret, encodeURIComponent(secret)])].filter((f) => f.length >= 4);
  const scrub = (text: string): string => forms.reduce((t, f) => t.split(f).join('***'), text);
  const seen = new Set<unknown>();
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (!node || typeof node !== 'object' || seen.has(node) || depth > 8) return node;
    if (node instanceof ArrayBuffer || ArrayBuffer.isView(node)) return node;
    seen.add(node);
    if (node instanceof Error) {
      // V8 may keep `stack` as an accessor, which the loop below skips; it repeats the message.
      try {
        if (typeof node.stack === 'string') node.stack = scrub(node.stack);
      } catch {
        // a read-only stack stays as it is
      }
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = walk(node[i], depth + 1);
      return node;
    }
    for (const key of Object.getOwnPropertyNames(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (!descriptor || !('value' in descriptor) || !descriptor.writable) continue;
      const value = descriptor.value;
      if (typeof value === 'function') continue;
      const next = walk(value, depth + 1);
      if (next !== value) (node as Record<string, unknown>)[key] = next;
    }
    return node;
  };
  return walk(err, 0) as T;
}
