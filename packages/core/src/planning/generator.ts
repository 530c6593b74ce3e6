import type { CraneSizeClass } from '../model/asset.js';
import { mulberry32, pick, randomInt, type Rng } from '../shared/rng.js';
import {
  buildCalendar,
  fiscalYearsOf,
  monthsToPeriods,
  periodsInYears,
  WEEKS_PER_MONTH,
  type Granularity,
} from './calendar.js';
import type {
  BudgetLine,
  CraneGroup,
  PlanningProblem,
  PlanningSupplier,
  PlanningTerminal,
} from './problem.js';

export interface GenerateOptions {
  readonly terminals: number;
  /** Untrusted cranes in total (each terminal gets at least one). */
  readonly cranes: number;
  /** Trusted suppliers; every size class is offered by at least one. */
  readonly suppliers: number;
  readonly years: number;
  readonly seed: number;
  readonly granularity?: Granularity;
  readonly startMonth?: string;
  /** Overrides the seeded mulberry32(seed). */
  readonly rng?: Rng;
  /** Money per fiscal year as a share of the program's total cost spread over the horizon; default 1. */
  readonly budgetScale?: number;
}

const CLASSES: readonly CraneSizeClass[] = ['panamax', 'post-panamax', 'super-post-panamax'];
const REGIONS = ['west', 'gulf', 'east'] as const;
const TEU_PER_CRANE_MONTH = 17_472; // 28 moves/h × 1.6 TEU × 600 h × 0.65

/**
 * A random planning problem that is feasible by construction: demand never needs more than all cranes but one
 * (so one crane can always be out), rail slots exceed the crane count, and nothing has a deadline, so doing
 * nothing is valid and every crane can be replaced given enough time and money.
 * Example: generateProblem({ terminals: 200, cranes: 2000, suppliers: 6, years: 10, seed: 1 }).
 */
