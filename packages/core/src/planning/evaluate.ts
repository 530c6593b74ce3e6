import { issue, type Issue } from '../shared/issue.js';
import { periodMonthLabel, quarterOf } from './calendar.js';
import type {
  FiscalYearSpend,
  InfeasibilityReason,
  Plan,
  PlannedReplacement,
  PlanStatus,
  TerminalPeriodCapacity,
} from './plan.js';
import {
  measureOfPlanningTerminal,
  untrustedCranes,
  type BudgetLine,
  type FixedReplacement,
  type PlanningProblem,
  type PlanningSupplier,
  type PlanningTerminal,
} from './problem.js';

/*
 * What a schedule means, period by period (periods are 0..problem.periods-1, see calendar.ts):
 * - contractPeriod c: the contract is signed in period c; its whole cost is committed in the fiscal year of c.
 * - arrivalPeriod a >= c + leadTimePeriods: the new crane is on the quay from the start of period a and
 *   occupies a rail slot from then on. Commissioning runs over periods [a, s).
 * - inServicePeriod s >= a + commissioningPeriods: the new crane works from the start of period s.
 * - retirePeriod r: the old crane works in periods < r and is off the rails from the start of period r.
 * An untrusted crane without a replacement stays in service (and on the rails) for the whole horizon.
 * Hard constraints, each checked by validatePlan:
 * - floor: in every period, cranes in service >= minCranesInService and cranes × teuPerCranePeriod >= demand
 *   (not checked when options.softFloor: shortfall is then priced in the objective);
 * - rail slots: cranes on the rails (trusted + old not yet retired + new arrived) <= railSlots;
 * - supplier capacity: arrivals per supplier, size class and quarter (quarterOf) <= capacityPerQuarter;
 * - budget: the federal share of contracts per program and fiscal year <= that year's line plus, when the
 *   line carries over, what was left the year before; the local share is paid by the terminal;
 * - crews: cranes in commissioning at once in a region <= simultaneousCommissionings (regions without a
 *   CrewRegion are not limited);
 * - blackout: no commissioning period [a, s) is a blackout period of the terminal;
 * - earliest contract: c >= supplier.earliestContractPeriod;
 * - deadline: if the terminal has one, every untrusted crane is replaced with r <= deadlinePeriod;
 * - supplier: trusted, offers the crane's size class, and costCents equals the offer's unitCostCents;
 * - each untrusted crane is replaced at most once, every period lies inside the horizon, fixed decisions hold;
 *   a fixed decision with an arrivalPeriod is a recorded fact, checked as FixedReplacement says.
 */

export interface EvaluateMeta {
  readonly name: string;
  readonly method: Plan['method'];
  readonly status?: PlanStatus;
  /** Defaults to planObjective of the evaluated schedule. */
  readonly objective?: number;
  readonly bound?: number | null;
  readonly solveSeconds?: number;
  readonly diagnostics?: readonly string[];
  readonly infeasibility?: Plan['infeasibility'];
}

interface CraneRef {
  readonly terminal: PlanningTerminal;
  readonly terminalIndex: number;
  readonly groupIndex: number;
  readonly sizeClass: string;
  readonly risk: number;
}

/** Lookups every evaluation needs; built once per problem. */
export interface ProblemIndex {
  readonly cranes: ReadonlyMap<string, CraneRef>;
  readonly suppliers: ReadonlyMap<string, PlanningSupplier>;
  readonly terminalIndex: ReadonlyMap<string, number>;
  /** programId -> fiscal year -> budget line */
  readonly budgets: ReadonlyMap<string, ReadonlyMap<number, BudgetLine>>;
  readonly crewLimit: ReadonlyMap<string, number>;
}

const indexCache = new WeakMap<PlanningProblem, ProblemIndex>();

