import { isRetriedStatus } from '../common/retry.js';
import { registryApiHost } from '../tagging/image.js';
import type { Credentials } from './credentials.js';
import type { Reply } from './exchange.js';

/*
 * The registry's answers as errors: the `{"errors": [...]}` body read as the distribution spec
 * defines it (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes)
 * and as registries send it in practice, and each refusal worded with the setting that ends it.
 */

/** What the wording of an error needs to know of the client. */
export interface ErrorContext {
  /** the registry as users write it (`docker.io`) */
  registry: string;
  credentials: Credentials;
  /** retries after the first attempt, for "gave up after N attempts" */
  retries: number;
  /** removes the secrets the client knows from a message */
  redact(message: string): string;
}

/** A registry answered with an error; the message names the operation, the image and the registry's code. */
export class RegistryError extends Error {
  readonly status: number;
  readonly codes: readonly string[];
  constructor(message: string, status: number, codes: readonly string[]) {
    super(message);
    this.name = 'RegistryError';
    this.status = status;
    this.codes = codes;
  }
}

/**
 * The registry refused a write to the repository (401, 403 or 404 on a push), found before anything
 * was written by checkPushPermission. The message names the registry, the repository, the answer and
 * the way out; it never holds a secret.
 */
export class RegistryPermissionError extends RegistryError {
  readonly registry: string;
  readonly repository: string;
  constructor(message: string, status: number, codes: readonly string[], registry: string, repository: string) {
    super(message, status, codes);
    this.name = 'RegistryPermissionError';
    this.registry = registry;
    this.repository = repository;
  }
}

/** Which registry refused to move a tag, as far as its host or its answer tell. */
export type ImmutableRegistryKind = 'ecr' | 'harbor' | 'dockerhub' | 'unknown';

/**
 * The registry refused a manifest PUT because the tag exists and the repository's tags are immutable.
 * Not a credentials problem: the message quotes the registry and names the setting to change, or
 * promoting without moving the alias.
 */
export class TagImmutableError extends RegistryError {
  readonly registry: string;
  readonly repository: string;
  readonly tag: string;
  readonly registryKind: ImmutableRegistryKind;
  constructor(
    message: string,
    status: number,
    codes: readonly string[],
    fields: { registry: string; repository: string; tag: string; registryKind: ImmutableRegistryKind },
  ) {
    super(message, status, codes);
    this.name = 'TagImmutableError';
    this.registry = fields.registry;
    this.repository = fields.repository;
    this.tag = fields.tag;
    this.registryKind = fields.registryKind;
  }
}

/** The error codes of distribution-spec ("Error Codes"), whose `detail` is data (a name, a digest, the access asked for). */
const SPEC_ERROR_CODES = new Set([
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
]);

/**
 * An error's `detail` as text: a string as it is; for a registry's own codes, an object or array
 * as compact JSON, since that is where such a registry puts its reason (Quay's errors carry
 * `detail` as given, `{}` when none: `V2RegistryException.as_dict` in quay/quay
 * endpoints/v2/errors.py). The spec's codes keep to their string details, as before.
 */
function detailText(code: string, detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'number' || typeof detail === 'boolean') return String(detail);
  if (detail === null || typeof detail !== 'object' || SPEC_ERROR_CODES.has(code)) return '';
  if (!Array.isArray(detail) && Object.keys(detail).length === 0) return '';
  if (Array.isArray(detail) && detail.length === 0) return '';
  return JSON.stringify(detail);
}

/**
 * The registry's `{"errors":[{code,message,detail}]}` body as "CODE message: detail, detail; …".
 * Entries with the same code and message are merged: distribution reports MANIFEST_BLOB_UNKNOWN
 * once per missing child, with its digest as the detail.
 */
