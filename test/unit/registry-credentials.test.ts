import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '../../packages/common/errors.js';
import { resolveCredentials } from '../../packages/registry/credentials.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

let dir: string;
let configDir: string;
let bin: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-credentials-'));
  configDir = path.join(dir, 'docker');
  bin = path.join(dir, 'bin');
  await mkdir(configDir);
  await mkdir(bin);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  DOCKER_CONFIG: configDir,
  HOME: path.join(dir, 'home'),
  PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
  ...extra,
});
const writeConfig = (config: object) => writeFile(path.join(configDir, 'config.json'), JSON.stringify(config));
async function writeHelper(name: string, body: string): Promise<void> {
  const file = path.join(bin, `docker-credential-${name}`);
  await writeFile(file, `#!/bin/sh\nserver=$(cat)\n${body}\n`);
  await chmod(file, 0o755);
}

describe('resolveCredentials', () => {
  it('uses explicit username/password first', async () => {
    await writeConfig({ auths: { '127.0.0.1:5000': { auth: b64('cfg:cfgpass') } } });
    expect(
      await resolveCredentials({ registry: '127.0.0.1:5000', username: 'bot', password: 'p:w', env: env() }),
    ).toEqual({
      username: 'bot',
      password: 'p:w',
      source: 'input',
    });
  });

  it('requires username and password together, never showing the password', async () => {
    const noPassword = resolveCredentials({ registry: 'ghcr.io', username: 'bot', password: '', env: env() });
    await expect(noPassword).rejects.toThrow(InputError);
    await expect(noPassword).rejects.toThrow(
      'password: *** is not accepted: username "bot" is set but password is empty. Accepted: a password or token together with username',
    );
    const noUser = resolveCredentials({ registry: 'ghcr.io', password: 'ghp_secretvalue', env: env() });
    await expect(noUser).rejects.toThrow(
      'username: "" is not accepted: password is set but username is empty. Accepted: a user name together with password',
    );
    await noUser.catch((err: Error) => expect(err.message).not.toContain('ghp_secretvalue'));
  });

  it('reads the Docker config `auths` next, by exact key or host name', async () => {
    await writeConfig({
      auths: {
        'https://127.0.0.1:5000/v2/': { auth: b64('cfg:cfg:pass') },
        'reg.example.com': { username: 'u', password: 'p' },
      },
    });
    expect(await resolveCredentials({ registry: '127.0.0.1:5000', env: env() })).toEqual({
      username: 'cfg',
      password: 'cfg:pass',
      source: 'docker-config',
    });
    expect(await resolveCredentials({ registry: 'reg.example.com', env: env() })).toEqual({
      username: 'u',
      password: 'p',
      source: 'docker-config',
    });
  });

  it('falls back to $HOME/.docker/config.json when DOCKER_CONFIG is unset', async () => {
    await mkdir(path.join(dir, 'home', '.docker'), { recursive: true });
    await writeFile(
      path.join(dir, 'home', '.docker', 'config.json'),
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub:hubpass') } } }),
    );
    const e = env();
    delete e.DOCKER_CONFIG;
    expect(await resolveCredentials({ registry: 'docker.io', env: e })).toEqual({
      username: 'hub',
      password: 'hubpass',
      source: 'docker-config',
    });
  });

  it('asks credHelpers[host] before credsStore and before auths', async () => {
    await writeHelper('specific', `echo '{"Username":"specific-user","Secret":"specific-secret"}'`);
    await writeHelper('store', `echo '{"Username":"store-user","Secret":"store-secret"}'`);
    await writeConfig({
      auths: { 'ghcr.io': { auth: b64('file:filepass') }, 'quay.io': {} },
      credHelpers: { 'ghcr.io': 'specific' },
      credsStore: 'store',
    });
    expect(await resolveCredentials({ registry: 'ghcr.io', env: env() })).toEqual({
      username: 'specific-user',
      password: 'specific-secret',
      source: 'credential-helper',
    });
    expect(await resolveCredentials({ registry: 'quay.io', env: env() })).toEqual({
      username: 'store-user',
      password: 'store-secret',
      source: 'credential-helper',
    });
  });

  it('moves on when the helper says "credentials not found": to auths, then GITHUB_TOKEN for ghcr.io, then anonymous', async () => {
    await writeHelper('empty', `echo 'credentials not found in native keychain'\nexit 1`);
    await writeConfig({ auths: { 'reg.example.com': { identitytoken: 'refresh-1' } }, credsStore: 'empty' });
    expect(await resolveCredentials({ registry: 'reg.example.com', env: env() })).toEqual({
      identityToken: 'refresh-1',
      source: 'docker-config',
    });
    expect(await resolveCredentials({ registry: 'ghcr.io', env: env({ GITHUB_TOKEN: 'ghs_abc' }) })).toEqual({
      username: 'x-access-token',
      password: 'ghs_abc',
      source: 'github-token',
    });
    expect(await resolveCredentials({ registry: 'quay.io', env: env({ GITHUB_TOKEN: 'ghs_abc' }) })).toEqual({
      source: 'anonymous',
    });
  });

  it('uses GITHUB_TOKEN (or the githubToken option) only for ghcr.io, and is anonymous with nothing configured', async () => {
    expect(await resolveCredentials({ registry: 'ghcr.io', env: env(), githubToken: 'ghs_input' })).toEqual({
      username: 'x-access-token',
      password: 'ghs_input',
      source: 'github-token',
    });
    expect(await resolveCredentials({ registry: '127.0.0.1:5000', env: env({ GITHUB_TOKEN: 'ghs_abc' }) })).toEqual({
      source: 'anonymous',
    });
    expect(await resolveCredentials({ registry: 'ghcr.io', env: env() })).toEqual({ source: 'anonymous' });
  });

  it('ignores an auths entry that holds no credentials', async () => {
    await writeConfig({ auths: { 'ghcr.io': {} } });
    expect(await resolveCredentials({ registry: 'ghcr.io', env: env({ GITHUB_TOKEN: 'ghs_abc' }) })).toMatchObject({
      source: 'github-token',
    });
  });
});
