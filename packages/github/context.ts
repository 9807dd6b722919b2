import { readFileSync } from 'node:fs';

/**
 * What a build needs from the runner's environment, read without @actions/github (whose Octokit
 * would cost the compute-tags action most of its start-up time).
 */
export interface RunnerContext {
  eventName: string;
  /** the branch the build is for: the pushed branch, or on pull requests the head branch */
  branch?: string;
  /** the commit the build is for: GITHUB_SHA, or on pull requests the head commit (not the merge commit) */
  sha?: string;
  repository?: string;
  serverUrl: string;
  runUrl?: string;
  /** who started the run (GITHUB_ACTOR) */
  actor?: string;
}

const PULL_REQUEST_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let event: { pull_request?: { head?: { sha?: string; ref?: string } } } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      event = {};
    }
  }
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const ref = env.GITHUB_REF ?? '';
  let branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  let sha = env.GITHUB_SHA || undefined;
  if (PULL_REQUEST_EVENTS.has(eventName)) {
    // The head commit, not the merge commit GITHUB_SHA names (docker/metadata-action #206).
    sha = event.pull_request?.head?.sha || sha;
    branch = env.GITHUB_HEAD_REF || event.pull_request?.head?.ref || undefined;
  }
  const repository = env.GITHUB_REPOSITORY || undefined;
  const runUrl =
    repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const actor = env.GITHUB_ACTOR || undefined;
  return { eventName, branch, sha, repository, serverUrl, runUrl, ...(actor ? { actor } : {}) };
}
