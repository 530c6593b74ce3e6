export * from './builders.js';
export * from './problems.js';
export * from './stored-plans.js';
