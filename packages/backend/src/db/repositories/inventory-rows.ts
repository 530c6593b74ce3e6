import {
  Asset,
  Component,
  DatasetParameter,
  Designation,
  Facility,
  FundingProgram,
  Organisation,
  OwnershipLink,
  Port,
  Supplier,
  TerminalCapacity,
  type Dataset,
} from '@portguard/core';
import { decodeBool, decodeJson, encodeBool, encodeJson, type DialectName } from '../quirks.js';
import type { Database } from '../schema.js';

/** The Dataset arrays stored by the inventory tables. */
export type InventoryKey = Exclude<keyof Dataset, 'formatVersion'>;

type Row<T extends keyof Database> = Database[T];
export type InventoryItem<K extends InventoryKey> =
  NonNullable<Dataset[K]> extends readonly (infer U)[] ? U : never;

/** Drops null and undefined values so optional domain fields stay absent. */
function present(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export interface TableMapping<K extends InventoryKey, T extends keyof Database> {
  readonly key: K;
  readonly table: T;
  /** Primary key columns, for upserts. */
  readonly keyColumns: readonly (keyof Row<T> & string)[];
  /** Natural order of the domain values, used for deterministic exports. */
  readonly sortKey: (v: InventoryItem<K>) => string;
  toRow(v: InventoryItem<K>, dialect: DialectName): Row<T>;
  fromRow(r: Row<T>): InventoryItem<K>;
}

const mapping = <K extends InventoryKey, T extends keyof Database>(m: TableMapping<K, T>) => m;

export const organisations = mapping({
  key: 'organisations',
  table: 'organisations',
  keyColumns: ['id'],
  sortKey: (o) => o.id,
  toRow: (o) => ({
    id: o.id,
    legal_name: o.legalName,
    aliases: encodeJson(o.aliases),
    other_script_names: encodeJson(o.otherScriptNames),
    identifiers: encodeJson(o.identifiers),
    country: nul(o.country),
    roles: encodeJson(o.roles),
  }),
  fromRow: (r) =>
    Organisation.parse(
      present({
        id: r.id,
        legalName: r.legal_name,
        aliases: decodeJson(r.aliases),
        otherScriptNames: decodeJson(r.other_script_names),
        identifiers: decodeJson(r.identifiers),
        country: r.country,
        roles: decodeJson(r.roles),
      }),
    ),
});

export const ownershipLinks = mapping({
  key: 'ownershipLinks',
  table: 'ownership_links',
  keyColumns: ['parent_id', 'child_id', 'control'],
  sortKey: (l) => `${l.parentId}\u0000${l.childId}\u0000${l.control}`,
  toRow: (l) => ({
    parent_id: l.parentId,
    child_id: l.childId,
    control: l.control,
    percent: nul(l.percent),
    source: l.source,
    as_of: nul(l.asOf),
  }),
  fromRow: (r) =>
    OwnershipLink.parse(
      present({
        parentId: r.parent_id,
        childId: r.child_id,
        control: r.control,
        percent: r.percent,
        source: r.source,
        asOf: r.as_of,
      }),
    ),
});

export const designations = mapping({
  key: 'designations',
  table: 'designations',
  keyColumns: ['id'],
  sortKey: (d) => d.id,
  toRow: (d) => ({
    id: d.id,
    organisation_id: d.organisationId,
    list: d.list,
    date: d.date,
    citation: d.citation,
    equipment_categories: encodeJson(d.equipmentCategories),
    note: nul(d.note),
  }),
  fromRow: (r) =>
    Designation.parse(
      present({
        id: r.id,
        organisationId: r.organisation_id,
        list: r.list,
        date: r.date,
        citation: r.citation,
        equipmentCategories: decodeJson(r.equipment_categories),
        note: r.note,
      }),
    ),
});

export const ports = mapping({
  key: 'ports',
  table: 'ports',
  keyColumns: ['id'],
  sortKey: (p) => p.id,
  toRow: (p) => ({
    id: p.id,
    name: p.name,
    state: p.state,
    lat: p.location.lat,
    lon: p.location.lon,
    teu_per_year: nul(p.teuPerYear),
    teu_year: nul(p.teuYear),
    provenance: encodeJson(p.provenance),
  }),
  fromRow: (r) =>
    Port.parse(
      present({
        id: r.id,
        name: r.name,
        state: r.state,
        location: { lat: r.lat, lon: r.lon },
        teuPerYear: r.teu_per_year,
        teuYear: r.teu_year,
        provenance: decodeJson(r.provenance),
      }),
    ),
});

export const facilities = mapping({
  key: 'facilities',
  table: 'facilities',
  keyColumns: ['id'],
  sortKey: (f) => f.id,
  toRow: (f) => ({
    id: f.id,
    kind: f.kind,
    name: f.name,
    port_id: nul(f.portId),
    lat: f.location ? f.location.lat : null,
    lon: f.location ? f.location.lon : null,
    operator: nul(f.operator),
    operator_id: nul(f.operatorId),
    region: nul(f.region),
    provenance: encodeJson(f.provenance),
  }),
  fromRow: (r) =>
    Facility.parse(
      present({
        id: r.id,
        kind: r.kind,
        name: r.name,
        portId: r.port_id,
        location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null,
        operator: r.operator,
        operatorId: r.operator_id,
        region: r.region,
        provenance: decodeJson(r.provenance),
      }),
    ),
});

export const capacities = mapping({
  key: 'capacities',
  table: 'capacities',
  keyColumns: ['facility_id'],
  sortKey: (c) => c.facilityId,
  toRow: (c) => ({
    facility_id: c.facilityId,
    berths: c.berths,
    moves_per_crane_hour: c.movesPerCraneHour,
    operating_hours_per_month: c.operatingHoursPerMonth,
    teu_per_move: c.teuPerMove,
    max_utilisation: c.maxUtilisation,
    demand_teu_per_year: c.demandTeuPerYear,
    base_year: c.baseYear,
    seasonality: encodeJson(c.seasonality),
    growth_per_year: c.growthPerYear,
    min_cranes_in_service: c.minCranesInService,
    rail_slots: c.railSlots,
    provenance: encodeJson(c.provenance),
  }),
  fromRow: (r) =>
    TerminalCapacity.parse({
      facilityId: r.facility_id,
      berths: r.berths,
      movesPerCraneHour: r.moves_per_crane_hour,
      operatingHoursPerMonth: r.operating_hours_per_month,
      teuPerMove: r.teu_per_move,
      maxUtilisation: r.max_utilisation,
      demandTeuPerYear: r.demand_teu_per_year,
      baseYear: r.base_year,
      seasonality: decodeJson(r.seasonality),
      growthPerYear: r.growth_per_year,
      minCranesInService: r.min_cranes_in_service,
      railSlots: r.rail_slots,
      provenance: decodeJson(r.provenance),
    }),
});

export const assets = mapping({
  key: 'assets',
  table: 'assets',
  keyColumns: ['id'],
  sortKey: (a) => a.id,
  toRow: (a) => ({
    id: a.id,
    facility_id: a.facilityId,
    kind: a.kind,
    maker_id: nul(a.makerId),
    maker_name: nul(a.makerName),
    model: nul(a.model),
    serial: nul(a.serial),
    year_commissioned: nul(a.yearCommissioned),
    status: a.status,
    size_class: nul(a.sizeClass),
    criticality: a.criticality,
    provenance: encodeJson(a.provenance),
  }),
  fromRow: (r) =>
    Asset.parse(
      present({
        id: r.id,
        facilityId: r.facility_id,
        kind: r.kind,
        makerId: r.maker_id,
        makerName: r.maker_name,
        model: r.model,
        serial: r.serial,
        yearCommissioned: r.year_commissioned,
        status: r.status,
        sizeClass: r.size_class,
        criticality: r.criticality,
        provenance: decodeJson(r.provenance),
      }),
    ),
});

export const components = mapping({
  key: 'components',
  table: 'components',
  keyColumns: ['id'],
  sortKey: (c) => c.id,
  toRow: (c) => ({
    id: c.id,
    asset_id: c.assetId,
    kind: c.kind,
    maker_id: nul(c.makerId),
    maker_name: nul(c.makerName),
    model: nul(c.model),
    firmware: nul(c.firmware),
    network: encodeJson(c.network),
    provenance: c.provenance === undefined ? null : encodeJson(c.provenance),
  }),
  fromRow: (r) =>
    Component.parse(
      present({
        id: r.id,
        assetId: r.asset_id,
        kind: r.kind,
        makerId: r.maker_id,
        makerName: r.maker_name,
        model: r.model,
        firmware: r.firmware,
        network: decodeJson(r.network),
        provenance: r.provenance === null ? null : decodeJson(r.provenance),
      }),
    ),
});

export const suppliers = mapping({
  key: 'suppliers',
  table: 'suppliers',
  keyColumns: ['id'],
  sortKey: (s) => s.id,
  toRow: (s, dialect) => ({
    id: s.id,
    organisation_id: nul(s.organisationId),
    name: s.name,
    country: s.country,
    trusted: encodeBool(dialect, s.trusted),
    trust_reason: s.trustReason,
    offers: encodeJson(s.offers),
    lead_time_months: encodeJson(s.leadTimeMonths),
    delivery_modes: encodeJson(s.deliveryModes),
    tariff_rate: s.tariffRate,
    installation_cents: s.installationCents,
    provenance: encodeJson(s.provenance),
  }),
  fromRow: (r) =>
    Supplier.parse(
      present({
        id: r.id,
        organisationId: r.organisation_id,
        name: r.name,
        country: r.country,
        trusted: decodeBool(r.trusted),
        trustReason: r.trust_reason,
        offers: decodeJson(r.offers),
        leadTimeMonths: decodeJson(r.lead_time_months),
        deliveryModes: decodeJson(r.delivery_modes),
        tariffRate: r.tariff_rate,
        installationCents: r.installation_cents,
        provenance: decodeJson(r.provenance),
      }),
    ),
});

export const fundingPrograms = mapping({
  key: 'fundingPrograms',
  table: 'funding_programs',
  keyColumns: ['id'],
  sortKey: (f) => f.id,
  toRow: (f, dialect) => ({
    id: f.id,
    name: f.name,
    appropriations: encodeJson(f.appropriations),
    eligible_facility_kinds: encodeJson(f.eligibleFacilityKinds),
    eligible_asset_kinds: f.eligibleAssetKinds === undefined ? null : encodeJson(f.eligibleAssetKinds),
    carry_over: encodeBool(dialect, f.carryOver),
    local_share: f.localShare,
    provenance: encodeJson(f.provenance),
  }),
  fromRow: (r) =>
    FundingProgram.parse({
      id: r.id,
      name: r.name,
      appropriations: decodeJson(r.appropriations),
      eligibleFacilityKinds: decodeJson(r.eligible_facility_kinds),
      ...(r.eligible_asset_kinds === null ? {} : { eligibleAssetKinds: decodeJson(r.eligible_asset_kinds) }),
      carryOver: decodeBool(r.carry_over),
      localShare: r.local_share,
      provenance: decodeJson(r.provenance),
    }),
});

export const parameters = mapping({
  key: 'parameters',
  table: 'parameters',
  keyColumns: ['name'],
  sortKey: (p) => p.name,
  toRow: (p) => ({
    name: p.name,
    value: p.value,
    unit: p.unit,
    description: nul(p.description),
    provenance: encodeJson(p.provenance),
  }),
  fromRow: (r) =>
    DatasetParameter.parse(
      present({
        name: r.name,
        value: r.value,
        unit: r.unit,
        description: r.description,
        provenance: decodeJson(r.provenance),
      }),
    ),
});

/** In dependency order: a table only refers to tables before it. */
export const inventoryMappings = [
  organisations,
  ownershipLinks,
  designations,
  ports,
  facilities,
  capacities,
  assets,
  components,
  suppliers,
  fundingPrograms,
  parameters,
] as const;
