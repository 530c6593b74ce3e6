import { exposureRiskMultipliers, type Dataset } from '@portguard/core';
import type { DbHandle } from '../db/index.js';
import { evidenceRepository } from '../db/repositories/evidence.js';
import { inventoryRepository } from '../db/repositories/inventory.js';
import { exposureFromStore } from './service.js';

/**
 * The planner's risk multipliers (1 + exposure score / 100) for the assets of `dataset`, from every evidence import
 * in the store and its stored zones; undefined when nothing was imported. Every path that plans from the store
 * passes this as `exposureByAsset`, so a crane's exposure weighs the same in `plan`, the dashboard, baselines,
 * re-plans and simulations.
 *
 * @example runPlanning(ds, { startMonth, methods, ...(e === undefined ? {} : { exposureByAsset: e }) })
 */
export async function exposureByAssetFromStore(
  store: DbHandle,
  dataset?: Dataset,
): Promise<Readonly<Record<string, number>> | undefined> {
  if ((await evidenceRepository(store.db, store.dialect).count()) === 0) return undefined;
  const run = await exposureFromStore({ store }, dataset === undefined ? {} : { dataset });
  return Object.fromEntries(exposureRiskMultipliers(run.report));
}

/** The stored inventory and its exposure multipliers, for a planning run over the whole store. */
export async function planningInputFromStore(
  store: DbHandle,
): Promise<{ dataset: Dataset; exposureByAsset?: Readonly<Record<string, number>> }> {
  const dataset = await inventoryRepository(store.db, store.dialect).load();
  const exposureByAsset = await exposureByAssetFromStore(store, dataset);
  return exposureByAsset === undefined ? { dataset } : { dataset, exposureByAsset };
}
