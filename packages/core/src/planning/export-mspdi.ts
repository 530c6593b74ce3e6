import { DAY_MS, periodStartDate } from './calendar.js';
import type { Plan, PlannedReplacement } from './plan.js';
import type { PlanningProblem } from './problem.js';

/*
 * Microsoft Project XML (MSPDI, namespace http://schemas.microsoft.com/project): one summary task per terminal,
 * one per crane, and under it procure (contract -> arrival), deliver (milestone), commission (arrival -> in
 * service) and retire old crane (milestone), linked finish-to-start. A task covering periods [a, b) starts on
 * the first day of a at 08:00 and finishes the day before b starts at 17:00; durations count weekdays × 8 h.
 */

const NS = 'http://schemas.microsoft.com/project';

export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function weekdaysBetween(startMs: number, endMs: number): number {
  let n = 0;
  for (let t = startMs; t < endMs; t += DAY_MS) {
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) n++;
  }
  return n;
}

interface TaskSpec {
  readonly name: string;
  readonly outline: string;
  readonly startMs: number;
  /** Exclusive end; equal to startMs for a milestone. */
  readonly endMs: number;
  readonly summary: boolean;
  readonly predecessor?: number;
}

export interface MspdiOptions {
  readonly projectName?: string;
}

export function planToMspdi(
  problem: PlanningProblem,
  plan: Pick<Plan, 'name' | 'replacements'>,
  options: MspdiOptions = {},
): string {
  const at = (p: number) => periodStartDate(problem.startMonth, problem.granularity, p).getTime();
  const supplierName = new Map(problem.suppliers.map((s) => [s.id, s.name]));
  const byTerminal = new Map<string, PlannedReplacement[]>();
  for (const r of plan.replacements) {
    const list = byTerminal.get(r.terminalId) ?? [];
    list.push(r);
    byTerminal.set(r.terminalId, list);
  }
  const tasks: TaskSpec[] = [];
  let ti = 0;
  for (const t of problem.terminals) {
    const reps = (byTerminal.get(t.id) ?? [])
      .slice()
      .sort((a, b) => a.contractPeriod - b.contractPeriod || a.craneId.localeCompare(b.craneId));
    if (reps.length === 0) continue;
    ti++;
    const tStart = Math.min(...reps.map((r) => at(Math.min(r.contractPeriod, r.retirePeriod))));
    const tEnd = Math.max(...reps.map((r) => Math.max(at(r.inServicePeriod), at(r.retirePeriod))));
    tasks.push({
      name: `${t.name} (${t.id})`,
      outline: `${ti}`,
      startMs: tStart,
      endMs: tEnd,
      summary: true,
    });
    reps.forEach((r, ci) => {
      const o = `${ti}.${ci + 1}`;
      const c = at(r.contractPeriod);
      const a = at(r.arrivalPeriod);
      const s = at(r.inServicePeriod);
      const ret = at(r.retirePeriod);
      const supplier = supplierName.get(r.supplierId) ?? r.supplierId;
      tasks.push({
        name: `Crane ${r.craneId} (${r.sizeClass}) from ${supplier}`,
        outline: o,
        startMs: Math.min(c, ret),
        endMs: Math.max(s, ret),
        summary: true,
      });
      const procure = tasks.length + 1;
      tasks.push({
        name: `Procure ${r.craneId} from ${supplier}`,
        outline: `${o}.1`,
        startMs: c,
        endMs: a,
        summary: false,
      });
      const deliver = tasks.length + 1;
      tasks.push({
        name: `Deliver ${r.craneId}`,
        outline: `${o}.2`,
        startMs: a,
        endMs: a,
        summary: false,
        predecessor: procure,
      });
      const commission = tasks.length + 1;
      tasks.push({
        name: `Commission ${r.craneId}`,
        outline: `${o}.3`,
        startMs: a,
        endMs: s,
        summary: false,
        predecessor: deliver,
      });
      const retirePred =
        r.retirePeriod >= r.inServicePeriod
          ? commission
          : r.retirePeriod >= r.arrivalPeriod
            ? deliver
            : undefined;
      tasks.push({
        name: `Retire old crane ${r.craneId}`,
        outline: `${o}.4`,
        startMs: ret,
        endMs: ret,
        summary: false,
        ...(retirePred !== undefined ? { predecessor: retirePred } : {}),
      });
    });
  }

  const projectStart = at(0);
  const projectEnd = tasks.length > 0 ? Math.max(...tasks.map((t) => t.endMs)) : projectStart;
  const name = options.projectName ?? plan.name;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<Project xmlns="${NS}">`,
    '  <SaveVersion>14</SaveVersion>',
    `  <Name>${xmlEscape(name)}.xml</Name>`,
    `  <Title>${xmlEscape(name)}</Title>`,
    '  <ScheduleFromStart>1</ScheduleFromStart>',
    `  <StartDate>${isoDay(projectStart)}T08:00:00</StartDate>`,
    `  <FinishDate>${isoDay(projectEnd - (projectEnd > projectStart ? DAY_MS : 0))}T17:00:00</FinishDate>`,
    '  <MinutesPerDay>480</MinutesPerDay>',
    '  <MinutesPerWeek>2400</MinutesPerWeek>',
    '  <DaysPerMonth>20</DaysPerMonth>',
    '  <Tasks>',
  ];
  tasks.forEach((t, i) => {
    const uid = i + 1;
    const milestone = t.endMs <= t.startMs;
    const hours = milestone ? 0 : weekdaysBetween(t.startMs, t.endMs) * 8;
    const finish = milestone ? `${isoDay(t.startMs)}T08:00:00` : `${isoDay(t.endMs - DAY_MS)}T17:00:00`;
    out.push(
      '    <Task>',
      `      <UID>${uid}</UID>`,
      `      <ID>${uid}</ID>`,
      `      <Name>${xmlEscape(t.name)}</Name>`,
      '      <Type>1</Type>',
      '      <IsNull>0</IsNull>',
      `      <WBS>${t.outline}</WBS>`,
      `      <OutlineNumber>${t.outline}</OutlineNumber>`,
      `      <OutlineLevel>${t.outline.split('.').length}</OutlineLevel>`,
      `      <Start>${isoDay(t.startMs)}T08:00:00</Start>`,
      `      <Finish>${finish}</Finish>`,
      `      <Duration>PT${hours}H0M0S</Duration>`,
      '      <DurationFormat>7</DurationFormat>',
      `      <Milestone>${milestone ? 1 : 0}</Milestone>`,
      `      <Summary>${t.summary ? 1 : 0}</Summary>`,
    );
    if (!t.summary)
      out.push(
        '      <ConstraintType>4</ConstraintType>',
        `      <ConstraintDate>${isoDay(t.startMs)}T08:00:00</ConstraintDate>`,
      );
    if (t.predecessor !== undefined)
      out.push(
        '      <PredecessorLink>',
        `        <PredecessorUID>${t.predecessor}</PredecessorUID>`,
        '        <Type>1</Type>',
        '      </PredecessorLink>',
      );
    out.push('    </Task>');
  });
  out.push('  </Tasks>', '</Project>');
  return out.join('\n') + '\n';
}
