import { InputError, errorMessage } from '../common/errors.js';
import type { GitHubClient } from '../github/client.js';
import { resolveCommit } from '../github/commits.js';
import { formatImageRef, parseImageRef } from '../tagging/image.js';
import { parseImmutableTag, validateEnvironment } from '../tagging/tags.js';
import { fluxPick } from './plan.js';
import type { RegistryClientFactory } from './registry-clients.js';

export interface EnvironmentStatus {
  environment: string;
  /** the tag the environment's Flux policy picks now */
  tag?: string;
  digest?: string;
  /** `X.Y.Z` */
  version?: string;
  /** the full commit when GitHub was asked, else the tag's short sha */
  commit?: string;
  /** when the picked tag was made (its `ts`), ISO 8601 UTC */
  taggedAt?: string;
  /** why the policy picks nothing, in words, or why the digest or commit could not be read */
  error?: string;
  /** Flux's own error text when its policy picks nothing (what the ImagePolicy's status shows) */
  fluxError?: string;
  /** other tags Flux could equally pick (its choice among them is random) */
  ties: string[];
  /**
   * The environment's moving alias (`production`) when it exists: its digest, and `drift` set when
   * it points elsewhere than the pick (a promotion that stopped between the two, a hand-made
   * retag, or `move-alias: false`).
   */
  alias?: { tag: string; digest: string; drift: boolean };
}

/**
 * Per environment: what its Flux policy picks now among the image's tags, and what that is (digest,
 * version, commit, when it was tagged), and where the environment's alias points. One tag listing
 * serves every environment; a repository the registry does not know is an error, not "no tags".
 */
export async function environmentStatus(
  image: string,
  environments: readonly string[],
  services: { clients: RegistryClientFactory; github?: GitHubClient; repository?: { owner: string; repo: string } },
): Promise<EnvironmentStatus[]> {
  const ref = parseImageRef(image.trim(), 'image');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError('image', image, 'an image name without tag or digest, e.g. ghcr.io/acme/backend');
  }
  const envs = environments.map((e) => validateEnvironment(e.trim(), 'environments'));
  if (envs.length === 0) throw new InputError('environments', '', 'one environment or more, e.g. staging, production');
  const registry = await services.clients(ref.registry);
  // A mistyped image is not an empty one: the registry's 404 is an error here.
  const tags = await registry.listTags(ref.repository, { absent: 'error' });
  const image_ = formatImageRef(ref);
  return Promise.all(
    envs.map(async (environment): Promise<EnvironmentStatus> => {
      const pick = fluxPick(tags, environment);
      if (!pick.ok) {
        const mine = tags.filter((t) => parseImmutableTag(t)?.env === environment).length;
        const error =
          mine === 0
            ? `no ${environment}-v… tag among the ${tags.length} tags of ${image_}: nothing was built or promoted to ${environment}, or the environment name is wrong`
            : `Flux's policy for ${environment} fails: ${pick.error}`;
        return { environment, error, fluxError: pick.error, ties: [] };
      }
      const parsed = parseImmutableTag(pick.tag)!;
      const status: EnvironmentStatus = {
        environment,
        tag: pick.tag,
        version: parsed.version,
        commit: parsed.sha,
        taggedAt: tagTime(parsed.ts),
        ties: pick.ties,
      };
      try {
        // The alias is read beside the pick, when the list has one; a failure to read it is no drift.
        const [head, alias] = await Promise.all([
          registry.headManifest(ref.repository, pick.tag),
          tags.includes(environment)
            ? registry.headManifest(ref.repository, environment).catch(() => undefined)
            : undefined,
        ]);
        if (head) status.digest = head.digest;
        else status.error = `${image_}:${pick.tag} is listed but not found`;
        if (alias) status.alias = { tag: environment, digest: alias.digest, drift: alias.digest !== status.digest };
        if (services.github && services.repository) {
          status.commit = await resolveCommit(services.github, services.repository, parsed.sha, 'commit');
        }
      } catch (err) {
        status.error = errorMessage(err);
      }
      return status;
    }),
  );
}

/** A tag's `ts` (Unix seconds; milliseconds in tags some tools write) as ISO 8601 UTC. */
function tagTime(ts: number): string | undefined {
  const ms = ts >= 1e11 ? ts : ts * 1000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
