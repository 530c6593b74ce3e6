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
 * The problem as it stands at `shock`: replacements contracted before it are fixed with their realised
 * dates; suppliers cannot be contracted before it and have lost capacity as drawn; budget lines whose cut is
 * known by the shock are reduced (never below what was already signed in them); demand carries the run's
 * drawn growth.
 */
export function problemFromState(
  cp: CompiledProblem,
  plan: CompiledPlan,
  dates: RealizedDates,
  d: RunDraws,
  shock: number,
): PlanningProblem {
  const problem = cp.problem;
  const fixedByCrane = new Map<string, FixedReplacement>();
  for (let i = 0; i < plan.count; i++) {
    const c = dates.contract[i]!;
    if (c >= shock) continue;
    const id = cp.craneIds[plan.crane[i]!]!;
    const inService = dates.inService[i]!;
    const retire = dates.retire[i]!;
    fixedByCrane.set(id, {
      craneId: id,
      supplierId: problem.suppliers[plan.supplier[i]!]!.id,
      contractPeriod: c,
      ...(inService < cp.periods ? { inServicePeriod: inService } : {}),
      ...(retire < cp.periods ? { retirePeriod: retire } : {}),
    });
  }
  const P = cp.periods;
  const committed = new Float64Array(cp.programIds.length * cp.fiscalYears.length);
  for (let i = 0; i < plan.count; i++) {
    const c = dates.contract[i]!;
    if (c < shock && c < P)
      committed[plan.program[i]! * cp.fiscalYears.length + cp.fyOfPeriod[c]!]! += plan.federal[i]!;
  }
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
    budgets: problem.budgets.map((b) => {
      const f = cp.fiscalYears.indexOf(b.fiscalYear);
      const g = cp.programIds.indexOf(b.programId);
      if (f < 0 || g < 0 || d.cutKnown[f]! > shock || !(d.cutShare[f]! > 0)) return b;
      const F = cp.fiscalYears.length;
      const total = cp.budget[g * F + f]!;
      // Contracts signed before the cut was known stand: the line is never cut below them.
      const kept = Math.max((1 - d.cutShare[f]!) * total, committed[g * F + f]!);
      return { ...b, amountCents: Math.round(b.amountCents * (total > 0 ? kept / total : 1)) };
    }),
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
