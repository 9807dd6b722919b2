import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, RefusedError } from '../../packages/common/errors.js';
import {
  fluxKit,
  kitPolicy,
  setterMarker,
  validateGitUrl,
  writeKit,
  type KitOptions,
} from '../../packages/gitops/kit.js';
import { parseManifests } from '../../packages/gitops/manifests.js';
import { verifyManifests } from '../../packages/gitops/verify.js';
import { selectLatest } from '../../packages/tagging/flux.js';
import { FLUX_EXTRACT, fluxPattern, formatImmutableTag } from '../../packages/tagging/tags.js';

const BASE: KitOptions = {
  image: 'ghcr.io/Acme/Backend',
  name: 'backend',
  gitUrl: 'ssh://git@github.com/acme/gitops.git',
};

function manifestsOf(files: ReturnType<typeof fluxKit>) {
  const all = { repositories: [], policies: [], automations: [], markers: [], problems: [] } as ReturnType<
    typeof parseManifests
  >;
  for (const f of files) {
    const m = parseManifests(f.content, f.path);
    all.repositories.push(...m.repositories);
    all.policies.push(...m.policies);
    all.automations.push(...m.automations);
    all.markers.push(...m.markers);
    all.problems.push(...m.problems);
  }
  return all;
}

describe('fluxKit', () => {
  it('writes the layout: bootstrap objects once, four files per environment, the base scaffold', () => {
    expect(fluxKit(BASE).map((f) => `${f.mode} ${f.path}`)).toEqual([
      'managed flux/bootstrap/infrastructure/image-automation/image-repository-backend.yaml',
      'managed flux/bootstrap/infrastructure/image-automation/git-repository.yaml',
      'kustomization flux/bootstrap/infrastructure/image-automation/kustomization.yaml',
      'scaffold flux/apps/backend/base/deployment.yaml',
      'kustomization flux/apps/backend/base/kustomization.yaml',
      ...['develop', 'staging', 'production'].flatMap((env) => [
        `managed flux/apps/backend/${env}/image-policy.yaml`,
        `managed flux/apps/backend/${env}/image-update-automation.yaml`,
        `managed flux/apps/backend/${env}/deployment-image.yaml`,
        `kustomization flux/apps/backend/${env}/kustomization.yaml`,
      ]),
    ]);
  });

  it('writes v1 objects whose policies read back as the tagging library patterns', () => {
    const m = manifestsOf(fluxKit({ ...BASE, namespace: 'images', registrySecret: 'ghcr-pull' }));
    expect(m.problems).toEqual([]);
    expect(m.repositories.map((r) => [r.apiVersion, r.name, r.namespace, r.image])).toEqual([
      ['image.toolkit.fluxcd.io/v1', 'backend', 'images', 'ghcr.io/acme/backend'],
    ]);
    expect(m.policies.map((p) => [p.apiVersion, p.name, p.filterTags, p.policy])).toEqual(
      ['develop', 'staging', 'production'].map((env) => [
        'image.toolkit.fluxcd.io/v1',
        `backend-${env}`,
        { pattern: fluxPattern(env), extract: FLUX_EXTRACT },
        { kind: 'numerical', order: 'asc' },
      ]),
    );
    expect(m.automations.map((a) => [a.apiVersion, a.name, a.path, a.policySelector])).toEqual(
      ['develop', 'staging', 'production'].map((env) => [
        'image.toolkit.fluxcd.io/v1',
        `backend-${env}`,
        `flux/apps/backend/${env}`,
        { matchLabels: { 'app.kubernetes.io/name': 'backend', 'gitops-promote/environment': env } },
      ]),
    );
    expect(m.markers.map((k) => [k.at.file, k.setter, k.value])).toEqual(
      ['develop', 'staging', 'production'].map((env) => [
        `flux/apps/backend/${env}/deployment-image.yaml`,
        `images:backend-${env}`,
        `ghcr.io/acme/backend:${env}`,
      ]),
    );
    const repository = fluxKit({ ...BASE, registrySecret: 'ghcr-pull' })[0]!.content;
    expect(repository).toContain('  secretRef:\n    name: ghcr-pull\n');
  });

  it('writes the setter marker as image-automation-controller documents it', () => {
    expect(setterMarker('flux-system', 'backend-production')).toBe(
      '{"$imagepolicy": "flux-system:backend-production"}',
    );
    const patch = fluxKit({ ...BASE, currentTags: { staging: 'staging-v1.0.0-abcdef0-1738860123' } }).find(
      (f) => f.path === 'flux/apps/backend/staging/deployment-image.yaml',
    )!;
    expect(patch.content).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  template:
    spec:
      containers:
        - name: backend
          image: ghcr.io/acme/backend:staging-v1.0.0-abcdef0-1738860123 # {"$imagepolicy": "flux-system:backend-staging"}
`);
  });

  it('property: for any environment, the policy read back picks as kitPolicy picks, and verify agrees with a marker at the pick', async () => {
    const env = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
    const tsList = fc.uniqueArray(fc.integer({ min: 1_000_000_000, max: 9_999_999_999 }), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(env, tsList, async (e, stamps) => {
        const tags = stamps.map((ts, i) => formatImmutableTag({ env: e, version: `1.0.${i}`, sha: 'abcdef0', ts }));
        tags.push(`${e}x-v1.0.0-abcdef0-9999999999`, e);
        const pick = selectLatest(tags, kitPolicy(e));
        expect(pick.ok).toBe(true);
        if (!pick.ok) return;
        const files = fluxKit({ ...BASE, environments: [e], currentTags: { [e]: pick.tag } });
        const m = manifestsOf(files);
        const read = m.policies[0]!;
        const again = selectLatest(tags, {
          pattern: read.filterTags!.pattern,
          extract: read.filterTags!.extract,
          policy: 'numerical',
          order: 'asc',
        });
        expect(again).toEqual(pick);
        const report = await verifyManifests(m, 'ghcr.io/acme/backend', tags, async () => 'sha256:' + '0'.repeat(64));
        expect(report.drift).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses bad options naming the flag, the value and what is accepted', () => {
    const cases: [Partial<KitOptions>, string][] = [
      [{ name: '' }, '--name: "" is not accepted: it is empty.'],
      [{ name: 'back_end' }, '--name: "back_end" is not accepted. Accepted: lowercase letters'],
      [{ name: 'a'.repeat(53) }, `--name: "${'a'.repeat(53)}" is not accepted: it has 53 characters.`],
      [{ namespace: 'Flux' }, '--namespace: "Flux" is not accepted: it has upper-case letters.'],
      [{ environments: ['pro-d'] }, '--env: "pro-d" is not accepted: it contains "-"'],
      [
        { image: 'ghcr.io/acme/backend:1.0' },
        '--image: "ghcr.io/acme/backend:1.0" is not accepted: the policies pick the tag.',
      ],
      [{ gitUrl: 'ftp://x/y' }, '--git-url: "ftp://x/y" is not accepted: Flux does not clone ftp:// URLs.'],
      [{ gitBranch: 'a..b' }, '--git-branch: "a..b" is not accepted. Accepted: a git branch name, e.g. main'],
      [{ registrySecret: 'X' }, '--registry-secret: "X" is not accepted'],
    ];
    for (const [bad, message] of cases) {
      const run = () => fluxKit({ ...BASE, ...bad });
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    }
  });

  it('validateGitUrl: the scp-like form becomes ssh://, a password is never echoed', () => {
    expect(validateGitUrl('git@github.com:acme/gitops.git')).toBe('ssh://git@github.com/acme/gitops.git');
    expect(validateGitUrl('https://github.com/acme/gitops')).toBe('https://github.com/acme/gitops');
    expect(() => validateGitUrl('https://bot:s3cret@github.com/acme/gitops')).toThrow(
      '--git-url: "https://bot:***@github.com/acme/gitops" is not accepted: it holds a password; put credentials in the secret.',
    );
    expect(() => validateGitUrl('https://bot:s3cret@github.com/acme/gitops')).not.toThrow(/s3cret/);
    expect(() => validateGitUrl('https://github.com/')).toThrow('it names no repository path');
  });
});

describe('writeKit', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  async function temp() {
    const d = await mkdtemp(join(tmpdir(), 'gitops-kit-'));
    dirs.push(d);
    return d;
  }

  it('merges kustomization.yaml entries, keeping what is there with its comments', async () => {
    const root = await temp();
    const path = join(root, 'flux/bootstrap/infrastructure/image-automation/kustomization.yaml');
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, '# shared by every app\nresources:\n  - image-repository-frontend.yaml # the web app\n');
    const written = await writeKit(root, fluxKit(BASE));
    expect(written.find((w) => w.path.endsWith('image-automation/kustomization.yaml'))!.state).toBe('merged');
    expect(await readFile(path, 'utf8')).toBe(
      '# shared by every app\nresources:\n  - image-repository-frontend.yaml # the web app\n  - git-repository.yaml\n  - image-repository-backend.yaml\n',
    );
    expect((await writeKit(root, fluxKit(BASE))).every((w) => w.state === 'unchanged')).toBe(true);
  });

  it('keeps an edited base even with --force; refuses an edited policy without it, writing nothing', async () => {
    const root = await temp();
    await writeKit(root, fluxKit(BASE));
    const base = join(root, 'flux/apps/backend/base/deployment.yaml');
    await writeFile(base, 'edited: true\n');
    const policy = join(root, 'flux/apps/backend/develop/image-policy.yaml');
    await writeFile(policy, 'edited: true\n');
    const staging = fluxKit({ ...BASE, currentTags: { staging: 'staging-v1.0.0-abcdef0-1738860123' } });

    await expect(writeKit(root, staging)).rejects.toThrow(RefusedError);
    await expect(writeKit(root, staging)).rejects.toThrow(
      '1 file of the kit already exists with other content: flux/apps/backend/develop/image-policy.yaml. Nothing was written.',
    );
    // The staging marker's value is Flux's once written: a kit with another current tag leaves it.
    const stagingPatch = join(root, 'flux/apps/backend/staging/deployment-image.yaml');
    expect(await readFile(stagingPatch, 'utf8')).toContain('ghcr.io/acme/backend:staging #');

    const forced = await writeKit(root, staging, { force: true });
    expect(Object.fromEntries(forced.filter((w) => w.state !== 'unchanged').map((w) => [w.path, w.state]))).toEqual({
      'flux/apps/backend/base/deployment.yaml': 'kept',
      'flux/apps/backend/develop/image-policy.yaml': 'overwritten',
    });
    expect(await readFile(stagingPatch, 'utf8')).toContain('ghcr.io/acme/backend:staging #');
    // Anything else changed in the patch is a difference like any other.
    await writeFile(stagingPatch, (await readFile(stagingPatch, 'utf8')).replace('name: backend\n', 'name: web\n'));
    await expect(writeKit(root, staging)).rejects.toThrow(
      'flux/apps/backend/staging/deployment-image.yaml. Nothing was written.',
    );
    expect(await readFile(base, 'utf8')).toBe('edited: true\n');
    expect(await readFile(policy, 'utf8')).toContain(`pattern: '${fluxPattern('develop')}'`);
  });
});
