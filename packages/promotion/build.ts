import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { environmentForBranch, parseBranchMap } from '../tagging/branches.js';
import { formatImageRef, parseImageRef, type ImageRef } from '../tagging/image.js';
import { imageLabels } from '../tagging/labels.js';
import {
  buildTags,
  fluxPattern,
  nextTimestamp,
  validateEnvironment,
  validateSha,
  validateShaLength,
  validateTimestamp,
  validateVersion,
  type BuildTags,
} from '../tagging/tags.js';
import type { RunnerContext } from '../github/context.js';

export interface BuildRequest {
  images: readonly string[];
  environment?: string;
  branchEnvironments: string;
  version?: string;
  sha?: string;
  shaLength?: string | number;
  timestamp?: string;
  initialVersion?: string;
}

/** The I/O a build may need, injected so the action, the CLI and tests choose how (and load it lazily). */
export interface BuildServices {
  nowSeconds(): number;
  /** the next version from the repository's tags (README "Build workflows"); absent = not available */
  resolveVersion?(initialVersion: string): Promise<string>;
  /** the tags of an image's repository; absent or throwing = the registry cannot be read */
  listTags?(image: ImageRef): Promise<string[]>;
  logger?: Logger;
}

export interface BuildResult {
  environment: string;
  version: string;
  versionSource: 'input' | 'repository';
  /** the short sha used in the tags */
  sha: string;
  /** the full commit the build is for, as given */
  commit: string;
  timestamp: number;
  timestampSource: 'input' | 'clock' | 'registry';
  images: string[];
  tags: BuildTags;
  fluxPattern: string;
  labels: Record<string, string>;
}

/** Computes the tags of one build (the README's tag table): all input is checked before any I/O. */
export async function computeBuild(
  req: BuildRequest,
  ctx: RunnerContext,
  services: BuildServices,
): Promise<BuildResult> {
  const logger = services.logger ?? silentLogger;
  const images = req.images.map((i) => parseImageRef(i.trim(), 'images'));
  if (images.length === 0)
    throw new InputError('images', '', 'one image name or more, one a line (e.g. ghcr.io/org/backend)');
  for (const [i, img] of images.entries()) {
    if (img.tag || img.digest) {
      throw new InputError('images', req.images[i], 'image names without a tag or digest (e.g. ghcr.io/org/backend)');
    }
  }
  const environment = req.environment
    ? validateEnvironment(req.environment)
    : environmentForBranch(ctx.branch ?? '', parseBranchMap(req.branchEnvironments));
  const shaLength = validateShaLength(req.shaLength ?? 7);
  const commitInput = req.sha || ctx.sha;
  if (!commitInput) throw new InputError('sha', '', 'a commit sha (7–40 hex characters); GITHUB_SHA is unset');
  const sha = validateSha(commitInput, shaLength);
  const commit = commitInput.toLowerCase();
  const explicitVersion = req.version ? validateVersion(req.version) : undefined;
  const initialVersion = validateVersion(req.initialVersion || '0.0.1', 'initial-version');
  const explicitTs = req.timestamp ? validateTimestamp(req.timestamp) : undefined;

  let version: string;
  let versionSource: BuildResult['versionSource'];
  if (explicitVersion) {
    version = explicitVersion;
    versionSource = 'input';
  } else {
    if (!services.resolveVersion) {
      throw new InputError('version', '', 'an explicit version X.Y.Z, or a github-token to read the release tags');
    }
    version = await services.resolveVersion(initialVersion);
    versionSource = 'repository';
  }

  let timestamp: number;
  let timestampSource: BuildResult['timestampSource'];
  if (explicitTs !== undefined) {
    timestamp = explicitTs;
    timestampSource = 'input';
  } else {
    const now = services.nowSeconds();
    timestamp = now;
    timestampSource = 'clock';
    if (services.listTags) {
      // Flux breaks ties by byte order, not age: a new tag must outrank every tag of its environment.
      for (const image of images) {
        try {
          const next = nextTimestamp(now, await services.listTags(image), environment);
          if (next > timestamp) {
            timestamp = next;
            timestampSource = 'registry';
          }
        } catch (err) {
          logger.warning(
            `could not read the tags of ${formatImageRef(image)} (${err instanceof Error ? err.message : String(err)}); timestamp from the clock`,
          );
        }
      }
    }
  }

  const names = images.map((img) => formatImageRef(img));
  const tags = buildTags({ images: names, env: environment, version, sha, shaLength, ts: timestamp });
  const labels = imageLabels({ version, commit, timestamp, repository: ctx.repository, serverUrl: ctx.serverUrl });
  return {
    environment,
    version,
    versionSource,
    sha,
    commit,
    timestamp,
    timestampSource,
    images: names,
    tags,
    fluxPattern: fluxPattern(environment),
    labels,
  };
}
