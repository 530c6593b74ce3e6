import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { legacyStoredPlanFixture } from '@portguard/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlanFile } from './baseline.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-baseline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baseline approve --from-plan', () => {
  it('reads a plan file written with the old capacity field names as capacity, demand and shortfall', () => {
    const { problem, plan, legacy } = legacyStoredPlanFixture();
    const file = path.join(dir, 'plan.json');
    writeFileSync(
      file,
      JSON.stringify({
        startMonth: problem.startMonth,
        granularity: problem.granularity,
        periods: problem.periods,
        plan: legacy,
      }),
    );
    const read = readPlanFile(file);
    expect(read.plan.capacity).toEqual(plan.capacity);
    expect(read.plan.capacity.some((c) => 'capacityTeu' in c)).toBe(false);
  });
});
