import { userInfo } from 'node:os';
import { PortGuardError, type Asset, type AssetKind, type Dataset, type Facility } from '@portguard/core';
import { inventoryRepository, type InventoryCounts } from '../db/index.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import {
  checkConsistency,
  countRecords,
  exportDataset,
  parseInputs,
  toDataset,
  type ImportIssue,
  type InputFile,
  type TableKey,
} from '../io/index.js';
import type { Context } from './context.js';

export interface ImportOptions {
  /** Validate everything, write nothing. */
  readonly dryRun?: boolean;
  /** Table for CSV files and bare JSON arrays whose name and header do not say. */
  readonly table?: string;
  /** Called while writing, with records written so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Who imports, for the audit entry written in the import's transaction (default `cli:<OS user>`). */
  readonly actor?: string;
}

/** The audit actor of a change made from this machine's shell. */
export const cliActor = (): string => `cli:${userInfo().username}`;

export type ImportReport =
  | {
      readonly ok: true;
      readonly dryRun: boolean;
      readonly counts: Partial<Record<TableKey, number>>;
      readonly total: number;
    }
  | { readonly ok: false; readonly issues: readonly ImportIssue[] };

const byPlace = (files: readonly InputFile[]) => (a: ImportIssue, b: ImportIssue) => {
  const fa = files.findIndex((f) => f.name === a.file);
  const fb = files.findIndex((f) => f.name === b.file);
  return fa - fb || (a.table ?? '').localeCompare(b.table ?? '') || (a.row ?? -1) - (b.row ?? -1);
};

/**
 * Imports inventory files all-or-nothing: every problem in every file is reported at once, and nothing
 * is written unless there are none. The records, the import log row and the audit entry are one transaction.
 * Records whose key exists are replaced.
 *
 * @example
 *   const report = await importInventory(ctx, [{ name: 'assets.csv', content }], { dryRun: true });
 *   if (!report.ok) for (const i of report.issues) console.log(i.message);
 */
export async function importInventory(
  ctx: Context,
  files: readonly InputFile[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { db, dialect } = ctx.store;
  const parsed = await parseInputs(files, options.table === undefined ? {} : { table: options.table });
  const repo = inventoryRepository(db, dialect);
  const issues = [...parsed.issues, ...checkConsistency(parsed.tables, await repo.knownIds())];
  if (issues.length > 0) return { ok: false, issues: issues.sort(byPlace(files)) };

  const counts = countRecords(parsed.tables);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (options.dryRun) return { ok: true, dryRun: true, counts, total };

  let done = 0;
  try {
    await db.transaction().execute(async (trx) => {
      const tx = inventoryRepository(trx, dialect);
      await tx.upsert(toDataset(parsed.tables), (n) => {
        done += n;
        options.onProgress?.(done, total);
      });
      await tx.logImport({ at: ctx.clock.now(), sources: files.map((f) => f.name), counts });
      await appendAudit(
        trx,
        dialect,
        {
          actor: options.actor ?? cliActor(),
          action: 'inventory.import',
          entity: 'import',
          entityId: files.map((f) => f.name).join(','),
          facilityId: null,
          before: null,
          after: { files: files.map((f) => ({ name: f.name, bytes: f.content.byteLength })), counts },
        },
        ctx.clock.now(),
      );
    });
  } catch (e) {
    throw new PortGuardError(
      'infrastructure',
      `the database refused the import, which was rolled back (nothing was written): ${(e as Error).message}`,
    );
  }
  ctx.log.info({ sources: files.map((f) => f.name), counts }, 'inventory imported');
  return { ok: true, dryRun: false, counts, total };
}

/** The whole inventory as one file (see docs/import-format.md). */
export async function exportInventory(ctx: Context, format: 'json' | 'xlsx'): Promise<Uint8Array> {
  return exportDataset(await loadInventory(ctx), format);
}

export const loadInventory = (ctx: Context): Promise<Dataset> =>
  inventoryRepository(ctx.store.db, ctx.store.dialect).load();

export const inventoryCounts = (ctx: Context): Promise<InventoryCounts> =>
  inventoryRepository(ctx.store.db, ctx.store.dialect).counts();

/** Loads `bundled()` into the store if it holds no inventory yet; the bundled data is only read when needed. */
export async function loadBundledIfEmpty(
  ctx: Context,
  bundled: () => Dataset | Promise<Dataset>,
): Promise<{ readonly loaded: boolean; readonly counts: InventoryCounts }> {
  const repo = inventoryRepository(ctx.store.db, ctx.store.dialect);
  if (!(await repo.isEmpty())) return { loaded: false, counts: await repo.counts() };
  const ds = await bundled();
  await ctx.store.db.transaction().execute(async (trx) => {
    const tx = inventoryRepository(trx, ctx.store.dialect);
    await tx.upsert(ds);
    await tx.logImport({ at: ctx.clock.now(), sources: ['(bundled dataset)'], counts: await tx.counts() });
  });
  ctx.log.info('bundled dataset loaded');
  return { loaded: true, counts: await repo.counts() };
}

export const listFacilities = (
  ctx: Context,
  filter: { readonly portId?: string } = {},
): Promise<Facility[]> => inventoryRepository(ctx.store.db, ctx.store.dialect).listFacilities(filter);

export interface AssetQuery {
  readonly portId?: string;
  readonly facilityId?: string;
  readonly kind?: AssetKind;
  readonly maker?: string;
}
export const listAssets = (ctx: Context, filter: AssetQuery = {}): Promise<Asset[]> =>
  inventoryRepository(ctx.store.db, ctx.store.dialect).listAssets(filter);
