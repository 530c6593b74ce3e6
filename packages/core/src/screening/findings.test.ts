import { describe, expect, it } from 'vitest';
import { Dataset, Designation, ids } from '../model/index.js';
import { aComponent, aCrane, anOrganisation, aSupplier, aTerminal } from '../testing/index.js';
import { diffFindings, reviewFinding, screenDataset, screeningContext } from './findings.js';
import { macVendorScreener, parseOuiCsv } from './oui.js';
import { smallRelease } from './testing-release.js';

const terminal = aTerminal();
const zpmcCrane = aCrane(terminal.id, {
  makerName: 'Shanghai Zhenhua Port Machinery Co',
  criticality: 'critical',
});
const konecranes = aCrane(terminal.id, { makerName: 'Konecranes Plc' });
const camera = aComponent(zpmcCrane.id, { kind: 'camera', makerName: 'Hikvision USA Inc.' });
const plc = aComponent(zpmcCrane.id, { kind: 'plc', makerName: 'Siemens AG' });
const reseller = anOrganisation({
  id: ids.organisation('org-acme-video'),
  legalName: 'Acme Video Systems LLC',
  country: 'US',
});
const resold = aComponent(konecranes.id, { kind: 'camera', makerId: reseller.id });
const supplier = aSupplier({
  name: 'ZPMC North America',
  trusted: false,
  trustReason: 'declared by the port',
});
const dataset = Dataset.parse({
  facilities: [terminal],
  assets: [zpmcCrane, konecranes],
  components: [camera, plc, resold],
  suppliers: [supplier],
  organisations: [reseller],
  ownershipLinks: [
    {
      parentId: 'ce-hikvision',
      childId: reseller.id,
      control: 'subsidiary',
      source: 'port due diligence 2026',
    },
  ],
});

describe('screenDataset with MAC addresses', () => {
  it('reveals Hikvision hardware sold under another brand, and keys findings by entity', () => {
    const oui = parseOuiCsv(
      'Registry,Assignment,Organization Name,Organization Address\nMA-L,4447CC,"Hangzhou Hikvision Digital Technology Co.,Ltd.",No.555 Qianmo Road\n',
    ).registry;
    const ctx = screeningContext(smallRelease());
    const whiteLabel = aComponent(zpmcCrane.id, {
      kind: 'camera',
      makerName: 'Acme Security',
      network: { ips: [], macs: ['44:47:cc:00:00:01'], imeis: [] },
    });
    const unlabelled = aComponent(zpmcCrane.id, {
      kind: 'camera',
      network: { ips: [], macs: ['44:47:cc:00:00:02'], imeis: [] },
    });
    const ds = Dataset.parse({
      facilities: [terminal],
      assets: [zpmcCrane],
      components: [whiteLabel, { ...unlabelled, makerName: undefined }],
    });
    const fs = screenDataset(ds, ctx, { macVendor: macVendorScreener(oui, ctx.index) });
    const f = fs.find((x) => x.id === `component:${whiteLabel.id}:ce-hikvision`)!;
    expect(f.basis).toBe('mac-vendor');
    expect(f.macEvidence).toEqual([
      {
        mac: '44:47:cc:00:00:01',
        prefix: '4447CC',
        registeredTo: 'Hangzhou Hikvision Digital Technology Co.,Ltd.',
      },
    ]);
    expect(f.owners.map((o) => o.organisationId)).toEqual(['ce-cetc']);
    expect(fs.find((x) => x.id === `component:${unlabelled.id}:ce-hikvision`)?.subject.name).toBe(
      '(maker not recorded)',
    );
    expect(screenDataset(ds, ctx).filter((x) => x.subject.kind === 'component')).toEqual([]);
  });
});

