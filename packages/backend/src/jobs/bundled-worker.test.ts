import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledWorker } from './bundled-worker.js';

const entry = new URL('../solver/worker.ts', import.meta.url);
const shim = new URL('../solver/worker-shim.mjs', import.meta.url);

describe('bundledWorker', () => {
  it('bundles the project’s TypeScript into one module named by its content, importing the npm packages', () => {
    const file = bundledWorker(entry, shim);
    expect(file).toMatch(/node_modules\/\.cache\/portguard-workers\/solver-worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(new URL(file), 'utf8');
    // core's milp module is bundled; highs and node's modules stay imports.
    expect(code).not.toMatch(/from ["']@portguard\/core/);
    expect(code).toMatch(/from ["']highs["']/);
    expect(code).toMatch(/function solveWithHighs/);
    expect(bundledWorker(entry, shim)).toBe(file);
  });

  it('falls back to the tsx shim when bundling fails', () => {
    const failing = (() => {
      throw new Error('no esbuild here');
    }) as unknown as Parameters<typeof bundledWorker>[2];
    expect(bundledWorker(entry, shim, failing)).toBe(shim.href);
  });
});
