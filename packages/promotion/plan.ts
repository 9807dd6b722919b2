import semver from 'semver';
import { InputError, RefusedError } from '../common/errors.js';
import { settle, take } from '../common/settle.js';
import { silentLogger, type Logger } from '../common/logger.js';
import type { GitHubClient } from '../github/client.js';
import { crossCheckRevision, resolveCommit } from '../github/commits.js';
import { getTagRef, type RepositoryName } from '../github/refs.js';
import { findReleaseByTag, type GitHubRelease } from '../github/releases.js';
import { listVersionRefs } from '../github/versions.js';
import { digestOf, imageRevisionLabel, type Manifest, type RegistryClient } from '../registry/index.js';
import { selectLatest, type FluxSelection } from '../tagging/flux.js';
import { formatImageRef, parseImageRef } from '../tagging/image.js';
import {
  FLUX_EXTRACT,
  fluxPattern,
  formatImmutableTag,
  nextTimestamp,
  parseImmutableTag,
  validateEnvironment,
  validateVersion,
  type ImmutableTag,
} from '../tagging/tags.js';
import {
  bumpVersion,
  DEFAULT_NEXT_SUFFIX,
  highestRelease,
  isHighestRelease,
  isReleaseTag,
  nextBuildVersion,
  nextVersionTag,
  validateSuffix,
  type BumpLevel,
} from '../tagging/version.js';
import type { RegistryClientFactory } from './registry-clients.js';
import { parseSignatures } from './retag.js';
import { resolveExtraTags, validateExtraTagTemplates, versionTagRefusal, type ExtraTag } from './extra-tags.js';
import { SHA256_DIGEST } from '../common/patterns.js';

export interface PromotionRequest {
  /** registry/repository, without tag or digest */
  image: string;
  /**
   * Where the environment's tags go: another repository of the same registry, or another registry
   * (default: `image`). The image is copied there, digest kept (packages/registry/copy.ts).
   */
  toImage?: string;
  /** carry the image's signatures and attestations to `toImage` (default `copy`); nothing to carry within one repository */
  signatures?: 'copy' | 'skip';
  /**
   * A release train: the other images built from the same commit, shipped with `image` or not at
   * all, under one version and one release. Each is planned and proven like `image`, with the
   * request's other fields.
   */
  train?: readonly TrainMember[];
  /**
   * More tags for the target, one a template (`{{version}}`, `{{major}}.{{minor}}`, `latest`):
   * packages/promotion/extra-tags.ts. A full version never moves; the others move like the alias.
   */
  extraTags?: readonly string[];
  /**
   * `latest` (what Flux's fromEnvironment policy picks), an immutable tag of fromEnvironment or
   * toEnvironment, `sha256:…`, or `vX.Y.Z` (a released version: a rollback)
   */
  source: string;
  /** promote under this version instead of the source tag's: the way out of the release rule */
  version?: string;
  /** default `staging` */
  fromEnvironment?: string;
  /** default `production` */
  toEnvironment?: string;
  /** default `patch` */
  bump?: 'patch' | 'minor' | 'major' | 'none';
  /** default `next` */
  nextSuffix?: string;
  repository: { owner: string; repo: string };
}

/** One more image of a release train, and where its tags go (default: the image itself). */
export interface TrainMember {
  image: string;
  toImage?: string;
}

/** The most images one train takes: each is planned, proven and written concurrently (with a bound). */
export const MAX_TRAIN = 50;

export interface PromotionServices {
  clients: RegistryClientFactory;
  github: GitHubClient;
  nowSeconds(): number;
  logger?: Logger;
  runUrl?: string;
  /** who runs the promotion (GITHUB_ACTOR, or the CLI's user), for the release's record of deliveries */
  actor?: string;
}

