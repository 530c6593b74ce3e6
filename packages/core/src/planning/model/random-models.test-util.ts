import { riskFirstPlan } from '../heuristics/risk-first.js';
import type { MilpColumn } from '../milp.js';
import type { PlanningProblem } from '../problem.js';
import { buildPlanningModel, type BuiltModel } from './build.js';
import { scheduleToValues } from './read-solution.js';

/** The columns x0, x1, … of a random test model, each between `lower` and `lower + width`. */
export const boxColumns = (
  columns: readonly { readonly lower: number; readonly width: number; readonly cost: number }[],
  integer: boolean,
): MilpColumn[] =>
  columns.map((c, j) => ({ name: `x${j}`, lower: c.lower, upper: c.lower + c.width, cost: c.cost, integer }));

/** A problem, its planning model, and risk first's plan as the model's column values. */
export function riskFirstModelPoint(problem: PlanningProblem): {
  readonly problem: PlanningProblem;
  readonly built: BuiltModel;
  readonly values: number[];
} {
  const built = buildPlanningModel(problem);
  const values = scheduleToValues(
    problem,
    built.index,
    built.model.columns.length,
    riskFirstPlan(problem).replacements,
  );
  if (values === null) throw new Error("risk first's plan does not fit the model");
  return { problem, built, values };
}
