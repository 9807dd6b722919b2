/**
 * Flux's image-policy selection (image-reflector-controller `internal/policy`, `applyPolicy`):
 * the tag filter with `pattern`/`extract`, and the `numerical`, `alphabetical` and `semver`
 * policies, with Flux's error texts. Sources: https://fluxcd.io/flux/components/image/imagepolicies/
 * and https://github.com/fluxcd/image-reflector-controller/tree/main/internal/policy.
 *
 * Where Flux's own answer depends on Go's random map iteration order (ties between different
 * extracted strings of equal value), the pick here is deterministic (the byte-wise smallest
 * original tag) and the other tags Flux could have returned are listed in `ties`.
 */
import { InputError } from '../common/errors.js';
import {
  GoRegexpError,
  compileGoRegexp,
  compileGoTemplate,
  goParseFloat,
  goQuote,
  goStringCompare,
  type GoMatch,
  type GoRegexp,
} from './go.js';

export type FluxPolicyKind = 'numerical' | 'alphabetical' | 'semver';

/**
 * The parts of an `ImagePolicy` spec that decide the tag. `pattern`/`extract` are
 * `spec.filterTags`: when both are `undefined` the policy has no `filterTags` and sees the tag list
 * directly; when only `extract` is set, the pattern is `''` (matches every tag), as in Flux.
 */
export interface FluxPolicy {
  pattern?: string;
  extract?: string;
  policy: FluxPolicyKind;
  /** numerical / alphabetical: `asc` (default) or `desc`, case-insensitive. */
  order?: string;
  /** semver: a Masterminds semver v3 constraint. */
  range?: string;
}

export type FluxSelection =
  | {
      ok: true;
      /** The original tag Flux reports (`status.latestRef.tag`). */
      tag: string;
      /** The value the policy compared: the extracted string, or the tag without `filterTags`. */
      value: string;
      /**
       * Other original tags Flux could equally have returned, because its choice among them
       * follows Go's random map order; `[]` when Flux's answer is deterministic.
       */
      ties: string[];
    }
  | {
      ok: false;
      /** Flux's message, verbatim. */
      error: string;
      /** `true` when Flux marks the policy Stalled (`InvalidPolicy`, not retried); `false` for `Failure`. */
      stalled: boolean;
    };

/** `numerical.order` and `alphabetical.order` as the ImagePolicy CRD accepts them: an exact, lower-case enum. */
export const FLUX_ORDERS = ['asc', 'desc'] as const;

/**
 * What the API server refuses before the controller ever sees the ImagePolicy (the CRD schema of
 * https://github.com/fluxcd/image-reflector-controller/blob/main/api/v1/imagepolicy_types.go):
 * `order` exists only under `numerical` and `alphabetical`, as the enum `asc`/`desc` (omitted means
 * asc; `DESC` is refused even though the controller would upper-case it), and `range` only under
 * `semver`, where it is required. `names` are how the caller's user wrote these fields.
 */
export function validatePolicySpec(
  policy: Pick<FluxPolicy, 'policy' | 'order' | 'range'>,
  names: { order: string; range: string } = { order: 'order', range: 'range' },
): void {
  if (policy.policy === 'semver') {
    if (policy.order !== undefined) {
      throw new InputError(
        names.order,
        policy.order,
        `${names.order} only with the numerical or alphabetical policy`,
        "Flux's semver policy has no order: it always picks the highest version in the range",
      );
    }
    if (policy.range === undefined) {
      throw new InputError(names.range, '', 'a semver range, e.g. ">=1.0.0" (Flux requires one for the semver policy)');
    }
    return;
  }
  if (policy.range !== undefined) {
    throw new InputError(
      names.range,
      policy.range,
      `${names.range} only with the semver policy`,
      `Flux's ${policy.policy} policy has no range`,
    );
  }
  if (policy.order !== undefined && !(FLUX_ORDERS as readonly string[]).includes(policy.order)) {
    throw new InputError(
      names.order,
      policy.order,
      `${FLUX_ORDERS.join(', ')} (the ImagePolicy CRD's enum, lower case; omitted means asc)`,
    );
  }
}

