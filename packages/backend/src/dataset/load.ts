import { readFileSync } from 'node:fs';
import { CoveredListRelease, Dataset, PortGuardError, fromZodIssues } from '@portguard/core';
import type { z } from 'zod';
import { COVERED_LIST_FILE, NATIONAL_DATASET_FILE } from './build.js';

function load<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new PortGuardError(
      'infrastructure',
      `cannot read the bundled ${what} ${file}: ${(e as Error).message}`,
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new PortGuardError(
      'infrastructure',
      `the bundled ${what} ${file} does not match its schema`,
      fromZodIssues(parsed.error),
    );
  }
  return parsed.data;
}

/**
 * The national dataset shipped with PortGuard (ports, terminals, STS cranes, capacities, suppliers, funding,
 * covered entities), validated. Example: `const d = loadBundledDataset(); d.assets.length // 476 + CCTV samples`.
 */
export function loadBundledDataset(file: string = NATIONAL_DATASET_FILE): Dataset {
  return load(file, Dataset, 'national dataset');
}

/** The covered-entity reference release (version 2026.11-1) shipped with PortGuard, validated. */
export function loadCoveredList(file: string = COVERED_LIST_FILE): CoveredListRelease {
  return load(file, CoveredListRelease, 'covered-entity list');
}
