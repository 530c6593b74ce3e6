import {
  Asset,
  Component,
  Dataset,
  Designation,
  Facility,
  FundingProgram,
  ids,
  Organisation,
  Supplier,
  TerminalCapacity,
  flatSeasonality,
  type AssetKind,
  type CraneSizeClass,
  type DatasetInput,
} from '../model/index.js';

let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

export const anOrganisation = (over: Partial<Organisation> = {}): Organisation =>
  Organisation.parse({
    id: next('org'),
    legalName: 'Acme Cranes Ltd',
    country: 'US',
    roles: ['maker'],
    ...over,
  });

export const aTerminal = (over: Partial<Facility> = {}): Facility =>
  Facility.parse({
    id: next('term'),
    kind: 'container-terminal',
    name: 'Test Terminal',
    region: 'west',
    ...over,
  });

export const aCapacity = (facilityId: string, over: Partial<TerminalCapacity> = {}): TerminalCapacity =>
  TerminalCapacity.parse({
    facilityId,
    berths: 4,
    movesPerCraneHour: 28,
    operatingHoursPerMonth: 600,
    teuPerMove: 1.6,
    maxUtilisation: 0.65,
    demandTeuPerYear: 500_000,
    baseYear: 2026,
    seasonality: flatSeasonality,
    growthPerYear: 0.02,
    minCranesInService: 2,
    railSlots: 12,
    ...over,
  });

export const aCrane = (
  facilityId: string,
  over: Partial<Omit<Asset, 'kind'>> & { kind?: AssetKind; sizeClass?: CraneSizeClass } = {},
): Asset =>
  Asset.parse({
    id: next('crane'),
    facilityId,
    kind: 'sts-crane',
    makerName: 'ZPMC',
    yearCommissioned: 2015,
    status: 'in-service',
    sizeClass: 'super-post-panamax',
    criticality: 'high',
    ...over,
  });

export const aComponent = (assetId: string, over: Partial<Component> = {}): Component =>
  Component.parse({ id: next('comp'), assetId, kind: 'plc', makerName: 'Siemens', ...over });

export const aSupplier = (over: Partial<Supplier> = {}): Supplier =>
  Supplier.parse({
    id: next('sup'),
    name: 'Trusted Crane Works',
    country: 'JP',
    trusted: true,
    trustReason: 'not a covered entity; no covered ownership',
    offers: [
      { sizeClass: 'super-post-panamax', priceCents: 1_400_000_000, capacityPerQuarter: 3 },
      { sizeClass: 'post-panamax', priceCents: 1_000_000_000, capacityPerQuarter: 3 },
    ],
    leadTimeMonths: { min: 20, mode: 24, max: 30 },
    deliveryModes: [{ mode: 'fully-erected', commissioningMonths: { min: 2, mode: 3, max: 4 } }],
    ...over,
  });

/**
 * A port terminal with two covered cranes of four, and an emergency operations center with three covered cameras of
 * five (the CCTV case), each with its own funding program; with `cameraOffer`, a trusted supplier offers cameras
 * (two a quarter, $2,000 installed, two months' lead time and one to install) and the camera program pays for three.
 */
export function cameraSiteDataset(options: { readonly cameraOffer: boolean }): Dataset {
  const port = aTerminal({ id: ids.facility('term-a'), name: 'Alpha', region: 'west' });
  const eoc = aTerminal({
    id: ids.facility('eoc-1'),
    kind: 'emergency-operations-center',
    name: 'County EOC',
    region: 'west',
  });
  const camera = (id: string, makerName: string, yearCommissioned: number) =>
    Asset.parse({
      id,
      facilityId: 'eoc-1',
      kind: 'cctv-camera',
      makerName,
      yearCommissioned,
      status: 'in-service',
      criticality: 'medium',
    });
  const input: DatasetInput = {
    organisations: [
      anOrganisation({ id: ids.organisation('ce-zpmc'), legalName: 'ZPMC', aliases: ['ZPMC'] }),
      anOrganisation({
        id: ids.organisation('ce-hik'),
        legalName: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
        aliases: ['Hikvision'],
      }),
    ],
    designations: [
      Designation.parse({
        id: 'd-zpmc',
        organisationId: 'ce-zpmc',
        list: 'dod-1260h',
        date: '2021-06-03',
        citation: 'DoD 1260H list',
        equipmentCategories: ['all'],
      }),
      Designation.parse({
        id: 'd-hik',
        organisationId: 'ce-hik',
        list: 'fcc-covered-list',
        date: '2021-03-12',
        citation: 'FCC Covered List',
        equipmentCategories: ['all'],
      }),
    ],
    facilities: [port, eoc],
    capacities: [aCapacity('term-a', { railSlots: 9, minCranesInService: 1, demandTeuPerYear: 300_000 })],
    assets: [
      aCrane('term-a', { id: ids.asset('z1'), makerName: 'ZPMC' }),
      aCrane('term-a', { id: ids.asset('z2'), makerName: 'ZPMC' }),
      aCrane('term-a', { id: ids.asset('k1'), makerName: 'Konecranes' }),
      aCrane('term-a', { id: ids.asset('k2'), makerName: 'Konecranes' }),
      camera('cam-1', 'Hikvision', 2018),
      camera('cam-2', 'Hikvision', 2016),
      camera('cam-3', 'Hikvision', 2019),
      camera('cam-4', 'Axis', 2020),
      camera('cam-5', 'Axis', 2021),
    ],
    suppliers: [
      aSupplier({ id: ids.supplier('sup-cranes') }),
      ...(options.cameraOffer
        ? [
            aSupplier({
              id: ids.supplier('sup-cameras'),
              name: 'Trusted Camera Co.',
              country: 'SE',
              offers: [{ sizeClass: 'cctv-camera', priceCents: 150_000, capacityPerQuarter: 2 }],
              leadTimeMonths: { min: 1, mode: 2, max: 3 },
              deliveryModes: [{ mode: 'fully-erected', commissioningMonths: { min: 0, mode: 1, max: 1 } }],
              installationCents: 50_000,
            }),
          ]
        : []),
    ],
    fundingPrograms: [
      FundingProgram.parse({
        id: 'ports',
        name: 'Crane replacement',
        appropriations: [2027, 2028, 2029, 2030, 2031].map((fiscalYear) => ({
          fiscalYear,
          amountCents: 3_000_000_000,
        })),
        eligibleFacilityKinds: ['container-terminal'],
        carryOver: true,
        localShare: 0.2,
      }),
      FundingProgram.parse({
        id: 'cameras',
        name: 'Covered camera removal',
        appropriations: [{ fiscalYear: 2027, amountCents: 700_000 }],
        eligibleFacilityKinds: ['emergency-operations-center'],
        carryOver: true,
        localShare: 0,
      }),
    ],
  };
  return Dataset.parse(input);
}