const ERR_EMPTY = 'version list argument cannot be empty';
const ERR_NO_TAGS = 'no tags in database';
const ERR_SEMVER_NONE = 'unable to determine latest version from provided list';
const INVALID_POLICY = 'invalid policy: ';
const FILTER_FAILED = 'failed to filter tags: ';

/** Whether a Flux error message is one that stalls the policy (InvalidPolicy) rather than a retried failure. */
export function fluxErrorIsStalled(error: string): boolean {
  return error.startsWith(INVALID_POLICY) || error.startsWith(FILTER_FAILED);
}

/** One value the policy compares and the original tag it came from. */
interface Candidate {
  value: string;
  tag: string;
}

type Selected = Extract<FluxSelection, { ok: true }>;
type Failed = Extract<FluxSelection, { ok: false }>;

/**
 * A policy's `Latest` over the candidates in any order. `ordered` is true when Flux iterates them in
 * a known order, the stored list's descending byte order of the tag (no `filterTags`), false when
 * it iterates a Go map. Policers work out the order's effect (which of equal values wins) from byte
 * comparisons instead of sorting: a sort of 100,000 tags cost most of `latest`'s time.
 */
type Policer = ((candidates: readonly Candidate[], ordered: boolean) => Selected | Failed) & { order: 'ASC' | 'DESC' };

/**
 * Picks the tag Flux's ImagePolicy would pick from `tags` (the ImageRepository's tag list, in any
 * order), or Flux's error. Checks run in the controller's order: policy, tag list, filter, policy.
 */
export function selectLatest(tags: readonly string[], policy: FluxPolicy): FluxSelection {
  const policer = buildPolicer(policy);
  if ('error' in policer) return policer;

  // The controller reports an empty repository before it looks at filterTags.
  if (tags.length === 0) return failure(ERR_NO_TAGS);

  const hasFilter = policy.pattern !== undefined || policy.extract !== undefined;
  let re: GoRegexp | undefined;
  if (hasFilter) {
    const pattern = policy.pattern ?? '';
    try {
      re = compileGoRegexp(pattern);
    } catch (err) {
      if (!(err instanceof GoRegexpError)) throw err;
      return stalled(`${FILTER_FAILED}invalid regular expression pattern '${pattern}': ${err.message}`);
    }
  }

  if (policy.policy === 'numerical') {
    const streamed = streamNumerical(tags, re, policy.extract ?? '', policer.order, !hasFilter);
    if (streamed !== undefined) return streamed;
  }

  const candidates: Candidate[] = [];
  if (re !== undefined) {
    for (const [value, tag] of applyFilter(re, tags, policy.extract ?? '')) candidates.push({ value, tag });
  } else {
    for (const tag of new Set(tags)) candidates.push({ value: tag, tag });
  }

  if (candidates.length === 0) return failure(ERR_EMPTY);
  return policer(candidates, !hasFilter);
}

/**
 * The numerical policy in one pass over the tags, keeping only the keys at the extreme value so far
 * (the product's policy, over the largest lists). `undefined` when a value is NaN: then Flux's
 * answer depends on the whole list, and the caller decides over all the candidates.
 */
