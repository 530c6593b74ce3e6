import {
  builtinScenarios,
  IdParam,
  MAX_MILP_REPLAN_RUNS,
  PortGuardError,
  ScenarioSummary,
  SimulationList,
  SimulationRequest,
  SimulationView,
} from '@portguard/core';
import { z } from 'zod';
import { requireRole } from '../../auth/principal.js';
import { simulationService } from '../../services/simulations.js';
import { principal } from '../auth-hook.js';
import type { RouteModule } from './types.js';

const tags = ['simulations'];

/** Monte Carlo simulations as simulation.run jobs; built-in scenarios. Views are scoped in the service. */
export const simulationRoutes: RouteModule = (app, ctx) => {
  const simulations = simulationService(ctx);

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
        description: `Start a simulation.run job (admin, program-office): a built-in scenario name or a scenario object, runs, seed, plans to compare (the first is the baseline); with policy replan, the re-planner at the first shock (replanSolver heuristic, greedy or milp; milp takes replanTimeSeconds per re-plan and at most ${MAX_MILP_REPLAN_RUNS} runs). Poll GET /api/simulations/{id}.`,
        body: SimulationRequest,
        response: { 202: SimulationView },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      requireRole(p, 'admin', 'program-office');
      return reply.status(202).send(await simulations.start(ctx.jobs, p, request.body));
    },
  );

  app.get(
    '/api/simulations',
    {
      schema: {
        tags,
        description: 'Simulations, newest first (without their reports).',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
        response: { 200: SimulationList },
      },
    },
    async (request) => ({ items: await simulations.list(request.query.limit) }),
  );

  app.get(
    '/api/simulations/:id',
    {
      schema: {
        tags,
        description: 'One simulation: status, progress and, once done, its report scoped to the caller.',
        params: IdParam,
        response: { 200: SimulationView },
      },
    },
    async (request) => {
      const sim = await simulations.get(principal(request).access, request.params.id);
      if (!sim) throw new PortGuardError('not_found', `no simulation ${request.params.id}`);
      return sim;
    },
  );
};