export interface PromotionPlan {
  image: string;
  /**
   * The image the environment's tags are written to: `image` itself, or another repository or
   * registry the promotion copies to. Absent in a plan written before it existed: `image`.
   */
  toImage?: string;
  /** with a `toImage` of its own: whether the image's signatures and attestations go along */
  signatures?: 'copy' | 'skip';
  sourceTag: string;
  sourceKind: 'latest' | 'tag' | 'digest' | 'release';
  digest: string;
  mediaType: string;
  /** the full commit the image was built from */
  commit: string;
  revisionCheck: 'matched' | 'absent';
  /** `X.Y.Z` */
  version: string;
  versionSource: 'source-tag' | 'input' | 'release';
  targetTag: string;
  /** `exists`: what Flux's toEnvironment policy picks already is this digest under this version and sha: reused */
  targetState: 'new' | 'exists';
  aliasTag: string;
  releaseTag: string;
  /** `ref-only`: the tag ref is at the commit but no published release exists yet (a half-done run) */
  releaseState: 'new' | 'exists' | 'ref-only';
  rollback: boolean;
  nextVersion?: string;
  nextVersionTag?: string;
  nextState: 'new' | 'exists' | 'none';
  /** what the fromEnvironment and toEnvironment policies pick before the change */
  fluxPicksNow: { from?: string; to?: string };
  /** a release train's other images, each planned in full; they share the version, commit and release */
  train?: PromotionPlan[];
  /** the extra tags written with the alias (`1.4.2`, `1.4`, `latest`); `guarded` ones never move */
  extraTags?: ExtraTag[];
  /** the request's repository, so the plan alone is enough to execute it */
  repository: { owner: string; repo: string };
  fromEnvironment: string;
  toEnvironment: string;
}

const BUMPS = ['patch', 'minor', 'major', 'none'] as const;

interface ValidRequest {
  image: { registry: string; repository: string; name: string };
  /** `image` itself when the request names no other */
  target: { registry: string; repository: string; name: string };
  signatures: 'copy' | 'skip';
  extraTags: string[];
  source:
    | { kind: 'latest' }
    | { kind: 'tag'; tag: string; parsed: ImmutableTag }
    | { kind: 'digest'; digest: string }
    | { kind: 'release'; version: string };
  version?: string;
  from: string;
  to: string;
  bump: BumpLevel | 'none';
  suffix: string;
  repository: RepositoryName;
}

