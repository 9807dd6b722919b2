import { InputError } from '../common/errors.js';
import type { RetryPolicy } from '../common/retry.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { validateVersion } from '../tagging/tags.js';
import { isHighestRelease, previousRelease } from '../tagging/version.js';
import type { GitHubClient } from './client.js';
import { errorMessage } from '../common/errors.js';
import {
  parseLineage,
  renderLineage,
  replaceLineage,
  sameShipment,
  splitLineage,
  type Delivery,
  type Lineage,
} from './lineage.js';
import { ensureTagRef, explainRefusal, readAfterWrite, requestStatus, type RepositoryName } from './refs.js';
import { nextPageUrl } from './versions.js';
import { FULL_SHA } from '../common/patterns.js';

/** The fields of GitHub's `release` object the promotion reads. */
export interface GitHubRelease {
  id: number;
  html_url: string;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
}

export type MakeLatest = 'auto' | 'true' | 'false';
const MAKE_LATEST: readonly MakeLatest[] = ['auto', 'true', 'false'];

/** GitHub rejects longer release bodies (softprops/action-gh-release cuts at the same length). */
export const RELEASE_BODY_LIMIT = 125_000;

export function validateMakeLatest(value: string, input = 'make-latest'): MakeLatest {
  if ((MAKE_LATEST as readonly string[]).includes(value)) return value as MakeLatest;
  throw new InputError(input, value, MAKE_LATEST.join(', '));
}

/**
 * Every release of the repository, drafts included (they are listed only to tokens with push
 * access), every page. Reads the whole list: for one tag, use findReleaseByTag.
 */
export async function listReleases(client: GitHubClient, repo: RepositoryName): Promise<GitHubRelease[]> {
  return client.paginate(client.rest.repos.listReleases, { owner: repo.owner, repo: repo.repo, per_page: 100 });
}

/** How many pages of 100 releases, newest first, findReleaseByTag reads looking for drafts. */
export const DRAFT_SEARCH_PAGES = 10;

/** One release by id (drafts too); undefined on 404. */
export async function getRelease(
  client: GitHubClient,
  repo: RepositoryName,
  id: number,
): Promise<GitHubRelease | undefined> {
  try {
    const { data } = await client.rest.repos.getRelease({ owner: repo.owner, repo: repo.repo, release_id: id });
    return data;
  } catch (err) {
    if (requestStatus(err) === 404) return undefined;
    throw err;
  }
}

/** The published release of a tag (`repos/get-release-by-tag`), or undefined on 404. */
async function publishedRelease(
  client: GitHubClient,
  repo: RepositoryName,
  tag: string,
): Promise<GitHubRelease | undefined> {
  try {
    const { data } = await client.rest.repos.getReleaseByTag({ owner: repo.owner, repo: repo.repo, tag });
    return data;
  } catch (err) {
    if (requestStatus(err) === 404) return undefined;
    throw err;
  }
}

/**
 * The release of a tag, drafts included. The published one comes from `get-release-by-tag`, one
 * request however many releases there are (the list API stops at 10,000 releases:
 * https://docs.github.com/en/rest/releases/releases#list-releases). That endpoint never finds a
 * draft (a draft has no tag until published), and several drafts may share a tag name
 * (ncipollo/release-action #7, #331), so drafts are looked for in the newest `draftPages` pages of
 * the list (default DRAFT_SEARCH_PAGES; a draft is normally recent, and a first page only would
 * miss one behind 100 newer releases). Published wins (GitHub keeps it unique per tag); else the
 * oldest draft, which a re-run will keep choosing.
 */
