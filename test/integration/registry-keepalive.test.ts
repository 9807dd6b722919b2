import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { repoRoot } from '../support/run-bundle.js';

/*
 * A process that uses the library ends when its work does: every answer is read to its end, so no
 * keep-alive socket stays tied to an answer and holds the event loop open. Distribution never
 * closes an idle connection, so an unread HEAD answer kept such a process alive for good.
 */

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
});
afterAll(async () => {
  await reg?.stop();
});

it('exits once its HEAD and GET requests are answered, against a registry that keeps idle connections open', async () => {
  const script = `
    import { RegistryClient } from ${JSON.stringify(join(repoRoot, 'packages/registry/client.ts'))};
    const c = new RegistryClient(${JSON.stringify(reg.host)});
    const missing = await c.hasBlob('keepalive/app', 'sha256:${'0'.repeat(64)}');
    const head = await c.headManifest('keepalive/app', 'nothing');
    const tags = await c.listTags('keepalive/app');
    console.log(JSON.stringify({ missing, head: head ?? null, tags, requests: c.requestCount }));
  `;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  expect({ code, signal, err: err.slice(0, 500) }).toEqual({ code: 0, signal: null, err: '' });
  expect(JSON.parse(out)).toEqual({ missing: false, head: null, tags: [], requests: 3 });
  // tsx compiles on start; the requests take milliseconds. Hanging on a socket would reach the kill.
  expect(Date.now() - started).toBeLessThan(20_000);
});
