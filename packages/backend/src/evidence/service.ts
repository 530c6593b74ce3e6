import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  ObservationSet,
  assessExposure,
  buildMatchIndex,
  correlate,
  matchName,
  type BomOrganisation,
  type CorrelationResult,
  type Dataset,
  type ExposureReport,
  type NetworkZone,
} from '@portguard/core';
import { loadBundledDataset } from '../dataset/load.js';
import { currentCoveredList } from '../screening/covered-lists.js';
import { evidenceRepository, type EvidenceImport } from '../db/repositories/evidence.js';
import { inventoryRepository } from '../db/repositories/inventory.js';
import { zoneRepository } from '../db/repositories/zones.js';
import type { Context } from '../services/context.js';
import { readEvidenceFile, type ImportedFile } from './read.js';

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface ImportOptions {
  readonly facilityId?: string;
  /** The asset the CycloneDX BOMs among the files describe (otherwise tied by their subject, see assetOfBom). */
  readonly assetId?: string;
  readonly onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  readonly tsharkPath?: string;
  /** Threads for a large conn.log (see ReadOptions.threads). */
  readonly threads?: number;
}

/** Reads each file, folds it into observations and stores one row per file; a refused file stores its reasons only. */
export async function importEvidence(
  ctx: Pick<Context, 'store' | 'clock'>,
  paths: readonly string[],
  opts: ImportOptions = {},
): Promise<(ImportedFile & { readonly id: string })[]> {
  const repo = evidenceRepository(ctx.store.db, ctx.store.dialect);
  const out: (ImportedFile & { id: string })[] = [];
  for (const path of paths) {
    const obs = new ObservationSet();
    const r = await readEvidenceFile(path, {
      observations: obs,
      ...(opts.onProgress === undefined
        ? {}
        : { onProgress: (done: number, total: number) => opts.onProgress?.(path, done, total) }),
      ...(opts.tsharkPath === undefined ? {} : { tsharkPath: opts.tsharkPath }),
      ...(opts.threads === undefined ? {} : { threads: opts.threads }),
    });
    if (!r.refused && r.format?.startsWith('cyclonedx') === true)
      obs.tieBom(r.file, {
        organisations: (r.meta['organisations'] ?? []) as BomOrganisation[],
        ...(opts.assetId === undefined ? {} : { assetId: opts.assetId }),
      });
    const entry: EvidenceImport = {
      id: randomUUID(),
      facilityId: opts.facilityId ?? null,
      file: r.file,
      sha256: await sha256File(path),
      format: r.format,
      importedAt: ctx.clock.now().toISOString(),
      records: r.records,
      refused: r.refused,
      issues: r.issues,
      meta: r.meta,
    };
    await repo.save(entry, obs.snapshot());
    out.push({ ...r, id: entry.id });
  }
  return out;
}

/** The inventory in the store, or the bundled national dataset while the store holds none. */
export async function inventoryFor(
  ctx: Pick<Context, 'store'>,
): Promise<{ dataset: Dataset; source: 'store' | 'bundled' }> {
  const inv = inventoryRepository(ctx.store.db, ctx.store.dialect);
  if (!(await inv.isEmpty())) return { dataset: await inv.load(), source: 'store' };
  return { dataset: loadBundledDataset(), source: 'bundled' };
}

/** `name → covered?` from the current covered-entity list (stored or bundled) through the screening matcher. */
export async function coveredVendorCheck(ctx: Pick<Context, 'store'>): Promise<(name: string) => boolean> {
  const index = buildMatchIndex((await currentCoveredList(ctx)).release.organisations);
  const cache = new Map<string, boolean>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = matchName(index, name).match !== null;
      cache.set(name, v);
    }
    return v;
  };
}

export interface ExposureRun {
  readonly report: ExposureReport;
  readonly correlation: CorrelationResult;
  readonly observations: ObservationSet;
  readonly inventorySource: 'store' | 'bundled' | 'given';
  readonly imports: number;
  /** Zones the boundary rule used: passed in, declared in the store, or each /24 when none are declared. */
  readonly zones: 'given' | 'stored' | 'default';
}

/** Declared zones (of one facility, and those declared for none, when given). */
export async function storedZones(ctx: Pick<Context, 'store'>, facilityId?: string): Promise<NetworkZone[]> {
  const all = await zoneRepository(ctx.store.db).list();
  return all
    .filter((z) => facilityId === undefined || z.facilityId === undefined || z.facilityId === facilityId)
    .map(({ declaredAt: _at, ...z }) => z);
}

/** Exposure of the inventory against every stored import (of one facility when given). */
export async function exposureFromStore(
  ctx: Pick<Context, 'store'>,
  opts: {
    readonly facilityId?: string;
    readonly zones?: readonly NetworkZone[];
    readonly dataset?: Dataset;
    /** Replaces the screening of the current covered-entity list (what-ifs, tests). */
    readonly isCoveredVendor?: (name: string) => boolean;
  } = {},
): Promise<ExposureRun> {
  const repo = evidenceRepository(ctx.store.db, ctx.store.dialect);
  const filter = opts.facilityId === undefined ? {} : { facilityId: opts.facilityId };
  const snapshots = await repo.observations(filter);
  const obs = new ObservationSet();
  for (const s of snapshots) obs.merge(s);
  const inv =
    opts.dataset === undefined
      ? await inventoryFor(ctx)
      : { dataset: opts.dataset, source: 'given' as const };
  const dataset =
    opts.facilityId === undefined
      ? inv.dataset
      : (() => {
          const assets = inv.dataset.assets.filter((a) => a.facilityId === opts.facilityId);
          const ids = new Set(assets.map((a) => a.id as string));
          return {
            ...inv.dataset,
            assets,
            components: inv.dataset.components.filter((c) => ids.has(c.assetId)),
          };
        })();
  const correlation = correlate(obs, dataset);
  const zones = opts.zones ?? (await storedZones(ctx, opts.facilityId));
  const report = assessExposure(obs, correlation, dataset, {
    isCoveredVendor: opts.isCoveredVendor ?? (await coveredVendorCheck(ctx)),
    zones,
  });
  return {
    report,
    correlation,
    observations: obs,
    inventorySource: inv.source,
    imports: snapshots.length,
    zones: opts.zones === undefined ? (zones.length > 0 ? 'stored' : 'default') : 'given',
  };
}
