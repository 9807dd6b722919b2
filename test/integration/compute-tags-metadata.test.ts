/**
 * compute-tags' `labels` and `annotations` outputs as docker/build-push-action and buildx receive
 * them: the action runs from source (test/support/run-source.ts) against the GitHub stand-in, and its
 * outputs go through build-push-action's reading of its inputs and buildx's own parser, ported below
 * from their sources, then through the exporter attributes buildkit reads back.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { imageMetadata, parseMetadataInput } from '../../packages/tagging/annotations.js';
import { imageLabels } from '../../packages/tagging/labels.js';
import { startGitHubStandIn, type StandIn, type StandInOptions } from '../support/github-standin.js';
import { runSource } from '../support/run-source.js';

// ---------------------------------------------------------------------------------------------
// docker/build-push-action: `annotations: ${{ steps.meta.outputs.annotations }}` becomes one
// `--annotation` per item of Util.getInputList('annotations', {ignoreComma: true})
// (https://github.com/docker/build-push-action/blob/cb941d0b895b09c17fa011d41c411b33c752cf28/src/context.ts#L57
// and #L110-L113). getList parses the input as CSV with csv-parse and joins a record's fields back
// with commas (https://github.com/docker/actions-toolkit/blob/3d440bee38d031fd98202e75014415cfc605cf84/src/util.ts#L38-L66).
// Without a field that starts with a double quote (a line starting with `"`, or `,"` inside one),
// that CSV reading gives each line back whole, trimmed, empty lines skipped: that condition is
// asserted on the outputs, and the split below is what getList then does.

function buildPushActionList(input: string): string[] {
  const lines = input.split(/\r\n|\n|\r/);
  for (const line of lines) {
    expect(line.trimStart().startsWith('"')).toBe(false);
    expect(line).not.toContain(',"');
  }
  return lines.filter((l) => l !== '').map((l) => l.trim());
}

// ---------------------------------------------------------------------------------------------
// containerd platforms.Parse and FormatAll, v1.0.0-rc.4 as vendored by buildx
// (https://github.com/containerd/platforms/blob/v1.0.0-rc.4/platforms.go, database.go), for the
// specifiers buildx lets through: its bracket pattern admits no parentheses, so the OS part is a
// bare name (no OS version or features).

interface Platform {
  os: string;
  architecture: string;
  variant: string;
}

/** runtime.GOOS / GOARCH of the machine that runs buildx: a GitHub-hosted ubuntu-latest runner. */
const RUNTIME = { os: 'linux', arch: 'amd64' };

const KNOWN_OS = new Set(
  'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos'.split(
    ' ',
  ),
);
const KNOWN_ARCH = new Set(
  '386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm'.split(
    ' ',
  ),
);
const specifierRe = /^[A-Za-z0-9_.-]+$/;
const osRe = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;

function normalizeOS(os: string): string {
  if (os === '') return RUNTIME.os;
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

function normalizeArch(archIn: string, variantIn: string): [string, string] {
  let arch = archIn.toLowerCase();
  let variant = variantIn.toLowerCase();
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (['8', 'v8', 'v8.0'].includes(variant)) variant = '';
      else if (['9', '9.0', 'v9.0'].includes(variant)) variant = 'v9';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = `v${variant}`;
      break;
  }
  return [arch, variant];
}

