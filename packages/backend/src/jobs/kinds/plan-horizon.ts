import type { FromDatasetOptions } from '@portguard/core';
import { z } from 'zod';

export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected YYYY-MM' });

/** The horizon and budget scenario a plan job runs on (plan.solve, plan.earliest-deadline): payload fields. */
export const planHorizonFields = {
  startMonth: yearMonth,
  years: z.number().int().min(1).max(20).optional(),
  budgetScale: z.number().min(0).max(10).optional(),
  granularity: z.enum(['month', 'week']).optional(),
};

/** Those fields, with the stored evidence's exposure weights, as the planning problem's options. */
export function horizonOptions(
  payload: {
    readonly startMonth: string;
    readonly years?: number | undefined;
    readonly budgetScale?: number | undefined;
    readonly granularity?: 'month' | 'week' | undefined;
  },
  exposureByAsset: FromDatasetOptions['exposureByAsset'],
): FromDatasetOptions {
  return {
    startMonth: payload.startMonth,
    ...(exposureByAsset === undefined ? {} : { exposureByAsset }),
    ...(payload.years !== undefined ? { years: payload.years } : {}),
    ...(payload.budgetScale !== undefined ? { budgetScale: payload.budgetScale } : {}),
    ...(payload.granularity !== undefined ? { granularity: payload.granularity } : {}),
  };
}
