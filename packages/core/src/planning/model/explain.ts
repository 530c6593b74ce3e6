import { periodDateLabel, periodMonthLabel } from '../calendar.js';
import type { InfeasibilityReason, Relaxation } from '../plan.js';
import type { PlanningProblem } from '../problem.js';
import type { ModelIndex, SlackInfo } from './build.js';

/**
 * Slack and retirements within this of a whole number count as whole: the elastic model's LP is solved by the
 * interior-point method, whose points carry noise of about 10⁻⁴ (a deadline met with 0.9997 of a crane retired). A
 * thousandth of a crane, or of a million dollars, is below anything a planner acts on.
 */
const EPS = 1e-3;

/** A period as a planner reads it: its month (YYYY-MM), or by week the week's first day. */
function periodLabel(problem: PlanningProblem): (period: number) => string {
  return problem.granularity === 'week'
    ? (p) => `the week of ${periodDateLabel(problem.startMonth, 'week', p)}`
    : (p) => periodMonthLabel(problem.startMonth, 'month', p);
}

function ranges(periods: readonly number[], label: (period: number) => string): string {
  const sorted = [...periods].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (const p of [...sorted.slice(1), undefined]) {
    if (p !== undefined && prev !== undefined && p === prev + 1) {
      prev = p;
      continue;
    }
    if (start !== undefined && prev !== undefined)
      parts.push(start === prev ? label(start) : `${label(start)} to ${label(prev)}`);
    start = p;
    prev = p;
  }
  return parts.join(', ');
}

const usd = (musd: number): string => `$${musd.toFixed(1)}M`;

/**
 * Reads the nonzero slacks of a solved elastic model (build with `elastic: true`) into reasons — which terminal
 * and period cannot meet demand, which budget year is short and by how much — and the relaxations that the
 * elastic solution shows to be sufficient.
 */
