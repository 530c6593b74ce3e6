import { describe, expect, it } from 'vitest';
import { aComponent, aCrane, aTerminal } from '../testing/index.js';
import { assetOfBom } from './bom-assets.js';
import type { BomSummary } from './observations.js';

const t = aTerminal({ id: 'term-b' as never });
const c1 = aCrane(t.id, { id: 'sts-b-01' as never, serial: 'ZP-2019-0042', model: 'STS-65' });
const c2 = aCrane(t.id, { id: 'sts-b-02' as never, model: 'STS-65' });
const c3 = aCrane(t.id, { id: 'sts-b-03' as never, model: 'STS-70' });
const plc = aComponent(c2.id, { id: 'sts-b-02-plc' as never, kind: 'plc', model: 'S7-1500' });
const ds = { assets: [c1, c2, c3], components: [plc] };
const bom = (name: string, extra: Partial<BomSummary> = {}): BomSummary => ({
  file: 'bom.json',
  subject: { name, type: 'device' },
  organisations: [],
  ...extra,
});

describe('assetOfBom', () => {
  it('ties a BOM by the asset serial, the asset id, a component id or a component model', () => {
    expect(assetOfBom(bom('zp-2019-0042'), ds)).toEqual({
      tied: true,
      assetId: 'sts-b-01',
      by: 'asset-serial',
    });
    expect(assetOfBom(bom('sts-b-03'), ds)).toEqual({ tied: true, assetId: 'sts-b-03', by: 'asset-id' });
    expect(assetOfBom(bom('sts-b-02-plc'), ds)).toMatchObject({
      assetId: 'sts-b-02',
      componentId: 'sts-b-02-plc',
      by: 'component-id',
    });
    expect(assetOfBom(bom('S7-1500'), ds)).toMatchObject({ assetId: 'sts-b-02', by: 'component-model' });
    expect(assetOfBom(bom('STS-70'), ds)).toEqual({ tied: true, assetId: 'sts-b-03', by: 'asset-model' });
  });

  it('ties nothing when the name fits a whole fleet or nothing, and says why', () => {
    expect(assetOfBom(bom('STS-65'), ds)).toEqual({
      tied: false,
      reason: '"STS-65" is the model of 2 inventory items; give the asset on import (--asset)',
    });
    expect(assetOfBom(bom('Acme Application'), ds)).toMatchObject({
      tied: false,
      reason: expect.stringMatching(/matches no asset/),
    });
    expect(assetOfBom({ file: 'b.json', organisations: [] }, ds)).toMatchObject({ tied: false });
  });

  it('the asset given on import wins, if the inventory has it', () => {
    expect(assetOfBom(bom('S7-1500', { assetId: 'sts-b-03' }), ds)).toEqual({
      tied: true,
      assetId: 'sts-b-03',
      by: 'declared',
    });
    expect(assetOfBom(bom('S7-1500', { assetId: 'sts-zz' }), ds)).toEqual({
      tied: false,
      reason: 'asset sts-zz given on import is not in the inventory',
    });
  });
});
