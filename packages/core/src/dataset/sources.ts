import { z } from 'zod';
import type { Result } from '../shared/issue.js';
import { fromZodIssues } from '../shared/zod-issues.js';

/** One maker batch in a terminal record of `terminal-cranes.json` (research notes, see data/sources/SOURCES.md). */
export const SourceMakerBatch = z.object({
  maker: z.string().min(1),
  count: z.number().int().nonnegative().nullable(),
  years: z.string().nullable().optional(),
  size_class: z.string().min(1),
  source: z.string().min(1),
  confidence: z.enum(['H', 'M', 'L']),
  in_service: z.boolean(),
  notes: z.string().optional(),
});
export type SourceMakerBatch = z.infer<typeof SourceMakerBatch>;

export const SourceTerminal = z.object({
  port: z.string().min(1),
  terminal: z.string().min(1),
  operator: z.string().nullable().optional(),
  record_type: z.enum(['terminal', 'port_pool', 'terminal_in_pool']),
  sts_cranes: z.number().int().nonnegative().nullable(),
  sts_cranes_kind: z.enum(['exact', 'approximate', 'lower_bound']).nullable(),
  as_of: z.string().nullable().optional(),
  makers: z.array(SourceMakerBatch),
  zpmc_min: z.number().int().nonnegative().nullable(),
  zpmc_inferred_extra: z.number().int().nonnegative().nullable(),
  non_zpmc_known: z.number().int().nonnegative().nullable().optional(),
  unknown_maker: z.number().int().nonnegative().nullable().optional(),
  teu_capacity: z.number().nonnegative().nullable(),
  teu_throughput: z.number().nonnegative().nullable(),
  teu_year: z.number().int().nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  latlon_source: z.string().nullable().optional(),
  sources: z.array(z.string()),
  notes: z.string().nullable().optional(),
});
export type SourceTerminal = z.infer<typeof SourceTerminal>;

export const SourcePort = z.object({
  port: z.string().min(1),
  state: z.string().min(2),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  latlon_source: z.string().min(1),
  teu_year: z.number().int().nullable(),
  teu: z.number().nonnegative().nullable(),
  teu_2023: z.number().nonnegative().nullable().optional(),
  teu_source: z.string().nullable().optional(),
  sts_cranes: z.number().int().nonnegative().nullable(),
  sts_cranes_source: z.string().nullable().optional(),
  terminals: z.array(z.string()),
});
export type SourcePort = z.infer<typeof SourcePort>;

export const SourceCoveredEntity = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  chinese_names: z.array(z.string().min(1)),
  parent: z.string().nullable().optional(),
  lists: z.array(z.object({ list: z.string().min(1), date: z.string().min(4), citation: z.string().min(1) })),
  not_listed_on: z.array(z.string()).optional(),
  categories: z.array(z.string()),
  confidence: z.string().min(1),
  note: z.string().nullable().optional(),
  chinese_names_confidence: z.string().nullable().optional(),
});
export type SourceCoveredEntity = z.infer<typeof SourceCoveredEntity>;

/** The three research files the bundled dataset is generated from. */
export interface DatasetSources {
  readonly terminals: readonly SourceTerminal[];
  readonly ports: readonly SourcePort[];
  readonly coveredEntities: readonly SourceCoveredEntity[];
}

/** Validates already-parsed JSON of the three source files; issue paths start with the file name and row index. */
export function parseDatasetSources(raw: {
  terminals: unknown;
  ports: unknown;
  coveredEntities: unknown;
}): Result<DatasetSources> {
  const t = z.array(SourceTerminal).safeParse(raw.terminals);
  const p = z.array(SourcePort).safeParse(raw.ports);
  const c = z.array(SourceCoveredEntity).safeParse(raw.coveredEntities);
  const issues = [
    ...(t.success ? [] : fromZodIssues(t.error, ['terminal-cranes.json'])),
    ...(p.success ? [] : fromZodIssues(p.error, ['us-container-ports.json'])),
    ...(c.success ? [] : fromZodIssues(c.error, ['covered-entities.json'])),
  ];
  if (!t.success || !p.success || !c.success) return { ok: false, issues };
  return { ok: true, value: { terminals: t.data, ports: p.data, coveredEntities: c.data } };
}
