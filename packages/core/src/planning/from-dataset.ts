import {
  criticalityWeight,
  ReplaceableKind,
  type Asset,
  type AssetKind,
  type CraneSizeClass,
} from '../model/asset.js';
import { demandTeuInMonth, teuPerCraneMonth } from '../model/capacity.js';
import type { Dataset } from '../model/inventory.js';
import { fail, issue, type Issue, type Result } from '../shared/issue.js';
import {
  buildCalendar,
  fiscalYearsOf,
  firstPeriodStartingFrom,
  lastPeriodStartingBy,
  monthsToPeriods,
  parseMonth,
  periodsInYears,
  WEEKS_PER_MONTH,
  type Granularity,
} from './calendar.js';
import type {
  BudgetLine,
  CraneGroup,
  CrewRegion,
  PlanningOptions,
  PlanningProblem,
  PlanningSupplier,
  PlanningTerminal,
} from './problem.js';
import { planningTerminalOfKind } from './problem.js';
import { buildCoveredIndex, isUntrustedMaker } from './risk.js';

export interface FromDatasetOptions {
  /** First month of the horizon, YYYY-MM. */
  readonly startMonth: string;
  /** Horizon length; default 10. */
  readonly years?: number;
  readonly granularity?: Granularity;
  /** Multiplies every appropriation (budget scenario); default 1. */
  readonly budgetScale?: number;
  /** Cranes that can be commissioned at once per crew region; default 4. */
  readonly crewsPerRegion?: number;
  readonly crewsByRegion?: Readonly<Record<string, number>>;
  /** Calendar months (1-12) in which no terminal commissions, e.g. [9, 10, 11] for a Sep–Nov peak. */
  readonly blackoutMonths?: readonly number[];
  /** Per terminal id, overrides blackoutMonths. */
  readonly blackoutByTerminal?: Readonly<Record<string, readonly number[]>>;
  /** Every untrusted crane retired by the end of this month (YYYY-MM); per terminal overrides. */
  readonly deadline?: string;
  readonly deadlineByTerminal?: Readonly<Record<string, string>>;
  /** Multiplies an asset's risk weight (the Evidence feature's exposure score); default 1. */
  readonly exposureByAsset?: Readonly<Record<string, number>>;
  /** No contract before this month (YYYY-MM); default the start month. */
  readonly earliestContractMonth?: string;
  /** Replaces the maker rule (isUntrustedMaker) once Screening provides findings. */
  readonly isUntrusted?: (asset: Asset) => boolean;
  readonly timeLimitSeconds?: number;
  readonly mipGap?: number;
  readonly softFloor?: boolean;
  readonly shortfallPenaltyPerTeu?: number;
}

export const DEFAULT_PLANNING_OPTIONS: PlanningOptions = {
  timeLimitSeconds: 10,
  mipGap: 0.005,
  softFloor: false,
  // A crane-month of lost capacity (~17k TEU) then costs ~170 risk units, far above any crane's monthly risk.
  shortfallPenaltyPerTeu: 0.01,
};

const IN_SERVICE = new Set<Asset['status']>(['in-service']);

/**
 * The planning problem for a dataset: STS cranes of untrusted makers at container terminals, grouped by
 * terminal × size class × risk; trusted suppliers only; budgets from funding programs eligible for terminals.
 * Data problems that leave part of the program unplannable are returned as issues next to the problem
 * (result.issues); only unusable options fail.
 */
