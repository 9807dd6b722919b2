import { describe, expect, it } from '@jest/globals';
import {
  normalizeUpdatePath,
  parseManifests,
  parseSetter,
  pathCovers,
  selectorMatches,
} from '../../packages/gitops/manifests.js';

describe('parseSetter: the setters image-automation-controller defines', () => {
  it.each([
    ['flux-system:backend', { policy: { namespace: 'flux-system', name: 'backend' }, form: 'image' }],
    ['apps:web:tag', { policy: { namespace: 'apps', name: 'web' }, form: 'tag' }],
    ['apps:web:name', { policy: { namespace: 'apps', name: 'web' }, form: 'name' }],
    ['apps:web:digest', { policy: { namespace: 'apps', name: 'web' }, form: 'digest' }],
    // Not setters Flux defines: they name no policy.
    ['backend', { form: 'image' }],
    ['flux-system/backend', { form: 'image' }],
    ['apps:web:version', { form: 'image' }],
    [':web', { form: 'image' }],
    ['apps:web:tag:x', { form: 'image' }],
  ])('%s', (setter, expected) => {
    expect(parseSetter(setter)).toEqual(expected);
  });
});

const STREAM = `# leading comment
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
metadata:
  name: backend
spec:
  image: ghcr.io/acme/backend
  suspend: true
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata:
  name: backend-staging
  namespace: apps
  labels:
    gitops-promote/environment: staging
spec:
  imageRepositoryRef:
    name: backend
    namespace: flux-system
  filterTags:
    pattern: '^staging-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$'
    extract: $ts
  policy:
    numerical:
      order: asc
  digestReflectionPolicy: IfNotPresent
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImagePolicy
metadata: { name: nofilter }
spec:
  imageRepositoryRef: { name: backend }
  policy: { alphabetical: {}, semver: { range: '>=1.0.0' } }
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageUpdateAutomation
metadata:
  name: auto
spec:
  suspend: true
  update:
    path: ./flux/apps/backend/
  policySelector:
    matchLabels:
      gitops-promote/environment: staging
status:
  conditions:
    - type: Ready
      status: "False"
      reason: GitOperationFailed
      message: failed to push
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  template:
    spec:
      containers:
        - name: backend
          image: ghcr.io/acme/backend:staging-v1.0.0-abcdef0-1738860123 # {"$imagepolicy": "apps:backend-staging"}
          # {"$imagepolicy": "apps:before-the-key"}
          env:
            - value: staging-v1.0.0-abcdef0-1738860123 # {"$imagepolicy": "apps:backend-staging:tag"}
            - value: "" # {"$imagepolicy": "apps:backend-staging:digest"}
            - value: x # not a marker {"$imagepolicy": "apps:y"}
            - value: y # {"$imagepolicy": 5}
      initContainers:
        - ghcr.io/acme/backend # {"$imagepolicy":"apps:backend-staging:name"}
`;

