import { readFileSync } from 'node:fs';
import {
  PortGuardError,
  coveredListChanges,
  validateCoveredListRelease,
  type CoveredListChanges,
  type CoveredListRelease,
} from '@portguard/core';
import { loadCoveredList } from '../dataset/load.js';
import { appendAudit } from '../db/repositories/audit-log.js';
import { coveredListsRepository, type CoveredListVersion } from '../db/repositories/covered-lists.js';
import type { Context } from '../services/context.js';
import { cliActor } from '../services/inventory.js';

export const BUNDLED_LIST_FILE = 'packages/backend/data/covered-list.json';

export interface CurrentCoveredList {
  readonly release: CoveredListRelease;
  /** 'store' (the newest imported version) or 'bundled' (none imported yet). */
  readonly from: 'store' | 'bundled';
}

/** The list screening uses: the newest stored version, or the bundled one while none was imported. */
export async function currentCoveredList(ctx: Pick<Context, 'store'>): Promise<CurrentCoveredList> {
  const stored = await coveredListsRepository(ctx.store.db).get();
  return stored ? { release: stored, from: 'store' } : { release: loadCoveredList(), from: 'bundled' };
}

export interface CoveredListImportReport {
  readonly dryRun: boolean;
  readonly version: string;
  readonly publishedAt: string;
  readonly counts: { organisations: number; ownershipLinks: number; designations: number };
  /** The version it is compared with (the current list before the import) and what it changes. */
  readonly previousVersion: string;
  readonly changes: CoveredListChanges;
}

function parseJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PortGuardError('invalid_input', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PortGuardError('invalid_input', `${file} is not JSON: ${(e as Error).message}`);
  }
}

/**
 * Imports a covered-list release file as a new stored version, all or nothing: every bad record is reported
 * (PortGuardError 'invalid_input' with one issue per problem) and nothing is written. A dry run only checks.
 * The stored version and its audit entry (actor: `options.actor`, default `cli:<OS user>`) are one transaction.
 */
export async function importCoveredList(
  ctx: Context,
  file: string,
  options: { dryRun?: boolean; actor?: string } = {},
): Promise<CoveredListImportReport> {
  const raw = parseJsonFile(file);
  const repo = coveredListsRepository(ctx.store.db);
  const bundled = loadCoveredList();
  const existing = [bundled.version, ...(await repo.versions()).map((v) => v.version)];
  const checked = validateCoveredListRelease(raw, existing);
  if (!checked.ok) {
    const n = checked.issues.length;
    throw new PortGuardError(
      'invalid_input',
      `${file}: ${n} problem${n === 1 ? '' : 's'}; nothing was written`,
      checked.issues,
    );
  }
  const release = checked.value;
  const previous = (await repo.get()) ?? bundled;
  const report: CoveredListImportReport = {
    dryRun: options.dryRun === true,
    version: release.version,
    publishedAt: release.publishedAt,
    counts: {
      organisations: release.organisations.length,
      ownershipLinks: release.ownershipLinks.length,
      designations: release.designations.length,
    },
    previousVersion: previous.version,
    changes: coveredListChanges(previous, release),
  };
  if (!report.dryRun) {
    try {
      const now = ctx.clock.now();
      await ctx.store.db.transaction().execute(async (trx) => {
        await coveredListsRepository(trx).save(release, now);
        await appendAudit(
          trx,
          ctx.store.dialect,
          {
            actor: options.actor ?? cliActor(),
            action: 'covered-list.import',
            entity: 'covered-list',
            entityId: release.version,
            facilityId: null,
            before: { version: previous.version },
            after: { version: release.version, publishedAt: release.publishedAt, counts: report.counts },
          },
          now,
        );
      });
    } catch (e) {
      // Another import of the same version won the race between the check and the insert.
      if ((await repo.get(release.version)) !== undefined)
        throw new PortGuardError(
          'conflict',
          `covered-list version "${release.version}" was stored meanwhile`,
        );
      throw e;
    }
    ctx.log.info({ version: release.version, file }, 'covered list imported');
  }
  return report;
}

export interface CoveredListVersionRow extends CoveredListVersion {
  readonly current: boolean;
}

/** Stored versions, newest first, and the bundled release (marked current while nothing was imported). */
export async function coveredListVersions(ctx: Context): Promise<CoveredListVersionRow[]> {
  const stored = await coveredListsRepository(ctx.store.db).versions();
  const b = loadCoveredList();
  return [
    ...stored.map((v, i) => ({ ...v, current: i === 0 })),
    {
      version: b.version,
      publishedAt: b.publishedAt,
      source: `${b.source} (bundled: ${BUNDLED_LIST_FILE})`,
      importedAt: '',
      organisations: b.organisations.length,
      designations: b.designations.length,
      ownershipLinks: b.ownershipLinks.length,
      current: stored.length === 0,
    },
  ];
}

/** One release by version (stored or bundled), or the current one. */
export async function showCoveredList(ctx: Context, version?: string): Promise<CurrentCoveredList> {
  if (version === undefined) return currentCoveredList(ctx);
  const stored = await coveredListsRepository(ctx.store.db).get(version);
  if (stored) return { release: stored, from: 'store' };
  const b = loadCoveredList();
  if (b.version === version) return { release: b, from: 'bundled' };
  throw new PortGuardError(
    'not_found',
    `no covered-list version "${version}" (\`portguard list versions\` shows them)`,
  );
}