export function describeErrorBody(body: Buffer): { codes: string[]; text: string } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      errors?: { code?: unknown; message?: unknown; detail?: unknown }[];
    };
    if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
      const groups = new Map<string, string[]>();
      const codes: string[] = [];
      for (const e of parsed.errors) {
        const code = typeof e.code === 'string' ? e.code : '';
        if (code !== '' && !codes.includes(code)) codes.push(code);
        const head = [code, typeof e.message === 'string' ? e.message : ''].filter((s) => s !== '').join(' ');
        const details = groups.get(head) ?? [];
        const detail = detailText(code, e.detail);
        if (detail !== '' && detail.length <= 200 && !details.includes(detail)) details.push(detail);
        groups.set(head, details);
      }
      const text = [...groups]
        .filter(([head]) => head !== '')
        .map(([head, details]) => (details.length ? `${head}: ${details.join(', ')}` : head))
        .join('; ');
      return { codes, text };
    }
    const single = parsed as { error?: unknown; details?: unknown; message?: unknown };
    const text = [single.error, single.details ?? single.message]
      .filter((s): s is string => typeof s === 'string')
      .join(': ');
    return { codes: [], text };
  } catch {
    const text = body.toString('utf8').replace(/\s+/g, ' ').trim();
    return { codes: [], text: /^</.test(text) ? '' : text.slice(0, 200) };
  }
}

export function authHint(ctx: ErrorContext, status: number): string {
  const creds = ctx.credentials;
  if (status === 401) {
    switch (creds.source) {
      case 'anonymous':
        return `no credentials for ${ctx.registry}: pass username and password, log in with docker login${ctx.registry === 'ghcr.io' ? ', or set GITHUB_TOKEN' : ''}`;
      case 'input':
        return 'check username/password';
      case 'docker-config':
        return `check the credentials for ${ctx.registry} in the Docker config (docker login again)`;
      case 'credential-helper':
        return `check the credentials the Docker credential helper gives for ${ctx.registry} (docker login again)`;
      case 'registry-token':
        return 'check the registry token (the registry-token input, or REGISTRY_TOKEN)';
      case 'github-token':
        return 'check GITHUB_TOKEN';
    }
  }
  if (ctx.registry === 'ghcr.io') {
    return 'the credentials lack permission: the job needs `permissions: packages: write` and the package must grant this repository access under "Manage Actions access"';
  }
  return `the credentials${creds.username ? ` of user ${creds.username}` : ''} lack permission for this repository`;
}

export function permissionDenied(
  ctx: ErrorContext,
  what: string,
  reply: Reply,
  repository: string,
): RegistryPermissionError {
  const { codes, text } = describeErrorBody(reply.body);
  const answer = `${reply.status}${text ? ` ${text}` : reply.statusText ? ` ${reply.statusText}` : ''}`;
  const image = `${ctx.registry}/${repository}`;
  let wayOut: string;
  if (ctx.registry === 'ghcr.io') {
    // GHCR grants the token and refuses the write: the job's token scope and the package's own
    // access list are both needed (https://docs.github.com/en/packages/learn-github-packages/configuring-a-packages-access-control-and-visibility,
    // https://github.com/docker/build-push-action/issues/463).
    wayOut = `the job needs \`permissions: packages: write\`, and the package ${repository} must grant this repository write access under "Manage Actions access" in the package settings (or use a token of an account that can write the package)`;
  } else if (reply.status === 401 && ctx.credentials.source === 'anonymous') {
    wayOut = authHint(ctx, 401);
  } else {
    wayOut = `use credentials with push rights to ${image}${ctx.credentials.username ? ` (user ${ctx.credentials.username} has none)` : ''}`;
  }
  return new RegistryPermissionError(
    ctx.redact(`${what}: ${ctx.registry} refused to start an upload to ${repository}: ${answer} — ${wayOut}.`),
    reply.status,
    codes,
    ctx.registry,
    repository,
  );
}

