import { z } from 'zod';

export const JobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: JobStatus,
  /** 0..1 */
  progress: z.number(),
  message: z.string().nullable(),
  attempts: z.number().int(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const JobCreated = z.object({ job: JobView });
