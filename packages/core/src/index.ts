export * from './model/index.js';
export * from './shared/issue.js';
export * from './shared/errors.js';
export * from './shared/zod-issues.js';
export * from './planning/index.js';
export * from './contract/index.js';
export * from './evidence/index.js';
