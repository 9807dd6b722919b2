// Import lazily (`await import('../github/index.js')`): @actions/github is heavy (client.ts).
export {
  createGitHubClient,
  parseRepository,
  retryDelay,
  type GitHubClient,
  type GitHubClientOptions,
} from './client.js';
export { listVersionTags, nextPageUrl, resolveBuildVersion } from './versions.js';
export * from './refs.js';
export * from './releases.js';
export * from './commits.js';
export * from './lineage.js';
export { readRunnerContext, type RunnerContext } from './context.js';
