import type { Logger } from '../common/logger.js';
import type { ImageRef } from '../tagging/image.js';
import { registryClients, type RegistryClientFactory } from './registry-clients.js';

/**
 * Every tag of an image's repository, with the credentials the README's order finds: pass `clients`
 * to share one client (and its token cache) across images, or the credentials to make one.
 */
export async function listImageTags(
  image: ImageRef,
  opts: {
    username?: string;
    password?: string;
    registryToken?: string;
    githubToken?: string;
    logger?: Logger;
    onSecret?: (s: string) => void;
    env?: NodeJS.ProcessEnv;
    clients?: RegistryClientFactory;
  } = {},
): Promise<string[]> {
  const clients = opts.clients ?? registryClients(opts);
  const client = await clients(image.registry);
  return client.listTags(image.repository);
}