export function explainSlacks(
  problem: PlanningProblem,
  index: ModelIndex,
  values: readonly number[],
): { reasons: InfeasibilityReason[]; relaxations: Relaxation[] } {
  const used = index.slacks.map((s) => ({ s, v: values[s.column] ?? 0 })).filter((x) => x.v > EPS);
  const reasons: InfeasibilityReason[] = [];
  const relaxations: Relaxation[] = [];
  const when = periodLabel(problem);
  const terminalName = (id: string | undefined) =>
    problem.terminals.find((t) => t.id === id)?.name ?? id ?? '';
  const lateDeadlines: { from: number; to: number | null }[] = [];
  const byKey = new Map<string, { s: SlackInfo; v: number }[]>();
  for (const u of used) {
    const key = `${u.s.family}|${u.s.terminalId ?? ''}|${u.s.programId ?? ''}|${u.s.supplierId ?? ''}|${u.s.sizeClass ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), u]);
  }
  let extraBudget = 0;
  let extraSupply = 0;
  let shortfallCranePeriods = 0;
  for (const list of byKey.values()) {
    const first = list[0];
    if (first === undefined) continue;
    const s = first.s;
    const periods = list.map((x) => x.s.period ?? 0);
    const peak = Math.max(...list.map((x) => x.v));
    const total = list.reduce((a, x) => a + x.v, 0);
    switch (s.family) {
      case 'capacity-floor': {
        shortfallCranePeriods += total;
        const t = problem.terminals.find((x) => x.id === s.terminalId);
        const teu = t ? Math.round(peak * t.teuPerCranePeriod) : 0;
        reasons.push({
          kind: 'capacity-floor',
          terminalId: s.terminalId ?? '',
          period: Math.min(...periods),
          amount: Math.ceil(peak - EPS),
          message: `${terminalName(s.terminalId)} cannot meet demand in ${ranges(periods, when)}: short by up to ${Math.ceil(peak - EPS)} crane(s) (${teu} TEU per period)`,
        });
        break;
      }
      case 'budget':
        for (const x of list) {
          extraBudget += x.v;
          reasons.push({
            kind: 'budget',
            fiscalYear: x.s.fiscalYear ?? 0,
            amount: Math.round(x.v * 1e8),
            message: `program ${x.s.programId} FY${x.s.fiscalYear} is short by ${usd(x.v)}`,
          });
        }
        break;
      case 'supplier-capacity':
        extraSupply += total;
        reasons.push({
          kind: 'supplier-capacity',
          period: Math.min(...periods),
          amount: Math.ceil(total - EPS),
          message: `${s.supplierId} would have to deliver ${Math.ceil(total - EPS)} more ${s.sizeClass} crane(s) than its quarterly capacity (quarters starting in ${ranges(periods, when)})`,
        });
        break;
      case 'deadline': {
        const g = index.groups.find(
          (x) => x.terminal.id === s.terminalId && x.group.sizeClass === s.sizeClass,
        );
        const d = s.period ?? 0;
        let done: number | null = null;
        if (g) {
          for (let t = d; t < problem.periods; t++) {
            if ((values[g.retireCols[t] as number] ?? 0) >= g.size - EPS) {
              done = t;
              break;
            }
          }
        }
        reasons.push({
          kind: 'deadline',
          terminalId: s.terminalId ?? '',
          period: d,
          amount: Math.ceil(total - EPS),
          message: `${terminalName(s.terminalId)}: ${Math.ceil(total - EPS)} ${s.sizeClass} crane(s) cannot be retired by the deadline (${when(d)})`,
        });
        lateDeadlines.push({ from: d, to: done });
        relaxations.push({
          kind: 'later-deadline',
          amount: done === null ? problem.periods - d : done - d,
          message:
            done === null
              ? `${terminalName(s.terminalId)}: move the deadline for its ${s.sizeClass} cranes past ${when(d)} (the elastic solution does not retire them all within the horizon, so it does not say how far)`
              : `${terminalName(s.terminalId)}: move the deadline for its ${s.sizeClass} cranes from ${when(d)} to ${when(done)} (+${done - d} ${problem.granularity}s)`,
        });
        break;
      }
      case 'rail-slots':
        reasons.push({
          kind: 'rail-slots',
          terminalId: s.terminalId ?? '',
          period: Math.min(...periods),
          amount: Math.ceil(peak - EPS),
          message: `${terminalName(s.terminalId)} needs up to ${Math.ceil(peak - EPS)} more rail slot(s) in ${ranges(periods, when)}`,
        });
        break;
      case 'crews':
        reasons.push({
          kind: 'crews',
          period: Math.min(...periods),
          amount: Math.ceil(peak - EPS),
          message: `region ${s.terminalId} needs up to ${Math.ceil(peak - EPS)} more commissioning crew(s) in ${ranges(periods, when)}`,
        });
        break;
    }
  }
  // One deadline for all, as a program sets it: the latest retirement the elastic solution needs.
  const reached = lateDeadlines.map((x) => x.to);
  if (lateDeadlines.length > 1 && reached.every((x): x is number => x !== null)) {
    const from = Math.min(...lateDeadlines.map((x) => x.from));
    const to = Math.max(...reached);
    relaxations.unshift({
      kind: 'later-deadline',
      amount: to - from,
      message: `one deadline for all the terminals above: ${when(to)} instead of ${when(from)} (or each its own, below)`,
    });
  }
  if (extraBudget > EPS) {
    relaxations.push({
      kind: 'extra-budget',
      amount: Math.round(extraBudget * 1e8),
      message: `add ${usd(extraBudget)} of federal budget in the years listed`,
    });
  }
  if (extraSupply > EPS) {
    relaxations.push({
      kind: 'more-supplier-capacity',
      amount: Math.ceil(extraSupply - EPS),
      message: `add capacity for ${Math.ceil(extraSupply - EPS)} crane(s) at the suppliers listed`,
    });
  }
  if (shortfallCranePeriods > EPS) {
    relaxations.push({
      kind: 'accept-shortfall',
      amount: Math.ceil(shortfallCranePeriods - EPS),
      message: `accept a capacity shortfall of ${Math.ceil(shortfallCranePeriods - EPS)} crane-period(s) (run with the soft floor)`,
    });
  }
  return { reasons, relaxations };
}
