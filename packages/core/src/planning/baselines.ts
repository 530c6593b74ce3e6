import { evaluateSchedule, reasonsFromIssues, validatePlan, type EvaluateMeta } from './evaluate.js';
import type { Plan, PlannedReplacement } from './plan.js';
import { scheduleState } from './schedule-state.js';
import type { PlanningProblem, PlanningTerminal } from './problem.js';

/** Evaluates a schedule and marks it infeasible, with reasons, when validatePlan finds violations. */
export function finishPlan(
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
  meta: EvaluateMeta,
): Plan {
  const issues = validatePlan(problem, { replacements });
  if (issues.length === 0) return evaluateSchedule(problem, replacements, meta);
  return evaluateSchedule(problem, replacements, {
    ...meta,
    status: 'infeasible',
    diagnostics: [
      ...(meta.diagnostics ?? []),
      ...issues.slice(0, 20).map((i) => `violation: ${i.message} [${i.code}]`),
    ],
    infeasibility: { reasons: reasonsFromIssues(issues), relaxations: [] },
  });
}

/** Keep every untrusted crane: the risk never goes down. Infeasible only if the problem has deadlines or no floor slack. */
export function doNothingPlan(problem: PlanningProblem): Plan {
  return finishPlan(problem, [], {
    name: 'Do nothing',
    method: 'do-nothing',
    diagnostics: ['no crane is replaced'],
  });
}

/**
 * The rule a planner would use without an optimiser: terminals with the largest demand first, within a terminal
 * the riskiest cranes first; each crane gets the trusted supplier and contract period that put it in service
 * earliest (then cheapest) within budget, supplier capacity, crews, rail slots and blackouts; the old crane is
 * retired when the new one enters service, or earlier (not before the new one arrives) while the floor holds.
 * Cranes for which no slot exists stay unreplaced and are listed in the diagnostics.
 * `clock` (milliseconds) only times the run for solveSeconds.
 */
export function greedyPlan(problem: PlanningProblem, options: { readonly clock?: () => number } = {}): Plan {
  const started = options.clock?.() ?? 0;
  const { replacements, commit, fixedIds, earliestSlot } = scheduleState(problem);

  const diagnostics: string[] = [];
  const totalDemand = (t: PlanningTerminal) => t.demand.reduce((a, b) => a + b, 0);
  const order = [...problem.terminals].sort(
    (a, b) => totalDemand(b) - totalDemand(a) || a.id.localeCompare(b.id),
  );
  let unreplaced = 0;
  for (const t of order) {
    const groups = [...t.groups].sort((a, b) => b.riskPerCranePeriod - a.riskPerCranePeriod);
    for (const g of groups) {
      const todo = g.craneIds.filter((id) => !fixedIds.has(id));
      for (let k = 0; k < todo.length; k++) {
        const craneId = todo[k]!;
        const { slot: best, blocked } = earliestSlot(t, g.sizeClass, 'arrival');
        if (best) {
          commit(t, craneId, g.sizeClass, best);
        } else {
          const left = todo.length - k;
          unreplaced += left;
          diagnostics.push(
            `${t.id} ${g.sizeClass}: ${left} crane(s) left unreplaced; blocked by ${[...blocked].sort().join(', ') || 'nothing'}`,
          );
          break;
        }
      }
    }
  }
  diagnostics.unshift(
    unreplaced === 0
      ? `all ${replacements.length} untrusted cranes replaced`
      : `${replacements.length} cranes replaced, ${unreplaced} left unreplaced (resources run out)`,
  );
  return finishPlan(problem, replacements, {
    name: 'Greedy (largest terminals first)',
    method: 'greedy',
    solveSeconds: options.clock ? (options.clock() - started) / 1000 : 0,
    diagnostics,
  });
}