/** Every input checked before any I/O (README "Choices"): one error naming the input. */
export function validatePromotionRequest(req: PromotionRequest): ValidRequest {
  const ref = parseImageRef((req.image ?? '').trim(), 'image');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new InputError(
      'image',
      req.image,
      'an image name without tag or digest, e.g. ghcr.io/acme/backend',
      'the source input names the tag or digest to promote',
    );
  }
  let target = ref;
  if (req.toImage !== undefined && req.toImage.trim() !== '') {
    target = parseImageRef(req.toImage.trim(), 'to-image');
    if (target.tag !== undefined || target.digest !== undefined) {
      throw new InputError(
        'to-image',
        req.toImage,
        'an image name without tag or digest, e.g. ghcr.io/acme/backend or 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend',
        'the environment tags are computed, not given',
      );
    }
  }
  const signatures = parseSignatures(req.signatures);
  const extraTags = validateExtraTagTemplates(req.extraTags);
  const from = validateEnvironment(req.fromEnvironment || 'staging', 'from-environment');
  const to = validateEnvironment(req.toEnvironment || 'production', 'to-environment');
  if (from === to) {
    throw new InputError('to-environment', to, `an environment other than from-environment (${from})`);
  }
  const bump = req.bump || 'patch';
  if (!(BUMPS as readonly string[]).includes(bump)) throw new InputError('bump', bump, BUMPS.join(', '));
  const suffix = validateSuffix(req.nextSuffix || DEFAULT_NEXT_SUFFIX, 'next-suffix');
  const version = req.version ? validateVersion(req.version.trim(), 'version') : undefined;
  const owner = req.repository?.owner ?? '';
  const repo = req.repository?.repo ?? '';
  if (!owner || !repo) {
    throw new InputError('repository', `${owner}/${repo}`, 'owner/name of the service repository, e.g. acme/backend');
  }

  const value = (req.source ?? '').trim();
  const accepted =
    `latest (the tag Flux's ${from} policy picks), an immutable tag ${from}-v<X.Y.Z>-<sha>-<ts> or ` +
    `${to}-v<X.Y.Z>-<sha>-<ts> (a rollback), a digest sha256:<64 hex>, or a released version vX.Y.Z (a rollback)`;
  let source: ValidRequest['source'];
  if (value === 'latest') source = { kind: 'latest' };
  else if (value.startsWith('sha256:')) {
    if (!SHA256_DIGEST.test(value))
      throw new InputError('source', value, accepted, 'a digest is sha256: and 64 lowercase hex characters');
    source = { kind: 'digest', digest: value };
  } else if (isReleaseTag(value)) {
    const released = value.slice(1);
    if (version !== undefined && version !== released) {
      throw new InputError(
        'version',
        req.version!,
        `empty, or ${released}`,
        `the source ${value} is a released version: it is promoted again under that version`,
      );
    }
    source = { kind: 'release', version: released };
  } else {
    const parsed = parseImmutableTag(value);
    let reason: string | undefined;
    if (value === '') reason = 'it is empty';
    else if (!parsed) reason = `it is not an immutable tag of ${from} or ${to}`;
    else if (parsed.env !== from && parsed.env !== to)
      reason = `it is a tag of ${parsed.env}; only ${from} tags are promoted (and ${to} tags, to roll back)`;
    if (!parsed || reason) throw new InputError('source', value, accepted, reason);
    // Refuses a tag Flux would match but the tag scheme would not write (a 13-digit ts, an odd sha).
    try {
      formatImmutableTag(parsed);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      // The part's own message, without its "Accepted:" sentence: the source's is the one that applies.
      const detail = err.message.slice(0, err.message.lastIndexOf('. Accepted: '));
      throw new InputError('source', value, accepted, `its ${err.input} part is wrong (${detail})`);
    }
    source = { kind: 'tag', tag: value, parsed };
  }
  return {
    image: { registry: ref.registry, repository: ref.repository, name: formatImageRef(ref) },
    target: { registry: target.registry, repository: target.repository, name: formatImageRef(target) },
    signatures,
    extraTags,
    source,
    version,
    from,
    to,
    bump,
    suffix,
    repository: { owner, repo },
  };
}

/** Flux's ImagePolicy for an environment, as the README gives it. */
export function environmentPolicy(env: string) {
  return { pattern: fluxPattern(env), extract: FLUX_EXTRACT, policy: 'numerical' as const };
}

export function fluxPick(tags: readonly string[], env: string): FluxSelection {
  return selectLatest(tags, environmentPolicy(env));
}

