import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { crossCheckRevision } from '../../packages/github/commits.js';
import {
  LINEAGE_END,
  LINEAGE_START,
  parseLineage,
  renderLineage,
  replaceLineage,
  sameShipment,
  type Lineage,
} from '../../packages/github/lineage.js';
import { composeReleaseBody, fitReleaseBody, RELEASE_BODY_LIMIT } from '../../packages/github/releases.js';

const commit = '0123456789abcdef0123456789abcdef01234567';
const lineage: Lineage = {
  image: 'ghcr.io/acme/backend',
  digest: 'sha256:' + 'a'.repeat(64),
  sourceTag: 'staging-v1.2.3-0123456-1700000000',
  targetTag: 'production-v1.2.3-0123456-1700000500',
  commit,
  version: '1.2.3',
  runUrl: 'https://github.com/acme/backend/actions/runs/42',
  promotedAt: '2024-05-01T12:00:00Z',
};

describe('renderLineage', () => {
  it('renders a delimited table and a machine-readable comment', () => {
    expect(renderLineage(lineage)).toBe(
      [
        '<!-- gitops-promote:lineage -->',
        '### Lineage',
        '',
        '| | |',
        '|---|---|',
        '| Version | `v1.2.3` |',
        `| Commit | \`${commit}\` |`,
        '| Image | `ghcr.io/acme/backend` |',
        `| Digest | \`sha256:${'a'.repeat(64)}\` |`,
        '| Promoted from | `staging-v1.2.3-0123456-1700000000` |',
        '| Promoted to | `production-v1.2.3-0123456-1700000500` |',
        '| Workflow run | https://github.com/acme/backend/actions/runs/42 |',
        '| Promoted at | 2024-05-01T12:00:00Z |',
        '',
        `<!-- gitops-promote:lineage-data {"image":"ghcr.io/acme/backend","digest":"sha256:${'a'.repeat(64)}",` +
          `"sourceTag":"staging-v1.2.3-0123456-1700000000","targetTag":"production-v1.2.3-0123456-1700000500",` +
          `"commit":"${commit}","version":"1.2.3","runUrl":"https://github.com/acme/backend/actions/runs/42",` +
          `"promotedAt":"2024-05-01T12:00:00Z"} -->`,
        '<!-- /gitops-promote:lineage -->',
      ].join('\n'),
    );
  });

  it('omits the optional rows when absent', () => {
    const bare: Lineage = { ...lineage };
    delete bare.runUrl;
    delete bare.promotedAt;
    const text = renderLineage(bare);
    expect(text).not.toContain('Workflow run');
    expect(text).not.toContain('Promoted at');
    expect(parseLineage(text)).toEqual(bare);
  });

  it('keeps a value holding --> from closing the comment early', () => {
    const odd = { ...lineage, runUrl: 'https://example.test/?a=-->|<!--' };
    const text = renderLineage(odd);
    expect(text.split('-->').length - 1).toBe(3);
    expect(text).toContain('| Workflow run | https://example.test/?a=--&gt;\\|&lt;!-- |');
    expect(parseLineage(text)).toEqual(odd);
  });

  it('render then parse is identity (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(
        fc.record(
          {
            image: text,
            digest: text,
            sourceTag: text,
            targetTag: text,
            commit: text,
            version: text,
            runUrl: text,
            promotedAt: text,
          },
          { requiredKeys: ['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version'] },
        ),
        (l) => {
          expect(parseLineage(renderLineage(l))).toEqual(l);
          expect(parseLineage(`notes\n\n${renderLineage(l)}\n\nmore`)).toEqual(l);
        },
      ),
    );
  });
});

describe('parseLineage', () => {
  it('is undefined without a block, with a broken block or broken data', () => {
    expect(parseLineage(undefined)).toBeUndefined();
    expect(parseLineage(null)).toBeUndefined();
    expect(parseLineage('')).toBeUndefined();
    expect(parseLineage("## What's Changed\n* a")).toBeUndefined();
    expect(parseLineage(`${LINEAGE_START}\nno end`)).toBeUndefined();
    expect(parseLineage(`${LINEAGE_START}\n| table only |\n${LINEAGE_END}`)).toBeUndefined();
    expect(
      parseLineage(`${LINEAGE_START}\n<!-- gitops-promote:lineage-data {not json} -->\n${LINEAGE_END}`),
    ).toBeUndefined();
    expect(
      parseLineage(`${LINEAGE_START}\n<!-- gitops-promote:lineage-data {"image":"x"} -->\n${LINEAGE_END}`),
    ).toBeUndefined();
  });
});

