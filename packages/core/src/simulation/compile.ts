import { assignPrograms } from '../planning/evaluate.js';
import type { PlannedReplacement } from '../planning/plan.js';
import { kindOfPlanningTerminal, type PlanningProblem } from '../planning/problem.js';
import { issue, type Issue, type Result, fail, ok } from '../shared/issue.js';
import type { Hazard, Scenario, SupplierSelector, When } from './scenario.js';

/** A plan as the simulator needs it: a name and its replacements (a full `Plan` fits). */
export interface PlanInput {
  readonly name: string;
  readonly replacements: readonly PlannedReplacement[];
}

/** A period index that means "not within the horizon". */
export const NEVER = 1 << 29;

interface CompiledRange {
  readonly probability: number;
  readonly min: number;
  readonly mode: number;
  readonly max: number;
}

export type CompiledHazard =
  | { readonly kind: 'constant'; readonly perPeriod: number }
  | { readonly kind: 'window'; readonly from: number; readonly to: number; readonly probability: number }
  | { readonly kind: 'with'; readonly event: number };

export interface CompiledScenario {
  readonly name: string;
  readonly lead: { readonly minFactor: number; readonly maxFactor: number } | null;
  readonly ship: CompiledRange | null;
  readonly slips: readonly { readonly mask: Uint8Array; readonly range: CompiledRange }[];
  readonly commissioning: {
    readonly useSupplierRange: boolean;
    readonly maxFactor: number;
    readonly slip: CompiledRange | null;
  } | null;
  readonly funding: readonly {
    readonly fy: number;
    readonly share: number;
    readonly prorate: boolean;
    readonly probability: number;
    /** Periods after the fiscal year's start at which the cut becomes known. */
    readonly known: CompiledRange;
  }[];
  readonly growth: { readonly min: number; readonly mode: number; readonly max: number } | null;
  readonly losses: readonly {
    readonly mask: Uint8Array;
    readonly share: number;
    readonly from: number;
    readonly probability: number;
  }[];
  /** The hazard of each adversary event, in scenario order; disable and cutoff refer to them by index. */
  readonly adversaryHazards: readonly CompiledHazard[];
  readonly disable: readonly {
    readonly event: number;
    readonly share: number;
    readonly duration: CompiledRange;
  }[];
  readonly cutoff: readonly { readonly event: number; readonly failPerPeriod: number }[];
}

/** The problem flattened into typed arrays, plus the scenario converted to periods. Built once per simulation. */
export interface CompiledProblem {
  readonly problem: PlanningProblem;
  readonly periods: number;
  readonly periodsPerMonth: number;
  readonly periodsPerYear: number;
  readonly weeksPerPeriod: number;
  readonly terminalIds: readonly string[];
  readonly teuPerCrane: Float64Array;
  readonly trusted: Int32Array;
  readonly untrusted0: Int32Array;
  readonly risk0: Float64Array;
  /** demand[t * periods + p] */
  readonly demand: Float64Array;
  readonly craneIds: readonly string[];
  readonly craneIndex: ReadonlyMap<string, number>;
  readonly craneTerminal: Int32Array;
  readonly craneRisk: Float64Array;
  readonly supplierIndex: ReadonlyMap<string, number>;
  readonly leadMin: Float64Array;
  readonly leadMode: Float64Array;
  readonly leadMax: Float64Array;
  readonly commMin: Float64Array;
  readonly commMode: Float64Array;
  readonly commMax: Float64Array;
  readonly fiscalYears: readonly number[];
  readonly fyOfPeriod: Int32Array;
  readonly fyFirstPeriod: Int32Array;
  /** Period at which each fiscal year begins (1 October; negative when before the plan's start). */
  readonly fyStartPeriod: Int32Array;
  /** Funding programs of the budget lines, then '' for replacements no program pays. */
  readonly programIds: readonly string[];
  readonly programCarries: Uint8Array;
  readonly programLocalShare: Float64Array;
  /** budget[g * F + f]: federal money of program g in fiscal year f (NaN when it has no line that year). */
  readonly budget: Float64Array;
  /** blackout[t * P + p] = 1 when terminal t may not commission in period p. */
  readonly blackout: Uint8Array;
  readonly railSlots: Int32Array;
  /** Crew region of each terminal (index into crewLimit), -1 when its region has no crew limit. */
  readonly terminalRegion: Int32Array;
  readonly crewLimit: Int32Array;
  readonly scenario: CompiledScenario;
}

