/**
 * The repository's description and license (packages/github/repository.ts) read from the stand-in,
 * whose answers are checked against GitHub's OpenAPI description of "Get a repository": the read is
 * best effort, so every refusal and fault is one log line and no facts, never an error.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import type { Logger } from '../../packages/common/logger.js';
import { createGitHubClient } from '../../packages/github/client.js';
import { getRepositoryFacts, readRepositoryFacts } from '../../packages/github/repository.js';
import { repositoryLabels } from '../../packages/tagging/labels.js';
import { startGitHubStandIn, type StandIn, type StandInOptions } from '../support/github-standin.js';

const TOKEN = 'ghs_repository_test_token';
let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

function recorder() {
  const lines: { level: keyof Logger; message: string }[] = [];
  const logger: Logger = {
    debug: (message) => void lines.push({ level: 'debug', message }),
    info: (message) => void lines.push({ level: 'info', message }),
    warning: (message) => void lines.push({ level: 'warning', message }),
  };
  return { lines, logger };
}

async function read(opts: StandInOptions = {}, setup?: (s: StandIn) => void) {
  standIn = await startGitHubStandIn({ token: TOKEN, ...opts });
  setup?.(standIn);
  const { lines, logger } = recorder();
  const facts = await readRepositoryFacts({ token: TOKEN, repository: 'acme/backend', apiUrl: standIn.url, logger });
  return { facts, lines, s: standIn };
}

describe('the repository description and license', () => {
  it('reads description and license.spdx_id from GET /repos/{owner}/{repo}', async () => {
    const { facts, lines, s } = await read({
      about: { description: 'Orders API\nfor the shop', spdxId: 'Apache-2.0' },
    });
    expect(facts).toEqual({ description: 'Orders API\nfor the shop', spdxId: 'Apache-2.0' });
    expect(repositoryLabels(facts!)).toEqual({
      'org.opencontainers.image.description': 'Orders API for the shop',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    });
    expect(s.requests.map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/repos/acme/backend', 200]]);
    expect(lines.filter((l) => l.level !== 'debug')).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('gives nulls for a repository without description or license, and the OpenAPI example by default', async () => {
    const none = await read({ about: { description: null, spdxId: null } });
    expect(none.facts).toEqual({ description: null, spdxId: null });
    expect(repositoryLabels(none.facts!)).toEqual({});
    expect(none.s.violations).toEqual([]);
    await standIn!.close();
    const example = await read();
    expect(example.facts).toEqual({ description: 'This your first repo!', spdxId: 'MIT' });
    expect(example.s.violations).toEqual([]);
  });

  it.each([
    [403, 'Resource not accessible by integration'],
    [404, 'Not Found'],
  ])(
    'goes on without them when GitHub answers %i, with one info line naming the repository',
    async (status, message) => {
      const { facts, lines, s } = await read({}, (standin) =>
        standin.fault({
          operationId: 'repos/get',
          status,
          body: { message, documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository' },
        }),
      );
      expect(facts).toBeUndefined();
      const shown = lines.filter((l) => l.level !== 'debug');
      expect(shown).toEqual([
        {
          level: 'info',
          message:
            'The labels and annotations go without org.opencontainers.image.description and .licenses: ' +
            `acme/backend could not be read with github-token (HTTP ${status}: ${message}). Set them with the labels and annotations inputs.`,
        },
      ]);
      // not retried: a refusal stays a refusal
      expect(s.requests.map((r) => r.status)).toEqual([status]);
      expect(JSON.stringify(lines)).not.toContain(TOKEN);
    },
  );

  it('goes on without them when the token is refused (401)', async () => {
    standIn = await startGitHubStandIn({ token: 'another-token' });
    const { lines, logger } = recorder();
    const facts = await readRepositoryFacts({ token: TOKEN, repository: 'acme/backend', apiUrl: standIn.url, logger });
    expect(facts).toBeUndefined();
    const info = lines.filter((l) => l.level === 'info').map((l) => l.message);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(
      /^The labels and annotations go without .*acme\/backend could not be read with github-token \(.*401.*Bad credentials/,
    );
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('goes on without them when GitHub cannot be reached, after one retry', async () => {
    // a port that was just free: the connection is refused
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const { lines, logger } = recorder();
    const facts = await readRepositoryFacts({
      token: TOKEN,
      repository: 'acme/backend',
      apiUrl: `http://127.0.0.1:${port}`,
      logger,
    });
    expect(facts).toBeUndefined();
    const info = lines.filter((l) => l.level === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]!.message).toMatch(/acme\/backend could not be read with github-token \(.*failed after 2 attempts/);
    expect(lines.some((l) => l.level === 'warning')).toBe(false);
  });

  it('asks nothing without a token or a repository', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    const { lines, logger } = recorder();
    expect(await readRepositoryFacts({ repository: 'acme/backend', apiUrl: standIn.url, logger })).toBeUndefined();
    expect(await readRepositoryFacts({ token: TOKEN, apiUrl: standIn.url, logger })).toBeUndefined();
    expect(standIn.requests).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(['debug', 'debug']);
  });

  it('getRepositoryFacts throws the refusal for callers that want it', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    standIn.fault({ operationId: 'repos/get', status: 404, body: { message: 'Not Found' } });
    const client = createGitHubClient({ token: TOKEN, apiUrl: standIn.url });
    await expect(getRepositoryFacts(client, 'acme', 'backend')).rejects.toMatchObject({ status: 404 });
  });
});
