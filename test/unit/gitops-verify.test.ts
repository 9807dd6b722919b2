import { describe, expect, it } from '@jest/globals';
import { parseManifests, type GitOpsManifests } from '../../packages/gitops/manifests.js';
import { verifyManifests, type VerifyReport } from '../../packages/gitops/verify.js';
import { fluxPattern } from '../../packages/tagging/tags.js';

const IMAGE = 'ghcr.io/acme/backend';
const OLD = 'production-v1.0.0-abcdef0-1738863000';
const NEW = 'production-v1.0.1-bcdef01-1738864000';
const TAGS = [OLD, NEW, 'production', 'abcdef0', 'staging-v1.0.1-bcdef01-1738862000'];
const digestOf = (tag: string) => `sha256:${Buffer.from(tag).toString('hex').padEnd(64, '0').slice(0, 64)}`;

const REPOSITORY = `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata: { name: backend, namespace: flux-system }
spec: { image: ${IMAGE} }
`;

function policy(spec: string, name = 'backend-production', extra = ''): string {
  return `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: ${name}
  namespace: flux-system
${extra}spec:
  imageRepositoryRef: { name: backend }
${spec}`;
}

const NUMERICAL = policy(`  filterTags:
    pattern: '${fluxPattern('production')}'
    extract: '$ts'
  policy: { numerical: { order: asc } }
`);

const AUTOMATION = `apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata: { name: backend-production, namespace: flux-system }
spec:
  interval: 30m
  sourceRef: { kind: GitRepository, name: image-automation }
  update: { path: ./apps/production }
`;

const marker = (value: string, setter = 'flux-system:backend-production') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: backend }\nspec:\n  template:\n    spec:\n      containers:\n        - name: backend\n          image: ${value} # {"$imagepolicy": "${setter}"}\n`;

function repo(files: Record<string, string>): GitOpsManifests {
  const all: GitOpsManifests = { repositories: [], policies: [], automations: [], markers: [], problems: [] };
  for (const [file, text] of Object.entries(files)) {
    const m = parseManifests(text, file);
    all.repositories.push(...m.repositories);
    all.policies.push(...m.policies);
    all.automations.push(...m.automations);
    all.markers.push(...m.markers);
    all.problems.push(...m.problems);
  }
  return all;
}

const BASE = {
  'infra/repo.yaml': REPOSITORY,
  'apps/production/policy.yaml': NUMERICAL,
  'apps/production/automation.yaml': AUTOMATION,
  'apps/production/deploy.yaml': marker(`${IMAGE}:${NEW}`),
};

async function verify(files: Record<string, string | undefined>, tags: string[] = TAGS): Promise<VerifyReport> {
  const present = Object.fromEntries(
    Object.entries({ ...BASE, ...files }).filter(([, t]) => t !== undefined),
  ) as Record<string, string>;
  return verifyManifests(repo(present), IMAGE, tags, async (tag) => (tags.includes(tag) ? digestOf(tag) : undefined));
}

const kinds = (r: VerifyReport) => r.drift.map((d) => d.kind);

