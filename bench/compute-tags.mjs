// Issue 3: a cold run of the compute-tags bundle against a bare `node -e 0`, in the same run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compare } from './measure.mjs';

export async function benchComputeTags({ root, runs = 15 }) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ct-'));
  const output = join(dir, 'output');
  writeFileSync(output, '');
  // The same three tags docker/metadata-action would compute for one image; no network, as for it.
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: output,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/develop',
    GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    GITHUB_REPOSITORY: 'org/backend',
    INPUT_IMAGES: 'ghcr.io/org/backend',
    INPUT_VERSION: '1.4.2',
    INPUT_TIMESTAMP: '1738860123',
    'INPUT_BRANCH-ENVIRONMENTS': 'develop=develop\nmain=staging',
    'INPUT_SHA-LENGTH': '7',
  };
  const result = compare(
    {
      'node -e 0': { argv: [process.execPath, '-e', '0'], env },
      'compute-tags bundle': { argv: [process.execPath, join(root, 'dist/compute-tags/index.js')], env },
    },
    runs,
  );
  rmSync(dir, { recursive: true, force: true });
  const base = result['node -e 0'];
  const ours = result['compute-tags bundle'];
  return {
    name: 'compute-tags cold run',
    runs,
    rows: [
      { what: 'node -e 0', wallMs: base.wallMs, rssMiB: base.rssKiB / 1024 },
      { what: 'dist/compute-tags/index.js', wallMs: ours.wallMs, rssMiB: ours.rssKiB / 1024 },
    ],
    ratios: { wall: ours.wallMs / base.wallMs, memory: ours.rssKiB / base.rssKiB },
    targets: { wall: 2.0, memory: 1.6 },
  };
}
