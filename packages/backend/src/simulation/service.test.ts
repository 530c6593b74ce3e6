import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateProblem, greedyPlan, isPortGuardError } from '@portguard/core';
import { loadConfig } from '../config/config.js';
import { readPlanFile, resolveScenario, simulatePlans } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'pg-sim-'));
const config = loadConfig({}, { db: join(dir, 'unused.db') });

describe('simulation service', () => {
  it('resolves built-in scenarios by name and user scenarios from JSON, naming the bad field', () => {
    expect(resolveScenario('budget-cut-year-2').fundingShocks).toHaveLength(1);
    const good = join(dir, 'mine.json');
    writeFileSync(
      good,
      JSON.stringify({
        name: 'mine',
        description: 'slip',
        supplierSlips: [{ suppliers: 'all', months: { min: 1, mode: 2, max: 3 } }],
      }),
    );
    expect(resolveScenario(good).name).toBe('mine');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        description: 'x',
        shippingDelay: { probability: 2, months: { min: 0, mode: 0, max: 1 } },
      }),
    );
    try {
      resolveScenario(bad);
      expect.unreachable();
    } catch (e) {
      expect(isPortGuardError(e) && e.issues[0]?.path.join('.')).toBe('bad.json.shippingDelay.probability');
    }
    expect(() => resolveScenario('no-such-scenario')).toThrow(/neither a built-in scenario/);
  });

  it('replays generated plans and a user plan file on the same draws', async () => {
    const problem = generateProblem({
      terminals: 5,
      cranes: 20,
      suppliers: 4,
      years: 10,
      seed: 4,
      startMonth: '2026-01',
    });
    const greedy = greedyPlan(problem);
    const file = join(dir, 'my-plan.json');
    // The shape `portguard plan --out plan.json` writes.
    writeFileSync(file, JSON.stringify({ startMonth: '2026-01', plan: { ...greedy, name: 'user' } }));
    expect(readPlanFile(file).name).toBe('my-plan');
    const outcome = await simulatePlans(config, {
      scenario: resolveScenario('western-pacific-crisis-2027'),
      source: { kind: 'generated', terminals: 5, cranes: 20, seed: 4 },
      startMonth: '2026-01',
      years: 10,
      plans: ['greedy', 'do-nothing'],
      planFiles: [file],
      runs: 120,
      seed: 9,
      workers: 0,
      policy: 'frozen',
      timeLimitSeconds: 5,
    });
    expect(outcome.report.plans.map((p) => p.plan)).toEqual(['greedy', 'do-nothing', 'my-plan']);
    // The user's file holds the greedy schedule: on common random numbers the difference is exactly zero.
    const same = outcome.report.comparisons.find((c) => c.plan === 'my-plan')!;
    expect(same.measures.teuLost.ci95).toEqual([0, 0]);
    expect(outcome.report.runs).toBe(120);
  });

  it('refuses the optimized plan on a generated instance', async () => {
    await expect(
      simulatePlans(config, {
        scenario: resolveScenario('as-planned'),
        source: { kind: 'generated', terminals: 2, cranes: 4, seed: 1 },
        startMonth: '2026-01',
        years: 5,
        plans: ['optimized'],
        planFiles: [],
        runs: 5,
        seed: 1,
        workers: 0,
        policy: 'frozen',
        timeLimitSeconds: 5,
      }),
    ).rejects.toThrow(/needs the dataset/);
  });
});
