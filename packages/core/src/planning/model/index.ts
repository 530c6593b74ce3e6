export * from './build.js';
export * from './read-solution.js';
export * from './explain.js';
export * from './terminal-bound.js';
export * from './aggregate-bound.js';
export * from './lns.js';
export * from './quarterly-bound.js';
