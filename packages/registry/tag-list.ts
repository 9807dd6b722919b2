import { findLink } from '../common/link.js';
import type { Logger } from '../common/logger.js';
import { describeErrorBody, failure, RegistryError, type ErrorContext } from './errors.js';
import type { Reply } from './exchange.js';
import { TAG as TAG_NAME } from '../common/patterns.js';

/*
 * Listing a repository's tags page by page (distribution-spec "Listing Tags",
 * https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags), with what
 * registries do to the pagination in practice: a Link to another origin, Artifactory's Link
 * without the repository key, Quay's page-size limit, Nexus's nulls among the tags.
 */

const MAX_TAG_PAGES = 10000;

export interface TagListContext {
  /** the registry's own origin: every page is read from it */
  baseUrl: URL;
  logger: Logger;
  errors: ErrorContext;
  /** GETs one page with the client's credentials */
  get(url: URL): Promise<Reply>;
}

/**
 * Every tag of `repository`, following `Link: <…>; rel="next"` until it is absent
 * (spec.md "Listing Tags"); a repository that does not exist lists no tags, or is an error when
 * `absent` says so.
 */
export async function listAllTags(
  repository: string,
  what: string,
  pageSize: number,
  absent: 'empty' | 'error',
  ctx: TagListContext,
): Promise<string[]> {
  let url: URL | undefined = new URL(`/v2/${repository}/tags/list?n=${pageSize}`, ctx.baseUrl);
  const seen = new Set<string>();
  const tags: string[] = [];
  const notes = { crossOrigin: false, pageShrunk: false };
  for (let page = 0; url; page++) {
    if (seen.has(url.href) || page >= MAX_TAG_PAGES) {
      throw new RegistryError(
        `${what}: the registry's pagination loops (page ${page + 1} is ${url.pathname}${url.search} again)`,
        200,
        [],
      );
    }
    seen.add(url.href);
    const reply = await ctx.get(url);
    if (reply.status === 404) {
      const { codes } = describeErrorBody(reply.body);
      if (page === 0 && (codes.length === 0 || codes.includes('NAME_UNKNOWN'))) {
        if (absent === 'empty') return [];
        throw new RegistryError(
          `${what}: the registry has no repository ${repository} (404${codes.length ? ` ${codes.join(', ')}` : ''}); check the image name`,
          404,
          codes,
        );
      }
    }
    const smaller: URL | undefined = reply.status === 413 && !notes.pageShrunk ? smallerTagPage(url, reply) : undefined;
    if (smaller) {
      notes.pageShrunk = true;
      const { text } = describeErrorBody(reply.body);
      ctx.logger.debug(
        ctx.errors.redact(
          `${what}: the registry refused n=${url.searchParams.get('n')}: ${reply.status}${text ? ` ${text}` : ''}; asking for n=${smaller.searchParams.get('n')}`,
        ),
      );
      url = smaller;
      page--;
      continue;
    }
    if (reply.status !== 200) throw failure(ctx.errors, what, reply);
    let parsed: { tags?: unknown };
    try {
      parsed = JSON.parse(reply.body.toString('utf8')) as { tags?: unknown };
    } catch {
      throw new RegistryError(`${what}: page ${page + 1} is not JSON`, reply.status, []);
    }
    // distribution answers `"tags": null` for a repository whose tags were all deleted
    if (parsed.tags !== null && parsed.tags !== undefined) {
      if (!Array.isArray(parsed.tags)) {
        throw new RegistryError(`${what}: page ${page + 1} has no "tags" array`, reply.status, []);
      }
      // Sonatype Nexus 3.58 puts JSON nulls among the tags (https://github.com/containers/skopeo/issues/2409),
      // and versions of Artifactory put digests there (https://github.com/containers/skopeo/issues/2346);
      // containers/image skips both (GetRepositoryTags in docker/docker_image.go), and so does
      // this with anything else that is no tag name by the spec's grammar.
      const kept = (parsed.tags as unknown[]).filter((t): t is string => typeof t === 'string' && TAG_NAME.test(t));
      if (kept.length < parsed.tags.length) {
        ctx.logger.debug(
          `${what}: page ${page + 1} has ${parsed.tags.length - kept.length} entries that are no tag (null, not a string, or not a tag name such as a digest); skipped`,
        );
      }
      tags.push(...kept);
    }
    url = nextTagPage(what, url, reply, ctx, notes);
  }
  return tags;
}

