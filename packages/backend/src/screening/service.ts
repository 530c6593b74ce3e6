import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { CoveredListRelease } from '@portguard/core';
import {
  PortGuardError,
  diffFindings,
  macVendorScreener,
  mergeOuiRegistries,
  parseOuiCsv,
  screenDataset,
  screeningContext,
  validateCoveredListRelease,
  type Dataset,
  type Finding,
  type FindingsDiff,
  type OuiRegistry,
  type ReviewStatus,
} from '@portguard/core';
import { loadBundledDataset } from '../dataset/load.js';
import { currentCoveredList } from './covered-lists.js';
import { findingsRepository, summariseDiff, type FindingFilter } from '../db/repositories/findings.js';
import { inventoryCounts, loadInventory } from '../services/inventory.js';
import type { Context } from '../services/context.js';

/** Debian's ieee-data files, longest prefixes last so they win. */
export const DEFAULT_OUI_FILES = [
  '/usr/share/ieee-data/oui.csv',
  '/usr/share/ieee-data/mam.csv',
  '/usr/share/ieee-data/oui36.csv',
];

/** A covered-list release from a JSON file, validated all-or-nothing (every problem reported, by path). */
export function readCoveredList(file: string): CoveredListRelease {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new PortGuardError(
      'invalid_input',
      `cannot read the covered list ${file}: ${(e as Error).message}`,
    );
  }
  const checked = validateCoveredListRelease(raw);
  if (!checked.ok)
    throw new PortGuardError('invalid_input', `${file} is not a valid covered-list release`, checked.issues);
  return checked.value;
}

/** The IEEE registry from the given files (or Debian's), or undefined when none exists. Bad rows fail the load. */
export function readOuiRegistry(
  files: readonly string[] = DEFAULT_OUI_FILES,
  required = false,
): OuiRegistry | undefined {
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) {
    if (required)
      throw new PortGuardError('invalid_input', `no IEEE registry file found (${files.join(', ')})`);
    return undefined;
  }
  const regs = present.map((f) => {
    const { registry, issues } = parseOuiCsv(readFileSync(f, 'utf8'), f);
    if (issues.length > 0)
      throw new PortGuardError('invalid_input', `${f} has rows that are not IEEE assignments`, issues);
    return registry;
  });
  return mergeOuiRegistries(...regs);
}

export interface ScreenRunOptions {
  /** Covered-list release file; the newest stored version (or the bundled list) when absent. */
  readonly listFile?: string;
  /** IEEE registry files; Debian's when absent; [] turns MAC screening off. */
  readonly ouiFiles?: readonly string[];
  readonly threshold?: number;
}

export interface ScreenRunResult {
  readonly runId: string;
  readonly listVersion: string;
  /** Where the list came from: a file given for this run, the newest stored version, or the bundled release. */
  readonly listFrom: 'file' | 'store' | 'bundled';
  /** 'store' or 'bundled' (the store held no inventory yet). */
  readonly inventory: 'store' | 'bundled';
  readonly macScreening: boolean;
  readonly findings: readonly Finding[];
  readonly diff: FindingsDiff;
}

/** Screens the stored inventory (or the bundled one while the store is empty) against the current covered list and saves the findings with what changed. */
export async function runScreening(ctx: Context, options: ScreenRunOptions = {}): Promise<ScreenRunResult> {
  const list =
    options.listFile === undefined
      ? await currentCoveredList(ctx)
      : { release: readCoveredList(options.listFile), from: 'file' as const };
  const release = list.release;
  const empty = Object.values(await inventoryCounts(ctx)).every((n) => n === 0);
  const dataset: Dataset = empty ? loadBundledDataset() : await loadInventory(ctx);
  const oui =
    options.ouiFiles === undefined
      ? readOuiRegistry()
      : options.ouiFiles.length === 0
        ? undefined
        : readOuiRegistry(options.ouiFiles, true);
  const sc = screeningContext(release);
  const repo = findingsRepository(ctx.store.db);
  const previous = await repo.list();
  const findings = screenDataset(dataset, sc, {
    previous,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(oui ? { macVendor: macVendorScreener(oui, sc.index) } : {}),
  });
  const diff = diffFindings(previous, findings);
  const runId = randomUUID();
  await repo.saveRun(
    { id: runId, at: ctx.clock.now(), listVersion: release.version, diff: summariseDiff(diff) },
    findings,
  );
  ctx.log.info({ runId, findings: findings.length, list: release.version }, 'screening run saved');
  return {
    runId,
    listVersion: release.version,
    listFrom: list.from,
    inventory: empty ? 'bundled' : 'store',
    macScreening: oui !== undefined,
    findings,
    diff,
  };
}

export const listFindings = (ctx: Context, filter: FindingFilter = {}): Promise<Finding[]> =>
  findingsRepository(ctx.store.db).list(filter);

export async function getFinding(ctx: Context, id: string) {
  const repo = findingsRepository(ctx.store.db);
  const finding = await repo.get(id);
  if (!finding)
    throw new PortGuardError(
      'not_found',
      `no finding ${id} (run \`portguard screen\` first; \`portguard findings list\` shows the ids)`,
    );
  return { finding, history: await repo.reviews(id) };
}

/** Records a review decision: accepted risk needs a justification, false positive a reason; both a reviewer. */
export async function reviewFindingIn(
  ctx: Context,
  id: string,
  decision: { status: ReviewStatus['status']; reviewer?: string; note?: string },
): Promise<Finding> {
  const at = ctx.clock.now();
  const reviewer = decision.reviewer?.trim() ?? '';
  const note = decision.note?.trim() ?? '';
  const missing: string[] = [];
  if (decision.status !== 'open' && reviewer === '') missing.push('--reviewer');
  if (decision.status !== 'open' && note === '')
    missing.push(decision.status === 'accepted-risk' ? '--justification' : '--reason');
  if (missing.length > 0) {
    throw new PortGuardError(
      'invalid_input',
      `marking a finding ${decision.status} needs ${missing.join(' and ')}`,
      missing.map((m) => ({ code: 'review_field_missing', path: [m], message: `expected ${m} (non-empty)` })),
    );
  }
  const review: ReviewStatus =
    decision.status === 'open'
      ? { status: 'open' }
      : decision.status === 'accepted-risk'
        ? { status: 'accepted-risk', reviewer, justification: note, at: at.toISOString() }
        : { status: 'false-positive', reviewer, reason: note, at: at.toISOString() };
  const updated = await findingsRepository(ctx.store.db).review(id, review, at, reviewer || '(reopened)');
  if (!updated) throw new PortGuardError('not_found', `no finding ${id}`);
  return updated;
}
