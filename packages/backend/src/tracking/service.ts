import {
  canSeePlanningTerminal,
  facilityOfPlanningTerminal,
  checkForecast,
  checkStep,
  compareToBaseline,
  countByStep,
  forecastRecordInput,
  greedyPlan,
  LIFECYCLE_STEPS,
  periodMonthLabel,
  planReplacement,
  PortGuardError,
  problemFromActuals,
  reweighProblemRisk,
  trackOf,
  tracksOf,
  validatePlan,
  type Access,
  type ActualProblem,
  type BaselineComparison,
  type BudgetRevision,
  type CraneTrack,
  type ForecastInput,
  type Issue,
  type LifecycleStep,
  type MilpSolver,
  type Plan,
  type PlanningProblem,
  type StepInput,
  type StepRecord,
} from '@portguard/core';
import { audited } from '../audit/audited.js';
import type { Principal } from '../auth/principal.js';
import { exposureByAssetFromStore } from '../evidence/planning.js';
import { trackingRepository, type Baseline, type BaselineSummary } from '../db/repositories/tracking.js';
import type { Context } from '../services/context.js';
import { PLANNING_THREADS, WorkerHighsSolver } from '../solver/highs-solver.js';

type Actor = Pick<Principal, 'username'>;
export const todayOf = (ctx: Pick<Context, 'clock'>): string => ctx.clock.now().toISOString().slice(0, 10);

/** The baseline by name, or the latest approved one; not_found says how to make one. */
export async function getBaseline(ctx: Context, name?: string): Promise<Baseline> {
  const repo = trackingRepository(ctx.store.db);
  const chosen = name ?? (await repo.baselineNames()).at(-1)?.name;
  const b = chosen === undefined ? null : await repo.baseline(chosen);
  if (!b)
    throw new PortGuardError(
      'not_found',
      chosen === undefined
        ? 'no baseline approved yet: run `portguard baseline approve --name <name>` first'
        : `no baseline named "${chosen}"`,
    );
  return b;
}

export const listBaselines = (ctx: Context): Promise<BaselineSummary[]> =>
  trackingRepository(ctx.store.db).baselineNames();

const terminalOfCrane = (problem: PlanningProblem, craneId: string): string | undefined =>
  problem.terminals.find((t) => t.groups.some((g) => g.craneIds.includes(craneId)))?.id;

/**
 * Approves a plan as a named, immutable baseline. The plan must be valid for its problem; a name is used once.
 * @example await approveBaseline(ctx, cliPrincipal(), { name: 'FY27 plan', problem, plan })
 */
export async function approveBaseline(
  ctx: Context,
  actor: Actor,
  input: {
    readonly name: string;
    readonly problem: PlanningProblem;
    readonly plan: Plan;
    readonly note?: string;
  },
): Promise<BaselineSummary> {
  const name = input.name.trim();
  if (name === '') throw new PortGuardError('invalid_input', 'a baseline needs a name (--name)');
  const issues = validatePlan(input.problem, input.plan);
  if (issues.length > 0)
    throw new PortGuardError(
      'invalid_input',
      `plan "${input.plan.name}" is not valid for its problem`,
      issues,
    );
  const now = ctx.clock.now();
  return audited(ctx.store, actor, now, async (trx, record) => {
    const repo = trackingRepository(trx);
    if (await repo.baseline(name))
      throw new PortGuardError('conflict', `baseline "${name}" exists and is immutable: approve a new name`);
    const b: Baseline = {
      name,
      approvedAt: now.toISOString(),
      approvedBy: actor.username,
      note: input.note ?? '',
      problem: input.problem,
      plan: input.plan,
    };
    await repo.insertBaseline(b);
    await record({
      action: 'baseline.approve',
      entity: 'baseline',
      entityId: name,
      facilityId: null,
      before: null,
      after: {
        name,
        plan: input.plan.name,
        method: input.plan.method,
        replacements: input.plan.replacements.length,
        totalCostCents: input.plan.totalCostCents,
        startMonth: input.problem.startMonth,
      },
    });
    return { name, approvedAt: b.approvedAt, approvedBy: b.approvedBy, note: b.note };
  });
}

/**
 * Records one lifecycle step (or a payment) for a crane of the latest baseline, audited in the same transaction.
 * Bad input (unknown crane or supplier, going back without a correction…) is invalid_input with issues.
 */
