import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../packages/cli/commands.js';
import type { CliIO } from '../../packages/cli/io.js';
import type { VerifyReport } from '../../packages/gitops/verify.js';
import { pushOciImage, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/** The CLI in-process, as a user runs it: no Docker config, no token. */
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    readStdin: async () => '',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { HOME: '/nonexistent', PATH: process.env.PATH ?? '' },
    nowSeconds: () => 1738870000,
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const GIT_URL = 'ssh://git@example.com/acme/gitops.git';

const TAGS = {
  developOld: 'develop-v1.0.0-abcdef0-1738860000',
  develop: 'develop-v1.0.1-bcdef01-1738860500',
  stagingOld: 'staging-v1.0.0-abcdef0-1738861000',
  staging: 'staging-v1.0.1-bcdef01-1738862000',
  production: 'production-v1.0.0-abcdef0-1738863000',
};

let reg: TestRegistry;
let backend: string;
let frontend: string;
const pushed: Record<string, PushedImage> = {};
const temps: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gitops-verify-'));
  temps.push(dir);
  return dir;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .filter((f) => !f.startsWith('.git/'))
    .sort();
}

async function verifyJson(dir: string, image = backend) {
  const r = await cli(['verify', '--gitops', dir, '--image', image, '--json']);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout) as VerifyReport };
}

/** The GitOps repository the kit writes for backend and frontend: the fixture every drift is planted in. */
let fixture: string;

beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
  backend = `${reg.host}/acme/backend`;
  frontend = `${reg.host}/acme/frontend`;
  const t = { url: reg.url };
  // production-v1.0.0 is staging-v1.0.0's digest (promotion without rebuild): same seed, same bytes.
  pushed.developOld = await pushOciImage(t, 'acme/backend', TAGS.developOld, { seed: 'd0' });
  pushed.develop = await pushOciImage(t, 'acme/backend', TAGS.develop, { seed: 'd1' });
  await pushOciImage(t, 'acme/backend', 'develop', { seed: 'd1' });
  pushed.stagingOld = await pushOciImage(t, 'acme/backend', TAGS.stagingOld, { seed: 's0' });
  pushed.staging = await pushOciImage(t, 'acme/backend', TAGS.staging, { seed: 's1' });
  pushed.production = await pushOciImage(t, 'acme/backend', TAGS.production, { seed: 's0' });
  await pushOciImage(t, 'acme/frontend', 'production-v2.0.0-1234567-1738869999', { seed: 'f' });

  fixture = await tempDir();
  // frontend takes --git-url from the checkout's origin, as a user running the kit inside it would.
  execFileSync('git', ['init', '-q', fixture]);
  execFileSync('git', ['-C', fixture, 'remote', 'add', 'origin', GIT_URL]);
  const b = await cli(['flux', '--image', backend, '--name', 'backend', '--out', fixture, '--git-url', GIT_URL]);
  expect(b.stderr).toBe('');
  expect(b.code).toBe(0);
  const f = await cli(['flux', '--image', frontend, '--name', 'frontend', '--out', fixture, '--env', 'production']);
  expect(f.stderr).toBe('');
  expect(f.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function plant(edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = await tempDir();
  await cp(fixture, dir, { recursive: true });
  await edit(dir);
  return dir;
}

async function replaceIn(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe('gitops-promote flux then verify, against a real registry', () => {
  it('writes the kit in the layout, each marker at the tag its policy picks now', async () => {
    expect(await listFiles(fixture)).toEqual([
      'flux/apps/backend/base/deployment.yaml',
      'flux/apps/backend/base/kustomization.yaml',
      ...['develop', 'production', 'staging'].flatMap((env) =>
        ['deployment-image.yaml', 'image-policy.yaml', 'image-update-automation.yaml', 'kustomization.yaml'].map(
          (f) => `flux/apps/backend/${env}/${f}`,
        ),
      ),
      'flux/apps/frontend/base/deployment.yaml',
      'flux/apps/frontend/base/kustomization.yaml',
      ...['deployment-image.yaml', 'image-policy.yaml', 'image-update-automation.yaml', 'kustomization.yaml'].map(
        (f) => `flux/apps/frontend/production/${f}`,
      ),
      'flux/bootstrap/infrastructure/image-automation/git-repository.yaml',
      'flux/bootstrap/infrastructure/image-automation/image-repository-backend.yaml',
      'flux/bootstrap/infrastructure/image-automation/image-repository-frontend.yaml',
      'flux/bootstrap/infrastructure/image-automation/kustomization.yaml',
    ]);
    const patch = await readFile(join(fixture, 'flux/apps/backend/staging/deployment-image.yaml'), 'utf8');
    expect(patch).toContain(`image: ${backend}:${TAGS.staging} # {"$imagepolicy": "flux-system:backend-staging"}\n`);
    // The second application's entry was added to the shared kustomization, the first one's kept.
    const shared = await readFile(
      join(fixture, 'flux/bootstrap/infrastructure/image-automation/kustomization.yaml'),
      'utf8',
    );
    expect(shared).toContain(
      '  - git-repository.yaml\n  - image-repository-backend.yaml\n  - image-repository-frontend.yaml\n',
    );
  });

  it('round-trips: verify finds no drift, and reports each environment with the digests', async () => {
    const { code, report } = await verifyJson(fixture);
    expect(report.drift).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.ignored).toEqual({ policies: 1, markers: 1 });
    expect(
      report.environments.map((e) => [
        e.environment,
        e.pick?.tag,
        e.pick?.digest,
        e.markers.map((m) => [m.git, m.gitDigest, m.agrees]),
      ]),
    ).toEqual([
      ['develop', TAGS.develop, pushed.develop!.digest, [[`${backend}:${TAGS.develop}`, pushed.develop!.digest, true]]],
      ['staging', TAGS.staging, pushed.staging!.digest, [[`${backend}:${TAGS.staging}`, pushed.staging!.digest, true]]],
      [
        'production',
        TAGS.production,
        pushed.production!.digest,
        [[`${backend}:${TAGS.production}`, pushed.production!.digest, true]],
      ],
    ]);
    expect(report.environments.map((e) => e.automations)).toEqual(
      ['develop', 'staging', 'production'].map((env) => [
        {
          name: `flux-system/backend-${env}`,
          at: `flux/apps/backend/${env}/image-update-automation.yaml:1`,
          suspended: false,
        },
      ]),
    );

    const text = await cli(['verify', '--gitops', fixture, '--image', frontend]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').at(-1)).toBe(`ok: Git holds what Flux picks in every environment of ${frontend}`);
  });

  it('is idempotent: the kit run again changes nothing', async () => {
    const before = await listFiles(fixture);
    const again = await cli(['flux', '--image', backend, '--name', 'backend', '--out', fixture, '--git-url', GIT_URL]);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').every((l) => l.startsWith('unchanged '))).toBe(true);
    expect(await listFiles(fixture)).toEqual(before);
  });

  it('finds a marker holding an older tag: stalled, naming the file, the tags and both digests', async () => {
    const dir = await plant((d) =>
      replaceIn(join(d, 'flux/apps/backend/develop/deployment-image.yaml'), TAGS.develop, TAGS.developOld),
    );
    const { code, report } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(report.drift).toEqual([
      {
        kind: 'stalled',
        environment: 'develop',
        at: 'flux/apps/backend/develop/deployment-image.yaml:10',
        message: `{"$imagepolicy": "flux-system:backend-develop"} holds ${TAGS.developOld}, older than ${TAGS.develop} which the policy picks (${pushed.developOld!.digest} vs ${pushed.develop!.digest}): the automation has not written the pick (suspended, stalled, or without push access)`,
      },
    ]);
    const text = await cli(['verify', '--gitops', dir, '--image', backend]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `\n            git    flux/apps/backend/develop/deployment-image.yaml:10 holds ${backend}:${TAGS.developOld} ${pushed.developOld!.digest}: differs`,
    );
    expect(text.stdout).toContain(
      'drift (1):\n  stalled [develop] flux/apps/backend/develop/deployment-image.yaml:10: ',
    );
  });

  it('finds a suspended automation', async () => {
    const dir = await plant((d) =>
      replaceIn(
        join(d, 'flux/apps/backend/staging/image-update-automation.yaml'),
        'spec:\n',
        'spec:\n  suspend: true\n',
      ),
    );
    const { code, report } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(report.drift).toEqual([
      {
        kind: 'suspended',
        environment: 'staging',
        at: 'flux/apps/backend/staging/image-update-automation.yaml:1',
        message:
          'ImageUpdateAutomation flux-system/backend-staging has spec.suspend: true: it writes no new tag to Git until resumed',
      },
    ]);
    expect(report.environments[1]!.automations[0]!.suspended).toBe(true);
  });

  it('finds a marker pointing at a missing policy', async () => {
    const dir = await plant((d) =>
      writeFile(
        join(d, 'flux/apps/backend/production/sidecar.yaml'),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pinned\ndata:\n  image: ${backend}:${TAGS.production} # {"$imagepolicy": "flux-system:backend-prod"}\n`,
      ),
    );
    const { code, report } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(report.drift).toEqual([
      {
        kind: 'missing-policy',
        at: 'flux/apps/backend/production/sidecar.yaml:6',
        message:
          'the marker {"$imagepolicy": "flux-system:backend-prod"} names ImagePolicy flux-system/backend-prod, which no manifest defines: Flux never updates this field',
      },
    ]);
  });

  it('finds a policy whose pattern never matches the tag scheme', async () => {
    const dir = await plant((d) =>
      replaceIn(join(d, 'flux/apps/backend/production/image-policy.yaml'), "'^production-v", "'^production-[0-9]+-v"),
    );
    const { code, report } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(report.drift.map((d) => [d.kind, d.environment, d.at])).toEqual([
      ['pattern-never-matches', 'production', 'flux/apps/backend/production/image-policy.yaml:1'],
    ]);
    expect(report.drift[0]!.message).toBe(
      `ImagePolicy flux-system/backend-production can never pick a tag of the scheme <env>-v<version>-<sha>-<ts>: on production-v1.2.3-abcdef0-1738860123 Flux says "version list argument cannot be empty" (pattern "^production-[0-9]+-v[0-9]+\\\\.[0-9]+\\\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$", extract "$ts")`,
    );
    expect(report.environments[2]!.error).toBe('version list argument cannot be empty');
  });

  it('finds all four planted at once, each named once', async () => {
    const dir = await plant(async (d) => {
      await replaceIn(join(d, 'flux/apps/backend/develop/deployment-image.yaml'), TAGS.develop, TAGS.developOld);
      await replaceIn(
        join(d, 'flux/apps/backend/staging/image-update-automation.yaml'),
        'spec:\n',
        'spec:\n  suspend: true\n',
      );
      await writeFile(join(d, 'extra.yaml'), 'x: y # {"$imagepolicy": "flux-system:nothing:tag"}\n');
      await replaceIn(
        join(d, 'flux/apps/backend/production/image-policy.yaml'),
        "extract: '$ts'",
        "extract: '$version'",
      );
    });
    const { code, report } = await verifyJson(dir);
    expect(code).toBe(1);
    expect(report.drift.map((d) => `${d.kind} ${d.environment ?? '-'} ${d.at}`).sort()).toEqual([
      'missing-policy - extra.yaml:1',
      'pattern-never-matches production flux/apps/backend/production/image-policy.yaml:1',
      'stalled develop flux/apps/backend/develop/deployment-image.yaml:10',
      'suspended staging flux/apps/backend/staging/image-update-automation.yaml:1',
    ]);
    // An extract that names no group gives "" for every tag: Flux's numerical policy fails on it.
    expect(report.drift.find((d) => d.kind === 'pattern-never-matches')!.message).toContain(
      `Flux says "failed to parse invalid numeric value ''"`,
    );
  });
});

describe('bad input changes nothing', () => {
  it('verify: a missing folder, a tagged image', async () => {
    const r = await cli(['verify', '--gitops', '/nonexistent/gitops', '--image', backend]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'gitops-promote verify: --gitops: "/nonexistent/gitops" is not accepted: it does not exist. Accepted: a folder: a checkout of the GitOps repository, e.g. .',
    ]);
    const tagged = await cli(['verify', '--gitops', fixture, '--image', `${backend}:develop`]);
    expect(tagged.code).toBe(2);
    expect(tagged.stderr).toBe(
      `gitops-promote verify: --image: "${backend}:develop" is not accepted: verify compares every tag the policies pick. Accepted: an image name without tag or digest, e.g. ghcr.io/acme/backend`,
    );
  });

  it('flux: a bad name or git URL writes nothing', async () => {
    const dir = await tempDir();
    const r = await cli(['flux', '--image', backend, '--name', 'Backend', '--out', dir, '--git-url', GIT_URL]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'gitops-promote flux: --name: "Backend" is not accepted: it has upper-case letters. Accepted: lowercase letters, digits and "-", starting and ending with a letter or digit, at most 52 characters, e.g. backend',
    );
    const url = await cli([
      'flux',
      '--image',
      backend,
      '--name',
      'backend',
      '--out',
      dir,
      '--git-url',
      'file:///srv/gitops',
    ]);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('--git-url: "file:///srv/gitops" is not accepted: Flux does not clone file:// URLs.');
    const noOrigin = await cli(['flux', '--image', backend, '--name', 'backend', '--out', dir]);
    expect(noOrigin.code).toBe(2);
    expect(noOrigin.stderr).toContain(
      `--git-url: "" is not accepted: it is not given, and ${dir} has no git remote "origin"`,
    );
    expect(await listFiles(dir)).toEqual([]);
  });

  it('flux: refuses a differing file, writing nothing, unless --force', async () => {
    const dir = await plant(async () => {});
    const policy = join(dir, 'flux/apps/backend/production/image-policy.yaml');
    await replaceIn(policy, 'order: asc', 'order: desc');
    const edited = await readFile(policy, 'utf8');
    await rm(join(dir, 'flux/apps/backend/develop/image-policy.yaml'));
    const args = ['flux', '--image', backend, '--name', 'backend', '--out', dir, '--git-url', GIT_URL];
    const r = await cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'gitops-promote flux: 1 file of the kit already exists with other content: flux/apps/backend/production/image-policy.yaml. Nothing was written. Compare them with the kit (run without --out to print it), or run again with --force to overwrite them.',
    );
    expect(await readFile(policy, 'utf8')).toBe(edited);
    expect((await listFiles(dir)).includes('flux/apps/backend/develop/image-policy.yaml')).toBe(false);

    const forced = await cli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('overwritten flux/apps/backend/production/image-policy.yaml');
    expect(forced.stdout).toContain('created flux/apps/backend/develop/image-policy.yaml');
    expect((await verifyJson(dir)).report.drift).toEqual([]);
  });

  it('flux without --out prints the files as one YAML stream', async () => {
    const r = await cli(['flux', '--image', backend, '--name', 'backend', '--git-url', GIT_URL, '--env', 'staging']);
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith('---\n# flux/bootstrap/infrastructure/image-automation/image-repository-backend.yaml\n'),
    ).toBe(true);
    expect(r.stdout).toContain(`image: ${backend}:${TAGS.staging} # {"$imagepolicy": "flux-system:backend-staging"}`);
  });
});
