/**
 * packages/common/patterns.ts holds the sha, digest and tag shapes once; this checks what each
 * accepts and that no copy of them is written again in packages/ or actions/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  COMMIT_PREFIX,
  DIGEST,
  DIGEST_REFERENCE,
  FULL_SHA,
  SHA256_DIGEST,
  SHA256_HEX,
  TAG,
} from '../../packages/common/patterns.js';
import { repoRoot } from '../support/run-bundle.js';

const sha1 = '0123456789abcdef0123456789abcdef01234567';
const hex64 = 'a'.repeat(64);
const hex128 = 'b'.repeat(128);

describe('patterns', () => {
  it.each([
    [FULL_SHA, [sha1], [sha1.toUpperCase(), sha1.slice(1), `${sha1}0`, ` ${sha1}`, hex64]],
    [COMMIT_PREFIX, ['abcd', sha1.slice(0, 7), sha1], ['abc', `${sha1}0`, 'ABCDEF0', 'abcdefg']],
    [
      DIGEST,
      [`sha256:${hex64}`, `sha512:${hex128}`],
      [`sha256:${hex64.slice(1)}`, `sha512:${hex64}`, `sha256:${hex64.toUpperCase()}`, hex64, `sha384:${hex64}`],
    ],
    [SHA256_DIGEST, [`sha256:${hex64}`], [`sha512:${hex128}`, `sha256:${hex64}0`, hex64]],
    [SHA256_HEX, [hex64], [`sha256:${hex64}`, hex64.slice(1)]],
    [
      DIGEST_REFERENCE,
      [`sha256:${hex64}`, 'sha256:ab', `sha512:${hex128}`],
      ['latest', 'sha256:', 'md5:ab', 'sha256:AB'],
    ],
    [TAG, ['latest', '_x', 'A.b-c_1', 'v'.repeat(128)], ['', '.x', '-x', 'a:b', 'v'.repeat(129), 'a b', 'é']],
  ])('%s accepts and refuses', (pattern, accepted, refused) => {
    for (const v of accepted) expect([v, pattern.test(v)]).toEqual([v, true]);
    for (const v of refused) expect([v, pattern.test(v)]).toEqual([v, false]);
  });

  it('is the only place in packages/ and actions/ that writes a full-sha, digest or tag pattern', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(repoRoot, 'packages'));
    walk(join(repoRoot, 'actions'));
    const copies = files
      .filter((f) => !f.endsWith(join('common', 'patterns.ts')))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [`${relative(repoRoot, f)}:${i + 1}`, line] as const)
          // a RegExp literal or constructor holding one of the quantifiers (messages may quote them)
          .filter(([, line]) => /(\/\^|RegExp\().*(\{40\}|\{4,40\}|\{64\}|\{128\}|\{0,127\})/.test(line)),
      );
    expect(copies).toEqual([]);
  });
});
