import { describe, expect, it } from 'vitest';
import { periodDateLabel, periodMonthLabel } from '../calendar.js';
import { generateProblem } from '../generator.js';
import type { PlanningProblem } from '../problem.js';
import { buildPlanningModel } from './build.js';
import { explainSlacks } from './explain.js';

const problem: PlanningProblem = (() => {
  const p = generateProblem({ terminals: 3, cranes: 9, suppliers: 2, years: 4, seed: 7 });
  return { ...p, terminals: p.terminals.map((t) => ({ ...t, deadlinePeriod: 12 })) };
})();
const { model, index } = buildPlanningModel(problem, { elastic: true });
const deadlineSlacks = index.slacks.filter((s) => s.family === 'deadline');

/** An elastic point: the given slack values, and each group's retirements reaching `retired` from `from` on. */
function point(
  slack: ReadonlyMap<number, number>,
  retired: ReadonlyMap<string, { from: number; value: number }>,
) {
  const values = model.columns.map(() => 0);
  for (const [column, v] of slack) values[column] = v;
  for (const g of index.groups) {
    const r = retired.get(`${g.terminal.id}|${g.group.sizeClass}`);
    if (r) g.retireCols.forEach((c, t) => (values[c as number] = t >= r.from ? r.value : 0));
  }
  return values;
}

describe('explainSlacks', () => {
  it('reads interior-point noise as whole numbers: no reason from a slack of 3·10⁻⁴, a group retired at size − 2·10⁻⁴', () => {
    expect(deadlineSlacks.length).toBeGreaterThanOrEqual(2);
    const [noise, real] = deadlineSlacks;
    const late = index.groups.find(
      (g) => g.terminal.id === real!.terminalId && g.group.sizeClass === real!.sizeClass,
    )!;
    const values = point(
      new Map([
        [noise!.column, 3e-4],
        [real!.column, 1.4],
      ]),
      new Map([[`${late.terminal.id}|${late.group.sizeClass}`, { from: 30, value: late.size - 2e-4 }]]),
    );
    const { reasons, relaxations } = explainSlacks(problem, index, values);
    expect(reasons.map((r) => [r.terminalId, r.amount])).toEqual([[real!.terminalId, 2]]);
    const name = problem.terminals.find((t) => t.id === real!.terminalId)!.name;
    expect(reasons[0]!.message).toBe(
      `${name}: 2 ${late.group.sizeClass} crane(s) cannot be retired by the deadline (${periodMonthLabel(problem.startMonth, 'month', 12)})`,
    );
    // Retired (to within the noise) from period 30: the deadline moves there.
    expect(relaxations).toEqual([expect.objectContaining({ kind: 'later-deadline', amount: 30 - 12 })]);
  });
});

describe('explainSlacks by week', () => {
  it('names the week by its first day', () => {
    const p = generateProblem({
      terminals: 2,
      cranes: 4,
      suppliers: 2,
      years: 2,
      seed: 3,
      granularity: 'week',
    });
    const weekly: PlanningProblem = {
      ...p,
      terminals: p.terminals.map((t) => ({ ...t, deadlinePeriod: 10 })),
    };
    const built = buildPlanningModel(weekly, { elastic: true });
    const slack = built.index.slacks.find((s) => s.family === 'deadline')!;
    const values = built.model.columns.map((_, j) => (j === slack.column ? 1 : 0));
    const { reasons } = explainSlacks(weekly, built.index, values);
    expect(reasons[0]!.message).toMatch(
      new RegExp(`\\(the week of ${periodDateLabel(weekly.startMonth, 'week', 10)}\\)$`),
    );
  });
});
