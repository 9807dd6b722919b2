/**
 * Writes examples/gitops/: the GitOps repository of the examples, as the kit library writes it
 * (`gitops-promote flux --offline` for each application). test/unit/examples.test.ts regenerates it
 * and compares, so the committed example is always what the kit writes today.
 *
 *     npx tsx scripts/examples.ts
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fluxKit, writeKit, type KitFile, type KitOptions } from '../packages/gitops/kit.js';

/** The GitOps repository the automations push to, and the service images of the examples (lower case). */
export const EXAMPLE_GIT_URL = 'ssh://git@github.com/acme/gitops.git';
export const EXAMPLE_APPS: readonly KitOptions[] = [
  { image: 'ghcr.io/acme/backend', name: 'backend', gitUrl: EXAMPLE_GIT_URL },
  { image: 'ghcr.io/acme/frontend', name: 'frontend', gitUrl: EXAMPLE_GIT_URL },
];

export const EXAMPLES_GITOPS = 'examples/gitops';

/** Every application's kit in order; without a registry, each marker starts at its alias tag. */
export function exampleKits(): KitFile[][] {
  return EXAMPLE_APPS.map((app) => fluxKit(app));
}

/** Writes the example GitOps repository below `root` from scratch, as the kit writes it. */
export async function writeExampleGitOps(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  for (const files of exampleKits()) await writeKit(root, files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(new URL('..', import.meta.url)), EXAMPLES_GITOPS);
  await writeExampleGitOps(root);
  console.log(`wrote ${root}`);
}
