import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../packages/common/errors.js';
import { formatImageRef, imageName, parseImageRef, registryApiHost } from '../../packages/tagging/image.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const ACCEPTED =
  'Accepted: an image reference [registry[:port]/]name[:tag][@sha256:<64 hex>] with a lowercase name, e.g. ghcr.io/org/backend or nginx:1.27';

function canonical(ref: string): string {
  return formatImageRef(parseImageRef(ref));
}

describe('parseImageRef', () => {
  it('lowercases GHCR owner and name', () => {
    expect(parseImageRef('ghcr.io/Org/Backend')).toEqual({ registry: 'ghcr.io', repository: 'org/backend' });
    expect(parseImageRef('GHCR.IO/My-Org/App:Develop')).toEqual({
      registry: 'ghcr.io',
      repository: 'my-org/app',
      tag: 'Develop',
    });
  });

  it('normalises the Docker Hub forms', () => {
    for (const ref of [
      'nginx',
      'docker.io/nginx',
      'index.docker.io/nginx',
      'registry-1.docker.io/nginx',
      'docker.io/library/nginx',
    ]) {
      expect(parseImageRef(ref)).toEqual({ registry: 'docker.io', repository: 'library/nginx' });
      expect(canonical(ref)).toBe('docker.io/library/nginx');
    }
    expect(canonical('bitnami/redis:7.2')).toBe('docker.io/bitnami/redis:7.2');
    expect(canonical('index.docker.io/bitnami/redis')).toBe('docker.io/bitnami/redis');
  });

  it('recognises host:port, localhost and IP literals as registries', () => {
    expect(parseImageRef('localhost:5000/app:1.0')).toEqual({
      registry: 'localhost:5000',
      repository: 'app',
      tag: '1.0',
    });
    expect(parseImageRef('localhost/team/app')).toEqual({ registry: 'localhost', repository: 'team/app' });
    expect(parseImageRef('127.0.0.1:5000/team/app')).toEqual({ registry: '127.0.0.1:5000', repository: 'team/app' });
    expect(parseImageRef('[::1]:5000/app')).toEqual({ registry: '[::1]:5000', repository: 'app' });
    expect(parseImageRef('Registry.Example.COM/a/b/c')).toEqual({
      registry: 'registry.example.com',
      repository: 'a/b/c',
    });
  });

  it('keeps tag and digest', () => {
    expect(parseImageRef(`ghcr.io/org/app:v1@${DIGEST}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: 'v1',
      digest: DIGEST,
    });
    expect(canonical(`ghcr.io/org/app@${DIGEST}`)).toBe(`ghcr.io/org/app@${DIGEST}`);
    expect(canonical(`nginx:1.27@${DIGEST}`)).toBe(`docker.io/library/nginx:1.27@${DIGEST}`);
    expect(canonical('localhost:5000/app')).toBe('localhost:5000/app');
  });

  it('accepts the separators of the reference grammar', () => {
    expect(parseImageRef('quay.io/a.b/c_d__e---f').repository).toBe('a.b/c_d__e---f');
  });

  it('refuses upper case outside GHCR, naming the rule', () => {
    expect(() => parseImageRef('quay.io/Org/App')).toThrow(
      `image: "quay.io/Org/App" is not accepted: repository "Org/App" has upper-case letters; repository names are lowercase only. ${ACCEPTED}`,
    );
    expect(() => parseImageRef('Org/App', 'images')).toThrow(
      'images: "Org/App" is not accepted: repository "Org/App" has upper-case letters; repository names are lowercase only.',
    );
  });

  it('refuses bad digests, tags, registries and names with one InputError each', () => {
    const cases: [string, string][] = [
      ['', 'it is empty'],
      ['https://ghcr.io/org/app', 'it has a URL scheme; write the reference without it'],
      ['ghcr.io/org/app@sha256:abc', 'digest "sha256:abc" is not sha256:<64 lowercase hex> (or sha512:<128 hex>)'],
      [`ghcr.io/org/app@${DIGEST.toUpperCase()}`, 'is not sha256:<64 lowercase hex>'],
      ['ghcr.io/org/app:.bad', 'tag ".bad" does not match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}'],
      [`ghcr.io/org/app:${'t'.repeat(129)}`, 'is 129 characters long, more than 128'],
      ['bad_host.io/app', 'registry "bad_host.io" is not a host name'],
      ['ghcr.io/', 'the repository name is empty'],
      ['ghcr.io/org//app', 'does not match the reference grammar'],
      ['ghcr.io/org/app-', 'does not match the reference grammar'],
      ['quay.io/a..b', 'does not match the reference grammar'],
      [`quay.io/${'a'.repeat(250)}`, 'characters long, more than 255'],
    ];
    for (const [ref, reason] of cases) {
      let caught: unknown;
      try {
        parseImageRef(ref, '--image');
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InputError);
      const message = (caught as Error).message;
      expect(message.startsWith(`--image: ${JSON.stringify(ref)} is not accepted: `)).toBe(true);
      expect(message).toContain(reason);
      expect(message.endsWith(ACCEPTED)).toBe(true);
    }
  });
});

describe('imageName / registryApiHost', () => {
  it('gives the name without tag or digest', () => {
    expect(imageName(parseImageRef(`ghcr.io/Org/App:v1@${DIGEST}`))).toBe('ghcr.io/org/app');
    expect(imageName(parseImageRef('nginx:latest'))).toBe('docker.io/library/nginx');
  });

  it('sends Docker Hub to registry-1.docker.io and leaves others alone', () => {
    expect(registryApiHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryApiHost('index.docker.io')).toBe('registry-1.docker.io');
    expect(registryApiHost('ghcr.io')).toBe('ghcr.io');
    expect(registryApiHost('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});
