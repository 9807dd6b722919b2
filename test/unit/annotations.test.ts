import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../packages/common/errors.js';
import {
  DEFAULT_ANNOTATION_LEVELS,
  imageMetadata,
  LEVELS_ACCEPTED,
  parseAnnotationLevels,
  parseMetadataInput,
} from '../../packages/tagging/annotations.js';
import {
  cleanDescription,
  imageLabels,
  MAX_DESCRIPTION_CHARACTERS,
  repositoryLabels,
} from '../../packages/tagging/labels.js';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const computed = imageLabels({ version: '1.4.2', commit: SHA, timestamp: 1738860123, repository: 'acme/backend' });

/** The error a call throws, which must be an InputError. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('no error was thrown');
}

describe('annotation-levels', () => {
  it('defaults to manifest,index and keeps the order given, each level once', () => {
    expect(parseAnnotationLevels(DEFAULT_ANNOTATION_LEVELS)).toEqual(['manifest', 'index']);
    expect(parseAnnotationLevels('index\n manifest , index,\n# a comment\n')).toEqual(['index', 'manifest']);
    expect(
      parseAnnotationLevels('manifest[linux/amd64],manifest-descriptor[linux/arm/v7],index-descriptor,manifest'),
    ).toEqual(['manifest[linux/amd64]', 'manifest-descriptor[linux/arm/v7]', 'index-descriptor', 'manifest']);
  });

  it.each([
    ['manifests', 'unknown level "manifests"'],
    ['Index', 'not a level'],
    ['manifest:', 'not a level'],
    ['index[linux/amd64]', 'index is one for every platform'],
    ['index-descriptor[linux/amd64]', 'index-descriptor is one for every platform'],
    ['manifest[linux]', 'a platform names the OS and the architecture'],
    ['manifest[linux/arm/v7/x]', 'a platform names the OS and the architecture'],
    ['manifest[linux/amd64', 'a platform is os/arch or os/arch/variant in square brackets'],
    ['manifest[linux(10.0)/amd64]', 'a platform is os/arch or os/arch/variant in square brackets'],
  ])('refuses %j with one error naming the input, the level and what is accepted', (level, reason) => {
    const err = inputError(() => parseAnnotationLevels(`manifest,${level}`));
    expect(err.input).toBe('annotation-levels');
    expect(err.value).toBe(level);
    expect(err.message).toBe(
      `annotation-levels: ${JSON.stringify(level)} is not accepted: ${err.reason}. Accepted: ${LEVELS_ACCEPTED}`,
    );
    expect(err.reason).toContain(reason);
  });

  it('refuses an empty list and more than 16 levels', () => {
    expect(inputError(() => parseAnnotationLevels(' , \n')).reason).toBe('no level is given');
    const many = Array.from({ length: 17 }, (_, i) => `manifest[linux/arch${i}]`).join(',');
    const err = inputError(() => parseAnnotationLevels(many));
    expect(err.reason).toBe('17 levels');
    expect(err.accepted).toContain('at most 16 levels');
  });

  it('quotes a hostile level cut, with control characters escaped', () => {
    const err = inputError(() => parseAnnotationLevels(`manifest\u0007${'x'.repeat(10_000)}`));
    expect(err.message).toBe(
      `annotation-levels: "manifest\\u0007${'x'.repeat(503)}…" (10009 characters) is not accepted: not a level. Accepted: ${LEVELS_ACCEPTED}`,
    );
    const long = inputError(() => parseAnnotationLevels(`${'z'.repeat(10_000)}[linux/amd64]`));
    expect(long.message.length).toBeLessThan(1000);
  });
});

describe('the labels and annotations inputs', () => {
  it('reads key=value lines; a value keeps its = and commas; blank lines and # comments are skipped', () => {
    expect(
      parseMetadataInput(
        '\n# ours\norg.opencontainers.image.vendor=Acme, Inc.\n  com.example.query=a=b,c  \r\ncom.example.empty=\n',
        'labels',
      ),
    ).toEqual([
      { key: 'org.opencontainers.image.vendor', value: 'Acme, Inc.' },
      { key: 'com.example.query', value: 'a=b,c' },
      { key: 'com.example.empty', value: '' },
    ]);
    expect(parseMetadataInput(undefined, 'labels')).toEqual([]);
  });

  it('reads the levels of an annotation line as buildx does: before the first colon, comma-separated', () => {
    expect(
      parseMetadataInput(
        'index:org.opencontainers.image.description=Backend: the API\nmanifest,manifest[linux/arm64]:com.example.arch=arm\ncom.example.all=1',
        'annotations',
      ),
    ).toEqual([
      { key: 'org.opencontainers.image.description', value: 'Backend: the API', levels: ['index'] },
      { key: 'com.example.arch', value: 'arm', levels: ['manifest', 'manifest[linux/arm64]'] },
      { key: 'com.example.all', value: '1' },
    ]);
  });

  it.each([
    ['labels', 'org.opencontainers.image.vendor', 'there is no "="'],
    ['labels', '=Acme', 'the key is empty'],
    ['labels', 'com example=1', 'the key "com example" has white space'],
    ['labels', 'com.exa\tmple=1', 'the key "com.exa\\tmple" has white space'],
    ['labels', 'com.exa\u0001mple=1', 'has a control character'],
    ['labels', 'com.exämple=1', 'has the non-ASCII character "ä"'],
    ['labels', 'com"example=1', 'has "\\""'],
    ['labels', 'com,example=1', 'has ","'],
    ['labels', 'index:com.example=1', '"index" is a level: levels apply to annotations, labels have none'],
    ['labels', 'com:example=1', 'has ":"'],
    ['labels', `${'k'.repeat(257)}=1`, 'the key has 257 characters'],
    ['labels', `com.example=${'v'.repeat(4097)}`, 'the value has 4097 characters'],
    ['labels', 'com.example=a\u0007b', 'the value has a control character'],
    ['labels', 'com.example=Acme,"beta', 'a comma followed by a double quote'],
    ['annotations', 'indx:com.example=1', 'unknown level "indx"'],
    ['annotations', 'index[linux/amd64]:com.example=1', 'index is one for every platform'],
    ['annotations', 'manifest:=1', 'the key is empty'],
    ['annotations', 'manifest:a:b=1', 'has ":"'],
    ['annotations', 'com.example', 'there is no "="'],
  ] as const)('%s: refuses %j naming the input and the line', (input, line, reason) => {
    const err = inputError(() => parseMetadataInput(`ok.key=1\n${line}`, input));
    expect(err.input).toBe(input);
    expect(err.value).toBe(line.trim());
    expect(err.reason).toContain(reason);
    expect(err.message.startsWith(`${input}: "`)).toBe(true);
    expect(err.accepted).toContain(input === 'labels' ? 'key=value, one a line' : 'levels:key=value');
    expect(err.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('refuses more than 100 lines', () => {
    const lines = Array.from({ length: 101 }, (_, i) => `com.example.k${i}=v`).join('\n');
    const err = inputError(() => parseMetadataInput(lines, 'annotations'));
    expect([err.input, err.reason]).toEqual(['annotations', '101 lines']);
    expect(err.message).toContain('characters) is not accepted');
  });
});

describe('the labels and annotations outputs', () => {
  it('puts every key at every level, level by level, keys sorted, in metadata-action form', () => {
    const m = imageMetadata({ computed, levels: ['manifest', 'index'] });
    expect(m.labels).toEqual(computed);
    const keys = Object.keys(computed);
    expect(m.annotations).toEqual([
      ...keys.map((k) => `manifest:${k}=${computed[k]}`),
      ...keys.map((k) => `index:${k}=${computed[k]}`),
    ]);
    expect(m.annotations).toContain(`manifest:org.opencontainers.image.revision=${SHA}`);
    expect(m.annotations).toContain(`index:org.opencontainers.image.revision=${SHA}`);
  });

  it('takes the repository over the computed keys and the inputs over both, later lines winning', () => {
    const m = imageMetadata({
      computed,
      repository: { 'org.opencontainers.image.description': 'From GitHub', 'org.opencontainers.image.licenses': 'MIT' },
      levels: ['manifest', 'index'],
      labels: parseMetadataInput(
        'org.opencontainers.image.licenses=Apache-2.0\norg.opencontainers.image.title=api\norg.opencontainers.image.title=API',
        'labels',
      ),
      annotations: parseMetadataInput(
        'index:org.opencontainers.image.description=Index only\ncom.example.team=core\nindex-descriptor:com.example.layout=1',
        'annotations',
      ),
    });
    expect(m.labels['org.opencontainers.image.licenses']).toBe('Apache-2.0');
    expect(m.labels['org.opencontainers.image.title']).toBe('API');
    expect(m.labels['org.opencontainers.image.description']).toBe('From GitHub');
    expect(m.labels['com.example.team']).toBeUndefined();
    const at = (level: string, key: string) =>
      m.annotations.filter((l) => l.startsWith(`${level}:${key}=`)).map((l) => l.slice(l.indexOf('=') + 1));
    expect(at('manifest', 'org.opencontainers.image.description')).toEqual(['From GitHub']);
    expect(at('index', 'org.opencontainers.image.description')).toEqual(['Index only']);
    expect(at('manifest', 'org.opencontainers.image.licenses')).toEqual(['MIT']);
    expect(at('manifest', 'com.example.team')).toEqual(['core']);
    expect(at('index', 'com.example.team')).toEqual(['core']);
    // a level named only by a line carries that line alone, after the configured levels
    expect(m.annotations.filter((l) => l.startsWith('index-descriptor:'))).toEqual([
      'index-descriptor:com.example.layout=1',
    ]);
    expect(m.annotations.at(-1)).toBe('index-descriptor:com.example.layout=1');
  });

  it('applies the annotation lines in order: a later line wins at the levels it names', () => {
    const m = imageMetadata({
      computed,
      levels: ['manifest', 'index'],
      annotations: parseMetadataInput(
        'index:com.example.a=1\ncom.example.a=2\ncom.example.b=3\nindex:com.example.b=4',
        'annotations',
      ),
    });
    expect(m.annotations.filter((l) => l.includes(':com.example.'))).toEqual([
      'manifest:com.example.a=2',
      'manifest:com.example.b=3',
      'index:com.example.a=2',
      'index:com.example.b=4',
    ]);
  });
});

describe('description and licenses from the repository', () => {
  it('takes the description and the SPDX id', () => {
    expect(repositoryLabels({ description: 'Orders API', spdxId: 'Apache-2.0' })).toEqual({
      'org.opencontainers.image.description': 'Orders API',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    });
  });

  it('leaves out what GitHub does not know: null, empty, NOASSERTION', () => {
    expect(repositoryLabels({ description: null, spdxId: null })).toEqual({});
    expect(repositoryLabels({ description: ' \n ', spdxId: 'NOASSERTION' })).toEqual({});
    expect(repositoryLabels({})).toEqual({});
    expect(repositoryLabels({ spdxId: 'X'.repeat(257) })).toEqual({});
  });

  it('turns control characters into spaces and never lets build-push-action read a quote as CSV', () => {
    expect(cleanDescription('Orders\r\n\tAPI\u0000\u2028v2')).toBe('Orders API v2');
    expect(cleanDescription('Orders,"beta" API,""')).toBe('Orders, "beta" API, ""');
  });

  it('cuts a long description to what GHCR shows, at a code point, ending in …', () => {
    const long = '😀'.repeat(600);
    const cut = cleanDescription(long);
    expect([...cut]).toHaveLength(MAX_DESCRIPTION_CHARACTERS);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const exact = 'a'.repeat(MAX_DESCRIPTION_CHARACTERS);
    expect(cleanDescription(exact)).toBe(exact);
    expect([...cleanDescription('word '.repeat(200))]).toHaveLength(MAX_DESCRIPTION_CHARACTERS);
    expect(cleanDescription('word '.repeat(200))).toMatch(/^(word ){102}w…$/);
  });
});
