import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  convertToHostname,
  credentialHelperFor,
  decodeAuthEntry,
  dockerConfigPath,
  findConfigKey,
  readDockerConfig,
  runCredentialHelper,
} from '../../packages/registry/docker-config.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** the helper's directory first, then the system's (the scripts need cat) */
const withPath = (bin: string) => ({ PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'registry-docker-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A docker-credential-<name> script that records the server address it got on stdin. */
async function writeHelper(binDir: string, name: string, script: string): Promise<void> {
  await mkdir(binDir, { recursive: true });
  const file = path.join(binDir, `docker-credential-${name}`);
  await writeFile(
    file,
    `#!/bin/sh\nserver=$(cat)\nprintf '%s %s' "$1" "$server" > "${binDir}/${name}.called"\n${script}\n`,
  );
  await chmod(file, 0o755);
}

describe('dockerConfigPath', () => {
  it('prefers $DOCKER_CONFIG/config.json over $HOME/.docker/config.json', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/cfg', HOME: '/home/u' })).toBe(path.join('/cfg', 'config.json'));
    expect(dockerConfigPath({ HOME: '/home/u' })).toBe(path.join('/home/u', '.docker', 'config.json'));
    expect(dockerConfigPath({})).toBeUndefined();
  });
});

describe('readDockerConfig', () => {
  it('returns undefined for a missing file and a clear error for broken JSON', async () => {
    expect(await readDockerConfig(path.join(dir, 'nope.json'))).toBeUndefined();
    const file = path.join(dir, 'config.json');
    await writeFile(file, '{"auths": ');
    await expect(readDockerConfig(file)).rejects.toThrow(`the Docker config ${file} is not valid JSON`);
    await writeFile(file, '[]');
    await expect(readDockerConfig(file)).rejects.toThrow(
      `the Docker config ${file} is not a JSON object; fix it or point DOCKER_CONFIG at another directory`,
    );
  });
});

describe('auths entries', () => {
  it('splits `auth` at the first colon, so passwords may hold colons', () => {
    expect(decodeAuthEntry({ auth: b64('bot:pa:ss:word') }, 'k', 'f')).toEqual({
      username: 'bot',
      password: 'pa:ss:word',
    });
  });

  it('reads username/password, identitytoken and registrytoken', () => {
    expect(decodeAuthEntry({ username: 'u', password: 'p' }, 'k', 'f')).toEqual({ username: 'u', password: 'p' });
    expect(decodeAuthEntry({ identitytoken: 'refresh-me' }, 'k', 'f')).toEqual({ identityToken: 'refresh-me' });
    expect(decodeAuthEntry({ registrytoken: 'bearer-me', auth: '' }, 'k', 'f')).toEqual({ registryToken: 'bearer-me' });
  });

  it('refuses an `auth` without a colon and does not show it', () => {
    expect(() => decodeAuthEntry({ auth: b64('justasecret') }, 'ghcr.io', '/c.json')).toThrow(
      new Error('the Docker config /c.json: auths["ghcr.io"].auth is not base64 of user:password'),
    );
  });
});

describe('findConfigKey', () => {
  it('prefers an exact key, then a key whose hostname matches after stripping scheme and path', () => {
    const auths = { 'https://reg.example.com/v1/': {}, 'reg.example.com': {}, 'http://127.0.0.1:5000/v2/': {} };
    expect(findConfigKey(auths, 'reg.example.com')).toBe('reg.example.com');
    expect(findConfigKey(auths, '127.0.0.1:5000')).toBe('http://127.0.0.1:5000/v2/');
    expect(findConfigKey(auths, '127.0.0.1:5001')).toBeUndefined();
    expect(findConfigKey(auths, 'example.com')).toBeUndefined();
  });

  it('finds Docker Hub under https://index.docker.io/v1/ and its host aliases', () => {
    expect(findConfigKey({ 'https://index.docker.io/v1/': {} }, 'docker.io')).toBe('https://index.docker.io/v1/');
    expect(findConfigKey({ 'index.docker.io': {} }, 'docker.io')).toBe('index.docker.io');
    expect(findConfigKey({ 'https://registry-1.docker.io': {} }, 'docker.io')).toBe('https://registry-1.docker.io');
  });

  it('converts addresses to host names as docker/cli does', () => {
    expect(convertToHostname('https://Reg.Example.com:8443/v2/x')).toBe('reg.example.com:8443');
    expect(convertToHostname('ghcr.io')).toBe('ghcr.io');
  });
});

describe('credential helpers', () => {
  it('credHelpers[host] wins over credsStore, which covers the other hosts', () => {
    const config = { credHelpers: { 'ghcr.io': 'gh', 'https://index.docker.io/v1/': 'hub' }, credsStore: 'desktop' };
    expect(credentialHelperFor(config, 'ghcr.io')).toBe('gh');
    expect(credentialHelperFor(config, 'docker.io')).toBe('hub');
    expect(credentialHelperFor(config, 'quay.io')).toBe('desktop');
    expect(credentialHelperFor({ credHelpers: { 'ghcr.io': 'gh' } }, 'quay.io')).toBeUndefined();
  });

  it('runs `docker-credential-<name> get` with the server address on stdin', async () => {
    const bin = path.join(dir, 'bin');
    await writeHelper(bin, 'test', `echo '{"ServerURL":"'"$server"'","Username":"robot","Secret":"s3cret"}'`);
    const env = withPath(bin);
    expect(await runCredentialHelper('test', '127.0.0.1:5000', env)).toEqual({ username: 'robot', password: 's3cret' });
    expect(await readFile(path.join(bin, 'test.called'), 'utf8')).toBe('get 127.0.0.1:5000');
    expect(await runCredentialHelper('test', 'docker.io', env)).toEqual({ username: 'robot', password: 's3cret' });
    expect(await readFile(path.join(bin, 'test.called'), 'utf8')).toBe('get https://index.docker.io/v1/');
  });

  it('treats Username <token> as an identity token', async () => {
    const bin = path.join(dir, 'bin');
    await writeHelper(bin, 'tok', `echo '{"Username":"<token>","Secret":"refresh-xyz"}'`);
    expect(await runCredentialHelper('tok', 'reg.example.com', withPath(bin))).toEqual({
      identityToken: 'refresh-xyz',
    });
  });

  it('treats exit 1 "credentials not found" as no credentials', async () => {
    const bin = path.join(dir, 'bin');
    await writeHelper(bin, 'empty', `echo 'credentials not found in native keychain'\nexit 1`);
    expect(await runCredentialHelper('empty', 'reg.example.com', withPath(bin))).toBeUndefined();
  });

  it('fails clearly on another helper error, without echoing its stdout', async () => {
    const bin = path.join(dir, 'bin');
    await writeHelper(bin, 'broken', `echo 'keychain locked' >&2\nexit 3`);
    await expect(runCredentialHelper('broken', 'reg.example.com', withPath(bin))).rejects.toThrow(
      new Error(
        "the credential helper docker-credential-broken failed for reg.example.com with exit code 3; its output is not shown, as it may hold the password; run `echo reg.example.com | docker-credential-broken get` to see what it says and fix it (often: log in to reg.example.com again), remove it from the Docker config, or give the registry credentials directly (username and password inputs; the CLI's --username and --password-stdin)",
      ),
    );
    await writeHelper(bin, 'garbled', `echo 'password=hunter2'`);
    await expect(runCredentialHelper('garbled', 'reg.example.com', withPath(bin))).rejects.toThrow(
      new Error(
        'the credential helper docker-credential-garbled answered for reg.example.com with something that is not JSON',
      ),
    );
  });

  it('warns and returns nothing when the helper is not on PATH', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warning: (m: string) => warnings.push(m) };
    expect(await runCredentialHelper('absent', 'reg.example.com', { PATH: dir }, logger)).toBeUndefined();
    expect(warnings).toEqual([
      'the Docker config names the credential helper "absent" for reg.example.com, but docker-credential-absent is not on PATH; trying other sources',
    ]);
  });
});
