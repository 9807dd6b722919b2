/**
 * The lineage block of a GitHub Release: which image, digest, tags and commit a version shipped as
 * (README "The promotion workflow"). It sits in the release body between two HTML comments so that a re-run
 * finds its own block and replaces it, leaving the generated notes (and any hand edits) around it
 * untouched. Pure: no I/O.
 */

export interface Lineage {
  /** the image name, without tag or digest: `ghcr.io/acme/backend` */
  image: string;
  /** `sha256:…` of the manifest that was promoted */
  digest: string;
  /** the tag it was promoted from: `staging-v1.2.3-abc1234-1700000000` */
  sourceTag: string;
  /** the immutable tag it was promoted to: `production-v1.2.3-abc1234-1700000500` */
  targetTag: string;
  /** the full 40-hex commit the image was built from; the release tag points at it */
  commit: string;
  /** `X.Y.Z`, without `v` */
  version: string;
  /** the workflow run that promoted it */
  runUrl?: string;
  /** ISO 8601 time of the promotion */
  promotedAt?: string;
}

export const LINEAGE_START = '<!-- gitops-promote:lineage -->';
export const LINEAGE_END = '<!-- /gitops-promote:lineage -->';
const DATA_PREFIX = '<!-- gitops-promote:lineage-data ';
const DATA_SUFFIX = ' -->';

const REQUIRED_FIELDS = ['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version'] as const;
const OPTIONAL_FIELDS = ['runUrl', 'promotedAt'] as const;

/**
 * A markdown table cell: a pipe or a line break would end the cell or the row (GFM tables), and
 * `<`/`>` could open an HTML comment that hides the rest or fake the block's end marker.
 */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span, unless the text has characters a code span would show as entities or end early on. */
function code(text: string): string {
  return /[<>`]/.test(text) ? cell(text) : `\`${cell(text)}\``;
}

/**
 * JSON inside an HTML comment: `-->` (or `--!>`) would end the comment, so `<` and `>` are written
 * as JSON unicode escapes, which JSON.parse reads back unchanged.
 */
function commentJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

function orderedLineage(l: Lineage): Lineage {
  const out: Record<string, string> = {};
  for (const key of REQUIRED_FIELDS) out[key] = l[key];
  for (const key of OPTIONAL_FIELDS) if (l[key] !== undefined) out[key] = l[key] as string;
  return out as unknown as Lineage;
}

export function renderLineage(l: Lineage): string {
  const rows: [string, string][] = [
    ['Version', code(`v${l.version}`)],
    ['Commit', code(l.commit)],
    ['Image', code(l.image)],
    ['Digest', code(l.digest)],
    ['Promoted from', code(l.sourceTag)],
    ['Promoted to', code(l.targetTag)],
  ];
  if (l.runUrl !== undefined) rows.push(['Workflow run', cell(l.runUrl)]);
  if (l.promotedAt !== undefined) rows.push(['Promoted at', cell(l.promotedAt)]);
  return [
    LINEAGE_START,
    '### Lineage',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    `${DATA_PREFIX}${commentJson(orderedLineage(l))}${DATA_SUFFIX}`,
    LINEAGE_END,
  ].join('\n');
}

interface BlockPosition {
  start: number;
  /** index just past LINEAGE_END */
  end: number;
}

function findBlock(body: string): BlockPosition | undefined {
  const start = body.indexOf(LINEAGE_START);
  if (start < 0) return undefined;
  const endMarker = body.indexOf(LINEAGE_END, start + LINEAGE_START.length);
  if (endMarker < 0) return undefined;
  return { start, end: endMarker + LINEAGE_END.length };
}

/** A body cut around its lineage block (the block with its markers), or undefined when it has none. */
export function splitLineage(body: string): { before: string; block: string; after: string } | undefined {
  const block = findBlock(body);
  if (!block) return undefined;
  return {
    before: body.slice(0, block.start),
    block: body.slice(block.start, block.end),
    after: body.slice(block.end),
  };
}

/** The lineage recorded in a release body, or `undefined` when there is none or it is unreadable. */
export function parseLineage(body: string | null | undefined): Lineage | undefined {
  if (!body) return undefined;
  const block = findBlock(body);
  if (!block) return undefined;
  const text = body.slice(block.start, block.end);
  const dataStart = text.indexOf(DATA_PREFIX);
  if (dataStart < 0) return undefined;
  const jsonStart = dataStart + DATA_PREFIX.length;
  const jsonEnd = text.indexOf(DATA_SUFFIX, jsonStart);
  if (jsonEnd < 0) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(jsonStart, jsonEnd));
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of REQUIRED_FIELDS) {
    if (typeof record[key] !== 'string') return undefined;
    out[key] = record[key] as string;
  }
  for (const key of OPTIONAL_FIELDS) {
    if (typeof record[key] === 'string') out[key] = record[key] as string;
  }
  return out as unknown as Lineage;
}

/**
 * Whether two lineages describe the same shipment. The run URL and the time describe the run, not
 * the artifact: a re-run of a half-done promotion has a new time but ships the same thing.
 */
export function sameShipment(a: Lineage | undefined, b: Lineage | undefined): boolean {
  if (!a || !b) return false;
  return REQUIRED_FIELDS.every((key) => a[key] === b[key]);
}

/** The body with its lineage block replaced by `l`'s, or with `l`'s block appended after the notes. */
export function replaceLineage(body: string | null | undefined, l: Lineage): string {
  const rendered = renderLineage(l);
  const text = body ?? '';
  const block = findBlock(text);
  if (block) return text.slice(0, block.start) + rendered + text.slice(block.end);
  const notes = text.replace(/\s+$/, '');
  return notes ? `${notes}\n\n${rendered}\n` : `${rendered}\n`;
}
