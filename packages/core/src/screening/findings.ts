import type {
  Asset,
  Component,
  CoveredList,
  CoveredListRelease,
  Criticality,
  Dataset,
  Designation,
  EquipmentCategory,
  Organisation,
  OrganisationId,
} from '../model/index.js';
import {
  buildMatchIndex,
  matchName,
  MATCH_THRESHOLD,
  type EntityMatch,
  type MatchExplanation,
  type MatchIndex,
} from './matcher.js';
import type { MacVendorResult } from './oui.js';
import { buildOwnershipGraph, designatedOwners, type ChainStep, type OwnershipGraph } from './ownership.js';

export const Severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof Severities)[number];
export const severityRank = (s: Severity): number => Severities.indexOf(s) + 1;

/** Subject name of a component known only by its MAC addresses. */
export const UNKNOWN_MAKER = '(maker not recorded)';

export type SubjectKind = 'asset' | 'component' | 'software' | 'supplier';

/** What was screened: an asset's maker, a component's maker, a software publisher, or a replacement supplier. */
export interface FindingSubject {
  readonly kind: SubjectKind;
  readonly id: string;
  /** The organisation as the inventory names it. */
  readonly name: string;
  readonly organisationId?: OrganisationId;
  readonly assetId?: string;
  readonly facilityId?: string;
  readonly criticality: Criticality;
  readonly category?: EquipmentCategory;
}

export type ReviewStatus =
  | { readonly status: 'open' }
  | {
      readonly status: 'accepted-risk';
      readonly reviewer: string;
      readonly justification: string;
      readonly at: string;
    }
  | {
      readonly status: 'false-positive';
      readonly reviewer: string;
      readonly reason: string;
      readonly at: string;
    };

export interface FindingOwner {
  readonly organisationId: OrganisationId;
  readonly name: string;
  readonly chain: readonly ChainStep[];
  readonly above: readonly ChainStep[];
}

export interface Finding {
  /** `<subject kind>:<subject id>:<covered organisation id>`: stable across re-screening. */
  readonly id: string;
  readonly subject: FindingSubject;
  readonly entity: { readonly organisationId: OrganisationId; readonly name: string };
  /**
   * 'name': the subject's name matched the entity; 'ownership': the subject is owned or controlled by it;
   * 'mac-vendor': a MAC address of the component is registered (IEEE) to the entity, whatever the label says.
   */
  readonly basis: 'name' | 'ownership' | 'mac-vendor';
  /** MAC addresses whose IEEE registration matched the entity. */
  readonly macEvidence?: readonly {
    readonly mac: string;
    readonly prefix: string;
    readonly registeredTo: string;
  }[];
  readonly score: number;
  readonly explanation: MatchExplanation | null;
  /** Designated owners above the entity, each with its chain (e.g. ZPMC ← CCCC (control), then CCCG, SASAC above). */
  readonly owners: readonly FindingOwner[];
  /** The entity's own designations and its designated owners', each with its citation. */
  readonly designations: readonly Designation[];
  readonly severity: Severity;
  readonly severityReasons: readonly string[];
  readonly review: ReviewStatus;
  readonly listVersion: string;
}

const LIST_SEVERITY: Readonly<Record<CoveredList, number>> = {
  'fcc-covered-list': 3,
  'ndaa-889': 3,
  'dod-1260h': 3,
  'usc-46-50309': 3,
  'uscg-marsec': 3,
  'commerce-entity-list': 2,
  'maritime-advisory': 2,
  'section-301': 2,
  'congressional-report': 2,
  other: 1,
};

const CATEGORY_OF_ASSET: Partial<Record<Asset['kind'], EquipmentCategory>> = {
  'sts-crane': 'sts-crane',
  rtg: 'cargo-handling',
  rmg: 'cargo-handling',
  'mobile-harbour-crane': 'cargo-handling',
  'cctv-camera': 'video-surveillance',
  'nvr-vms': 'video-surveillance',
  'cargo-scanner': 'cargo-scanner',
  'network-device': 'telecom',
  'software-system': 'logistics-software',
};
const CATEGORY_OF_COMPONENT: Partial<Record<Component['kind'], EquipmentCategory>> = {
  camera: 'video-surveillance',
  'cellular-modem': 'cellular-module',
  'network-switch': 'telecom',
  'remote-access-gateway': 'telecom',
  software: 'logistics-software',
};

