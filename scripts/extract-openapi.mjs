#!/usr/bin/env node
// Extracts the GitHub REST operations the stand-in serves from GitHub's published OpenAPI description
// (npm @octokit/openapi, pinned) into test/support/openapi/api.github.com.subset.json.
// The package is not a dependency: it unpacks to about 400 MB and its index.js loads ten such files,
// so it is fetched with `npm pack` into a temporary directory and only one JSON file is read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = '@octokit/openapi@23.0.2';
const SOURCE = 'package/generated/api.github.com.json';
const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'test', 'support', 'openapi');
const outFile = join(outDir, 'api.github.com.subset.json');

/** The operations the stand-in emulates (docs/internals.md, test/support): keep in step with github-standin.ts. */
export const OPERATIONS = [
  'repos/get-release-by-tag',
  'repos/list-releases',
  'repos/get-release',
  'repos/get-latest-release',
  'repos/create-release',
  'repos/update-release',
  'repos/delete-release',
  'repos/generate-release-notes',
  'git/list-matching-refs',
  'git/get-ref',
  'git/create-ref',
  'git/update-ref',
  'git/delete-ref',
  'git/get-tag',
  'git/get-commit',
  'repos/get-commit',
  'repos/list-tags',
  'repos/get',
  // workflowsDiffer: the `.github` directory's entries at a commit and on the default branch
  'repos/get-content',
];

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function loadDocument() {
  const dir = mkdtempSync(join(tmpdir(), 'octokit-openapi-'));
  try {
    const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], {
      cwd: dir,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, SOURCE]);
    return JSON.parse(readFileSync(join(dir, SOURCE), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `#/components/<kind>/<name>` referenced from `node`, followed transitively. */
function collectComponents(doc, start) {
  const seen = new Map(); // "kind/name" -> [kind, name]
  const queue = [start];
  while (queue.length) {
    const node = queue.pop();
    if (Array.isArray(node)) {
      queue.push(...node);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
          if (!match) throw new Error(`unexpected $ref ${value}`);
          const [, kind, name] = match;
          const id = `${kind}/${name}`;
          if (seen.has(id)) continue;
          const target = doc.components?.[kind]?.[name];
          if (target === undefined) throw new Error(`dangling $ref ${value}`);
          seen.set(id, [kind, name]);
          queue.push(target);
        } else {
          queue.push(value);
        }
      }
    }
  }
  return seen;
}

function extract(doc) {
  const paths = {};
  const found = new Set();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !OPERATIONS.includes(op.operationId)) continue;
      paths[path] ??= {};
      // Path-level parameters apply to every operation of the path.
      if (item.parameters) paths[path].parameters = item.parameters;
      paths[path][method] = op;
      found.add(op.operationId);
    }
  }
  const missing = OPERATIONS.filter((id) => !found.has(id));
  if (missing.length) throw new Error(`operations not found in ${PACKAGE}: ${missing.join(', ')}`);

  const components = {};
  const refs = [...collectComponents(doc, paths).values()].sort(([ak, an], [bk, bn]) =>
    (ak + '/' + an).localeCompare(bk + '/' + bn),
  );
  for (const [kind, name] of refs) {
    components[kind] ??= {};
    components[kind][name] = doc.components[kind][name];
  }
  return {
    openapi: doc.openapi,
    info: {
      title: doc.info.title,
      version: doc.info.version,
      'x-extracted-from': `npm ${PACKAGE} ${SOURCE.replace(/^package\//, '')}`,
    },
    servers: doc.servers,
    paths,
    components,
  };
}

const subset = extract(loadDocument());
mkdirSync(outDir, { recursive: true });
writeFileSync(outFile, JSON.stringify(subset, null, 1) + '\n');
const count = Object.values(subset.paths).reduce(
  (n, item) => n + Object.keys(item).filter((m) => HTTP_METHODS.has(m)).length,
  0,
);
const componentCount = Object.values(subset.components).reduce((n, kind) => n + Object.keys(kind).length, 0);
console.log(
  `wrote ${outFile.slice(root.length)}: ${count} operations, ${componentCount} components, info.version ${subset.info.version}`,
);
