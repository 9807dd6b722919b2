import { registryClients, type RegistryClientFactory } from '../packages/promotion/registry-clients.js';
import { parseImageRef } from '../packages/tagging/image.js';
import { actionLogger, secret } from './runner.js';

/** The registry credential inputs every action with a registry has (README "Which token works where"). */
export interface RegistryInputs {
  username?: string;
  password?: string;
  registryToken?: string;
  githubToken?: string;
  /** the target's own credentials (to-username/to-password) when the tags go to another registry */
  toUsername?: string;
  toPassword?: string;
}

/**
 * Which registry each set of explicit credentials is for, when an image goes from `source` to
 * another registry `target`: username/password are the source registry's only, and
 * to-username/to-password the target's; neither crosses to the other. Within one registry (or
 * without a target) username/password apply as they always did.
 */
export function credentialScope(
  inputs: RegistryInputs,
  source: string | undefined,
  target: string | undefined,
): { explicitFor?: string[]; byRegistry?: Record<string, { username?: string; password?: string }> } {
  if (!source || !target || source === target) return {};
  return {
    explicitFor: [source],
    ...(inputs.toUsername || inputs.toPassword
      ? { byRegistry: { [target]: { username: inputs.toUsername, password: inputs.toPassword } } }
      : {}),
  };
}

/**
 * The registry clients of an action step: its credential inputs, the runner's log, and every
 * secret the clients learn (a helper's answer, a token from the realm) masked before it can print.
 * Import this lazily where the registry is not always needed (compute-tags without `digest`).
 */
export function actionRegistryClients(
  inputs: RegistryInputs,
  opts: { access?: 'pull' | 'push'; budgetMs?: number; source?: string; target?: string } = {},
): RegistryClientFactory {
  return registryClients({
    username: inputs.username,
    password: inputs.password,
    ...credentialScope(inputs, opts.source, opts.target),
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    ...(opts.access ? { access: opts.access } : {}),
    ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
  });
}

/**
 * The one source registry and the one other target registry of a copy, for credentialScope, from
 * image references (tags and digests allowed): none when they cannot be told apart that simply (a
 * bad name, which the step reports itself naming its input; several registries on either side,
 * where username and password keep applying everywhere).
 */
export function registriesOf(
  sources: readonly string[],
  targets: readonly (string | undefined)[],
): { source?: string; target?: string } {
  try {
    const registry = (ref: string) => parseImageRef(ref.trim(), 'image').registry;
    const from = new Set(sources.map(registry));
    const to = new Set(targets.flatMap((t) => (t ? [registry(t)] : [])));
    for (const r of from) to.delete(r);
    return from.size === 1 && to.size === 1 ? { source: [...from][0]!, target: [...to][0]! } : {};
  } catch {
    return {};
  }
}

/** The registries of a promotion: its images and their to-images (a release train's included). */
export function promotionRegistries(request: {
  image: string;
  toImage?: string;
  train?: readonly { image: string; toImage?: string }[];
}): { source?: string; target?: string } {
  const members = [request, ...(request.train ?? [])];
  return registriesOf(
    members.map((m) => m.image),
    members.map((m) => m.toImage),
  );
}