export function planningProblemFromDataset(
  dataset: Dataset,
  options: FromDatasetOptions,
): Result<PlanningProblem> {
  const optionIssues = checkOptions(options);
  if (optionIssues.length > 0) return fail(optionIssues);
  const granularity = options.granularity ?? 'month';
  const periods = periodsInYears(options.years ?? 10, granularity);
  const calendar = buildCalendar(options.startMonth, granularity, periods);
  const perMonth = granularity === 'month' ? 1 : 1 / WEEKS_PER_MONTH;
  const issues: Issue[] = [];

  const coveredIndex = buildCoveredIndex(dataset);
  const untrusted =
    options.isUntrusted ?? ((a: Asset) => isUntrustedMaker(a, coveredIndex, dataset.designations).untrusted);
  const capacityOf = new Map(dataset.capacities.map((c) => [c.facilityId as string, c]));
  const stsByFacility = new Map<string, Asset[]>();
  for (const a of dataset.assets) {
    if (a.kind !== 'sts-crane' || !IN_SERVICE.has(a.status)) continue;
    const list = stsByFacility.get(a.facilityId) ?? [];
    list.push(a);
    stsByFacility.set(a.facilityId, list);
  }

  const trustedSuppliers = dataset.suppliers.filter((s) => s.trusted);
  const offeredClasses = new Set(trustedSuppliers.flatMap((s) => s.offers.map((o) => o.sizeClass)));
  const fys = fiscalYearsOf(calendar);

  const eligiblePrograms = (facilityKind: string, assetKind: AssetKind) =>
    dataset.fundingPrograms
      .filter(
        (p) =>
          (p.eligibleFacilityKinds as readonly string[]).includes(facilityKind) &&
          (p.eligibleAssetKinds === undefined || p.eligibleAssetKinds.includes(assetKind)),
      )
      .map((p) => p.id as string);

  // An asset's risk weight: criticality × exposure, over the facility's units of its kind (cranes: its fleet).
  const riskWeight = (a: Asset, units: number): number =>
    Math.round(((criticalityWeight[a.criticality] * (options.exposureByAsset?.[a.id] ?? 1)) / units) * 1e6) /
    1e6;
  // Retirement order within a group: the oldest first.
  const oldestFirst = (assets: readonly Asset[]): string[] =>
    [...assets]
      .sort((x, y) => (x.yearCommissioned ?? 0) - (y.yearCommissioned ?? 0) || x.id.localeCompare(y.id))
      .map((a) => a.id as string);
  const terminals: PlanningTerminal[] = [];
  // Adds the terminal, with its deadline if it has one (one before the horizon is said, and moved to its start), and
  // says when no program can pay for its `what`.
  const addTerminal = (
    terminal: PlanningTerminal,
    facility: { readonly id: string; readonly kind: string },
    what: string,
    deadline: string | undefined,
    where: Issue['path'],
  ): void => {
    if (terminal.fundingProgramIds.length === 0)
      issues.push(
        issue(
          'planning/no-funding',
          where,
          `no funding program is eligible for ${facility.id} (${facility.kind}); its ${what} cannot be paid for`,
        ),
      );
    if (deadline === undefined) {
      terminals.push(terminal);
      return;
    }
    const dl = lastPeriodStartingBy(options.startMonth, granularity, deadline);
    if (dl < 0)
      issues.push(
        issue(
          'planning/deadline',
          where,
          `deadline ${deadline} for ${terminal.id} is before the horizon starts`,
        ),
      );
    terminals.push({ ...terminal, deadlinePeriod: Math.max(0, Math.min(dl, periods - 1)) });
  };
  const regions = new Set<string>();
  dataset.facilities.forEach((f, fi) => {
    const cranes = stsByFacility.get(f.id) ?? [];
    const bad = cranes.filter(untrusted);
    if (bad.length === 0) return;
    const where = ['facilities', fi];
    const cap = capacityOf.get(f.id);
    if (!cap) {
      issues.push(
        issue(
          'planning/no-capacity',
          where,
          `${f.id} (${f.name}) has ${bad.length} untrusted STS crane(s) but no capacity record; it is left out of the plan`,
        ),
      );
      return;
    }
    const unclassified = bad.filter((a) => a.sizeClass === undefined);
    for (const a of unclassified)
      issues.push(
        issue(
          'planning/no-size-class',
          ['assets', a.id, 'sizeClass'],
          `untrusted crane ${a.id} at ${f.id} has no size class; it is left out of the plan`,
        ),
      );
    const total = cranes.length;
    const groups = new Map<string, { sizeClass: CraneSizeClass; risk: number; cranes: Asset[] }>();
    for (const a of bad) {
      if (a.sizeClass === undefined) continue;
      const risk = riskWeight(a, total);
      const key = `${a.sizeClass}|${risk}`;
      const g = groups.get(key) ?? { sizeClass: a.sizeClass, risk, cranes: [] };
      g.cranes.push(a);
      groups.set(key, g);
    }
    for (const cls of new Set([...groups.values()].map((g) => g.sizeClass))) {
      if (!offeredClasses.has(cls))
        issues.push(
          issue(
            'planning/no-supplier',
            where,
            `${f.id} has untrusted ${cls} cranes but no trusted supplier offers ${cls}; they cannot be replaced`,
          ),
        );
    }
    const craneGroups: CraneGroup[] = [...groups.values()]
      .sort((a, b) => b.risk - a.risk || a.sizeClass.localeCompare(b.sizeClass))
      .map((g) => ({
        sizeClass: g.sizeClass,
        craneIds: oldestFirst(g.cranes),
        riskPerCranePeriod: g.risk,
      }));
    const teuPerCranePeriod = teuPerCraneMonth(cap) * perMonth;
    const demand = calendar.map((p) => demandTeuInMonth(cap, p.year, p.month0) * perMonth);
    const fleetCapacity = total * teuPerCranePeriod;
    const over = demand.findIndex((d) => d > fleetCapacity + 1e-6);
    if (over >= 0)
      issues.push(
        issue(
          'planning/demand-exceeds-fleet',
          ['capacities', f.id, 'demandTeuPerYear'],
          `${f.id}: demand ${Math.round(demand[over]!)} TEU in period ${over} exceeds what all ${total} cranes handle (${Math.round(fleetCapacity)} TEU); the floor cannot hold even without replacements (plan with --soft)`,
        ),
      );
    if (total > cap.railSlots)
      issues.push(
        issue(
          'planning/rail-slots',
          ['capacities', f.id, 'railSlots'],
          `${f.id}: ${total} cranes on ${cap.railSlots} rail slots`,
        ),
      );
    const blackoutMonths = options.blackoutByTerminal?.[f.id] ?? options.blackoutMonths ?? [];
    const deadline = options.deadlineByTerminal?.[f.id] ?? options.deadline;
    const region = f.region ?? 'unassigned';
    regions.add(region);
    const terminal: PlanningTerminal = {
      id: f.id,
      name: f.name,
      region,
      teuPerCranePeriod,
      demand,
      railSlots: cap.railSlots,
      minCranesInService: cap.minCranesInService,
      trustedCranes: total - bad.length,
      groups: craneGroups,
      blackoutPeriods: calendar.filter((p) => blackoutMonths.includes(p.month0 + 1)).map((p) => p.index),
      fundingProgramIds: eligiblePrograms(f.kind, 'sts-crane'),
    };
    addTerminal(terminal, f, 'cranes', deadline, where);
  });

  // Other asset kinds with a replacement rule (a trusted supplier offers the kind): each facility's in-service units of
  // a kind, untrusted ones among them, are a terminal of their own (planningTerminalOfKind). Its floor is one unit per
  // unit in service, so an old unit leaves only once its replacement is in service; it has no rail slots or
  // blackouts, its region's crews are its own (installers, not crane commissioning crews), and it draws on the
  // facility's funding programs. Kinds no trusted supplier offers are left out, and the planner says so, once per kind.
  const unitsByTerminal = new Map<
    string,
    { readonly facilityId: string; readonly kind: ReplaceableKind; readonly units: Asset[] }
  >();
  for (const a of dataset.assets) {
    const kind = ReplaceableKind.safeParse(a.kind);
    if (!kind.success || !IN_SERVICE.has(a.status)) continue;
    const id = planningTerminalOfKind(a.facilityId, kind.data);
    const entry = unitsByTerminal.get(id) ?? { facilityId: a.facilityId, kind: kind.data, units: [] };
    entry.units.push(a);
    unitsByTerminal.set(id, entry);
  }
  const replaceableKinds = ReplaceableKind.options.filter((k) => offeredClasses.has(k));
  dataset.facilities.forEach((f, fi) => {
    for (const kind of replaceableKinds) {
      const id = planningTerminalOfKind(f.id, kind);
      const units = unitsByTerminal.get(id)?.units ?? [];
      const bad = units.filter(untrusted);
      if (bad.length === 0) continue;
      const groups = new Map<number, Asset[]>();
      for (const a of bad) {
        const risk = riskWeight(a, units.length);
        groups.set(risk, [...(groups.get(risk) ?? []), a]);
      }
      const region = `${f.region ?? 'unassigned'} (${kind})`;
      regions.add(region);
      const terminal: PlanningTerminal = {
        id,
        name: `${f.name} (${kind})`,
        region,
        teuPerCranePeriod: 1,
        demand: calendar.map(() => units.length),
        railSlots: 2 * units.length,
        minCranesInService: 0,
        trustedCranes: units.length - bad.length,
        groups: [...groups]
          .sort(([a], [b]) => b - a)
          .map(([risk, assets]) => ({
            sizeClass: kind,
            craneIds: oldestFirst(assets),
            riskPerCranePeriod: risk,
          })),
        blackoutPeriods: [],
        fundingProgramIds: eligiblePrograms(f.kind, kind),
      };
      const deadline =
        options.deadlineByTerminal?.[id] ?? options.deadlineByTerminal?.[f.id] ?? options.deadline;
      addTerminal(terminal, f, `${kind} units`, deadline, ['facilities', fi]);
    }
  });
  const unplanned = new Map<string, { units: number; facilities: Set<string> }>();
  for (const { facilityId, kind, units } of unitsByTerminal.values()) {
    const bad = units.filter(untrusted).length;
    if (offeredClasses.has(kind) || bad === 0) continue;
    const seen = unplanned.get(kind) ?? { units: 0, facilities: new Set<string>() };
    seen.units += bad;
    seen.facilities.add(facilityId);
    unplanned.set(kind, seen);
  }
  for (const [kind, { units, facilities }] of [...unplanned].sort(([a], [b]) => a.localeCompare(b)))
    issues.push(
      issue(
        'planning/no-replacement-rule',
        ['suppliers'],
        `${units} untrusted ${kind} unit(s) at ${facilities.size} facilit${facilities.size === 1 ? 'y are' : 'ies are'} not planned: no trusted supplier offers ${kind} (add an offer for it to plan them)`,
      ),
    );

  const earliestContractPeriod =
    options.earliestContractMonth === undefined
      ? 0
      : Math.max(0, firstPeriodStartingFrom(options.startMonth, granularity, options.earliestContractMonth));
  const suppliers: PlanningSupplier[] = trustedSuppliers.map((s) => {
    const mode = [...s.deliveryModes].sort(
      (a, b) => a.commissioningMonths.mode - b.commissioningMonths.mode,
    )[0]!;
    return {
      id: s.id,
      name: s.name,
      trusted: true,
      leadTimePeriods: monthsToPeriods(s.leadTimeMonths.mode, granularity),
      leadTimeMinPeriods: monthsToPeriods(s.leadTimeMonths.min, granularity),
      leadTimeMaxPeriods: monthsToPeriods(s.leadTimeMonths.max, granularity),
      deliveryMode: mode.mode,
      commissioningPeriods: monthsToPeriods(mode.commissioningMonths.mode, granularity),
      commissioningMinPeriods: monthsToPeriods(mode.commissioningMonths.min, granularity),
      commissioningMaxPeriods: monthsToPeriods(mode.commissioningMonths.max, granularity),
      offers: s.offers.map((o) => ({
        sizeClass: o.sizeClass,
        unitCostCents: Math.round(o.priceCents * (1 + s.tariffRate)) + s.installationCents,
        capacityPerQuarter: o.capacityPerQuarter,
      })),
      earliestContractPeriod,
    };
  });

  const scale = options.budgetScale ?? 1;
  const budgets: BudgetLine[] = [];
  const firstFy = fys[0]!;
  for (const p of dataset.fundingPrograms) {
    if (!terminals.some((t) => t.fundingProgramIds.includes(p.id))) continue;
    const byFy = new Map<number, number>();
    for (const a of p.appropriations) {
      const fy = a.fiscalYear < firstFy && p.carryOver ? firstFy : a.fiscalYear;
      if (!fys.includes(fy)) continue;
      byFy.set(fy, (byFy.get(fy) ?? 0) + Math.round(a.amountCents * scale));
    }
    for (const fiscalYear of fys) {
      const amountCents = byFy.get(fiscalYear);
      if (amountCents !== undefined)
        budgets.push({
          programId: p.id,
          fiscalYear,
          amountCents,
          carryOver: p.carryOver,
          localShare: p.localShare,
        });
    }
  }
  if (terminals.length > 0 && budgets.length === 0)
    issues.push(
      issue(
        'planning/no-budget',
        ['fundingPrograms'],
        `no funding program has money in FY${firstFy}–FY${fys[fys.length - 1]}; nothing can be contracted`,
      ),
    );

  const crewRegions: CrewRegion[] = [...regions].sort().map((region) => ({
    region,
    simultaneousCommissionings: options.crewsByRegion?.[region] ?? options.crewsPerRegion ?? 4,
  }));

  const problem: PlanningProblem = {
    startMonth: options.startMonth,
    granularity,
    periods,
    calendar,
    terminals,
    suppliers,
    budgets,
    crewRegions,
    options: {
      timeLimitSeconds: options.timeLimitSeconds ?? DEFAULT_PLANNING_OPTIONS.timeLimitSeconds,
      mipGap: options.mipGap ?? DEFAULT_PLANNING_OPTIONS.mipGap,
      softFloor: options.softFloor ?? DEFAULT_PLANNING_OPTIONS.softFloor,
      shortfallPenaltyPerTeu:
        options.shortfallPenaltyPerTeu ?? DEFAULT_PLANNING_OPTIONS.shortfallPenaltyPerTeu,
      ...(options.exposureByAsset === undefined ? {} : { exposureByAsset: options.exposureByAsset }),
    },
  };
  return { ok: true, value: problem, issues };
}