const CRITICALITY_ADJUST: Readonly<Record<Criticality, number>> = {
  low: -1,
  medium: 0,
  high: 0,
  critical: 1,
};

/** Severity by list (the most serious designation in scope) and by the subject's criticality, with the reasons. */
export function severityOf(
  subject: FindingSubject,
  designations: readonly Designation[],
  score: number,
): { severity: Severity; reasons: string[] } {
  const reasons: string[] = [];
  let base = 1;
  for (const d of designations) {
    let s = LIST_SEVERITY[d.list];
    const inScope =
      subject.category === undefined ||
      d.equipmentCategories.includes('all') ||
      d.equipmentCategories.includes(subject.category);
    if (!inScope) s -= 1;
    if (s > base) {
      base = s;
      reasons.splice(
        0,
        reasons.length,
        `${d.list}${inScope ? '' : ' (outside the listed equipment categories)'}`,
      );
    }
  }
  if (designations.length === 0)
    reasons.push('covered-list organisation without a designation of its own or above it');
  let rank = base + CRITICALITY_ADJUST[subject.criticality];
  if (CRITICALITY_ADJUST[subject.criticality] !== 0) reasons.push(`${subject.criticality} criticality`);
  if (score < 0.85) {
    rank -= 1;
    reasons.push(`fuzzy name match (${score.toFixed(2)})`);
  }
  return { severity: Severities[Math.min(4, Math.max(1, rank)) - 1]!, reasons };
}

/** Everything a screening run needs besides the inventory; build once per list version. */
export interface ScreeningContext {
  readonly release: CoveredListRelease;
  readonly index: MatchIndex;
  readonly coveredIds: ReadonlySet<OrganisationId>;
}

/** Ids of covered-list organisations start with this (ce-zpmc); inventory records under it are list copies. */
export const COVERED_ID_PREFIX = 'ce-';

export const screeningContext = (release: CoveredListRelease): ScreeningContext => ({
  release,
  index: buildMatchIndex(release.organisations),
  coveredIds: new Set(release.organisations.map((o) => o.id)),
});

/** The subjects of a dataset: asset makers, component makers, software publishers, replacement suppliers. */
export function subjectsOf(dataset: Dataset, withMacs = false): FindingSubject[] {
  const orgs = new Map(dataset.organisations.map((o) => [o.id, o]));
  const nameOf = (id: OrganisationId | undefined, written: string | undefined) =>
    written ?? (id ? (orgs.get(id)?.legalName ?? id) : undefined);
  const assets = new Map(dataset.assets.map((a) => [a.id, a]));
  const out: FindingSubject[] = [];
  const opt = <K extends string, V>(k: K, v: V | undefined) =>
    v === undefined ? {} : ({ [k]: v } as Record<K, V>);
  for (const a of dataset.assets) {
    const name = nameOf(a.makerId, a.makerName);
    if (name === undefined) continue;
    out.push({
      kind: a.kind === 'software-system' ? 'software' : 'asset',
      id: a.id,
      name,
      ...opt('organisationId', a.makerId),
      assetId: a.id,
      facilityId: a.facilityId,
      criticality: a.criticality,
      ...opt('category', CATEGORY_OF_ASSET[a.kind]),
    });
  }
  for (const c of dataset.components) {
    const name =
      nameOf(c.makerId, c.makerName) ?? (withMacs && c.network.macs.length > 0 ? UNKNOWN_MAKER : undefined);
    if (name === undefined) continue;
    const asset = assets.get(c.assetId);
    out.push({
      kind: c.kind === 'software' ? 'software' : 'component',
      id: c.id,
      name,
      ...opt('organisationId', c.makerId),
      assetId: c.assetId,
      ...opt('facilityId', asset?.facilityId),
      criticality: asset?.criticality ?? 'medium',
      ...opt(
        'category',
        CATEGORY_OF_COMPONENT[c.kind] ?? (asset ? CATEGORY_OF_ASSET[asset.kind] : undefined),
      ),
    });
  }
  for (const s of dataset.suppliers) {
    out.push({
      kind: 'supplier',
      id: s.id,
      name: s.name,
      ...opt('organisationId', s.organisationId),
      criticality: 'high',
      category: 'sts-crane',
    });
  }
  return out;
}

