import type { Asset, Component, CraneSizeClass, Criticality } from '../model/asset.js';
import type { TerminalCapacity } from '../model/capacity.js';
import { teuPerCraneMonth } from '../model/capacity.js';
import type { CoveredListRelease } from '../model/covered-list.js';
import type { Facility, Port } from '../model/facility.js';
import { ids } from '../model/ids.js';
import type { Dataset, DatasetParameter } from '../model/inventory.js';
import { estimated, sourced } from '../model/provenance.js';
import type { Provenance, ProvenanceMap } from '../model/provenance.js';
import {
  CAPACITY_RULES,
  PEAK_MONTH_SHARE,
  SEASONALITY,
  estimatedBerths,
  horizonGrowth,
  maxBaseDemand,
  utilisationForBerths,
} from './capacity-rules.js';
import { buildCoveredList } from './covered-entities.js';
import type { CraneDraft } from './cranes.js';
import { apportionShare, estimatedClassRule, expandTerminal, zpmcShareRule } from './cranes.js';
import {
  buildIllustrativeCameraSupplier,
  buildIllustrativeCraneComponents,
  buildIllustrativeSites,
} from './illustrative-sites.js';
import type { PortEntry } from './port-table.js';
import { PORT_TABLE, PORT_WIDE_COUNTS, facilityIdFor } from './port-table.js';
import type { DatasetSources, SourcePort, SourceTerminal } from './sources.js';
import { MAKER_ORGANISATIONS, buildFundingPrograms, buildSuppliers } from './suppliers.js';

export interface NationalBuildOptions {
  /** Share of unknown-maker STS cranes attributed to ZPMC: 0.18 (scenario A, default) or 0.78 (scenario B). */
  readonly zpmcShare?: number;
}

export const DEFAULT_ZPMC_SHARE = 0.18;

export interface DemandCap {
  readonly facilityId: string;
  readonly cranes: number;
  readonly demandBefore: number;
  readonly demandAfter: number;
}

/** Headline figures and the rule applications worth telling a reviewer about. */
export interface NationalBuildReport {
  readonly zpmcShare: number;
  readonly ports: number;
  readonly containerTerminals: number;
  readonly terminalsWithCranes: number;
  readonly stsCranes: number;
  readonly prcMade: {
    readonly sourced: number;
    readonly inferred: number;
    readonly estimated: number;
    readonly total: number;
  };
  readonly namedNonZpmc: number;
  readonly unknownMaker: number;
  readonly sizeClasses: Readonly<Record<CraneSizeClass, number>>;
  readonly residualCranes: readonly {
    readonly portId: string;
    readonly cranes: number;
    readonly to: readonly string[];
  }[];
  readonly terminalsWithoutCount: readonly string[];
  readonly terminalsWithoutSts: readonly string[];
  readonly demandCapped: readonly DemandCap[];
  readonly demandWithoutData: readonly string[];
  /** Terminals of one or two cranes: one crane out breaks the floor, so a new crane must arrive first. */
  readonly singleOutageInfeasible: readonly string[];
  readonly national: {
    readonly capacityTeuPerYear: number;
    readonly demandTeuBaseYear: number;
    readonly demandTeuHorizonEnd: number;
    readonly peakMonthUtilisationBaseYear: number;
  };
}

export interface NationalBuildResult {
  readonly dataset: Dataset;
  readonly coveredList: CoveredListRelease;
  readonly report: NationalBuildReport;
}

const TERMINALS_FILE = 'terminal-cranes.json';
const PORTS_FILE = 'us-container-ports.json';

const confidenceOfLatLon = (s: string | null | undefined): 'H' | 'M' | 'L' =>
  s && /approximate|unverified|general geographic knowledge/i.test(s) ? 'L' : 'M';

const countConfidence = (kind: SourceTerminal['sts_cranes_kind']): 'H' | 'M' =>
  kind === 'exact' ? 'H' : 'M';

