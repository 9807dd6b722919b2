import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { parseLineage } from '../../packages/github/lineage.js';
import { RegistryClient } from '../../packages/registry/client.js';
import { formatImmutableTag, parseImmutableTag } from '../../packages/tagging/tags.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import {
  pushCosignTag,
  pushManifest,
  pushOciIndex,
  pushReferrer,
  tokenAuth,
  type PushTarget,
} from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { startReleaseWorld, type ReleaseWorld } from '../support/release-world.js';
import { runCliBundle, userEnv, type CliResult } from '../support/run-cli.js';

/*
 * dist/cli/index.js across two registries on loopback, as a person or another CI system runs it:
 * staging is the release world's registry (token auth, alice, given with --username and
 * --password-stdin, which apply to the source's registry only), production a second registry
 * (htpasswd, bob, from the Docker config) behind a recording proxy, and the GitHub stand-in.
 */

const STAGING_TS = 1_700_000_000;
const ALICE = { username: 'alice', password: 'alice-secret-A1' };
const BOB = { username: 'bob', password: 'bob-secret-B2' };
const BOB_BASIC = `Basic ${Buffer.from(`${BOB.username}:${BOB.password}`).toString('base64')}`;

let b: TestRegistry;
let pb: FaultProxy;
let dockerConfig: string;

beforeAll(async () => {
  b = await startRegistry({ kind: 'htpasswd', ...BOB });
  pb = await startFaultProxy(b.url);
  dockerConfig = mkdtempSync(join(tmpdir(), 'cli-cross-docker-'));
  writeFileSync(
    join(dockerConfig, 'config.json'),
    JSON.stringify({ auths: { [pb.host]: { auth: BOB_BASIC.slice('Basic '.length) } } }),
  );
});
afterAll(async () => {
  rmSync(dockerConfig, { recursive: true, force: true });
  await pb?.stop();
  await b?.stop();
});

/** dist/cli/index.js with the user's environment, the Docker config (bob for production) and `env`. */
function cli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return runCliBundle(args, {
    env: { ...userEnv(), DOCKER_CONFIG: dockerConfig, ...env },
    ...(stdin !== undefined ? { stdin } : {}),
  });
}

/** alice for the source's registry, as a person types it */
const ASALICE = ['--username', ALICE.username, '--password-stdin'];

const production = () => new RegistryClient(b.host, { credentials: { ...BOB, source: 'input' } });

async function productionTags(repository: string): Promise<Record<string, string>> {
  const client = production();
  const out: Record<string, string> = {};
  for (const tag of [...(await client.listTags(repository))].sort())
    out[tag] = (await client.headManifest(repository, tag))!.digest;
  return out;
}

