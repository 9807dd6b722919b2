import { InputError } from '../common/errors.js';
import { selectLatest, validatePolicySpec, type FluxPolicyKind } from '../tagging/flux.js';
import { parseImageRef } from '../tagging/image.js';
import { FLUX_EXTRACT, fluxPattern, validateEnvironment } from '../tagging/tags.js';
import { cliLogger, type CliIO, EXIT_FAILED, githubToken, parseFlags, registryCredentials, UsageError } from './io.js';

const POLICIES: readonly FluxPolicyKind[] = ['numerical', 'alphabetical', 'semver'];

export async function latestCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    pattern: {
      type: 'string',
      accepted: "a Go regular expression, as the ImagePolicy's filterTags.pattern, e.g. '^staging-v'",
    },
    extract: { type: 'string', accepted: "a template of the pattern's groups, as filterTags.extract, e.g. '$ts'" },
    env: { type: 'string' },
    policy: { type: 'string' },
    order: { type: 'string' },
    range: { type: 'string' },
    image: { type: 'string', accepted: 'an image name, e.g. ghcr.io/acme/backend' },
    username: { type: 'string', accepted: 'a registry user name, with --password-stdin' },
    'password-stdin': { type: 'boolean' },
    verbose: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const policy = (values.policy ?? 'numerical') as FluxPolicyKind;
  if (!POLICIES.includes(policy)) throw new InputError('--policy', values.policy ?? '', POLICIES.join(', '));
  validatePolicySpec({ policy, order: values.order, range: values.range }, { order: '--order', range: '--range' });
  let pattern = values.pattern;
  let extract = values.extract;
  if (values.env !== undefined) {
    if (pattern !== undefined) throw new InputError('--env', values.env, 'either --env or --pattern, not both');
    pattern = fluxPattern(validateEnvironment(values.env, '--env'));
    extract ??= FLUX_EXTRACT;
  }
  let tags: string[];
  if (values.image !== undefined) {
    const image = parseImageRef(values.image, '--image');
    const credentials = await registryCredentials(io, values);
    const { listImageTags } = await import('../promotion/image-tags.js');
    tags = await listImageTags(image, {
      ...credentials,
      githubToken: githubToken(io)?.token,
      logger: cliLogger(io, values.verbose, { info: false }),
      env: io.env,
    });
  } else {
    tags = (await io.readStdin())
      .split('\n')
      .map((t) => t.replace(/\r$/, ''))
      .filter((t) => t !== '');
    // Nothing piped in (a terminal, or an empty pipe) is a mistake in the call, not Flux's "empty list".
    if (tags.length === 0) {
      throw new UsageError(
        'no tags on standard input: pipe the tags in, one a line (e.g. crane ls IMAGE | gitops-promote latest …), or give --image to read them from the registry',
      );
    }
  }
  const result = selectLatest(tags, { pattern, extract, policy, order: values.order, range: values.range });
  if (!result.ok) {
    if (values.json) io.out(JSON.stringify({ error: result.error, stalled: result.stalled }));
    io.err(result.error);
    return EXIT_FAILED;
  }
  if (values.json) {
    io.out(JSON.stringify({ tag: result.tag, value: result.value, ties: result.ties }));
  } else {
    io.out(result.tag);
  }
  if (result.ties.length) {
    io.err(
      `warning: tie: ${[result.tag, ...result.ties].join(', ')} have the same value (${result.value}) as different strings; Flux picks among them at random`,
    );
  }
  return 0;
}
