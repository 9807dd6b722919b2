/**
 * The lineage block of a GitHub Release: which image, digest, tags and commit a version shipped as
 * (README "The promotion workflow"). It sits in the release body between two HTML comments so that a re-run
 * finds its own block and replaces it, leaving the generated notes (and any hand edits) around it
 * untouched. Pure: no I/O.
 */

export interface Lineage {
  /** the image name, without tag or digest, where the environment's tags are: `ghcr.io/acme/backend` */
  image: string;
  /** the image it was copied from, when the promotion went to another repository or registry */
  sourceImage?: string;
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
  /**
   * Every delivery of this version to the environment, oldest first: the promotion, then each
   * rollback to it. A rollback ships nothing new, so it leaves the fields above as they are and
   * adds its delivery here: the durable record of who put what in production, when, from which run.
   */
  deliveries?: Delivery[];
  /**
   * A release train's images, the first one (the fields above) included: every image, where its
   * tags are, where it came from, its digest and its tags. Absent for one image.
   */
  images?: LineageImage[];
}

/** One image of a release train, as its release records it. */
export interface LineageImage {
  image: string;
  sourceImage?: string;
  digest: string;
  sourceTag: string;
  targetTag: string;
}

/** One delivery of a version to an environment: its promotion, or a rollback to it. */
export interface Delivery {
  kind: 'promotion' | 'rollback';
  /** ISO 8601 UTC */
  at: string;
  /** who ran it: the workflow's GITHUB_ACTOR, or the user who ran the CLI */
  actor?: string;
  runUrl?: string;
  sourceTag: string;
  /** the immutable tag this delivery wrote: with the image, it identifies the delivery */
  targetTag: string;
  digest: string;
  /** the image, for a release train's other images (the lineage's own image otherwise) */
  image?: string;
}

/** The most deliveries a release keeps (the oldest are dropped): a body holds 125,000 characters. */
export const MAX_DELIVERIES = 200;

export const LINEAGE_START = '<!-- gitops-promote:lineage -->';
export const LINEAGE_END = '<!-- /gitops-promote:lineage -->';
const DATA_PREFIX = '<!-- gitops-promote:lineage-data ';
const DATA_SUFFIX = ' -->';

const REQUIRED_FIELDS = ['image', 'digest', 'sourceTag', 'targetTag', 'commit', 'version'] as const;
const OPTIONAL_FIELDS = ['sourceImage', 'runUrl', 'promotedAt'] as const;
const DELIVERY_KINDS = new Set(['promotion', 'rollback']);

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
  const out: Record<string, unknown> = {};
  for (const key of REQUIRED_FIELDS) out[key] = l[key];
  for (const key of OPTIONAL_FIELDS) if (l[key] !== undefined) out[key] = l[key] as string;
  if (l.deliveries?.length) out.deliveries = l.deliveries.map(orderedDelivery);
  if (l.images?.length) out.images = l.images.map(orderedImage);
  return out as unknown as Lineage;
}

function orderedImage(i: LineageImage): LineageImage {
  return {
    image: i.image,
    ...(i.sourceImage !== undefined ? { sourceImage: i.sourceImage } : {}),
    digest: i.digest,
    sourceTag: i.sourceTag,
    targetTag: i.targetTag,
  };
}

/** An image read back from a body: every field a string, or undefined. */
function readImage(value: unknown): LineageImage | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const i = value as Record<string, unknown>;
  if (!(['image', 'digest', 'sourceTag', 'targetTag'] as const).every((k) => typeof i[k] === 'string'))
    return undefined;
  if (i.sourceImage !== undefined && typeof i.sourceImage !== 'string') return undefined;
  return orderedImage(i as unknown as LineageImage);
}

function orderedDelivery(d: Delivery): Delivery {
  return {
    kind: d.kind,
    at: d.at,
    ...(d.actor !== undefined ? { actor: d.actor } : {}),
    ...(d.runUrl !== undefined ? { runUrl: d.runUrl } : {}),
    sourceTag: d.sourceTag,
    targetTag: d.targetTag,
    digest: d.digest,
    ...(d.image !== undefined ? { image: d.image } : {}),
  };
}

/** A delivery read back from a body: every field of the right type, or undefined. */
function readDelivery(value: unknown): Delivery | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const d = value as Record<string, unknown>;
  const strings = ['at', 'sourceTag', 'targetTag', 'digest'] as const;
  if (typeof d.kind !== 'string' || !DELIVERY_KINDS.has(d.kind)) return undefined;
  if (!strings.every((k) => typeof d[k] === 'string')) return undefined;
  for (const k of ['actor', 'runUrl', 'image'] as const)
    if (d[k] !== undefined && typeof d[k] !== 'string') return undefined;
  return orderedDelivery(d as unknown as Delivery);
}

