/**
 * npm run bench:import — imports 10,000 STS cranes with 3 components each (40,000 rows, from CSV) into a fresh
 * SQLite file through the real import path (parse, validate, reference checks, one transaction), and compares
 * it with a raw better-sqlite3 prepared-statement insert of the same rows. Goal: import < 3 s.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.js';
import { createDb, migrateToLatest } from '../src/db/index.js';
import { createContext } from '../src/services/context.js';
import { importInventory } from '../src/services/inventory.js';

const ASSETS = 10_000;
const COMPONENTS_PER_ASSET = 3;
const FACILITIES = 50;

const dir = mkdtempSync(path.join(tmpdir(), 'portguard-bench-'));
const kinds = ['plc', 'drive', 'cellular-modem'] as const;

const facilities = ['id,kind,name,region'];
for (let f = 0; f < FACILITIES; f++) facilities.push(`fac-${f},container-terminal,Terminal ${f},west`);
const assets = ['id,facilityId,kind,makerName,model,serial,yearCommissioned,status,sizeClass,criticality'];
const components = ['id,assetId,kind,makerName,model,firmware,network.ips'];
for (let a = 0; a < ASSETS; a++) {
  assets.push(
    `crane-${a},fac-${a % FACILITIES},sts-crane,ZPMC,ZP-${a % 7},SN${100000 + a},${2000 + (a % 25)},in-service,super-post-panamax,high`,
  );
  for (let c = 0; c < COMPONENTS_PER_ASSET; c++) {
    components.push(
      `comp-${a}-${c},crane-${a},${kinds[c]},Siemens,S7-1500,V2.${c},10.${a % 250}.${c}.${(a % 200) + 1}`,
    );
  }
}
writeFileSync(path.join(dir, 'facilities.csv'), facilities.join('\n'));
writeFileSync(path.join(dir, 'assets.csv'), assets.join('\n'));
writeFileSync(path.join(dir, 'components.csv'), components.join('\n'));
const rows = FACILITIES + ASSETS + ASSETS * COMPONENTS_PER_ASSET;

async function portguardImport(file: string): Promise<number> {
  const ctx = await createContext({ config: loadConfig({}, { db: file }), log: pino({ level: 'silent' }) });
  try {
    const inputs = ['facilities.csv', 'assets.csv', 'components.csv'].map((n) => ({
      name: n,
      content: readFileSync(path.join(dir, n)),
    }));
    const t0 = performance.now();
    const report = await importInventory(ctx, inputs);
    const seconds = (performance.now() - t0) / 1000;
    if (!report.ok || report.total !== rows)
      throw new Error(`import failed: ${JSON.stringify(report).slice(0, 500)}`);
    return seconds;
  } finally {
    await ctx.close();
  }
}

async function rawInsert(file: string): Promise<number> {
  const store = createDb({ kind: 'sqlite', file });
  await migrateToLatest(store);
  await store.close();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const t0 = performance.now();
  const insF = db.prepare(
    "insert into facilities (id, kind, name, region, provenance) values (?, 'container-terminal', ?, 'west', '{}')",
  );
  const insA = db.prepare(
    "insert into assets (id, facility_id, kind, maker_name, model, serial, year_commissioned, status, size_class, criticality, provenance) values (?, ?, 'sts-crane', 'ZPMC', ?, ?, ?, 'in-service', 'super-post-panamax', 'high', '{}')",
  );
  const insC = db.prepare(
    'insert into components (id, asset_id, kind, maker_name, model, firmware, network) values (?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let f = 0; f < FACILITIES; f++) insF.run(`fac-${f}`, `Terminal ${f}`);
    for (let a = 0; a < ASSETS; a++) {
      insA.run(`crane-${a}`, `fac-${a % FACILITIES}`, `ZP-${a % 7}`, `SN${100000 + a}`, 2000 + (a % 25));
      for (let c = 0; c < COMPONENTS_PER_ASSET; c++) {
        const network = JSON.stringify({ ips: [`10.${a % 250}.${c}.${(a % 200) + 1}`], macs: [], imeis: [] });
        insC.run(`comp-${a}-${c}`, `crane-${a}`, kinds[c], 'Siemens', 'S7-1500', `V2.${c}`, network);
      }
    }
  })();
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

try {
  const pg = await portguardImport(path.join(dir, 'import.db'));
  const raw = await rawInsert(path.join(dir, 'raw.db'));
  const fmt = (s: number) => `${s.toFixed(2)} s, ${Math.round(rows / s).toLocaleString('en-US')} rows/s`;
  console.log(
    `rows: ${rows.toLocaleString('en-US')} (${FACILITIES} facilities, ${ASSETS} assets, ${ASSETS * COMPONENTS_PER_ASSET} components) from CSV`,
  );
  console.log(
    `portguard import (parse + validate + checks + write): ${fmt(pg)}  goal < 3 s: ${pg < 3 ? 'MET' : 'MISSED'}`,
  );
  console.log(`baseline raw better-sqlite3 prepared inserts:         ${fmt(raw)}`);
  console.log(`ratio: ${(pg / raw).toFixed(1)}x the raw insert`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
