export * from './lifecycle.js';
export * from './replan.js';
export * from './compare.js';
export * from './ical.js';
