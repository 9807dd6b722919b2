import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import {
  evaluateCondition,
  evaluateTemplate,
  findInjection,
  runComposite,
  type ExpressionContexts,
} from '../support/run-composite.js';
import { errorLines, inputVariable, parseOutputFile, repoRoot, runBundle } from '../support/run-bundle.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'composite');
const contexts: ExpressionContexts = {
  inputs: { name: 'world', 'dry-run': 'true' },
  github: { ref_name: 'main', event: { inputs: { version: '1.2.3' } } },
  env: { STAGE: 'prod' },
  steps: { plan: { outputs: { tag: 'v1' }, outcome: 'success', conclusion: 'success' } },
  runner: { os: 'Linux' },
};

describe('expressions', () => {
  it('evaluates templates with several expressions, functions and a }} inside a string', () => {
    expect(
      evaluateTemplate("${{ inputs.name }}-${{ github.ref_name }} ${{ format('{0}}}', env.STAGE) }}", contexts),
    ).toBe('world-main prod}');
    expect(
      evaluateTemplate(
        '${{ github.event.inputs.version }} / ${{ steps.plan.outputs.tag }} / ${{ steps.missing.outputs.x }}.',
        contexts,
      ),
    ).toBe('1.2.3 / v1 / .');
    expect(evaluateTemplate("${{ inputs.dry-run == 'true' }}", contexts)).toBe('true');
    expect(evaluateTemplate('no expression', contexts)).toBe('no expression');
    expect(() => evaluateTemplate('${{ inputs.name', contexts)).toThrow('unterminated ${{ in "${{ inputs.name"');
  });

  it('reads if: as success() && (…) unless a status function is named', () => {
    expect(evaluateCondition(undefined, contexts, 'success')).toBe(true);
    expect(evaluateCondition(undefined, contexts, 'failure')).toBe(false);
    expect(evaluateCondition("inputs.name == 'world'", contexts, 'success')).toBe(true);
    expect(evaluateCondition("${{ inputs.name == 'world' }}", contexts, 'failure')).toBe(false);
    expect(evaluateCondition("inputs.name == 'mars'", contexts, 'success')).toBe(false);
    expect(evaluateCondition('failure()', contexts, 'failure')).toBe(true);
    expect(evaluateCondition('${{ always() }}', contexts, 'failure')).toBe(true);
    expect(evaluateCondition('cancelled()', contexts, 'failure')).toBe(false);
  });
});

describe('runComposite', () => {
  it('fills defaults from expressions, passes inputs through env, collects outputs and the summary', async () => {
    const result = await runComposite(join(fixtures, 'greet'), {
      inputs: { name: 'Ada' },
      github: { token: 'ghs_0123456789', ref: 'refs/heads/develop', event_name: 'workflow_dispatch' },
    });
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({
      message: 'Hello, Ada (Ada!)',
      notes: 'line 1\nline 2',
      'token-length': '14',
      channel: 'develop-workflow_dispatch/develop-workflow_dispatch',
      'from-node': 'hi Ada',
    });
    expect(result.summary).toBe('### Greeted Ada\n');
    expect(Object.fromEntries(Object.entries(result.steps).map(([id, s]) => [id, s.outcome]))).toEqual({
      hello: 'success',
      token: 'success',
      export: 'success',
      channel: 'success',
      summary: 'success',
      node: 'success',
    });
  });

  it('skips a step whose if: is false and uses the default of an input not given', async () => {
    const result = await runComposite(join(fixtures, 'greet'), { inputs: { 'skip-summary': 'true' } });
    expect(result.code).toBe(0);
    expect(result.steps.summary).toEqual({ outputs: {}, outcome: 'skipped', conclusion: 'skipped' });
    expect(result.summary).toBe('');
    expect(result.outputs.message).toBe('Hello, world (world!)');
    // github.token defaults to empty, ref_name and event_name to main and push.
    expect(result.outputs['token-length']).toBe('0');
    expect(result.outputs.channel).toBe('main-push/main-push');
  });

  it('stops at a failure, honours continue-on-error and pipefail, and runs failure() and always() steps', async () => {
    const result = await runComposite(join(fixtures, 'failing'));
    expect(result.code).toBe(1);
    expect(Object.fromEntries(Object.entries(result.steps).map(([id, s]) => [id, [s.outcome, s.conclusion]]))).toEqual({
      first: ['success', 'success'],
      pipefail: ['failure', 'success'],
      boom: ['failure', 'failure'],
      after: ['skipped', 'skipped'],
      'on-failure': ['success', 'success'],
      always: ['success', 'success'],
    });
    expect(result.outputs).toEqual({ first: '1', 'boom-outcome': 'failure', cleanup: 'yes' });
    expect(result.errors).toEqual(['boom\nsecond line']);
    expect(result.stdout).not.toContain('never');
  });

  it('refuses a uses: step and an undeclared input', async () => {
    await expect(runComposite(join(fixtures, 'uses'))).rejects.toThrow(/`uses: \.\/sibling` is not supported/);
    await expect(runComposite(join(fixtures, 'greet'), { inputs: { nmae: 'typo' } })).rejects.toThrow(
      `input nmae is not declared in ${join(fixtures, 'greet')}/action.yml`,
    );
  });
});

