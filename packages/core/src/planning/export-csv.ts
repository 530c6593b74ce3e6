import { periodMonthLabel } from './calendar.js';
import type { Plan } from './plan.js';
import type { PlanningProblem } from './problem.js';

export const PLAN_CSV_COLUMNS = [
  'terminal_id',
  'terminal_name',
  'crane_id',
  'size_class',
  'status',
  'supplier_id',
  'supplier_name',
  'program_id',
  'contract',
  'arrival',
  'in_service',
  'retire',
  'cost_usd',
] as const;

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per untrusted crane, in the problem's terminal and group order: who replaces it, when (YYYY-MM of the
 * period's first day) and at what cost. Cranes the plan leaves in service have status "unreplaced".
 */
export function planToCsv(problem: PlanningProblem, plan: Pick<Plan, 'replacements'>): string {
  const byCrane = new Map(plan.replacements.map((r) => [r.craneId, r]));
  const supplierName = new Map(problem.suppliers.map((s) => [s.id, s.name]));
  const month = (p: number) => periodMonthLabel(problem.startMonth, problem.granularity, p);
  const lines = [PLAN_CSV_COLUMNS.join(',')];
  for (const t of problem.terminals) {
    for (const g of t.groups) {
      for (const craneId of g.craneIds) {
        const r = byCrane.get(craneId);
        const cells: (string | number)[] = r
          ? [
              t.id,
              t.name,
              craneId,
              g.sizeClass,
              'replaced',
              r.supplierId,
              supplierName.get(r.supplierId) ?? '',
              r.programId ?? '',
              month(r.contractPeriod),
              month(r.arrivalPeriod),
              month(r.inServicePeriod),
              month(r.retirePeriod),
              (r.costCents / 100).toFixed(2),
            ]
          : [t.id, t.name, craneId, g.sizeClass, 'unreplaced', '', '', '', '', '', '', '', ''];
        lines.push(cells.map(csvCell).join(','));
      }
    }
  }
  return lines.join('\n') + '\n';
}