function streamNumerical(
  tags: readonly string[],
  re: GoRegexp | undefined,
  extract: string,
  order: 'ASC' | 'DESC',
  ordered: boolean,
): Selected | Failed | undefined {
  const expand = re !== undefined && extract !== '' ? compileGoTemplate(extract, re.subexpNames) : undefined;
  let any = false;
  let unparsable: string | undefined;
  let extreme = NaN;
  const atExtreme = new Map<string, string>();
  for (const tag of tags) {
    let key = tag;
    if (re !== undefined) {
      const groups = re.groups(tag);
      if (groups === null) continue;
      if (expand !== undefined) key = expand(groups);
    }
    any = true;
    let v: number;
    try {
      v = goParseFloat(key);
    } catch {
      // Flux names the first bad value it iterates (see numerical()).
      const cmp = unparsable === undefined ? 0 : byteOrder(key, unparsable);
      if (unparsable === undefined || (ordered ? cmp > 0 : cmp < 0)) unparsable = key;
      continue;
    }
    if (Number.isNaN(v)) return undefined;
    if (Number.isNaN(extreme) || (order === 'ASC' ? v > extreme : v < extreme)) {
      extreme = v;
      atExtreme.clear();
      atExtreme.set(key, tag);
    } else if (v === extreme) {
      const kept = atExtreme.get(key);
      if (kept === undefined || (kept !== tag && byteOrder(tag, kept) < 0)) atExtreme.set(key, tag);
    }
  }
  if (!any) return failure(ERR_EMPTY);
  if (unparsable !== undefined) return failure(`failed to parse invalid numeric value '${unparsable}'`);
  const winners = [...atExtreme].map(([value, tag]) => ({ value, tag }));
  if (ordered) {
    // Flux's loop keeps the last of equal values in storage order: the byte-wise smallest tag.
    const c = winners.reduce((a, b) => (byteOrder(b.tag, a.tag) < 0 ? b : a));
    return { ok: true, tag: c.tag, value: c.value, ties: [] };
  }
  return pickAmong(winners);
}

/**
 * Flux's `RegexFilter.Apply`: key (extracted string, or the tag when `extract` is `''`) → original
 * tag, for every tag the pattern matches anywhere. Flux processes the tags in the ImageRepository's
 * storage order (descending bytes, IRC ≥ v1.0.0) and the last write wins, so among tags with the
 * same key the byte-wise smallest keeps it. The map's order is not Flux's (Go's is random). Throws
 * `GoRegexpError` for a pattern Go rejects.
 */
export function filterTags(tags: readonly string[], pattern = '', extract = ''): Map<string, string> {
  return applyFilter(compileGoRegexp(pattern), tags, extract);
}

function applyFilter(re: GoRegexp, tags: readonly string[], extract: string): Map<string, string> {
  const expand = extract !== '' ? compileGoTemplate(extract, re.subexpNames) : undefined;
  const filtered = new Map<string, string>();
  for (const tag of tags) {
    const groups = re.groups(tag);
    if (groups === null) continue;
    const key = expand === undefined ? tag : expand(groups);
    const kept = filtered.get(key);
    if (kept === undefined || (kept !== tag && goStringCompare(tag, kept) < 0)) filtered.set(key, tag);
  }
  return filtered;
}

function byteOrder(a: string, b: string): number {
  return goStringCompare(a, b);
}

function stalled(error: string): Failed {
  return { ok: false, error, stalled: true };
}

function failure(error: string): Failed {
  return { ok: false, error, stalled: false };
}

/** Among candidates Flux picks at random, the deterministic pick and the rest as ties. */
function pickAmong(winners: readonly Candidate[]): Selected {
  const sorted = [...winners].sort((a, b) => byteOrder(a.tag, b.tag));
  const first = sorted[0] as Candidate;
  return { ok: true, tag: first.tag, value: first.value, ties: sorted.slice(1).map((c) => c.tag) };
}

function buildPolicer(policy: FluxPolicy): Policer | Failed {
  switch (policy.policy) {
    case 'numerical': {
      const order = parseOrder(policy.order);
      return typeof order === 'string' ? numerical(order) : order;
    }
    case 'alphabetical': {
      const order = parseOrder(policy.order);
      return typeof order === 'string' ? alphabetical(order) : order;
    }
    case 'semver': {
      let constraints: SemverConstraints;
      try {
        constraints = newConstraint(policy.range ?? '');
      } catch (err) {
        return stalled(`${INVALID_POLICY}${(err as Error).message}`);
      }
      return semverPolicy(constraints);
    }
    default:
      return stalled(`${INVALID_POLICY}given ImagePolicyChoice object is invalid`);
  }
}

