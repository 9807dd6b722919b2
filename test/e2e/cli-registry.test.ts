import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistryClient } from '../../packages/registry/client.js';
import { basicAuth, MediaType, pushDockerManifestList, pushOciImage, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { runCliBundle } from '../support/run-cli.js';

const STAGING = 'staging-v3.0.0-abcdef0-1738860123';
const PRODUCTION = 'production-v3.0.0-abcdef0-1738861000';

/** The bundled CLI as a user runs it, with a clean environment (no Docker config, no GITHUB_TOKEN). */
function cli(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  return runCliBundle(args, {
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...opts.env },
    ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
  });
}

describe('gitops-promote retag and latest --image against a registry without auth', () => {
  let reg: TestRegistry;
  let image: PushedImage;
  let older: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'none' });
    image = await pushDockerManifestList({ url: reg.url }, 'acme/backend', STAGING);
    older = await pushOciImage({ url: reg.url }, 'acme/backend', 'staging-v2.9.0-1234567-1738000000');
  });
  afterAll(async () => reg?.stop());

  it('copies the source to each tag, printing the states and the digest', async () => {
    const r = await cli(['retag', `${reg.host}/acme/backend:${STAGING}`, PRODUCTION, 'production']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `created ${reg.host}/acme/backend:${PRODUCTION}\ncreated ${reg.host}/acme/backend:production\ndigest ${image.digest}\n`,
    );
    const again = await cli(['retag', `${reg.host}/acme/backend:${STAGING}`, PRODUCTION, 'production']);
    expect(again.stdout).toBe(
      `unchanged ${reg.host}/acme/backend:${PRODUCTION}\nunchanged ${reg.host}/acme/backend:production\ndigest ${image.digest}\n`,
    );
    const copy = await new RegistryClient(reg.host).getManifest('acme/backend', 'production');
    expect([copy.digest, copy.mediaType, copy.bytes.equals(image.bytes)]).toEqual([
      image.digest,
      MediaType.dockerManifestList,
      true,
    ]);
  });

  it('moves an alias, prints JSON with --json, and writes nothing with --dry-run', async () => {
    const dry = await cli(['retag', '--dry-run', `${reg.host}/acme/backend@${older.digest}`, 'production']);
    expect(dry.stdout).toBe(
      `would move ${reg.host}/acme/backend:production (was ${image.digest})\ndigest ${older.digest}\n`,
    );
    expect(dry.stderr).toBe('dry run: nothing was written\n');
    expect((await new RegistryClient(reg.host).headManifest('acme/backend', 'production'))!.digest).toBe(image.digest);

    const r = await cli(['retag', '--json', `${reg.host}/acme/backend@${older.digest}`, 'production']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      source: `${reg.host}/acme/backend@${older.digest}`,
      digest: older.digest,
      mediaType: MediaType.ociManifest,
      dryRun: false,
      copies: [],
      targets: [
        {
          ref: `${reg.host}/acme/backend:production`,
          repository: 'acme/backend',
          tag: 'production',
          state: 'moved',
          previousDigest: image.digest,
        },
      ],
    });
  });

  it('exits 1 on the immutability guard, 2 on bad input', async () => {
    const refused = await cli(['retag', `${reg.host}/acme/backend@${older.digest}`, PRODUCTION]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `gitops-promote retag: immutable tag refused: ${reg.host}/acme/backend:${PRODUCTION} already points at ${image.digest}, not ${older.digest}. ` +
        'An <env>-v… tag never moves to another digest (only the aliases do): promote under a new tag with a newer timestamp. Nothing was written.\n',
    );
    const bad = await cli(['retag', `${reg.host}/acme/backend:${STAGING}`, `${reg.host}/acme/other@${older.digest}`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^gitops-promote retag: TAG: ".*\/acme\/other@sha256:[0-9a-f]{64}" is not accepted: a target is a tag, not a digest/,
    );
    const usage = await cli(['retag', `${reg.host}/acme/backend:${STAGING}`]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe(
      'gitops-promote retag: retag needs a SOURCE and at least one TAG (gitops-promote help retag): got no TAG\n',
    );
  });

  it("latest --image lists the registry's tags and prints Flux's pick", async () => {
    const r = await cli(['latest', '--image', `${reg.host}/acme/backend`, '--env', 'staging']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${STAGING}\n`);
    const prod = await cli(['latest', '--image', `${reg.host}/acme/backend`, '--env', 'production']);
    expect(prod.stdout).toBe(`${PRODUCTION}\n`);
    const none = await cli(['latest', '--image', `${reg.host}/acme/backend`, '--env', 'develop']);
    expect(none.code).toBe(1);
  });
});

describe('gitops-promote retag and latest with credentials', () => {
  const USER = 'cli-user';
  const PASSWORD = 'cli-registry-password';
  let reg: TestRegistry;
  let image: PushedImage;
  beforeAll(async () => {
    reg = await startRegistry({ kind: 'htpasswd', username: USER, password: PASSWORD });
    image = await pushOciImage({ url: reg.url, authorization: basicAuth(USER, PASSWORD) }, 'acme/backend', STAGING);
  });
  afterAll(async () => reg?.stop());

  it('takes --username with --password-stdin, or REGISTRY_USERNAME/REGISTRY_PASSWORD', async () => {
    const r = await cli(
      ['retag', '--username', USER, '--password-stdin', `${reg.host}/acme/backend:${STAGING}`, 'production'],
      {
        stdin: `${PASSWORD}\n`,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`created ${reg.host}/acme/backend:production\ndigest ${image.digest}\n`);
    const env = { REGISTRY_USERNAME: USER, REGISTRY_PASSWORD: PASSWORD };
    const latest = await cli(['latest', '--image', `${reg.host}/acme/backend`, '--env', 'staging'], { env });
    expect(latest.stdout).toBe(`${STAGING}\n`);
    const anonymous = await cli(['retag', `${reg.host}/acme/backend:${STAGING}`, 'latest']);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toBe(
      `gitops-promote retag failed: getting manifest ${reg.host}/acme/backend:${STAGING}: 401 UNAUTHORIZED authentication required — no credentials for ${reg.host}: pass username and password, log in with docker login\n`,
    );
    for (const out of [r.stdout, r.stderr, latest.stdout, latest.stderr, anonymous.stderr])
      expect(out).not.toContain(PASSWORD);
  });
});