describe('replaceLineage', () => {
  const notes =
    "## What's Changed\n* Fix it by @dev in #12\n\n**Full Changelog**: https://github.com/acme/backend/compare/v1.2.2...v1.2.3";

  it('appends the block after the notes, and recognises it on a re-run', () => {
    const body = replaceLineage(notes, lineage);
    expect(body).toBe(`${notes}\n\n${renderLineage(lineage)}\n`);
    expect(replaceLineage(body, lineage)).toBe(body);
    expect(replaceLineage(null, lineage)).toBe(`${renderLineage(lineage)}\n`);
  });

  it('replaces only the block, keeping text before and after it', () => {
    const older = { ...lineage, targetTag: 'production-v1.2.3-0123456-1700000100' };
    const body = `${notes}\n\n${renderLineage(older)}\n\nA note written by hand.`;
    const replaced = replaceLineage(body, lineage);
    expect(replaced).toBe(`${notes}\n\n${renderLineage(lineage)}\n\nA note written by hand.`);
    expect(parseLineage(replaced)).toEqual(lineage);
  });

  it('sameShipment ignores the run and the time, nothing else', () => {
    expect(sameShipment(lineage, { ...lineage, runUrl: 'https://x/runs/43', promotedAt: '2025-01-01T00:00:00Z' })).toBe(
      true,
    );
    expect(sameShipment(lineage, { ...lineage, targetTag: 'production-v1.2.3-0123456-1700000999' })).toBe(false);
    expect(sameShipment(lineage, { ...lineage, digest: 'sha256:' + 'b'.repeat(64) })).toBe(false);
    expect(sameShipment(undefined, lineage)).toBe(false);
  });
});

describe('composeReleaseBody', () => {
  it('is the notes, a blank line and the block', () => {
    expect(composeReleaseBody('notes\n\n', lineage)).toBe(`notes\n\n${renderLineage(lineage)}\n`);
    expect(composeReleaseBody('', lineage)).toBe(`${renderLineage(lineage)}\n`);
  });

  it("cuts long notes to GitHub's limit and never the block", () => {
    const body = composeReleaseBody('x'.repeat(RELEASE_BODY_LIMIT + 10), lineage);
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(body).toContain("… (the notes were cut at GitHub's 125,000-character limit)");
    expect(parseLineage(body)).toEqual(lineage);
  });
});

describe('fitReleaseBody', () => {
  const block = renderLineage(lineage);
  const marker = "… (the notes were cut at GitHub's 125,000-character limit)";

  it('leaves a body within the limit as it is', () => {
    const body = `notes\n\n${block}\nafter\n`;
    expect(fitReleaseBody(body)).toBe(body);
    expect(fitReleaseBody('x'.repeat(RELEASE_BODY_LIMIT))).toBe('x'.repeat(RELEASE_BODY_LIMIT));
  });

  it('cuts the notes of a replaced lineage (replaceLineage on update), never the block', () => {
    const replaced = replaceLineage('n'.repeat(RELEASE_BODY_LIMIT - 20), lineage);
    expect(replaced.length).toBeGreaterThan(RELEASE_BODY_LIMIT);
    const fitted = fitReleaseBody(replaced);
    expect(fitted.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(fitted.endsWith(`${marker}\n\n${block}\n`)).toBe(true);
    expect(parseLineage(fitted)).toEqual(lineage);
  });

  it('cuts text after the block too when it is long, keeping the block whole', () => {
    const body = `${'b'.repeat(RELEASE_BODY_LIMIT)}\n\n${block}\n${'a'.repeat(5000)}`;
    const fitted = fitReleaseBody(body);
    expect(fitted.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(fitted).toContain(block);
    expect(fitted.slice(fitted.indexOf(block) + block.length).length).toBeLessThanOrEqual(1000);
  });

  it('cuts a body without a block with the marker', () => {
    const fitted = fitReleaseBody('y'.repeat(RELEASE_BODY_LIMIT + 1));
    expect(fitted.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(fitted).toContain(marker);
  });

  it('any notes around a block fit, and the block reads back (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: RELEASE_BODY_LIMIT + 2000 }), fc.nat({ max: 3000 }), (before, after) => {
        const fitted = fitReleaseBody(`${'b'.repeat(before)}\n\n${block}\n${'a'.repeat(after)}`);
        return fitted.length <= RELEASE_BODY_LIMIT && parseLineage(fitted) !== undefined && fitted.includes(block);
      }),
      { numRuns: 50 },
    );
  });
});

describe('crossCheckRevision', () => {
  it('matches a full or a ≥7-character label, and is absent without one', () => {
    expect(crossCheckRevision(commit, commit)).toBe('matched');
    expect(crossCheckRevision(commit, commit.toUpperCase())).toBe('matched');
    expect(crossCheckRevision(commit, '0123456')).toBe('matched');
    expect(crossCheckRevision(commit, undefined)).toBe('absent');
    expect(crossCheckRevision(commit, '  ')).toBe('absent');
  });

  it('refuses a label naming another commit', () => {
    const other = 'fedcba9876543210fedcba9876543210fedcba98';
    expect(() => crossCheckRevision(commit, other)).toThrow(
      `The image's org.opencontainers.image.revision label names commit ${other}, but its tag names commit ${commit}: ` +
        'the image was not built from the commit its tag claims, so no release is made for it. Nothing was changed. ' +
        'Promote an image whose tag and revision label agree, or rebuild it from the intended commit.',
    );
    expect(() => crossCheckRevision(commit, '012345')).toThrow(/names commit 012345,/);
    expect(() => crossCheckRevision(commit, 'main')).toThrow(expect.objectContaining({ name: 'RefusedError' }));
  });
});
