export * from './build.js';
export * from './retag.js';
export * from './registry-clients.js';
export * from './plan.js';
export * from './promote.js';
export * from './status.js';
export * from './release.js';
