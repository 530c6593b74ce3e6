import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planningProblemFromDataset, type PlanningProblem } from '@portguard/core';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { loadBundledDataset } from '../../src/dataset/load.js';
import { inventoryRepository } from '../../src/db/index.js';
import { importEvidence } from '../../src/evidence/service.js';
import { createContext } from '../../src/services/context.js';
import { loadPlanningDataset } from '../../src/services/plan.js';

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-plan-exposure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const crane = 'sts-lax-apm-terminals-pier-400-11'; // a ZPMC crane whose PLC is 10.40.1.10 in the bundled dataset
const riskOf = (problem: PlanningProblem, craneId: string) =>
  problem.terminals.flatMap((t) => t.groups).find((g) => g.craneIds.includes(craneId))?.riskPerCranePeriod;

it('network evidence of a crane PLC talking to the Internet raises that crane’s risk in the plan', async () => {
  const config = loadConfig({ PORTGUARD_DB: path.join(dir, 'pg.db') });
  const ctx = await createContext({ config });
  try {
    await inventoryRepository(ctx.store.db, ctx.store.dialect).upsert(loadBundledDataset());
    const before = await loadPlanningDataset(config, 'database');
    expect(before.exposureByAsset).toBeUndefined();

    const conn = path.join(dir, 'conn.log');
    const flow = (ts: number, port: number) =>
      JSON.stringify({
        ts,
        uid: `C${ts}`,
        'id.orig_h': '10.40.1.10',
        'id.orig_p': 40000 + port,
        'id.resp_h': '89.160.20.156',
        'id.resp_p': port,
        proto: 'tcp',
        duration: 12.5,
        orig_bytes: 250_000,
        resp_bytes: 18_000,
        conn_state: 'SF',
      });
    writeFileSync(
      conn,
      `${[flow(1767225600, 502), flow(1767225700, 1194), flow(1767225800, 23)].join('\n')}\n`,
    );
    const imported = await importEvidence(ctx, [conn]);
    expect(imported.map((f) => f.refused)).toEqual([false]);
  } finally {
    await ctx.close();
  }

  const after = await loadPlanningDataset(config, 'database');
  expect(after.exposureByAsset?.[crane]).toBeGreaterThan(1);

  const options = { startMonth: '2027-01' };
  const plain = planningProblemFromDataset(after.dataset, options);
  const exposed = planningProblemFromDataset(after.dataset, {
    ...options,
    exposureByAsset: after.exposureByAsset!,
  });
  if (!plain.ok || !exposed.ok) throw new Error('planning problem not built');
  expect(riskOf(exposed.value, crane)).toBeGreaterThan(riskOf(plain.value, crane)!);
});
