import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { computeBuild } from '../../packages/promotion/build.js';
import { formatKeyValues } from '../../packages/tagging/labels.js';
import { startGitHubStandIn, type StandIn } from '../support/github-standin.js';
import { runBundle } from '../support/run-bundle.js';
import { runComposite } from '../support/run-composite.js';
import { repoRoot } from '../support/run-bundle.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const TS = '1738860123';

describe('dist/compute-tags run as the runner runs it', () => {
  let gh: StandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn({ owner: 'acme', repo: 'backend', token: 'ghs_test_token' });
    const c = gh.addCommit();
    for (const t of ['v0.0.9', 'v0.0.10', 'v0.1.0-next', 'v0.0.2']) gh.addTag(t, c);
  });
  afterAll(async () => gh.close());

  it('gives the same outputs as the library for a develop push', async () => {
    const r = await runBundle('compute-tags', {
      inputs: { images: 'ghcr.io/Acme/Backend\nghcr.io/acme/worker', version: 'v1.4.2', timestamp: TS },
      env: { GITHUB_REF: 'refs/heads/develop', GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/backend' },
    });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    const lib = await computeBuild(
      {
        images: ['ghcr.io/Acme/Backend', 'ghcr.io/acme/worker'],
        branchEnvironments: 'develop=develop\nmain=staging',
        version: 'v1.4.2',
        timestamp: TS,
      },
      { eventName: 'push', branch: 'develop', sha: SHA, repository: 'acme/backend', serverUrl: 'https://github.com' },
      { nowSeconds: () => 0 },
    );
    expect(r.outputs.tags).toBe(
      [
        'ghcr.io/acme/backend:develop',
        'ghcr.io/acme/backend:develop-v1.4.2-a1b2c3d-1738860123',
        'ghcr.io/acme/backend:a1b2c3d',
        'ghcr.io/acme/worker:develop',
        'ghcr.io/acme/worker:develop-v1.4.2-a1b2c3d-1738860123',
        'ghcr.io/acme/worker:a1b2c3d',
      ].join('\n'),
    );
    expect(r.outputs.tags).toBe(lib.tags.refs.join('\n'));
    expect(r.outputs.tag).toBe('develop-v1.4.2-a1b2c3d-1738860123');
    expect(r.outputs.version).toBe('1.4.2');
    expect(r.outputs.sha).toBe('a1b2c3d');
    expect(r.outputs.commit).toBe(SHA);
    expect(r.outputs.timestamp).toBe(TS);
    expect(r.outputs.environment).toBe('develop');
    expect(r.outputs['flux-pattern']).toBe('^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$');
    expect(r.outputs.labels).toBe(formatKeyValues(lib.labels));
    expect(r.outputs.labels).toContain(`org.opencontainers.image.revision=${SHA}`);
    // annotation-levels' default: each label on every platform's manifest and on the index
    const labelLines = r.outputs.labels.split('\n');
    expect(r.outputs.annotations).toBe(
      [...labelLines.map((l) => `manifest:${l}`), ...labelLines.map((l) => `index:${l}`)].join('\n'),
    );
    const json = JSON.parse(r.outputs.json);
    expect(json.tags).toEqual(lib.tags.refs);
    expect(json.fluxExtract).toBe('$ts');
    expect(r.summary).toContain('| ghcr.io/acme/backend | `develop-v1.4.2-a1b2c3d-1738860123` |');
  });

  it('reads the version from the repository tags through the API when none is given', async () => {
    const r = await runBundle('compute-tags', {
      inputs: { images: 'ghcr.io/acme/backend', timestamp: TS, 'github-token': 'ghs_test_token' },
      env: {
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: SHA,
        GITHUB_REPOSITORY: 'acme/backend',
        GITHUB_API_URL: gh.url,
      },
    });
    expect(r.errors).toEqual([]);
    // v0.1.0-next outranks the next patch after v0.0.10 (never v0.0.9 + 1: semver, not strings)
    expect(r.outputs.version).toBe('0.1.0');
    expect(r.outputs.tag).toBe(`staging-v0.1.0-a1b2c3d-${TS}`);
    // the token is registered as a secret (the runner then masks it) and printed nowhere else
    const lines = r.stdout.split('\n');
    expect(lines).toContain('::add-mask::ghs_test_token');
    expect(lines.filter((l) => l.includes('ghs_test_token') && !l.startsWith('::add-mask::'))).toEqual([]);
    expect(r.stderr).not.toContain('ghs_test_token');
    expect(gh.violations).toEqual([]);
  });

  it('uses the head commit of a pull request and the head branch for the map', async () => {
    const head = 'ffeeddccbbaa00998877665544332211ffeeddcc';
    const r = await runBundle('compute-tags', {
      inputs: {
        images: 'ghcr.io/acme/backend',
        version: '1.0.0',
        timestamp: TS,
        'branch-environments': 'develop=develop\nfeature-x=preview',
      },
      eventName: 'pull_request',
      event: { pull_request: { head: { sha: head, ref: 'feature-x' }, base: { ref: 'develop' } } },
      env: {
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_SHA: SHA,
        GITHUB_HEAD_REF: 'feature-x',
        GITHUB_BASE_REF: 'develop',
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.outputs.tag).toBe(`preview-v1.0.0-ffeeddc-${TS}`);
    expect(r.outputs.commit).toBe(head);
  });

  it.each([
    [
      { timestamp: '1738860123000' },
      /^gitops-promote\/compute-tags: timestamp: "1738860123000" is not accepted: .*milliseconds/,
    ],
    [{ version: '1.2.3-rc.1' }, /^gitops-promote\/compute-tags: version: "1\.2\.3-rc\.1" is not accepted/],
    [{ environment: 'pre-prod' }, /^gitops-promote\/compute-tags: environment: "pre-prod" is not accepted/],
    [{ sha: 'abc12' }, /^gitops-promote\/compute-tags: sha: "abc12" is not accepted/],
    [{ sha: 'zzzzzzz' }, /^gitops-promote\/compute-tags: sha: "zzzzzzz" is not accepted/],
    [{ 'sha-length': '41' }, /^gitops-promote\/compute-tags: sha-length: "41" is not accepted/],
  ])('fails with one error naming the input for %j', async (bad, message) => {
    const r = await runBundle('compute-tags', {
      inputs: { images: 'ghcr.io/acme/backend', version: '1.0.0', timestamp: TS, ...bad },
      env: { GITHUB_REF: 'refs/heads/develop', GITHUB_SHA: SHA },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(message);
    expect(r.outputs).toEqual({});
  });

  it('fails on an unmapped branch, naming the map', async () => {
    const r = await runBundle('compute-tags', {
      inputs: { images: 'ghcr.io/acme/backend', version: '1.0.0', timestamp: TS },
      env: { GITHUB_REF: 'refs/heads/feature/login', GITHUB_SHA: SHA },
    });
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'gitops-promote/compute-tags: environment: "" is not accepted: branch "feature/login" is not in branch-environments. Accepted: an explicit environment, or a push to a mapped branch (branch-environments: develop=develop, main=staging)',
    ]);
  });
});

describe('the composite action-tag run step by step', () => {
  it('gives the same outputs as the bundle', async () => {
    const inputs = {
      images: 'ghcr.io/Acme/Backend',
      version: '2.0.0',
      timestamp: TS,
      // passed through the composite's env: a dropped one would make its outputs differ from the bundle's
      'annotation-levels': 'index',
      labels: 'org.opencontainers.image.vendor=Acme',
      annotations: 'manifest:com.example.team=core',
    };
    const bundle = await runBundle('compute-tags', {
      inputs,
      env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/backend' },
    });
    const composite = await runComposite(`${repoRoot}/action-tag`, {
      inputs,
      github: { ref: 'refs/heads/main', sha: SHA, repository: 'acme/backend', token: 'ghs_x' },
    });
    expect(composite.code).toBe(0);
    expect(Object.keys(composite.steps)).toEqual(['compute']);
    expect(composite.outputs.digest).toBe('');
    expect(composite.outputs).toEqual(bundle.outputs);
    expect(bundle.outputs.tag).toBe(`staging-v2.0.0-a1b2c3d-${TS}`);
  });

  it('passes inputs through env:, never ${{ }} inside run:', async () => {
    const { findInjection } = await import('../support/run-composite.js');
    expect(findInjection(`${repoRoot}/action-tag`)).toEqual([]);
  });
});