function portRecord(entry: PortEntry, src: SourcePort): Port {
  const provenance: Record<string, Provenance> = {
    location: sourced(`${PORTS_FILE}: ${src.latlon_source}`, confidenceOfLatLon(src.latlon_source)),
  };
  const port: Port = {
    id: ids.port(entry.id),
    name: src.port,
    state: src.state,
    location: { lat: src.lat, lon: src.lon },
    provenance,
  };
  if (src.teu === null || src.teu_year === null) return port;
  provenance.teuPerYear = sourced(`${PORTS_FILE}: ${src.teu_source ?? 'unknown source'}`, 'H');
  return { ...port, teuPerYear: src.teu, teuYear: src.teu_year };
}

/** A port missing from the ports file (Tampa): located at its first terminal with a coordinate, no TEU. */
function portFromTerminals(entry: PortEntry, terminals: readonly SourceTerminal[]): Port {
  const t = terminals.find((r) => r.port === entry.cranesName && r.lat !== null && r.lon !== null);
  if (!t)
    throw new Error(`${TERMINALS_FILE}: no located terminal for ${entry.id}, which is not in ${PORTS_FILE}`);
  return {
    id: ids.port(entry.id),
    name: entry.cranesName ?? entry.id,
    state: entry.state,
    location: { lat: t.lat as number, lon: t.lon as number },
    provenance: {
      location: estimated(
        `not in ${PORTS_FILE}: the coordinate of its terminal record "${t.terminal}" (${t.latlon_source ?? 'unknown'})`,
      ),
    },
  };
}

/** The TEU figure used for demand: 2023 where the port file has it, else its `teu` (held flat to the base year). */
function latestPortTeu(src: SourcePort): { teu: number; year: number } | undefined {
  if (src.teu_2023 !== undefined && src.teu_2023 !== null) return { teu: src.teu_2023, year: 2023 };
  if (src.teu !== null && src.teu_year !== null) return { teu: src.teu, year: src.teu_year };
  return undefined;
}

interface TerminalWork {
  readonly port: PortEntry;
  readonly record: SourceTerminal;
  readonly facility: Facility;
  readonly drafts: CraneDraft[];
}

