import { InputError } from '../common/errors.js';
import { validateEnvironment } from './tags.js';

/** The default branch → environment map of the release model (README "Build workflows"). */
export const DEFAULT_BRANCH_ENVIRONMENTS = 'develop=develop\nmain=staging';

/** Parses `branch=environment` pairs, one a line or comma-separated. */
export function parseBranchMap(text: string, input = 'branch-environments'): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/[\n,]/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const branch = eq > 0 ? line.slice(0, eq).trim() : '';
    const env = eq > 0 ? line.slice(eq + 1).trim() : '';
    if (!branch || !env) {
      throw new InputError(input, line, 'lines of the form branch=environment, e.g. "main=staging"');
    }
    map.set(branch, validateEnvironment(env, input));
  }
  return map;
}

/** The environment a branch builds for; an unmapped branch is an error that names the map. */
export function environmentForBranch(branch: string, map: Map<string, string>, input = 'environment'): string {
  const env = map.get(branch);
  if (env) return env;
  const known = [...map].map(([b, e]) => `${b}=${e}`).join(', ') || '(empty)';
  throw new InputError(
    input,
    '',
    `an explicit environment, or a push to a mapped branch (branch-environments: ${known})`,
    `branch "${branch}" is not in branch-environments`,
  );
}