/** Go's strings.SplitN(s, sep, n) for n > 0. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function parsePlatform(specifier: string): Platform {
  if (specifier.includes('*')) throw new Error(`${JSON.stringify(specifier)}: wildcards not yet supported`);
  const parts = splitN(specifier, '/', 4);
  const p: Platform = { os: '', architecture: '', variant: '' };
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      const osOptions = osRe.exec(part);
      if (!osOptions)
        throw new Error(`${JSON.stringify(part)} is an invalid OS component of ${JSON.stringify(specifier)}`);
      p.os = normalizeOS(osOptions[1]!);
      // osOptions[2] and [3] (OS version, features) cannot occur behind buildx's bracket pattern
    } else if (!specifierRe.test(part)) {
      throw new Error(`${JSON.stringify(part)} is an invalid component of ${JSON.stringify(specifier)}`);
    }
  }
  switch (parts.length) {
    case 1:
      if (KNOWN_OS.has(p.os)) {
        p.architecture = RUNTIME.arch;
        return p;
      }
      [p.architecture, p.variant] = normalizeArch(parts[0]!, '');
      if (p.architecture === 'arm' && p.variant === 'v7') p.variant = '';
      if (KNOWN_ARCH.has(p.architecture)) {
        p.os = RUNTIME.os;
        return p;
      }
      throw new Error(`${JSON.stringify(specifier)}: unknown operating system or architecture`);
    case 2:
      [p.architecture, p.variant] = normalizeArch(parts[1]!, '');
      if (p.architecture === 'arm' && p.variant === 'v7') p.variant = '';
      return p;
    case 3:
      [p.architecture, p.variant] = normalizeArch(parts[1]!, parts[2]!);
      if (p.architecture === 'arm64' && p.variant === '') p.variant = 'v8';
      return p;
  }
  throw new Error(`${JSON.stringify(specifier)}: cannot parse platform specifier`);
}

function formatAll(p: Platform): string {
  if (p.os === '') return 'unknown';
  return [p.os, p.architecture, p.variant].filter((x) => x !== '').join('/');
}

// ---------------------------------------------------------------------------------------------
// buildx's ParseAnnotations
// (https://github.com/docker/buildx/blob/461836ba0fcb3e847dab6045a726889faa150bdb/util/buildflags/export.go#L166-L232)
// and buildkit's AnnotationKey.String (exporter/containerimage/exptypes/annotations.go, v0.32.2 as
// vendored there): commands/build.go sets each parsed annotation on the image exporter as
// `Attrs[k.String()] = v`, which buildkit reads back with ParseAnnotationKey.

interface AnnotationKey {
  type: string;
  platform?: Platform;
  key: string;
}

const annotationTypeRegexp = /^([a-z-]+)(?:\[([A-Za-z0-9_/-]+)\])?$/;

/** Go returns a map; its keys hold a *Platform, so the entries are kept here as a list, in order. */
function parseAnnotations(inp: string[]): { key: AnnotationKey; value: string }[] {
  const annotations: { key: AnnotationKey; value: string }[] = [];
  for (const s of inp) {
    if (s === '') continue;
    const eq = s.indexOf('=');
    if (eq < 0) throw new Error(`invalid annotation ${JSON.stringify(s)}, expected key=value`);
    const k = s.slice(0, eq);
    const v = s.slice(eq + 1);
    const colon = k.indexOf(':');
    if (colon < 0) {
      annotations.push({ key: { type: '', key: k }, value: v });
      continue;
    }
    const types = k.slice(0, colon);
    const key = k.slice(colon + 1);
    for (const typeAndPlatform of types.split(',')) {
      const groups = annotationTypeRegexp.exec(typeAndPlatform);
      if (!groups) {
        throw new Error(
          `invalid annotation type ${JSON.stringify(typeAndPlatform)}, expected type and optional platform in square brackets`,
        );
      }
      const typ = groups[1]!;
      const platform = groups[2] ?? '';
      if (!['', 'index', 'index-descriptor', 'manifest', 'manifest-descriptor'].includes(typ)) {
        throw new Error(`unknown annotation type ${JSON.stringify(typ)}`);
      }
      annotations.push({
        key: { type: typ, key, ...(platform !== '' ? { platform: parsePlatform(platform) } : {}) },
        value: v,
      });
    }
  }
  return annotations;
}

function annotationKeyString(k: AnnotationKey): string {
  let prefix = 'annotation';
  switch (k.type) {
    case '':
      break;
    case 'manifest':
    case 'manifest-descriptor':
      prefix += `-${k.type}`;
      if (k.platform) prefix += `[${formatAll(k.platform)}]`;
      break;
    case 'index':
    case 'index-descriptor':
      prefix += `-${k.type}`;
      break;
    default:
      throw new Error('unknown annotation type');
  }
  return `${prefix}.${k.key}`;
}

