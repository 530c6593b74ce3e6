import {
  builtinScenarios,
  canSeePlanningTerminal,
  DEFAULT_REPLAN_TIME_SECONDS,
  findBuiltinScenario,
  parseScenario,
  PortGuardError,
  type Access,
  type JobView,
  type SimulationRequest,
} from '@portguard/core';
import type { Principal } from '../auth/principal.js';
import { listJobIdsOfKind, loadJobForRun } from '../db/repositories/jobs.js';
import type { SimulationJobResult } from '../jobs/kinds/simulation-run.js';
import type { Context } from './context.js';

const KIND = 'simulation.run';

/** What starts a background job (the server's job queue); absent on a server that runs none. */
export interface JobSubmitter {
  submit(p: Principal, kind: string, payload: unknown): Promise<JobView>;
}

interface StoredSimulation {
  readonly view: JobView;
  readonly request: Omit<SimulationRequest, 'scenario'> & { readonly scenario: string };
  readonly result: SimulationJobResult | null;
}

/**
 * A simulation as one caller may see it. Runs are national; a port operator gets the completion figures
 * (as the plan views give them the completion month) and only their own terminals' rows: no national fan,
 * national measures or plan comparisons.
 */
function simulationView(sim: StoredSimulation, access: Access) {
  const all = access.kind === 'all';
  const { view, request, result } = sim;
  const report = result?.report;
  return {
    id: view.id,
    status: view.status,
    progress: view.progress,
    message: view.message,
    error: view.error,
    createdBy: view.createdBy,
    createdAt: view.createdAt,
    finishedAt: view.finishedAt,
    request,
    scenario: result?.scenario ?? null,
    planNotes: result?.planNotes ?? [],
    scope: access.kind,
    report: report
      ? {
          scenario: report.scenario,
          policy: report.policy,
          seed: report.seed,
          runs: report.runs,
          startMonth: report.startMonth,
          granularity: report.granularity,
          periods: report.periods,
          periodMonths: report.periodMonths,
          replans: report.replans,
          replanner: replannerOf(result),
          clockBoundReplans: report.clockBoundReplans ?? 0,
          plans: report.plans.map((p) => ({
            plan: p.plan,
            completionMonth: p.completionMonth,
            completedShare: p.completedShare,
            fan: all ? p.fan : null,
            national: all ? p.national : null,
            terminals: p.terminals.filter((t) => canSeePlanningTerminal(access, t.terminalId)),
            worstTerminals: p.worstTerminals.filter((t) => canSeePlanningTerminal(access, t.terminalId)),
          })),
          comparisons: all ? report.comparisons : [],
        }
      : null,
  };
}
export type SimulationView = ReturnType<typeof simulationView>;

/** Results stored before the re-planner was a choice re-planned with the heuristic. */
function replannerOf(result: SimulationJobResult): SimulationJobResult['replanner'] {
  if (result.replanner !== undefined) return result.replanner;
  return result.report.policy === 'replan' ? { name: 'heuristic', timeLimitSeconds: null } : null;
}

const services = new WeakMap<object, ReturnType<typeof build>>();

/**
 * Monte Carlo simulations (simulation.run jobs) read through the caller's `Access`. One service per store, so
 * the dashboard and the simulation routes share its cache of finished reports.
 *
 * @example const sims = simulationService(ctx); const view = await sims.get(principal.access, id);
 */
export function simulationService(ctx: Pick<Context, 'store'>) {
  let s = services.get(ctx.store);
  if (!s) services.set(ctx.store, (s = build(ctx)));
  return s;
}

function build(ctx: Pick<Context, 'store'>) {
  // Finished jobs never change and their reports are large: parse each once.
  const finished = new Map<string, StoredSimulation>();

  async function load(id: string): Promise<StoredSimulation | undefined> {
    const hit = finished.get(id);
    if (hit) return hit;
    const stored = await loadJobForRun(ctx.store.db, id);
    if (!stored || stored.view.kind !== KIND) return undefined;
    const payload = (stored.payload ?? {}) as Record<string, unknown> &
      Omit<SimulationRequest, 'scenario' | 'replanSolver' | 'replanTimeSeconds'> &
      Partial<Pick<SimulationRequest, 'replanSolver' | 'replanTimeSeconds'>>;
    const scenario = payload.scenario as { name?: unknown } | undefined;
    const sim: StoredSimulation = {
      view: stored.view,
      request: {
        ...payload,
        replanSolver: payload.replanSolver ?? 'heuristic',
        replanTimeSeconds: payload.replanTimeSeconds ?? DEFAULT_REPLAN_TIME_SECONDS,
        scenario: typeof scenario?.name === 'string' ? scenario.name : '(inline)',
      },
      result: (stored.view.result as SimulationJobResult | null) ?? null,
    };
    if (sim.view.status === 'succeeded' || sim.view.status === 'failed') finished.set(id, sim);
    return sim;
  }

  async function newest(limit: number, status?: 'succeeded'): Promise<StoredSimulation[]> {
    const ids = await listJobIdsOfKind(ctx.store.db, KIND, { limit, ...(status ? { status } : {}) });
    const sims = await Promise.all(ids.map(load));
    return sims.filter((s): s is StoredSimulation => s !== undefined);
  }

  /** One simulation, its report cut to the caller's terminals. */
  async function get(access: Access, id: string): Promise<SimulationView | undefined> {
    const sim = await load(id);
    return sim && simulationView(sim, access);
  }

  return {
    get,

    /** Newest first, without their reports (no terminal rows, so the same for every caller). */
    async list(limit: number) {
      return (await newest(limit)).map((s) => ({
        id: s.view.id,
        status: s.view.status,
        progress: s.view.progress,
        message: s.view.message,
        createdBy: s.view.createdBy,
        createdAt: s.view.createdAt,
        finishedAt: s.view.finishedAt,
        request: s.request,
      }));
    },

    /** The newest succeeded simulation as the caller may see it (the overview's P50/P90 completion). */
    async latest(access: Access): Promise<SimulationView | undefined> {
      const sim = (await newest(1, 'succeeded'))[0];
      return sim && simulationView(sim, access);
    },

    /**
     * Starts a simulation.run job: `scenario` is a built-in scenario name or a scenario object (checked here,
     * with the issues under body.scenario). Role checks are the job kind's.
     */
    async start(jobs: JobSubmitter | undefined, p: Principal, body: SimulationRequest) {
      if (!jobs) throw new PortGuardError('infrastructure', 'this server runs no job queue');
      const { scenario: given, ...rest } = body;
      let scenario;
      if (typeof given === 'string') {
        scenario = findBuiltinScenario(given);
        if (!scenario)
          throw new PortGuardError('invalid_input', `no built-in scenario ${given}`, [
            {
              code: 'invalid_value',
              path: ['body', 'scenario'],
              message: `expected one of ${builtinScenarios.map((s) => s.name).join(', ')}, or a scenario object`,
            },
          ]);
      } else {
        const parsed = parseScenario(given, 'body');
        if (!parsed.ok)
          throw new PortGuardError(
            'invalid_input',
            'the scenario is invalid',
            parsed.issues.map((i) => ({ ...i, path: ['body', 'scenario', ...i.path.slice(1)] })),
          );
        scenario = parsed.value;
      }
      const job = await jobs.submit(p, KIND, { ...rest, scenario });
      const view = await get(p.access, job.id);
      if (!view) throw new PortGuardError('infrastructure', `job ${job.id} vanished`);
      return view;
    },
  };
}