describe('gitops-promote across registries (the bundle)', () => {
  let world: ReleaseWorld;
  let push: PushTarget;
  let env: Record<string, string>;
  beforeEach(async () => {
    world = await startReleaseWorld({ auth: { kind: 'token', ...ALICE }, repository: 'acme/api' });
    push = {
      url: world.registry.url,
      authorization: tokenAuth(world.registry.tokenServer!, ALICE.username, ALICE.password),
    };
    env = { GITHUB_TOKEN: world.token, GITHUB_API_URL: world.standIn.url };
    pb.reset();
  });
  afterEach(async () => {
    await world.stop();
    expect(world.standIn.violations).toEqual([]);
  });

  /** Each registry its own credentials: bob's never reach staging's token server, production sees bob's only. */
  function expectCredentialsApart(): void {
    const bobs = world.registry.tokenServer!.requests.filter(
      (r) =>
        r.authorization !== undefined &&
        (r.authorization === BOB_BASIC ||
          Buffer.from(r.authorization.replace(/^\S+\s+/, ''), 'base64')
            .toString('utf8')
            .includes(BOB.password)),
    );
    expect(bobs).toEqual([]);
    const seenByProduction = pb.requests.flatMap((r) => (r.authorization ? [r.authorization] : []));
    expect(seenByProduction.length).toBeGreaterThan(0);
    expect(seenByProduction.filter((a) => a !== BOB_BASIC)).toEqual([]);
  }

  it('retag SOURCE --to-image OTHER TAG copies the signed image into the other registry, digest identical; again changes nothing', async () => {
    const build = await world.pushBuild({ version: '1.0.0', ts: STAGING_TS });
    const sig = await pushCosignTag(push, world.imageRepository, build.digest, 'sig');
    const manifest = await world.clients(world.registry.host).then((c) => c.getManifest('acme/api', build.digest));
    const referrer = await pushReferrer(push, world.imageRepository, {
      digest: build.digest,
      mediaType: manifest.mediaType,
      size: manifest.bytes.length,
    });
    const other = `${pb.host}/prod/retag`;
    const tag = formatImmutableTag({
      env: 'production',
      version: '1.0.0',
      sha: build.commit.slice(0, 7),
      ts: 1_800_000_000,
    });
    const stagingBefore = await world.tagDigests();

    const r = await cli(
      ['retag', `${world.image}:${build.tag}`, '--to-image', other, tag, ...ASALICE],
      env,
      ALICE.password,
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`created ${other}:${tag}`);
    // The image (config and layer), the referrer (empty config and bundle) and the signature (config and payload).
    expect(lines[1]).toMatch(
      new RegExp(
        `^copied into ${other.replace(/\./g, '\\.')}: 6 blobs streamed \\(\\d+ bytes\\), 0 present, 1 referrers and 1 signature tags carried$`,
      ),
    );
    expect(lines[2]).toBe(`digest ${build.digest}`);
    expect(lines).toHaveLength(3);

    const tags = await productionTags('prod/retag');
    expect(tags[tag]).toBe(build.digest);
    expect(tags[sig.tag]).toBe(sig.digest);
    expect((await production().listReferrers('prod/retag', build.digest)).descriptors.map((d) => d.digest)).toEqual([
      referrer.digest,
    ]);
    expect((await production().getManifest('prod/retag', tag)).bytes.equals(manifest.bytes)).toBe(true);
    expect(await world.tagDigests()).toEqual(stagingBefore);
    expectCredentialsApart();

    pb.reset();
    const again = await cli(
      ['retag', `${world.image}:${build.tag}`, '--to-image', other, tag, ...ASALICE],
      env,
      ALICE.password,
    );
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe(`unchanged ${other}:${tag}`);
    expect(again.stdout).toMatch(
      /: 0 blobs streamed \(0 bytes\), 0 present, 1 referrers and 1 signature tags carried\n/,
    );
    expect(pb.requests.filter((q) => q.method === 'PUT')).toEqual([]);
    expect(await productionTags('prod/retag')).toEqual(tags);
  });

  it('plan --image A --to-image B --json shows toImage and changes nothing', async () => {
    const build = await world.pushBuild({ version: '2.0.0', ts: STAGING_TS });
    const before = await world.state();
    const toImage = `${pb.host}/prod/plan`;
    const r = await cli(
      ['plan', '--image', world.image, '--to-image', toImage, '--repository', 'acme/backend', '--json', ...ASALICE],
      env,
      ALICE.password,
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const plan = JSON.parse(r.stdout);
    expect(plan).toMatchObject({
      image: world.image,
      toImage,
      signatures: 'copy',
      sourceTag: build.tag,
      digest: build.digest,
      commit: build.commit,
      version: '2.0.0',
      releaseState: 'new',
      targetState: 'new',
    });
    expect(parseImmutableTag(plan.targetTag)).toMatchObject({ env: 'production', version: '2.0.0' });
    expect(await world.state()).toEqual(before);
    expect(await productionTags('prod/plan')).toEqual({});
    // Reads only, in production too.
    expect(pb.requests.filter((q) => q.method !== 'GET' && q.method !== 'HEAD')).toEqual([]);
    expect(world.standIn.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('promote --image api --image worker --to-image X --to-image Y ships the train into the other registry, one release listing both', async () => {
    const api = await world.pushBuild({ version: '3.1.0', ts: STAGING_TS, kind: 'oci-index' });
    // The worker: another image of the same commit, pushed as a build workflow does.
    const workerTag = formatImmutableTag({
      env: 'staging',
      version: '3.1.0',
      sha: api.commit.slice(0, 7),
      ts: STAGING_TS,
    });
    const worker = await pushOciIndex(push, 'acme/worker', workerTag, {
      labels: { 'org.opencontainers.image.revision': api.commit },
    });
    await pushManifest(push, 'acme/worker', 'staging', worker.mediaType, worker.bytes);
    const workerImage = `${world.registry.host}/acme/worker`;
    const [x, y] = [`${pb.host}/prod/api`, `${pb.host}/prod/worker`];

    const r = await cli(
      [
        'promote',
        '--image',
        world.image,
        '--image',
        workerImage,
        '--to-image',
        x,
        '--to-image',
        y,
        '--repository',
        'acme/backend',
        '--json',
        ...ASALICE,
      ],
      env,
      ALICE.password,
    );
    expect({ code: r.code, stderr: r.stderr.slice(0, 2000) }).toEqual({ code: 0, stderr: expect.any(String) });
    // The progress on stderr: each image copied into its own repository, then tagged there.
    for (const [from, to] of [
      [world.image, x],
      [workerImage, y],
    ] as const) {
      expect(r.stderr).toMatch(
        new RegExp(
          `^copied ${from}@sha256:[0-9a-f]{64} into ${to} \\(\\d+ blobs streamed, \\d+ bytes, 0 present; `,
          'm',
        ),
      );
      expect(r.stderr).toContain(`created ${to}:production\n`);
    }
    const { plan, outcome, result } = JSON.parse(r.stdout);
    expect(result).toBe('promoted');
    expect(plan.toImage).toBe(x);
    expect(plan.train).toEqual([expect.objectContaining({ image: workerImage, toImage: y, digest: worker.digest })]);
    const apiTarget: string = outcome.targetTag;
    const workerTarget: string = outcome.train[0].targetTag;
    const apiTags = await productionTags('prod/api');
    const workerTags = await productionTags('prod/worker');
    expect([apiTags[apiTarget], apiTags.production]).toEqual([api.digest, api.digest]);
    expect([workerTags[workerTarget], workerTags.production]).toEqual([worker.digest, worker.digest]);
    // Nothing was written to staging.
    expect(Object.keys(await world.tagDigests()).filter((t) => t.startsWith('production'))).toEqual([]);

    const releases = world.standIn.state.releases.filter((rel) => rel.tag_name === 'v3.1.0');
    expect(releases).toHaveLength(1);
    expect(world.standIn.state.refs.get('refs/tags/v3.1.0')).toBe(api.commit);
    expect(parseLineage(releases[0]!.body)!.images).toEqual([
      { image: x, sourceImage: world.image, digest: api.digest, sourceTag: api.tag, targetTag: apiTarget },
      { image: y, sourceImage: workerImage, digest: worker.digest, sourceTag: workerTag, targetTag: workerTarget },
    ]);
    expectCredentialsApart();
  });

  describe('bad input: exit 2, the flag named, nothing read or written', () => {
    const cases: { name: string; args: (w: ReleaseWorld) => string[]; says: RegExp }[] = [
      {
        name: 'a --to-image count that does not match the --image count',
        args: (w) => [
          'promote',
          '--image',
          w.image,
          '--image',
          `${w.registry.host}/acme/worker`,
          '--to-image',
          `${pb.host}/prod/api`,
          '--repository',
          'acme/backend',
        ],
        says: /^gitops-promote promote: --to-image: ".*" is not accepted: 1 given for 2 images\. Accepted: one --to-image per --image/,
      },
      {
        name: '--signatures nope (promote)',
        args: (w) => ['promote', '--image', w.image, '--signatures', 'nope', '--repository', 'acme/backend'],
        says: /^gitops-promote promote: --signatures: "nope" is not accepted\. Accepted: copy .* or skip\n$/,
      },
      {
        name: '--signatures nope (retag)',
        args: (w) => ['retag', `${w.image}:staging`, '--to-image', `${pb.host}/prod/x`, '--signatures', 'nope', 'p'],
        says: /^gitops-promote retag: --signatures: "nope" is not accepted\. Accepted: copy .* or skip\n$/,
      },
      {
        name: 'a --to-image with a tag (plan)',
        args: (w) => ['plan', '--image', w.image, '--to-image', 'ghcr.io/x:tag', '--repository', 'acme/backend'],
        says: /^gitops-promote plan: --to-image: "ghcr\.io\/x:tag" is not accepted: .*Accepted: an image name without tag or digest/,
      },
      {
        name: 'a --to-image with a tag (promote)',
        args: (w) => ['promote', '--image', w.image, '--to-image', 'ghcr.io/x:tag', '--repository', 'acme/backend'],
        says: /^gitops-promote promote: --to-image: "ghcr\.io\/x:tag" is not accepted: /,
      },
      {
        name: 'a --to-image with a tag (retag)',
        args: (w) => ['retag', `${w.image}:staging`, '--to-image', 'ghcr.io/x:tag', 'production'],
        says: /^gitops-promote retag: --to-image: "ghcr\.io\/x:tag" is not accepted: it names a tag or digest\./,
      },
    ];
    it.each(cases)('$name', async ({ args, says }) => {
      await world.pushBuild({ version: '4.0.0', ts: STAGING_TS });
      const before = await world.state();
      const tokenRequests = world.registry.tokenServer!.requests.length;
      const r = await cli(args(world), env);
      expect(world.registry.tokenServer!.requests.length).toBe(tokenRequests);
      expect(world.standIn.requests).toEqual([]);
      expect(pb.requests).toEqual([]);
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(says);
      expect(await world.state()).toEqual(before);
    });
  });
});
