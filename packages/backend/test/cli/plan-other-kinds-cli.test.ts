import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Plan } from '@portguard/core';
import { cameraSiteDataset } from '@portguard/core/testing';
import { runCli } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'portguard-cameras-'));
  vi.stubEnv('DATABASE_URL', '');
  vi.stubEnv('PORTGUARD_DB', '');
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('portguard plan with cameras in the inventory (the CCTV case)', () => {
  it('imports a camera supplier and a camera program, then plans the covered cameras beside the cranes', async () => {
    const db = path.join(dir, 'cameras.db');
    const file = path.join(dir, 'inventory.json');
    writeFileSync(file, JSON.stringify(cameraSiteDataset({ cameraOffer: true })));
    expect((await runCli(['--db', db, 'init', '--no-bundled'])).code).toBe(0);
    expect((await runCli(['--db', db, 'import', file])).code).toBe(0);
    const plan = ['--db', db, 'plan', '--source', 'database', '--start', '2027-01', '--years', '5'];

    const text = await runCli([...plan, '--method', 'greedy']);
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      'Replacement plan: 2 untrusted STS cranes at 1 terminal and 3 other untrusted assets (cctv-camera) at 1 site',
    );
    // The tightest terminals are the cranes' (the cameras' floor is every camera, always at 0% headroom).
    const tightest = text.out.slice(text.out.indexOf('tightest terminals'));
    expect(tightest).toMatch(/term-a/);
    expect(tightest.slice(0, tightest.indexOf('Spend per fiscal year'))).not.toMatch(/cctv-camera/);

    const json = await runCli([...plan, '--time-limit', '5', '--json']);
    expect(json.code).toBe(0);
    const milp = (JSON.parse(json.out) as { plans: Plan[] }).plans.find((p) => p.method === 'milp')!;
    expect(milp.status).toBe('optimal');
    const cameras = milp.replacements.filter((r) => r.terminalId === 'eoc-1~cctv-camera');
    expect(cameras.map((r) => [r.craneId, r.supplierId, r.programId]).sort()).toEqual([
      ['cam-1', 'sup-cameras', 'cameras'],
      ['cam-2', 'sup-cameras', 'cameras'],
      ['cam-3', 'sup-cameras', 'cameras'],
    ]);
  }, 120_000);
});
