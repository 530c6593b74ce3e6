export * from './distance.js';
export * from './normalise.js';
export * from './compare.js';
export * from './matcher.js';
export * from './name-score.js';
export * from './ownership.js';
export * from './findings.js';
export * from './oui.js';
