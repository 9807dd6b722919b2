/**
 * The verify action from source (actions/verify/main.ts through test/support/run-source.ts), as a
 * scheduled workflow runs it: a GitOps checkout written by the kit library (packages/gitops/kit.ts)
 * for an image in a real registry on loopback. No drift: outputs, summary and a green step. Planted
 * drift: the step fails with one error per drift kind, naming the kind, and the summary's table says
 * what Git holds and what the policy picks in each environment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxKit, writeKit } from '../../packages/gitops/kit.js';
import type { VerifyReport } from '../../packages/gitops/verify.js';
import { pushOciImage, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { runSource } from '../support/run-source.js';

const TAGS = {
  developOld: 'develop-v1.0.0-abcdef0-1738860000',
  develop: 'develop-v1.0.1-bcdef01-1738860500',
  staging: 'staging-v1.0.1-bcdef01-1738862000',
  production: 'production-v1.0.0-abcdef0-1738863000',
};

let reg: TestRegistry;
let image: string;
let fixture: string;
let dockerConfig: string;
const pushed: Record<string, PushedImage> = {};
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
  image = `${reg.host}/acme/backend`;
  const t = { url: reg.url };
  for (const [key, tag] of Object.entries(TAGS))
    pushed[key] = await pushOciImage(t, 'acme/backend', tag, { seed: key });
  dockerConfig = await tempDir('action-verify-docker-');
  fixture = await tempDir('action-verify-gitops-');
  await writeKit(
    fixture,
    fluxKit({
      image,
      name: 'backend',
      gitUrl: 'ssh://git@example.com/acme/gitops.git',
      currentTags: { develop: TAGS.develop, staging: TAGS.staging, production: TAGS.production },
    }),
  );
}, 60_000);

afterAll(async () => {
  await reg?.stop();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** The action as a step whose workspace holds the GitOps checkout in the folder `gitops`. */
async function verify(checkout: string, inputs: Record<string, string> = {}) {
  const workspace = await tempDir('action-verify-workspace-');
  await cp(checkout, join(workspace, 'gitops'), { recursive: true });
  return runSource('verify', {
    inputs: { gitops: 'gitops', image, ...inputs },
    env: { GITHUB_WORKSPACE: workspace, DOCKER_CONFIG: dockerConfig },
  });
}

async function plant(edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = await tempDir('action-verify-planted-');
  await cp(fixture, dir, { recursive: true });
  await edit(dir);
  return dir;
}

async function replaceIn(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe('actions/verify from source, against a real registry', () => {
  it('passes on the kit it was generated from: drift false, the report as json, a table per environment', async () => {
    const r = await verify(fixture);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.drift).toBe('false');
    expect(r.outputs.kinds).toBe('');
    const report = JSON.parse(r.outputs.json) as VerifyReport;
    expect(report.ok).toBe(true);
    expect(report.environments.map((e) => [e.environment, e.pick?.tag, e.pick?.digest])).toEqual([
      ['develop', TAGS.develop, pushed.develop!.digest],
      ['staging', TAGS.staging, pushed.staging!.digest],
      ['production', TAGS.production, pushed.production!.digest],
    ]);
    expect(r.summary).toContain('### GitOps verify: no drift');
    expect(r.summary).toContain(
      '| environment | policy | Git holds | digest in Git | policy picks | digest picked | marker | drift |',
    );
    const short = (d: string) => `\`${d.slice(0, 'sha256:'.length + 12)}…\``;
    expect(r.summary).toContain(
      `| staging | \`flux-system/backend-staging\` | \`${image}:${TAGS.staging}\` (flux/apps/backend/staging/deployment-image.yaml:10) | ${short(pushed.staging!.digest)} | \`${TAGS.staging}\` | ${short(pushed.staging!.digest)} | agrees | none |`,
    );
    expect(r.stdout).toContain(`ok: Git holds what Flux picks in every environment of ${image}`);
  });

  it('fails the step on planted drift: one error per kind, naming it, and the table says where', async () => {
    const dir = await plant(async (d) => {
      // develop's automation has not written the pick (stalled), staging's automation is suspended.
      await replaceIn(join(d, 'flux/apps/backend/develop/deployment-image.yaml'), TAGS.develop, TAGS.developOld);
      await replaceIn(
        join(d, 'flux/apps/backend/staging/image-update-automation.yaml'),
        'spec:\n',
        'spec:\n  suspend: true\n',
      );
    });
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.outputs.drift).toBe('true');
    expect(r.outputs.kinds).toBe('stalled\nsuspended');
    expect(r.errors).toEqual([
      `stalled (1): [develop] flux/apps/backend/develop/deployment-image.yaml:10: {"$imagepolicy": "flux-system:backend-develop"} holds ${TAGS.developOld}, older than ${TAGS.develop} which the policy picks (${pushed.developOld!.digest} vs ${pushed.develop!.digest}): the automation has not written the pick (suspended, stalled, or without push access)`,
      'suspended (1): [staging] flux/apps/backend/staging/image-update-automation.yaml:1: ImageUpdateAutomation flux-system/backend-staging has spec.suspend: true: it writes no new tag to Git until resumed',
    ]);
    expect(r.stdout).toContain('::error title=gitops-promote/verify%3A stalled::');
    expect(r.stdout).toContain('::error title=gitops-promote/verify%3A suspended::');
    expect(r.summary).toContain('### GitOps verify: 2 drift findings');
    expect(r.summary).toContain(
      `| develop | \`flux-system/backend-develop\` | \`${image}:${TAGS.developOld}\` (flux/apps/backend/develop/deployment-image.yaml:10) |`,
    );
    expect(r.summary).toContain('| differs | stalled |');
    expect(r.summary).toContain(
      '| `suspended` | staging | flux/apps/backend/staging/image-update-automation.yaml:1 | ImageUpdateAutomation flux-system/backend-staging has spec.suspend: true',
    );
    expect((JSON.parse(r.outputs.json) as VerifyReport).drift.map((d) => d.kind)).toEqual(['stalled', 'suspended']);
  });

  it('names a marker that points at a policy no manifest defines', async () => {
    const dir = await plant((d) =>
      writeFile(
        join(d, 'flux/apps/backend/production/sidecar.yaml'),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pinned\ndata:\n  image: ${image}:${TAGS.production} # {"$imagepolicy": "flux-system:backend-prod"}\n`,
      ),
    );
    const r = await verify(dir);
    expect(r.code).toBe(1);
    expect(r.errors).toEqual([
      'missing-policy (1): flux/apps/backend/production/sidecar.yaml:6: the marker {"$imagepolicy": "flux-system:backend-prod"} names ImagePolicy flux-system/backend-prod, which no manifest defines: Flux never updates this field',
    ]);
  });

  it('refuses bad input with one error naming the input, the value and what is accepted', async () => {
    const tagged = await verify(fixture, { image: `${image}:${TAGS.staging}` });
    expect(tagged.code).toBe(1);
    expect(tagged.errors).toEqual([
      `gitops-promote/verify: image: "${image}:${TAGS.staging}" is not accepted: verify compares every tag the policies pick. Accepted: an image name without tag or digest, e.g. ghcr.io/acme/backend`,
    ]);
    expect(tagged.outputs).toEqual({});

    const missing = await verify(fixture, { gitops: 'no-such-folder' });
    expect(missing.code).toBe(1);
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatch(
      /^gitops-promote\/verify: gitops: "no-such-folder" is not accepted: \/.*\/no-such-folder does not exist\. Accepted: a folder: the GitOps repository checkout/,
    );
    expect(missing.outputs).toEqual({});
  });
});