/** The image exporter's attributes: what buildkit is handed. */
function exporterAttrs(parsed: { key: AnnotationKey; value: string }[]): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const { key, value } of parsed) attrs[annotationKeyString(key)] = value;
  return attrs;
}

/** buildx's `--label` values: listToMap, each cut at its first `=` (commands/build.go). */
function parseLabels(inp: string[]): Record<string, string> {
  return Object.fromEntries(inp.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]));
}

// ---------------------------------------------------------------------------------------------

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const TS = '1738860123';
const TOKEN = 'ghs_metadata_test_token';
const DESCRIPTION = 'org.opencontainers.image.description';
const LICENSES = 'org.opencontainers.image.licenses';

let gh: StandIn | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

async function build(inputs: Record<string, string> = {}, about?: StandInOptions['about'], fault?: number) {
  gh = await startGitHubStandIn({ token: TOKEN, ...(about ? { about } : {}) });
  if (fault) gh.fault({ operationId: 'repos/get', status: fault, body: { message: `refused ${fault}` } });
  return runSource('compute-tags', {
    inputs: { images: 'ghcr.io/acme/backend', version: '1.4.2', timestamp: TS, 'github-token': TOKEN, ...inputs },
    env: {
      GITHUB_REF: 'refs/heads/develop',
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'acme/backend',
      GITHUB_API_URL: gh.url,
    },
  });
}

