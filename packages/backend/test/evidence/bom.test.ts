import { fileURLToPath } from 'node:url';
import { emptyDataset, exposureRiskMultipliers, type Dataset } from '@portguard/core';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { expect, it } from 'vitest';
import { exposureFromStore, importEvidence } from '../../src/evidence/service.js';
import { fixedClock } from '../../src/services/context.js';
import { forEachDialect } from '../support/databases.js';

const sample = (f: string) => fileURLToPath(new URL(`./samples/${f}`, import.meta.url));

/** Crane 01 carries the adapter board the HBOM sample describes; crane 02 has nothing to do with it. */
function inventory(): Dataset {
  const t = aTerminal({ id: 'term-b' as never });
  const c1 = aCrane(t.id, { id: 'sts-b-01' as never });
  const c2 = aCrane(t.id, { id: 'sts-b-02' as never });
  return {
    ...emptyDataset(),
    facilities: [t],
    assets: [c1, c2],
    components: [
      aComponent(c1.id, { id: 'sts-b-01-io' as never, kind: 'other', model: 'pcie-sata-adaptor-board' }),
    ],
  };
}

// None of the public sample BOMs names a covered entity; these stand in for the covered-entity list.
const covered = (name: string) => name === 'Samtec' || name === 'Acme, Inc.';

forEachDialect((_dialect, open) => {
  it('a covered supplier inside a crane’s BOM is a finding on that crane (tied by subject or by --asset)', async () => {
    const store = await open();
    const ctx = { store, clock: fixedClock('2026-11-26T12:00:00Z') };
    await importEvidence(ctx, [sample('bom-examples__HBOM_PCIe-SATA-adapter-board_bom.json')]);
    await importEvidence(ctx, [sample('cdx-spec-1.6__valid-metadata-supplier-1.6.json')], {
      assetId: 'sts-b-02',
    });
    await importEvidence(ctx, [sample('cdx-spec-1.6__valid-bom-1.6.json')]);

    const run = await exposureFromStore(ctx, { dataset: inventory(), isCoveredVendor: covered });
    expect(
      run.report.boms.map((b) => [b.file, b.tie.tied ? `${b.tie.assetId} ${b.tie.by}` : 'untied']),
    ).toEqual([
      ['bom-examples__HBOM_PCIe-SATA-adapter-board_bom.json', 'sts-b-01 component-model'],
      ['cdx-spec-1.6__valid-bom-1.6.json', 'untied'],
      ['cdx-spec-1.6__valid-metadata-supplier-1.6.json', 'sts-b-02 declared'],
    ]);
    const found = run.report.findings.filter((f) => f.kind === 'bom-covered-supplier');
    expect(found.map((f) => [f.assetId, f.componentId ?? null, f.weight, f.sources])).toEqual([
      ['sts-b-01', 'sts-b-01-io', 20, ['bom-examples__HBOM_PCIe-SATA-adapter-board_bom.json']],
      ['sts-b-02', null, 20, ['cdx-spec-1.6__valid-metadata-supplier-1.6.json']],
    ]);
    expect(found[0]!.summary).toMatch(/names covered entity Samtec: supplier of PCIE-098-02-F-D-EMS2/);
    expect(found[1]!.summary).toMatch(/Acme, Inc\.: supplier of metadata/);
    // The untied BOM names Acme too, but no asset to put it on: it is listed with its reason, not scored.
    const untied = run.report.boms[1]!;
    expect(untied.covered.map((o) => o.name)).toContain('Acme, Inc.');
    expect(untied.tie).toMatchObject({ tied: false, reason: expect.stringMatching(/Acme Application/) });
    expect(exposureRiskMultipliers(run.report).get('sts-b-01')).toBe(1.2);
  });
});
