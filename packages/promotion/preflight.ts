import { RefusedError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { RegistryError, RegistryPermissionError, TagImmutableError, type RegistryClient } from '../registry/index.js';
import { targetImageOf, type PromotionPlan } from './plan.js';

/*
 * The proofs a promotion makes before its first write (docs/promotion.md "Order and proof"). Neither
 * leaves anything a person, Flux or a registry listing can see.
 */

/**
 * Push rights, proven the way go-containerregistry's remote.CheckPushPermission does: a blob upload
 * started and cancelled. Registries grant a push-scoped token even when the write will be refused
 * (GHCR: a package not linked to the repository, or a job without `packages: write`), so the token
 * alone proves nothing.
 */
export async function provePushPermission(
  client: RegistryClient,
  repository: string,
  plan: PromotionPlan,
  logger: Logger,
): Promise<void> {
  try {
    await client.checkPushPermission(repository);
    logger.debug(`push rights on ${targetImageOf(plan)} proven (a blob upload started and cancelled)`);
  } catch (err) {
    if (err instanceof RegistryPermissionError) {
      throw new RefusedError(`Refused before any change: ${err.message} Nothing was changed.`);
    }
    throw err;
  }
}

/**
 * Whether the registry lets the alias move: ECR repositories with tag immutability, Harbor
 * immutability rules and Docker Hub immutable tags refuse any PUT to an existing tag, so the alias's
 * current manifest is put back on it (a write that changes nothing). Returns `absent` (nothing to
 * move: a new tag can always be created), `unchanged` (it is the promoted digest already) or
 * `movable`.
 */
export async function proveAliasCanMove(
  client: RegistryClient,
  repository: string,
  plan: PromotionPlan,
  logger: Logger,
  /** another tag that moves like the alias (an extra tag such as `1.4` or `latest`) */
  tag: string = plan.aliasTag,
): Promise<'absent' | 'unchanged' | 'movable'> {
  // One GET by tag gives both the alias's digest and the bytes to put back.
  let current;
  try {
    current = await client.getManifest(repository, tag);
  } catch (err) {
    if (err instanceof RegistryError && err.status === 404) return 'absent';
    throw err;
  }
  const head = current;
  if (head.digest === plan.digest) return 'unchanged';
  try {
    await client.putManifest(repository, tag, current);
  } catch (err) {
    if (err instanceof TagImmutableError) {
      throw new RefusedError(
        `Refused before any change: ${targetImageOf(plan)}:${tag} cannot move from ${head.digest} to ${plan.digest}: ` +
          `${err.message} Nothing was changed. Either promote without moving ${
            tag === plan.aliasTag
              ? 'the alias (action input ' +
                `move-alias: false, CLI --no-move-alias: Flux follows the immutable ${plan.toEnvironment}-v… tags, not the alias)`
              : `it (leave ${tag} out of the extra tags)`
          }, ` +
          `or let the registry move it (ECR: tag mutability IMMUTABLE_WITH_EXCLUSION with ${tag} excluded; ` +
          `Harbor: exclude ${tag} from the immutability rule; Docker Hub: exclude it in the immutable tags settings).`,
      );
    }
    throw err;
  }
  logger.debug(`${targetImageOf(plan)}:${tag} can move (its manifest was put back unchanged)`);
  return 'movable';
}
