// Piscina cannot load .ts workers on Node 20; tsx's API can (docs/deps-verified.md §3).
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./worker.ts', import.meta.url);
export default mod.default;
export const residentTask = mod.residentTask;
