// Messages between a host and its training process (child process, Electron utilityProcess or worker).
import { z } from 'zod';
import { TrainingEventSchema } from '../../../shared/events.js';

export const WorkerStartSchema = z.object({
  type: z.literal('start'),
  project: z.unknown(),
  baseDir: z.string(),
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  epochs: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  out: z.string().optional(),
});
export type WorkerStart = z.infer<typeof WorkerStartSchema>;

export const WorkerControlSchema = z.object({ type: z.literal('control'), action: z.enum(['stop', 'pause', 'resume', 'checkpoint']) });

export const ToWorkerSchema = z.union([WorkerStartSchema, WorkerControlSchema]);
export type ToWorker = z.infer<typeof ToWorkerSchema>;

/** From the worker: a training event, then `exit` with the code the CLI would return. */
export const FromWorkerSchema = z.union([
  z.object({ type: z.literal('event'), event: TrainingEventSchema }),
  z.object({ type: z.literal('exit'), code: z.number().int() }),
]);
export type FromWorker = z.infer<typeof FromWorkerSchema>;