/** The factory upper-cases the order (`strings.ToUpper`); `''` means ASC. */
function parseOrder(order: string | undefined): 'ASC' | 'DESC' | Failed {
  const upper = (order ?? '').replace(/\p{Ll}/gu, (c) => {
    const u = c.toUpperCase();
    return [...u].length === 1 ? u : c;
  });
  if (upper === '' || upper === 'ASC') return 'ASC';
  if (upper === 'DESC') return 'DESC';
  return stalled(`${INVALID_POLICY}invalid order argument provided: '${upper}', must be one of: ASC, DESC`);
}

// ---------------------------------------------------------------------------------------------
// numerical (IRC internal/policy/numerical.go)
// ---------------------------------------------------------------------------------------------

/*
 * NaN ("nan", "NaN", …, accepted by ParseFloat) never compares smaller or larger, so in Flux's loop
 * a NaN replaces the current best and whatever is iterated next replaces the NaN: with map order
 * random, every candidate is a possible answer once a NaN is among several. The choice here: the
 * pick Flux makes when it iterates the NaN first (the extreme of the other values; the byte-smallest
 * NaN tag if all are NaN), with every other candidate's tag in `ties`. Without filterTags the order
 * is known and Flux's loop is replayed exactly, NaN included, with no ties.
 */
function numerical(order: 'ASC' | 'DESC'): Policer {
  const better = order === 'ASC' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  return withOrder(order, (candidates, ordered) => {
    const values = new Float64Array(candidates.length);
    // Any bad value fails the whole policy. Flux names the first it iterates: the first in storage
    // order (the byte-wise greatest), or an arbitrary one from a map, for which the byte-smallest
    // stands in.
    let unparsable: string | undefined;
    let hasNaN = false;
    let extreme = NaN;
    for (let i = 0; i < candidates.length; i++) {
      const value = (candidates[i] as Candidate).value;
      let v: number;
      try {
        v = goParseFloat(value);
      } catch {
        const cmp = unparsable === undefined ? 0 : byteOrder(value, unparsable);
        if (unparsable === undefined || (ordered ? cmp > 0 : cmp < 0)) unparsable = value;
        continue;
      }
      values[i] = v;
      if (Number.isNaN(v)) hasNaN = true;
      else if (Number.isNaN(extreme) || better(v, extreme)) extreme = v;
    }
    if (unparsable !== undefined) return failure(`failed to parse invalid numeric value '${unparsable}'`);

    if (ordered && hasNaN) return replayNumerical(candidates, values, order);
    if (Number.isNaN(extreme)) return pickAmong(candidates);
    const winners = candidates.filter((_, i) => values[i] === extreme);
    if (ordered) {
      // Flux's loop keeps the last of equal values in storage order: the byte-wise smallest tag.
      const c = winners.reduce((a, b) => (byteOrder(b.tag, a.tag) < 0 ? b : a));
      return { ok: true, tag: c.tag, value: c.value, ties: [] };
    }
    const selected = pickAmong(winners);
    if (!hasNaN) return selected;
    const ties = candidates
      .map((c) => c.tag)
      .filter((t) => t !== selected.tag)
      .sort(byteOrder);
    return { ...selected, ties };
  });
}

function withOrder(
  order: 'ASC' | 'DESC',
  latest: (candidates: readonly Candidate[], ordered: boolean) => Selected | Failed,
): Policer {
  return Object.assign(latest, { order });
}

/** Flux's numerical loop over the stored order (descending bytes), for lists holding a NaN. */
function replayNumerical(candidates: readonly Candidate[], values: Float64Array, order: 'ASC' | 'DESC'): Selected {
  const indexes = candidates
    .map((_, i) => i)
    .sort((a, b) => byteOrder((candidates[b] as Candidate).tag, (candidates[a] as Candidate).tag));
  let best = indexes[0] as number;
  let bestValue = values[best] as number;
  for (const i of indexes.slice(1)) {
    const v = values[i] as number;
    if ((order === 'ASC' && v < bestValue) || (order === 'DESC' && v > bestValue)) continue;
    best = i;
    bestValue = v;
  }
  const c = candidates[best] as Candidate;
  return { ok: true, tag: c.tag, value: c.value, ties: [] };
}

// ---------------------------------------------------------------------------------------------
// alphabetical (IRC internal/policy/alphabetical.go)
// ---------------------------------------------------------------------------------------------