export async function recordStep(ctx: Context, actor: Actor, input: StepInput): Promise<StepRecord> {
  const baseline = await getBaseline(ctx);
  const terminalId = terminalOfCrane(baseline.problem, input.craneId);
  if (terminalId === undefined)
    throw new PortGuardError(
      'not_found',
      `crane ${input.craneId} is not an untrusted crane of baseline "${baseline.name}"`,
    );
  if (input.supplierId !== undefined && !baseline.problem.suppliers.some((s) => s.id === input.supplierId))
    throw new PortGuardError('invalid_input', `unknown supplier ${input.supplierId}`, [
      {
        code: 'track/supplier',
        path: ['supplier'],
        message: `expected one of ${baseline.problem.suppliers.map((s) => s.id).join(', ')}`,
      },
    ]);
  const now = ctx.clock.now();
  return audited(ctx.store, actor, now, async (trx, record) => {
    const repo = trackingRepository(trx);
    const before = trackOf(input.craneId, await repo.steps(input.craneId));
    const checked = checkStep(before, input, todayOf(ctx));
    if (!checked.ok)
      throw new PortGuardError(
        'invalid_input',
        `cannot record ${input.event} for ${input.craneId}`,
        checked.issues,
      );
    const saved = await repo.appendStep(input, actor.username, now);
    await record({
      action: input.correction ? 'track.correct' : 'track.record',
      entity: 'replacement',
      entityId: input.craneId,
      facilityId: terminalId,
      before: { step: before.step },
      after: saved,
    });
    return saved;
  });
}

/**
 * Records a supplier's forecast of a crane's delivery (contracted, not yet delivered), audited as track.forecast in
 * the same transaction. The re-plan takes it as the crane's arrival until the delivery is recorded. With `access`
 * (a write role's, from requireWrite) a crane outside the caller's terminals is not_found.
 * @example await recordForecast(ctx, actor, { craneId: 'C07', arrivalDate: '2029-11-01', reason: 'vessel slot lost' })
 */
export async function recordForecast(
  ctx: Context,
  actor: Actor,
  input: ForecastInput,
  access?: Access,
): Promise<StepRecord> {
  const baseline = await getBaseline(ctx);
  const terminalId = terminalOfCrane(baseline.problem, input.craneId);
  if (terminalId === undefined || (access !== undefined && !canSeePlanningTerminal(access, terminalId)))
    throw new PortGuardError(
      'not_found',
      `crane ${input.craneId} is not an untrusted crane of baseline "${baseline.name}"${access ? ' or not yours' : ''}`,
    );
  const now = ctx.clock.now();
  return audited(ctx.store, actor, now, async (trx, record) => {
    const repo = trackingRepository(trx);
    const before = trackOf(input.craneId, await repo.steps(input.craneId));
    const checked = checkForecast(before, input, todayOf(ctx));
    if (!checked.ok)
      throw new PortGuardError(
        'invalid_input',
        `cannot record a delivery forecast for ${input.craneId}`,
        checked.issues,
      );
    const saved = await repo.appendStep(forecastRecordInput(input), actor.username, now);
    await record({
      action: 'track.forecast',
      entity: 'replacement',
      entityId: input.craneId,
      facilityId: terminalId,
      before: { step: before.step, forecast: before.forecast?.date ?? null },
      after: saved,
    });
    return saved;
  });
}

/** Replaces a fiscal year's appropriation for re-planning (a cut or an increase), audited. */
export async function reviseBudget(ctx: Context, actor: Actor, revision: BudgetRevision) {
  const baseline = await getBaseline(ctx);
  const line = baseline.problem.budgets.find(
    (b) => b.programId === revision.programId && b.fiscalYear === revision.fiscalYear,
  );
  if (!line)
    throw new PortGuardError(
      'invalid_input',
      `no appropriation ${revision.programId} FY${revision.fiscalYear} in baseline "${baseline.name}"`,
    );
  if (!Number.isSafeInteger(revision.amountCents) || revision.amountCents < 0)
    throw new PortGuardError('invalid_input', 'the revised amount must be a non-negative amount');
  if (revision.reason.trim() === '')
    throw new PortGuardError('invalid_input', 'a budget revision needs a reason');
  const now = ctx.clock.now();
  return audited(ctx.store, actor, now, async (trx, record) => {
    const saved = await trackingRepository(trx).appendBudgetRevision(revision, actor.username, now);
    await record({
      action: 'budget.revise',
      entity: 'budget',
      entityId: `${revision.programId}/FY${revision.fiscalYear}`,
      facilityId: null,
      before: { amountCents: line.amountCents },
      after: saved,
    });
    return saved;
  });
}

