import { InputError, RefusedError } from '../common/errors.js';
import { formatImageRef, parseImageRef } from './image.js';
import { TAG } from '../common/patterns.js';

/** One build of one environment: `<env>-v<MAJOR>.<MINOR>.<PATCH>-<sha>-<ts>` (the README's tag table). */
export interface ImmutableTag {
  env: string;
  version: string;
  sha: string;
  ts: number;
}

/** No dash: the immutable tag is split on dashes, and Flux's pattern starts with `^<env>-v`. */
export const ENV_GRAMMAR = /^[a-z][a-z0-9]*$/;

/**
 * The longest environment name: with it, the longest immutable tag there can be (three 16-digit
 * version numbers, the largest semver takes here, a 40-character sha, a 10-digit ts) is exactly 128
 * characters, the most an OCI tag may have
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests), so no
 * valid build or promotion can make a tag a registry refuses. README "Choices".
 */
export const MAX_ENVIRONMENT_LENGTH = 24;

const ENV_ACCEPTED = `a lowercase letter followed by lowercase letters or digits, at most ${MAX_ENVIRONMENT_LENGTH} characters, e.g. develop, staging, production`;
const VERSION_ACCEPTED = 'MAJOR.MINOR.PATCH without leading zeros, optionally with a leading v, e.g. 1.4.2 or v1.4.2';
const SHA_LENGTH_ACCEPTED = 'an integer from 7 to 40';
const TIMESTAMP_ACCEPTED = 'Unix time in seconds: 10 digits, no leading zero, e.g. 1738860123';
const TAG_ACCEPTED = 'an OCI tag: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}, at most 128 characters';
const MIN_SHA = 7;
const MAX_SHA = 40;
/** A git SHA-256 object name; longer hex is not a commit. */
const MAX_COMMIT_HEX = 64;

const PLAIN_VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
/**
 * Exactly the tags Flux's policy for some environment matches (`fluxPattern`): the digit runs and
 * the sha are as loose as Flux's `[0-9]+` and `[a-f0-9]+`, so that every tag Flux could select
 * takes part in `newestTimestamp`.
 */
const IMMUTABLE_SHAPE = /^([a-z][a-z0-9]*)-v([0-9]+\.[0-9]+\.[0-9]+)-([a-f0-9]+)-([0-9]+)$/;

export function validateEnvironment(env: string, input = 'environment'): string {
  if (ENV_GRAMMAR.test(env) && env.length <= MAX_ENVIRONMENT_LENGTH) return env;
  let reason: string | undefined;
  if (env === '') reason = 'it is empty';
  else if (ENV_GRAMMAR.test(env))
    reason = `it has ${env.length} characters, more than ${MAX_ENVIRONMENT_LENGTH}, so the immutable tag <env>-v<version>-<sha>-<ts> could pass the 128 characters of an OCI tag`;
  else if (env.includes('-'))
    reason = 'it contains "-", and the immutable tag <env>-v<version>-<sha>-<ts> is split on dashes';
  else if (/[A-Z]/.test(env) && ENV_GRAMMAR.test(env.toLowerCase())) reason = 'it has upper-case letters';
  throw new InputError(input, env, ENV_ACCEPTED, reason);
}

export function validateVersion(version: string, input = 'version'): string {
  const plain = version.startsWith('v') ? version.slice(1) : version;
  if (PLAIN_VERSION.test(plain)) {
    if (plain.split('.').every((n) => Number.isSafeInteger(Number(n)))) return plain;
    throw new InputError(input, version, VERSION_ACCEPTED, 'a number is too large for semver');
  }
  let reason: string | undefined;
  const suffixed = /^([0-9]+\.[0-9]+\.[0-9]+)[-+]/.exec(plain);
  if (suffixed) {
    reason =
      "a prerelease or build suffix is not allowed: Flux's pattern <env>-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-<ts> would not match the tag";
  } else if (/^[0-9]+\.[0-9]+\.[0-9]+$/.test(plain)) {
    reason = 'semver forbids leading zeros';
  } else if (version === '') {
    reason = 'it is empty';
  }
  throw new InputError(input, version, VERSION_ACCEPTED, reason);
}

export function validateShaLength(length: string | number, input = 'sha-length'): number {
  const text = String(length);
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    if (n >= MIN_SHA && n <= MAX_SHA) return n;
  }
  throw new InputError(input, text, SHA_LENGTH_ACCEPTED);
}

export function validateSha(sha: string, length = MIN_SHA, input = 'sha'): string {
  const size = validateShaLength(length);
  const accepted = `a hexadecimal commit sha of at least ${size} characters (the full 40-character sha is fine)`;
  if (!/^[0-9a-fA-F]+$/.test(sha)) {
    throw new InputError(input, sha, accepted, sha === '' ? 'it is empty' : 'it is not hexadecimal');
  }
  if (sha.length < size) {
    throw new InputError(input, sha, accepted, `it has ${sha.length} characters`);
  }
  if (sha.length > MAX_COMMIT_HEX) {
    throw new InputError(input, sha, accepted, `it has ${sha.length} characters, more than a commit sha`);
  }
  return sha.slice(0, size).toLowerCase();
}

