import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import {
  fluxKit,
  formatKit,
  kitEnvironments,
  kitPolicy,
  validateGitUrl,
  writeKit,
  type KitOptions,
} from '../gitops/kit.js';
import { selectLatest } from '../tagging/flux.js';
import { parseImageRef } from '../tagging/image.js';
import { type CliIO, parseFlags, registryCredentials, requireAll } from './io.js';

const IMAGE = 'an image name without tag, e.g. ghcr.io/acme/backend';
const NAME = 'the application name, e.g. backend';
const GIT_URL_NEEDED =
  'the URL the automations push to, e.g. ssh://git@github.com/acme/gitops.git (default: the "origin" remote of --out, or of the current folder)';

/** The GitOps checkout's `origin`: the kit is normally run inside the repository the automation writes back to. */
async function originUrl(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['-C', dir, 'remote', 'get-url', 'origin'], {
      timeout: 10_000,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function fluxCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    image: { type: 'string', accepted: IMAGE },
    name: { type: 'string', accepted: NAME },
    namespace: { type: 'string' },
    env: { type: 'string', multiple: true },
    'git-url': { type: 'string' },
    'git-branch': { type: 'string' },
    'git-secret': { type: 'string' },
    'registry-secret': { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    offline: { type: 'boolean' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  // --git-url has a default (the "origin" remote), so it is missing only when there is none.
  const dir = resolve(values.out ?? '.');
  const gitUrl = values['git-url'] ?? (await originUrl(dir));
  if (values.image === undefined || values.name === undefined) {
    requireAll([
      { name: '--image', given: values.image !== undefined, accepted: IMAGE },
      { name: '--name', given: values.name !== undefined, accepted: NAME },
      {
        name: '--git-url',
        given: gitUrl !== undefined,
        accepted: `${GIT_URL_NEEDED}; ${dir} has no git remote "origin"`,
      },
    ]);
  }
  const image = values.image!;
  const name = values.name!;
  if (values.out !== undefined) {
    const info = await stat(values.out).catch(() => undefined);
    if (values.out === '' || (info && !info.isDirectory())) {
      throw new InputError(
        '--out',
        values.out,
        'a folder: the root of the GitOps repository checkout (created if missing)',
        values.out === '' ? 'it is empty' : 'it is not a folder',
      );
    }
  }
  if (gitUrl === undefined) {
    throw new InputError('--git-url', '', GIT_URL_NEEDED, `it is not given, and ${dir} has no git remote "origin"`);
  }
  if (values['git-url'] === undefined) validateGitUrl(gitUrl, 'the "origin" remote (no --git-url given)');
  const options: KitOptions = {
    image,
    name,
    gitUrl,
    ...(values.namespace !== undefined ? { namespace: values.namespace } : {}),
    ...(values.env?.length ? { environments: values.env } : {}),
    ...(values['git-branch'] !== undefined ? { gitBranch: values['git-branch'] } : {}),
    ...(values['git-secret'] !== undefined ? { gitSecret: values['git-secret'] } : {}),
    ...(values['registry-secret'] !== undefined ? { registrySecret: values['registry-secret'] } : {}),
  };
  // Every flag is checked before the registry is asked or a file is written.
  const environments = kitEnvironments(options);

  const currentTags: Record<string, string> = {};
  const warnings: string[] = [];
  if (!values.offline) {
    const ref = parseImageRef(image, '--image');
    // A --username without its password is refused naming --username, as every command does.
    const credentials = await registryCredentials(io, values);
    const logger: Logger = { debug: () => {}, info: () => {}, warning: (m) => io.err(`warning: ${m}`) };
    const { listImageTags } = await import('../promotion/image-tags.js');
    const tags = await listImageTags(ref, {
      ...credentials,
      env: io.env,
      logger,
    });
    for (const env of environments) {
      const pick = selectLatest(tags, kitPolicy(env));
      if (pick.ok) currentTags[env] = pick.tag;
      else
        warnings.push(
          `${env}: the policy picks nothing yet (Flux says "${pick.error}"); its marker starts at the alias tag ${env}`,
        );
    }
  }
  const files = fluxKit({ ...options, currentTags });
  for (const w of warnings) io.err(`warning: ${w}`);

  if (values.out === undefined) {
    if (values.json)
      io.out(JSON.stringify({ files: files.map((f) => ({ path: f.path, content: f.content })) }, null, 2));
    else io.out(formatKit(files).replace(/\n$/, ''));
    return 0;
  }
  const written = await writeKit(values.out, files, { force: values.force ?? false });
  if (values.json) {
    io.out(JSON.stringify({ out: values.out, files: written, tags: currentTags }, null, 2));
  } else {
    for (const w of written) io.out(`${w.state} ${w.path}`);
  }
  return 0;
}