export async function findReleaseByTag(
  client: GitHubClient,
  repo: RepositoryName,
  tag: string,
  logger: Logger = silentLogger,
  opts: { draftPages?: number } = {},
): Promise<GitHubRelease | undefined> {
  const draftPages = opts.draftPages ?? DRAFT_SEARCH_PAGES;
  // The published release by its tag and the newest pages of the list (for drafts) go out together.
  const listDrafts = async (): Promise<GitHubRelease[]> => {
    const listed: GitHubRelease[] = [];
    let pages = 0;
    for await (const page of client.paginate.iterator(client.rest.repos.listReleases, {
      owner: repo.owner,
      repo: repo.repo,
      per_page: 100,
    })) {
      pages++;
      listed.push(...(page.data as GitHubRelease[]).filter((r) => r.tag_name === tag));
      if (pages >= draftPages) {
        if (nextPageUrl(page.headers.link)) {
          logger.debug(
            `drafts of ${tag}: read the newest ${pages * 100} releases of ${repo.owner}/${repo.repo} only; an older draft of that tag is not seen`,
          );
        }
        break;
      }
    }
    return listed;
  };
  const [byTagResult, listedResult] = await Promise.allSettled([publishedRelease(client, repo, tag), listDrafts()]);
  if (byTagResult.status === 'rejected') throw byTagResult.reason;
  if (listedResult.status === 'rejected') throw listedResult.reason;
  const byTag = byTagResult.value;
  const listed = listedResult.value;
  // A release just published may be listed before get-release-by-tag finds it (cli/cli #6599).
  const published = byTag ?? listed.find((r) => !r.draft);
  const drafts = listed.filter((r) => r.draft).sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  const matches = [...(published ? [published] : []), ...drafts];
  if (matches.length === 0) return undefined;
  const chosen = matches[0];
  if (matches.length > 1) {
    const others = matches.filter((r) => r !== chosen).map((r) => `${r.id}${r.draft ? ' (draft)' : ''}`);
    logger.warning(
      `${matches.length} releases of ${repo.owner}/${repo.repo} have the tag ${tag}; using release ${chosen.id}` +
        `${chosen.draft ? ' (the oldest draft)' : ' (the published one)'}. The others (${others.join(', ')}) were left alone: delete them by hand.`,
    );
  }
  return chosen;
}

const CUT_MARKER = "… (the notes were cut at GitHub's 125,000-character limit)";

/** `text` in at most `room` characters: cut, with the marker, when longer. */
function cutNotes(text: string, room: number): string {
  if (text.length <= room) return text;
  const marker = `\n\n${CUT_MARKER}\n\n`;
  if (room <= marker.length) return '';
  return text.slice(0, room - marker.length).replace(/\s+$/, '') + marker;
}

/**
 * A release body within GitHub's limit (RELEASE_BODY_LIMIT): the notes around the lineage block are
 * cut, the block never (it is what a re-run and a rollback read back). Every body written goes
 * through this.
 */
export function fitReleaseBody(body: string): string {
  if (body.length <= RELEASE_BODY_LIMIT) return body;
  const parts = splitLineage(body);
  if (!parts) return cutNotes(body, RELEASE_BODY_LIMIT);
  // After the block comes at most a newline normally; text someone put there is cut first.
  const after = parts.after.length <= 1 ? parts.after : cutNotes(parts.after, Math.min(parts.after.length, 1000));
  const before = cutNotes(parts.before, RELEASE_BODY_LIMIT - parts.block.length - after.length);
  return before + parts.block + after;
}

/** The generated notes, cut so that notes and lineage block fit GitHub's body limit; the block is never cut. */
export function composeReleaseBody(notes: string, lineage: Lineage): string {
  const text = notes.replace(/\s+$/, '');
  return fitReleaseBody(`${text}${text ? '\n\n' : ''}${renderLineage(lineage)}\n`);
}