describe('verifyManifests', () => {
  it('agrees when the marker holds the pick; environment from the pattern, digests by tag', async () => {
    const r = await verify({});
    expect(r.drift).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.environments).toEqual([
      {
        environment: 'production',
        policy: 'flux-system/backend-production',
        at: 'apps/production/policy.yaml:1',
        pick: { tag: NEW, digest: digestOf(NEW), ties: [] },
        markers: [
          {
            at: 'apps/production/deploy.yaml:9',
            setter: 'flux-system:backend-production',
            form: 'image',
            git: `${IMAGE}:${NEW}`,
            gitTag: NEW,
            gitDigest: digestOf(NEW),
            expected: `${IMAGE}:${NEW}`,
            agrees: true,
          },
        ],
        automations: [
          { name: 'flux-system/backend-production', at: 'apps/production/automation.yaml:1', suspended: false },
        ],
        drift: [],
      },
    ]);
  });

  it('compares the :tag, :name and :digest forms with what the automation writes', async () => {
    const text = `a: ${NEW} # {"$imagepolicy": "flux-system:backend-production:tag"}
b: ${IMAGE} # {"$imagepolicy": "flux-system:backend-production:name"}
c: "" # {"$imagepolicy": "flux-system:backend-production:digest"}
`;
    const r = await verify({ 'apps/production/parts.yaml': text });
    expect(r.drift).toEqual([]);
    expect(r.environments[0]!.markers.map((m) => [m.form, m.expected, m.agrees])).toEqual([
      ['image', `${IMAGE}:${NEW}`, true],
      ['tag', NEW, true],
      ['name', IMAGE, true],
      ['digest', '', true],
    ]);
  });

  it('with digest reflection the full form and :digest carry the digest', async () => {
    const reflecting = NUMERICAL + '  digestReflectionPolicy: IfNotPresent\n';
    const bare = await verify({ 'apps/production/policy.yaml': reflecting });
    expect(kinds(bare)).toEqual(['marker-mismatch']);
    expect(bare.drift[0]!.message).toBe(
      `{"$imagepolicy": "flux-system:backend-production"} holds "${IMAGE}:${NEW}"; Flux would write "${IMAGE}:${NEW}@${digestOf(NEW)}" (the same digest)`,
    );
    const pinned = await verify({
      'apps/production/policy.yaml': reflecting,
      'apps/production/deploy.yaml': marker(`${IMAGE}:${NEW}@${digestOf(NEW)}`),
      'apps/production/d.yaml': `d: "${digestOf(NEW)}" # {"$imagepolicy": "flux-system:backend-production:digest"}\n`,
    });
    expect(pinned.drift).toEqual([]);
  });

  it('stalled: an older tag of the environment; marker-mismatch: anything else', async () => {
    const older = await verify({ 'apps/production/deploy.yaml': marker(`${IMAGE}:${OLD}`) });
    expect(older.drift.map((d) => [d.kind, d.environment, d.at])).toEqual([
      ['stalled', 'production', 'apps/production/deploy.yaml:9'],
    ]);
    const newer = 'production-v1.0.2-cdef012-1738869999';
    const unknown = await verify({ 'apps/production/deploy.yaml': marker(`${IMAGE}:${newer}`) });
    expect(unknown.drift.map((d) => [d.kind, d.message])).toEqual([
      [
        'marker-mismatch',
        `{"$imagepolicy": "flux-system:backend-production"} holds "${IMAGE}:${newer}"; Flux would write "${IMAGE}:${NEW}" (${newer} is not in the registry)`,
      ],
    ]);
    const otherImage = await verify({ 'apps/production/deploy.yaml': marker(`ghcr.io/acme/other:${NEW}`) });
    expect(kinds(otherImage)).toEqual(['marker-mismatch']);
    expect(otherImage.environments[0]!.markers[0]!.gitTag).toBeUndefined();
  });

  it('suspended: the automation, the policy and the image repository each', async () => {
    const r = await verify({
      'apps/production/automation.yaml': AUTOMATION.replace('spec:\n', 'spec:\n  suspend: true\n'),
      'apps/production/policy.yaml': NUMERICAL + '  suspend: true\n',
      'infra/repo.yaml': REPOSITORY.replace('spec: {', 'spec: { suspend: true,'),
    });
    expect(r.drift.map((d) => [d.kind, d.at])).toEqual([
      ['suspended', 'apps/production/policy.yaml:1'],
      ['suspended', 'apps/production/policy.yaml:1'],
      ['suspended', 'apps/production/automation.yaml:1'],
    ]);
    expect(r.drift.map((d) => d.message.split(':')[0])).toEqual([
      'ImagePolicy flux-system/backend-production has spec.suspend',
      'ImageRepository flux-system/backend has spec.suspend',
      'ImageUpdateAutomation flux-system/backend-production has spec.suspend',
    ]);
  });

  it('stalled: conditions of an exported automation', async () => {
    const exported =
      AUTOMATION +
      'status:\n  conditions:\n    - { type: Ready, status: "False", reason: GitOperationFailed, message: push refused }\n';
    const r = await verify({ 'apps/production/automation.yaml': exported });
    expect(r.drift.map((d) => [d.kind, d.message])).toEqual([
      [
        'stalled',
        'ImageUpdateAutomation flux-system/backend-production reports Ready=False (GitOperationFailed): push refused',
      ],
    ]);
  });

  it('no-automation: none at all, one for another folder, one whose selector leaves the policy out', async () => {
    expect(kinds(await verify({ 'apps/production/automation.yaml': undefined }))).toEqual(['no-automation']);
    expect(
      kinds(
        await verify({ 'apps/production/automation.yaml': AUTOMATION.replace('./apps/production', './apps/staging') }),
      ),
    ).toEqual(['no-automation']);
    const selecting = AUTOMATION + '  policySelector: { matchLabels: { env: staging } }\n';
    const r = await verify({ 'apps/production/automation.yaml': selecting });
    expect(r.drift[0]!.message).toBe(
      'no ImageUpdateAutomation in namespace flux-system covers apps/production/deploy.yaml (spec.update.path) and selects ImagePolicy flux-system/backend-production (spec.policySelector): Flux never updates this marker',
    );
    // An automation of another namespace does not use this namespace's policies.
    expect(
      kinds(
        await verify({
          'apps/production/automation.yaml': AUTOMATION.replace('namespace: flux-system', 'namespace: apps'),
        }),
      ),
    ).toEqual(['no-automation']);
  });

  it('missing-policy: an unknown policy and a malformed setter', async () => {
    const r = await verify({
      'apps/production/x.yaml': 'a: b # {"$imagepolicy": "flux-system:nope"}\nc: d # {"$imagepolicy": "nope"}\n',
    });
    expect(r.drift.map((d) => [d.kind, d.at])).toEqual([
      ['missing-policy', 'apps/production/x.yaml:1'],
      ['missing-policy', 'apps/production/x.yaml:2'],
    ]);
    expect(r.drift[1]!.message).toBe(
      'the marker {"$imagepolicy": "nope"} is not <namespace>:<policy> with an optional :tag, :name or :digest: Flux never updates this field',
    );
  });

  it('millisecond-tag: a 13-digit timestamp passes the filter and outranks every build', async () => {
    const ms = 'production-v0.9.0-0123456-1738863000000';
    const r = await verify({}, [...TAGS, ms]);
    expect(r.drift.map((d) => d.kind).sort()).toEqual(['millisecond-tag', 'stalled']);
    expect(r.drift.find((d) => d.kind === 'millisecond-tag')!.message).toBe(
      `ImagePolicy flux-system/backend-production is misled by ${ms}: a timestamp of more than 10 digits (milliseconds?) outranks every tag in seconds, so no new build is picked until it is deleted from the registry`,
    );
    expect(r.environments[0]!.pick!.tag).toBe(ms);
  });

  it('alphabetical-order, descending-order, semver-order: policies that do not pick the newest build', async () => {
    const alphabetical = NUMERICAL.replace('numerical: { order: asc }', 'alphabetical: {}');
    expect(kinds(await verify({ 'apps/production/policy.yaml': alphabetical }))).toEqual(['alphabetical-order']);
    const desc = NUMERICAL.replace('order: asc', 'order: DESC');
    const r = await verify({ 'apps/production/policy.yaml': desc });
    // desc picks the oldest build, so the marker holding the newest one is "newer than the pick".
    expect(kinds(r)).toEqual(['descending-order', 'marker-mismatch']);
    expect(r.environments[0]!.pick!.tag).toBe(OLD);
    const semver = policy(`  filterTags:
    pattern: '^production-v(?P<v>[0-9]+\\.[0-9]+\\.[0-9]+)-[a-f0-9]+-[0-9]+$'
    extract: '$v'
  policy: { semver: { range: '>=1.0.0' } }
`);
    expect(kinds(await verify({ 'apps/production/policy.yaml': semver }))).toEqual(['semver-order']);
  });

  it('tie: different strings of equal value, which Flux picks among at random', async () => {
    const twin = 'production-v1.0.2-cdef012-01738864000';
    const r = await verify({}, [...TAGS, twin]);
    expect(kinds(r)).toEqual(['tie']);
    expect(r.drift[0]!.message).toBe(
      `ImagePolicy flux-system/backend-production: ${NEW}, ${twin} have the same value (1738864000) as different strings; Flux picks among them at random`,
    );
  });

  it('invalid-policy: Flux stalls it; no-pick: nothing matches today', async () => {
    const lookahead = NUMERICAL.replace("'^production-v", "'^(?=p)production-v");
    const invalid = await verify({ 'apps/production/policy.yaml': lookahead });
    expect(kinds(invalid)).toEqual(['invalid-policy']);
    expect(invalid.drift[0]!.message).toContain(
      'Flux stalls it: failed to filter tags: invalid regular expression pattern',
    );
    const none = await verify({}, ['production', 'staging-v1.0.1-bcdef01-1738862000']);
    expect(none.drift.map((d) => [d.kind, d.message])).toEqual([
      [
        'no-pick',
        'ImagePolicy flux-system/backend-production picks nothing today: Flux says "version list argument cannot be empty"',
      ],
    ]);
    const twoChoices = NUMERICAL.replace('numerical: { order: asc }', 'numerical: {}, alphabetical: {}');
    expect(kinds(await verify({ 'apps/production/policy.yaml': twoChoices }))).toEqual(['invalid-policy']);
  });

  it('pattern-never-matches: decided on tags of the scheme, not on what the registry has today', async () => {
    // Anchored to an alias: matches a tag the registry has, never an immutable tag.
    const alias = NUMERICAL.replace(`'${fluxPattern('production')}'`, () => `'^production$'`).replace("'$ts'", "''");
    const r = await verify({ 'apps/production/policy.yaml': alias });
    expect(kinds(r)).toContain('pattern-never-matches');
    // Without the kit's label or pattern the policy is checked against every environment's tags.
    const anyEnv = NUMERICAL.replace(fluxPattern('production'), '-(?P<ts>[0-9]+)$');
    const loose = await verify({ 'apps/production/policy.yaml': anyEnv });
    expect(loose.drift).toEqual([]);
    expect(loose.environments[0]!.environment).toBe('production');
  });

  it('names the policy and image objects that are missing, and broken YAML', async () => {
    expect(kinds(await verify({ 'infra/repo.yaml': undefined }))).toEqual(['missing-image-repository', 'no-policy']);
    const broken = await verify({ 'apps/production/broken.yaml': 'a: [1\n' });
    expect(broken.drift.map((d) => [d.kind, d.at])).toEqual([['invalid-manifest', 'apps/production/broken.yaml:2']]);
  });

  it('leaves other images alone and counts them', async () => {
    const other = REPOSITORY.replace('name: backend', 'name: frontend').replace(IMAGE, 'ghcr.io/acme/frontend');
    const otherPolicy = policy('  policy: { numerical: {} }\n', 'frontend').replace(
      'name: backend }',
      'name: frontend }',
    );
    const r = await verify({
      'infra/frontend.yaml': other,
      'apps/f/policy.yaml': otherPolicy,
      'apps/f/deploy.yaml': marker('whatever', 'flux-system:frontend'),
    });
    expect(r.drift).toEqual([]);
    expect(r.ignored).toEqual({ policies: 1, markers: 1 });
  });
});