/**
 * A manifest PUT refused because the tag exists in a repository whose tags are immutable, told
 * apart from a refusal of the credentials. Each registry answers in its own way:
 * - ECR: 400 `TAG_INVALID` "The image tag '<tag>' already exists in the '<repo>' repository and
 *   cannot be overwritten because the repository is immutable."
 *   (https://github.com/aws/containers-roadmap/issues/862);
 * - Harbor: 412 `PRECONDITION` "Failed to process request due to '<repo>:<tag>' configured as
 *   immutable." (https://github.com/goharbor/harbor/blob/main/src/server/middleware/immutable/pushmf.go,
 *   error.go beside it);
 * - Docker Hub: 403 on a repository with immutable tags
 *   (https://github.com/docker/hub-feedback/issues/2466,
 *   https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/);
 * - Quay: "tag is immutable and cannot be overwritten" (https://issues.redhat.com/browse/PROJQUAY-10859).
 * All of them say "immutable"; a 401 or a DENIED without that word stays a credentials problem.
 */
export function immutableTag(
  ctx: ErrorContext,
  what: string,
  reply: Reply,
  repository: string,
  tag: string,
): TagImmutableError | undefined {
  if (![400, 403, 405, 409, 412].includes(reply.status)) return undefined;
  const { codes, text } = describeErrorBody(reply.body);
  if (!/immutable/i.test(text) && !codes.includes('TAG_IMMUTABLE')) return undefined;
  const kind = immutableRegistryKind(ctx.registry, reply.status, codes);
  const ways: Record<ImmutableRegistryKind, string> = {
    ecr: `set the ECR repository's tag mutability to IMMUTABLE_WITH_EXCLUSION with the moving aliases (such as ${tag}) as exclusion filters (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)`,
    harbor: `exclude ${tag} from the project's tag immutability rule in Harbor (https://goharbor.io/docs/main/working-with-projects/working-with-images/create-tag-immutability-rules/)`,
    dockerhub: `make only specific tags immutable in the Docker Hub repository's settings (Settings > General > Tag mutability settings), leaving ${tag} out (https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/)`,
    unknown: `exclude ${tag} from the registry's tag immutability setting for ${repository}`,
  };
  return new TagImmutableError(
    ctx.redact(
      `${what}: the registry refuses to move tag ${tag}: ${reply.status} ${text} — the repository's tags are immutable; ${ways[kind]}, or promote without moving the alias (move-alias: false, or --no-move-alias).`,
    ),
    reply.status,
    codes,
    { registry: ctx.registry, repository, tag, registryKind: kind },
  );
}

/** The registry's product by its host, else by the shape of its answer (see immutableTag). */
function immutableRegistryKind(registry: string, status: number, codes: readonly string[]): ImmutableRegistryKind {
  const host = registryApiHost(registry);
  if (/\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || host === 'public.ecr.aws') return 'ecr';
  if (['docker.io', 'registry-1.docker.io', 'index.docker.io'].includes(host) || registry === 'docker.io')
    return 'dockerhub';
  if (codes.includes('TAG_INVALID')) return 'ecr';
  if (status === 412 || codes.includes('PRECONDITION')) return 'harbor';
  return 'unknown';
}

export function failure(ctx: ErrorContext, what: string, reply: Reply): RegistryError {
  const { codes, text } = describeErrorBody(reply.body);
  const hints: string[] = [];
  if (reply.status === 401) hints.push(authHint(ctx, 401));
  else if (reply.status === 403 || codes.includes('DENIED')) hints.push(authHint(ctx, 403));
  else if (codes.includes('MANIFEST_BLOB_UNKNOWN')) {
    hints.push(
      'the repository lacks a blob or child manifest this manifest references; copy them into the repository first',
    );
  } else if (reply.status === 413 && reply.url.pathname.includes('/manifests/'))
    hints.push('the manifest is larger than the registry accepts');
  if (isRetriedStatus(reply.status)) hints.push(`gave up after ${ctx.retries + 1} attempts`);
  const detail = text || reply.statusText;
  return new RegistryError(
    ctx.redact(`${what}: ${reply.status}${detail ? ` ${detail}` : ''}${hints.length ? ` — ${hints.join('; ')}` : ''}`),
    reply.status,
    codes,
  );
}