export function indexProblem(problem: PlanningProblem): ProblemIndex {
  const cached = indexCache.get(problem);
  if (cached) return cached;
  const cranes = new Map<string, CraneRef>();
  const terminalIndex = new Map<string, number>();
  problem.terminals.forEach((terminal, ti) => {
    terminalIndex.set(terminal.id, ti);
    terminal.groups.forEach((g, gi) => {
      for (const id of g.craneIds)
        cranes.set(id, {
          terminal,
          terminalIndex: ti,
          groupIndex: gi,
          sizeClass: g.sizeClass,
          risk: g.riskPerCranePeriod,
        });
    });
  });
  const budgets = new Map<string, Map<number, BudgetLine>>();
  for (const line of problem.budgets) {
    let m = budgets.get(line.programId);
    if (!m) budgets.set(line.programId, (m = new Map()));
    const prev = m.get(line.fiscalYear);
    m.set(line.fiscalYear, prev ? { ...line, amountCents: prev.amountCents + line.amountCents } : line);
  }
  const index: ProblemIndex = {
    cranes,
    suppliers: new Map(problem.suppliers.map((s) => [s.id, s])),
    terminalIndex,
    budgets,
    crewLimit: new Map(problem.crewRegions.map((c) => [c.region, c.simultaneousCommissionings])),
  };
  indexCache.set(problem, index);
  return index;
}

/** Federal and local share of a cost under a program's local-share rule (federal rounded, local the rest). */
export function splitCost(costCents: number, localShare: number): { federal: number; local: number } {
  const federal = Math.round(costCents * (1 - localShare));
  return { federal, local: costCents - federal };
}

export function programLocalShare(index: ProblemIndex, programId: string): number {
  const lines = index.budgets.get(programId);
  if (!lines) return 0;
  for (const l of lines.values()) return l.localShare;
  return 0;
}

function programCarries(index: ProblemIndex, programId: string): boolean {
  const lines = index.budgets.get(programId);
  if (!lines) return false;
  for (const l of lines.values()) if (l.carryOver) return true;
  return false;
}

/**
 * The programs a terminal may draw on in the order a crane without a program is paid: those whose money lapses at the
 * end of the fiscal year first, so that money that carries over is kept for later; otherwise as listed. On the
 * generated 200-crane instance, a final plan's own contract order and suppliers booked again by the risk-first rule
 * come to 1,911.3 paying by the listed order (the federal program first) and 1,853.4 so (the plan: 1,794.9).
 */
export function payingPrograms(index: ProblemIndex, terminal: PlanningTerminal): readonly string[] {
  return [...terminal.fundingProgramIds].sort(
    (a, b) => Number(programCarries(index, a)) - Number(programCarries(index, b)),
  );
}

/**
 * Budget ledger of one program: money available and federal spend per fiscal year, with carry-over.
 * Used by evaluation, validation and the greedy baseline.
 */
export class BudgetLedger {
  private readonly spent = new Map<string, Map<number, number>>();
  constructor(private readonly index: ProblemIndex) {}

  spentIn(programId: string, fy: number): number {
    return this.spent.get(programId)?.get(fy) ?? 0;
  }

  add(programId: string, fy: number, federalCents: number): void {
    let m = this.spent.get(programId);
    if (!m) this.spent.set(programId, (m = new Map()));
    m.set(fy, (m.get(fy) ?? 0) + federalCents);
  }

  /** Fiscal years in order from the first line or spend to the last. */
  years(programId: string): number[] {
    const ys = [
      ...(this.index.budgets.get(programId)?.keys() ?? []),
      ...(this.spent.get(programId)?.keys() ?? []),
    ];
    if (ys.length === 0) return [];
    const lo = Math.min(...ys);
    const hi = Math.max(...ys);
    return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  }

  /** Available money per fiscal year (line + carry-in) given current spend. */
  available(programId: string): Map<number, number> {
    const lines = this.index.budgets.get(programId);
    const carries = programCarries(this.index, programId);
    const out = new Map<number, number>();
    let carry = 0;
    for (const fy of this.years(programId)) {
      const avail = (lines?.get(fy)?.amountCents ?? 0) + carry;
      out.set(fy, avail);
      carry = carries ? Math.max(0, avail - this.spentIn(programId, fy)) : 0;
    }
    return out;
  }

