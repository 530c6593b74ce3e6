import { teuPerCraneMonth, type Asset, type Dataset, type Organisation } from '@portguard/core';

export interface CapacityFigures {
  readonly terminals: number;
  /** Terminals that have no capacity record: their cranes count, their capacity and demand do not. */
  readonly terminalsWithoutCapacity: number;
  /** STS cranes in service or temporarily out of service (not on order, retired or disposed). */
  readonly stsCranes: number;
  /** STS cranes whose maker is a covered organisation, directly or through ownership links. */
  readonly coveredCranes: number;
  /** STS cranes whose maker (or an owner of the maker) is registered in China. */
  readonly prcMadeCranes: number;
  /** Covered or PRC-made: the cranes the program replaces. */
  readonly untrustedCranes: number;
  readonly capacityTeuPerYear: number;
  readonly demandTeuPerYear: number;
  /** Capacity of untrusted cranes in service. */
  readonly capacityAtRiskTeuPerYear: number;
  /** Demand that could not be handled if every untrusted crane stopped. */
  readonly shortfallWithoutUntrustedTeuPerYear: number;
}

export interface PortSummary extends CapacityFigures {
  readonly portId: string;
  readonly name: string;
  readonly state: string;
}

export interface NationalSummary {
  readonly year: number;
  readonly ports: readonly PortSummary[];
  readonly national: CapacityFigures & { readonly ports: number };
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Decides, for each organisation, whether it is covered or PRC-based, walking ownership links up to the owners. */
function organisationRisk(ds: Dataset) {
  const designated = new Set(ds.designations.map((d) => d.organisationId as string));
  const parents = new Map<string, string[]>();
  for (const l of ds.ownershipLinks) {
    const list = parents.get(l.childId);
    if (list) list.push(l.parentId);
    else parents.set(l.childId, [l.parentId]);
  }
  const byId = new Map<string, Organisation>(ds.organisations.map((o) => [o.id, o]));
  const walk = (id: string, test: (id: string) => boolean): boolean => {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      if (seen.has(cur)) continue;
      seen.add(cur);
      if (test(cur)) return true;
      stack.push(...(parents.get(cur) ?? []));
    }
    return false;
  };
  const byName = new Map<string, string>();
  for (const o of ds.organisations) for (const n of [o.legalName, ...o.aliases]) byName.set(norm(n), o.id);
  const makerOf = (a: Pick<Asset, 'makerId' | 'makerName'>): string | undefined =>
    a.makerId ?? (a.makerName !== undefined ? byName.get(norm(a.makerName)) : undefined);
  return {
    makerOf,
    covered: (id: string) => walk(id, (x) => designated.has(x)),
    prc: (id: string) => walk(id, (x) => byId.get(x)?.country === 'CN'),
  };
}

const counted = new Set(['in-service', 'out-of-service']);

/**
 * Ports, terminals, STS cranes, untrusted cranes and handling capacity vs demand in `year`, per port and
 * national. Demand grows from each terminal's base year; capacity counts cranes in service.
 */
export function nationalSummary(ds: Dataset, year: number): NationalSummary {
  const risk = organisationRisk(ds);
  const capacityOf = new Map(ds.capacities.map((c) => [c.facilityId as string, c]));
  const assetsAt = new Map<string, Asset[]>();
  for (const a of ds.assets) {
    const list = assetsAt.get(a.facilityId);
    if (list) list.push(a);
    else assetsAt.set(a.facilityId, [a]);
  }

  const figures = (facilityIds: readonly string[]): CapacityFigures => {
    let terminals = 0,
      withoutCapacity = 0,
      sts = 0,
      covered = 0,
      prc = 0,
      untrusted = 0,
      capacity = 0,
      demand = 0,
      atRisk = 0,
      shortfall = 0;
    for (const fid of facilityIds) {
      const facility = ds.facilities.find((f) => f.id === fid);
      if (facility?.kind === 'container-terminal') terminals++;
      const cranes = (assetsAt.get(fid) ?? []).filter((a) => a.kind === 'sts-crane' && counted.has(a.status));
      let untrustedInService = 0;
      let inService = 0;
      for (const a of cranes) {
        const maker = risk.makerOf(a);
        const isCovered = maker !== undefined && risk.covered(maker);
        const isPrc = maker !== undefined && risk.prc(maker);
        sts++;
        if (isCovered) covered++;
        if (isPrc) prc++;
        if (isCovered || isPrc) untrusted++;
        if (a.status === 'in-service') {
          inService++;
          if (isCovered || isPrc) untrustedInService++;
        }
      }
      const c = capacityOf.get(fid);
      if (!c) {
        if (facility?.kind === 'container-terminal') withoutCapacity++;
        continue;
      }
      const perCrane = teuPerCraneMonth(c) * 12;
      const d = c.demandTeuPerYear * Math.pow(1 + c.growthPerYear, year - c.baseYear);
      capacity += inService * perCrane;
      atRisk += untrustedInService * perCrane;
      demand += d;
      shortfall += Math.max(0, d - (inService - untrustedInService) * perCrane);
    }
    return {
      terminals,
      terminalsWithoutCapacity: withoutCapacity,
      stsCranes: sts,
      coveredCranes: covered,
      prcMadeCranes: prc,
      untrustedCranes: untrusted,
      capacityTeuPerYear: Math.round(capacity),
      demandTeuPerYear: Math.round(demand),
      capacityAtRiskTeuPerYear: Math.round(atRisk),
      shortfallWithoutUntrustedTeuPerYear: Math.round(shortfall),
    };
  };

  const ports = ds.ports.map((p) => ({
    portId: p.id as string,
    name: p.name,
    state: p.state,
    ...figures(ds.facilities.filter((f) => f.portId === p.id).map((f) => f.id)),
  }));
  const inPorts = ds.facilities
    .filter((f) => f.portId !== undefined && ds.ports.some((p) => p.id === f.portId))
    .map((f) => f.id);
  return { year, ports, national: { ports: ports.length, ...figures(inPorts) } };
}