export interface TrackState {
  readonly baseline: Baseline;
  readonly records: readonly StepRecord[];
  readonly tracks: ReadonlyMap<string, CraneTrack>;
  readonly revisions: readonly BudgetRevision[];
}

export async function loadTrackState(ctx: Context, baselineName?: string): Promise<TrackState> {
  const baseline = await getBaseline(ctx, baselineName);
  const repo = trackingRepository(ctx.store.db);
  const records = await repo.steps();
  const revisions = await repo.budgetRevisions();
  // A later revision of the same year replaces an earlier one.
  const latest = new Map(revisions.map((r) => [`${r.programId}|${r.fiscalYear}`, r]));
  return { baseline, records, tracks: tracksOf(records), revisions: [...latest.values()] };
}

/**
 * Terminal ids a `--port` value selects: the facilities of that port in the inventory, else a terminal id itself
 * or the ids that start with it (`fac-lax` selects `fac-lax-*`).
 */
export async function terminalsOfScope(
  ctx: Context,
  problem: PlanningProblem,
  port?: string,
): Promise<string[]> {
  const ids = problem.terminals.map((t) => t.id);
  if (port === undefined) return ids;
  const ofPort = new Set(
    (await ctx.store.db.selectFrom('facilities').select('id').where('port_id', '=', port).execute()).map(
      (f) => f.id,
    ),
  );
  const chosen = ids.filter(
    (id) =>
      ofPort.has(facilityOfPlanningTerminal(id)) ||
      id === port ||
      id.startsWith(`${port}-`) ||
      id.startsWith(`${port}:`),
  );
  if (chosen.length === 0)
    throw new PortGuardError('not_found', `no terminal of the baseline belongs to or matches port "${port}"`);
  return chosen;
}

export interface StatusRow {
  readonly terminalId: string;
  readonly counts: Record<LifecycleStep, number>;
  readonly obligatedCents: number;
  readonly paidCents: number;
}

/** Counts by step per terminal (and the total), for the latest baseline's cranes. */
export async function trackStatus(
  ctx: Context,
  port?: string,
): Promise<{ rows: StatusRow[]; total: StatusRow }> {
  const { baseline, tracks } = await loadTrackState(ctx);
  return statusOf(baseline.problem, tracks, await terminalsOfScope(ctx, baseline.problem, port));
}

export function statusOf(
  problem: PlanningProblem,
  tracks: ReadonlyMap<string, CraneTrack>,
  terminalIds: readonly string[],
): { rows: StatusRow[]; total: StatusRow } {
  const rows = problem.terminals
    .filter((t) => terminalIds.includes(t.id))
    .map((t) => {
      const ids = t.groups.flatMap((g) => g.craneIds);
      const mine = ids.map((id) => tracks.get(id));
      return {
        terminalId: t.id,
        counts: countByStep(mine.map((x) => x?.step ?? 'planned')),
        obligatedCents: mine.reduce((a, x) => a + (x?.obligatedCents ?? 0), 0),
        paidCents: mine.reduce((a, x) => a + (x?.paidCents ?? 0), 0),
      };
    });
  const counts = countByStep([]);
  for (const r of rows) for (const s of LIFECYCLE_STEPS) counts[s] += r.counts[s];
  const total = {
    terminalId: 'all',
    counts,
    obligatedCents: rows.reduce((a, r) => a + r.obligatedCents, 0),
    paidCents: rows.reduce((a, r) => a + r.paidCents, 0),
  };
  return { rows, total };
}

export interface ReplanChange {
  readonly craneId: string;
  readonly terminalId: string;
  readonly baselineInService: string | null;
  readonly inService: string | null;
  readonly slipPeriods: number | null;
  readonly why: string;
}

export interface Replan {
  readonly baseline: BaselineSummary;
  readonly today: string;
  readonly actual: ActualProblem;
  readonly plan: Plan;
  /** validatePlan of the re-plan against the actual problem: empty when every fact and the floor hold. */
  readonly issues: readonly Issue[];
  readonly comparison: BaselineComparison;
  readonly changes: readonly ReplanChange[];
}

export interface ReplanOptions {
  readonly method?: 'greedy' | 'milp';
  readonly baseline?: string;
  readonly timeLimitSeconds?: number;
  /** YYYY-MM-DD for milestones missed; default today. */
  readonly asOf?: string;
  readonly solver?: MilpSolver;
}

