import type { BoolColumn, JsonColumn, TimestampColumn } from './quirks.js';
// Tables declared beside their features by declaration merging, named here so every program that sees the
// schema sees all of them (a type-only import: nothing is loaded at run time).
import type {} from './server-tables.js';
import type {} from './repositories/evidence.js';
import type {} from './repositories/covered-lists.js';
import type {} from './repositories/tracking.js';
import type {} from './repositories/findings.js';
import type {} from './repositories/zones.js';

/**
 * Row types of every table. Features add their tables by augmenting this interface from their own file:
 *
 *   declare module '../schema.js' { interface Database { accounts: AccountsTable } }
 *
 * Column names are snake_case; repositories map rows to domain values and nowhere else.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database extends InventoryTables {}

type Nullable<T> = T | null;

export interface OrganisationsTable {
  id: string;
  legal_name: string;
  aliases: JsonColumn;
  other_script_names: JsonColumn;
  identifiers: JsonColumn;
  country: Nullable<string>;
  roles: JsonColumn;
}

export interface OwnershipLinksTable {
  parent_id: string;
  child_id: string;
  control: string;
  percent: Nullable<number>;
  source: string;
  as_of: Nullable<string>;
}

export interface DesignationsTable {
  id: string;
  organisation_id: string;
  list: string;
  date: string;
  citation: string;
  equipment_categories: JsonColumn;
  note: Nullable<string>;
}

export interface PortsTable {
  id: string;
  name: string;
  state: string;
  lat: number;
  lon: number;
  teu_per_year: Nullable<number>;
  teu_year: Nullable<number>;
  provenance: JsonColumn;
}

export interface FacilitiesTable {
  id: string;
  kind: string;
  name: string;
  port_id: Nullable<string>;
  lat: Nullable<number>;
  lon: Nullable<number>;
  operator: Nullable<string>;
  operator_id: Nullable<string>;
  region: Nullable<string>;
  provenance: JsonColumn;
}

export interface CapacitiesTable {
  facility_id: string;
  berths: number;
  moves_per_crane_hour: number;
  operating_hours_per_month: number;
  teu_per_move: number;
  max_utilisation: number;
  demand_teu_per_year: number;
  base_year: number;
  seasonality: JsonColumn;
  growth_per_year: number;
  min_cranes_in_service: number;
  rail_slots: number;
  provenance: JsonColumn;
}

export interface AssetsTable {
  id: string;
  facility_id: string;
  kind: string;
  maker_id: Nullable<string>;
  maker_name: Nullable<string>;
  model: Nullable<string>;
  serial: Nullable<string>;
  year_commissioned: Nullable<number>;
  status: string;
  size_class: Nullable<string>;
  criticality: string;
  provenance: JsonColumn;
}

export interface ComponentsTable {
  id: string;
  asset_id: string;
  kind: string;
  maker_id: Nullable<string>;
  maker_name: Nullable<string>;
  model: Nullable<string>;
  firmware: Nullable<string>;
  network: JsonColumn;
  provenance: Nullable<JsonColumn>;
}

export interface SuppliersTable {
  id: string;
  organisation_id: Nullable<string>;
  name: string;
  country: string;
  trusted: BoolColumn;
  trust_reason: string;
  offers: JsonColumn;
  lead_time_months: JsonColumn;
  delivery_modes: JsonColumn;
  tariff_rate: number;
  installation_cents: number;
  provenance: JsonColumn;
}

export interface FundingProgramsTable {
  id: string;
  name: string;
  appropriations: JsonColumn;
  eligible_facility_kinds: JsonColumn;
  eligible_asset_kinds: JsonColumn | null;
  carry_over: BoolColumn;
  local_share: number;
  provenance: JsonColumn;
}

export interface ParametersTable {
  name: string;
  value: number;
  unit: string;
  description: Nullable<string>;
  provenance: JsonColumn;
}

/** One committed import (file names and row counts per table). */
export interface ImportLogTable {
  id: string;
  at: TimestampColumn;
  sources: JsonColumn;
  counts: JsonColumn;
}

export interface InventoryTables {
  organisations: OrganisationsTable;
  ownership_links: OwnershipLinksTable;
  designations: DesignationsTable;
  ports: PortsTable;
  facilities: FacilitiesTable;
  capacities: CapacitiesTable;
  assets: AssetsTable;
  components: ComponentsTable;
  suppliers: SuppliersTable;
  funding_programs: FundingProgramsTable;
  parameters: ParametersTable;
  import_log: ImportLogTable;
}
