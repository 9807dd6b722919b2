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
  /** Flux's error when its policy picks nothing, or why the digest or commit could not be read */
  error?: string;
  /** other tags Flux could equally pick (its choice among them is random) */
  ties: string[];
}

/**
 * Per environment: what its Flux policy picks now among the image's tags, and what that is (digest,
 * version, commit). One tag listing serves every environment.
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
  const tags = await registry.listTags(ref.repository);
  const out: EnvironmentStatus[] = [];
  for (const environment of envs) {
    const pick = fluxPick(tags, environment);
    if (!pick.ok) {
      out.push({ environment, error: pick.error, ties: [] });
      continue;
    }
    const status: EnvironmentStatus = { environment, tag: pick.tag, ties: pick.ties };
    const parsed = parseImmutableTag(pick.tag)!;
    status.version = parsed.version;
    status.commit = parsed.sha;
    try {
      const head = await registry.headManifest(ref.repository, pick.tag);
      if (head) status.digest = head.digest;
      else status.error = `${formatImageRef(ref)}:${pick.tag} is listed but not found`;
      if (services.github && services.repository) {
        status.commit = await resolveCommit(services.github, services.repository, parsed.sha, 'commit');
      }
    } catch (err) {
      status.error = errorMessage(err);
    }
    out.push(status);
  }
  return out;
}