/** A re-plan's replacements as the user knows them: recorded contract amounts (the problem carries facts at 0). */
const plainPlan = (plan: Plan, actual: ActualProblem): Plan => {
  const cost = new Map(actual.facts.map((f) => [f.craneId, f.costCents]));
  return {
    ...plan,
    replacements: plan.replacements.map((r) => ({ ...r, costCents: cost.get(r.craneId) ?? r.costCents })),
  };
};

/**
 * Re-plans from where things stand today (ctx.clock): recorded replacements fixed, revised budgets, no new
 * contract before today; compares with the baseline and says why each crane moved.
 */
export async function replan(ctx: Context, options: ReplanOptions = {}): Promise<Replan> {
  const state = await loadTrackState(ctx, options.baseline);
  const { baseline, tracks, revisions } = state;
  const today = todayOf(ctx);
  // Risk weights follow today's network evidence, not the evidence at approval.
  const actual = problemFromActuals({
    problem: reweighProblemRisk(baseline.problem, await exposureByAssetFromStore(ctx.store)),
    baseline: baseline.plan,
    tracks,
    budgetRevisions: revisions,
    today,
  });
  const problem: PlanningProblem =
    options.timeLimitSeconds === undefined
      ? actual.problem
      : {
          ...actual.problem,
          options: { ...actual.problem.options, timeLimitSeconds: options.timeLimitSeconds },
        };
  const greedy = greedyPlan(problem, { clock: () => performance.now() });
  let plan = { ...greedy, name: 'Re-plan (greedy)' };
  if (options.method === 'milp') {
    const own = options.solver ? null : new WorkerHighsSolver({ threads: PLANNING_THREADS });
    try {
      // The model reads each fact as recorded: its arrival, entry into service, cost and retireFrom.
      const milp = await planReplacement(
        problem,
        { name: 'Re-plan (MILP)', clock: () => performance.now() },
        options.solver ?? own!,
      );
      const broken = validatePlan(problem, milp);
      plan =
        broken.length === 0 || validatePlan(problem, greedy).length > 0
          ? milp
          : {
              ...greedy,
              name: 'Re-plan (greedy)',
              diagnostics: [
                ...greedy.diagnostics,
                `the MILP re-plan breaks ${broken.length} rule(s) (first: ${broken[0]?.message ?? ''}); greedy kept`,
              ],
            };
    } finally {
      await own?.close();
    }
  }
  const issues = validatePlan(problem, plan);
  const shown = plainPlan(plan, actual);
  const comparison = compareToBaseline(baseline.problem, baseline.plan, shown, tracks, options.asOf ?? today);
  const label = (p: number | null) =>
    p === null ? null : periodMonthLabel(baseline.problem.startMonth, baseline.problem.granularity, p);
  const baseById = new Map(baseline.plan.replacements.map((r) => [r.craneId, r]));
  const factById = new Map(actual.facts.map((f) => [f.craneId, f]));
  const cut = revisions.length > 0;
  const changes: ReplanChange[] = comparison.cranes
    .filter((c) => c.slipPeriods !== 0)
    .map((c) => {
      const track = tracks.get(c.craneId);
      const fact = factById.get(c.craneId);
      const b = baseById.get(c.craneId);
      let why: string;
      if (track?.facts.commissioned) why = `commissioned on ${track.facts.commissioned.date} (recorded)`;
      else if (track?.facts.delivered) why = `delivered on ${track.facts.delivered.date} (recorded)`;
      else if (fact?.forecast)
        why = `${fact.fixed.supplierId} forecasts delivery on ${fact.forecast.date} (${fact.forecast.note ?? 'no reason given'}; recorded by ${fact.forecast.recordedBy})`;
      else if (fact)
        why = `contracted on ${track?.facts.contracted?.date ?? '?'} with ${fact.fixed.supplierId}; not delivered by ${today}, so arrival is no earlier than ${label(fact.arrivalPeriod)}`;
      else if (b && b.contractPeriod < actual.todayPeriod)
        why = `baseline contract ${label(b.contractPeriod)} passed without a contract; earliest contract now ${label(actual.todayPeriod)}`;
      else if (c.currentInService === null) why = 'not replaced in the re-plan (budget, capacity or horizon)';
      else
        why = `moved by the planner around recorded facts${cut ? ' and the revised budget' : ''} (capacity, budget, crews)`;
      return {
        craneId: c.craneId,
        terminalId: c.terminalId,
        baselineInService: label(c.baselineInService),
        inService: label(c.currentInService),
        slipPeriods: c.slipPeriods,
        why,
      };
    });
  const { problem: _p, plan: _plan, ...summary } = baseline;
  return { baseline: summary, today, actual, plan: shown, issues, comparison, changes };
}
