import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { RetryPolicy } from '../../packages/common/retry.js';
import {
  RegistryClient,
  RegistryError,
  TagImmutableError,
  type ImmutableRegistryKind,
  type Manifest,
} from '../../packages/registry/client.js';
import { createHttpTransport } from '../../packages/registry/transport.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { pushOciImage, type PushedImage } from '../support/images.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

/*
 * Registries with immutable tags refuse a manifest PUT to an existing tag, each in its own words.
 * The fault proxy answers the PUT the way each one does; the real registry behind it shows that the
 * tag did not move.
 */

const FAST: RetryPolicy = { retries: 1, baseMs: 5, maxMs: 10, maxRetryAfterMs: 100 };
const REPO = 'imm/app';
const WAY_OUT = ', or promote without moving the alias (move-alias: false, or --no-move-alias).';

const registryError = (code: string, message: string) => JSON.stringify({ errors: [{ code, message }] });

/** The client believes it talks to `host` over https; every request goes to the proxy instead. */
function as(host: string, proxy: FaultProxy): typeof fetch {
  const transport = createHttpTransport({ idleTimeoutMs: 5000 });
  return (input, init) => {
    const url = new URL(String(input));
    if (url.host === host) {
      url.protocol = 'http:';
      url.host = proxy.host;
    }
    return transport(url, init);
  };
}

let reg: TestRegistry;
let proxy: FaultProxy;
let production: PushedImage;
let candidate: Manifest;
const puts = (m: string, p: string) => m === 'PUT' && p === `/v2/${REPO}/manifests/production`;

beforeAll(async () => {
  reg = await startRegistry({ kind: 'none' });
  production = await pushOciImage({ url: reg.url }, REPO, 'production');
  await pushOciImage({ url: reg.url }, REPO, 'staging-v2');
  candidate = await new RegistryClient(reg.host).getManifest(REPO, 'staging-v2');
  proxy = await startFaultProxy(reg.url);
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
});
beforeEach(() => proxy.reset());

