import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Plan } from '@portguard/core';
import { earliestDeadlineText } from './plan.js';
import { runCli } from '../../../test/support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

const cli = (args: string[]) => runCli(args);

const base = ['plan', '--source', 'bundled', '--start', '2027-01'];

describe('portguard plan', () => {
  it('plans the bundled dataset with the baselines and prints JSON', async () => {
    const { code, out: stdout } = await cli([...base, '--method', 'greedy', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      source: string;
      problem: { untrustedCranes: number; periods: number };
      plans: Plan[];
    };
    expect(out.source).toBe('bundled');
    expect(out.problem.periods).toBe(120);
    expect(out.problem.untrustedCranes).toBeGreaterThan(100);
    expect(out.plans.map((p) => [p.method, p.status])).toEqual([['greedy', 'feasible']]);
    expect(out.plans[0]!.riskByPeriod).toHaveLength(120);
  });

  it('prints a summary table and the spend per fiscal year', async () => {
    const { code, out: stdout } = await cli([...base, '--method', 'greedy']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/risk exposure/);
    expect(stdout).toMatch(/Spend per fiscal year/);
    expect(stdout).toMatch(/Risk burn-down/);
    expect(stdout).toMatch(/tightest terminals/);
    expect(stdout).toMatch(/FY2027/);
  });

  it('exports CSV and well-formed MS Project XML', async () => {
    const csv = path.join(dir, 'plan.csv');
    const xml = path.join(dir, 'plan.xml');
    expect((await cli([...base, '--method', 'greedy', '--years', '6', '--out', csv])).code).toBe(0);
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe(
      'terminal_id,terminal_name,crane_id,size_class,status,supplier_id,supplier_name,program_id,contract,arrival,in_service,retire,cost_usd',
    );
    expect(rows.slice(1).some((r) => r.includes(',replaced,'))).toBe(true);

    expect(
      (await cli([...base, '--method', 'greedy', '--years', '6', '--out', xml, '--format', 'mspdi'])).code,
    ).toBe(0);
    const doc = new XMLParser({ isArray: (name) => name === 'Task' || name === 'PredecessorLink' }).parse(
      readFileSync(xml, 'utf8'),
    ) as {
      Project: {
        Tasks: {
          Task: {
            UID: number;
            OutlineLevel: number;
            Duration: string;
            PredecessorLink?: { PredecessorUID: number }[];
          }[];
        };
      };
    };
    const tasks = doc.Project.Tasks.Task;
    expect(tasks.length).toBeGreaterThan(5);
    const uids = new Set(tasks.map((t) => t.UID));
    expect(uids.size).toBe(tasks.length);
    expect(new Set(tasks.map((t) => t.OutlineLevel))).toEqual(new Set([1, 2, 3]));
    for (const t of tasks) {
      expect(t.Duration).toMatch(/^PT\d+H0M0S$/);
      for (const l of t.PredecessorLink ?? []) expect(uids.has(l.PredecessorUID)).toBe(true);
    }
  });

  it('exits 1 with the reasons when the plan is infeasible', async () => {
    const { code, out: stdout } = await cli([...base, '--method', 'greedy', '--deadline', '2027-06']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/why: .*deadline/);
  });

  it('exits 2 naming the bad option', async () => {
    const r = await cli([...base, '--years', 'ten']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--years: expected a number of years/);
    expect((await cli([...base, '--start', '2027-13', '--method', 'greedy'])).err).toMatch(
      /startMonth: expected a month as YYYY-MM/,
    );
  });

  it('runs the optimiser from the greedy incumbent and never does worse than greedy', async () => {
    const { code, out: stdout } = await cli([...base, '--years', '5', '--time-limit', '3', '--json']);
    expect(code).toBe(0);
    const plans = (JSON.parse(stdout) as { plans: Plan[] }).plans;
    expect(plans.map((p) => p.method)).toEqual(['milp', 'greedy', 'do-nothing']);
    const [milp, greedy, nothing] = plans as [Plan, Plan, Plan];
    expect(['optimal', 'feasible']).toContain(milp.status);
    expect(milp.riskExposure).toBeLessThanOrEqual(greedy.riskExposure + 1e-6);
    expect(greedy.riskExposure).toBeLessThan(nothing.riskExposure);
    expect(milp.diagnostics.join('\n')).not.toMatch(/stopped by the clock/);
  });

  it('explains an infeasible deadline with a month a plan meets, and says how to search the earliest', async () => {
    const args = [...base, '--method', 'milp', '--time-limit', '2', '--deadline', '2028-06'];
    const { code, out: stdout } = await cli(args);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /would work with: a deadline of \d{4}-\d{2} for every terminal can be met: .*not searched/,
    );
    expect(stdout).toMatch(/the earliest deadline: portguard plan --method milp --earliest-deadline/);
  }, 120_000);

  it('stops the optimiser by the clock on request, with a plan that keeps every rule', async () => {
    const args = [...base, '--years', '5', '--time-limit', '3', '--method', 'milp', '--by-clock', '--json'];
    const { code, out: stdout } = await cli(args);
    expect(code).toBe(0);
    const [milp] = (JSON.parse(stdout) as { plans: Plan[] }).plans as [Plan];
    expect(['optimal', 'feasible']).toContain(milp.status);
    // A plan that broke a rule would have come back 'no-solution' (planByDecomposition validates it).
    expect(milp.diagnostics.join('\n')).toMatch(/stopped by the clock/);
  });
});

describe('earliestDeadlineText', () => {
  const plan = { riskExposure: 2199.6, gap: 0.0045 } as Plan;
  const probe = (month: string, outcome: 'plan' | 'impossible' | 'undecided') => ({
    period: 0,
    month,
    outcome,
    seconds: 1,
  });

  it('says what was found, what is proven impossible, and what no probe decided', () => {
    const text = earliestDeadlineText({
      met: { period: 94, month: '2034-11', plan },
      impossible: { period: 79, month: '2033-08' },
      probes: [probe('2033-08', 'impossible'), probe('2034-10', 'undecided'), probe('2034-11', 'plan')],
    });
    expect(text.split('\n')).toEqual([
      'Earliest deadline for every untrusted crane: 2034-11 (a plan retires them all by then: risk exposure 2199.6, gap 0.45%).',
      'No plan retires them all by 2033-08: the exact model has no point.',
      'Between: no plan found and none proven impossible (2034-10); a longer --time-limit may decide them.',
      'Probes: 2033-08 impossible (1.0 s); 2034-10 undecided (1.0 s); 2034-11 plan (1.0 s)',
    ]);
  });

  it('has nothing to add between when the month before is proven impossible', () => {
    const text = earliestDeadlineText({
      met: { period: 10, month: '2027-11', plan },
      impossible: { period: 9, month: '2027-10' },
      probes: [probe('2027-10', 'impossible'), probe('2027-11', 'plan')],
    });
    expect(text).not.toMatch(/Between/);
  });
});
