import { Dataset, flatSeasonality, type DatasetInput } from '@portguard/core';
import { aCapacity, aComponent, aCrane, aSupplier, aTerminal } from '@portguard/core/testing';

/**
 * A small dataset touching every table and every kind of column: optional fields present and absent,
 * provenance maps, booleans, large cent amounts, non-Latin names, values that look like spreadsheet formulas.
 */
export function sampleDataset(): Dataset {
  const t1 = aTerminal({
    id: 'fac-lb-a' as never,
    name: 'Pier A Terminal',
    portId: 'port-lb' as never,
    location: { lat: 33.75, lon: -118.2 },
  });
  const t2 = aTerminal({
    id: 'fac-sav-1' as never,
    name: 'Garden City',
    portId: 'port-sav' as never,
    region: 'east',
  });
  const input: DatasetInput = {
    organisations: [
      {
        id: 'ce-zpmc',
        legalName: 'Shanghai Zhenhua Heavy Industries Co., Ltd.',
        aliases: ['ZPMC', 'Zhenhua'],
        otherScriptNames: [{ script: 'Hans', name: '上海振华重工' }],
        identifiers: { uscc: '91310000607206953D' },
        country: 'CN',
        roles: ['maker'],
      },
      {
        id: 'ce-cccc',
        legalName: 'China Communications Construction Company',
        country: 'CN',
        roles: ['owner'],
      },
      { id: 'org-konecranes', legalName: 'Konecranes', country: 'FI', roles: ['maker', 'supplier'] },
    ],
    ownershipLinks: [
      {
        parentId: 'ce-cccc',
        childId: 'ce-zpmc',
        control: 'ownership',
        percent: 16.18,
        source: 'ZPMC annual report',
        asOf: '2023-12-31',
      },
    ],
    designations: [
      {
        id: 'des-cccc-1260h',
        organisationId: 'ce-cccc',
        list: 'dod-1260h',
        date: '2021-06-03',
        citation: '=cmd|calc 1260H list',
        equipmentCategories: ['all'],
      },
    ],
    ports: [
      {
        id: 'port-lb',
        name: 'Long Beach',
        state: 'CA',
        location: { lat: 33.754, lon: -118.216 },
        teuPerYear: 9_133_657,
        teuYear: 2022,
        provenance: { teuPerYear: { kind: 'sourced', citation: 'ttnews 2023', confidence: 'H' } },
      },
      { id: 'port-sav', name: 'Savannah', state: 'GA', location: { lat: 32.08, lon: -81.09 } },
    ],
    facilities: [t1, t2],
    capacities: [
      aCapacity('fac-lb-a', {
        growthPerYear: -0.015,
        provenance: { berths: { kind: 'estimated', rule: 'quay length / 350 m' } },
      }),
      aCapacity('fac-sav-1', { seasonality: flatSeasonality }),
    ],
    assets: [
      aCrane('fac-lb-a', {
        id: 'crane-lb-1' as never,
        makerId: 'ce-zpmc' as never,
        serial: '+1 555 0100',
        provenance: { yearCommissioned: { kind: 'user', note: 'from the plaque' } },
      }),
      aCrane('fac-lb-a', {
        id: 'crane-lb-2' as never,
        makerName: 'Konecranes',
        sizeClass: 'post-panamax',
        model: '@risk',
        status: 'out-of-service',
      }),
      aCrane('fac-sav-1', { id: 'crane-sav-1' as never, makerName: 'ZPMC', criticality: 'critical' }),
    ],
    components: [
      aComponent('crane-lb-1', {
        id: 'comp-1' as never,
        kind: 'cellular-modem',
        network: { ips: ['10.0.0.7'], macs: ['00:11:22:aa:bb:cc'], imeis: ['356938035643809'] },
      }),
      aComponent('crane-lb-1', {
        id: 'comp-2' as never,
        firmware: '-v2.1; beta',
        provenance: { firmware: { kind: 'user' } },
      }),
    ],
    suppliers: [
      aSupplier({
        id: 'sup-kc' as never,
        organisationId: 'org-konecranes' as never,
        installationCents: 250_000_000_00,
        tariffRate: 0,
      }),
      aSupplier({
        id: 'sup-zpmc' as never,
        trusted: false,
        country: 'CN',
        trustReason: 'covered entity (CCCC subsidiary)',
        tariffRate: 0.25,
      }),
    ],
    fundingPrograms: [
      {
        id: 'fp-pidp',
        name: 'Port Infrastructure Development Program',
        appropriations: [{ fiscalYear: 2026, amountCents: 45_000_000_000_00 }],
        eligibleFacilityKinds: ['container-terminal'],
        carryOver: true,
        localShare: 0.2,
      },
      {
        id: 'fp-other',
        name: 'Other',
        appropriations: [],
        eligibleFacilityKinds: ['government-site', 'emergency-operations-center'],
        carryOver: false,
        localShare: 0,
      },
    ],
    parameters: [
      {
        name: 'national-prc-share',
        value: 0.8,
        unit: 'fraction',
        description: 'nearly 80%',
        provenance: { kind: 'sourced', citation: 'USCG 2024', confidence: 'M' },
      },
      {
        name: 'prc-crane-count',
        value: 200,
        unit: 'cranes',
        provenance: { kind: 'sourced', citation: 'RADM Vann, Feb 2024' },
      },
    ],
  };
  return Dataset.parse(input);
}
