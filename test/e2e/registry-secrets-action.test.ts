import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle, type BundleResult } from '../support/run-bundle.js';

/**
 * dist/retag as the runner runs it, with hostile credential helpers and a reference holding a
 * password: the secret is in no line the step prints (but the `::add-mask::` command that hides
 * it), and every failure is one `::error::` line, never a crash with a stack trace.
 */

const SECRET = 'hunter2-Sup3r-S3cret-pa55';
const REGISTRY = '127.0.0.1:5999';

let dir: string;
let configDir: string;
let bin: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-secrets-action-'));
  configDir = path.join(dir, 'docker');
  bin = path.join(dir, 'bin');
  await mkdir(configDir);
  await mkdir(bin);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeHelper(name: string, body: string): Promise<void> {
  const file = path.join(bin, `docker-credential-${name}`);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
}
const answer = JSON.stringify({ Username: 'robot', Secret: SECRET });
const env = () => ({ DOCKER_CONFIG: configDir, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });

function expectNoSecret(r: BundleResult): void {
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => !l.startsWith('::add-mask::'));
  for (const line of lines) expect(line).not.toContain(SECRET);
  for (const message of r.errors) expect(message).not.toContain(SECRET);
  expect(r.summary).not.toContain(SECRET);
}

describe('dist/retag with hostile credentials', () => {
  it('a helper that prints its answer and exits non-zero: one ::error:: naming it, without the answer', async () => {
    await writeHelper('leaky', `cat >/dev/null\necho '${answer}'\necho '${answer}' >&2\nexit 3`);
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ credHelpers: { [REGISTRY]: 'leaky' } }));
    const r = await runBundle('retag', {
      inputs: { source: `${REGISTRY}/acme/backend:v1`, tags: 'production' },
      env: { ...env(), RUNNER_DEBUG: '1' },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`docker-credential-leaky failed for ${REGISTRY} with exit code 3`);
    expectNoSecret(r);
  });

  it('a helper that closes its input unread and fails: an ::error::, no EPIPE crash', async () => {
    await writeHelper('deaf', `exec 0<&-\nsleep 0.2\necho '${answer}'\nexit 2`);
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ credsStore: 'deaf' }));
    const r = await runBundle('retag', {
      inputs: { source: `${REGISTRY}/acme/backend:v1`, tags: 'production' },
      env: env(),
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`docker-credential-deaf failed for ${REGISTRY} with exit code 2`);
    expect(r.stderr).not.toContain('EPIPE');
    expectNoSecret(r);
  });

  it('a source with a password in it: refused with the password redacted', async () => {
    const r = await runBundle('retag', {
      inputs: { source: `https://robot:${SECRET}@${REGISTRY}/acme/backend:v1`, tags: 'production' },
    });
    expect(r.code).not.toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`"https://***@${REGISTRY}/acme/backend:v1" is not accepted`);
    expectNoSecret(r);
  });
});
