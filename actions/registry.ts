import { registryClients, type RegistryClientFactory } from '../packages/promotion/registry-clients.js';
import { actionLogger, secret } from './runner.js';

/** The registry credential inputs every action with a registry has (README "Which token works where"). */
export interface RegistryInputs {
  username?: string;
  password?: string;
  registryToken?: string;
  githubToken?: string;
}

/**
 * The registry clients of an action step: its credential inputs, the runner's log, and every
 * secret the clients learn (a helper's answer, a token from the realm) masked before it can print.
 * Import this lazily where the registry is not always needed (compute-tags without `digest`).
 */
export function actionRegistryClients(
  inputs: RegistryInputs,
  opts: { access?: 'pull' | 'push'; budgetMs?: number } = {},
): RegistryClientFactory {
  return registryClients({
    username: inputs.username,
    password: inputs.password,
    registryToken: inputs.registryToken,
    githubToken: inputs.githubToken,
    logger: actionLogger,
    onSecret: (s) => void secret(s),
    ...(opts.access ? { access: opts.access } : {}),
    ...(opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {}),
  });
}