/** Go `sort.Strings` order: ASC returns the byte-wise maximum, DESC the minimum. Keys are unique, so no ties. */
function alphabetical(order: 'ASC' | 'DESC'): Policer {
  return withOrder(order, (candidates) => {
    let best = candidates[0] as Candidate;
    for (const c of candidates) {
      const cmp = byteOrder(c.value, best.value);
      if ((order === 'ASC' && cmp > 0) || (order === 'DESC' && cmp < 0)) best = c;
    }
    return { ok: true, tag: best.tag, value: best.value, ties: [] };
  });
}

// ---------------------------------------------------------------------------------------------
// semver (IRC internal/policy/semver.go, fluxcd/pkg version.ParseVersion, Masterminds/semver v3.5)
// ---------------------------------------------------------------------------------------------

/*
 * Masterminds semver v3 is ported here directly (constraint grammar, each operator's check,
 * version order) instead of being translated to npm `semver` ranges, because npm differs where it
 * changes Flux's answer:
 *   - prereleases: npm admits a prerelease only when a comparator has one on the same
 *     major.minor.patch; Masterminds admits every prerelease in an AND group (comma or space
 *     separated) in which any constraint has a prerelease (`^1.x-0` takes 1.9.0-rc.1).
 *   - wildcards and partial versions: `>1.2` is "minor > 2" in Masterminds, `<=1.2` takes all of
 *     1.2.x, `~1` / `^0` / `!=1.x` follow Masterminds' own tables, `=`/none with x is `~`.
 *   - parsing: npm trims spaces, accepts `=1.2.3` and numbers only up to 2^53; Flux wants two
 *     dots and then Masterminds' coercing NewVersion (`v2024.01.15`, `1.2-rc.1`), uint64 parts,
 *     and constraints allow `v`, `=>`, `=<`, `~>`, `!=`, hyphen ranges.
 * The constraint regular expressions are Masterminds' own, run with re2js (linear time, as Go).
 * Known differences from Go: error texts follow v3.5.0 (`improper constraint: %q`, the 512-byte
 * and 32-group limits); versions longer than Masterminds' MaxVersionLen are not refused.
 */

type SemverVersion = FluxVersion;