export interface EnsureReleaseOptions {
  /** `X.Y.Z` (a leading `v` is accepted); the tag is `vX.Y.Z` */
  version: string;
  /** the full sha of the shipped commit */
  commit: string;
  lineage: Lineage;
  /** generate the notes through GitHub (default true) */
  generateNotes?: boolean;
  /** `auto` (default): latest only when the version is the highest release */
  makeLatest?: MakeLatest;
  /** every version tag of the repository (`listVersionTags`); `-next` tags are ignored */
  releaseTags: readonly string[];
  /** how long to keep reading a release back after a write (default: readAfterWritePolicy) */
  readBackPolicy?: RetryPolicy;
  /**
   * What the caller knows already, to spare round trips: the tag ref's state (it was settled just
   * before: no second read), the release found by `findReleaseByTag` (null: none), and the notes
   * (generated while other work ran). A release created meanwhile by another run is still
   * converged on: create answers 422 already_exists.
   */
  known?: {
    tag?: 'created' | 'unchanged';
    release?: GitHubRelease | null;
    notes?: Promise<string>;
  };
  /** read the release back after writing it (default true); the write's own answer is used otherwise */
  readBack?: boolean;
}

/**
 * GitHub's generated notes of `vX.Y.Z`, from the previous release of the series; '' with a warning
 * when GitHub cannot make them. Never throws: the notes are a courtesy, the lineage is the record.
 */
export async function releaseNotes(
  client: GitHubClient,
  repo: RepositoryName,
  opts: { version: string; commit: string; releaseTags: readonly string[] },
  logger: Logger = silentLogger,
): Promise<string> {
  const tag = `v${opts.version}`;
  const previous = previousRelease(opts.releaseTags, opts.version);
  try {
    const { data } = await client.rest.repos.generateReleaseNotes({
      owner: repo.owner,
      repo: repo.repo,
      tag_name: tag,
      target_commitish: opts.commit,
      // GitHub's own choice of base goes wrong with several series or off-mainline tags (https://docs.github.com/en/rest/releases/releases#generate-release-notes-content-for-a-release).
      ...(previous !== undefined ? { previous_tag_name: `v${previous}` } : {}),
    });
    return data.body;
  } catch (err) {
    // A long range can time out (504) and a range GitHub cannot compare answers 422: neither may
    // fail a release whose image is already promoted.
    logger.warning(
      `GitHub did not generate the notes of ${tag} (${errorMessage(err)}); the release gets the lineage only. ` +
        'Edit its notes by hand if you want them.',
    );
    return '';
  }
}

export interface EnsuredRelease {
  release: { id: number; html_url: string; tag_name: string };
  state: 'created' | 'updated' | 'unchanged';
  /** what happened to the tag ref, which is created before the release */
  tag: 'created' | 'unchanged';
}

function summary(r: GitHubRelease): EnsuredRelease['release'] {
  return { id: r.id, html_url: r.html_url, tag_name: r.tag_name };
}

/** create-release's answer when a published release already has the tag (https://docs.github.com/en/rest/releases/releases#create-a-release, 422 already_exists). */
function isAlreadyExists(err: unknown): boolean {
  if (requestStatus(err) !== 422) return false;
  const errors = (err as { response?: { data?: { errors?: unknown } } }).response?.data?.errors;
  return Array.isArray(errors) && errors.some((e) => (e as { code?: unknown })?.code === 'already_exists');
}

/**
 * The tag ref at the shipped commit, then the GitHub Release of `vX.Y.Z` with notes and lineage
 * (docs/promotion.md), idempotently:
 * - the ref first, because create-release ignores `target_commitish` when the tag exists and tags
 *   the default branch's head when it does not (https://docs.github.com/en/rest/releases/releases#create-a-release);
 * - a published release of the tag is never duplicated, nor flipped to draft or prerelease
 *   (ncipollo/release-action #185): its lineage block is replaced when it differs, and nothing is
 *   written when it is the same shipment;
 * - a draft of the tag (a half-done earlier attempt, or a hand-made one) is published;
 * - a concurrent run's create is converged on (422 already_exists, softprops #445).
 */
