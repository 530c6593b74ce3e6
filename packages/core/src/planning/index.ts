export * from './problem.js';
export * from './plan.js';
export * from './milp.js';
