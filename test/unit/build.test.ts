import { describe, expect, it } from '@jest/globals';
import { computeBuild, type BuildRequest, type BuildServices } from '../../packages/promotion/build.js';
import type { RunnerContext } from '../../packages/github/context.js';
import { parseBranchMap } from '../../packages/tagging/branches.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const ctx = (over: Partial<RunnerContext> = {}): RunnerContext => ({
  eventName: 'push',
  branch: 'develop',
  sha: SHA,
  repository: 'Org/Backend',
  serverUrl: 'https://github.com',
  ...over,
});
const req = (over: Partial<BuildRequest> = {}): BuildRequest => ({
  images: ['ghcr.io/Org/Backend'],
  branchEnvironments: 'develop=develop\nmain=staging',
  version: '1.4.2',
  timestamp: '1738860123',
  ...over,
});
const services = (over: Partial<BuildServices> = {}): BuildServices => ({ nowSeconds: () => 1738860000, ...over });

describe('computeBuild', () => {
  it('gives the exact tags of a develop build, GHCR name lower-cased', async () => {
    const b = await computeBuild(req(), ctx(), services());
    expect(b.environment).toBe('develop');
    expect(b.tags.refs).toEqual([
      'ghcr.io/org/backend:develop',
      'ghcr.io/org/backend:develop-v1.4.2-a1b2c3d-1738860123',
      'ghcr.io/org/backend:a1b2c3d',
    ]);
    expect(b.fluxPattern).toBe('^develop-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$');
    expect(b.labels).toEqual({
      'org.opencontainers.image.created': '2025-02-06T16:42:03.000Z',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.source': 'https://github.com/Org/Backend',
      'org.opencontainers.image.title': 'Backend',
      'org.opencontainers.image.url': 'https://github.com/Org/Backend',
      'org.opencontainers.image.version': '1.4.2',
    });
  });

  it('maps main to staging and tags every image', async () => {
    const b = await computeBuild(
      req({ images: ['ghcr.io/org/backend', 'docker.io/org/backend'], sha: SHA.toUpperCase(), shaLength: 10 }),
      ctx({ branch: 'main' }),
      services(),
    );
    expect(b.tags.refs).toEqual([
      'ghcr.io/org/backend:staging',
      'ghcr.io/org/backend:staging-v1.4.2-a1b2c3d4e5-1738860123',
      'ghcr.io/org/backend:a1b2c3d4e5',
      'docker.io/org/backend:staging',
      'docker.io/org/backend:staging-v1.4.2-a1b2c3d4e5-1738860123',
      'docker.io/org/backend:a1b2c3d4e5',
    ]);
    expect(b.commit).toBe(SHA);
  });

  it('refuses an unmapped branch, naming the map', async () => {
    await expect(computeBuild(req(), ctx({ branch: 'feature/x' }), services())).rejects.toThrow(
      'environment: "" is not accepted: branch "feature/x" is not in branch-environments. Accepted: an explicit environment, or a push to a mapped branch (branch-environments: develop=develop, main=staging)',
    );
  });

  it('checks every input before any I/O', async () => {
    let calls = 0;
    const s = services({
      resolveVersion: async () => {
        calls++;
        return '9.9.9';
      },
      listTags: async () => {
        calls++;
        return [];
      },
    });
    await expect(
      computeBuild(req({ version: undefined, timestamp: undefined, sha: 'xyz1234' }), ctx(), s),
    ).rejects.toThrow(/^sha: "xyz1234"/);
    await expect(computeBuild(req({ version: undefined, timestamp: '1738860123000' }), ctx(), s)).rejects.toThrow(
      /milliseconds/,
    );
    await expect(computeBuild(req({ images: ['ghcr.io/org/backend:latest'] }), ctx(), s)).rejects.toThrow(/^images: /);
    expect(calls).toBe(0);
  });

  it('takes the version from the repository when none is given', async () => {
    const b = await computeBuild(
      req({ version: undefined, initialVersion: '1.0.0' }),
      ctx(),
      services({ resolveVersion: async (init) => `${init}-x`.replace('-x', '') }),
    );
    expect(b.version).toBe('1.0.0');
    expect(b.versionSource).toBe('repository');
  });

  it('never ties a timestamp with an existing tag of the environment', async () => {
    const existing = ['develop-v1.4.1-0000000-1738860500', 'staging-v1.4.1-0000000-1738869999', 'develop', 'a1b2c3d'];
    const b = await computeBuild(req({ timestamp: undefined }), ctx(), services({ listTags: async () => existing }));
    expect(b.timestamp).toBe(1738860501);
    expect(b.timestampSource).toBe('registry');
    const later = await computeBuild(
      req({ timestamp: undefined }),
      ctx(),
      services({ nowSeconds: () => 1738870000, listTags: async () => existing }),
    );
    expect(later.timestamp).toBe(1738870000);
    expect(later.timestampSource).toBe('clock');
  });

  it('falls back to the clock with a warning when the registry cannot be read', async () => {
    const warnings: string[] = [];
    const b = await computeBuild(
      req({ timestamp: undefined }),
      ctx(),
      services({
        listTags: async () => {
          throw new Error('401 UNAUTHORIZED');
        },
        logger: { debug() {}, info() {}, warning: (m) => warnings.push(m) },
      }),
    );
    expect(b.timestamp).toBe(1738860000);
    expect(warnings).toEqual([
      'could not read the tags of ghcr.io/org/backend (401 UNAUTHORIZED); timestamp from the clock',
    ]);
  });
});

describe('parseBranchMap', () => {
  it('parses lines and commas', () => {
    expect([...parseBranchMap('develop=develop, main=staging\nrelease = prod')]).toEqual([
      ['develop', 'develop'],
      ['main', 'staging'],
      ['release', 'prod'],
    ]);
  });
  it('refuses an environment with a dash and a line without =', () => {
    expect(() => parseBranchMap('main=pre-prod')).toThrow(/^branch-environments: "pre-prod"/);
    expect(() => parseBranchMap('main')).toThrow(
      'branch-environments: "main" is not accepted. Accepted: lines of the form branch=environment, e.g. "main=staging"',
    );
  });
});
