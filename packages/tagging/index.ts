export * from './tags.js';
export * from './image.js';
export * from './version.js';
export * from './flux.js';
