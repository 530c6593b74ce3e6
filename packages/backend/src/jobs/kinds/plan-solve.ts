import { PortGuardError } from '@portguard/core';
import { z } from 'zod';
import { planningInputFromStore } from '../../evidence/planning.js';
import { runPlanning } from '../../services/plan.js';
import { defineJobKind } from '../kind.js';
import { horizonOptions, planHorizonFields, yearMonth } from './plan-horizon.js';

/**
 * The national replacement plan for the stored inventory: greedy baseline, then the MILP started from it.
 * runPlanning puts HiGHS in a worker thread of its own, so its exact LP bound runs beside the order search here.
 */
export const planSolveJob = defineJobKind({
  name: 'plan.solve',
  description: 'Optimise the replacement schedule of the stored inventory (greedy baseline + HiGHS MILP).',
  payload: z
    .object({
      ...planHorizonFields,
      timeLimitSeconds: z.number().min(1).max(3600).optional(),
      deadline: yearMonth.optional(),
      softFloor: z.boolean().optional(),
      mipGap: z.number().min(0).max(1).optional(),
      /** Stop at the time limit rather than after work sized for it (runPlanning's stopByClock). */
      stopByClock: z.boolean().optional(),
      /** Plans to compute (default greedy + MILP); dashboard runs may ask for the heuristics only. */
      methods: z
        .array(z.enum(['milp', 'greedy', 'do-nothing']))
        .min(1)
        .optional(),
    })
    .strict(),
  roles: ['admin', 'program-office'],
  light: (payload) => payload.methods !== undefined && !payload.methods.includes('milp'),
  async run({ payload, store, access, progress }) {
    if (access.kind !== 'all')
      throw new PortGuardError('forbidden', 'the national plan needs access to all ports');
    progress(0.05, 'loading the inventory');
    const { dataset, exposureByAsset } = await planningInputFromStore(store);
    const methods = payload.methods ?? ['greedy', 'milp'];
    progress(
      0.15,
      methods.includes('milp') ? 'building the model and solving' : `planning: ${methods.join(', ')}`,
    );
    const run = await runPlanning(dataset, {
      ...horizonOptions(payload, exposureByAsset),
      methods,
      ...(payload.timeLimitSeconds !== undefined ? { timeLimitSeconds: payload.timeLimitSeconds } : {}),
      ...(payload.deadline !== undefined ? { deadline: payload.deadline } : {}),
      ...(payload.softFloor !== undefined ? { softFloor: payload.softFloor } : {}),
      ...(payload.mipGap !== undefined ? { mipGap: payload.mipGap } : {}),
      ...(payload.stopByClock === true ? { stopByClock: true } : {}),
    });
    progress(0.95, 'saving');
    // TODO(plan store): write into the planner's plans table once it exists; until then the job result is the record.
    return {
      plans: run.plans,
      warnings: run.warnings,
      problem: { terminals: run.problem.terminals.length, periods: run.problem.periods },
    };
  },
});
