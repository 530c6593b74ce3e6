import { assignPrograms } from '../evaluate.js';
import type { PlannedReplacement } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import { fixedDecisionTerms, type ModelIndex } from './build.js';

const at = (values: readonly number[], col: number | undefined): number =>
  col === undefined ? 0 : Math.round(values[col] ?? 0);

/**
 * Turns the staircase values of a solved model into one PlannedReplacement per replaced crane.
 * Within a group, the k-th contract (by contract period) replaces the k-th crane in the group's
 * risk order and that crane retires at the k-th retirement: R ≤ C in the model makes retire ≥ contract.
 */
export function readSchedule(
  problem: PlanningProblem,
  index: ModelIndex,
  values: readonly number[],
): PlannedReplacement[] {
  const T = problem.periods;
  const out: PlannedReplacement[] = [];
  const fyOf = (p: number): number => problem.calendar[Math.min(Math.max(p, 0), T - 1)]?.fiscalYear ?? 0;
  // Remaining federal-cost allocation per terminal, program and fiscal year, in cents, to name each crane's program.
  const allocation = new Map<string, number>();
  for (const f of index.funding) {
    allocation.set(`${f.terminalIndex}|${f.programId}|${f.fiscalYear}`, (values[f.column] ?? 0) * 1e8);
  }
  // Terminals with several programs: whole cranes per program and unit cost, as the model split them.
  const counts = new Map<string, { programId: string; left: number }[]>();
  for (const n of index.fundingCounts) {
    const key = `${n.terminalIndex}|${n.fiscalYear}|${n.unitCostCents}`;
    const list = counts.get(key) ?? [];
    list.push({ programId: n.programId, left: at(values, n.column) });
    counts.set(key, list);
  }

  for (const g of index.groups) {
    const events: {
      supplierId: string;
      contract: number;
      arrival: number;
      inService: number;
      cost: number;
      craneId?: string;
      retire?: number;
      retireFrom?: number;
    }[] = [];
    for (const f of g.group.fixed ?? []) {
      const sup = problem.suppliers.find((s) => s.id === f.supplierId);
      const { arrival, inService, costCents } = fixedDecisionTerms(f, sup, g.group.sizeClass);
      events.push({
        supplierId: f.supplierId,
        contract: f.contractPeriod,
        arrival,
        inService,
        cost: costCents,
        craneId: f.craneId,
        ...(f.retirePeriod !== undefined ? { retire: f.retirePeriod } : {}),
        ...(f.retirePeriod === undefined && f.retireFrom !== undefined ? { retireFrom: f.retireFrom } : {}),
      });
    }
    for (const c of g.contracts) {
      let prev = 0;
      for (let t = c.first; t <= c.last; t += c.step) {
        const cur = at(values, c.cols[(t - c.first) / c.step]);
        for (let k = prev; k < cur; k++) {
          const arrival = t + c.supplier.leadTimePeriods;
          events.push({
            supplierId: c.supplier.id,
            contract: t,
            arrival,
            inService: arrival + c.supplier.commissioningPeriods,
            cost: c.unitCostCents,
          });
        }
        prev = Math.max(prev, cur);
      }
    }
    // Stable: fixed decisions first within a period, then suppliers in problem order.
    events.sort((a, b) => a.contract - b.contract);

    // The model's retirements, less the fixed ones, go to the other cranes in the order they may leave: from their
    // contract, and a fact's old crane from its retireFrom (the model's rows leave enough of each by every period).
    const retirements: number[] = [];
    let prevR = 0;
    for (let t = 0; t < T; t++) {
      const cur = at(values, g.retireCols[t]);
      for (let k = prevR; k < cur; k++) retirements.push(t);
      prevR = Math.max(prevR, cur);
    }
    for (const e of events) {
      // A fixed retirement before the horizon is in R from its first period (as build.ts marks it).
      if (e.retire === undefined || e.retire >= T) continue;
      const i = retirements.indexOf(Math.max(0, e.retire));
      if (i >= 0) retirements.splice(i, 1);
    }
    const retireOf = new Map<(typeof events)[number], number>();
    events
      .filter((e) => e.retire === undefined)
      .map((e, order) => ({ e, order, from: Math.max(e.contract, e.retireFrom ?? -Infinity) }))
      .sort((a, b) => a.from - b.from || a.order - b.order)
      .forEach(({ e }, k) => {
        const t = retirements[k];
        if (t !== undefined) retireOf.set(e, t);
      });
    const fixedIds = new Set((g.group.fixed ?? []).map((f) => f.craneId));
    const freeIds = g.group.craneIds.filter((id) => !fixedIds.has(id));
    let nextFree = 0;
    events.forEach((e) => {
      const craneId = e.craneId ?? freeIds[nextFree++];
      if (craneId === undefined) return;
      const retire = e.retire ?? retireOf.get(e) ?? T - 1;
      const fy = fyOf(e.contract);
      const counted = counts.get(`${g.terminalIndex}|${fy}|${e.cost}`)?.find((c) => c.left > 0);
      if (counted !== undefined) counted.left--;
      // Otherwise best fit: the program whose remaining allocation covers the cost most tightly, else the largest.
      let programId: string | undefined = counted?.programId;
      let fit = Infinity;
      let largest = 0;
      let largestId: string | undefined;
      for (const p of counted === undefined ? g.terminal.fundingProgramIds : []) {
        const left = allocation.get(`${g.terminalIndex}|${p}|${fy}`) ?? 0;
        if (left >= e.cost - 100 && left < fit) {
          fit = left;
          programId = p;
        }
        if (left > largest) {
          largest = left;
          largestId = p;
        }
      }
      programId ??= largestId;
      if (programId !== undefined) {
        const key = `${g.terminalIndex}|${programId}|${fy}`;
        allocation.set(key, (allocation.get(key) ?? 0) - e.cost);
      }
      out.push({
        craneId,
        terminalId: g.terminal.id,
        sizeClass: g.group.sizeClass,
        supplierId: e.supplierId,
        contractPeriod: e.contract,
        arrivalPeriod: e.arrival,
        inServicePeriod: e.inService,
        retirePeriod: retire,
        costCents: e.cost,
        ...(programId !== undefined ? { programId } : {}),
      });
    });
  }
  return out;
}

