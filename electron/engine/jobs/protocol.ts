// Messages between a host and its engine-jobs process (export, dataset preview, pretrained description).
import { z } from 'zod';

export const JOB_NAMES = ['exportOnnx', 'exportTfjs', 'previewDataset', 'describePretrained'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JobRequestSchema = z.object({ id: z.number().int(), job: z.enum(JOB_NAMES), args: z.array(z.unknown()) });
export type JobRequest = z.infer<typeof JobRequestSchema>;

// The error form first: `result: unknown` would also accept an error reply (its result is undefined).
export const JobReplySchema = z.union([
  z.object({ id: z.number().int(), error: z.string(), node: z.string().optional() }),
  z.object({ id: z.number().int(), result: z.unknown() }),
]);
export type JobReply = z.infer<typeof JobReplySchema>;
