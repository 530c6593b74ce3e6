import { workerData } from 'node:worker_threads';
import type { MilpResult, MilpSolveOptions } from '@portguard/core/milp';
import {
  discardHighs,
  isWasmModule,
  loadHighs,
  ResidentHighsModels,
  solveWithHighs,
  useCompiledHighs,
  type PackedModel,
} from './highs-solve.js';

const shared: unknown = (workerData as { highsModule?: unknown } | null)?.highsModule;
if (isWasmModule(shared)) useCompiledHighs(shared);
// Instantiated as the worker starts, not on its first solve; a failed load is reported by that solve.
loadHighs().catch(() => discardHighs());

/** Piscina task: one solve on this worker's HiGHS runtime. */
export default async function solveTask(input: {
  model: PackedModel;
  options: MilpSolveOptions;
}): Promise<MilpResult> {
  const highs = await loadHighs();
  try {
    return solveWithHighs(highs, input.model, input.options);
  } catch (e) {
    discardHighs();
    throw e;
  }
}

let resident: ResidentHighsModels | null = null;

export type ResidentTask =
  | {
      readonly op: 'open';
      readonly models: readonly { readonly index: number; readonly model: PackedModel }[];
    }
  | {
      readonly op: 'solve';
      readonly index: number;
      readonly costs: readonly number[];
      readonly options: MilpSolveOptions;
    };

/** Piscina task of a worker of its own (WorkerHighsSolver.openResidentLps): opens or solves its resident LPs. */
export async function residentTask(task: ResidentTask): Promise<MilpResult | null> {
  const highs = await loadHighs();
  resident ??= new ResidentHighsModels(highs);
  if (task.op === 'open') {
    for (const { index, model } of task.models) resident.open(index, model);
    return null;
  }
  return resident.solve(task.index, task.costs, task.options);
}