interface SemverConstraint {
  op: string;
  con: SemverVersion;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

interface SemverConstraints {
  groups: SemverConstraint[][];
  /** Per OR group: some constraint in it has a prerelease, so prereleases are considered. */
  containsPre: boolean[];
}

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;

// Go's \s is [\t\n\f\r ].
const S = '[\\t\\n\\f\\r ]';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';

let constraintRegexes: { constraint: GoRegexp; range: GoRegexp; find: GoRegexp; valid: GoRegexp } | undefined;

function regexes(): NonNullable<typeof constraintRegexes> {
  constraintRegexes ??= {
    constraint: compileGoRegexp(`^${S}*(${OPS})${S}*(${CV})${S}*$`),
    range: compileGoRegexp(`${S}*(${CV})${S}+-${S}+(${CV})${S}*`),
    find: compileGoRegexp(`(${OPS})${S}*(${CV})`),
    valid: compileGoRegexp(`^(${S}*(${OPS})${S}*(${CV})${S}*)((?:${S}+|,${S}*)(${OPS})${S}*(${CV})${S}*)*$`),
  };
  return constraintRegexes;
}

/** Go's FindAll for patterns that cannot match the empty string. */
function findAll(re: GoRegexp, text: string): GoMatch[] {
  const out: GoMatch[] = [];
  let from = 0;
  while (from <= text.length) {
    const m = re.match(text, from);
    if (m === null || m.whole === '') break;
    out.push(m);
    from = m.index + m.whole.length;
  }
  return out;
}

function newConstraint(range: string): SemverConstraints {
  if (new TextEncoder().encode(range).length > MAX_CONSTRAINT_LEN) {
    throw new Error(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
  }
  const re = regexes();

  // Hyphen ranges become two comparisons first (Masterminds rewriteRange).
  let rewritten = range;
  for (const m of findAll(re.range, range)) {
    const text = `>= ${m.groups[1] ?? ''}, <= ${m.groups[11] ?? ''} `;
    rewritten = rewritten.replace(m.whole, () => text);
  }

  const ors = rewritten.split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) {
    throw new Error(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
  }
  const groups: SemverConstraint[][] = [];
  const containsPre: boolean[] = [];
  for (const group of ors) {
    if (re.valid.match(group) === null) throw new Error(`improper constraint: ${goQuote(group)}`);
    const found = findAll(re.find, group).map((m) => m.whole);
    const parsed = (found.length > 0 ? found : [group]).map(parseConstraint);
    groups.push(parsed);
    containsPre.push(parsed.some((c) => c.con.prerelease !== ''));
  }
  return { groups, containsPre };
}

function isX(s: string): boolean {
  return s === 'x' || s === 'X' || s === '*';
}

function parseConstraint(text: string): SemverConstraint {
  const m = regexes().constraint.match(text);
  if (m === null) throw new Error(`improper constraint: ${goQuote(text)}`);
  const op = m.group(1) ?? '';
  const major = m.group(3) ?? '';
  const minor = m.group(4) ?? '';
  const patch = m.group(5) ?? '';
  const pre = m.group(6) ?? '';
  let ver = m.group(2) ?? '';
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    dirty = true;
    patchDirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  const con = newVersion(ver);
  if (con === undefined) throw new Error('constraint parser error');
  return { op, con, dirty, minorDirty, patchDirty };
}

const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

// Version parts repeat across a repository's tags (1, 2, 10, …); BigInt parsing showed in profiles.
const SMALL_PARTS = new Map<string, bigint>();

function uint64(digits: string): bigint | undefined {
  if (digits.length <= 4) {
    let value = SMALL_PARTS.get(digits);
    if (value === undefined) SMALL_PARTS.set(digits, (value = BigInt(digits)));
    return value;
  }
  const value = BigInt(digits);
  return value > MAX_UINT64 ? undefined : value;
}

function validPrerelease(pre: string): boolean {
  return pre.split('.').every((part) => {
    if (part === '') return false;
    if (/^[0-9]+$/.test(part)) return !(part.length > 1 && part[0] === '0');
    return /^[0-9A-Za-z-]+$/.test(part);
  });
}

function validMetadata(meta: string): boolean {
  return meta.split('.').every((part) => /^[0-9A-Za-z-]+$/.test(part));
}

/**
 * Masterminds `NewVersion` with `CoerceNewVersion` (its default): `v`, missing minor/patch and
 * leading zeros accepted; parts are uint64. `undefined` where it returns an error.
 */
export function newMastermindsVersion(text: string): FluxVersion | undefined {
  return newVersion(text);
}

function newVersion(text: string): SemverVersion | undefined {
  const m = LOOSE_VERSION.exec(text);
  if (m === null) return undefined;
  const major = uint64(m[1] as string);
  const minor = uint64((m[2] ?? '.0').slice(1));
  const patch = uint64((m[3] ?? '.0').slice(1));
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const prerelease = m[5] ?? '';
  if (prerelease !== '' && !validPrerelease(prerelease)) return undefined;
  const metadata = m[8] ?? '';
  if (metadata !== '' && !validMetadata(metadata)) return undefined;
  return { major, minor, patch, prerelease, metadata };
}

/** A version as Flux's semver policy sees a tag: Masterminds `Version` (build metadata kept, not compared). */
export interface FluxVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** `''` when there is none. */
  prerelease: string;
  /** Build metadata, `''` when there is none; it never counts in comparisons. */
  metadata: string;
}

/**
 * fluxcd/pkg `version.ParseVersion` as image-reflector-controller v1.0.0 and later use it
 * (fluxcd/pkg version/v0.10.0 and later): the text must hold at least two dots
 * (`strings.SplitN(v, ".", 3)` gives three parts), then Masterminds `NewVersion` parses it, which
 * coerces: a `v`, leading zeros (`v2024.01.15` is 2024.1.15) and, once the dots are there, a missing
 * patch (`1.2-rc.1` is 1.2.0-rc.1, `1.2+build.5` is 1.2.0+build.5) are accepted.
 * https://github.com/fluxcd/pkg/blob/main/version/version.go,
 * https://github.com/Masterminds/semver/blob/master/version.go (`NewVersion`, `coerceNewVersion`).
 *
 * Up to fluxcd/pkg version/v0.9.0 (image-reflector-controller up to v0.35.x) the rule was strict:
 * one `v` trimmed, then `StrictNewVersion` (exactly X.Y.Z, no leading zeros).
 */
export function parseFluxVersion(text: string): FluxVersion | undefined {
  const firstDot = text.indexOf('.');
  if (firstDot < 0 || text.indexOf('.', firstDot + 1) < 0) return undefined;
  return newVersion(text);
}

function compareBig(a: bigint, b: bigint): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function isUint64Text(s: string): boolean {
  return /^[0-9]+$/.test(s) && BigInt(s) <= MAX_UINT64;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = isUint64Text(s);
  const oNum = isUint64Text(o);
  if (!sNum && !oNum) return goStringCompare(s, o) > 0 ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Masterminds `Version.Compare` (-1, 0, 1): build metadata does not count. */
export function compareFluxVersions(v: FluxVersion, o: FluxVersion): number {
  return compareVersions(v, o);
}

function compareVersions(v: SemverVersion, o: SemverVersion): number {
  const d = compareBig(v.major, o.major) || compareBig(v.minor, o.minor) || compareBig(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.prerelease === '' && o.prerelease === '') return 0;
  if (v.prerelease === '') return 1;
  if (o.prerelease === '') return -1;
  return comparePrerelease(v.prerelease, o.prerelease);
}

function tilde(v: SemverVersion, c: SemverConstraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return v.minor === c.con.minor || c.minorDirty;
}

function caret(v: SemverVersion, c: SemverConstraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

function notEqual(v: SemverVersion, c: SemverConstraint): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.prerelease !== '' || c.con.prerelease !== '')
        return comparePrerelease(v.prerelease, c.con.prerelease) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function checkConstraint(v: SemverVersion, c: SemverConstraint, includePre: boolean): boolean {
  if (v.prerelease !== '' && !includePre) return false;
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
    case '!=':
      return notEqual(v, c);
    case '>':
      if (!c.dirty) return compareVersions(v, c.con) > 0;
      if (v.major !== c.con.major) return v.major > c.con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return compareVersions(v, c.con) > 0;
    case '<':
      return compareVersions(v, c.con) < 0;
    case '>=':
    case '=>':
      return compareVersions(v, c.con) >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return compareVersions(v, c.con) <= 0;
      if (v.major > c.con.major) return false;
      return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
    default:
      return false;
  }
}

function satisfies(v: SemverVersion, cs: SemverConstraints): boolean {
  return cs.groups.some((group, i) => group.every((c) => checkConstraint(v, c, cs.containsPre[i] === true)));
}

/**
 * Values that do not parse are skipped; the greatest satisfying version wins and, being replaced
 * only by a strictly greater one, the first of equal versions (`1.0.0` / `v1.0.0`) stays: in
 * storage order the byte-wise greatest tag, from a Go map any of them.
 */
function semverPolicy(constraints: SemverConstraints): Policer {
  return withOrder('ASC', (candidates, ordered) => {
    let best: SemverVersion | undefined;
    let equal: Candidate[] = [];
    for (const c of candidates) {
      const v = parseFluxVersion(c.value);
      if (v === undefined || !satisfies(v, constraints)) continue;
      const d = best === undefined ? 1 : compareVersions(v, best);
      if (d > 0) {
        best = v;
        equal = [c];
      } else if (d === 0) {
        equal.push(c);
      }
    }
    if (best === undefined) return failure(ERR_SEMVER_NONE);
    if (ordered) {
      const c = equal.reduce((a, b) => (byteOrder(b.tag, a.tag) > 0 ? b : a));
      return { ok: true, tag: c.tag, value: c.value, ties: [] };
    }
    return pickAmong(equal);
  });
}