/**
 * The same page with a smaller `n`, after a 413: Quay answered `n` above its page size (100
 * unless V2_PAGINATION_SIZE raises it) with 413 TOO_MANY_TAGS_REQUESTED "requested limit 1000 is
 * too high, max is 100" (quay/quay#2884 `oci_tag_paginate` in endpoints/v2/__init__.py; on
 * quay.io in June 2024, google/go-containerregistry#1963, akuity/kargo#2186; removed again by
 * quay/quay#2964). The size the answer names is asked for, else 100, the size every Quay serves;
 * once per listing, the next pages' Links carry it on.
 */
function smallerTagPage(url: URL, reply: Reply): URL | undefined {
  const asked = Number(url.searchParams.get('n'));
  if (!Number.isInteger(asked)) return undefined;
  const named = /\bmax(?:imum)?\b\D{0,8}?(\d+)/i.exec(describeErrorBody(reply.body).text);
  const max = named ? Number(named[1]) : 0;
  const n = max > 0 && max < asked ? max : 100;
  if (asked <= n) return undefined;
  const smaller = new URL(url.href);
  smaller.searchParams.set('n', String(n));
  return smaller;
}

/**
 * The next tag page from the page's `Link: <…>; rel="next"` (RFC 8288, common/link.ts), resolved
 * against the page's URL and always read from the registry's own origin: a Link that names
 * another origin (scheme, host or port) keeps only its path and query, the way containers/image
 * (skopeo) does (`GetRepositoryTags` in docker/docker_image.go: "we only want the path (and I
 * guess we're in trouble if it forwards to a new place...)"). go-containerregistry refuses such a
 * link instead (`validatePaginationURL`, pkg/v1/remote/list.go, since #2332 "prevent SSRF"), and
 * renovate drops it (`resolvePaginationUrl`); keeping path and query lists every tag of the
 * registries that name their own public host behind a proxy, and no request, with or without
 * credentials, ever reaches a host the user did not name.
 */
function nextTagPage(
  what: string,
  current: URL,
  reply: Reply,
  ctx: TagListContext,
  notes: { crossOrigin: boolean },
): URL | undefined {
  const target = findLink(reply.headers.get('link'), 'next');
  if (target === undefined) return undefined;
  let next: URL;
  try {
    next = new URL(target, reply.url);
  } catch {
    throw new RegistryError(`${what}: the registry's next-page Link is not a URL`, 200, []);
  }
  if (reply.headers.has('x-jfrog-version') && next.pathname !== current.pathname) {
    // Artifactory's Link lacks the `/v2/<repo-key>` prefix (https://jfrog.atlassian.net/browse/RTFACT-18971:
    // `</team/app/tags/list?n=1000&last=x>` for /v2/docker-local/team/app/tags/list), a 404 to
    // follow. renovate re-applies the Link's `last` on the URL it asked for when X-JFrog-Version is
    // present (lib/modules/datasource/docker/index.ts, "Artifactory bug"); the whole query of the
    // Link (its `n` and `last`) goes on the path of this page here.
    ctx.logger.debug(
      `${what}: Artifactory's next-page Link ${next.pathname} lacks the repository path (RTFACT-18971); reading ${current.pathname}${next.search}`,
    );
    return new URL(`${current.pathname}${next.search}`, ctx.baseUrl);
  }
  if (next.origin !== ctx.baseUrl.origin) {
    if (!notes.crossOrigin) {
      notes.crossOrigin = true;
      ctx.logger.warning(
        `${what}: the registry's next-page Link names another origin (${next.origin}); reading its path from ${ctx.baseUrl.origin} instead, so that nothing is sent to another host`,
      );
    }
    next = new URL(`${next.pathname}${next.search}`, ctx.baseUrl);
  }
  return next;
}