export async function ensureRelease(
  client: GitHubClient,
  repo: RepositoryName,
  opts: EnsureReleaseOptions,
  logger: Logger = silentLogger,
): Promise<EnsuredRelease> {
  const version = validateVersion(opts.version);
  const tag = `v${version}`;
  if (!FULL_SHA.test(opts.commit))
    throw new InputError('commit', opts.commit, 'a full commit sha: 40 lowercase hex characters');
  if (opts.lineage.version !== version || opts.lineage.commit !== opts.commit) {
    throw new Error(
      `lineage of ${opts.lineage.version} at ${opts.lineage.commit} does not describe release ${tag} at ${opts.commit}`,
    );
  }
  const makeLatestOption = validateMakeLatest(opts.makeLatest ?? 'auto');
  const highest = isHighestRelease(opts.releaseTags, version);
  let makeLatest: 'true' | 'false';
  if (makeLatestOption === 'auto') makeLatest = highest ? 'true' : 'false';
  else {
    makeLatest = makeLatestOption;
    if (makeLatest === 'true' && !highest)
      logger.warning(`${tag} is marked latest as asked, though a higher release exists`);
  }
  const readBack = { policy: opts.readBackPolicy, logger };

  const tagState = opts.known?.tag ?? (await ensureTagRef(client, repo, tag, opts.commit, logger));
  // ensureTagRef leaves the tag at the commit or throws, so the release writes below never send
  // `target_commitish`: it is "Unused if the Git tag already exists" (https://docs.github.com/en/rest/releases/releases#create-a-release), only a
  // tag that does not exist yet would need it, and peers that sent it for an existing tag got 403 and
  // 422 refusals (ncipollo/release-action #242, https://github.com/ncipollo/release-action/issues/242).
  const existing =
    opts.known?.release !== undefined
      ? (opts.known.release ?? undefined)
      : await findReleaseByTag(client, repo, tag, logger);
  if (existing && !existing.draft) return { ...(await convergePublished(existing)), tag: tagState };

  const generatedNotes = async (): Promise<string> => {
    if (opts.generateNotes === false) return '';
    if (opts.known?.notes) return opts.known.notes;
    return releaseNotes(client, repo, { version, commit: opts.commit, releaseTags: opts.releaseTags }, logger);
  };

  if (existing) {
    // A draft's own text (notes someone wrote) is kept; an empty draft gets the generated notes.
    const body = existing.body?.trim()
      ? fitReleaseBody(replaceLineage(existing.body, opts.lineage))
      : composeReleaseBody(await generatedNotes(), opts.lineage);
    let published: GitHubRelease;
    try {
      ({ data: published } = await client.rest.repos.updateRelease({
        owner: repo.owner,
        repo: repo.repo,
        release_id: existing.id,
        tag_name: tag,
        name: existing.name || tag,
        body,
        draft: false,
        make_latest: makeLatest,
      }));
    } catch (err) {
      if (isAlreadyExists(err)) return { ...(await convergeAfterRace()), tag: tagState };
      throw await explainRefusal(client, err, {
        repo,
        action: `publishing the draft release ${existing.id} of ${tag}`,
        sha: opts.commit,
      });
    }
    logger.info(`Published the draft release ${tag} (${published.html_url})`);
    return { release: summary(await visible(published)), state: 'updated', tag: tagState };
  }

  const body = composeReleaseBody(await generatedNotes(), opts.lineage);
  let created: GitHubRelease;
  try {
    ({ data: created } = await client.rest.repos.createRelease({
      owner: repo.owner,
      repo: repo.repo,
      tag_name: tag,
      name: tag,
      body,
      draft: false,
      prerelease: false,
      make_latest: makeLatest,
    }));
  } catch (err) {
    if (isAlreadyExists(err)) return { ...(await convergeAfterRace()), tag: tagState };
    throw await explainRefusal(client, err, { repo, action: `creating the release ${tag}`, sha: opts.commit });
  }
  logger.info(`Created the release ${tag} (${created.html_url})${makeLatest === 'true' ? ', marked latest' : ''}`);
  return { release: summary(await visible(created)), state: 'created', tag: tagState };

  async function convergePublished(release: GitHubRelease): Promise<Omit<EnsuredRelease, 'tag'>> {
    if (sameShipment(parseLineage(release.body), opts.lineage)) {
      logger.info(`The release ${tag} already records this promotion (${release.html_url})`);
      return { release: summary(release), state: 'unchanged' };
    }
    // The body, and make_latest computed as on create: an update that omits it may mark this
    // release latest (the API's default is true), which would let a rollback of an older version
    // take "Latest" from the newest release. draft and prerelease stay as they are.
    let data: GitHubRelease;
    try {
      ({ data } = await client.rest.repos.updateRelease({
        owner: repo.owner,
        repo: repo.repo,
        release_id: release.id,
        body: fitReleaseBody(replaceLineage(release.body, opts.lineage)),
        make_latest: makeLatest,
      }));
    } catch (err) {
      throw await explainRefusal(client, err, {
        repo,
        action: `updating the lineage of the release ${tag}`,
        sha: opts.commit,
      });
    }
    logger.info(`Updated the lineage of the release ${tag} (${data.html_url})`);
    return { release: summary(data), state: 'updated' };
  }

  /** Another run published the tag's release between our read and our write. */
  async function convergeAfterRace(): Promise<Omit<EnsuredRelease, 'tag'>> {
    logger.debug(`a release ${tag} appeared while this run was creating it; converging on it`);
    const winner = await readAfterWrite(
      `release ${tag}`,
      async () => {
        const found = await findReleaseByTag(client, repo, tag, logger);
        return found && !found.draft ? found : undefined;
      },
      readBack,
    );
    if (!winner)
      throw new Error(`release ${tag} of ${repo.owner}/${repo.repo}: GitHub said it exists, but it cannot be found`);
    return convergePublished(winner);
  }

  /** A release just written can 404 on the next read (cli/cli #6599): wait until it is visible. */
  async function visible(release: GitHubRelease): Promise<GitHubRelease> {
    if (opts.readBack === false) return release;
    const seen = await readAfterWrite(`release ${tag}`, () => getRelease(client, repo, release.id), readBack);
    if (!seen)
      throw new Error(`release ${tag} (id ${release.id}) of ${repo.owner}/${repo.repo} was written but is not visible`);
    return seen;
  }
}

