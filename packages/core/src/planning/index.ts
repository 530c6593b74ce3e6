export * from './problem.js';
export * from './plan.js';
export * from './milp.js';
export * from './calendar.js';
export * from './evaluate.js';
export * from './baselines.js';
export * from './generator.js';
