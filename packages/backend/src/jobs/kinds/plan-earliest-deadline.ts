import { planningProblemFromDataset, PortGuardError, summariseEarliestDeadline } from '@portguard/core';
import { z } from 'zod';
import { planningInputFromStore } from '../../evidence/planning.js';
import { findEarliestDeadline } from '../../services/plan.js';
import { defineJobKind } from '../kind.js';

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' });

/**
 * "By when can every untrusted crane be gone?" for the stored inventory: the earliest common deadline a plan meets
 * (`earliestCommonDeadline`), each probe a MILP plan with that deadline. Minutes on the national set (eight probes
 * of 10 s: 1 min 12 s); progress after each probe.
 */
export const planEarliestDeadlineJob = defineJobKind({
  name: 'plan.earliest-deadline',
  description:
    'Search the earliest month by which a plan retires every untrusted crane of the stored inventory (each probe a MILP plan).',
  payload: z
    .object({
      startMonth: yearMonth,
      years: z.number().int().min(1).max(20).optional(),
      budgetScale: z.number().min(0).max(10).optional(),
      granularity: z.enum(['month', 'week']).optional(),
      /** Each probe's time limit (seconds); default 10. */
      timeLimitSeconds: z.number().min(1).max(600).optional(),
    })
    .strict(),
  roles: ['admin', 'program-office'],
  async run({ payload, store, access, progress }) {
    if (access.kind !== 'all')
      throw new PortGuardError('forbidden', 'the national plan needs access to all ports');
    progress(0.02, 'loading the inventory');
    const { dataset, exposureByAsset } = await planningInputFromStore(store);
    const built = planningProblemFromDataset(dataset, {
      startMonth: payload.startMonth,
      ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
      ...(payload.years !== undefined ? { years: payload.years } : {}),
      ...(payload.budgetScale !== undefined ? { budgetScale: payload.budgetScale } : {}),
      ...(payload.granularity !== undefined ? { granularity: payload.granularity } : {}),
    });
    if (!built.ok)
      throw new PortGuardError('invalid_input', 'cannot build the planning problem', built.issues);
    const seconds = payload.timeLimitSeconds ?? 10;
    progress(0.05, `searching (${seconds} s a probe)`);
    let probes = 0;
    const found = await findEarliestDeadline(built.value, seconds, undefined, (probe, maxProbes) => {
      probes++;
      progress(
        0.05 + (0.9 * probes) / maxProbes,
        `probe ${probes} (at most ${maxProbes}): ${probe.month} ${probe.outcome === 'plan' ? 'has a plan' : probe.outcome === 'impossible' ? 'is impossible' : 'undecided'}`,
      );
    });
    return summariseEarliestDeadline(found);
  },
});