/**
 * A rollback's record on the release it returns to: its delivery added to the lineage block (the
 * rest of the release, notes and lineage fields, stays as it is). Nothing is written when the
 * release records this delivery already (a re-run). `make_latest` is sent as `auto` decides it,
 * since an update that omits it may mark this older release latest (the API's default is true).
 */
export async function recordDelivery(
  client: GitHubClient,
  repo: RepositoryName,
  release: GitHubRelease,
  opts: { lineage: Lineage; delivery: Delivery; releaseTags: readonly string[] },
  logger: Logger = silentLogger,
): Promise<Omit<EnsuredRelease, 'tag'>> {
  const current = parseLineage(release.body);
  if (current?.deliveries?.some((d) => d.targetTag === opts.delivery.targetTag)) {
    logger.info(`The release ${release.tag_name} records this delivery already (${release.html_url})`);
    return { release: summary(release), state: 'unchanged' };
  }
  const lineage: Lineage = { ...(current ?? opts.lineage), deliveries: [opts.delivery] };
  const makeLatest = isHighestRelease(opts.releaseTags, opts.lineage.version) ? 'true' : 'false';
  let data: GitHubRelease;
  try {
    ({ data } = await client.rest.repos.updateRelease({
      owner: repo.owner,
      repo: repo.repo,
      release_id: release.id,
      body: fitReleaseBody(replaceLineage(release.body, lineage)),
      make_latest: makeLatest,
    }));
  } catch (err) {
    throw await explainRefusal(client, err, {
      repo,
      action: `recording the ${opts.delivery.kind} in the release ${release.tag_name}`,
      sha: opts.lineage.commit,
    });
  }
  logger.info(`Recorded the ${opts.delivery.kind} in the release ${release.tag_name} (${data.html_url})`);
  return { release: summary(data), state: 'updated' };
}