/** Builds the bundled national dataset and the covered-entity release; pure and deterministic. */
export function buildNationalDataset(
  sources: DatasetSources,
  options: NationalBuildOptions = {},
): NationalBuildResult {
  const s = options.zpmcShare ?? DEFAULT_ZPMC_SHARE;
  if (!(s >= 0 && s <= 1)) throw new Error(`zpmcShare must be between 0 and 1, got ${s}`);
  const coveredList = buildCoveredList(sources.coveredEntities);

  const ports: Port[] = [];
  const portSrc = new Map<string, SourcePort>();
  for (const entry of PORT_TABLE) {
    if (entry.portsName === undefined) {
      ports.push(portFromTerminals(entry, sources.terminals));
      continue;
    }
    const src = sources.ports.find((p) => p.port === entry.portsName && p.state === entry.state);
    if (!src) {
      throw new Error(
        `${PORTS_FILE}: no port "${entry.portsName}" in ${entry.state} (expected by PORT_TABLE ${entry.id})`,
      );
    }
    portSrc.set(entry.id, src);
    ports.push(portRecord(entry, src));
  }
  const unmatchedPorts = sources.ports.filter(
    (p) => !PORT_TABLE.some((e) => e.portsName === p.port && e.state === p.state),
  );
  if (unmatchedPorts.length > 0) {
    throw new Error(
      `${PORTS_FILE}: ports not in PORT_TABLE: ${unmatchedPorts.map((p) => p.port).join(', ')}`,
    );
  }

  const work: TerminalWork[] = [];
  const terminalsWithoutCount: string[] = [];
  const terminalsWithoutSts: string[] = [];
  sources.terminals.forEach((record, row) => {
    if (record.record_type === 'terminal_in_pool') return;
    const port = PORT_TABLE.find((e) => e.cranesName === record.port);
    if (!port)
      throw new Error(`${TERMINALS_FILE}[${row}].port: "${record.port}" is not a port of PORT_TABLE`);
    const portPoint = ports.find((p) => p.id === port.id)?.location ?? { lat: 0, lon: 0 };
    const id = facilityIdFor(port, record.terminal);
    if (work.some((w) => w.facility.id === id))
      throw new Error(`${TERMINALS_FILE}[${row}]: duplicate facility id ${id}`);
    const hasPoint = record.lat !== null && record.lon !== null;
    const facility: Facility = {
      id: ids.facility(id),
      kind: 'container-terminal',
      name: record.terminal,
      portId: ids.port(port.id),
      location: hasPoint ? { lat: record.lat as number, lon: record.lon as number } : portPoint,
      ...(record.operator ? { operator: record.operator } : {}),
      region: port.region,
      provenance: {
        location: hasPoint
          ? sourced(`${TERMINALS_FILE}: ${record.latlon_source ?? 'unknown'}`, 'L')
          : estimated('no terminal coordinate in the source: the port point is used'),
        region: estimated(
          'crew region by state: west = CA/WA/OR/HI/AK, gulf = TX/LA/MS/AL and Tampa, east = the rest',
        ),
        ...(record.operator
          ? { operator: sourced(`${TERMINALS_FILE}: ${record.sources[0] ?? 'terminal record'}`, 'M') }
          : {}),
      },
    };
    if (record.sts_cranes === 0) terminalsWithoutSts.push(id);
    work.push({ port, record, facility, drafts: expandTerminal(record) });
  });

  // Port-wide counts larger than the terminal sum: the residual goes, as unknown-maker cranes, to the port's
  // terminals with no count, else equally to its lower-bound terminals (largest remainder, record order).
  const residualCranes: { portId: string; cranes: number; to: string[] }[] = [];
  for (const [portId, wide] of Object.entries(PORT_WIDE_COUNTS)) {
    const terms = work.filter((w) => w.port.id === portId);
    const sum = terms.reduce((a, w) => a + w.drafts.length, 0);
    const residual = wide.cranes - sum;
    if (residual <= 0) continue;
    const noCount = terms.filter((w) => w.record.sts_cranes === null);
    const targets =
      noCount.length > 0 ? noCount : terms.filter((w) => w.record.sts_cranes_kind === 'lower_bound');
    if (targets.length === 0) continue;
    const rule =
      `port-wide count ${wide.cranes} (${wide.citation}) exceeds the terminal records' ${sum}; the ${residual} extra cranes are ` +
      (noCount.length > 0
        ? 'placed at the port terminal(s) with no count'
        : 'split equally over the port terminals whose count is a lower bound');
    targets.forEach((w, i) => {
      const n = Math.floor(residual / targets.length) + (i < residual % targets.length ? 1 : 0);
      for (let k = 0; k < n; k++) {
        w.drafts.push({
          batch: undefined,
          maker: undefined,
          evidence: 'none',
          sizeClass: undefined,
          year: undefined,
          derivation: rule,
        });
      }
    });
    residualCranes.push({ portId, cranes: residual, to: targets.map((w) => w.facility.id) });
  }

  for (const w of work)
    if (w.record.sts_cranes === null && w.drafts.length === 0) terminalsWithoutCount.push(w.facility.id);

  // Scenario share of unknown-maker cranes attributed to ZPMC.
  const unknownCounts = work.map((w) => w.drafts.filter((d) => d.maker === undefined).length);
  const attributed = apportionShare(unknownCounts, s);
  const shareRule = zpmcShareRule(s);

  const assets: Asset[] = [];
  const capacities: TerminalCapacity[] = [];
  const demandCapped: DemandCap[] = [];
  const demandWithoutData: string[] = [];
  const singleOutageInfeasible: string[] = [];
  const portDemandShares = allocatePortDemand(work, portSrc);

  work.forEach((w, wi) => {
    const n = w.drafts.length;
    if (n === 0) return;
    const knownClasses = w.drafts.map((d) => d.sizeClass).filter((c): c is CraneSizeClass => c !== undefined);
    const fallback = estimatedClassRule(knownClasses);
    let toAttribute = attributed[wi] ?? 0;
    const stem = w.facility.id.replace(/^fac-/, 'sts-');
    w.drafts.forEach((d, k) => {
      const provenance: Record<string, Provenance> = {};
      provenance.facilityId =
        d.batch !== undefined
          ? sourced(`${TERMINALS_FILE} "${w.record.terminal}": ${d.batch.source}`, d.batch.confidence)
          : d.derivation !== undefined && d.derivation.startsWith('port-wide')
            ? estimated(d.derivation)
            : sourced(
                `${TERMINALS_FILE} "${w.record.terminal}": ${d.derivation ?? ''}; ${w.record.sources[0] ?? ''}`,
                countConfidence(w.record.sts_cranes_kind),
              );
      let makerId: string | undefined;
      let makerName: string;
      if (d.maker !== undefined) {
        makerId = d.maker.orgId;
        makerName = d.maker.name;
        provenance.makerName = sourced(
          `${d.batch?.source ?? ''} (maker in source: "${d.batch?.maker ?? ''}")`,
          d.batch?.confidence ?? 'L',
        );
      } else if (toAttribute > 0) {
        toAttribute--;
        makerId = 'ce-zpmc';
        makerName = 'ZPMC';
        provenance.makerName = shareRule;
      } else {
        makerName = 'unknown';
        provenance.makerName = estimated(
          'maker not found in any source; left unknown for screening to resolve',
        );
      }
      let sizeClass: CraneSizeClass;
      if (d.sizeClass !== undefined && d.batch !== undefined) {
        sizeClass = d.sizeClass;
        provenance.sizeClass = sourced(
          `${d.batch.source} (size in source: "${d.batch.size_class}")`,
          d.batch.confidence,
        );
      } else {
        sizeClass = fallback.sizeClass;
        provenance.sizeClass = estimated(fallback.rule);
      }
      const criticality: Criticality = sizeClass === 'super-post-panamax' ? 'high' : 'medium';
      provenance.criticality = estimated(
        'super-post-Panamax cranes serve the largest ships and have the fewest substitutes: high; other classes: medium',
      );
      if (d.year !== undefined && d.batch !== undefined)
        provenance.yearCommissioned = sourced(d.batch.source, d.batch.confidence);
      assets.push({
        id: ids.asset(`${stem}-${String(k + 1).padStart(2, '0')}`),
        facilityId: w.facility.id,
        kind: 'sts-crane',
        ...(makerId !== undefined ? { makerId: ids.organisation(makerId) } : {}),
        makerName,
        ...(d.year !== undefined ? { yearCommissioned: d.year } : {}),
        status: 'in-service',
        sizeClass,
        criticality,
        provenance: provenance as ProvenanceMap,
      });
    });

    const capacity = terminalCapacity(w, n, portDemandShares.get(w.facility.id));
    capacities.push(capacity.record);
    if (capacity.capped) demandCapped.push(capacity.capped);
    if (capacity.noData) demandWithoutData.push(w.facility.id);
    if (n <= 2) singleOutageInfeasible.push(w.facility.id);
  });

  const craneComponents = illustrativeCraneComponents(assets);
  const sites = buildIllustrativeSites();

  const facilities = [...work.map((w) => w.facility), ...sites.facilities];
  const allAssets = [...assets, ...sites.assets];
  const components: Component[] = [...craneComponents, ...sites.components];

  const dataset: Dataset = {
    formatVersion: 1,
    organisations: [...coveredList.organisations, ...MAKER_ORGANISATIONS].sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
    ownershipLinks: coveredList.ownershipLinks,
    designations: coveredList.designations,
    ports,
    facilities,
    capacities,
    assets: allAssets,
    components,
    suppliers: [...buildSuppliers(), buildIllustrativeCameraSupplier()],
    fundingPrograms: buildFundingPrograms(),
    parameters: buildParameters(s),
  };

  const cranes = assets;
  const byEvidence = (e: CraneDraft['evidence']) =>
    work.flatMap((w) => w.drafts).filter((d) => d.maker?.orgId === 'ce-zpmc' && d.evidence === e).length;
  const estimatedZpmc = attributed.reduce((a, b) => a + b, 0);
  const sizeClasses: Record<CraneSizeClass, number> = {
    panamax: 0,
    'post-panamax': 0,
    'super-post-panamax': 0,
  };
  for (const c of cranes) if (c.sizeClass) sizeClasses[c.sizeClass]++;
  const capYear = capacities.reduce(
    (a, c) => a + teuPerCraneMonth(c) * 12 * craneCount(cranes, c.facilityId),
    0,
  );
  const demandBase = capacities.reduce((a, c) => a + c.demandTeuPerYear, 0);
  const peakBase = capacities.reduce((a, c) => a + c.demandTeuPerYear * PEAK_MONTH_SHARE, 0);
  const report: NationalBuildReport = {
    zpmcShare: s,
    ports: ports.length,
    containerTerminals: work.length,
    terminalsWithCranes: capacities.length,
    stsCranes: cranes.length,
    prcMade: {
      sourced: byEvidence('sourced'),
      inferred: byEvidence('inferred'),
      estimated: estimatedZpmc,
      total: cranes.filter((c) => c.makerId === 'ce-zpmc').length,
    },
    namedNonZpmc: cranes.filter((c) => c.makerId !== undefined && c.makerId !== 'ce-zpmc').length,
    unknownMaker: unknownCounts.reduce((a, b) => a + b, 0),
    sizeClasses,
    residualCranes,
    terminalsWithoutCount,
    terminalsWithoutSts,
    demandCapped,
    demandWithoutData,
    singleOutageInfeasible,
    national: {
      capacityTeuPerYear: Math.round(capYear),
      demandTeuBaseYear: Math.round(demandBase),
      demandTeuHorizonEnd: Math.round(demandBase * horizonGrowth()),
      peakMonthUtilisationBaseYear: peakBase / (capYear / 12),
    },
  };
  return { dataset, coveredList, report };
}

