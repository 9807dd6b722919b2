import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { createGitHubClient, parseRepository } from '../github/client.js';
import { resolveBuildVersion } from '../github/versions.js';

/** The next build version from the repository's tags, read through GitHub's API (no checkout needed). */
export async function resolveRepositoryVersion(opts: {
  token?: string;
  repository?: string;
  apiUrl?: string;
  initialVersion: string;
  suffix?: string;
  logger?: Logger;
}): Promise<string> {
  if (!opts.token) {
    throw new InputError(
      'github-token',
      '',
      'a token that can read the repository (default: github.token), or an explicit version input',
    );
  }
  if (!opts.repository) {
    throw new InputError('repository', '', 'owner/name (GITHUB_REPOSITORY is unset)');
  }
  const { owner, repo } = parseRepository(opts.repository, 'repository');
  const client = createGitHubClient({ token: opts.token, apiUrl: opts.apiUrl, logger: opts.logger });
  return resolveBuildVersion({ client, owner, repo, initialVersion: opts.initialVersion, suffix: opts.suffix });
}