/** Best match per covered organisation over every name of the subject (its name, and the inventory organisation's names). */
function nameMatches(
  ctx: ScreeningContext,
  subject: FindingSubject,
  org: Organisation | undefined,
  threshold: number,
): EntityMatch[] {
  const best = new Map<OrganisationId, EntityMatch>();
  const keep = (m: EntityMatch) => {
    const prev = best.get(m.organisationId);
    if (!prev || m.score > prev.score) best.set(m.organisationId, m);
  };
  if (subject.organisationId !== undefined && ctx.coveredIds.has(subject.organisationId)) {
    const covered = ctx.index.organisations.get(subject.organisationId)!;
    keep({
      organisationId: covered.id,
      entityName: covered.legalName,
      score: 1,
      explanation: {
        kind: 'identifier',
        queryForm: covered.id,
        candidateName: covered.legalName,
        candidateNameKind: 'legal-name',
        candidateForm: covered.id,
        alignments: [],
        unmatchedQuery: [],
        unmatchedCandidate: [],
        legalForms: { query: [], candidate: [] },
        identifier: { scheme: 'organisation-id', value: covered.id },
      },
    });
  }
  const names = new Set([
    subject.name,
    ...(org ? [org.legalName, ...org.aliases, ...org.otherScriptNames.map((n) => n.name)] : []),
  ]);
  for (const name of names) {
    const r = matchName(ctx.index, name, { threshold, ...(org ? { identifiers: org.identifiers } : {}) });
    for (const c of r.candidates) if (c.score >= threshold) keep(c);
  }
  return [...best.values()];
}

export interface ScreenOptions {
  readonly threshold?: number;
  /** MAC -> covered vendor (see macVendorScreener); components' MAC addresses are screened when given. */
  readonly macVendor?: (mac: string) => MacVendorResult;
  /** Findings of an earlier run: their review status is carried over to the same finding id. */
  readonly previous?: readonly Finding[];
}

/**
 * Screens every maker, component maker, software publisher and supplier of the dataset against the covered list,
 * by name and through ownership chains (the list's links and the inventory's own).
 */
