/**
 * actions/runner.ts speaks the runner's protocol through @actions/core's own modules (imported by
 * file, to keep the OIDC client and undici out of the bundles' start-up): these are the modules the
 * package's index exports, and every line and file command is the one @actions/core's public
 * functions write for the same call.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { summary as runnerSummary } from '../../node_modules/@actions/core/lib/summary.js';
import * as runner from '../../actions/runner.js';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import { errorLines, parseOutputFile } from '../support/run-bundle.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actions-runner-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What fn prints on stdout, with process.env extended by env for the call. */
async function printed(fn: () => unknown, env: Record<string, string> = {}): Promise<string> {
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  const write = process.stdout.write;
  const out: string[] = [];
  process.stdout.write = ((chunk: string, ...rest: unknown[]) => {
    out.push(String(chunk));
    rest.find((r): r is () => void => typeof r === 'function')?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    Object.assign(process.env, env);
    await fn();
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
    process.exitCode = savedExit;
  }
  return out.join('');
}

describe('actions/runner.ts on @actions/core', () => {
  it('uses the summary the package exports (the same module instance, not a copy)', () => {
    expect(runnerSummary).toBe(core.summary);
  });

  it.each([
    ['a secret', () => runner.secret('s3cr%t\nline'), () => core.setSecret('s3cr%t\nline')],
    [
      'an annotation with a title',
      () => runner.failStep('t: a, b', 'm%\r\nx'),
      () => core.error('m%\r\nx', { title: 't: a, b' }),
    ],
    ['debug', () => runner.actionLogger.debug('d\n%'), () => core.debug('d\n%')],
    ['a warning', () => runner.actionLogger.warning('w: 1,2'), () => core.warning('w: 1,2')],
    ['info', () => runner.info('plain ::text'), () => core.info('plain ::text')],
    ['a group', () => (runner.startGroup('G: 1'), runner.endGroup()), () => (core.startGroup('G: 1'), core.endGroup())],
  ])('prints %s as @actions/core does', async (_what, ours, theirs) => {
    const a = await printed(ours);
    expect(a).not.toBe('');
    expect(a).toBe(await printed(theirs));
  });

  it.each([
    ['info', (m: string) => runner.info(m)],
    ['the logger', (m: string) => runner.actionLogger.info(m)],
  ])(
    '%s prints a line that would read as a workflow command between ::stop-commands:: and its token',
    async (_what, log) => {
      // The runner trims a line's leading white space before it looks for `::` (actions/runner ActionCommand).
      const message = 'plan for x\n  ::error::forged\r::add-mask::x';
      const out = await printed(() => log(message));
      const m = /^::stop-commands::([0-9a-f-]{36})\n([^]*)\n::\1::\n$/.exec(out);
      expect(m?.[2]).toBe(message);
      const again = await printed(() => log(message));
      expect(again).not.toBe(out); // a token nobody can guess, each time
      expect(await printed(() => log('plain ::text'))).toBe('plain ::text\n');
    },
  );

  it('writes outputs as @actions/core does (heredoc with a random delimiter), objects as JSON', async () => {
    const file = join(dir, 'output');
    writeFileSync(file, '');
    await printed(() => runner.setOutputs({ a: 'x\ny', n: 3, b: false, o: { k: [1] }, skipped: undefined }), {
      GITHUB_OUTPUT: file,
    });
    const ours = readFileSync(file, 'utf8');
    writeFileSync(file, '');
    await printed(() => core.setOutput('a', 'x\ny'), { GITHUB_OUTPUT: file });
    const theirs = readFileSync(file, 'utf8');
    const strip = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]+/g, 'D');
    expect(strip(ours).startsWith(strip(theirs))).toBe(true);
    expect(parseOutputFile(ours)).toEqual({ a: 'x\ny', n: '3', b: 'false', o: '{"k":[1]}' });
  });

  it('refuses to set an output without GITHUB_OUTPUT (core would print the retired ::set-output)', async () => {
    const env = { ...process.env };
    delete process.env.GITHUB_OUTPUT;
    try {
      expect(() => runner.setOutput('a', 'b')).toThrow(
        'GITHUB_OUTPUT is not set: this must run as a GitHub Actions step',
      );
    } finally {
      Object.assign(process.env, env);
    }
  });

  it('appends the summary through core.summary, one line end added, and skips it without GITHUB_STEP_SUMMARY', async () => {
    const file = join(dir, 'summary.md');
    writeFileSync(file, '');
    await printed(() => runner.writeSummary('### A'), { GITHUB_STEP_SUMMARY: file });
    await printed(() => runner.writeSummary('| b |\n'), { GITHUB_STEP_SUMMARY: file });
    expect(readFileSync(file, 'utf8')).toBe('### A\n| b |\n');
    const env = { ...process.env };
    delete process.env.GITHUB_STEP_SUMMARY;
    try {
      await expect(runner.writeSummary('x')).resolves.toBeUndefined();
    } finally {
      Object.assign(process.env, env);
    }
  });

  it('keeps its strict booleans and InputError texts (core.getBooleanInput would throw a TypeError)', async () => {
    const read = (value: string) => printed(() => runner.getBoolean('dry-run', false), { 'INPUT_DRY-RUN': value });
    for (const v of ['true', ' True ', 'TRUE\n']) await expect(read(v)).resolves.toBe('');
    for (const v of ['yes', 'on', '1', 'tru e']) {
      const saved = { ...process.env };
      process.env['INPUT_DRY-RUN'] = v;
      try {
        expect(() => runner.getBoolean('dry-run', false)).toThrow(new InputError('dry-run', v.trim(), 'true or false'));
      } finally {
        for (const key of Object.keys(process.env)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    }
  });

  it('reports user mistakes, refusals and bugs with the same annotations as before, and fails the step', async () => {
    const run = (err: Error) =>
      printed(async () => {
        expect(await runner.runStep('retag', () => Promise.reject(err))).toBe(false);
        expect(process.exitCode).toBe(1);
      });
    const bad = await run(new InputError('tags', 'x y', 'tags'));
    expect(bad).toContain('::error title=gitops-promote/retag%3A bad input::');
    expect(errorLines(bad)).toEqual(['gitops-promote/retag: tags: "x y" is not accepted. Accepted: tags']);
    const refused = await run(new RefusedError('no'));
    expect(refused).toContain('::error title=gitops-promote/retag%3A refused::gitops-promote/retag: no');
    const bug = await run(new TypeError('boom'));
    expect(bug).toMatch(/^::debug::TypeError: boom%0A {4}at /m);
    expect(errorLines(bug)).toEqual(['gitops-promote/retag failed: boom']);
    expect(bug).toContain('::error title=gitops-promote/retag failed::');
  });
});
