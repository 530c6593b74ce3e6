import { PortGuardError, summariseEarliestDeadline } from '@portguard/core';
import { z } from 'zod';
import { planningInputFromStore } from '../../evidence/planning.js';
import { findEarliestDeadline, planningProblem } from '../../services/plan.js';
import { defineJobKind } from '../kind.js';
import { horizonOptions, planHorizonFields } from './plan-horizon.js';

/**
 * "By when can every untrusted crane be gone?" for the stored inventory: the earliest common deadline a plan meets
 * (`earliestCommonDeadline`), each probe a MILP plan with that deadline. Minutes on the national set (eight probes
 * of 10 s: 1 min 22 s); progress after each probe.
 */
export const planEarliestDeadlineJob = defineJobKind({
  name: 'plan.earliest-deadline',
  description:
    'Search the earliest month by which a plan retires every untrusted crane of the stored inventory (each probe a MILP plan).',
  payload: z
    .object({
      ...planHorizonFields,
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
    const { problem } = planningProblem(dataset, horizonOptions(payload, exposureByAsset));
    const seconds = payload.timeLimitSeconds ?? 10;
    progress(0.05, `searching (${seconds} s a probe)`);
    let probes = 0;
    const found = await findEarliestDeadline(problem, {
      timeLimitSeconds: seconds,
      onProbe: (probe, maxProbes) => {
        probes++;
        progress(
          0.05 + (0.9 * probes) / maxProbes,
          `probe ${probes} (at most ${maxProbes}): ${probe.month} ${probe.outcome === 'plan' ? 'has a plan' : probe.outcome === 'impossible' ? 'is impossible' : 'undecided'}`,
        );
      },
    });
    return summariseEarliestDeadline(found);
  },
});
