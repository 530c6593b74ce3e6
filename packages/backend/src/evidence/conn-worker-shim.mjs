// Worker threads cannot load .ts files on Node 20; tsx's API can (docs/deps-verified.md §3).
import { tsImport } from 'tsx/esm/api';

await tsImport('./conn-worker.ts', import.meta.url);
