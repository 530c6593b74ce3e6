export * from './build.js';
export * from './read-solution.js';
export * from './explain.js';