  /** Whether `federalCents` more can be committed in `fy` without overspending that or any later year. */
  canAdd(programId: string, fy: number, federalCents: number): boolean {
    if (!this.index.budgets.has(programId)) return federalCents <= 0;
    this.add(programId, fy, federalCents);
    const ok = this.overspends(programId).length === 0;
    this.add(programId, fy, -federalCents);
    return ok;
  }

  overspends(programId: string): { fiscalYear: number; spent: number; available: number }[] {
    const out: { fiscalYear: number; spent: number; available: number }[] = [];
    for (const [fy, avail] of this.available(programId)) {
      const spent = this.spentIn(programId, fy);
      if (spent > avail) out.push({ fiscalYear: fy, spent, available: avail });
    }
    return out;
  }

  programs(): string[] {
    return [...new Set([...this.index.budgets.keys(), ...this.spent.keys()])];
  }
}

/**
 * Chooses the program paying each replacement: its own programId, else the first of the terminal's programs in
 * `payingPrograms` order that can still afford it in the contract's fiscal year (else the first of them, or '' if
 * none).
 */
export function assignPrograms(
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
): { programIds: string[]; ledger: BudgetLedger } {
  const index = indexProblem(problem);
  const ledger = new BudgetLedger(index);
  const programIds: string[] = new Array<string>(replacements.length).fill('');
  const order = replacements
    .map((_, i) => i)
    .sort((x, y) => replacements[x]!.contractPeriod - replacements[y]!.contractPeriod);
  const fyOf = (p: number) =>
    problem.calendar[Math.min(Math.max(p, 0), problem.calendar.length - 1)]?.fiscalYear ?? 0;
  for (const pass of [true, false]) {
    for (const i of order) {
      const r = replacements[i]!;
      if ((r.programId !== undefined) !== pass) continue;
      const fy = fyOf(r.contractPeriod);
      let chosen = r.programId;
      if (chosen === undefined) {
        const terminal = index.cranes.get(r.craneId)?.terminal;
        const candidates = terminal !== undefined ? payingPrograms(index, terminal) : [];
        chosen =
          candidates.find((p) =>
            ledger.canAdd(p, fy, splitCost(r.costCents, programLocalShare(index, p)).federal),
          ) ??
          candidates[0] ??
          '';
      }
      programIds[i] = chosen;
      if (chosen !== '')
        ledger.add(chosen, fy, splitCost(r.costCents, programLocalShare(index, chosen)).federal);
    }
  }
  return { programIds, ledger };
}

interface TerminalState {
  readonly inService: Int32Array;
  readonly untrustedInService: Int32Array;
  readonly onRails: Int32Array;
}

function terminalStates(
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
): TerminalState[] {
  const P = problem.periods;
  const index = indexProblem(problem);
  const retiredDelta = problem.terminals.map(() => new Int32Array(P + 1));
  const newDelta = problem.terminals.map(() => new Int32Array(P + 1));
  const arrivedDelta = problem.terminals.map(() => new Int32Array(P + 1));
  const clamp = (p: number) => Math.min(Math.max(p, 0), P);
  const seen = new Set<string>();
  for (const r of replacements) {
    const ti = index.terminalIndex.get(r.terminalId) ?? index.cranes.get(r.craneId)?.terminalIndex;
    if (ti === undefined || seen.has(r.craneId)) continue;
    seen.add(r.craneId);
    retiredDelta[ti]![clamp(r.retirePeriod)]! += 1;
    newDelta[ti]![clamp(r.inServicePeriod)]! += 1;
    arrivedDelta[ti]![clamp(r.arrivalPeriod)]! += 1;
  }
  return problem.terminals.map((t, ti) => {
    const untrusted = t.groups.reduce((n, g) => n + g.craneIds.length, 0);
    const inService = new Int32Array(P);
    const untrustedInService = new Int32Array(P);
    const onRails = new Int32Array(P);
    let retired = 0;
    let added = 0;
    let arrived = 0;
    for (let p = 0; p < P; p++) {
      retired += retiredDelta[ti]![p]!;
      added += newDelta[ti]![p]!;
      arrived += arrivedDelta[ti]![p]!;
      untrustedInService[p] = untrusted - retired;
      inService[p] = t.trustedCranes + untrusted - retired + added;
      onRails[p] = t.trustedCranes + untrusted - retired + arrived;
    }
    return { inService, untrustedInService, onRails };
  });
}

