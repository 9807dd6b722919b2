import type { Logger } from '../common/logger.js';
import { RegistryClient, resolveCredentials } from '../registry/index.js';
import type { ImageRef } from '../tagging/image.js';

/** Every tag of an image's repository, with the credentials SPEC.md's order finds. */
export async function listImageTags(
  image: ImageRef,
  opts: { username?: string; password?: string; githubToken?: string; logger?: Logger; onSecret?: (s: string) => void; env?: NodeJS.ProcessEnv },
): Promise<string[]> {
  const env = { ...(opts.env ?? process.env) };
  if (opts.githubToken && !env.GITHUB_TOKEN) env.GITHUB_TOKEN = opts.githubToken;
  const credentials = await resolveCredentials({
    registry: image.registry,
    username: opts.username,
    password: opts.password,
    env,
    logger: opts.logger,
  });
  const client = new RegistryClient(image.registry, { credentials, logger: opts.logger, onSecret: opts.onSecret });
  return client.listTags(image.repository);
}
