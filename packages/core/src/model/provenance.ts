import { z } from 'zod';

/** Where a number came from: a source we can cite, or the rule that estimated it. */
export const Provenance = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sourced'),
    citation: z.string().min(1),
    confidence: z.enum(['H', 'M', 'L']).optional(),
    asOf: z.string().optional(),
  }),
  z.object({ kind: z.literal('estimated'), rule: z.string().min(1) }),
  z.object({ kind: z.literal('user'), note: z.string().optional() }),
]);
export type Provenance = z.infer<typeof Provenance>;

/** Provenance per field name of the record that carries it. */
export const ProvenanceMap = z.record(z.string(), Provenance);
export type ProvenanceMap = z.infer<typeof ProvenanceMap>;

export const sourced = (citation: string, confidence?: 'H' | 'M' | 'L'): Provenance =>
  confidence ? { kind: 'sourced', citation, confidence } : { kind: 'sourced', citation };
export const estimated = (rule: string): Provenance => ({ kind: 'estimated', rule });