describe('parseManifests', () => {
  const m = parseManifests(STREAM, 'apps/backend.yaml', 'default-ns');

  it('reads every document, defaulting the namespace, with the line each object starts on', () => {
    expect(m.problems).toEqual([]);
    expect(m.repositories).toEqual([
      {
        kind: 'ImageRepository',
        name: 'backend',
        namespace: 'default-ns',
        labels: {},
        apiVersion: 'image.toolkit.fluxcd.io/v1',
        at: { file: 'apps/backend.yaml', line: 2 },
        image: 'ghcr.io/acme/backend',
        suspend: true,
      },
    ]);
    expect(m.policies.map((p) => [p.name, p.namespace, p.at.line, p.apiVersion])).toEqual([
      ['backend-staging', 'apps', 10, 'image.toolkit.fluxcd.io/v1'],
      ['nofilter', 'default-ns', 29, 'image.toolkit.fluxcd.io/v1beta2'],
    ]);
  });

  it('reads an ImagePolicy as Flux does: filterTags verbatim, one policy choice, digest reflection', () => {
    expect(m.policies[0]).toMatchObject({
      repositoryRef: { name: 'backend', namespace: 'flux-system' },
      filterTags: { pattern: '^staging-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$', extract: '$ts' },
      policy: { kind: 'numerical', order: 'asc' },
      digestReflectionPolicy: 'IfNotPresent',
      labels: { 'gitops-promote/environment': 'staging' },
      suspend: false,
    });
    // No filterTags at all (Flux then sees the tag list itself), and two choices at once.
    expect(m.policies[1]!.filterTags).toBeUndefined();
    expect(m.policies[1]!.repositoryRef).toEqual({ name: 'backend', namespace: 'default-ns' });
    expect(m.policies[1]!.policy).toEqual({
      invalid: 'spec.policy sets alphabetical and semver; Flux takes exactly one',
    });
    expect(m.policies[1]!.digestReflectionPolicy).toBe('Never');
  });

  it('reads an ImageUpdateAutomation: path, selector, suspend and exported conditions', () => {
    expect(m.automations).toEqual([
      expect.objectContaining({
        name: 'auto',
        path: 'flux/apps/backend',
        suspend: true,
        policySelector: { matchLabels: { 'gitops-promote/environment': 'staging' } },
        conditions: [{ type: 'Ready', status: 'False', reason: 'GitOperationFailed', message: 'failed to push' }],
      }),
    ]);
  });

  it('finds line-comment markers in every form and nothing else', () => {
    expect(m.markers.map((k) => [k.at.line, k.setter, k.form, k.value, k.policy?.name])).toEqual([
      [
        63,
        'apps:backend-staging',
        'image',
        'ghcr.io/acme/backend:staging-v1.0.0-abcdef0-1738860123',
        'backend-staging',
      ],
      [66, 'apps:backend-staging:tag', 'tag', 'staging-v1.0.0-abcdef0-1738860123', 'backend-staging'],
      [67, 'apps:backend-staging:digest', 'digest', '', 'backend-staging'],
      [71, 'apps:backend-staging:name', 'name', 'ghcr.io/acme/backend', 'backend-staging'],
    ]);
  });

  it('reports YAML that does not parse, with its line, and keeps reading the other documents', () => {
    const r = parseManifests(
      'a: [1, 2\n---\napiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata: {name: x}\nspec: {image: y}\n',
      'bad.yaml',
    );
    // The parser notices the unclosed flow sequence where the next document starts.
    expect(r.problems.map((p) => p.at)).toEqual([{ file: 'bad.yaml', line: 2 }]);
    expect(r.problems[0]!.message).toMatch(/^YAML: /);
    expect(r.repositories.map((x) => [x.name, x.namespace, x.at.line])).toEqual([['x', 'flux-system', 3]]);
  });

  it('reports an image object without a name, and ignores other API groups and empty files', () => {
    const r = parseManifests('apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nspec: {}\n', 'p.yaml');
    expect(r.problems).toEqual([
      { at: { file: 'p.yaml', line: 1 }, message: 'ImagePolicy of image.toolkit.fluxcd.io/v1 has no metadata.name' },
    ]);
    expect(parseManifests('apiVersion: v1\nkind: ImagePolicy\nmetadata: {name: a}\n', 'x.yaml').policies).toEqual([]);
    expect(parseManifests('', 'empty.yaml')).toEqual({
      repositories: [],
      policies: [],
      automations: [],
      markers: [],
      problems: [],
    });
  });
});

describe('automation coverage', () => {
  it.each([
    [undefined, ''],
    ['./', ''],
    ['.', ''],
    ['./flux/apps/backend/', 'flux/apps/backend'],
    ['flux//apps/./backend', 'flux/apps/backend'],
    ['/flux/apps', 'flux/apps'],
  ])('normalizeUpdatePath(%p) = %p', (path, expected) => {
    expect(normalizeUpdatePath(path)).toBe(expected);
  });

  it('pathCovers: the root covers all; a folder covers what lies below it, not its namesake prefix', () => {
    expect(pathCovers('', 'a/b.yaml')).toBe(true);
    expect(pathCovers('flux/apps/backend', 'flux/apps/backend/staging/d.yaml')).toBe(true);
    expect(pathCovers('flux/apps/backend', 'flux/apps/backend-canary/d.yaml')).toBe(false);
    expect(pathCovers('flux/apps/backend/staging', 'flux/apps/backend/d.yaml')).toBe(false);
  });

  it('selectorMatches: matchLabels and matchExpressions, ANDed, as Kubernetes selects', () => {
    const labels = { app: 'backend', env: 'staging' };
    expect(selectorMatches(undefined, labels)).toBe(true);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { env: 'staging' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { env: 'production' } }, labels)).toBe(false);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['staging', 'x'] }] }, labels),
    ).toBe(true);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['staging'] }] }, labels),
    ).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(
      true,
    );
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
    expect(
      selectorMatches(
        { matchLabels: { app: 'backend' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['develop'] }] },
        labels,
      ),
    ).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(false);
  });
});
