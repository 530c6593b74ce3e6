import type { MilpModel, MilpResult, MilpSolveOptions } from '@portguard/core';
import { discardHighs, loadHighs, solveWithHighs } from './highs-solve.js';

/** Piscina task: one solve on this worker's HiGHS runtime. */
export default async function solveTask(input: {
  model: MilpModel;
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