const craneCount = (assets: readonly Asset[], facilityId: string) =>
  assets.filter((a) => a.facilityId === facilityId && a.kind === 'sts-crane').length;

interface DemandShare {
  readonly teu: number;
  readonly provenance: Provenance;
}

/**
 * Base-year demand per terminal: the terminal's own sourced throughput; else the port's latest TEU minus the
 * sourced throughputs of its other terminals, split over the remaining terminals with cranes by crane count.
 */
function allocatePortDemand(
  work: readonly TerminalWork[],
  portSrc: ReadonlyMap<string, SourcePort>,
): Map<string, DemandShare> {
  const out = new Map<string, DemandShare>();
  for (const w of work) {
    if (w.record.teu_throughput !== null && w.drafts.length > 0) {
      out.set(w.facility.id, {
        teu: w.record.teu_throughput,
        provenance: sourced(
          `${TERMINALS_FILE} "${w.record.terminal}" teu_throughput ${w.record.teu_throughput} (${w.record.teu_year ?? 'year unknown'}), held flat to ${CAPACITY_RULES.baseYear}; ${w.record.sources[0] ?? ''}`,
          'M',
        ),
      });
    }
  }
  for (const entry of PORT_TABLE) {
    const src = portSrc.get(entry.id);
    const latest = src ? latestPortTeu(src) : undefined;
    if (!latest) continue;
    const terms = work.filter((w) => w.port.id === entry.id);
    const sourcedSum = terms.reduce((a, w) => a + (w.record.teu_throughput ?? 0), 0);
    const rest = terms.filter((w) => w.record.teu_throughput === null && w.drafts.length > 0);
    const restCranes = rest.reduce((a, w) => a + w.drafts.length, 0);
    const remainder = Math.max(0, latest.teu - sourcedSum);
    for (const w of rest) {
      const share = w.drafts.length / restCranes;
      out.set(w.facility.id, {
        teu: Math.round(remainder * share),
        provenance: estimated(
          `port TEU ${latest.teu} (${latest.year}, ${PORTS_FILE}) minus ${sourcedSum} sourced at its other terminals, ` +
            `split by crane share (${w.drafts.length} of ${restCranes}); held flat to ${CAPACITY_RULES.baseYear}`,
        ),
      });
    }
  }
  return out;
}

