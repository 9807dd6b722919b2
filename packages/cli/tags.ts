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
import { type CliIO, parseFlags, requireFlag } from './io.js';

export async function tagsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags(argv, {
    env: { type: 'string' },
    version: { type: 'string' },
    sha: { type: 'string' },
    ts: { type: 'string' },
    'sha-length': { type: 'string' },
    image: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const env = validateEnvironment(requireFlag(values.env, '--env', 'an environment name [a-z][a-z0-9]*'), '--env');
  const version = validateVersion(requireFlag(values.version, '--version', 'a version X.Y.Z'), '--version');
  const shaLength = validateShaLength(values['sha-length'] ?? 7, '--sha-length');
  const sha = validateSha(requireFlag(values.sha, '--sha', 'a commit sha, 7 to 40 hex characters'), shaLength, '--sha');
  const ts = values.ts !== undefined ? validateTimestamp(values.ts, '--ts') : io.nowSeconds();
  const images = (values.image ?? []).map((i) => formatImageRef(parseImageRef(i, '--image')));
  const tags = buildTags({ images, env, version, sha, shaLength, ts });
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
