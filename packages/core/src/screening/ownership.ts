import type { Designation, OrganisationId, OwnershipLink } from '../model/index.js';

/** One link of an ownership chain, read upwards: `parentId` owns or controls `childId`. */
export type ChainStep = Pick<OwnershipLink, 'parentId' | 'childId' | 'control' | 'source'> & {
  readonly percent?: number;
};

export interface DesignatedOwner {
  readonly organisationId: OrganisationId;
  /** From the screened organisation up to the designated owner, first step first. */
  readonly chain: readonly ChainStep[];
  /** The owner's designations. */
  readonly designations: readonly Designation[];
  /** The rest of the chain above the designated owner, up to the top owner (e.g. CCCC -> CCCG -> SASAC). */
  readonly above: readonly ChainStep[];
}

export interface OwnershipGraph {
  readonly parentsOf: ReadonlyMap<OrganisationId, readonly ChainStep[]>;
  readonly designationsOf: ReadonlyMap<OrganisationId, readonly Designation[]>;
}

export function buildOwnershipGraph(
  links: readonly OwnershipLink[],
  designations: readonly Designation[],
): OwnershipGraph {
  const parentsOf = new Map<OrganisationId, ChainStep[]>();
  const seen = new Set<string>();
  for (const l of links) {
    const key = `${l.parentId}>${l.childId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const step: ChainStep = {
      parentId: l.parentId,
      childId: l.childId,
      control: l.control,
      source: l.source,
      ...(l.percent === undefined ? {} : { percent: l.percent }),
    };
    const list = parentsOf.get(l.childId);
    if (list) list.push(step);
    else parentsOf.set(l.childId, [step]);
  }
  const designationsOf = new Map<OrganisationId, Designation[]>();
  const seenDesignations = new Set<string>();
  for (const d of designations) {
    // The list and an inventory may both carry the same designation.
    if (seenDesignations.has(d.id)) continue;
    seenDesignations.add(d.id);
    const list = designationsOf.get(d.organisationId);
    if (list) list.push(d);
    else designationsOf.set(d.organisationId, [d]);
  }
  return { parentsOf, designationsOf };
}

/** Longest path from `id` to a top owner (first parent when several), cycle-safe. */
function pathToTop(
  graph: OwnershipGraph,
  id: OrganisationId,
  visited: ReadonlySet<OrganisationId>,
): ChainStep[] {
  const up = (graph.parentsOf.get(id) ?? []).find((s) => !visited.has(s.parentId));
  if (!up) return [];
  return [up, ...pathToTop(graph, up.parentId, new Set([...visited, up.parentId]))];
}

/**
 * Every designated organisation that owns or controls `start`, directly or through a chain, with the chain
 * as evidence (percentages and control types). Cycles in the data are walked once.
 *
 * @example designatedOwners(graph, 'ce-zpmc') // [{ organisationId: 'ce-cccc', chain: [CCCC controls ZPMC], above: [CCCG 63.84% CCCC, SASAC supervises CCCG] }]
 */
export function designatedOwners(
  graph: OwnershipGraph,
  start: OrganisationId,
  maxDepth = 12,
): DesignatedOwner[] {
  const out: DesignatedOwner[] = [];
  const found = new Set<OrganisationId>();
  const walk = (id: OrganisationId, chain: ChainStep[], visited: Set<OrganisationId>) => {
    if (chain.length >= maxDepth) return;
    for (const step of graph.parentsOf.get(id) ?? []) {
      if (visited.has(step.parentId)) continue;
      const next = [...chain, step];
      const ds = graph.designationsOf.get(step.parentId);
      if (ds && ds.length > 0 && !found.has(step.parentId)) {
        found.add(step.parentId);
        out.push({
          organisationId: step.parentId,
          chain: next,
          designations: ds,
          above: pathToTop(graph, step.parentId, new Set([...visited, step.parentId])),
        });
      }
      walk(step.parentId, next, new Set([...visited, step.parentId]));
    }
  };
  walk(start, [], new Set([start]));
  return out;
}

/** "CCCC -[control]-> ZPMC" style text for one chain, bottom-up: ZPMC ← CCCC (control) ← CCCG (ownership 63.84%). */
export function describeChain(
  start: OrganisationId,
  steps: readonly ChainStep[],
  nameOf: (id: OrganisationId) => string = (id) => id,
): string {
  return [
    nameOf(start),
    ...steps.map(
      (s) => `${nameOf(s.parentId)} (${s.control}${s.percent === undefined ? '' : ` ${s.percent}%`})`,
    ),
  ].join(' ← ');
}