function monthPeriod(problem: PlanningProblem, month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const key = y * 12 + (m - 1);
  for (const c of problem.calendar) if (c.year * 12 + c.month0 >= key) return c.index;
  return NEVER;
}

function whenPeriod(problem: PlanningProblem, when: When, periodsPerMonth: number): number {
  return 'month' in when ? monthPeriod(problem, when.month) : Math.round(when.afterMonths * periodsPerMonth);
}

function supplierMask(
  problem: PlanningProblem,
  sel: SupplierSelector,
  path: (string | number)[],
  issues: Issue[],
): Uint8Array {
  const mask = new Uint8Array(problem.suppliers.length);
  problem.suppliers.forEach((s, i) => {
    if (sel === 'all' || (sel === 'trusted' && s.trusted) || (sel === 'untrusted' && !s.trusted)) mask[i] = 1;
    else if (Array.isArray(sel) && sel.includes(s.id)) mask[i] = 1;
  });
  if (Array.isArray(sel)) {
    for (const id of sel)
      if (!problem.suppliers.some((s) => s.id === id))
        issues.push(
          issue(
            'simulation/unknown-supplier',
            path,
            `supplier '${id}' is not in the problem (known: ${problem.suppliers.map((s) => s.id).join(', ')})`,
          ),
        );
  }
  return mask;
}