describe('docker/build-push-action receiving the outputs of compute-tags', () => {
  it('default levels: every key reaches buildx on each platform manifest and on the index, description and license included', async () => {
    const r = await build({}, { description: 'Orders API,"v2" for\nthe shop', spdxId: 'Apache-2.0' });
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(0);

    const labels = parseLabels(buildPushActionList(r.outputs.labels!));
    expect(labels[DESCRIPTION]).toBe('Orders API, "v2" for the shop');
    expect(labels[LICENSES]).toBe('Apache-2.0');
    expect(labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(Object.keys(labels)).toHaveLength(8);

    const lines = buildPushActionList(r.outputs.annotations!);
    const parsed = parseAnnotations(lines);
    // one line per level per key, each with one level and no platform
    expect(parsed).toHaveLength(2 * Object.keys(labels).length);
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      ...Object.keys(labels).map(() => 'manifest'),
      ...Object.keys(labels).map(() => 'index'),
    ]);
    for (const [key, value] of Object.entries(labels)) {
      const found = parsed.filter((a) => a.key.key === key);
      expect(found).toEqual([
        { key: { type: 'manifest', key }, value },
        { key: { type: 'index', key }, value },
      ]);
    }
    // what buildkit is handed: the index annotation GHCR shows a multi-platform image's description from
    const attrs = exporterAttrs(parsed);
    expect(attrs[`annotation-index.${DESCRIPTION}`]).toBe('Orders API, "v2" for the shop');
    expect(attrs[`annotation-manifest.${DESCRIPTION}`]).toBe('Orders API, "v2" for the shop');
    expect(attrs[`annotation-index.${LICENSES}`]).toBe('Apache-2.0');
    expect(attrs['annotation-index.org.opencontainers.image.revision']).toBe(SHA);
    expect(Object.keys(attrs)).toHaveLength(parsed.length);

    // the json output carries the same lines, as metadata-action's does
    expect(JSON.parse(r.outputs.json!).annotations).toEqual(lines);
    expect(gh!.violations).toEqual([]);
  });

  it('levels with platforms, and annotations added or overridden at one level, reach buildx where they were meant', async () => {
    const r = await build({
      'annotation-levels': 'index\nmanifest[linux/arm64], manifest-descriptor[linux/arm/v7]',
      annotations: [
        'com.example.team=core',
        'index:org.opencontainers.image.description=Orders API (multi-platform)',
        'manifest[linux/amd64]:com.example.arch=x86-64, the usual',
        'index-descriptor:com.example.layout=oci',
      ].join('\n'),
      labels: 'org.opencontainers.image.vendor=Acme\norg.opencontainers.image.licenses=LicenseRef-Acme',
    });
    expect(r.errors).toEqual([]);
    const parsed = parseAnnotations(buildPushActionList(r.outputs.annotations!));
    const at = (type: string, platform: string | undefined, key: string) =>
      parsed
        .filter(
          (a) =>
            a.key.type === type &&
            (a.key.platform ? formatAll(a.key.platform) : undefined) === platform &&
            a.key.key === key,
        )
        .map((a) => a.value);

    expect(at('index', undefined, DESCRIPTION)).toEqual(['Orders API (multi-platform)']);
    expect(at('manifest', 'linux/arm64', DESCRIPTION)).toEqual(['This your first repo!']);
    expect(at('manifest-descriptor', 'linux/arm/v7', DESCRIPTION)).toEqual(['This your first repo!']);
    expect(at('manifest', 'linux/arm64', 'com.example.team')).toEqual(['core']);
    expect(at('index', undefined, 'com.example.team')).toEqual(['core']);
    expect(at('manifest', 'linux/amd64', 'com.example.arch')).toEqual(['x86-64, the usual']);
    expect(at('manifest', 'linux/amd64', 'org.opencontainers.image.revision')).toEqual([]);
    expect(at('index-descriptor', undefined, 'com.example.layout')).toEqual(['oci']);
    // no level was left to buildx's default (manifest without platform)
    expect(parsed.filter((a) => a.key.type === '' || (a.key.type === 'manifest' && !a.key.platform))).toEqual([]);
    // the labels input changes the labels, never the annotations
    expect(at('index', undefined, LICENSES)).toEqual(['MIT']);
    const labels = parseLabels(buildPushActionList(r.outputs.labels!));
    expect([labels[LICENSES], labels['org.opencontainers.image.vendor'], labels['com.example.team']]).toEqual([
      'LicenseRef-Acme',
      'Acme',
      undefined,
    ]);

    const attrs = exporterAttrs(parsed);
    expect(attrs[`annotation-manifest[linux/arm64].${DESCRIPTION}`]).toBe('This your first repo!');
    expect(attrs[`annotation-manifest-descriptor[linux/arm/v7].${DESCRIPTION}`]).toBe('This your first repo!');
    expect(attrs['annotation-manifest[linux/amd64].com.example.arch']).toBe('x86-64, the usual');
    expect(attrs['annotation-index-descriptor.com.example.layout']).toBe('oci');
  });

  it('any accepted labels and annotations input reaches buildx as written (property)', () => {
    const computed = imageLabels({ version: '1.4.2', commit: SHA, timestamp: 1738860123, repository: 'acme/backend' });
    // a few keys, so that lines often name the same key (the last one wins), and any other key
    const key = fc.oneof(
      fc.constantFrom('org.opencontainers.image.description', 'com.example.a', 'com.example.b'),
      fc.stringMatching(/^[a-z][a-z0-9._/-]{0,30}$/),
    );
    const value = fc
      .string({
        unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '=', ':', '#', '[', 'é', '😀', '\\', "'"),
        maxLength: 30,
      })
      .map((v) => v.trim());
    const level = fc.constantFrom(
      'manifest',
      'index',
      'manifest-descriptor',
      'index-descriptor',
      'manifest[linux/arm64]',
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(level, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.option(fc.uniqueArray(level, { minLength: 1, maxLength: 2 })), key, value), {
          maxLength: 6,
        }),
        (levels, entries) => {
          const text = entries.map(([l, k, v]) => `${l ? `${l.join(',')}:` : ''}${k}=${v}`).join('\n');
          let annotations;
          try {
            annotations = parseMetadataInput(text, 'annotations');
          } catch {
            fc.pre(false); // refused with an InputError: never reaches buildx
            return;
          }
          const out = imageMetadata({ computed, levels, annotations });
          const parsed = parseAnnotations(buildPushActionList(out.annotations.join('\n')));
          expect(parsed).toHaveLength(out.annotations.length);
          // the last line naming a level and key wins, as buildx's map would keep it
          for (const [l, k] of entries) {
            const applies = l ?? levels;
            for (const lv of applies) {
              const expected = [...entries].reverse().find(([l2, k2]) => k2 === k && (l2 ?? levels).includes(lv))![2];
              const type = lv.replace(/\[.*$/, '');
              const got = parsed.filter(
                (a) =>
                  a.key.type === type &&
                  a.key.key === k &&
                  (a.key.platform ? `${type}[${formatAll(a.key.platform)}]` : type) === lv,
              );
              expect(got.map((a) => a.value)).toEqual([expected]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('description and licenses when the repository cannot be read', () => {
  it.each([403, 404])(
    'GitHub answers %i: the build goes on without them and says so in one log line',
    async (status) => {
      const r = await build({}, undefined, status);
      expect(r.errors).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.labels).not.toContain(DESCRIPTION);
      expect(r.outputs.annotations).not.toContain(LICENSES);
      expect(r.outputs.annotations).toContain(`index:org.opencontainers.image.revision=${SHA}`);
      const notes = r.stdout.split('\n').filter((l) => l.includes('could not be read'));
      expect(notes).toEqual([
        'The labels and annotations go without org.opencontainers.image.description and .licenses: ' +
          `acme/backend could not be read with github-token (HTTP ${status}: refused ${status}). Set them with the labels and annotations inputs.`,
      ]);
      expect(r.stdout).not.toMatch(/^::(warning|error)/m);
    },
  );

  it('the labels and annotations inputs set them all the same', async () => {
    const r = await build(
      { labels: `${DESCRIPTION}=Orders API`, annotations: `${DESCRIPTION}=Orders API\nindex:${LICENSES}=MIT` },
      undefined,
      404,
    );
    expect(r.errors).toEqual([]);
    expect(r.outputs.labels).toContain(`${DESCRIPTION}=Orders API`);
    const parsed = parseAnnotations(buildPushActionList(r.outputs.annotations!));
    expect(parsed.filter((a) => a.key.key === DESCRIPTION).map((a) => a.key.type)).toEqual(['manifest', 'index']);
    expect(parsed.filter((a) => a.key.key === LICENSES)).toEqual([
      { key: { type: 'index', key: LICENSES }, value: 'MIT' },
    ]);
  });

  it('without a token nothing is asked and nothing is said above debug', async () => {
    gh = await startGitHubStandIn({ token: TOKEN });
    const r = await runSource('compute-tags', {
      inputs: { images: 'ghcr.io/acme/backend', version: '1.4.2', timestamp: TS },
      env: {
        GITHUB_REF: 'refs/heads/develop',
        GITHUB_SHA: SHA,
        GITHUB_REPOSITORY: 'acme/backend',
        GITHUB_API_URL: gh.url,
      },
    });
    expect(r.errors).toEqual([]);
    expect(gh.requests).toEqual([]);
    expect(r.outputs.labels).not.toContain(DESCRIPTION);
    expect(r.stdout).not.toContain('could not be read');
  });
});

describe('bad metadata inputs', () => {
  it.each([
    [
      'annotation-levels',
      'manifest,indexx',
      /^annotation-levels: "indexx" is not accepted: unknown level "indexx"\. Accepted: manifest, index, /,
    ],
    [
      'annotation-levels',
      'index[linux/amd64]',
      /^annotation-levels: "index\[linux\/amd64\]" is not accepted: index is one for every platform/,
    ],
    [
      'labels',
      'org.opencontainers.image.vendor Acme',
      /^labels: "org\.opencontainers\.image\.vendor Acme" is not accepted: there is no "="\. Accepted: key=value, one a line/,
    ],
    [
      'annotations',
      'indx:com.example=1',
      /^annotations: "indx:com\.example=1" is not accepted: unknown level "indx"\. Accepted: key=value or levels:key=value/,
    ],
    [
      'annotations',
      `com.example=${'x'.repeat(5000)}`,
      /^annotations: "com\.example=x{500}…" \(5012 characters\) is not accepted: the value has 5000 characters/,
    ],
  ])('%s (case %#): one error naming the input, no output, nothing asked of GitHub', async (input, value, message) => {
    const r = await build({ [input]: value });
    expect(r.code).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(new RegExp(`^gitops-promote/compute-tags: ${message.source.slice(1)}`));
    expect(r.outputs).toEqual({});
    expect(gh!.requests).toEqual([]);
  });
});
