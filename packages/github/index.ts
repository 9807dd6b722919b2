// Import lazily (`await import('../github/index.js')`): @actions/github is heavy (client.ts).
export {
  boundedFetch,
  createGitHubClient,
  DEFAULT_GITHUB_BUDGET_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseRepository,
  retryDecision,
  retryDelay,
  SECONDARY_LIMIT_MIN_MS,
  type GitHubClient,
  type GitHubClientOptions,
  type GitHubRetryPolicy,
  type RetryDecision,
} from './client.js';
export {
  explainGitHubRefusal,
  GitHubRateLimitError,
  isRateLimitAnswer,
  redactSecret,
  type RefusalContext,
} from './errors.js';
export { listVersionTags, nextPageUrl, resolveBuildVersion } from './versions.js';
export * from './refs.js';
export * from './releases.js';
export * from './commits.js';
export * from './lineage.js';
export { readRunnerContext, type RunnerContext } from './context.js';
