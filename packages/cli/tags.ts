import { InputError } from '../common/errors.js';
import { tagsJson } from '../promotion/tags-json.js';
import { formatImageRef, parseImageRef } from '../tagging/image.js';
import {
  buildTags,
  validateEnvironment,
  validateSha,
  validateShaLength,
  validateTimestamp,
  validateVersion,
} from '../tagging/tags.js';
import { type CliIO, parseFlags, requireAll } from './io.js';

const ENV = 'an environment name [a-z][a-z0-9]*, e.g. staging';
const VERSION = 'a version X.Y.Z, e.g. 1.4.2';
const SHA = 'a commit sha, 7 to 40 hex characters';

export async function tagsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    env: { type: 'string', accepted: ENV },
    version: { type: 'string', accepted: VERSION },
    sha: { type: 'string', accepted: SHA },
    ts: { type: 'string', accepted: 'Unix time in seconds, e.g. 1738860123' },
    'sha-length': { type: 'string', accepted: 'an integer from 7 to 40' },
    image: { type: 'string', multiple: true, accepted: 'an image name without tag, e.g. ghcr.io/acme/backend' },
    json: { type: 'boolean' },
  });
  requireAll([
    { name: '--env', given: values.env !== undefined, accepted: ENV },
    { name: '--version', given: values.version !== undefined, accepted: VERSION },
    { name: '--sha', given: values.sha !== undefined, accepted: SHA },
  ]);
  const env = validateEnvironment(values.env!, '--env');
  const version = validateVersion(values.version!, '--version');
  const shaLength = validateShaLength(values['sha-length'] ?? 7, '--sha-length');
  const sha = validateSha(values.sha!, shaLength, '--sha');
  const ts = values.ts !== undefined ? validateTimestamp(values.ts, '--ts') : io.nowSeconds();
  const images = (values.image ?? []).map((i) => formatImageRef(parseImageRef(i, '--image')));
  let tags: ReturnType<typeof buildTags>;
  try {
    tags = buildTags({ images, env, version, sha, shaLength, ts });
  } catch (err) {
    // Every part is valid on its own, so a tag too long for OCI comes of a long environment name.
    if (!(err instanceof InputError) || err.input !== 'tag') throw err;
    throw new InputError(
      '--env',
      env,
      `${ENV}, short enough for the immutable tag to fit`,
      `the immutable tag would have ${err.value.length} characters; an OCI tag has at most 128`,
    );
  }
  if (values.json) {
    io.out(JSON.stringify(tagsJson({ environment: env, version, sha, timestamp: ts, tags }), null, 2));
  } else if (images.length) {
    for (const ref of tags.refs) io.out(ref);
  } else {
    io.out(tags.alias);
    io.out(tags.immutable);
    io.out(tags.shaTag);
  }
  return 0;
}
