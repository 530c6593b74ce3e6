import type { PlannedReplacement } from '../planning/plan.js';
import type { FixedReplacement, PlanningProblem } from '../planning/problem.js';
import { DateMode, type CompiledPlan, type CompiledProblem, type PlanInput } from './compile.js';
import type { RunDraws } from './draws.js';
import type { RealizedDates } from './replay.js';

/**
 * A re-plan from a state. `clockBound`: the planner stopped on a wall-clock limit, so the same state may not give
 * the same plan again (the simulation counts these).
 */
export type ReplanResult = PlanInput & { readonly clockBound?: boolean };

/** Re-optimises from a state; injected so that core stays pure (the backend passes a heuristic or the planner). */
export type Replanner = (problemFromState: PlanningProblem) => ReplanResult;
export type AsyncReplanner = (problemFromState: PlanningProblem) => ReplanResult | Promise<ReplanResult>;

/**
 * The problem as it stands at `shock`, the way program tracking states it: replacements contracted before it are
 * recorded facts (FixedReplacement with its realised arrival, checked against itself, cost 0), their federal money
 * taken from their program's line of the contract's fiscal year and then the following ones; no new contract
 * before the shock; suppliers have lost capacity as drawn; budget lines whose cut is known by the shock are
 * reduced first; demand carries the run's drawn growth. A contract whose delivery falls beyond the horizon is
 * not a fact (its money is still taken); a re-plan of that crane is ignored by mergeReplan.
 */
export function problemFromState(
  cp: CompiledProblem,
  plan: CompiledPlan,
  dates: RealizedDates,
  d: RunDraws,
  shock: number,
): PlanningProblem {
  const problem = cp.problem;
  const P = cp.periods;
  const F = cp.fiscalYears.length;
  const fixedByCrane = new Map<string, FixedReplacement>();
  const signed = new Float64Array(cp.programIds.length * F);
  for (let i = 0; i < plan.count; i++) {
    const c = dates.contract[i]!;
    if (c >= shock) continue;
    if (c < P) signed[plan.program[i]! * F + cp.fyOfPeriod[c]!]! += plan.federal[i]!;
    const arrival = dates.arrival[i]!;
    if (arrival >= P) continue;
    const id = cp.craneIds[plan.crane[i]!]!;
    const inService = dates.inService[i]!;
    const retire = dates.retire[i]!;
    fixedByCrane.set(id, {
      craneId: id,
      supplierId: problem.suppliers[plan.supplier[i]!]!.id,
      contractPeriod: c,
      arrivalPeriod: arrival,
      costCents: 0,
      ...(inService < P ? { inServicePeriod: inService } : {}),
      ...(retire < P ? { retirePeriod: retire } : {}),
    });
  }
  const budgets = problem.budgets.map((b) => {
    const f = cp.fiscalYears.indexOf(b.fiscalYear);
    const cut = f >= 0 && d.cutKnown[f]! <= shock ? d.cutShare[f]! : 0;
    return cut > 0 ? { ...b, amountCents: Math.round(b.amountCents * (1 - cut)) } : { ...b };
  });
  cp.programIds.forEach((programId, g) => {
    let owed = 0;
    for (let f = 0; f < F; f++) {
      owed += signed[g * F + f]!;
      for (const b of budgets) {
        if (owed <= 0) break;
        if (b.programId !== programId || b.fiscalYear !== cp.fiscalYears[f]) continue;
        const take = Math.min(owed, b.amountCents);
        b.amountCents -= take;
        owed -= take;
      }
    }
  });
  return {
    ...problem,
    terminals: problem.terminals.map((t) => ({
      ...t,
      demand: t.demand.map((x, p) => x * (d.growth[p] ?? 1)),
      groups: t.groups.map((g) => {
        const fixed = g.craneIds.flatMap((id) => {
          const f = fixedByCrane.get(id);
          return f ? [f] : [];
        });
        const kept = (g.fixed ?? []).filter((f) => !fixedByCrane.has(f.craneId));
        return { ...g, fixed: [...kept, ...fixed] };
      }),
    })),
    suppliers: problem.suppliers.map((s, i) => {
      const lost = d.lossFrom[i]! <= shock ? d.lossShare[i]! : 0;
      return {
        ...s,
        earliestContractPeriod: Math.max(s.earliestContractPeriod, Math.min(shock, P - 1)),
        offers: s.offers.map((o) => ({
          ...o,
          capacityPerQuarter: Math.floor(o.capacityPerQuarter * (1 - lost)),
        })),
      };
    }),
    budgets,
  };
}

/**
 * The plan actually followed when re-planning at `shock`: what was contracted before it, as realised,
 * then the re-plan's replacements (which must not start before the shock).
 */
export function mergeReplan(
  cp: CompiledProblem,
  plan: CompiledPlan,
  dates: RealizedDates,
  shock: number,
  replanned: PlanInput,
): { readonly input: PlanInput; readonly modes: Uint8Array } {
  const problem = cp.problem;
  const replacements: PlannedReplacement[] = [];
  const done = new Set<string>();
  for (let i = 0; i < plan.count; i++) {
    const c = dates.contract[i]!;
    if (c >= shock) continue;
    const j = plan.crane[i]!;
    const id = cp.craneIds[j]!;
    done.add(id);
    replacements.push({
      craneId: id,
      terminalId: cp.terminalIds[cp.craneTerminal[j]!]!,
      sizeClass: '',
      supplierId: problem.suppliers[plan.supplier[i]!]!.id,
      contractPeriod: c,
      arrivalPeriod: dates.arrival[i]!,
      inServicePeriod: dates.inService[i]!,
      retirePeriod: dates.retire[i]!,
      costCents: plan.cost[i]!,
    });
  }
  const fixedCount = replacements.length;
  for (const r of replanned.replacements) {
    if (done.has(r.craneId) || r.contractPeriod < shock) continue;
    done.add(r.craneId);
    replacements.push(r);
  }
  const modes = new Uint8Array(replacements.length).fill(DateMode.replanned);
  modes.fill(DateMode.realized, 0, fixedCount);
  return { input: { name: plan.name, replacements }, modes };
}
