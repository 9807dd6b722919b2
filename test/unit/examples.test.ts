/**
 * examples/: the GitOps repository is what the kit writes today (regenerated and compared), its
 * policies carry the tagging library's patterns and pick the newest build, every manifest has the
 * fields Flux's CRDs require, and the service workflows call this repository's actions with inputs
 * those actions declare. actionlint over the same workflows: test/unit/actionlint.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { readGitOpsRepository } from '../../packages/gitops/manifests.js';
import { selectLatest } from '../../packages/tagging/flux.js';
import { FLUX_EXTRACT, fluxPattern, formatImmutableTag } from '../../packages/tagging/tags.js';
import { EXAMPLE_APPS, EXAMPLES_GITOPS, writeExampleGitOps } from '../../scripts/examples.js';
import { repoRoot } from '../support/run-bundle.js';

const gitops = join(repoRoot, EXAMPLES_GITOPS);
const serviceWorkflows = join(repoRoot, 'examples/service/.github/workflows');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      posix.join(
        ...join(e.parentPath, e.name)
          .slice(dir.length + 1)
          .split(/[\\/]/),
      ),
    )
    .sort();
}

interface K8sObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

/** Every YAML document of the example GitOps repository, with its file. */
function exampleObjects(): { file: string; object: K8sObject }[] {
  const files = readdirSync(gitops, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.yaml'),
  );
  return files.flatMap((e) => {
    const path = join(e.parentPath, e.name);
    const docs = parseAllDocuments(readFileSync(path, 'utf8'));
    return docs.map((d) => {
      expect([path, d.errors]).toEqual([path, []]);
      return { file: path.slice(gitops.length + 1), object: d.toJS() as K8sObject };
    });
  });
}

const ofKind = (kind: string) => exampleObjects().filter((o) => o.object.kind === kind);
/** A Kubernetes duration as Flux's CRDs validate it: `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`. */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

