import { quarterOf } from '../calendar.js';
import {
  assignPrograms,
  indexProblem,
  programLocalShare,
  riskExposureOf,
  splitCost,
  validatePlan,
} from '../evaluate.js';
import type { MilpModel, MilpSolver } from '../milp.js';
import type { PlannedReplacement } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import { buildPlanningModel, type BuiltModel, type Reserved } from './build.js';
import { readSchedule, scheduleToValues } from './read-solution.js';

export interface ImproveOptions {
  readonly timeLimitSeconds: number;
  /** Terminals re-optimised together (default 4). */
  readonly blockSize?: number;
  readonly contractStep?: number;
  /** Passes over the blocks (default 20; a pass without improvement ends the search). */
  readonly maxPasses?: number;
  /**
   * Each block MIP's own limit. Unset: the time left shared out over the blocks (results then depend on the
   * machine's speed); set generously, blocks end on their gap and the search repeats exactly.
   */
  readonly blockTimeLimitSeconds?: number;
  /** Block MIPs solved at most (default: no limit but the time). */
  readonly maxBlocks?: number;
  /**
   * Keep every contract (supplier and month) as it is and re-optimise only when the old cranes retire: a block
   * MIP of a few hundred integer columns, solved in milliseconds. The risk-first rule retires crane by crane in
   * contract order; a terminal's spare capacity is better spent on its riskiest cranes.
   */
  readonly retirementsOnly?: boolean;
}

export interface ImproveResult {
  readonly schedule: PlannedReplacement[];
  readonly riskExposure: number;
  readonly blocksSolved: number;
  readonly blocksImproved: number;
  readonly seconds: number;
}

/** Supplier arrivals, crews and federal money used by a partial schedule, as reserved capacity for the rest. */
export function reservedBy(problem: PlanningProblem, schedule: readonly PlannedReplacement[]): Reserved {
  const index = indexProblem(problem);
  const supply = new Map<string, number>();
  const crews = new Map<string, number>();
  const budget = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, v: number): void => {
    m.set(k, (m.get(k) ?? 0) + v);
  };
  for (const r of schedule) {
    bump(supply, `${r.supplierId}|${r.sizeClass}|${quarterOf(r.arrivalPeriod, problem.granularity)}`, 1);
    const region = index.cranes.get(r.craneId)?.terminal.region;
    if (region !== undefined)
      for (let t = r.arrivalPeriod; t < r.inServicePeriod; t++) bump(crews, `${region}|${t}`, 1);
    if (r.programId !== undefined && r.programId !== '') {
      const fy =
        problem.calendar[Math.min(Math.max(r.contractPeriod, 0), problem.periods - 1)]?.fiscalYear ?? 0;
      bump(
        budget,
        `${r.programId}|${fy}`,
        splitCost(r.costCents, programLocalShare(index, r.programId)).federal,
      );
    }
  }
  return { supply, crews, budget };
}

/**
 * Large-neighbourhood search: re-optimise a few terminals at a time exactly (a small MIP), with every other
 * terminal's schedule fixed and its use of suppliers, crews and budget reserved. A block's current schedule is
 * its MIP start, so each step keeps or lowers the risk exposure; every accepted schedule passes validatePlan.
 */
export async function improveByTerminalBlocks(
  problem: PlanningProblem,
  start: readonly PlannedReplacement[],
  solver: MilpSolver,
  options: ImproveOptions,
): Promise<ImproveResult> {
  const k = Math.max(1, options.blockSize ?? 4);
  const { programIds } = assignPrograms(problem, start);
  let current: PlannedReplacement[] = start.map((r, i) =>
    r.programId === undefined && programIds[i] ? { ...r, programId: programIds[i] } : r,
  );
  let risk = riskExposureOf(problem, current);
  let seconds = 0;
  let blocksSolved = 0;
  let blocksImproved = 0;
  // Blocks pair the riskiest terminals with the least risky, so a block MIP can move money and supplier slots
  // from low-risk to high-risk cranes.
  const density = (t: PlanningProblem['terminals'][number]): number =>
    Math.max(...t.groups.map((g) => g.riskPerCranePeriod));
  const sorted = problem.terminals
    .filter((t) => t.groups.length > 0)
    .sort((a, b) => density(b) - density(a) || a.id.localeCompare(b.id))
    .map((t) => t.id);
  const order: string[] = [];
  for (let lo = 0, hi = sorted.length - 1; lo <= hi; lo++, hi--) {
    order.push(sorted[lo] as string);
    if (hi !== lo) order.push(sorted[hi] as string);
  }
  const blocks: string[][] = [];
  for (let i = 0; i < order.length; i += k) blocks.push(order.slice(i, i + k));
  for (let pass = 0; pass < (options.maxPasses ?? 20); pass++) {
    let improvedThisPass = false;
    for (const [bi, block] of blocks.entries()) {
      const left = options.timeLimitSeconds - seconds;
      if (left <= 0.05 || blocksSolved >= (options.maxBlocks ?? Infinity))
        return { schedule: current, riskExposure: risk, blocksSolved, blocksImproved, seconds };
      const ids = new Set(block);
      const others = current.filter((r) => !ids.has(r.terminalId));
      const mine = current.filter((r) => ids.has(r.terminalId));
      const sub: PlanningProblem = { ...problem, terminals: problem.terminals.filter((t) => ids.has(t.id)) };
      const built = buildPlanningModel(sub, {
        reserved: reservedBy(problem, others),
        ...(options.contractStep !== undefined ? { contractStep: options.contractStep } : {}),
      });
      const values = scheduleToValues(sub, built.index, built.model.columns.length, mine);
      if (options.retirementsOnly === true && values === null) continue;
      const model =
        options.retirementsOnly === true && values !== null ? withContractsFixed(built, values) : built.model;
      const remainingBlocks = pass === 0 ? blocks.length - bi : blocks.length;
      const r = await solver.solve(model, {
        timeLimitSeconds:
          options.blockTimeLimitSeconds ?? Math.min(left, Math.max(0.2, left / remainingBlocks)),
        mipRelGap: 1e-4,
        ...(values ? { initialSolution: values } : {}),
      });
      seconds += r.seconds;
      blocksSolved++;
      if (!r.values) continue;
      const candidate = [...others, ...readSchedule(sub, built.index, r.values)];
      const candidateRisk = riskExposureOf(problem, candidate);
      if (candidateRisk < risk - 1e-9 && validatePlan(problem, { replacements: candidate }).length === 0) {
        current = candidate;
        risk = candidateRisk;
        blocksImproved++;
        improvedThisPass = true;
      }
    }
    if (!improvedThisPass) break;
  }
  return { schedule: current, riskExposure: risk, blocksSolved, blocksImproved, seconds };
}

/** The block model with every contract column fixed at the given schedule's value. */
function withContractsFixed(built: BuiltModel, values: readonly number[]): MilpModel {
  const fixed = new Set(built.index.groups.flatMap((g) => g.contracts.flatMap((c) => c.cols)));
  return {
    ...built.model,
    columns: built.model.columns.map((c, j) =>
      fixed.has(j) ? { ...c, lower: values[j] ?? 0, upper: values[j] ?? 0 } : c,
    ),
  };
}
