import { errorMessage } from '../common/errors.js';
import { silentLogger, type Logger } from '../common/logger.js';
import type { RepositoryFacts } from '../tagging/labels.js';
import { createGitHubClient, parseRepository, type GitHubClient, type GitHubRetryPolicy } from './client.js';
import { requestStatus, responseMessage } from './errors.js';

/**
 * The repository's description and license, for the image's `org.opencontainers.image.description`
 * and `.licenses`, from "Get a repository" (https://docs.github.com/en/rest/repos/repos#get-a-repository:
 * `description`, `license.spdx_id`). A workflow's GITHUB_TOKEN can always read it (the metadata
 * permission every token has); an App token for another repository may not.
 */
export async function getRepositoryFacts(client: GitHubClient, owner: string, repo: string): Promise<RepositoryFacts> {
  const { data } = await client.rest.repos.get({ owner, repo });
  return { description: data.description ?? null, spdxId: data.license?.spdx_id ?? null };
}

/**
 * A best-effort read: metadata must never fail a build, nor hold it up. One retry, a short budget
 * (a rate limit that asks for a minute is given up at once), and any failure (401, 403, 404, the
 * network, a limit) is one log line and `undefined`.
 */
const BEST_EFFORT: GitHubRetryPolicy = { retries: 1, baseMs: 250, maxMs: 1000, maxRetryAfterMs: 2000 };
const BUDGET_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;

export async function readRepositoryFacts(opts: {
  token?: string;
  repository?: string;
  apiUrl?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<RepositoryFacts | undefined> {
  const logger = opts.logger ?? silentLogger;
  if (!opts.token || !opts.repository) {
    logger.debug(
      `description and licenses: not read (${opts.token ? 'GITHUB_REPOSITORY is unset' : 'no github-token'})`,
    );
    return undefined;
  }
  try {
    const { owner, repo } = parseRepository(opts.repository);
    const client = createGitHubClient({
      token: opts.token,
      apiUrl: opts.apiUrl,
      logger,
      retryPolicy: BEST_EFFORT,
      budgetMs: BUDGET_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      ...(opts.env ? { env: opts.env } : {}),
    });
    return await getRepositoryFacts(client, owner, repo);
  } catch (err) {
    const status = requestStatus(err);
    const why =
      status === undefined || status === 500
        ? errorMessage(err)
        : `HTTP ${status}${responseMessage(err) ? `: ${responseMessage(err)}` : ''}`;
    logger.info(
      `The labels and annotations go without org.opencontainers.image.description and .licenses: ` +
        `${opts.repository} could not be read with github-token (${why}). Set them with the labels and annotations inputs.`,
    );
    logger.debug(`GET /repos/${opts.repository}: ${errorMessage(err)}`);
    return undefined;
  }
}