describe('examples/gitops: the kit, as committed', () => {
  it('is exactly what the kit library writes for the example applications today (npx tsx scripts/examples.ts)', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'examples-gitops-'));
    try {
      await writeExampleGitOps(fresh);
      const files = await listFiles(fresh);
      expect(await listFiles(gitops)).toEqual(files);
      for (const f of files) {
        expect([f, await readFile(join(gitops, f), 'utf8')]).toEqual([f, await readFile(join(fresh, f), 'utf8')]);
      }
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it("has the tagging library's pattern and extract in every ImagePolicy, and each picks the newest build of its environment", () => {
    const policies = ofKind('ImagePolicy');
    expect(policies).toHaveLength(EXAMPLE_APPS.length * 3);
    for (const { file, object } of policies) {
      const env = object.metadata!.labels!['gitops-promote/environment']!;
      expect([file, env]).toEqual([`flux/apps/${file.split('/')[2]}/${env}/image-policy.yaml`, env]);
      expect(object.spec!.filterTags).toEqual({ pattern: fluxPattern(env), extract: FLUX_EXTRACT });
      expect(object.spec!.policy).toEqual({ numerical: { order: 'asc' } });
      const older = formatImmutableTag({ env, version: '1.10.0', sha: 'abcdef0', ts: 1738860000 });
      const newer = formatImmutableTag({ env, version: '1.9.0', sha: 'bcdef01', ts: 1738860001 });
      const other = formatImmutableTag({
        env: env === 'staging' ? 'develop' : 'staging',
        version: '9.0.0',
        sha: 'cdef012',
        ts: 1999999999,
      });
      const pick = selectLatest([older, newer, other, env], {
        pattern: (object.spec!.filterTags as { pattern: string }).pattern,
        extract: (object.spec!.filterTags as { extract: string }).extract,
        policy: 'numerical',
        order: 'asc',
      });
      expect(pick).toMatchObject({ ok: true, tag: newer });
    }
  });

  // Required fields of the CRDs: https://fluxcd.io/flux/components/image/imagerepositories/,
  // https://fluxcd.io/flux/components/image/imagepolicies/,
  // https://fluxcd.io/flux/components/image/imageupdateautomations/ and
  // https://fluxcd.io/flux/components/source/gitrepositories/.
  it('parses, every object with the apiVersion, kind, metadata and spec fields Flux requires', () => {
    const names = (kind: string) =>
      ofKind(kind).map((o) => `${o.object.metadata!.namespace}/${o.object.metadata!.name}`);
    for (const { object } of exampleObjects()) {
      if (object.kind === 'Kustomization' || object.kind === 'Deployment') continue;
      expect(object.metadata).toEqual(expect.objectContaining({ name: expect.any(String), namespace: 'flux-system' }));
    }
    const repositories = ofKind('ImageRepository');
    expect(repositories.map((r) => r.object.spec!.image).sort()).toEqual(EXAMPLE_APPS.map((a) => a.image).sort());
    for (const { object } of repositories) {
      expect(object.apiVersion).toBe('image.toolkit.fluxcd.io/v1');
      expect(object.spec).toEqual(
        expect.objectContaining({ image: expect.any(String), interval: expect.stringMatching(DURATION) }),
      );
      expect(object.spec!.image).toBe((object.spec!.image as string).toLowerCase());
    }
    for (const { object } of ofKind('ImagePolicy')) {
      expect(object.apiVersion).toBe('image.toolkit.fluxcd.io/v1');
      const ref = object.spec!.imageRepositoryRef as { name: string };
      expect(names('ImageRepository')).toContain(`${object.metadata!.namespace}/${ref.name}`);
      expect(Object.keys(object.spec!.policy as object)).toHaveLength(1);
    }
    const automations = ofKind('ImageUpdateAutomation');
    expect(automations).toHaveLength(EXAMPLE_APPS.length * 3);
    for (const { file, object } of automations) {
      expect(object.apiVersion).toBe('image.toolkit.fluxcd.io/v1');
      const spec = object.spec as {
        interval: string;
        sourceRef: { kind: string; name: string };
        git: { commit: { author: { email: string } }; checkout: { ref: { branch: string } }; push: { branch: string } };
        update: { strategy: string; path: string };
        policySelector: { matchLabels: Record<string, string> };
      };
      expect(spec.interval).toMatch(DURATION);
      expect(spec.sourceRef.kind).toBe('GitRepository');
      expect(names('GitRepository')).toContain(`${object.metadata!.namespace}/${spec.sourceRef.name}`);
      expect(spec.git.commit.author.email).toMatch(/@/);
      expect(spec.update.strategy).toBe('Setters');
      expect(`.${posix.sep}${dirname(file)}`).toBe(spec.update.path);
      expect(spec.policySelector.matchLabels).toEqual(object.metadata!.labels);
    }
    const git = ofKind('GitRepository');
    expect(git).toHaveLength(1);
    expect(git[0]!.object.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
    expect(git[0]!.object.spec).toEqual(
      expect.objectContaining({
        url: expect.stringMatching(/^(ssh|https?):\/\//),
        interval: expect.stringMatching(DURATION),
      }),
    );
  });

  it('lists in every kustomization.yaml only files and folders that exist', () => {
    for (const { file, object } of ofKind('Kustomization')) {
      const o = object as { resources?: string[]; patches?: { path: string }[] };
      for (const entry of [...(o.resources ?? []), ...(o.patches ?? []).map((p) => p.path)]) {
        expect([file, entry, existsSync(join(gitops, dirname(file), entry))]).toEqual([file, entry, true]);
      }
    }
  });

  it('reads as verify reads it: no problem, every marker naming one of its policies', async () => {
    const m = await readGitOpsRepository(gitops);
    expect(m.problems).toEqual([]);
    expect(m.repositories).toHaveLength(EXAMPLE_APPS.length);
    expect(m.policies).toHaveLength(EXAMPLE_APPS.length * 3);
    expect(m.markers.map((k) => k.setter).sort()).toEqual(m.policies.map((p) => `${p.namespace}:${p.name}`).sort());
  });
});

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { steps?: Step[] }>;
}

const workflowFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
const steps = (path: string) =>
  Object.values((parse(readFileSync(path, 'utf8')) as Workflow).jobs).flatMap((j) => j.steps ?? []);

/** This repository's action at the path of a `uses:` (`your-org/gitops-promote/<path>@v1` or `./<path>`), if it is one of ours. */
function ownAction(uses: string): string | undefined {
  const m = /^(?:your-org\/gitops-promote\/(.+)@v1|\.\/(.+))$/.exec(uses);
  return m ? (m[1] ?? m[2]) : undefined;
}

describe('examples/service: the workflows of a service repository', () => {
  it('has the build, the promotion and the scheduled verify', () => {
    expect(readdirSync(serviceWorkflows).sort()).toEqual(['build.yml', 'promote-production.yml', 'verify-gitops.yml']);
  });

  it.each([
    ...workflowFiles(serviceWorkflows).map((f) => [f.slice(repoRoot.length + 1)]),
    ...workflowFiles(join(repoRoot, '.github/workflows')).map((f) => [f.slice(repoRoot.length + 1)]),
  ])('%s calls our actions only with inputs they declare, every required one given', (file) => {
    for (const step of steps(join(repoRoot, file))) {
      const own = step.uses ? ownAction(step.uses) : undefined;
      if (!own) continue;
      const yml = join(repoRoot, own, 'action.yml');
      expect([step.uses, existsSync(yml)]).toEqual([step.uses, true]);
      const declared =
        (parse(readFileSync(yml, 'utf8')) as { inputs?: Record<string, { required?: boolean }> }).inputs ?? {};
      const given = Object.keys(step.with ?? {});
      expect([step.uses, given.filter((k) => !(k in declared))]).toEqual([step.uses, []]);
      const required = Object.entries(declared)
        .filter(([, v]) => v?.required)
        .map(([k]) => k);
      expect([step.uses, required.filter((k) => !given.includes(k))]).toEqual([step.uses, []]);
    }
  });

  it("builds with the docker actions' current majors, pushes a lower-case name by digest and tags that digest", () => {
    const build = steps(join(serviceWorkflows, 'build.yml'));
    const uses = build.map((s) => s.uses).filter((u): u is string => !!u);
    expect(uses).toEqual([
      'actions/checkout@v6',
      'docker/setup-buildx-action@v4',
      'docker/login-action@v4',
      'your-org/gitops-promote/action-tag@v1',
      'docker/build-push-action@v7',
      'your-org/gitops-promote/action-tag@v1',
    ]);
    const image = (parse(readFileSync(join(serviceWorkflows, 'build.yml'), 'utf8')) as Workflow).env!.IMAGE!;
    expect(image).toBe(image.toLowerCase());
    expect(EXAMPLE_APPS.map((a) => a.image)).toContain(image);
    const push = build.find((s) => s.uses?.startsWith('docker/build-push-action'))!;
    expect(push.with!.outputs).toBe('type=image,name=${{ env.IMAGE }},push-by-digest=true,push=true');
    expect(build.at(-2)!.with!.digest).toBe('${{ steps.build.outputs.digest }}');
  });

  it('promotes and verifies the image the GitOps example follows', () => {
    const promote = steps(join(serviceWorkflows, 'promote-production.yml')).find((s) =>
      s.uses?.includes('action-promote'),
    );
    const verify = steps(join(serviceWorkflows, 'verify-gitops.yml')).find((s) => s.uses?.includes('actions/verify'));
    expect(promote!.with!.image).toBe(EXAMPLE_APPS[0]!.image);
    expect(verify!.with!.image).toBe(EXAMPLE_APPS[0]!.image);
  });
});