function compileScenario(
  problem: PlanningProblem,
  s: Scenario,
  ppm: number,
  fiscalYears: readonly number[],
  issues: Issue[],
): CompiledScenario {
  const months = (r: { min: number; mode: number; max: number }, probability = 1): CompiledRange => ({
    probability,
    min: r.min * ppm,
    mode: r.mode * ppm,
    max: r.max * ppm,
  });
  const hazard = (h: Hazard): CompiledHazard => {
    switch (h.kind) {
      case 'constant':
        return { kind: 'constant', perPeriod: 1 - Math.pow(1 - h.annualProbability, 1 / (12 * ppm)) };
      case 'window':
        return {
          kind: 'window',
          from: monthPeriod(problem, h.from),
          to: Math.min(monthPeriod(problem, nextMonth(h.to)), NEVER) - 1,
          probability: h.probability,
        };
      case 'with':
        return {
          kind: 'with',
          event: Math.max(
            0,
            s.adversary.findIndex((a) => a.name === h.event),
          ),
        };
    }
  };
  const funding = s.fundingShocks.map((f, i) => {
    const year = f.fiscalYear ?? (fiscalYears[0] ?? 0) + (f.planYear ?? 1) - 1;
    const fy = fiscalYears.indexOf(year);
    if (fy < 0)
      issues.push(
        issue(
          'simulation/fiscal-year',
          ['fundingShocks', i],
          `fiscal year ${year} is outside the plan's horizon (${fiscalYears[0]}–${fiscalYears.at(-1)})`,
        ),
      );
    return {
      fy,
      share: f.share,
      prorate: f.mode === 'prorate',
      probability: f.probability,
      known: months(f.knownAfterMonths),
    };
  });
  return {
    name: s.name,
    lead: s.leadTimes
      ? { minFactor: s.leadTimes.fallbackMinFactor, maxFactor: s.leadTimes.fallbackMaxFactor }
      : null,
    ship: s.shippingDelay ? months(s.shippingDelay.months, s.shippingDelay.probability) : null,
    slips: s.supplierSlips.map((sl, i) => ({
      mask: supplierMask(problem, sl.suppliers, ['supplierSlips', i, 'suppliers'], issues),
      range: months(sl.months, sl.probability),
    })),
    commissioning: s.commissioning
      ? {
          useSupplierRange: s.commissioning.useSupplierRange,
          maxFactor: s.commissioning.fallbackMaxFactor,
          slip: s.commissioning.slip
            ? months(s.commissioning.slip.months, s.commissioning.slip.probability)
            : null,
        }
      : null,
    funding: funding.filter((f) => f.fy >= 0),
    growth: s.demandGrowth ?? null,
    losses: s.supplierLosses.map((l, i) => ({
      mask: supplierMask(problem, l.suppliers, ['supplierLosses', i, 'suppliers'], issues),
      share: l.share,
      from: whenPeriod(problem, l.from, ppm),
      probability: l.probability,
    })),
    adversaryHazards: s.adversary.map((a) => hazard(a.hazard)),
    disable: s.adversary.flatMap((a, event) =>
      a.kind === 'disable-untrusted' ? [{ event, share: a.share, duration: months(a.durationMonths) }] : [],
    ),
    cutoff: s.adversary.flatMap((a, event) =>
      a.kind === 'spare-parts-cutoff'
        ? [
            {
              event,
              failPerPeriod: 1 - Math.pow(1 - a.failureProbabilityPerMonth, 1 / ppm),
            },
          ]
        : [],
    ),
  };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Flattens the problem and converts the scenario's months and calendar dates into periods. */
export function compileProblem(problem: PlanningProblem, scenario: Scenario): Result<CompiledProblem> {
  const issues: Issue[] = [];
  const P = problem.periods;
  if (problem.calendar.length !== P)
    issues.push(
      issue(
        'simulation/calendar',
        ['calendar'],
        `expected ${P} calendar entries, got ${problem.calendar.length}`,
      ),
    );
  const ppm = problem.granularity === 'month' ? 1 : 52 / 12;
  const T = problem.terminals.length;
  const teuPerCrane = new Float64Array(T);
  const trusted = new Int32Array(T);
  const untrusted0 = new Int32Array(T);
  const risk0 = new Float64Array(T);
  const demand = new Float64Array(T * P);
  const craneIds: string[] = [];
  const craneIndex = new Map<string, number>();
  const craneTerminal: number[] = [];
  const craneRisk: number[] = [];
  problem.terminals.forEach((t, ti) => {
    teuPerCrane[ti] = t.teuPerCranePeriod;
    trusted[ti] = t.trustedCranes;
    if (t.demand.length !== P)
      issues.push(
        issue(
          'simulation/demand',
          ['terminals', ti, 'demand'],
          `expected ${P} periods of demand, got ${t.demand.length}`,
        ),
      );
    // A facility's units of another kind (cameras) carry no throughput: their floor is no TEU demand to lose, and a
    // scenario's demand growth does not apply to them. Their risk still counts.
    if (kindOfPlanningTerminal(t.id) === null)
      for (let p = 0; p < P; p++) demand[ti * P + p] = t.demand[p] ?? 0;
    for (const g of t.groups) {
      for (const id of g.craneIds) {
        if (craneIndex.has(id)) {
          issues.push(
            issue(
              'simulation/duplicate-crane',
              ['terminals', ti, 'groups'],
              `crane '${id}' appears twice in the problem`,
            ),
          );
          continue;
        }
        craneIndex.set(id, craneIds.length);
        craneIds.push(id);
        craneTerminal.push(ti);
        craneRisk.push(g.riskPerCranePeriod);
        untrusted0[ti] = (untrusted0[ti] ?? 0) + 1;
        risk0[ti] = (risk0[ti] ?? 0) + g.riskPerCranePeriod;
      }
    }
  });
  const S = problem.suppliers.length;
  const arrays = () => new Float64Array(S);
  const [leadMin, leadMode, leadMax, commMin, commMode, commMax] = [
    arrays(),
    arrays(),
    arrays(),
    arrays(),
    arrays(),
    arrays(),
  ];
  const supplierIndex = new Map<string, number>();
  problem.suppliers.forEach((s, i) => {
    supplierIndex.set(s.id, i);
    leadMode[i] = s.leadTimePeriods;
    leadMin[i] = s.leadTimeMinPeriods ?? Number.NaN;
    leadMax[i] = s.leadTimeMaxPeriods ?? Number.NaN;
    commMode[i] = s.commissioningPeriods;
    commMin[i] = s.commissioningMinPeriods ?? Number.NaN;
    commMax[i] = s.commissioningMaxPeriods ?? Number.NaN;
  });
  const fiscalYears = [...new Set(problem.calendar.map((c) => c.fiscalYear))].sort((a, b) => a - b);
  const fyOfPeriod = new Int32Array(P);
  const fyFirstPeriod = new Int32Array(fiscalYears.length).fill(NEVER);
  problem.calendar.forEach((c) => {
    const f = fiscalYears.indexOf(c.fiscalYear);
    fyOfPeriod[c.index] = f;
    if (c.index < (fyFirstPeriod[f] ?? NEVER)) fyFirstPeriod[f] = c.index;
  });
  const [startYear, startMonth] = problem.startMonth.split('-').map(Number) as [number, number];
  const fyStartPeriod = Int32Array.from(fiscalYears, (fy) =>
    Math.round(((fy - 1) * 12 + 9 - (startYear * 12 + startMonth - 1)) * ppm),
  );
  const F = fiscalYears.length;
  const programIds = [...new Set(problem.budgets.map((b) => b.programId)), ''];
  const G = programIds.length;
  const programCarries = new Uint8Array(G);
  const programLocalShare = new Float64Array(G);
  const budget = new Float64Array(G * F).fill(Number.NaN);
  programIds.forEach((id, g) => {
    const lines = problem.budgets.filter((b) => b.programId === id);
    // As the planner's ledger: a program carries over when any line says so; its local share is its first line's.
    programCarries[g] = lines.some((b) => b.carryOver) ? 1 : 0;
    programLocalShare[g] = lines[0]?.localShare ?? 0;
    for (const b of lines) {
      const f = fiscalYears.indexOf(b.fiscalYear);
      if (f >= 0)
        budget[g * F + f] = (Number.isNaN(budget[g * F + f]!) ? 0 : budget[g * F + f]!) + b.amountCents;
    }
  });
  const blackout = new Uint8Array(T * P);
  const railSlots = new Int32Array(T);
  const regions = problem.crewRegions.map((c) => c.region);
  const crewLimit = Int32Array.from(problem.crewRegions, (c) => c.simultaneousCommissionings);
  const terminalRegion = new Int32Array(T);
  problem.terminals.forEach((t, ti) => {
    railSlots[ti] = t.railSlots;
    terminalRegion[ti] = regions.indexOf(t.region);
    for (const p of t.blackoutPeriods) if (p >= 0 && p < P) blackout[ti * P + p] = 1;
  });
  const compiledScenario = compileScenario(problem, scenario, ppm, fiscalYears, issues);
  if (issues.length > 0) return fail(issues);
  return ok({
    problem,
    periods: P,
    periodsPerMonth: ppm,
    periodsPerYear: 12 * ppm,
    weeksPerPeriod: problem.granularity === 'month' ? 52 / 12 : 1,
    terminalIds: problem.terminals.map((t) => t.id),
    teuPerCrane,
    trusted,
    untrusted0,
    risk0,
    demand,
    craneIds,
    craneIndex,
    craneTerminal: Int32Array.from(craneTerminal),
    craneRisk: Float64Array.from(craneRisk),
    supplierIndex,
    leadMin,
    leadMode,
    leadMax,
    commMin,
    commMode,
    commMax,
    fiscalYears,
    fyOfPeriod,
    fyFirstPeriod,
    fyStartPeriod,
    programIds,
    programCarries,
    programLocalShare,
    budget,
    blackout,
    railSlots,
    terminalRegion,
    crewLimit,
    scenario: compiledScenario,
  });
}

/** How a replacement's dates react to drawn events. */
export const DateMode = {
  /** Planned dates: every drawn event applies. */
  planned: 0,
  /** Already happened (before a re-plan): dates are final. */
  realized: 1,
  /** Chosen by a re-plan that knew the budget and supplier shocks: only duration draws and slips apply. */
  replanned: 2,
} as const;

export interface CompiledPlan {
  readonly name: string;
  readonly count: number;
  readonly crane: Int32Array;
  readonly supplier: Int32Array;
  readonly contract: Int32Array;
  readonly arrival: Int32Array;
  readonly inService: Int32Array;
  readonly retire: Int32Array;
  readonly cost: Float64Array;
  readonly mode: Uint8Array;
  /** Replacement index per problem crane, -1 when the plan leaves the crane in service. */
  readonly replacementOf: Int32Array;
  /** Replacement indices ordered by contract period (stable). */
  readonly byContract: Int32Array;
  /** Paying program (index into CompiledProblem.programIds) and federal share of the cost of each replacement. */
  readonly program: Int32Array;
  readonly federal: Float64Array;
  /** planSpend[g * F + f]: federal money the plan itself commits to program g in fiscal year f. */
  readonly planSpend: Float64Array;
  /**
   * The resource limits the replay enforces when dates move: the problem's, raised to the plan's own peak so
   * that a plan is never pushed by a rule it did not keep (rail slots per terminal, crews per region);
   * blackouts only for replacements the plan commissions outside them.
   */
  readonly railLimit: Int32Array;
  readonly crewCap: Int32Array;
  readonly checkBlackout: Uint8Array;
}

/** Checks a plan against the problem and flattens it. Issues name the replacement index and field. */
export function compilePlan(cp: CompiledProblem, plan: PlanInput, modes?: Uint8Array): Result<CompiledPlan> {
  const issues: Issue[] = [];
  const n = plan.replacements.length;
  const out = {
    crane: new Int32Array(n),
    supplier: new Int32Array(n),
    contract: new Int32Array(n),
    arrival: new Int32Array(n),
    inService: new Int32Array(n),
    retire: new Int32Array(n),
    cost: new Float64Array(n),
  };
  const replacementOf = new Int32Array(cp.craneIds.length).fill(-1);
  plan.replacements.forEach((r, i) => {
    const at = (field: string) => ['replacements', i, field];
    const j = cp.craneIndex.get(r.craneId);
    const s = cp.supplierIndex.get(r.supplierId);
    if (j === undefined)
      issues.push(
        issue(
          'simulation/unknown-crane',
          at('craneId'),
          `crane '${r.craneId}' is not an untrusted crane of the problem`,
        ),
      );
    else if (replacementOf[j] !== -1)
      issues.push(
        issue('simulation/duplicate-crane', at('craneId'), `crane '${r.craneId}' is replaced twice`),
      );
    else replacementOf[j] = i;
    if (s === undefined)
      issues.push(
        issue(
          'simulation/unknown-supplier',
          at('supplierId'),
          `supplier '${r.supplierId}' is not in the problem`,
        ),
      );
    for (const f of ['contractPeriod', 'arrivalPeriod', 'inServicePeriod', 'retirePeriod'] as const) {
      if (!Number.isInteger(r[f]) || r[f] < 0)
        issues.push(issue('simulation/period', at(f), `expected a period index >= 0, got ${r[f]}`));
    }
    if (r.arrivalPeriod < r.contractPeriod || r.inServicePeriod < r.arrivalPeriod)
      issues.push(
        issue('simulation/order', at('arrivalPeriod'), 'expected contract <= arrival <= in service'),
      );
    if (!(r.costCents >= 0))
      issues.push(
        issue('simulation/cost', at('costCents'), `expected a cost >= 0 cents, got ${r.costCents}`),
      );
    out.crane[i] = j ?? 0;
    out.supplier[i] = s ?? 0;
    out.contract[i] = r.contractPeriod;
    out.arrival[i] = r.arrivalPeriod;
    out.inService[i] = r.inServicePeriod;
    out.retire[i] = r.retirePeriod;
    out.cost[i] = r.costCents;
  });
  if (issues.length > 0) return fail(issues);
  const F = cp.fiscalYears.length;
  const G = cp.programIds.length;
  const program = new Int32Array(n);
  const federal = new Float64Array(n);
  const planSpend = new Float64Array(G * F);
  const { programIds } = assignPrograms(cp.problem, plan.replacements);
  plan.replacements.forEach((r, i) => {
    const g0 = cp.programIds.indexOf(programIds[i] ?? '');
    const g = g0 < 0 ? G - 1 : g0;
    program[i] = g;
    federal[i] = Math.round(r.costCents * (1 - cp.programLocalShare[g]!));
    if (r.contractPeriod < cp.periods) planSpend[g * F + cp.fyOfPeriod[r.contractPeriod]!]! += federal[i]!;
  });
  const limits = plannedResourcePeaks(cp, plan.replacements, out.crane);
  const byContract = Int32Array.from(
    Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => (out.contract[a] ?? 0) - (out.contract[b] ?? 0) || a - b,
    ),
  );
  return ok({
    name: plan.name,
    count: n,
    ...out,
    mode: modes ?? new Uint8Array(n),
    replacementOf,
    byContract,
    program,
    federal,
    planSpend,
    ...limits,
  });
}

