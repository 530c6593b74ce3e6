import { quarterOf } from './calendar.js';
import { BudgetLedger, indexProblem, payingPrograms, programLocalShare, splitCost } from './evaluate.js';
import type { PlannedReplacement } from './plan.js';
import type { PlanningProblem, PlanningSupplier, PlanningTerminal } from './problem.js';

export type BlockReason =
  | 'horizon'
  | 'blackout'
  | 'crews'
  | 'supplier-capacity'
  | 'rail-slots'
  | 'budget'
  | 'deadline'
  | 'no-supplier';

/** One crane's replacement as a constructive heuristic books it. */
export interface ReplacementSlot {
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
 * The resources a constructive heuristic (greedy, risk-first) books as it schedules cranes one by one: cranes in
 * service and on the rails per terminal and period, crews per region, supplier arrivals per quarter and class,
 * and federal money per program and fiscal year. Decisions already made are booked on creation.
 */
export function scheduleState(problem: PlanningProblem) {
  const P = problem.periods;
  const index = indexProblem(problem);
  const ledger = new BudgetLedger(index);
  const supplierUse = new Map<string, number>();
  const crewUse = new Map<string, Int32Array>();
  const fyOf = (p: number): number => problem.calendar[p]?.fiscalYear ?? 0;
  const inService = new Map<string, Int32Array>();
  const onRails = new Map<string, Int32Array>();
  for (const t of problem.terminals) {
    const untrusted = t.groups.reduce((n, g) => n + g.craneIds.length, 0);
    inService.set(t.id, new Int32Array(P).fill(t.trustedCranes + untrusted));
    onRails.set(t.id, new Int32Array(P).fill(t.trustedCranes + untrusted));
  }
  const supplierKey = (s: string, cls: string, a: number): string =>
    `${s}\u0000${cls}\u0000${quarterOf(a, problem.granularity)}`;
  const crewsOf = (region: string): Int32Array => {
    let a = crewUse.get(region);
    if (!a) crewUse.set(region, (a = new Int32Array(P)));
    return a;
  };

  /** Whether terminal t's floor holds in period p with one crane fewer in service than booked so far. */
  const floorAllowsOneLess = (t: PlanningTerminal, p: number): boolean => {
    const ins = inService.get(t.id)!;
    return (
      ins[p]! - 1 >= t.minCranesInService && (ins[p]! - 1) * t.teuPerCranePeriod + 1e-6 >= (t.demand[p] ?? 0)
    );
  };

  const replacements: PlannedReplacement[] = [];
  const commit = (t: PlanningTerminal, craneId: string, sizeClass: string, c: ReplacementSlot): void => {
    const ins = inService.get(t.id)!;
    const rails = onRails.get(t.id)!;
    for (let p = Math.max(0, c.retire); p < P; p++) ins[p]! -= 1;
    for (let p = Math.max(0, c.inService); p < P; p++) ins[p]! += 1;
    for (let p = Math.max(0, c.arrival); p < P; p++) rails[p]! += 1;
    for (let p = Math.max(0, c.retire); p < P; p++) rails[p]! -= 1;
    const crews = crewsOf(t.region);
    for (let p = Math.max(0, c.arrival); p < c.inService && p < P; p++) crews[p]! += 1;
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
        const arrival = f.arrivalPeriod ?? f.contractPeriod + s.leadTimePeriods;
        const inSvc = f.inServicePeriod ?? arrival + s.commissioningPeriods;
        const cost = f.costCents ?? offer.unitCostCents;
        const programId = t.fundingProgramIds[0] ?? '';
        // A fact's old crane not yet retired leaves as early as the floor allows, from arrival and today on.
        let retire = f.retirePeriod ?? inSvc;
        if (f.retirePeriod === undefined && f.arrivalPeriod !== undefined) {
          const from = Math.max(0, arrival, f.retireFrom ?? 0);
          while (retire - 1 >= from && floorAllowsOneLess(t, retire - 1)) retire--;
        }
        fixedIds.add(f.craneId);
        commit(t, f.craneId, g.sizeClass, {
          supplier: s,
          programId,
          contract: f.contractPeriod,
          arrival,
          inService: inSvc,
          retire,
          cost,
          federal: programId === '' ? 0 : splitCost(cost, programLocalShare(index, programId)).federal,
        });
      }
    }
  }

  const paying = new Map(problem.terminals.map((t) => [t.id, payingPrograms(index, t)]));

  const trustedOffers = (sizeClass: string) =>
    problem.suppliers
      .filter((s) => s.trusted)
      .flatMap((s) => {
        const offer = s.offers.find((o) => o.sizeClass === sizeClass);
        return offer ? [{ s, offer }] : [];
      });

  /**
   * The slot that puts one more crane of `sizeClass` at `t` in service earliest (then cheapest) within budget (paid
   * by the first of `payingPrograms` with money left), supplier capacity, crews, rail slots, blackouts and the
   * deadline, retiring the old crane as early as the floor allows but not before `retireFrom` (its replacement's
   * arrival, or its contract); with the reasons every other candidate was refused.
   */
  const earliestSlot = (
    t: PlanningTerminal,
    sizeClass: string,
    retireFrom: 'arrival' | 'contract',
    /** Only these suppliers (by id); default every trusted one. */
    only?: readonly string[],
  ): { readonly slot: ReplacementSlot | null; readonly blocked: Set<BlockReason> } => {
    const blackout = new Set(t.blackoutPeriods);
    const crews = crewsOf(t.region);
    const crewLimit = index.crewLimit.get(t.region) ?? Infinity;
    const rails = onRails.get(t.id)!;
    const suppliers =
      only === undefined
        ? trustedOffers(sizeClass)
        : trustedOffers(sizeClass).filter(({ s }) => only.includes(s.id));
    const blocked = new Set<BlockReason>();
    if (suppliers.length === 0) blocked.add('no-supplier');
    let best: ReplacementSlot | null = null;
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
        if (!bad && (supplierUse.get(supplierKey(s.id, sizeClass, a)) ?? 0) + 1 > offer.capacityPerQuarter)
          bad = 'supplier-capacity';
        let retire = inSvc;
        if (!bad) {
          const earliest = retireFrom === 'arrival' ? a : c;
          while (retire - 1 >= earliest && floorAllowsOneLess(t, retire - 1)) retire--;
          for (let p = a; p < retire && !bad; p++) if (rails[p]! + 1 > t.railSlots) bad = 'rail-slots';
          if (!bad && t.deadlinePeriod !== undefined && retire > t.deadlinePeriod) bad = 'deadline';
        }
        let programId = '';
        let federal = 0;
        if (!bad) {
          const found = (paying.get(t.id) ?? t.fundingProgramIds).find((pid) => {
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
    return { slot: best, blocked };
  };

  return { replacements, commit, fixedIds, trustedOffers, earliestSlot };
}
