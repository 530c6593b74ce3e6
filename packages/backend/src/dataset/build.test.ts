import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CoveredListRelease, Dataset, demandTeuInMonth, teuPerCraneMonth } from '@portguard/core';
import { COVERED_LIST_FILE, NATIONAL_DATASET_FILE, buildBundledFiles, readDatasetSources } from './build.js';
import { loadBundledDataset, loadCoveredList } from './load.js';

const sources = readDatasetSources();
const built = buildBundledFiles({ sources });
const dataset = loadBundledDataset();
const coveredList = loadCoveredList();

describe('bundled national dataset', () => {
  it('is exactly what the builder produces from data/sources (re-run npm run dataset:build)', () => {
    expect(readFileSync(NATIONAL_DATASET_FILE, 'utf8')).toBe(built.datasetJson);
    expect(readFileSync(COVERED_LIST_FILE, 'utf8')).toBe(built.coveredListJson);
  });

  it('parses with the Dataset and CoveredListRelease schemas', () => {
    expect(Dataset.safeParse(JSON.parse(built.datasetJson)).success).toBe(true);
    expect(CoveredListRelease.safeParse(JSON.parse(built.coveredListJson)).success).toBe(true);
    expect(coveredList.version).toBe('2026.11-1');
  });

  it('has the headline numbers of the research notes (terminal-cranes.md §2-§3)', () => {
    const cranes = dataset.assets.filter((a) => a.kind === 'sts-crane');
    expect(dataset.ports).toHaveLength(26);
    expect(cranes).toHaveLength(476);
    expect(cranes.filter((c) => c.makerId === 'ce-zpmc')).toHaveLength(205);
    expect(built.report.prcMade).toEqual({ sourced: 127, inferred: 28, estimated: 50, total: 205 });
    expect(built.report.namedNonZpmc).toBe(44);
    expect(built.report.unknownMaker).toBe(277);
    expect(cranes.every((c) => c.status === 'in-service' && c.sizeClass !== undefined)).toBe(true);
    const params = new Map((dataset.parameters ?? []).map((p) => [p.name, p.value]));
    expect(params.get('national-prc-made-share')).toBe(0.8);
    expect(params.get('national-prc-made-count')).toBe(200);
    expect(params.get('zpmc-share-of-unknown-maker-cranes')).toBe(0.18);
  });

  it('scenario B (s = 0.78) attributes more unknown-maker cranes to ZPMC, same fleet', () => {
    const b = buildBundledFiles({ sources, zpmcShare: 0.78 }).report;
    expect(b.stsCranes).toBe(476);
    expect(b.prcMade.estimated).toBe(Math.round(277 * 0.78));
    expect(b.prcMade.total).toBe(155 + Math.round(277 * 0.78));
  });

  it('expands each terminal record into exactly its crane count and its unknown-maker count', () => {
    for (const r of sources.terminals) {
      if (r.record_type === 'terminal_in_pool' || r.sts_cranes === null) continue;
      const fac = dataset.facilities.find((f) => f.name === r.terminal);
      expect(fac, r.terminal).toBeDefined();
      const cranes = dataset.assets.filter((a) => a.facilityId === fac?.id && a.kind === 'sts-crane');
      const residual = cranes.filter((c) => c.provenance.facilityId?.kind === 'estimated').length;
      expect(cranes.length - residual, r.terminal).toBe(r.sts_cranes);
      const fromSources = cranes.filter((c) => c.provenance.facilityId?.kind === 'sourced');
      const unknownOrAttributed = fromSources.filter(
        (c) => c.provenance.makerName?.kind === 'estimated',
      ).length;
      expect(unknownOrAttributed, r.terminal).toBe(r.unknown_maker ?? 0);
    }
  });

  it('has no dangling or duplicate ids', () => {
    const orgs = new Set(dataset.organisations.map((o) => o.id));
    const ports = new Set(dataset.ports.map((p) => p.id));
    const facilities = new Set(dataset.facilities.map((f) => f.id));
    const assets = new Set(dataset.assets.map((a) => a.id));
    expect(orgs.size).toBe(dataset.organisations.length);
    expect(facilities.size).toBe(dataset.facilities.length);
    expect(assets.size).toBe(dataset.assets.length);
    expect(new Set(dataset.components.map((c) => c.id)).size).toBe(dataset.components.length);
    expect(new Set(dataset.designations.map((d) => d.id)).size).toBe(dataset.designations.length);
    const dangling = [
      ...dataset.assets
        .filter((a) => !facilities.has(a.facilityId))
        .map((a) => `asset ${a.id} -> ${a.facilityId}`),
      ...dataset.assets
        .filter((a) => a.makerId !== undefined && !orgs.has(a.makerId))
        .map((a) => `asset ${a.id} maker ${a.makerId}`),
      ...dataset.facilities
        .filter((f) => f.portId !== undefined && !ports.has(f.portId))
        .map((f) => `facility ${f.id} -> ${f.portId}`),
      ...dataset.capacities
        .filter((c) => !facilities.has(c.facilityId))
        .map((c) => `capacity ${c.facilityId}`),
      ...dataset.components
        .filter((c) => !assets.has(c.assetId))
        .map((c) => `component ${c.id} -> ${c.assetId}`),
      ...dataset.components
        .filter((c) => c.makerId !== undefined && !orgs.has(c.makerId))
        .map((c) => `component ${c.id} maker`),
      ...dataset.ownershipLinks.flatMap((l) =>
        [l.parentId, l.childId].filter((id) => !orgs.has(id)).map((id) => `link ${id}`),
      ),
      ...dataset.designations.filter((d) => !orgs.has(d.organisationId)).map((d) => `designation ${d.id}`),
      ...dataset.suppliers
        .filter((s) => s.organisationId !== undefined && !orgs.has(s.organisationId))
        .map((s) => `supplier ${s.id}`),
    ];
    expect(dangling).toEqual([]);
    const releaseOrgs = new Set(coveredList.organisations.map((o) => o.id));
    expect(coveredList.designations.filter((d) => !releaseOrgs.has(d.organisationId))).toEqual([]);
  });

  it('walks the ownership chains up to the state owner', () => {
    const parentOf = (id: string) => dataset.ownershipLinks.find((l) => l.childId === id)?.parentId;
    const chain = (id: string) => {
      const out = [id];
      for (let p = parentOf(id); p !== undefined && out.length < 10; p = parentOf(p)) out.push(p);
      return out;
    };
    expect(chain('ce-zpmc')).toEqual(['ce-zpmc', 'ce-cccc', 'ce-cccg', 'ce-sasac']);
    expect(chain('ce-nuctech')).toEqual(['ce-nuctech', 'ce-tongfang', 'ce-cnnc', 'ce-sasac']);
    expect(chain('ce-hikvision')).toEqual(['ce-hikvision', 'ce-cetc', 'ce-sasac']);
    const cccc1260h = dataset.designations.find(
      (d) => d.organisationId === 'ce-cccc' && d.list === 'dod-1260h',
    );
    expect(cccc1260h?.date).toBe('2020-08-28');
  });

  it('keeps every terminal feasible: base-year peak within 85% of the fleet (one crane out from 3 up), 2036 peak within the fleet', () => {
    const peak = (c: (typeof dataset.capacities)[number], year: number) =>
      Math.max(...Array.from({ length: 12 }, (_, m) => demandTeuInMonth(c, year, m)));
    expect(dataset.capacities.length).toBe(47);
    for (const c of dataset.capacities) {
      const n = dataset.assets.filter((a) => a.facilityId === c.facilityId && a.kind === 'sts-crane').length;
      const perCrane = teuPerCraneMonth(c);
      expect(peak(c, c.baseYear), c.facilityId).toBeLessThanOrEqual(0.85 * n * perCrane + 1e-6);
      if (n >= 3) expect(peak(c, c.baseYear), c.facilityId).toBeLessThanOrEqual((n - 1) * perCrane + 1e-6);
      expect(peak(c, 2036), c.facilityId).toBeLessThanOrEqual(n * perCrane + 1e-6);
      expect(c.minCranesInService * perCrane, c.facilityId).toBeGreaterThanOrEqual(
        peak(c, c.baseYear) - 1e-6,
      );
      expect(c.railSlots).toBe(n + 2);
    }
  });

  it('cites or states a rule for every crane field and every supplier, funding and capacity number', () => {
    for (const a of dataset.assets.filter((x) => x.kind === 'sts-crane')) {
      expect(Object.keys(a.provenance), a.id).toEqual(
        expect.arrayContaining(['facilityId', 'makerName', 'sizeClass', 'criticality']),
      );
    }
    for (const c of dataset.capacities) expect(Object.keys(c.provenance)).toHaveLength(11);
    for (const f of dataset.fundingPrograms) expect(f.provenance.appropriations?.kind).toBe('estimated');
    expect(built.provenanceCounts.sourced).toBeGreaterThan(1000);
    expect(built.provenanceCounts.estimated).toBeGreaterThan(1000);
  });

  it('makes ZPMC an untrusted supplier, citing its designations, and the others trusted with no tariff', () => {
    const zpmc = dataset.suppliers.find((s) => s.organisationId === 'ce-zpmc');
    expect(zpmc?.trusted).toBe(false);
    expect(zpmc?.trustReason).toMatch(/1260H/);
    const trusted = dataset.suppliers.filter(
      (s) => s.trusted && s.offers.some((o) => o.sizeClass === 'super-post-panamax'),
    );
    expect(trusted.map((s) => s.country).sort()).toEqual(['FI', 'IE', 'JP', 'KR']);
    expect(
      trusted.every((s) => s.tariffRate === 0 && s.leadTimeMonths.mode > (zpmc?.leadTimeMonths.mode ?? 0)),
    ).toBe(true);
  });

  it('marks the CCTV sites and crane components as illustrative', () => {
    const cctv = dataset.assets.filter((a) => a.kind === 'cctv-camera' || a.kind === 'nvr-vms');
    expect(new Set(cctv.map((a) => a.makerId))).toEqual(new Set(['ce-hikvision', 'ce-dahua']));
    expect(cctv.every((a) => a.provenance.makerName?.kind === 'estimated')).toBe(true);
    expect(dataset.components.every((c) => c.provenance?.network?.kind === 'estimated')).toBe(true);
    expect(dataset.components.some((c) => c.kind === 'cellular-modem')).toBe(true);
    // Their replacement rule: an illustrative trusted integrator for both kinds, and a grant that pays for them alone.
    const integrators = dataset.suppliers.filter((s) =>
      s.offers.some((o) => o.sizeClass === 'cctv-camera' || o.sizeClass === 'nvr-vms'),
    );
    expect(integrators.map((s) => [s.name, s.trusted, s.offers.map((o) => o.sizeClass)])).toEqual([
      ['Sample CCTV integrator (illustrative)', true, ['cctv-camera', 'nvr-vms']],
    ]);
    expect(integrators[0]?.provenance.offers?.kind).toBe('estimated');
    const payers = dataset.fundingPrograms.filter((p) => p.eligibleAssetKinds?.includes('cctv-camera'));
    expect(payers.map((p) => p.eligibleAssetKinds)).toEqual([['cctv-camera', 'nvr-vms']]);
    const sites = new Set(cctv.map((a) => dataset.facilities.find((f) => f.id === a.facilityId)?.kind));
    for (const kind of sites) expect(payers[0]?.eligibleFacilityKinds).toContain(kind);
    expect(
      dataset.fundingPrograms
        .filter((p) => p.eligibleAssetKinds?.includes('sts-crane'))
        .map((p) => p.eligibleAssetKinds),
    ).toEqual([['sts-crane']]);
  });
});