export function validateTimestamp(ts: string | number, input = 'timestamp'): number {
  const text = String(ts);
  if (/^[1-9][0-9]{9}$/.test(text)) return Number(text);
  let reason: string | undefined;
  if (/^[0-9]{13}$/.test(text)) {
    reason =
      "it has 13 digits, so it looks like milliseconds; a millisecond tag outranks every second tag in Flux's numerical policy, so use seconds (date +%s, Math.floor(Date.now() / 1000))";
  } else if (/^[0-9]+$/.test(text)) {
    reason = text.startsWith('0') ? 'it has a leading zero' : `it has ${text.length} digits`;
  } else if (text === '') {
    reason = 'it is empty';
  }
  throw new InputError(input, text, TIMESTAMP_ACCEPTED, reason);
}

export function validateTag(tag: string, input = 'tags'): string {
  if (TAG.test(tag)) return tag;
  let reason: string | undefined;
  if (tag === '') reason = 'it is empty';
  else if (tag.length > 128) reason = `it is ${tag.length} characters long`;
  else if (!/^[A-Za-z0-9_]/.test(tag)) reason = `it starts with ${JSON.stringify(tag[0])}`;
  else {
    const bad = [...tag].find((c) => !/[A-Za-z0-9._-]/.test(c));
    if (bad !== undefined) reason = `it contains ${JSON.stringify(bad)}`;
  }
  throw new InputError(input, tag, TAG_ACCEPTED, reason);
}

/** The sha part of an immutable tag: already short, lowercase hex, 7 to 40 characters. */
function validateTagSha(sha: string, input: string): string {
  if (/^[0-9a-fA-F]+$/.test(sha) && sha.length >= MIN_SHA && sha.length <= MAX_SHA) return sha.toLowerCase();
  throw new InputError(input, sha, `hexadecimal, ${MIN_SHA} to ${MAX_SHA} characters`);
}

export function formatImmutableTag(t: ImmutableTag): string {
  const env = validateEnvironment(t.env);
  const version = validateVersion(t.version);
  const sha = validateTagSha(t.sha, 'sha');
  const ts = validateTimestamp(t.ts);
  return validateTag(`${env}-v${version}-${sha}-${ts}`, 'tag');
}

/**
 * `undefined` for aliases, sha tags and anything else Flux's environment patterns would not match.
 * Parts are as loose as Flux's pattern (`ts` read as a number, as Flux's numerical policy does), so
 * a parsed tag may still be refused by `formatImmutableTag`.
 */
export function parseImmutableTag(tag: string): ImmutableTag | undefined {
  const m = IMMUTABLE_SHAPE.exec(tag);
  if (!m) return undefined;
  return { env: m[1]!, version: m[2]!, sha: m[3]!, ts: Number(m[4]) };
}

/** The README's policy pattern, character for character (Go RE2 syntax: `(?P<ts>…)`). */
export function fluxPattern(env: string): string {
  return `^${validateEnvironment(env)}-v[0-9]+\\.[0-9]+\\.[0-9]+-[a-f0-9]+-(?P<ts>[0-9]+)$`;
}

export const FLUX_EXTRACT = '$ts';

function newestOf(tags: readonly string[], env: string): { tag: string; ts: number } | undefined {
  let newest: { tag: string; ts: number } | undefined;
  for (const tag of tags) {
    const parsed = parseImmutableTag(tag);
    if (parsed?.env !== env) continue;
    if (newest === undefined || parsed.ts > newest.ts) newest = { tag, ts: parsed.ts };
  }
  return newest;
}

export function newestTimestamp(tags: readonly string[], env: string): number | undefined {
  return newestOf(tags, validateEnvironment(env))?.ts;
}

/**
 * `max(now, newest + 1)`: Flux breaks ties between equal timestamps by byte order, not by age, so
 * a new tag must be strictly newer than every tag of its environment.
 */
export function nextTimestamp(nowSeconds: number, tags: readonly string[], env: string): number {
  const now = validateTimestamp(Math.floor(nowSeconds), 'now');
  const newest = newestOf(tags, validateEnvironment(env));
  if (newest === undefined || newest.ts < now) return now;
  const next = newest.ts + 1;
  if (next > 9_999_999_999) {
    throw new RefusedError(
      `Tag ${newest.tag} of environment ${env} has timestamp ${newest.ts}, which is not Unix seconds ` +
        `(milliseconds?). Flux's numerical policy ranks it above every 10-digit timestamp, so no new tag ` +
        `of ${env} could become the newest: delete that tag from the registry first.`,
    );
  }
  return next;
}

export interface BuildTags {
  alias: string;
  immutable: string;
  shaTag: string;
  /** For every image: `${image}:${alias}`, `${image}:${immutable}`, `${image}:${shaTag}`. */
  refs: string[];
}

export function buildTags(opts: {
  images: readonly string[];
  env: string;
  version: string;
  sha: string;
  shaLength?: number;
  ts: number;
}): BuildTags {
  const env = validateEnvironment(opts.env);
  const version = validateVersion(opts.version);
  const shaTag = validateSha(opts.sha, validateShaLength(opts.shaLength ?? MIN_SHA));
  const ts = validateTimestamp(opts.ts);
  const immutable = formatImmutableTag({ env, version, sha: shaTag, ts });
  const names: string[] = [];
  for (const image of opts.images) {
    const ref = parseImageRef(image, 'images');
    if (ref.tag !== undefined || ref.digest !== undefined) {
      throw new InputError(
        'images',
        image,
        'image names without tag or digest, e.g. ghcr.io/org/backend',
        'the tags are computed here, so the name must not carry one',
      );
    }
    const name = formatImageRef(ref);
    if (!names.includes(name)) names.push(name);
  }
  const refs = names.flatMap((name) => [`${name}:${env}`, `${name}:${immutable}`, `${name}:${shaTag}`]);
  return { alias: env, immutable, shaTag, refs };
}
