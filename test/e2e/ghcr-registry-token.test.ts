import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { pushOciImage, tokenAuth, type PushedImage } from '../support/images.js';
import { startNamedHost, type NamedHost } from '../support/named-host.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { runBundle } from '../support/run-bundle.js';
import { runCliBundle } from '../support/run-cli.js';

/*
 * Which token reaches ghcr.io. GHCR takes any user name with a token as the password
 * (https://docs.github.com/en/packages/working-with-a-github-packages-registry/working-with-the-container-registry#authenticating-with-a-personal-access-token-classic),
 * and a GitHub App installation token cannot write an organisation's packages: a workflow that
 * gives the actions an App token for releases must still push with the job's GITHUB_TOKEN. Here
 * "ghcr.io" is a real docker-registry with token auth behind an https server holding a certificate
 * for the name, reached through HTTPS_PROXY (test/support/named-host.ts); only the registry token
 * is accepted by its token server. The bundles run as the runner runs them, and the CLI as a user
 * runs it.
 */

const REGISTRY_TOKEN = 'ghs_jobTokenForPackages0123456789abcdef';
const APP_TOKEN = 'ghs_appInstallationToken9876543210fedcba';
const STAGING = 'staging-v1.4.0-abcdef0-1738860123';
const PRODUCTION = 'production-v1.4.0-abcdef0-1738861000';

let reg: TestRegistry;
let ghcr: NamedHost;
let image: PushedImage;

beforeAll(async () => {
  reg = await startRegistry({ kind: 'token', username: 'x-access-token', password: REGISTRY_TOKEN });
  const tokens = reg.tokenServer!;
  image = await pushOciImage(
    { url: reg.url, authorization: tokenAuth(tokens, 'x-access-token', REGISTRY_TOKEN) },
    'acme/backend',
    STAGING,
  );
  ghcr = await startNamedHost('ghcr.io', [
    { prefix: '/token', upstream: tokens.url },
    {
      prefix: '/v2/',
      upstream: reg.url,
      // GHCR names its own host as the realm (https://ghcr.io/token)
      rewriteHeader: (name, value) =>
        name === 'www-authenticate' ? value.replace(tokens.realm, 'https://ghcr.io/token') : value,
    },
  ]);
});
afterAll(async () => {
  await ghcr?.stop();
  await reg?.stop();
});
beforeEach(() => {
  ghcr.requests.length = 0;
  ghcr.refused.length = 0;
  reg.tokenServer!.requests.length = 0;
});

const basic = (password: string) => `Basic ${Buffer.from(`x-access-token:${password}`).toString('base64')}`;

/** Every Authorization header ghcr.io received, and proof that no other host was asked for. */
function credentialsSent(): string[] {
  expect(ghcr.refused).toEqual([]);
  return [...new Set(ghcr.requests.map((r) => r.headers.authorization).filter((a): a is string => !!a))];
}

function cli(args: string[], env: Record<string, string>) {
  return runCliBundle(args, { env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env } });
}

describe('the ghcr.io credential is the registry token, apart from the GitHub token', () => {
  it('dist/retag: registry-token is sent to ghcr.io and the App token given as github-token is not', async () => {
    const r = await runBundle('retag', {
      inputs: {
        source: `ghcr.io/acme/backend:${STAGING}`,
        tags: PRODUCTION,
        'registry-token': REGISTRY_TOKEN,
        'github-token': APP_TOKEN,
      },
      env: ghcr.env(),
    });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.digest).toBe(image.digest);
    expect(credentialsSent().filter((a) => a.startsWith('Basic '))).toEqual([basic(REGISTRY_TOKEN)]);
    for (const request of ghcr.requests) expect(JSON.stringify(request.headers)).not.toContain(APP_TOKEN);
    expect(`${r.stdout}${r.stderr}`.replace(/^::add-mask::.*$/gm, '')).not.toContain(REGISTRY_TOKEN);
  });

  it('dist/retag without registry-token: github-token stays the ghcr.io credential, as before the input existed', async () => {
    const r = await runBundle('retag', {
      inputs: { source: `ghcr.io/acme/backend:${STAGING}`, tags: PRODUCTION, 'github-token': REGISTRY_TOKEN },
      env: ghcr.env(),
    });
    expect(r.errors).toEqual([]);
    expect(credentialsSent().filter((a) => a.startsWith('Basic '))).toEqual([basic(REGISTRY_TOKEN)]);
  });

  it('dist/retag with only the App token: ghcr.io refuses it, and the error names the token to check', async () => {
    const r = await runBundle('retag', {
      inputs: { source: `ghcr.io/acme/backend:${STAGING}`, tags: PRODUCTION, 'registry-token': APP_TOKEN },
      env: ghcr.env(),
    });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('the token server https://ghcr.io/token answered 401');
    expect(r.errors[0]).toContain('registry-token');
    expect(r.errors[0]).not.toContain(APP_TOKEN);
  });

  it('dist/compute-tags applying tags by digest: registry-token (default github.token) reaches ghcr.io, github-token does not', async () => {
    const r = await runBundle('compute-tags', {
      inputs: {
        images: 'ghcr.io/acme/backend',
        environment: 'staging',
        version: '1.4.0',
        sha: 'abcdef0123456789abcdef0123456789abcdef01',
        digest: image.digest,
        'github-token': APP_TOKEN,
      },
      // the job token the runner hands to `${{ github.token }}`, registry-token's default
      env: { ...ghcr.env(), GITHUB_TOKEN: REGISTRY_TOKEN },
    });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);
    expect(credentialsSent().filter((a) => a.startsWith('Basic '))).toEqual([basic(REGISTRY_TOKEN)]);
    for (const request of ghcr.requests) expect(JSON.stringify(request.headers)).not.toContain(APP_TOKEN);
    expect(ghcr.requests.some((q) => q.method === 'PUT' && q.path.includes('/manifests/staging-v1.4.0-abcdef0-'))).toBe(
      true,
    );
  });

  it('the CLI: REGISTRY_TOKEN goes to ghcr.io before GITHUB_TOKEN', async () => {
    const r = await cli(['retag', `ghcr.io/acme/backend:${STAGING}`, PRODUCTION, '--dry-run'], {
      ...ghcr.env(),
      REGISTRY_TOKEN,
      GITHUB_TOKEN: APP_TOKEN,
    });
    expect(r.stderr).toBe('dry run: nothing was written\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`digest ${image.digest}`);
    expect(credentialsSent().filter((a) => a.startsWith('Basic '))).toEqual([basic(REGISTRY_TOKEN)]);
    for (const request of ghcr.requests) expect(JSON.stringify(request.headers)).not.toContain(APP_TOKEN);
  });
});