/** Column values that reproduce a schedule in the model (a MIP start), or null if it does not fit the model. */
export function scheduleToValues(
  problem: PlanningProblem,
  index: ModelIndex,
  columnCount: number,
  replacements: readonly PlannedReplacement[],
): number[] | null {
  const T = problem.periods;
  const values = new Array<number>(columnCount).fill(0);
  const byCrane = new Map(replacements.map((r) => [r.craneId, r]));
  for (const g of index.groups) {
    const fixedIds = new Set((g.group.fixed ?? []).map((f) => f.craneId));
    const retireDelta = new Array<number>(T + 1).fill(0);
    for (const id of g.group.craneIds) {
      const r = byCrane.get(id);
      if (r === undefined) continue;
      retireDelta[Math.min(Math.max(r.retirePeriod, 0), T)]! += 1;
      if (fixedIds.has(id)) continue;
      const c = g.contracts.find((x) => x.supplier.id === r.supplierId);
      if (c === undefined || r.contractPeriod < c.first || r.contractPeriod > c.last) return null;
      if ((r.contractPeriod - c.first) % c.step !== 0) return null;
      for (let t = r.contractPeriod; t <= c.last; t += c.step) {
        const col = c.cols[(t - c.first) / c.step] as number;
        values[col] = (values[col] ?? 0) + 1;
      }
    }
    let cum = 0;
    for (let t = 0; t < T; t++) {
      cum += retireDelta[t] ?? 0;
      values[g.retireCols[t] as number] = cum;
    }
  }
  if (index.fundingCounts.length > 0) {
    // Whole cranes per program, as the evaluator assigns them (each crane's own program, else first fit).
    const column = new Map(
      index.fundingCounts.map((n) => [
        `${n.terminalIndex}|${n.programId}|${n.fiscalYear}|${n.unitCostCents}`,
        n.column,
      ]),
    );
    const counted = new Set(index.fundingCounts.map((n) => n.terminalIndex));
    const terminalIndex = new Map(problem.terminals.map((t, i) => [t.id, i]));
    const { programIds } = assignPrograms(problem, replacements);
    for (const [i, r] of replacements.entries()) {
      const ti = terminalIndex.get(r.terminalId);
      if (ti === undefined || !counted.has(ti)) continue;
      const fy = problem.calendar[Math.min(Math.max(r.contractPeriod, 0), T - 1)]?.fiscalYear ?? 0;
      // The model counts cranes per unit cost as the plan carries it: the offer's, a fact's own (fixedDecisionTerms).
      const col = column.get(`${ti}|${programIds[i] ?? ''}|${fy}|${r.costCents}`);
      if (col === undefined) {
        // Contracted before the horizon, or paid by a program the model does not fund: not in the counts.
        // Nor is a fact that costs nothing in a year with nothing else to pay.
        if (r.contractPeriod < 0 || r.costCents === 0) continue;
        return null;
      }
      values[col] = (values[col] ?? 0) + 1;
    }
  }
  return values;
}