/**
 * The deliveries of `existing` with those of `added` that it lacks (a delivery is known by the
 * immutable tag it wrote, so a re-run adds nothing), oldest first, at most MAX_DELIVERIES.
 */
export function mergeDeliveries(existing: readonly Delivery[] = [], added: readonly Delivery[] = []): Delivery[] {
  const key = (d: Delivery) => `${d.image ?? ''} ${d.targetTag}`;
  const known = new Set(existing.map(key));
  const merged = [...existing, ...added.filter((d) => !known.has(key(d)))];
  merged.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return merged.slice(-MAX_DELIVERIES);
}

export function renderLineage(l: Lineage): string {
  const rows: [string, string][] = [
    ['Version', code(`v${l.version}`)],
    ['Commit', code(l.commit)],
    ['Image', code(l.image)],
    ...(l.sourceImage !== undefined ? [['Copied from', code(l.sourceImage)] as [string, string]] : []),
    ['Digest', code(l.digest)],
    ['Promoted from', code(l.sourceTag)],
    ['Promoted to', code(l.targetTag)],
  ];
  if (l.runUrl !== undefined) rows.push(['Workflow run', cell(l.runUrl)]);
  if (l.promotedAt !== undefined) rows.push(['Promoted at', cell(l.promotedAt)]);
  const images = l.images?.length
    ? [
        '',
        '#### Images',
        '',
        '| image | digest | from | to |',
        '|---|---|---|---|',
        ...l.images.map(
          (i) =>
            `| ${code(i.image)}${i.sourceImage !== undefined ? ` (from ${code(i.sourceImage)})` : ''} | ${code(i.digest)} | ${code(i.sourceTag)} | ${code(i.targetTag)} |`,
        ),
      ]
    : [];
  const deliveries = l.deliveries?.length
    ? [
        '',
        '#### Deliveries',
        '',
        '| when (UTC) | what | by | tag | digest | run |',
        '|---|---|---|---|---|---|',
        ...l.deliveries.map(
          (d) =>
            `| ${cell(d.at)} | ${d.kind} | ${d.actor !== undefined ? cell(d.actor) : ''} | ${code(d.targetTag)} | ${code(d.digest)} | ${d.runUrl !== undefined ? cell(d.runUrl) : ''} |`,
        ),
      ]
    : [];
  return [
    LINEAGE_START,
    '### Lineage',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    ...images,
    ...deliveries,
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
  const out: Record<string, unknown> = {};
  for (const key of REQUIRED_FIELDS) {
    if (typeof record[key] !== 'string') return undefined;
    out[key] = record[key] as string;
  }
  for (const key of OPTIONAL_FIELDS) {
    if (typeof record[key] === 'string') out[key] = record[key] as string;
  }
  // A delivery that does not read back whole is left out; the lineage itself still stands.
  if (Array.isArray(record.deliveries)) {
    const deliveries = record.deliveries.map(readDelivery).filter((d): d is Delivery => d !== undefined);
    if (deliveries.length) out.deliveries = deliveries;
  }
  if (Array.isArray(record.images)) {
    const images = record.images.map(readImage);
    // A train's list is whole or absent: a partial one would misstate what shipped together.
    if (images.length && images.every((i) => i !== undefined)) out.images = images;
  }
  return out as unknown as Lineage;
}

/**
 * Whether two lineages describe the same shipment. The run URL and the time describe the run, not
 * the artifact: a re-run of a half-done promotion has a new time but ships the same thing.
 */
export function sameShipment(a: Lineage | undefined, b: Lineage | undefined): boolean {
  if (!a || !b) return false;
  const images = (l: Lineage) => JSON.stringify((l.images ?? []).map(orderedImage));
  return REQUIRED_FIELDS.every((key) => a[key] === b[key]) && images(a) === images(b);
}

/**
 * The body with its lineage block replaced by `l`'s, or with `l`'s block appended after the notes.
 * The deliveries already recorded are kept, with `l`'s added: a release's history only grows.
 */
export function replaceLineage(body: string | null | undefined, l: Lineage): string {
  const text = body ?? '';
  const previous = parseLineage(text)?.deliveries;
  const deliveries = mergeDeliveries(previous, l.deliveries);
  const rendered = renderLineage({ ...l, ...(deliveries.length ? { deliveries } : {}) });
  const block = findBlock(text);
  if (block) return text.slice(0, block.start) + rendered + text.slice(block.end);
  const notes = text.replace(/\s+$/, '');
  return notes ? `${notes}\n\n${rendered}\n` : `${rendered}\n`;
}