/** A schedule's risk exposure: the remaining risk summed over the periods (riskByPeriodOf). */
export const riskExposureOf = (
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
): number => riskByPeriodOf(problem, replacements).reduce((a, b) => a + b, 0);

/** Remaining risk per period: Σ risk of untrusted cranes not yet retired. */
export function riskByPeriodOf(
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
): number[] {
  const P = problem.periods;
  const index = indexProblem(problem);
  const delta = new Float64Array(P + 1);
  let total = 0;
  for (const t of problem.terminals)
    for (const g of t.groups) total += g.riskPerCranePeriod * g.craneIds.length;
  const seen = new Set<string>();
  for (const r of replacements) {
    const ref = index.cranes.get(r.craneId);
    if (!ref || seen.has(r.craneId)) continue;
    seen.add(r.craneId);
    delta[Math.min(Math.max(r.retirePeriod, 0), P)]! += ref.risk;
  }
  const out: number[] = [];
  let removed = 0;
  for (let p = 0; p < P; p++) {
    removed += delta[p]!;
    out.push(Math.max(0, total - removed));
  }
  return out;
}

/** The objective every method is compared on: risk exposure, plus priced shortfall in soft-floor mode. */
export function planObjective(
  problem: PlanningProblem,
  riskExposure: number,
  totalShortfallTeu: number,
): number {
  return (
    riskExposure +
    (problem.options.softFloor ? problem.options.shortfallPenaltyPerTeu * totalShortfallTeu : 0)
  );
}

/**
 * A schedule's planObjective without the rest of its Plan where it can: the risk exposure alone with a hard floor,
 * the whole evaluation only when a soft floor's shortfall has to be priced.
 */
export function scheduleObjective(problem: PlanningProblem, schedule: readonly PlannedReplacement[]): number {
  return problem.options.softFloor
    ? evaluateSchedule(problem, schedule, { name: 'objective', method: 'milp' }).objective
    : riskExposureOf(problem, schedule);
}

