import {
  builtinScenarios,
  canSeeFacility,
  findBuiltinScenario,
  IdParam,
  parseScenario,
  PortGuardError,
  ScenarioSummary,
  SimulationRequest,
  type Access,
  type JobView,
} from '@portguard/core';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { loadJobForRun } from '../../db/repositories/jobs.js';
import type { SimulationJobResult } from '../../jobs/kinds/simulation-run.js';
import { principal } from '../auth-hook.js';
import type { ServerContext } from '../context.js';
import type { RouteModule } from './types.js';

const tags = ['simulations'];
const KIND = 'simulation.run';

interface StoredSimulation {
  readonly view: JobView;
  readonly request: Omit<SimulationRequest, 'scenario'> & { readonly scenario: string };
  readonly result: SimulationJobResult | null;
}

// Finished jobs never change and their reports are large: parse each once per server context.
const finished = new WeakMap<ServerContext, Map<string, StoredSimulation>>();

async function loadSimulation(ctx: ServerContext, id: string): Promise<StoredSimulation | undefined> {
  let cache = finished.get(ctx);
  if (!cache) finished.set(ctx, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  const stored = await loadJobForRun(ctx.store.db, id);
  if (!stored || stored.view.kind !== KIND) return undefined;
  const payload = (stored.payload ?? {}) as Record<string, unknown> & Omit<SimulationRequest, 'scenario'>;
  const scenario = payload.scenario as { name?: unknown } | undefined;
  const sim: StoredSimulation = {
    view: stored.view,
    request: {
      ...payload,
      scenario: typeof scenario?.name === 'string' ? scenario.name : '(inline)',
    },
    result: (stored.view.result as SimulationJobResult | null) ?? null,
  };
  if (sim.view.status === 'succeeded' || sim.view.status === 'failed') cache.set(id, sim);
  return sim;
}

/**
 * A simulation as one caller may see it. Runs are national; a port operator gets the completion figures
 * (as the plan routes give them the completion month) and only their own terminals' rows: no national fan,
 * national measures or plan comparisons.
 */
export function simulationView(sim: StoredSimulation, access: Access) {
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
          plans: report.plans.map((p) => ({
            plan: p.plan,
            completionMonth: p.completionMonth,
            completedShare: p.completedShare,
            fan: all ? p.fan : null,
            national: all ? p.national : null,
            terminals: p.terminals.filter((t) => canSeeFacility(access, t.terminalId)),
            worstTerminals: p.worstTerminals.filter((t) => canSeeFacility(access, t.terminalId)),
          })),
          comparisons: all ? report.comparisons : [],
        }
      : null,
  };
}

/** Newest first; ids only from the table, so that listing does not parse every stored report. */
async function simulationJobs(
  ctx: ServerContext,
  limit: number,
  status?: 'succeeded',
): Promise<StoredSimulation[]> {
  let q = ctx.store.db.selectFrom('jobs').select('id').where('kind', '=', KIND);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const sims = await Promise.all(rows.map((r) => loadSimulation(ctx, r.id)));
  return sims.filter((s): s is StoredSimulation => s !== undefined);
}

/** The newest succeeded simulation, for the overview's P50/P90 completion. */
export async function latestSimulation(ctx: ServerContext): Promise<StoredSimulation | undefined> {
  return (await simulationJobs(ctx, 1, 'succeeded'))[0];
}

/** Monte Carlo simulations as simulation.run jobs; built-in scenarios. */
export const simulationRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/scenarios',
    {
      schema: {
        tags,
        description: 'The built-in disruption scenarios.',
        response: { 200: z.object({ items: z.array(ScenarioSummary) }) },
      },
    },
    () => ({ items: builtinScenarios.map((s) => ({ name: s.name, description: s.description })) }),
  );

  app.post(
    '/api/simulations',
    {
      schema: {
        tags,
        description:
          'Start a simulation.run job (admin, program-office): a built-in scenario name or a scenario object, runs, seed, plans to compare (the first is the baseline). Poll GET /api/simulations/{id}.',
        body: SimulationRequest,
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireRole(p, 'admin', 'program-office');
      if (!ctx.jobs) throw new PortGuardError('infrastructure', 'this server runs no job queue');
      const { scenario: given, ...rest } = request.body;
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
      const job = await ctx.jobs.submit(p, KIND, { ...rest, scenario });
      const sim = await loadSimulation(ctx, job.id);
      if (!sim) throw new PortGuardError('infrastructure', `job ${job.id} vanished`);
      return reply.status(202).send(simulationView(sim, p.access));
    },
  );

  app.get(
    '/api/simulations',
    {
      schema: {
        tags,
        description: 'Simulations, newest first (without their reports).',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
      },
    },
    async (request) => ({
      items: (await simulationJobs(ctx, request.query.limit)).map((s) => ({
        id: s.view.id,
        status: s.view.status,
        progress: s.view.progress,
        message: s.view.message,
        createdBy: s.view.createdBy,
        createdAt: s.view.createdAt,
        finishedAt: s.view.finishedAt,
        request: s.request,
      })),
    }),
  );

  app.get(
    '/api/simulations/:id',
    {
      schema: {
        tags,
        description: 'One simulation: status, progress and, once done, its report scoped to the caller.',
        params: IdParam,
      },
    },
    async (request) => {
      const sim = await loadSimulation(ctx, request.params.id);
      if (!sim) throw new PortGuardError('not_found', `no simulation ${request.params.id}`);
      return simulationView(sim, principal(request).access);
    },
  );
};