function terminalCapacity(
  w: TerminalWork,
  cranes: number,
  share: DemandShare | undefined,
): { record: TerminalCapacity; capped?: DemandCap; noData: boolean } {
  const berths = estimatedBerths(cranes);
  const base = {
    movesPerCraneHour: CAPACITY_RULES.movesPerCraneHour[w.port.region],
    teuPerMove: CAPACITY_RULES.teuPerMove,
    operatingHoursPerMonth: CAPACITY_RULES.operatingHoursPerMonth,
    maxUtilisation: utilisationForBerths(berths),
  };
  const perCrane = teuPerCraneMonth(base);
  const noData = share === undefined;
  let demand = share?.teu ?? Math.round(CAPACITY_RULES.noDataDemandShare * cranes * perCrane * 12);
  let demandProvenance: Provenance =
    share?.provenance ??
    estimated(
      `no sourced TEU for the terminal or its port: ${CAPACITY_RULES.noDataDemandShare * 100}% of the fleet's yearly capacity under the planning utilisation`,
    );
  const limit = maxBaseDemand(cranes, perCrane);
  let capped: DemandCap | undefined;
  if (demand > limit) {
    capped = { facilityId: w.facility.id, cranes, demandBefore: demand, demandAfter: limit };
    demandProvenance = estimated(
      `${describe(demandProvenance)}; CAPPED from ${demand} to ${limit} so that the ${CAPACITY_RULES.baseYear} peak month uses at most ` +
        `${CAPACITY_RULES.demandCapShare * 100}% of the fleet` +
        (cranes >= 3 ? ' and fits with one crane out' : '') +
        ` and the ${CAPACITY_RULES.horizonEndYear} peak month (${CAPACITY_RULES.growthPerYear * 100}%/yr growth) fits the full fleet`,
    );
    demand = limit;
  }
  const minCranes = Math.max(1, Math.ceil((demand * PEAK_MONTH_SHARE) / perCrane - 1e-9));
  const west = w.port.region === 'west';
  const record: TerminalCapacity = {
    facilityId: w.facility.id,
    berths,
    ...base,
    demandTeuPerYear: demand,
    baseYear: CAPACITY_RULES.baseYear,
    seasonality: SEASONALITY,
    growthPerYear: CAPACITY_RULES.growthPerYear,
    minCranesInService: Math.min(minCranes, cranes),
    railSlots: cranes + CAPACITY_RULES.spareRailSlots,
    provenance: {
      berths: estimated(
        `no berth counts in the sources: cranes / ${CAPACITY_RULES.cranesPerBerth}, rounded, at least 1`,
      ),
      movesPerCraneHour: west
        ? sourced('JOC "West Coast Ports": about 25-26 moves per crane-hour (domain-facts.md §3.6) [M]', 'M')
        : estimated(
            '28 moves per crane-hour: within the 25-30 U.S. range (JOC; GPA implies 33-38 at peak) outside the West Coast',
          ),
      teuPerMove: sourced(
        'Verschoof, Cranes - Design, Practice, and Maintenance: TEU factor 1.5 "rising to 1.6" [M]',
        'M',
      ),
      operatingHoursPerMonth: estimated(
        'two 8-hour shifts a day ("16 hours a day on two shifts", LBCT, LA Times 2011 [H]) × 365/12 days',
      ),
      maxUtilisation: sourced(
        'berth utilisation table, 10% waiting/service ratio: 1-2 berths 45%, 3 60%, 4 65%, 5 70%, >5 75% (ru.scribd.com/document/426964929) [M], applied to the estimated berths',
        'M',
      ),
      demandTeuPerYear: demandProvenance,
      baseYear: estimated('program start year'),
      seasonality: estimated('typical U.S. container seasonality: low February (7.3%), peak August (9.1%)'),
      growthPerYear: estimated('2% a year, a long-run U.S. container growth assumption'),
      minCranesInService: estimated(
        `cranes needed for the ${CAPACITY_RULES.baseYear} peak month at the planning utilisation (ceil(peak demand / TEU per crane-month))`,
      ),
      railSlots: estimated(
        `current cranes + ${CAPACITY_RULES.spareRailSlots} (room to erect new cranes before old ones leave)`,
      ),
    },
  };
  return capped ? { record, capped, noData } : { record, noData };
}

