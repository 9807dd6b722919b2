import { findLink } from '../common/link.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { nextBuildVersion } from '../tagging/version.js';
import type { GitHubClient } from './client.js';

const TAG_PREFIX = 'refs/tags/';

/** The next page of a response, from its `Link` header (RFC 8288, parsed by common/link.ts). */
export function nextPageUrl(link: string | undefined): string | undefined {
  return findLink(link, 'next');
}

/**
 * Names of the repository's `v*` tags (`v1.2.3`, `v1.3.0-next`), in API order.
 * Reads `git/matching-refs/tags/v`, not `repos/list-tags`: the latter caps pages at 100 and peers
 * that read one page reused taken versions (mathieudutour/github-tag-action #126). matching-refs
 * answers everything at once today (github/docs #3863), but a `Link` header is followed if one comes.
 * An empty repository (409) has no tags.
 */
export async function listVersionTags(
  client: GitHubClient,
  opts: { owner: string; repo: string; logger?: Logger },
): Promise<string[]> {
  return (await listVersionRefs(client, opts)).map((r) => r.name);
}

/** A `v…` tag ref: its name, and the object it points at (a commit, or an annotated tag object). */
export interface VersionRef {
  name: string;
  sha: string;
  type: string;
}

/** listVersionTags with each ref's object: a promotion reads its release and next-version tags from it. */
export async function listVersionRefs(
  client: GitHubClient,
  opts: { owner: string; repo: string; logger?: Logger },
): Promise<VersionRef[]> {
  const logger = opts.logger ?? silentLogger;
  const names: VersionRef[] = [];
  let response;
  try {
    response = await client.request('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', {
      owner: opts.owner,
      repo: opts.repo,
      ref: 'tags/v',
    });
  } catch (err) {
    if ((err as { status?: number }).status === 409) return [];
    throw err;
  }
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    for (const ref of response.data) {
      if (ref.ref.startsWith(TAG_PREFIX))
        names.push({ name: ref.ref.slice(TAG_PREFIX.length), sha: ref.object.sha, type: ref.object.type });
    }
    const next = nextPageUrl(response.headers.link);
    if (!next || seen.has(next)) break;
    seen.add(next);
    response = (await client.request(`GET ${next}`)) as typeof response;
    logger.debug(`matching-refs tags/v: page ${pages + 1}`);
  }
  // tilework-tech PRs #509/#522: git/refs lists were seen silently capped at 1000.
  if (names.length > 0 && names.length % 1000 === 0) {
    logger.warning(
      `GitHub returned exactly ${names.length} version tags for ${opts.owner}/${opts.repo}; if the list was truncated the version may be too low`,
    );
  }
  return names;
}

/**
 * The version of the next build (SPEC "Versions"): the highest of the patch after the highest release
 * tag, any next-version tag, and the initial version; compared as semver over every tag.
 */
export async function resolveBuildVersion(opts: {
  client: GitHubClient;
  owner: string;
  repo: string;
  initialVersion?: string;
  suffix?: string;
  logger?: Logger;
}): Promise<string> {
  const tags = await listVersionTags(opts.client, { owner: opts.owner, repo: opts.repo, logger: opts.logger });
  return nextBuildVersion({ tags, initialVersion: opts.initialVersion, suffix: opts.suffix });
}
