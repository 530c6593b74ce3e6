export * from './builders.js';
export * from './problems.js';