describe('screenDataset', () => {
  const ctx = screeningContext(smallRelease());
  const findings = screenDataset(dataset, ctx);
  const byId = new Map(findings.map((f) => [f.id, f]));

  it('flags the crane maker by name and walks ZPMC up to CCCC with its 1260H citation', () => {
    const f = byId.get(`asset:${zpmcCrane.id}:ce-zpmc`)!;
    expect(f.basis).toBe('name');
    expect(f.explanation?.candidateName).toBe('Shanghai Zhenhua Port Machinery Co., Ltd.');
    expect(f.owners.map((o) => o.organisationId)).toEqual(['ce-cccc']);
    expect(f.owners[0]!.above.map((s) => s.parentId)).toEqual(['ce-cccg', 'ce-sasac']);
    expect(f.designations.map((d) => d.citation)).toEqual(['MARAD 2024-002', 'DoD 1260H tranche 2']);
    expect(f.severity).toBe('critical');
    expect(f.review).toEqual({ status: 'open' });
    expect(f.listVersion).toBe('test-1');
  });
  it('flags components and suppliers, and nothing for trusted makers', () => {
    const cam = byId.get(`component:${camera.id}:ce-hikvision`)!;
    expect(cam.severity).toBe('critical');
    expect(cam.severityReasons).toEqual(['fcc-covered-list', 'critical criticality']);
    const onLowAsset = screenDataset(
      Dataset.parse({ ...dataset, assets: [{ ...zpmcCrane, criticality: 'low' }, konecranes] }),
      ctx,
    ).find((f) => f.id === cam.id)!;
    expect(onLowAsset.severity).toBe('medium');
    expect(byId.get(`supplier:${supplier.id}:ce-zpmc`)).toBeDefined();
    expect(findings.filter((f) => f.subject.id === konecranes.id || f.subject.id === plc.id)).toEqual([]);
  });
  it('flags an inventory organisation owned by a covered one, with the chain', () => {
    const f = byId.get(`component:${resold.id}:ce-hikvision`)!;
    expect(f.basis).toBe('ownership');
    expect(f.owners[0]!.chain.map((s) => [s.parentId, s.control, s.source])).toEqual([
      ['ce-hikvision', 'subsidiary', 'port due diligence 2026'],
    ]);
    expect(byId.get(`component:${resold.id}:ce-cetc`)).toBeDefined();
  });
  it('keeps review decisions across re-screening and reports what changed', () => {
    const reviewed = findings.map((f) =>
      f.subject.kind === 'supplier'
        ? reviewFinding(f, {
            status: 'false-positive',
            reviewer: 'pso@port',
            reason: 'different firm',
            at: '2026-11-26',
          })
        : f,
    );
    const next = smallRelease('test-2', {
      designations: [
        ...smallRelease().designations.filter((d) => d.organisationId !== 'ce-hikvision'),
        Designation.parse({
          id: 'd-zte-x',
          organisationId: 'ce-zte',
          list: 'other',
          date: '2026-01-01',
          citation: 'x',
          equipmentCategories: ['all'],
        }),
      ],
      ownershipLinks: smallRelease().ownershipLinks.filter((l) => l.childId !== 'ce-zpmc'),
    });
    const again = screenDataset(dataset, screeningContext(next), { previous: reviewed });
    expect(again.find((f) => f.subject.kind === 'supplier')?.review.status).toBe('false-positive');
    const diff = diffFindings(reviewed, again);
    expect(diff).toMatchObject({ fromVersion: 'test-1', toVersion: 'test-2' });
    const changed = new Map(diff.changed.map((c) => [c.after.id, c.fields]));
    expect(changed.get(`asset:${zpmcCrane.id}:ce-zpmc`)).toEqual(
      expect.arrayContaining(['designations', 'ownership']),
    );
    expect(changed.get(`component:${camera.id}:ce-hikvision`)).toContain('designations');
    expect(diff.added).toEqual([]);
    // Hikvision is no longer designated: what the reseller inherited from it goes; what it inherits from CETC stays.
    expect(diff.removed.map((f) => f.id)).toEqual([`component:${resold.id}:ce-hikvision`]);
    expect(again.find((f) => f.id === `component:${resold.id}:ce-cetc`)).toBeDefined();
  });
});

describe('screenDataset and inventory copies of the list', () => {
  it('takes designations of listed organisations from the release, keeps the inventory’s own', () => {
    const release = smallRelease();
    const dahuaDes = release.designations.filter((d) => d.organisationId === 'ce-dahua');
    expect(dahuaDes.length).toBeGreaterThan(0);
    const cam = aComponent(konecranes.id, { kind: 'camera', makerName: 'Dahua' });
    const holding = anOrganisation({ id: ids.organisation('org-holding'), legalName: 'Holding Example Ltd' });
    const own = Designation.parse({
      id: 'des-holding-port-ban',
      organisationId: holding.id,
      list: 'other',
      date: '2026-01-01',
      citation: 'port security directive 7',
      equipmentCategories: ['video-surveillance'],
    });
    const ds = Dataset.parse({
      facilities: [terminal],
      assets: [konecranes],
      components: [cam],
      organisations: [holding],
      ownershipLinks: [{ parentId: holding.id, childId: 'ce-dahua', control: 'ownership', source: 'test' }],
      // A stale copy of the list: its Dahua designations must not outlive the release that dropped them.
      designations: [...dahuaDes, own],
    });
    const updated = {
      ...release,
      designations: release.designations.filter((d) => d.organisationId !== 'ce-dahua'),
    };
    const ids_ = (r: typeof release) =>
      screenDataset(ds, screeningContext(r))
        .find((f) => f.entity.organisationId === 'ce-dahua')!
        .designations.map((d) => d.id)
        .sort();
    expect(ids_(release)).toEqual([...dahuaDes.map((d) => d.id), own.id].sort());
    expect(ids_(updated)).toEqual([own.id]);
  });
});