describe('findInjection', () => {
  it('reports a run: script that contains ${{ and nothing in a composite that uses env:', () => {
    expect(findInjection(join(fixtures, 'injection'))).toEqual([
      { step: 'unsafe', run: 'echo "Hello ${{ inputs.name }}"' },
    ]);
    expect(findInjection(join(fixtures, 'greet'))).toEqual([]);
    expect(findInjection(join(fixtures, 'failing'))).toEqual([]);
  });
});

describe('run-bundle helpers', () => {
  it('parses both GITHUB_OUTPUT forms', () => {
    expect(parseOutputFile('a=1\nb=x=y\nmulti<<ghadelimiter_1\nl1\n\nl3\nghadelimiter_1\nempty<<D\nD\n')).toEqual({
      a: '1',
      b: 'x=y',
      multi: 'l1\n\nl3',
      empty: '',
    });
    expect(() => parseOutputFile('x<<EOF\nvalue\n')).toThrow('GITHUB_OUTPUT: x has no closing delimiter EOF');
  });

  it('names input variables as the runner does and unescapes ::error:: lines', () => {
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
    expect(inputVariable('dry run')).toBe('INPUT_DRY_RUN');
    expect(errorLines('::debug::x\n::error::a%25b%0Ac\n::error file=x.ts,line=1::at file\n')).toEqual([
      'a%b\nc',
      'at file',
    ]);
  });

  it('runs a script as the runner runs a bundle', async () => {
    const bundle = join(fixtures, 'bundle', 'index.mjs');
    const ok = await runBundle('fixture', {
      bundle,
      inputs: { 'image-tag': 'backend:staging' },
      event: { ref: 'refs/heads/main' },
      eventName: 'workflow_dispatch',
      env: { GITHUB_REPOSITORY: 'acme/frontend', GITHUB_TOKEN: 'ghs_job' },
      actionFile: join(fixtures, 'bundle', 'action.yml'),
    });
    expect(ok).toMatchObject({ code: 0, errors: [], summary: '### summary\n' });
    expect(ok.outputs).toEqual({
      'image-tag': 'backend:staging',
      multi: 'one\ntwo',
      token: 'ghs_job',
      plain: 'workflow_dispatch:refs/heads/main',
      context: 'acme/frontend 0123456789abcdef0123456789abcdef01234567 refs/heads/main temp cwd',
    });
    const failed = await runBundle('fixture', {
      bundle,
      inputs: { fail: 'true' },
      actionFile: join(fixtures, 'bundle', 'action.yml'),
    });
    expect(failed.code).toBe(1);
    expect(failed.outputs).toMatchObject({ 'image-tag': 'app:latest', token: '' });
    expect(failed.errors).toEqual(['failed: 100%\nnext line']);
  });
});