async function refusal(client: RegistryClient): Promise<TagImmutableError> {
  const err = (await client.putManifest(REPO, 'production', candidate).catch((e: Error) => e)) as TagImmutableError;
  expect(err).toBeInstanceOf(TagImmutableError);
  expect(err).toBeInstanceOf(RegistryError);
  // Refused, not retried, and the tag did not move.
  expect(proxy.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  expect((await new RegistryClient(reg.host).headManifest(REPO, 'production'))?.digest).toBe(production.digest);
  expect(err.message).not.toMatch(/credential|password|docker login|GITHUB_TOKEN/i);
  return err;
}

function fields(err: TagImmutableError): [string, string, string, ImmutableRegistryKind, number] {
  return [err.registry, err.repository, err.tag, err.registryKind, err.status];
}

describe('TagImmutableError on a manifest PUT', () => {
  it('recognises ECR: 400 TAG_INVALID "cannot be overwritten because the repository is immutable"', async () => {
    // Wording as docker push prints it from ECR: https://github.com/aws/containers-roadmap/issues/862
    const ecr = `The image tag 'production' already exists in the '${REPO}' repository and cannot be overwritten because the repository is immutable.`;
    proxy.inject({ match: puts, status: 400, body: registryError('TAG_INVALID', ecr) });
    const err = await refusal(new RegistryClient(proxy.host, { retry: FAST }));
    expect(fields(err)).toEqual([proxy.host, REPO, 'production', 'ecr', 400]);
    expect(err.codes).toEqual(['TAG_INVALID']);
    expect(err.message).toBe(
      `pushing manifest to ${proxy.host}/${REPO}:production: the registry refuses to move tag production: 400 TAG_INVALID ${ecr}` +
        " — the repository's tags are immutable; set the ECR repository's tag mutability to IMMUTABLE_WITH_EXCLUSION with the moving aliases (such as production) as exclusion filters" +
        ' (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)' +
        WAY_OUT,
    );
  });

  it('recognises ECR by its host too', async () => {
    const host = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    proxy.inject({
      match: puts,
      status: 400,
      body: registryError(
        'TAG_INVALID',
        `The image tag 'production' already exists in the '${REPO}' repository and cannot be overwritten because the repository is immutable.`,
      ),
    });
    const err = await refusal(new RegistryClient(host, { retry: FAST, fetchImpl: as(host, proxy) }));
    expect(fields(err)).toEqual([host, REPO, 'production', 'ecr', 400]);
  });

  it('recognises Harbor: 412 PRECONDITION "configured as immutable"', async () => {
    // https://github.com/goharbor/harbor/blob/main/src/server/middleware/immutable/pushmf.go (PreconditionCode,
    // 412) and error.go ("Failed to process request due to '%s:%s' configured as immutable.")
    const harbor = `Failed to process request due to 'app:production' configured as immutable.`;
    proxy.inject({ match: puts, status: 412, body: registryError('PRECONDITION', harbor) });
    const err = await refusal(new RegistryClient(proxy.host, { retry: FAST }));
    expect(fields(err)).toEqual([proxy.host, REPO, 'production', 'harbor', 412]);
    expect(err.message).toBe(
      `pushing manifest to ${proxy.host}/${REPO}:production: the registry refuses to move tag production: 412 PRECONDITION ${harbor}` +
        " — the repository's tags are immutable; exclude production from the project's tag immutability rule in Harbor" +
        ' (https://goharbor.io/docs/main/working-with-projects/working-with-images/create-tag-immutability-rules/)' +
        WAY_OUT,
    );
  });

  it('recognises Docker Hub: a 403 about an immutable tag, with no credentials hint', async () => {
    // Docker Hub answers 403 to a push onto an immutable tag (https://github.com/docker/hub-feedback/issues/2466;
    // https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/). Its exact text is
    // not published; this one mentions immutability, as the client requires.
    const hub = 'tag production is immutable and cannot be overwritten';
    proxy.inject({ match: puts, status: 403, body: registryError('DENIED', hub) });
    const client = new RegistryClient('docker.io', {
      retry: FAST,
      credentials: { username: 'robot', password: 'dckr_pat_secret-value', source: 'input' },
      fetchImpl: as('registry-1.docker.io', proxy),
    });
    const err = await refusal(client);
    expect(fields(err)).toEqual(['docker.io', REPO, 'production', 'dockerhub', 403]);
    expect(err.message).toBe(
      `pushing manifest to docker.io/${REPO}:production: the registry refuses to move tag production: 403 DENIED ${hub}` +
        " — the repository's tags are immutable; make only specific tags immutable in the Docker Hub repository's settings (Settings > General > Tag mutability settings), leaving production out" +
        ' (https://docs.docker.com/docker-hub/repos/manage/hub-images/immutable-tags/)' +
        WAY_OUT,
    );
    expect(err.message).not.toContain('dckr_pat_secret-value');
  });

  it('recognises another registry that says "immutable", as unknown', async () => {
    // Quay's words: https://issues.redhat.com/browse/PROJQUAY-10859
    const quay = 'tag is immutable and cannot be overwritten';
    proxy.inject({ match: puts, status: 400, body: registryError('UNKNOWN', quay) });
    const err = await refusal(new RegistryClient(proxy.host, { retry: FAST }));
    expect(fields(err)).toEqual([proxy.host, REPO, 'production', 'unknown', 400]);
    expect(err.message).toBe(
      `pushing manifest to ${proxy.host}/${REPO}:production: the registry refuses to move tag production: 400 UNKNOWN ${quay}` +
        ` — the repository's tags are immutable; exclude production from the registry's tag immutability setting for ${REPO}` +
        WAY_OUT,
    );
  });

  it('keeps a 403 DENIED that does not mention immutability a permission problem', async () => {
    proxy.inject({
      match: puts,
      status: 403,
      body: registryError('DENIED', 'requested access to the resource is denied'),
    });
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const err = (await client.putManifest(REPO, 'production', candidate).catch((e: Error) => e)) as RegistryError;
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).not.toBeInstanceOf(TagImmutableError);
    expect(err.message).toBe(
      `pushing manifest to ${proxy.host}/${REPO}:production: 403 DENIED requested access to the resource is denied — the credentials lack permission for this repository`,
    );
  });

  it('moves the tag when the registry lets it', async () => {
    const client = new RegistryClient(proxy.host, { retry: FAST });
    const moved = await client.putManifest(REPO, 'moved', candidate);
    expect(moved).toBe(candidate.digest);
    expect((await client.headManifest(REPO, 'moved'))?.digest).toBe(candidate.digest);
  });
});
