import {
  evaluateSchedule,
  programLocalShare,
  reasonsFromIssues,
  splitCost,
  validatePlan,
  type EvaluateMeta,
} from './evaluate.js';
import type { Plan, PlannedReplacement } from './plan.js';
import { scheduleState, type ReplacementSlot } from './schedule-state.js';
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

type BlockReason =
  | 'horizon'
  | 'blackout'
  | 'crews'
  | 'supplier-capacity'
  | 'rail-slots'
  | 'budget'
  | 'deadline'
  | 'no-supplier';

type Candidate = ReplacementSlot;

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
  const {
    P,
    index,
    ledger,
    supplierUse,
    fyOf,
    inService,
    onRails,
    supplierKey,
    crewsOf,
    replacements,
    commit,
    fixedIds,
  } = scheduleState(problem);

  const diagnostics: string[] = [];
  const totalDemand = (t: PlanningTerminal) => t.demand.reduce((a, b) => a + b, 0);
  const order = [...problem.terminals].sort(
    (a, b) => totalDemand(b) - totalDemand(a) || a.id.localeCompare(b.id),
  );
  let unreplaced = 0;
  for (const t of order) {
    const blackout = new Set(t.blackoutPeriods);
    const crews = crewsOf(t.region);
    const crewLimit = index.crewLimit.get(t.region) ?? Infinity;
    const ins = inService.get(t.id)!;
    const rails = onRails.get(t.id)!;
    const floorAllowsOneLess = (p: number) =>
      ins[p]! - 1 >= t.minCranesInService && (ins[p]! - 1) * t.teuPerCranePeriod + 1e-6 >= (t.demand[p] ?? 0);
    const groups = [...t.groups].sort((a, b) => b.riskPerCranePeriod - a.riskPerCranePeriod);
    for (const g of groups) {
      const suppliers = problem.suppliers
        .filter((s) => s.trusted)
        .flatMap((s) => {
          const offer = s.offers.find((o) => o.sizeClass === g.sizeClass);
          return offer ? [{ s, offer }] : [];
        });
      const todo = g.craneIds.filter((id) => !fixedIds.has(id));
      for (let k = 0; k < todo.length; k++) {
        const craneId = todo[k]!;
        const blocked = new Set<BlockReason>();
        if (suppliers.length === 0) blocked.add('no-supplier');
        let best: Candidate | null = null;
        const minDur = Math.min(...suppliers.map(({ s }) => s.leadTimePeriods + s.commissioningPeriods));
        for (let c = 0; c < P; c++) {
          if (best && c + minDur > best.inService) break;
          for (const { s, offer } of suppliers) {
            if (c < s.earliestContractPeriod) continue;
            const a = c + s.leadTimePeriods;
            const inSvc = a + s.commissioningPeriods;
            if (inSvc >= P) {
              blocked.add('horizon');
              continue;
            }
            if (
              best &&
              (inSvc > best.inService || (inSvc === best.inService && offer.unitCostCents >= best.cost))
            )
              continue;
            let bad: BlockReason | null = null;
            for (let p = a; p < inSvc && !bad; p++) {
              if (blackout.has(p)) bad = 'blackout';
              else if (crews[p]! + 1 > crewLimit) bad = 'crews';
            }
            if (
              !bad &&
              (supplierUse.get(supplierKey(s.id, g.sizeClass, a)) ?? 0) + 1 > offer.capacityPerQuarter
            )
              bad = 'supplier-capacity';
            let retire = inSvc;
            if (!bad) {
              while (retire - 1 >= a && floorAllowsOneLess(retire - 1)) retire--;
              for (let p = a; p < retire && !bad; p++) if (rails[p]! + 1 > t.railSlots) bad = 'rail-slots';
              if (!bad && t.deadlinePeriod !== undefined && retire > t.deadlinePeriod) bad = 'deadline';
            }
            let programId = '';
            let federal = 0;
            if (!bad) {
              const found = t.fundingProgramIds.find((pid) => {
                federal = splitCost(offer.unitCostCents, programLocalShare(index, pid)).federal;
                return ledger.canAdd(pid, fyOf(c), federal);
              });
              if (found === undefined) bad = 'budget';
              else programId = found;
            }
            if (bad) {
              blocked.add(bad);
              continue;
            }
            best = {
              supplier: s,
              programId,
              contract: c,
              arrival: a,
              inService: inSvc,
              retire,
              cost: offer.unitCostCents,
              federal,
            };
          }
        }
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