/** The plan's own peak use of rail slots and crews, and which replacements it commissions outside blackouts. */
function plannedResourcePeaks(
  cp: CompiledProblem,
  replacements: readonly PlannedReplacement[],
  crane: Int32Array,
): Pick<CompiledPlan, 'railLimit' | 'crewCap' | 'checkBlackout'> {
  const P = cp.periods;
  const T = cp.terminalIds.length;
  const R = cp.crewLimit.length;
  const clamp = (p: number) => Math.min(Math.max(p, 0), P);
  const rails = new Int32Array(T * (P + 1));
  const crews = new Int32Array(R * (P + 1));
  const checkBlackout = new Uint8Array(replacements.length);
  replacements.forEach((r, i) => {
    const t = cp.craneTerminal[crane[i]!]!;
    rails[t * (P + 1) + clamp(r.arrivalPeriod)]! += 1;
    rails[t * (P + 1) + clamp(r.retirePeriod)]! -= 1;
    const g = cp.terminalRegion[t]!;
    if (g >= 0) {
      crews[g * (P + 1) + clamp(r.arrivalPeriod)]! += 1;
      crews[g * (P + 1) + clamp(r.inServicePeriod)]! -= 1;
    }
    let clear = 1;
    for (let p = Math.max(0, r.arrivalPeriod); p < Math.min(r.inServicePeriod, P); p++)
      if (cp.blackout[t * P + p] === 1) clear = 0;
    checkBlackout[i] = clear;
  });
  const railLimit = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    let n = cp.trusted[t]! + cp.untrusted0[t]!;
    let peak = n;
    for (let p = 0; p < P; p++) peak = Math.max(peak, (n += rails[t * (P + 1) + p]!));
    railLimit[t] = Math.max(cp.railSlots[t]!, peak);
  }
  const crewCap = new Int32Array(R);
  for (let g = 0; g < R; g++) {
    let n = 0;
    let peak = 0;
    for (let p = 0; p < P; p++) peak = Math.max(peak, (n += crews[g * (P + 1) + p]!));
    crewCap[g] = Math.max(cp.crewLimit[g]!, peak);
  }
  return { railLimit, crewCap, checkBlackout };
}
