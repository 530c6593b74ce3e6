import { describe, expect, it } from 'vitest';
import { planningProblemFromDataset, planReplacement, validatePlan } from '@portguard/core';
import { cameraSiteDataset } from '@portguard/core/testing';
import { InProcessHighsSolver } from './highs-solver.js';

describe('the MILP planner with assets of other kinds (the CCTV case)', () => {
  it("replaces the covered cameras beside the cranes, within the camera program's money, at the bound", async () => {
    const r = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: true }), {
      startMonth: '2027-01',
      years: 5,
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const problem = r.value;
    const plan = await planReplacement(
      problem,
      { timeLimitSeconds: 20, mipGap: 0 },
      new InProcessHighsSolver(),
    );
    expect(plan.status).toBe('optimal');
    expect(validatePlan(problem, plan)).toEqual([]);
    const cameras = plan.replacements.filter((x) => x.terminalId === 'eoc-1~cctv-camera');
    expect(cameras.map((x) => x.craneId).sort()).toEqual(['cam-1', 'cam-2', 'cam-3']);
    for (const x of cameras) expect(x.retirePeriod).toBeGreaterThanOrEqual(x.inServicePeriod);
    // The camera program alone pays for the cameras, the crane program for the cranes.
    const paid = new Set(plan.spend.filter((s) => s.federalCents > 0).map((s) => s.programId));
    expect(paid).toEqual(new Set(['cameras', 'ports']));
    const cameraSpend = plan.spend
      .filter((s) => s.programId === 'cameras')
      .reduce((a, s) => a + s.federalCents + s.localCents, 0);
    expect(cameraSpend).toBe(3 * 200_000);
    expect(plan.replacements.filter((x) => x.terminalId === 'term-a')).toHaveLength(2);
    // The capacity rows say what they count: the cameras' floor in units, the cranes' in TEU.
    const measures = new Map(plan.capacity.map((c) => [c.terminalId, c.measure]));
    expect(Object.fromEntries(measures)).toEqual({ 'term-a': 'teu', 'eoc-1~cctv-camera': 'units' });
  }, 60_000);
});
