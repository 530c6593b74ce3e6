import { quarterOf } from './calendar.js';
import {
  BudgetLedger,
  evaluateSchedule,
  indexProblem,
  programLocalShare,
  reasonsFromIssues,
  splitCost,
  validatePlan,
  type EvaluateMeta,
} from './evaluate.js';
import type { Plan, PlannedReplacement } from './plan.js';
import type { PlanningProblem, PlanningSupplier, PlanningTerminal } from './problem.js';

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

interface Candidate {
  readonly supplier: PlanningSupplier;
  readonly programId: string;
  readonly contract: number;
  readonly arrival: number;
  readonly inService: number;
  readonly retire: number;
  readonly cost: number;
  readonly federal: number;
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
  const P = problem.periods;
  const index = indexProblem(problem);
  const ledger = new BudgetLedger(index);
  const supplierUse = new Map<string, number>();
  const crewUse = new Map<string, Int32Array>();
  const fyOf = (p: number) => problem.calendar[p]?.fiscalYear ?? 0;
  const inService = new Map<string, Int32Array>();
  const onRails = new Map<string, Int32Array>();
  for (const t of problem.terminals) {
    const untrusted = t.groups.reduce((n, g) => n + g.craneIds.length, 0);
    inService.set(t.id, new Int32Array(P).fill(t.trustedCranes + untrusted));
    onRails.set(t.id, new Int32Array(P).fill(t.trustedCranes + untrusted));
  }
  const supplierKey = (s: string, cls: string, a: number) =>
    `${s}\u0000${cls}\u0000${quarterOf(a, problem.granularity)}`;
  const crewsOf = (region: string) => {
    let a = crewUse.get(region);
    if (!a) crewUse.set(region, (a = new Int32Array(P)));
    return a;
  };

  const replacements: PlannedReplacement[] = [];
  const commit = (t: PlanningTerminal, craneId: string, sizeClass: string, c: Candidate) => {
    const ins = inService.get(t.id)!;
    const rails = onRails.get(t.id)!;
    for (let p = c.retire; p < P; p++) ins[p]! -= 1;
    for (let p = c.inService; p < P; p++) ins[p]! += 1;
    for (let p = c.arrival; p < P; p++) rails[p]! += 1;
    for (let p = c.retire; p < P; p++) rails[p]! -= 1;
    const crews = crewsOf(t.region);
    for (let p = c.arrival; p < c.inService && p < P; p++) crews[p]! += 1;
    const k = supplierKey(c.supplier.id, sizeClass, c.arrival);
    supplierUse.set(k, (supplierUse.get(k) ?? 0) + 1);
    if (c.programId !== '') ledger.add(c.programId, fyOf(c.contract), c.federal);
    replacements.push({
      craneId,
      terminalId: t.id,
      sizeClass,
      supplierId: c.supplier.id,
      contractPeriod: c.contract,
      arrivalPeriod: c.arrival,
      inServicePeriod: c.inService,
      retirePeriod: c.retire,
      costCents: c.cost,
      ...(c.programId !== '' ? { programId: c.programId } : {}),
    });
  };

  // Decisions already made come first, as they are.
  const fixedIds = new Set<string>();
  for (const t of problem.terminals) {
    for (const g of t.groups) {
      for (const f of g.fixed ?? []) {
        const s = index.suppliers.get(f.supplierId);
        const offer = s?.offers.find((o) => o.sizeClass === g.sizeClass);
        if (!s || !offer) continue;
        const arrival = f.contractPeriod + s.leadTimePeriods;
        const inSvc = f.inServicePeriod ?? arrival + s.commissioningPeriods;
        const programId = t.fundingProgramIds[0] ?? '';
        fixedIds.add(f.craneId);
        commit(t, f.craneId, g.sizeClass, {
          supplier: s,
          programId,
          contract: f.contractPeriod,
          arrival,
          inService: inSvc,
          retire: f.retirePeriod ?? inSvc,
          cost: offer.unitCostCents,
          federal:
            programId === ''
              ? 0
              : splitCost(offer.unitCostCents, programLocalShare(index, programId)).federal,
        });
      }
    }
  }

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
