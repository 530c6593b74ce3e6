import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_ZPMC_SHARE,
  PortGuardError,
  buildNationalDataset,
  countProvenance,
  issue,
  listProvenance,
  parseDatasetSources,
} from '@portguard/core';
import type { DatasetSources, NationalBuildReport } from '@portguard/core';

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
export const SOURCES_DIR = join(DATA_DIR, 'sources');
export const NATIONAL_DATASET_FILE = join(DATA_DIR, 'national-dataset.json');
export const COVERED_LIST_FILE = join(DATA_DIR, 'covered-list.json');

function readJson(dir: string, name: string): unknown {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PortGuardError('invalid_input', `cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new PortGuardError('invalid_input', `${file} is not valid JSON`, [
      issue('invalid_json', [name], (e as Error).message),
    ]);
  }
}

/** Reads and validates the three research files the bundled dataset is generated from. */
export function readDatasetSources(dir: string = SOURCES_DIR): DatasetSources {
  const parsed = parseDatasetSources({
    terminals: readJson(dir, 'terminal-cranes.json'),
    ports: readJson(dir, 'us-container-ports.json'),
    coveredEntities: readJson(dir, 'covered-entities.json'),
  });
  if (!parsed.ok)
    throw new PortGuardError(
      'invalid_input',
      `dataset sources in ${dir} do not match their schema`,
      parsed.issues,
    );
  return parsed.value;
}

export interface BundledFiles {
  readonly datasetJson: string;
  readonly coveredListJson: string;
  readonly report: NationalBuildReport;
  readonly provenanceCounts: Readonly<Record<'sourced' | 'estimated' | 'user', number>>;
}

/** The exact text of the two generated files; the committed files must equal this for the default share. */
export function buildBundledFiles(
  options: { zpmcShare?: number; sources?: DatasetSources } = {},
): BundledFiles {
  const sources = options.sources ?? readDatasetSources();
  const result = buildNationalDataset(sources, { zpmcShare: options.zpmcShare ?? DEFAULT_ZPMC_SHARE });
  return {
    datasetJson: `${JSON.stringify(result.dataset, null, 1)}\n`,
    coveredListJson: `${JSON.stringify(result.coveredList, null, 1)}\n`,
    report: result.report,
    provenanceCounts: countProvenance(listProvenance(result.dataset)),
  };
}

/** Writes the dataset (and, for the default share, the covered list) and returns what was written. */
export function writeBundledFiles(
  options: { zpmcShare?: number; out?: string; coveredListOut?: string } = {},
): BundledFiles & { readonly written: readonly string[] } {
  const files = buildBundledFiles(options.zpmcShare === undefined ? {} : { zpmcShare: options.zpmcShare });
  const out = options.out ?? NATIONAL_DATASET_FILE;
  const coveredOut = options.coveredListOut ?? COVERED_LIST_FILE;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, files.datasetJson);
  mkdirSync(dirname(coveredOut), { recursive: true });
  writeFileSync(coveredOut, files.coveredListJson);
  return { ...files, written: [out, coveredOut] };
}

/** Human summary of a build: the headline numbers and every rule application a reviewer should see. */
export function formatBuildReport(files: BundledFiles): string {
  const r = files.report;
  const kteu = (n: number) => `${(n / 1e6).toFixed(2)}M TEU`;
  const lines = [
    `ZPMC share of unknown-maker cranes s = ${r.zpmcShare}`,
    `ports ${r.ports}; container terminals ${r.containerTerminals} (${r.terminalsWithCranes} with STS cranes)`,
    `STS cranes ${r.stsCranes}: panamax ${r.sizeClasses.panamax}, post-panamax ${r.sizeClasses['post-panamax']}, super-post-panamax ${r.sizeClasses['super-post-panamax']}`,
    `PRC-made (ZPMC) ${r.prcMade.total}: sourced ${r.prcMade.sourced}, inferred ${r.prcMade.inferred}, estimated ${r.prcMade.estimated}; named non-ZPMC ${r.namedNonZpmc}; unknown maker before attribution ${r.unknownMaker}`,
    `national capacity ${kteu(r.national.capacityTeuPerYear)}/yr vs demand ${kteu(r.national.demandTeuBaseYear)} (base year), ${kteu(r.national.demandTeuHorizonEnd)} (horizon end); base-year peak-month utilisation ${(r.national.peakMonthUtilisationBaseYear * 100).toFixed(1)}%`,
    `provenance: ${files.provenanceCounts.sourced} sourced fields, ${files.provenanceCounts.estimated} estimated`,
    ...r.residualCranes.map(
      (x) =>
        `port-wide residual: ${x.cranes} unknown-maker cranes of ${x.portId} placed at ${x.to.join(', ')}`,
    ),
    `terminals with no crane count (no cranes, no capacity): ${r.terminalsWithoutCount.join(', ') || 'none'}`,
    `terminals with no STS cranes: ${r.terminalsWithoutSts.join(', ') || 'none'}`,
    `demand with no sourced TEU (50% of capacity): ${r.demandWithoutData.join(', ') || 'none'}`,
    `one crane out breaks the floor (1-2 cranes; a new crane must arrive first): ${r.singleOutageInfeasible.join(', ') || 'none'}`,
    `demand capped at ${r.demandCapped.length} terminals:`,
    ...r.demandCapped.map(
      (c) =>
        `  ${c.facilityId} (${c.cranes} cranes): ${c.demandBefore} -> ${c.demandAfter} TEU/yr (${Math.round((c.demandAfter / c.demandBefore) * 100)}%)`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
