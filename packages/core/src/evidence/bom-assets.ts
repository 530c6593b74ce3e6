import type { Dataset } from '../model/inventory.js';
import type { BomSummary } from './observations.js';

export type BomTie =
  | {
      readonly tied: true;
      readonly assetId: string;
      readonly componentId?: string;
      /** How: declared on import, or which inventory field the BOM subject's name matched. */
      readonly by:
        'declared' | 'asset-serial' | 'asset-id' | 'component-id' | 'component-model' | 'asset-model';
    }
  | { readonly tied: false; readonly reason: string };

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * The inventory asset a BOM describes: the asset given on import, else the one whose serial or id, or whose
 * component's id, is the BOM subject's name (or group/name), else the only component or asset whose model it is.
 * A name that fits several assets ties nothing: a model shared by a fleet does not say which crane.
 *
 * @example assetOfBom({ file: 'plc.cdx.json', subject: { name: 'SN-4711', type: 'device' }, organisations: [] }, ds)
 */
export function assetOfBom(bom: BomSummary, dataset: Pick<Dataset, 'assets' | 'components'>): BomTie {
  if (bom.assetId !== undefined)
    return dataset.assets.some((a) => a.id === bom.assetId)
      ? { tied: true, assetId: bom.assetId, by: 'declared' }
      : { tied: false, reason: `asset ${bom.assetId} given on import is not in the inventory` };
  const s = bom.subject;
  if (s === undefined) return { tied: false, reason: 'the BOM has no metadata component' };
  const names = new Set([norm(s.name), ...(s.group === undefined ? [] : [norm(`${s.group}/${s.name}`)])]);
  const is = (v: string | undefined) => v !== undefined && names.has(norm(v));
  const one = <T>(xs: readonly T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

  const bySerial = one(dataset.assets.filter((a) => is(a.serial)));
  if (bySerial) return { tied: true, assetId: bySerial.id, by: 'asset-serial' };
  const byId = dataset.assets.find((a) => is(a.id));
  if (byId) return { tied: true, assetId: byId.id, by: 'asset-id' };
  const byComponentId = dataset.components.find((c) => is(c.id));
  if (byComponentId)
    return { tied: true, assetId: byComponentId.assetId, componentId: byComponentId.id, by: 'component-id' };
  const models = dataset.components.filter((c) => is(c.model));
  const byModel = one(models);
  if (byModel)
    return { tied: true, assetId: byModel.assetId, componentId: byModel.id, by: 'component-model' };
  const assetModels = dataset.assets.filter((a) => is(a.model));
  const byAssetModel = one(assetModels);
  if (byAssetModel && models.length === 0) return { tied: true, assetId: byAssetModel.id, by: 'asset-model' };
  const many = models.length + assetModels.length;
  return {
    tied: false,
    reason:
      many > 1
        ? `"${s.name}" is the model of ${many} inventory items; give the asset on import (--asset)`
        : `"${s.name}" matches no asset serial, id or model and no component id or model`,
  };
}