export function generateProblem(o: GenerateOptions): PlanningProblem {
  if (o.terminals < 1 || o.cranes < o.terminals)
    throw new Error('generateProblem: need terminals >= 1 and cranes >= terminals');
  const rng = o.rng ?? mulberry32(o.seed);
  const granularity = o.granularity ?? 'month';
  const startMonth = o.startMonth ?? '2027-01';
  const periods = periodsInYears(o.years, granularity);
  const calendar = buildCalendar(startMonth, granularity, periods);
  const perMonth = granularity === 'month' ? 1 : 1 / WEEKS_PER_MONTH;
  const programs = ['prog-federal', 'prog-state'];

  const counts = Array.from({ length: o.terminals }, () => 1);
  for (let k = o.terminals; k < o.cranes; k++) {
    // Preferential attachment gives a few big terminals and many small ones, as in U.S. ports.
    const i = rng.next() < 0.5 ? randomInt(rng, 0, o.terminals - 1) : pickWeighted(rng, counts);
    counts[i]! += 1;
  }

  let craneSeq = 0;
  const terminals: PlanningTerminal[] = counts.map((n, i) => {
    const id = `T${String(i + 1).padStart(4, '0')}`;
    const trusted = randomInt(rng, 0, 3);
    const total = n + trusted;
    const teuPerCranePeriod = TEU_PER_CRANE_MONTH * perMonth;
    const maxDemand = Math.max(0, total - 1) * teuPerCranePeriod;
    const utilisation = 0.5 + 0.45 * rng.next();
    const amplitude = 0.08 * rng.next();
    const demand = calendar.map((p) => {
      const seasonal = 1 + amplitude * Math.sin(((p.month0 - 2) / 12) * 2 * Math.PI);
      return Math.floor(Math.min(maxDemand, maxDemand * utilisation * seasonal));
    });
    const byKey = new Map<string, { sizeClass: CraneSizeClass; risk: number; ids: string[] }>();
    const terminalClass = pick(rng, CLASSES);
    for (let k = 0; k < n; k++) {
      const sizeClass = rng.next() < 0.75 ? terminalClass : pick(rng, CLASSES);
      const criticality = randomInt(rng, 1, 4);
      const risk = Math.round((criticality / total) * 1e6) / 1e6;
      const key = `${sizeClass}|${risk}`;
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { sizeClass, risk, ids: [] }));
      g.ids.push(`${id}-C${String(++craneSeq).padStart(5, '0')}`);
    }
    const groups: CraneGroup[] = [...byKey.values()].map((g) => ({
      sizeClass: g.sizeClass,
      craneIds: g.ids,
      riskPerCranePeriod: g.risk,
    }));
    const blackoutMonths = rng.next() < 0.3 ? [8, 9, 10] : [];
    return {
      id,
      name: `Terminal ${i + 1}`,
      region: pick(rng, REGIONS),
      teuPerCranePeriod,
      demand,
      railSlots: total + randomInt(rng, 1, 2),
      minCranesInService: Math.floor((total - 1) / 2),
      trustedCranes: trusted,
      groups,
      blackoutPeriods: calendar.filter((p) => blackoutMonths.includes(p.month0)).map((p) => p.index),
      fundingProgramIds: rng.next() < 0.3 ? [...programs] : ['prog-federal'],
    };
  });

  const suppliers: PlanningSupplier[] = Array.from({ length: Math.max(1, o.suppliers) }, (_, i) => {
    const offered = CLASSES.filter((_c, ci) => ci === i % 3 || rng.next() < 0.5);
    const lead = randomInt(rng, 18, 30);
    const knockedDown = rng.next() < 0.3;
    return {
      id: `S${i + 1}`,
      name: `Supplier ${i + 1}`,
      trusted: true,
      leadTimePeriods: monthsToPeriods(lead, granularity),
      deliveryMode: knockedDown ? 'knocked-down' : 'fully-erected',
      commissioningPeriods: monthsToPeriods(
        knockedDown ? randomInt(rng, 4, 7) : randomInt(rng, 2, 4),
        granularity,
      ),
      offers: offered.map((sizeClass) => ({
        sizeClass,
        unitCostCents: randomInt(rng, 1_000, 1_600) * 1_000_000,
        capacityPerQuarter: randomInt(rng, 2, 8) * Math.max(1, Math.round(o.cranes / 500)),
      })),
      earliestContractPeriod: rng.next() < 0.2 ? monthsToPeriods(randomInt(rng, 1, 6), granularity) : 0,
    };
  });
  suppliers.push({
    id: 'S-untrusted',
    name: 'Untrusted Heavy Industries',
    trusted: false,
    leadTimePeriods: monthsToPeriods(12, granularity),
    deliveryMode: 'fully-erected',
    commissioningPeriods: monthsToPeriods(2, granularity),
    offers: CLASSES.map((sizeClass) => ({ sizeClass, unitCostCents: 900_000_000, capacityPerQuarter: 50 })),
    earliestContractPeriod: 0,
  });

  const fys = fiscalYearsOf(calendar);
  const totalCost = o.cranes * 1_300_000_000;
  const perYear = (totalCost / Math.max(1, fys.length - 2)) * (o.budgetScale ?? 1);
  const budgets: BudgetLine[] = fys.flatMap((fiscalYear) => [
    {
      programId: 'prog-federal',
      fiscalYear,
      amountCents: Math.round(perYear * (0.6 + 0.5 * rng.next())),
      carryOver: true,
      localShare: 0.2,
    },
    {
      programId: 'prog-state',
      fiscalYear,
      amountCents: Math.round(perYear * 0.1),
      carryOver: false,
      localShare: 0.5,
    },
  ]);

  return {
    startMonth,
    granularity,
    periods,
    calendar,
    terminals,
    suppliers,
    budgets,
    crewRegions: REGIONS.map((region) => ({
      region,
      simultaneousCommissionings: randomInt(rng, 2, 6) * Math.max(1, Math.round(o.cranes / 300)),
    })),
    options: { timeLimitSeconds: 10, mipGap: 0.005, softFloor: false, shortfallPenaltyPerTeu: 0.01 },
  };
}

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