const describe = (p: Provenance): string =>
  p.kind === 'sourced' ? `sourced: ${p.citation}` : p.kind === 'estimated' ? p.rule : 'user';

function illustrativeCraneComponents(cranes: readonly Asset[]): Component[] {
  // Two sourced-ZPMC cranes at each of the first three terminals that have them; modems on the first terminal's.
  const picked: string[] = [];
  const modem = new Set<string>();
  const facilities: string[] = [];
  for (const c of cranes) {
    if (c.makerId !== 'ce-zpmc' || c.provenance.makerName?.kind !== 'sourced') continue;
    if (!facilities.includes(c.facilityId)) {
      if (facilities.length === 3) continue;
      facilities.push(c.facilityId);
    }
    if (picked.filter((id) => cranes.find((x) => x.id === id)?.facilityId === c.facilityId).length >= 2)
      continue;
    picked.push(c.id);
    if (c.facilityId === facilities[0]) modem.add(c.id);
  }
  return buildIllustrativeCraneComponents(picked, modem);
}

function buildParameters(s: number): DatasetParameter[] {
  return [
    {
      name: 'national-sts-cranes-top25-bts-2023',
      value: 539,
      unit: 'cranes',
      description: 'STS gantry cranes at the top 25 U.S. container ports, 2023',
      provenance: sourced(
        'BTS Port Performance, Container Cranes story (data.bts.gov/stories/s/Container-Cranes/r3bp-uzdb)',
        'H',
      ),
    },
    {
      name: 'national-super-post-panamax-bts-2023',
      value: 322,
      unit: 'cranes',
      description: 'of which super post-Panamax',
      provenance: sourced(
        'BTS Port Performance, Container Cranes story (data.bts.gov/stories/s/Container-Cranes/r3bp-uzdb)',
        'H',
      ),
    },
    {
      name: 'national-prc-made-share',
      value: 0.8,
      unit: 'fraction',
      description:
        '"nearly 80%" of STS cranes at U.S. ports are PRC-made (ZPMC); kept apart from the count, which disagrees',
      provenance: sourced(
        'House Homeland Security / CCP Select Committee joint report, 2024-09-12; USCG statements (domain-facts.md §0, §5.6)',
        'H',
      ),
    },
    {
      name: 'national-prc-made-count',
      value: 200,
      unit: 'cranes',
      description:
        '"just over 200" PRC-made STS cranes in the U.S.; kept apart from the share, which disagrees',
      provenance: sourced(
        'USCG Cyber Command, RADM Vann, Feb 2024, via AFP/spacewar.com (domain-facts.md §0)',
        'H',
      ),
    },
    {
      name: 'zpmc-share-of-unknown-maker-cranes',
      value: s,
      unit: 'fraction',
      description: 'share s of unknown-maker cranes attributed to ZPMC in this build (A: 0.18, B: 0.78)',
      provenance: estimated(
        'scenario A: s = (205 - 155) / 277 = 0.18 matches USCG "just over 200"; scenario B: s = 0.78, the ZPMC share among known-maker cranes, near the House "nearly 80%" (terminal-cranes.md §3)',
      ),
    },
    {
      name: 'section-301-tariff-prc-sts',
      value: 0.25,
      unit: 'fraction',
      description: 'Section 301 duty on PRC-origin STS cranes entered from 2024-09-27',
      provenance: sourced('89 FR 76581 (18 Sep 2024), HTS 8426.19.00', 'H'),
    },
    {
      name: 'section-301-maritime-tariff-suspended',
      value: 1.0,
      unit: 'fraction',
      description:
        '100% maritime-action duty on Chinese STS cranes, effective 2025-11-09, suspended one year from 2025-11-10',
      provenance: sourced('USTR modification 10 Oct 2025; HTS 9903.91.15 (domain-facts.md §5.7)', 'H'),
    },
    {
      name: 'non-prc-price-premium',
      value: 0.15,
      unit: 'fraction',
      description: 'replacing with non-Chinese makers "could add 15% or more to costs"',
      provenance: sourced('WSJ via businessreport.com (domain-facts.md §3.1)', 'M'),
    },
    {
      name: 'demand-cap-share',
      value: CAPACITY_RULES.demandCapShare,
      unit: 'fraction',
      description: `base-year peak-month demand at most this share of a terminal's full-fleet capacity; from 3 cranes up it must also fit with one crane out, and the ${CAPACITY_RULES.horizonEndYear} peak must fit the full fleet`,
      provenance: estimated(
        'margin so that a plan can keep the throughput floor from month 1 to the horizon end',
      ),
    },
    {
      name: 'teu-per-move',
      value: CAPACITY_RULES.teuPerMove,
      unit: 'TEU/move',
      provenance: sourced('Verschoof handbook: 1.5 "rising to 1.6" (domain-facts.md §3.6)', 'M'),
    },
    {
      name: 'demand-growth-per-year',
      value: CAPACITY_RULES.growthPerYear,
      unit: 'fraction/year',
      provenance: estimated('long-run U.S. container growth assumption'),
    },
  ];
}