export function screenDataset(
  dataset: Dataset,
  ctx: ScreeningContext,
  options: ScreenOptions = {},
): Finding[] {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  // The release is the authority on listed organisations: inventory copies of their records (the bundled dataset
  // and `init` carry one) would keep a designation or link alive after a list update removed it.
  const listed = (id: OrganisationId) => ctx.coveredIds.has(id) || id.startsWith(COVERED_ID_PREFIX);
  const graph: OwnershipGraph = buildOwnershipGraph(
    [
      ...ctx.release.ownershipLinks,
      ...dataset.ownershipLinks.filter((l) => !(listed(l.parentId) && listed(l.childId))),
    ],
    [...ctx.release.designations, ...dataset.designations.filter((d) => !listed(d.organisationId))],
  );
  const orgs = new Map<OrganisationId, Organisation>(
    [...dataset.organisations, ...ctx.release.organisations].map((o) => [o.id, o]),
  );
  const nameOf = (id: OrganisationId) => orgs.get(id)?.legalName ?? id;
  const reviews = new Map((options.previous ?? []).map((f) => [f.id, f.review]));
  const findings: Finding[] = [];

  const macsOf = new Map(dataset.components.map((c) => [c.id as string, c.network.macs]));
  for (const subject of subjectsOf(dataset, options.macVendor !== undefined)) {
    const org = subject.organisationId === undefined ? undefined : orgs.get(subject.organisationId);
    const byEntity = new Map<
      OrganisationId,
      Omit<Finding, 'severity' | 'severityReasons' | 'review' | 'id'>
    >();
    for (const m of nameMatches(ctx, subject, org, threshold)) {
      const owners = designatedOwners(graph, m.organisationId);
      byEntity.set(m.organisationId, {
        subject,
        entity: { organisationId: m.organisationId, name: m.entityName },
        basis: 'name',
        score: m.score,
        explanation: m.explanation,
        owners: owners.map((o) => ({
          organisationId: o.organisationId,
          name: nameOf(o.organisationId),
          chain: o.chain,
          above: o.above,
        })),
        designations: [
          ...(graph.designationsOf.get(m.organisationId) ?? []),
          ...owners.flatMap((o) => o.designations),
        ],
        listVersion: ctx.release.version,
      });
    }
    // Owned or controlled through the inventory's own links (e.g. a U.S. reseller owned by a covered maker).
    if (subject.organisationId !== undefined && !ctx.coveredIds.has(subject.organisationId)) {
      for (const o of designatedOwners(graph, subject.organisationId)) {
        if (byEntity.has(o.organisationId)) continue;
        const covered = [...byEntity.values()].some((f) =>
          f.owners.some((x) => x.organisationId === o.organisationId),
        );
        if (covered) continue;
        byEntity.set(o.organisationId, {
          subject,
          entity: { organisationId: o.organisationId, name: nameOf(o.organisationId) },
          basis: 'ownership',
          score: 1,
          explanation: null,
          owners: [
            {
              organisationId: o.organisationId,
              name: nameOf(o.organisationId),
              chain: o.chain,
              above: o.above,
            },
          ],
          designations: o.designations,
          listVersion: ctx.release.version,
        });
      }
    }
    if (options.macVendor && subject.kind !== 'supplier') {
      for (const mac of macsOf.get(subject.id) ?? []) {
        const r = options.macVendor(mac);
        if (!r.covered || !r.assignment) continue;
        const evidence = { mac, prefix: r.assignment.prefix, registeredTo: r.assignment.organisation };
        const prev = byEntity.get(r.covered.organisationId);
        if (prev) {
          byEntity.set(r.covered.organisationId, {
            ...prev,
            macEvidence: [...(prev.macEvidence ?? []), evidence],
          });
          continue;
        }
        const owners = designatedOwners(graph, r.covered.organisationId);
        byEntity.set(r.covered.organisationId, {
          subject,
          entity: { organisationId: r.covered.organisationId, name: r.covered.entityName },
          basis: 'mac-vendor',
          score: r.covered.score,
          explanation: r.covered.explanation,
          macEvidence: [evidence],
          owners: owners.map((o) => ({
            organisationId: o.organisationId,
            name: nameOf(o.organisationId),
            chain: o.chain,
            above: o.above,
          })),
          designations: [
            ...(graph.designationsOf.get(r.covered.organisationId) ?? []),
            ...owners.flatMap((o) => o.designations),
          ],
          listVersion: ctx.release.version,
        });
      }
    }
    for (const f of byEntity.values()) {
      const id = `${subject.kind}:${subject.id}:${f.entity.organisationId}`;
      const { severity, reasons } = severityOf(subject, f.designations, f.score);
      findings.push({
        id,
        ...f,
        severity,
        severityReasons: reasons,
        review: reviews.get(id) ?? { status: 'open' },
      });
    }
  }
  return findings.sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id),
  );
}

export interface FindingChange {
  readonly before: Finding;
  readonly after: Finding;
  readonly fields: readonly string[];
}

export interface FindingsDiff {
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly added: readonly Finding[];
  readonly removed: readonly Finding[];
  readonly changed: readonly FindingChange[];
  readonly unchanged: number;
}

const designationKeys = (f: Finding) =>
  f.designations
    .map((d) => `${d.id}|${d.list}|${d.date}|${d.citation}`)
    .sort()
    .join(';');
const chainKeys = (f: Finding) =>
  f.owners
    .map(
      (o) =>
        `${o.organisationId}:${o.chain.map((s) => `${s.parentId}/${s.control}/${s.percent ?? ''}`).join(',')}`,
    )
    .join(';');

/** What a re-screen changed: new, removed and changed findings (severity, score, designations, ownership chain, basis). */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const old = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  const changed: FindingChange[] = [];
  let unchanged = 0;
  for (const [id, a] of now) {
    const b = old.get(id);
    if (!b) continue;
    const fields: string[] = [];
    if (a.severity !== b.severity) fields.push('severity');
    if (Math.abs(a.score - b.score) > 1e-9) fields.push('score');
    if (a.basis !== b.basis) fields.push('basis');
    if (designationKeys(a) !== designationKeys(b)) fields.push('designations');
    if (chainKeys(a) !== chainKeys(b)) fields.push('ownership');
    if (fields.length > 0) changed.push({ before: b, after: a, fields });
    else unchanged++;
  }
  return {
    fromVersion: before[0]?.listVersion ?? null,
    toVersion: after[0]?.listVersion ?? null,
    added: after.filter((f) => !old.has(f.id)),
    removed: before.filter((f) => !now.has(f.id)),
    changed,
    unchanged,
  };
}

/** Applies a review decision; returns the updated finding. */
export function reviewFinding(finding: Finding, review: ReviewStatus): Finding {
  return { ...finding, review };
}
