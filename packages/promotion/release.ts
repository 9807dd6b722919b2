import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { GitHubClient } from '../github/client.js';
import type { Lineage } from '../github/lineage.js';
import { ensureTagRef, type RepositoryName } from '../github/refs.js';
import {
  ensureRelease,
  findReleaseByTag,
  recordDelivery,
  type EnsuredRelease,
  type EnsureReleaseOptions,
  type MakeLatest,
} from '../github/releases.js';
import { listVersionTags } from '../github/versions.js';

export interface ReleaseShipmentOptions {
  repository: RepositoryName;
  version: string;
  commit: string;
  lineage: Lineage;
  /** a rollback: a published release of this version is reused, only the rollback's delivery added to its lineage */
  keepExisting?: boolean;
  generateNotes?: boolean;
  makeLatest?: MakeLatest;
  /** the repository's version tags, when the caller read them already */
  releaseTags?: readonly string[];
  /** what the caller knows already (see EnsureReleaseOptions.known) */
  known?: EnsureReleaseOptions['known'];
  readBack?: boolean;
}

/**
 * Step 3 of a promotion: the tag ref vX.Y.Z at the shipped commit, then the release with lineage.
 * A rollback ships nothing new, so it keeps the release of the first promotion as it is and only
 * adds its delivery to the lineage's record (with `make_latest` as `auto` decides it, so that the
 * write cannot make an older release GitHub's latest).
 */
export async function releaseShipment(
  github: GitHubClient,
  opts: ReleaseShipmentOptions,
  logger: Logger = silentLogger,
): Promise<EnsuredRelease> {
  const tagName = `v${opts.version}`;
  if (opts.keepExisting) {
    const tag = opts.known?.tag ?? (await ensureTagRef(github, opts.repository, tagName, opts.commit, logger));
    const release =
      opts.known?.release !== undefined
        ? (opts.known.release ?? undefined)
        : await findReleaseByTag(github, opts.repository, tagName, logger);
    const delivery = opts.lineage.deliveries?.at(-1);
    if (release && !release.draft) {
      if (!delivery) {
        logger.info(`Rollback: the release ${tagName} is reused as it is (${release.html_url})`);
        return {
          release: { id: release.id, html_url: release.html_url, tag_name: release.tag_name },
          state: 'unchanged',
          tag,
        };
      }
      // The release is reused; the rollback's delivery (who, when, which run) is added to its record.
      const releaseTags = opts.releaseTags ?? (await listVersionTags(github, { ...opts.repository, logger }));
      return {
        ...(await recordDelivery(
          github,
          opts.repository,
          release,
          { lineage: opts.lineage, delivery, releaseTags },
          logger,
        )),
        tag,
      };
    }
  }
  return ensureRelease(
    github,
    opts.repository,
    {
      version: opts.version,
      commit: opts.commit,
      lineage: opts.lineage,
      releaseTags: opts.releaseTags ?? (await listVersionTags(github, { ...opts.repository, logger })),
      ...(opts.known ? { known: opts.known } : {}),
      ...(opts.readBack !== undefined ? { readBack: opts.readBack } : {}),
      ...(opts.generateNotes !== undefined ? { generateNotes: opts.generateNotes } : {}),
      ...(opts.makeLatest !== undefined ? { makeLatest: opts.makeLatest } : {}),
    },
    logger,
  );
}
