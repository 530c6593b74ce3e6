import {
  Asset,
  Component,
  Facility,
  Organisation,
  Supplier,
  TerminalCapacity,
  flatSeasonality,
  type AssetKind,
  type CraneSizeClass,
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
