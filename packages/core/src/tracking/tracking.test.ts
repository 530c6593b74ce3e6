import { describe, expect, it } from 'vitest';
import { greedyPlan } from '../planning/baselines.js';
import { validatePlan } from '../planning/evaluate.js';
import { generateProblem } from '../planning/generator.js';
import { renderCalendar, foldLine } from './ical.js';
import { checkStep, initialTrack, tracksOf, trackOf, type StepInput, type StepRecord } from './lifecycle.js';
import { periodOfDate, problemFromActuals } from './replan.js';

let seq = 0;
const octets = (s: string) =>
  [...s].reduce((n, ch) => n + (ch.codePointAt(0)! < 0x80 ? 1 : ch.codePointAt(0)! < 0x800 ? 2 : 3), 0);
const rec = (i: StepInput): StepRecord => ({
  ...i,
  seq: ++seq,
  recordedBy: 'test',
  recordedAt: '2028-01-01',
});

describe('lifecycle', () => {
  it('moves forwards, refuses going back without a correction and a reason', () => {
    let t = initialTrack('C1');
    const contracted: StepInput = {
      craneId: 'C1',
      event: 'contracted',
      date: '2027-03-01',
      amountCents: 100,
    };
    expect(checkStep(t, contracted, '2028-01-01').ok).toBe(true);
    const records = [rec(contracted)];
    t = trackOf('C1', records);
    expect(t.step).toBe('contracted');
    expect(t.obligatedCents).toBe(100);
    const back: StepInput = { craneId: 'C1', event: 'funded', date: '2027-04-01' };
    const refused = checkStep(t, back, '2028-01-01');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]!.message).toMatch(/correction/);
    expect(checkStep(t, { ...back, correction: { reason: ' ' } }, '2028-01-01').ok).toBe(false);
    const corrected = { ...back, correction: { reason: 'contract rescinded' } };
    expect(checkStep(t, corrected, '2028-01-01').ok).toBe(true);
    const after = trackOf('C1', [...records, rec(corrected)]);
    expect(after.step).toBe('funded');
    expect(after.facts.contracted).toBeUndefined();
    expect(after.obligatedCents).toBe(0);
  });

  it('rejects future dates, bad dates, amounts on non-money steps and earlier dates than the last step', () => {
    const t = trackOf('C1', [rec({ craneId: 'C1', event: 'shipped', date: '2027-06-10' })]);
    const codes = (i: StepInput) => {
      const r = checkStep(t, i, '2027-12-31');
      return r.ok ? [] : r.issues.map((x) => x.code);
    };
    expect(codes({ craneId: 'C1', event: 'delivered', date: '2028-01-02' })).toEqual(['track/date']);
    expect(codes({ craneId: 'C1', event: 'delivered', date: '2027-02-30' })).toEqual(['track/date']);
    expect(codes({ craneId: 'C1', event: 'delivered', date: '2027-06-01' })).toEqual(['track/date']);
    expect(codes({ craneId: 'C1', event: 'delivered', date: '2027-07-01', amountCents: 5 })).toEqual([
      'track/amount',
    ]);
    expect(codes({ craneId: 'C1', event: 'paid', date: '2027-07-01' })).toEqual(['track/amount']);
    expect(codes({ craneId: 'C1', event: 'paid', date: '2027-07-01', amountCents: 5 })).toEqual([]);
  });
});

describe('problemFromActuals', () => {
  it('fixes recorded replacements with their actual dates and keeps the re-plan valid', () => {
    const problem = generateProblem({ terminals: 3, cranes: 8, suppliers: 2, years: 6, seed: 3 });
    const baseline = greedyPlan(problem);
    expect(validatePlan(problem, baseline)).toEqual([]);
    const first = baseline.replacements[0]!;
    const s = problem.suppliers.find((x) => x.id === first.supplierId)!;
    const date = (p: number) => {
      const d = new Date(Date.UTC(2027, p, 15));
      return d.toISOString().slice(0, 10);
    };
    // Delivered two periods early (an actual lead time shorter than the supplier's).
    const arrival = first.contractPeriod + s.leadTimePeriods - 2;
    const records = [
      rec({ craneId: first.craneId, event: 'contracted', date: date(first.contractPeriod) }),
      rec({ craneId: first.craneId, event: 'delivered', date: date(arrival) }),
    ];
    const today = date(arrival + 1);
    const actual = problemFromActuals({
      problem,
      baseline,
      tracks: tracksOf(records),
      budgetRevisions: [],
      today,
    });
    expect(actual.notes).toEqual([]);
    expect(actual.todayPeriod).toBe(periodOfDate('2027-01', 'month', today));
    const replan = greedyPlan(actual.problem);
    expect(validatePlan(actual.problem, replan)).toEqual([]);
    const r = replan.replacements.find((x) => x.craneId === first.craneId)!;
    expect(r.contractPeriod).toBe(first.contractPeriod);
    expect(r.arrivalPeriod).toBe(arrival);
    for (const x of replan.replacements)
      if (x.craneId !== first.craneId) {
        expect(x.contractPeriod).toBeGreaterThanOrEqual(actual.todayPeriod);
        expect(x.supplierId).not.toContain('~');
      }
  });
});

describe('iCalendar', () => {
  it('ends lines in CRLF and folds long lines at 75 octets without splitting a character', () => {
    const long = `SUMMARY:${'上海振华'.repeat(20)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(long);
    const cal = renderCalendar(
      'Port; A',
      [{ uid: 'c1-x@portguard', date: '2028-02-29', summary: 'a, b' }],
      new Date('2027-01-02T03:04:05Z'),
    );
    expect(cal).toContain('DTSTAMP:20270102T030405Z\r\n');
    expect(cal).toContain('DTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n');
    expect(cal).toContain('SUMMARY:a\\, b\r\n');
    expect(cal.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(cal.replace(/\r\n/g, '')).not.toContain('\n');
  });
});