function checkOptions(o: FromDatasetOptions): Issue[] {
  const out: Issue[] = [];
  const month = (field: string, v: string | undefined) => {
    if (v !== undefined && parseMonth(v) === null)
      out.push(issue('invalid_option', [field], `expected a month as YYYY-MM, got '${v}'`));
  };
  month('startMonth', o.startMonth);
  month('deadline', o.deadline);
  month('earliestContractMonth', o.earliestContractMonth);
  for (const [k, v] of Object.entries(o.deadlineByTerminal ?? {})) month(`deadlineByTerminal.${k}`, v);
  const positive = (field: string, v: number | undefined, max: number) => {
    if (v !== undefined && !(Number.isFinite(v) && v > 0 && v <= max))
      out.push(issue('invalid_option', [field], `expected a number in (0, ${max}], got ${v}`));
  };
  positive('years', o.years, 50);
  if (o.budgetScale !== undefined && !(Number.isFinite(o.budgetScale) && o.budgetScale >= 0))
    out.push(
      issue('invalid_option', ['budgetScale'], `expected a non-negative number, got ${o.budgetScale}`),
    );
  if (o.crewsPerRegion !== undefined && !(Number.isInteger(o.crewsPerRegion) && o.crewsPerRegion >= 0))
    out.push(
      issue('invalid_option', ['crewsPerRegion'], `expected a whole number >= 0, got ${o.crewsPerRegion}`),
    );
  const months = [...(o.blackoutMonths ?? []), ...Object.values(o.blackoutByTerminal ?? {}).flat()];
  for (const m of months)
    if (!(Number.isInteger(m) && m >= 1 && m <= 12))
      out.push(issue('invalid_option', ['blackoutMonths'], `expected months 1-12, got ${m}`));
  for (const [k, v] of Object.entries(o.exposureByAsset ?? {}))
    if (!(Number.isFinite(v) && v >= 0))
      out.push(issue('invalid_option', ['exposureByAsset', k], `expected a factor >= 0, got ${v}`));
  return out;
}