/** Immutable tags of `env`, newest first; equal ts in Flux's order (the byte-wise smallest first). */
function newestFirst(tags: readonly string[], env: string, keep: (t: ImmutableTag) => boolean = () => true) {
  const found: { tag: string; parsed: ImmutableTag }[] = [];
  for (const tag of tags) {
    const parsed = parseImmutableTag(tag);
    if (parsed?.env === env && keep(parsed)) found.push({ tag, parsed });
  }
  return found.sort((a, b) => b.parsed.ts - a.parsed.ts || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** One repository a promotion reads: the source image's, or the target's when the tags go elsewhere. */
interface Side {
  client: RegistryClient;
  repository: string;
  /** registry/repository, for messages */
  name: string;
  tags: string[];
}

interface ResolvedSource {
  tag: string;
  parsed: ImmutableTag;
  /** set when the source named the commit (a released version) */
  commit?: string;
  /** where the tag is: the source image (a tag of fromEnvironment) or the target (a rollback's tag of toEnvironment) */
  side: Side;
}

/**
 * The GitHub reads of a plan, shared by the images of a train (one commit, one version: the same
 * answers): each read runs once per key, whichever image asks first.
 */
type GitHubReads = <T>(key: string, read: () => Promise<T>) => Promise<T>;
const unshared: GitHubReads = (_key, read) => read();

function sharedReads(): GitHubReads {
  const done = new Map<string, Promise<unknown>>();
  return <T>(key: string, read: () => Promise<T>) => {
    let p = done.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      done.set(key, p);
    }
    return p;
  };
}

async function resolveSource(
  v: ValidRequest,
  sides: { from: Side; to: Side },
  services: PromotionServices,
  github: GitHubReads = unshared,
): Promise<ResolvedSource> {
  const { source, from, to } = v;
  const sideOf = (env: string) => (env === to ? sides.to : sides.from);
  // Within one repository both sides are the same: messages name it once.
  const names = sides.from === sides.to ? sides.from.name : `${sides.from.name} (${from}) or ${sides.to.name} (${to})`;
  if (source.kind === 'latest') {
    const pick = fluxPick(sides.from.tags, from);
    if (!pick.ok) {
      throw new InputError(
        'source',
        'latest',
        `an image with ${from} tags, or an explicit tag or digest`,
        `Flux's ${from} policy picks no tag of ${sides.from.name}: ${pick.error}`,
      );
    }
    if (pick.ties.length > 0) {
      services.logger?.warning(
        `Flux's ${from} policy may pick any of ${[pick.tag, ...pick.ties].join(', ')} (equal values of different strings); promoting ${pick.tag}`,
      );
    }
    return { tag: pick.tag, parsed: parseImmutableTag(pick.tag)!, side: sides.from };
  }
  if (source.kind === 'tag') {
    const side = sideOf(source.parsed.env);
    if (!side.tags.includes(source.tag)) {
      throw new InputError(
        'source',
        source.tag,
        `a tag ${names} has: latest, or one of its ${from} or ${to} immutable tags`,
        `${side.name} has no tag ${source.tag}`,
      );
    }
    return { tag: source.tag, parsed: source.parsed, side };
  }
  if (source.kind === 'digest') {
    // Newest first, so the tag Flux picks (or the most recent build of that digest) is the source.
    for (const env of [from, to]) {
      const side = sideOf(env);
      for (const candidate of newestFirst(side.tags, env)) {
        const head = await side.client.headManifest(side.repository, candidate.tag);
        if (head?.digest === source.digest) return { ...candidate, side };
      }
    }
    throw new InputError(
      'source',
      source.digest,
      `a digest that a ${from} (or ${to}) immutable tag of ${names} points at`,
      `no ${from}-v… or ${to}-v… tag of ${names} points at it`,
    );
  }
  const releaseTag = `v${source.version}`;
  const commit = await github(`tag ${releaseTag}`, () => getTagRef(services.github, v.repository, releaseTag));
  if (commit === undefined) {
    throw new InputError(
      'source',
      releaseTag,
      `a released version (a tag vX.Y.Z of ${v.repository.owner}/${v.repository.repo})`,
      `${v.repository.owner}/${v.repository.repo} has no tag ${releaseTag}`,
    );
  }
  for (const env of [to, from]) {
    const side = sideOf(env);
    const [newest] = newestFirst(side.tags, env, (t) => t.version === source.version && commit.startsWith(t.sha));
    if (newest) return { ...newest, commit, side };
  }
  throw new InputError(
    'source',
    releaseTag,
    `a released version with a ${to} or ${from} tag in ${names}`,
    `${names} has no ${to}-v${source.version}-${commit.slice(0, 7)}… or ${from}-v${source.version}-${commit.slice(0, 7)}… tag of commit ${commit}`,
  );
}

/**
 * Step 1 of a promotion (docs/promotion.md): resolves the source, verifies its digest and commit,
 * computes the target tag, and checks the release rule. Reads only; changes nothing.
 */
export async function planPromotion(req: PromotionRequest, services: PromotionServices): Promise<PromotionPlan> {
  if (!req.train?.length) return planOne(req, services);
  const members = trainRequests(req);
  // Every image is planned before anything is decided: one that cannot be promoted refuses the train.
  const { default: pLimit } = await import('p-limit');
  const limit = pLimit(4);
  const github = sharedReads();
  const settled = await Promise.all(members.map((m) => limit(() => settle(planOne(m, services, github)))));
  const plans = settled.map(take);
  const [first, ...rest] = plans as [PromotionPlan, ...PromotionPlan[]];
  const apart = rest.filter((p) => p.commit !== first.commit || p.version !== first.version);
  if (apart.length > 0) {
    const what = (p: PromotionPlan) => `${p.image}:${p.sourceTag} (version ${p.version}, commit ${p.commit})`;
    throw new RefusedError(
      `a release train ships one commit under one version, but ${what(first)} and ${apart.map(what).join(', ')} differ. ` +
        `Nothing was changed. Build every image of the train from one commit, or name the builds to ship with the source input (a tag every image has, or vX.Y.Z).`,
    );
  }
  const plan: PromotionPlan = { ...first, train: rest };
  const reads = planReads.get(first);
  if (reads) planReads.set(plan, reads);
  for (const p of rest) p.train = undefined;
  return plan;
}

/** The requests of a train's images, each checked: no image twice, no target twice, no digest source. */
function trainRequests(req: PromotionRequest): PromotionRequest[] {
  const members: TrainMember[] = [
    { image: req.image, ...(req.toImage ? { toImage: req.toImage } : {}) },
    ...req.train!,
  ];
  if (members.length > MAX_TRAIN) {
    throw new InputError('image', `${members.length} images`, `at most ${MAX_TRAIN} images in one train`);
  }
  const source = (req.source ?? '').trim();
  if (SHA256_DIGEST.test(source) || source.startsWith('sha256:')) {
    throw new InputError(
      'source',
      source,
      'latest, an immutable tag every image of the train has, or a released version vX.Y.Z',
      'a digest names one image, and a train has several',
    );
  }
  const seen = new Map<string, string>();
  return members.map((m) => {
    const one: PromotionRequest = {
      ...req,
      image: m.image,
      ...(m.toImage ? { toImage: m.toImage } : {}),
      train: undefined,
    };
    if (!m.toImage) delete one.toImage;
    const v = validatePromotionRequest(one);
    for (const name of new Set([v.image.name, v.target.name])) {
      const other = seen.get(name);
      if (other !== undefined) {
        throw new InputError(
          'image',
          m.image,
          'each image (and each to-image) once in a train',
          `${name} is also the image or target of ${other}`,
        );
      }
    }
    seen.set(v.image.name, m.image);
    seen.set(v.target.name, m.image);
    return one;
  });
}

async function planOne(
  req: PromotionRequest,
  services: PromotionServices,
  github: GitHubReads = unshared,
): Promise<PromotionPlan> {
  const v = validatePromotionRequest(req);
  const logger = services.logger ?? silentLogger;
  const { image, target, from, to, repository } = v;
  const now = Math.floor(services.nowSeconds());
  const elsewhere = target.name !== image.name;

  const registry = await services.clients(image.registry);
  const targetRegistry = elsewhere ? await services.clients(target.registry) : registry;
  // Round trip 1: the registry's tags (the target's too, when the tags go elsewhere) and the
  // repository's version tags go out together. A GitHub failure is reported after the registry's
  // answer and the source's checks, as it was when they ran one after the other.
  const refsPromise = settle(github('refs', () => listVersionRefs(services.github, { ...repository, logger })));
  const [sourceTags, targetTags] = await Promise.all([
    settle(registry.listTags(image.repository)),
    settle(elsewhere ? targetRegistry.listTags(target.repository) : Promise.resolve([])),
  ]);
  const fromSide: Side = { client: registry, repository: image.repository, name: image.name, tags: take(sourceTags) };
  const toSide: Side = elsewhere
    ? { client: targetRegistry, repository: target.repository, name: target.name, tags: take(targetTags) }
    : fromSide;
  const tags = toSide.tags;
  const source = await resolveSource(v, { from: fromSide, to: toSide }, services, github);
  const at = source.side;
  logger.debug(`source ${at.name}:${source.tag}`);

  const version =
    v.source.kind === 'release' ? v.source.version : (v.version ?? validateVersion(source.parsed.version, 'source'));
  const versionSource: PromotionPlan['versionSource'] =
    v.source.kind === 'release' ? 'release' : v.version !== undefined ? 'input' : 'source-tag';
  const fromPick = fluxPick(fromSide.tags, from);
  const toPick = fluxPick(tags, to);
  const sha = source.parsed.sha;
  const picked = toPick.ok ? parseImmutableTag(toPick.tag) : undefined;
  // A re-run (or a rollback to what already runs): the tag Flux deploys may be this build already.
  const reuse = toPick.ok && picked && picked.version === version && picked.sha === sha ? toPick.tag : undefined;
  const fresh = () => formatImmutableTag({ env: to, version, sha, ts: nextTimestamp(now, tags, to) });

  // Round trip 2: the source's manifest, its commit, and the target tag's current digest.
  const [manifestResult, commitResult, headResult] = await Promise.all([
    settle(at.client.getManifest(at.repository, source.tag)),
    settle(
      source.commit
        ? Promise.resolve(source.commit)
        : github(`commit ${sha}`, () => resolveCommit(services.github, repository, sha, 'source')),
    ),
    settle(toSide.client.headManifest(toSide.repository, reuse ?? fresh())),
  ]);
  const manifest: Manifest = take(manifestResult);
  const digest = digestOf(manifest.bytes);
  if (digest !== manifest.digest) {
    throw new Error(`${at.name}:${source.tag}: the manifest's bytes hash to ${digest}, not ${manifest.digest}`);
  }
  if (v.source.kind === 'digest' && digest !== v.source.digest) {
    // The tag moved between the HEAD and the GET: only an alias may move, so this is a registry fault.
    throw new RefusedError(
      `${at.name}:${source.tag} pointed at ${v.source.digest} and now at ${digest}. Nothing was changed.`,
    );
  }
  const commit = take(commitResult);
  const refs = take(await refsPromise);
  const versionTags = refs.map((r) => r.name);
  const releaseTag = `v${version}`;
  const releaseRef = refs.find((r) => r.name === releaseTag);

  // Round trip 3: the image's revision label, the release tag's commit (an annotated tag is peeled)
  // and the release of that tag (published, or a draft a half-done run or a person left).
  const [labelResult, releasedAtResult, releaseResult] = await Promise.all([
    settle(imageRevisionLabel(at.client, at.repository, manifest)),
    settle(
      releaseRef === undefined
        ? Promise.resolve(undefined)
        : releaseRef.type === 'commit'
          ? Promise.resolve(releaseRef.sha)
          : github(`tag ${releaseTag}`, () => getTagRef(services.github, repository, releaseTag)),
    ),
    settle(github(`release ${releaseTag}`, () => findReleaseByTag(services.github, repository, releaseTag, logger))),
  ]);
  const revisionCheck = crossCheckRevision(commit, take(labelResult));
  const releasedAt = take(releasedAtResult);
  if (releasedAt !== undefined && releasedAt !== commit) {
    const way = nextBuildVersion({ tags: versionTags, suffix: v.suffix });
    throw new RefusedError(
      `Version ${version} was already released from commit ${releasedAt} (tag ${releaseTag}); ${at.name}:${source.tag} ` +
        `was built from commit ${commit}. Nothing was changed. To ship this image, promote it under a new version: ` +
        `set the promotion's version input, e.g. version: ${way}.`,
    );
  }
  const release = take(releaseResult);
  let releaseState: PromotionPlan['releaseState'] = 'new';
  if (releasedAt !== undefined) releaseState = release && !release.draft ? 'exists' : 'ref-only';

  const highest = highestRelease(versionTags);
  const rollback =
    v.source.kind === 'release' || source.parsed.env === to || (highest !== undefined && semver.lt(version, highest));

  let targetTag: string | undefined;
  let targetState: PromotionPlan['targetState'] = 'new';
  const head = take(headResult);
  if (reuse !== undefined && head?.digest === digest) {
    targetTag = reuse;
    targetState = 'exists';
  }
  if (targetTag === undefined) {
    targetTag = fresh();
    // The tag list may lag behind the registry (a listing cache): an immutable tag is never overwritten.
    const existing = reuse === undefined ? head : await toSide.client.headManifest(toSide.repository, targetTag);
    if (existing !== undefined && existing.digest !== digest) {
      throw new RefusedError(
        `${target.name}:${targetTag} already exists and points at ${existing.digest}, not at ${digest}: ` +
          `an immutable tag never moves. Nothing was changed.`,
      );
    }
    if (existing !== undefined) targetState = 'exists';
  }

  // Extra tags: a full version never moves (the guard, read here so a refusal comes with the plan).
  const extras = resolveExtraTags(v.extraTags, { version, sha, environments: [from, to] });
  const guardedNow = await Promise.all(
    extras
      .filter((t) => t.guarded)
      .map(async (t) => ({ t, head: await toSide.client.headManifest(toSide.repository, t.tag) })),
  );
  const moved = guardedNow.filter(({ head }) => head !== undefined && head.digest !== digest);
  if (moved.length > 0) {
    throw versionTagRefusal(
      moved.map(({ t, head }) => ({ ref: `${target.name}:${t.tag}`, current: head!.digest, digest })),
    );
  }

  let nextState: PromotionPlan['nextState'] = 'none';
  let next: { version: string; tag: string } | undefined;
  if (!rollback && v.bump !== 'none' && isHighestRelease([...versionTags, releaseTag], version)) {
    const nextVersion = bumpVersion(version, v.bump);
    next = { version: nextVersion, tag: nextVersionTag(nextVersion, v.suffix) };
    nextState = refs.some((r) => r.name === next!.tag) ? 'exists' : 'new';
  }

  const plan: PromotionPlan = {
    image: image.name,
    toImage: target.name,
    ...(elsewhere ? { signatures: v.signatures } : {}),
    sourceTag: source.tag,
    sourceKind: v.source.kind,
    digest,
    mediaType: manifest.mediaType,
    commit,
    revisionCheck,
    version,
    versionSource,
    targetTag,
    targetState,
    aliasTag: to,
    releaseTag,
    releaseState,
    rollback,
    ...(next ? { nextVersion: next.version, nextVersionTag: next.tag } : {}),
    nextState,
    fluxPicksNow: { ...(fromPick.ok ? { from: fromPick.tag } : {}), ...(toPick.ok ? { to: toPick.tag } : {}) },
    ...(extras.length ? { extraTags: extras } : {}),
    repository,
    fromEnvironment: from,
    toEnvironment: to,
  };
  planReads.set(plan, { versionTags, release: release ?? null, tags });
  return plan;
}

/** What a plan read that its execution in the same process can reuse instead of reading again. */
export interface PlanReads {
  /** every v… tag of the repository */
  versionTags: string[];
  /** the release of the plan's tag (published, else the oldest draft); null: none */
  release: GitHubRelease | null;
  /** the target image's tags (the image's own when the tags stay in it) */
  tags: string[];
}

const planReads = new WeakMap<PromotionPlan, PlanReads>();

/** The reads behind `plan`, when it was made in this process (undefined for a plan given as JSON). */
export function readsOf(plan: PromotionPlan): PlanReads | undefined {
  return planReads.get(plan);
}

/** The image the environment's tags are written to. */
export function targetImageOf(plan: PromotionPlan): string {
  return plan.toImage ?? plan.image;
}

/**
 * The image the source tag is in: the request's image, or, when the tags go to another image and
 * the source is a tag of the target environment (a rollback), that other image.
 */
export function sourceImageOf(plan: PromotionPlan): string {
  const target = targetImageOf(plan);
  if (target === plan.image) return plan.image;
  return parseImmutableTag(plan.sourceTag)?.env === plan.toEnvironment ? target : plan.image;
}

/** What steps 2–4 would do: the dry-run output and the job summary's plan. */
export function describePlan(plan: PromotionPlan): string[] {
  const short = plan.commit.slice(0, 7);
  const how: Record<PromotionPlan['sourceKind'], string> = {
    latest: `what Flux's ${plan.fromEnvironment} policy picks`,
    tag: 'as given',
    digest: `the newest tag of ${plan.digest}`,
    release: `the newest build of release ${plan.releaseTag}`,
  };
  const target = targetImageOf(plan);
  const source = sourceImageOf(plan);
  const copy =
    source === target
      ? ''
      : `copy ${source}@${plan.digest} to ${target} (${parseImageRef(source, 'image').registry === parseImageRef(target, 'image').registry ? 'blobs mounted' : 'blobs streamed across registries'}, ` +
        `digest kept; signatures and attestations ${plan.signatures === 'skip' ? 'left behind' : 'carried'}), then `;
  const extras = plan.extraTags?.length
    ? `, with ${plan.extraTags.map((t) => `${t.tag}${t.guarded ? ' (never moves)' : ''}`).join(', ')}`
    : '';
  const lines = [
    `Promote ${source}:${plan.sourceTag} (${how[plan.sourceKind]}) to ${plan.toEnvironment}${target !== plan.image ? ` in ${target}` : ''}${plan.rollback ? ' — a rollback (roll-forward to a known-good artifact)' : ''}`,
    `  digest ${plan.digest} (${plan.mediaType}), commit ${plan.commit}` +
      (plan.revisionCheck === 'matched' ? ', matching the image revision label' : ', the image has no revision label'),
    `  version ${plan.version} (${plan.versionSource === 'input' ? 'from the version input' : plan.versionSource === 'release' ? 'the released version' : 'from the source tag'})`,
    plan.targetState === 'new'
      ? `Step 2: ${copy}copy the manifest to ${plan.targetTag} (new), then move ${plan.aliasTag}${extras} to it`
      : `Step 2: ${copy}${plan.targetTag} already has this digest (kept); make sure ${plan.aliasTag}${extras} points at it`,
    plan.releaseState === 'new'
      ? `Step 3: create tag ${plan.releaseTag} at ${plan.commit}, then the release ${plan.releaseTag} with the lineage`
      : plan.releaseState === 'ref-only'
        ? `Step 3: tag ${plan.releaseTag} is at ${short} already; create (or publish) the release ${plan.releaseTag} with the lineage`
        : plan.rollback
          ? `Step 3: the release ${plan.releaseTag} exists at ${short}: reused as it is (a rollback ships nothing new)`
          : `Step 3: the release ${plan.releaseTag} exists at ${short}: reuse it, recording this promotion's lineage`,
  ];
  if (plan.nextState === 'new') lines.push(`Step 4: create the next-version tag ${plan.nextVersionTag} at ${short}`);
  else if (plan.nextState === 'exists')
    lines.push(`Step 4: the next-version tag ${plan.nextVersionTag} exists already`);
  else
    lines.push(
      `Step 4: no bump (${plan.rollback ? 'a rollback bumps nothing' : 'bump is none, or a higher release exists'})`,
    );
  lines.push(
    `Flux now picks: ${plan.fromEnvironment} ${plan.fluxPicksNow.from ?? '(nothing)'}, ${plan.toEnvironment} ${plan.fluxPicksNow.to ?? '(nothing)'}; ` +
      `after this ${plan.toEnvironment} picks ${plan.targetTag}`,
  );
  if (plan.train?.length) {
    lines.push(
      `Release train: ${plan.train.length + 1} images, one version ${plan.version}, one release ${plan.releaseTag}; also`,
    );
    for (const m of plan.train) {
      const target = targetImageOf(m);
      const source = sourceImageOf(m);
      lines.push(
        `  ${source}:${m.sourceTag} → ${target !== source ? `${target}:` : ''}${m.targetTag} (${m.targetState}), digest ${m.digest}`,
      );
    }
  }
  return lines;
}