/** Turns a schedule into a Plan: capacity vs demand, spend per fiscal year and program, risk burn-down. */
export function evaluateSchedule(
  problem: PlanningProblem,
  replacements: readonly PlannedReplacement[],
  meta: EvaluateMeta,
): Plan {
  const { programIds, ledger } = assignPrograms(problem, replacements);
  const withPrograms = replacements.map((r, i) =>
    r.programId === undefined && programIds[i] !== '' ? { ...r, programId: programIds[i]! } : r,
  );
  const states = terminalStates(problem, withPrograms);
  const capacityRows: TerminalPeriodCapacity[] = [];
  let totalShortfall = 0;
  problem.terminals.forEach((t, ti) => {
    const st = states[ti]!;
    const measure = measureOfPlanningTerminal(t.id);
    for (let p = 0; p < problem.periods; p++) {
      const capacity = st.inService[p]! * t.teuPerCranePeriod;
      const demand = t.demand[p] ?? 0;
      const shortfall = Math.max(0, demand - capacity);
      totalShortfall += shortfall;
      capacityRows.push({
        terminalId: t.id,
        period: p,
        measure,
        cranesInService: st.inService[p]!,
        untrustedInService: st.untrustedInService[p]!,
        capacity,
        demand,
        shortfall,
      });
    }
  });

  const index = indexProblem(problem);
  const fyOf = (p: number) =>
    problem.calendar[Math.min(Math.max(p, 0), problem.calendar.length - 1)]?.fiscalYear ?? 0;
  const local = new Map<string, number>();
  withPrograms.forEach((r) => {
    if (r.programId === undefined) return;
    const key = `${r.programId}\u0000${fyOf(r.contractPeriod)}`;
    local.set(
      key,
      (local.get(key) ?? 0) + splitCost(r.costCents, programLocalShare(index, r.programId)).local,
    );
  });
  const spend: FiscalYearSpend[] = [];
  for (const programId of ledger.programs().sort()) {
    const avail = ledger.available(programId);
    for (const fy of ledger.years(programId)) {
      spend.push({
        programId,
        fiscalYear: fy,
        federalCents: ledger.spentIn(programId, fy),
        localCents: local.get(`${programId}\u0000${fy}`) ?? 0,
        availableCents: avail.get(fy) ?? 0,
      });
    }
  }

  const riskByPeriod = riskByPeriodOf(problem, withPrograms);
  const riskExposure = riskByPeriod.reduce((a, b) => a + b, 0);
  const untrustedTotal = untrustedCranes(problem.terminals);
  const replaced = new Set(withPrograms.map((r) => r.craneId));
  const completionPeriod =
    untrustedTotal === 0
      ? 0
      : replaced.size >= untrustedTotal && [...index.cranes.keys()].every((id) => replaced.has(id))
        ? Math.max(...withPrograms.map((r) => r.retirePeriod))
        : null;
  const objective = meta.objective ?? planObjective(problem, riskExposure, totalShortfall);
  const bound = meta.bound ?? null;
  const gap = bound === null ? null : Math.max(0, (objective - bound) / Math.max(Math.abs(objective), 1e-9));
  const plan: Plan = {
    name: meta.name,
    method: meta.method,
    status: meta.status ?? 'feasible',
    objective,
    bound,
    gap,
    solveSeconds: meta.solveSeconds ?? 0,
    riskExposure,
    totalCostCents: withPrograms.reduce((a, r) => a + r.costCents, 0),
    replacements: withPrograms,
    capacity: capacityRows,
    spend,
    riskByPeriod,
    completionPeriod,
    diagnostics: meta.diagnostics ?? [],
  };
  return meta.infeasibility ? { ...plan, infeasibility: meta.infeasibility } : plan;
}

const path = (i: number, field?: string): (string | number)[] =>
  field === undefined ? ['replacements', i] : ['replacements', i, field];

/**
 * Every hard constraint of the problem checked against a plan's replacements (recomputed, not read from the
 * plan's derived fields). An empty list means the plan is valid. Issue codes are `plan/<rule>`.
 */
