export * from './access.js';
export * from './auth.js';
export * from './errors.js';
export * from './inventory.js';
export * from './jobs.js';
export * from './audit.js';
export * from './dashboard.js';
