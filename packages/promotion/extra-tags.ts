import { InputError, RefusedError } from '../common/errors.js';
import { parseImmutableTag, validateTag } from '../tagging/tags.js';

/*
 * Extra tags written at promotion beside the environment's own (`1.4.2`, `1.4`, `latest`): for
 * people and tools that pull by version rather than through Flux. Written with the alias, before
 * the immutable tag Flux follows, so a refusal of one comes before Flux can see anything.
 *
 * A template is a tag with docker/metadata-action's semver placeholders
 * (https://github.com/docker/metadata-action#typesemver): `{{version}}` (X.Y.Z), `{{major}}`,
 * `{{minor}}`, `{{patch}}`, and `{{sha}}` (the short sha of the environment's tags). A tag that
 * names a full version (`1.4.2`, `v1.4.2`) is guarded like the immutable tag: it never moves to
 * another digest, so a promotion that would move it is refused before any change. Every other
 * extra tag moves like the alias, and is proven movable in the pre-flight like it.
 */

export interface ExtraTag {
  tag: string;
  /** names a full version: never moves to another digest */
  guarded: boolean;
}

const PLACEHOLDER = /\{\{\s*([a-z]+)\s*\}\}/g;
const KNOWN = new Set(['version', 'major', 'minor', 'patch', 'sha']);
const ACCEPTED =
  'tags, one a line, with the placeholders {{version}}, {{major}}, {{minor}}, {{patch}} and {{sha}}, e.g. {{version}} or {{major}}.{{minor}} or latest';
/** more would be a list of tags to maintain by hand, not a few names for one release */
export const MAX_EXTRA_TAGS = 10;

/** A tag that names a full version, guarded like an immutable tag. */
export function isVersionTag(tag: string): boolean {
  return /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(tag);
}

/** Checks the templates before any I/O: placeholders known, at most MAX_EXTRA_TAGS, no line twice. */
export function validateExtraTagTemplates(templates: readonly string[] | undefined, input = 'extra-tags'): string[] {
  const lines = (templates ?? []).map((t) => t.trim()).filter((t) => t !== '');
  if (lines.length > MAX_EXTRA_TAGS) {
    throw new InputError(
      input,
      lines.join('\n'),
      `${ACCEPTED}; at most ${MAX_EXTRA_TAGS}`,
      `${lines.length} are given`,
    );
  }
  for (const line of lines) {
    for (const m of line.matchAll(PLACEHOLDER)) {
      if (!KNOWN.has(m[1]!)) throw new InputError(input, line, ACCEPTED, `{{${m[1]}}} is not a placeholder`);
    }
    if (/\{\{|\}\}/.test(line.replace(PLACEHOLDER, ''))) {
      throw new InputError(input, line, ACCEPTED, 'a placeholder is not closed, or not one of them');
    }
    // The template with sample values must already be a tag: a bad character is reported here.
    validateTag(expand(line, { version: '1.2.3', sha: 'abcdef0' }), input);
  }
  return lines;
}

function expand(template: string, v: { version: string; sha: string }): string {
  const [major, minor, patch] = v.version.split('.');
  const values: Record<string, string> = {
    version: v.version,
    major: major!,
    minor: minor!,
    patch: patch!,
    sha: v.sha,
  };
  return template.replace(PLACEHOLDER, (_, name: string) => values[name]!);
}

/**
 * The extra tags of one promotion, expanded and checked: a tag, not an immutable `<env>-v…` tag of
 * the scheme (those are the promotion's own), not an environment's alias, each once.
 */
export function resolveExtraTags(
  templates: readonly string[],
  v: { version: string; sha: string; environments: readonly string[] },
  input = 'extra-tags',
): ExtraTag[] {
  const out: ExtraTag[] = [];
  for (const template of templates) {
    const tag = validateTag(expand(template, v), input);
    if (parseImmutableTag(tag)) {
      throw new InputError(
        input,
        template,
        ACCEPTED,
        `${tag} is an immutable tag of the <env>-v<version>-<sha>-<ts> scheme, which the promotion writes itself`,
      );
    }
    if (v.environments.includes(tag)) {
      throw new InputError(input, template, ACCEPTED, `${tag} is an environment's alias`);
    }
    if (out.some((t) => t.tag === tag)) continue;
    out.push({ tag, guarded: isVersionTag(tag) });
  }
  return out;
}

/** The refusal to move an extra tag that names a full version: the same words from the plan and the pre-flight. */
export function versionTagRefusal(tags: readonly { ref: string; current: string; digest: string }[]): RefusedError {
  const lines = tags.map((t) => `${t.ref} already points at ${t.current}, not ${t.digest}`);
  return new RefusedError(
    `extra tag${tags.length > 1 ? 's' : ''} refused: ${lines.join('; ')}. A tag that names a full version never moves to another digest, as the immutable tags do not. ` +
      `Nothing was changed. Leave it out of the extra tags, or promote under a new version (the version input).`,
  );
}