export function validatePlan(problem: PlanningProblem, plan: Pick<Plan, 'replacements'>): Issue[] {
  const issues: Issue[] = [];
  const index = indexProblem(problem);
  const P = problem.periods;
  const reps = plan.replacements;
  const inHorizon = (p: number) => Number.isInteger(p) && p >= 0 && p < P;
  const when = (p: number) =>
    inHorizon(p)
      ? `period ${p} (${periodMonthLabel(problem.startMonth, problem.granularity, p)})`
      : `period ${p}`;

  // Recorded facts are checked against themselves (below), not against their supplier's terms.
  const facts = new Map<string, FixedReplacement>();
  for (const t of problem.terminals)
    for (const g of t.groups)
      for (const f of g.fixed ?? []) if (f.arrivalPeriod !== undefined) facts.set(f.craneId, f);
  const isFact = (r: PlannedReplacement) => facts.get(r.craneId)?.supplierId === r.supplierId;

  const seen = new Map<string, number>();
  reps.forEach((r, i) => {
    const ref = index.cranes.get(r.craneId);
    if (!ref) {
      issues.push(
        issue(
          'plan/unknown-crane',
          path(i, 'craneId'),
          `crane ${r.craneId} is not an untrusted crane of the problem`,
        ),
      );
      return;
    }
    const first = seen.get(r.craneId);
    if (first !== undefined) {
      issues.push(
        issue(
          'plan/duplicate',
          path(i, 'craneId'),
          `crane ${r.craneId} is replaced twice (also replacements.${first})`,
        ),
      );
    } else seen.set(r.craneId, i);
    if (r.terminalId !== ref.terminal.id)
      issues.push(
        issue(
          'plan/terminal',
          path(i, 'terminalId'),
          `crane ${r.craneId} belongs to ${ref.terminal.id}, not ${r.terminalId}`,
        ),
      );
    if (r.sizeClass !== ref.sizeClass)
      issues.push(
        issue(
          'plan/size-class',
          path(i, 'sizeClass'),
          `crane ${r.craneId} is ${ref.sizeClass}, not ${r.sizeClass}`,
        ),
      );
    for (const f of ['contractPeriod', 'arrivalPeriod', 'inServicePeriod', 'retirePeriod'] as const) {
      if (!inHorizon(r[f]))
        issues.push(issue('plan/horizon', path(i, f), `${f} ${r[f]} is outside periods 0..${P - 1}`));
    }
    const s = index.suppliers.get(r.supplierId);
    const offer = s?.offers.find((o) => o.sizeClass === ref.sizeClass);
    if (!s || !s.trusted || !offer) {
      issues.push(
        issue(
          'plan/supplier',
          path(i, 'supplierId'),
          !s
            ? `unknown supplier ${r.supplierId}`
            : !s.trusted
              ? `supplier ${s.id} is not trusted`
              : `supplier ${s.id} offers no ${ref.sizeClass} crane`,
        ),
      );
    } else if (!isFact(r)) {
      if (r.costCents !== offer.unitCostCents)
        issues.push(
          issue(
            'plan/cost',
            path(i, 'costCents'),
            `cost ${r.costCents} differs from ${s.id}'s ${offer.unitCostCents} for ${ref.sizeClass}`,
          ),
        );
      if (r.contractPeriod < s.earliestContractPeriod)
        issues.push(
          issue(
            'plan/earliest-contract',
            path(i, 'contractPeriod'),
            `contract in ${when(r.contractPeriod)} is before ${s.id}'s earliest, ${when(s.earliestContractPeriod)}`,
          ),
        );
      if (r.arrivalPeriod < r.contractPeriod + s.leadTimePeriods)
        issues.push(
          issue(
            'plan/lead-time',
            path(i, 'arrivalPeriod'),
            `arrival ${r.arrivalPeriod} is earlier than contract ${r.contractPeriod} + lead time ${s.leadTimePeriods}`,
          ),
        );
      if (r.inServicePeriod < r.arrivalPeriod + s.commissioningPeriods)
        issues.push(
          issue(
            'plan/lead-time',
            path(i, 'inServicePeriod'),
            `in service ${r.inServicePeriod} is earlier than arrival ${r.arrivalPeriod} + commissioning ${s.commissioningPeriods}`,
          ),
        );
    }
    const t = ref.terminal;
    if (t.deadlinePeriod !== undefined && r.retirePeriod > t.deadlinePeriod)
      issues.push(
        issue(
          'plan/deadline',
          path(i, 'retirePeriod'),
          `crane ${r.craneId} retires in ${when(r.retirePeriod)}, after ${t.id}'s deadline, ${when(t.deadlinePeriod)}`,
        ),
      );
    const blackout = new Set(isFact(r) ? [] : t.blackoutPeriods);
    for (let p = r.arrivalPeriod; p < r.inServicePeriod; p++) {
      if (blackout.has(p)) {
        issues.push(
          issue(
            'plan/blackout',
            path(i, 'arrivalPeriod'),
            `crane ${r.craneId} is commissioned in a blackout period of ${t.id}: ${when(p)}`,
          ),
        );
        break;
      }
    }
  });

  // Deadlines and fixed decisions are about cranes, replaced or not.
  problem.terminals.forEach((t, ti) => {
    t.groups.forEach((g, gi) => {
      for (const id of g.craneIds) {
        if (t.deadlinePeriod !== undefined && !seen.has(id))
          issues.push(
            issue(
              'plan/deadline',
              ['terminals', ti, 'groups', gi, id],
              `crane ${id} of ${t.id} is not replaced by the deadline, ${when(t.deadlinePeriod)}`,
            ),
          );
      }
      for (const f of g.fixed ?? []) {
        const i = seen.get(f.craneId);
        const r = i === undefined ? undefined : reps[i];
        const where = ['terminals', ti, 'groups', gi, 'fixed', f.craneId];
        if (!r) issues.push(issue('plan/fixed', where, `fixed replacement of ${f.craneId} is missing`));
        else if (
          r.supplierId !== f.supplierId ||
          r.contractPeriod !== f.contractPeriod ||
          (f.inServicePeriod !== undefined && r.inServicePeriod !== f.inServicePeriod) ||
          (f.retirePeriod !== undefined && r.retirePeriod !== f.retirePeriod) ||
          (f.arrivalPeriod !== undefined && r.arrivalPeriod !== f.arrivalPeriod) ||
          (f.costCents !== undefined && r.costCents !== f.costCents) ||
          (f.retireFrom !== undefined && f.retirePeriod === undefined && r.retirePeriod < f.retireFrom)
        )
          issues.push(
            issue('plan/fixed', where, `replacement of ${f.craneId} differs from the decision already made`),
          );
      }
    });
  });

  // Floor and rail slots per terminal and period.
  const states = terminalStates(problem, reps);
  problem.terminals.forEach((t, ti) => {
    const st = states[ti]!;
    let floorReported = 0;
    let railReported = 0;
    for (let p = 0; p < P; p++) {
      const cap = st.inService[p]! * t.teuPerCranePeriod;
      const demand = t.demand[p] ?? 0;
      if (!problem.options.softFloor && floorReported < 3) {
        if (cap + 1e-6 < demand) {
          floorReported++;
          issues.push(
            issue(
              'plan/floor',
              ['terminals', ti, 'demand', p],
              `${t.id} ${when(p)}: capacity ${Math.round(cap)} TEU < demand ${Math.round(demand)} TEU (${st.inService[p]} cranes)`,
            ),
          );
        } else if (st.inService[p]! < t.minCranesInService) {
          floorReported++;
          issues.push(
            issue(
              'plan/floor',
              ['terminals', ti, 'minCranesInService', p],
              `${t.id} ${when(p)}: ${st.inService[p]} cranes in service < minimum ${t.minCranesInService}`,
            ),
          );
        }
      }
      if (st.onRails[p]! > t.railSlots && railReported < 3) {
        railReported++;
        issues.push(
          issue(
            'plan/rail-slots',
            ['terminals', ti, 'railSlots', p],
            `${t.id} ${when(p)}: ${st.onRails[p]} cranes on the rails > ${t.railSlots} slots`,
          ),
        );
      }
    }
  });

  // Supplier capacity per quarter and class, counted at arrival (facts count; alone they break nothing).
  const arrivals = new Map<string, number>();
  const factArrivals = new Map<string, number>();
  for (const r of reps) {
    const ref = index.cranes.get(r.craneId);
    if (!ref) continue;
    const key = `${r.supplierId}\u0000${ref.sizeClass}\u0000${quarterOf(r.arrivalPeriod, problem.granularity)}`;
    arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
    if (isFact(r)) factArrivals.set(key, (factArrivals.get(key) ?? 0) + 1);
  }
  for (const [key, n] of arrivals) {
    const [supplierId, sizeClass, q] = key.split('\u0000') as [string, string, string];
    const cap = index.suppliers
      .get(supplierId)
      ?.offers.find((o) => o.sizeClass === sizeClass)?.capacityPerQuarter;
    if (cap !== undefined && n > Math.max(cap, factArrivals.get(key) ?? 0))
      issues.push(
        issue(
          'plan/supplier-capacity',
          ['suppliers', supplierId, sizeClass, Number(q)],
          `${supplierId} delivers ${n} ${sizeClass} cranes in quarter ${q}, capacity ${cap}`,
        ),
      );
  }

  // Crews: cranes in commissioning at once per region. Facts count, but alone they break nothing: the past,
  // and commissioning already under way, are what happened.
  const crewUse = new Map<string, Int32Array>();
  const factCrewUse = new Map<string, Int32Array>();
  const addCrew = (use: Map<string, Int32Array>, region: string, r: PlannedReplacement) => {
    let arr = use.get(region);
    if (!arr) use.set(region, (arr = new Int32Array(P + 1)));
    arr[Math.min(Math.max(r.arrivalPeriod, 0), P)]! += 1;
    arr[Math.min(Math.max(r.inServicePeriod, 0), P)]! -= 1;
  };
  for (const r of reps) {
    const ref = index.cranes.get(r.craneId);
    if (!ref || !index.crewLimit.has(ref.terminal.region)) continue;
    addCrew(crewUse, ref.terminal.region, r);
    if (isFact(r)) addCrew(factCrewUse, ref.terminal.region, r);
  }
  for (const [region, delta] of crewUse) {
    const limit = index.crewLimit.get(region)!;
    const factDelta = factCrewUse.get(region);
    let n = 0;
    let busy = 0;
    for (let p = 0; p < P; p++) {
      n += delta[p]!;
      busy += factDelta?.[p] ?? 0;
      if (n > Math.max(limit, busy)) {
        issues.push(
          issue(
            'plan/crews',
            ['crewRegions', region, p],
            `region ${region} ${when(p)}: ${n} cranes in commissioning > ${limit} crews`,
          ),
        );
        break;
      }
    }
  }

  // Budget per program and fiscal year, with carry-over.
  const { programIds, ledger } = assignPrograms(problem, reps);
  reps.forEach((r, i) => {
    const ref = index.cranes.get(r.craneId);
    const pid = programIds[i]!;
    if (!ref) return;
    if (pid === '' || !index.budgets.has(pid))
      issues.push(
        issue(
          'plan/budget',
          path(i, 'programId'),
          `no funding program for ${r.craneId} (${pid === '' ? 'the terminal has none' : `unknown program ${pid}`})`,
        ),
      );
    else if (!ref.terminal.fundingProgramIds.includes(pid))
      issues.push(
        issue('plan/budget', path(i, 'programId'), `${ref.terminal.id} may not draw on program ${pid}`),
      );
  });
  for (const programId of ledger.programs()) {
    for (const o of ledger.overspends(programId))
      issues.push(
        issue(
          'plan/budget',
          ['budgets', programId, o.fiscalYear],
          `program ${programId} FY${o.fiscalYear}: federal spend ${o.spent} cents > available ${o.available} cents`,
        ),
      );
  }
  return issues;
}

/** Maps validation issues to the plan's infeasibility reasons. */
export function reasonsFromIssues(issues: readonly Issue[]): InfeasibilityReason[] {
  const kindOf: Record<string, InfeasibilityReason['kind']> = {
    'plan/floor': 'capacity-floor',
    'plan/budget': 'budget',
    'plan/supplier-capacity': 'supplier-capacity',
    'plan/deadline': 'deadline',
    'plan/rail-slots': 'rail-slots',
    'plan/crews': 'crews',
  };
  return issues.flatMap((i) => {
    const kind = kindOf[i.code];
    return kind ? [{ kind, message: i.message }] : [];
  });
}
