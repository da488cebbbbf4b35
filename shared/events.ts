// Training events: one union, plain numbers and strings only, so they cross processes, IPC and WebSockets as JSON and
// are written one per line to metrics.jsonl. Metric names follow Keras (loss, accuracy, val_loss, …; GANs d_loss, g_loss).
import { z } from 'zod';

const Metrics = z.record(z.string(), z.number());

export const SampleImageSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  channels: z.number().int(),
  /** Row-major pixels in [0, 1], length width·height·channels. */
  pixels: z.array(z.number()),
  /** e.g. "original", "reconstruction", "predicted 3 (true 5)". */
  caption: z.string().optional(),
});
export type SampleImage = z.infer<typeof SampleImageSchema>;

export const EvaluationSchema = z.object({
  classNames: z.array(z.string()),
  /** confusion[true][predicted] counts over the validation set. */
  confusion: z.array(z.array(z.number().int())),
  /** Validation sample indices per cell, a few each, for showing examples: key `${true},${predicted}`. */
  examples: z.record(z.string(), z.array(z.number().int())).optional(),
  /** A few validation samples with their prediction. */
  predictions: z.array(z.object({ index: z.number().int(), label: z.number().int(), predicted: z.number().int(), confidence: z.number() })),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const TrainingEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('start'),
    backend: z.enum(['tensorflow', 'wasm', 'cpu']),
    params: z.number().int(),
    samples: z.number().int(),
    validationSamples: z.number().int().optional(),
    epochs: z.number().int().optional(),
    batchesPerEpoch: z.number().int().optional(),
  }),
  z.object({ event: z.literal('batch'), epoch: z.number().int(), batch: z.number().int(), batches: z.number().int(), metrics: Metrics }),
  z.object({ event: z.literal('epoch'), epoch: z.number().int(), epochs: z.number().int(), metrics: Metrics, seconds: z.number(), learningRate: z.number().optional() }),
  z.object({ event: z.literal('sample'), kind: z.enum(['gan', 'reconstruction', 'prediction']), epoch: z.number().int().optional(), images: z.array(SampleImageSchema) }),
  z.object({ event: z.literal('status'), state: z.enum(['paused', 'running', 'stopping', 'checkpoint']), detail: z.string().optional() }),
  z.object({
    event: z.literal('done'),
    metrics: Metrics,
    /** Artifact folder, or '' when none was written. */
    out: z.string(),
    /** true when stopped by the user or early stopping before the last epoch. */
    stopped: z.boolean().optional(),
    evaluation: EvaluationSchema.optional(),
  }),
  z.object({ event: z.literal('error'), message: z.string(), node: z.string().optional() }),
]);

export type TrainingEvent = z.infer<typeof TrainingEventSchema>;
export type TrainingEventOf<K extends TrainingEvent['event']> = Extract<TrainingEvent, { event: K }>;
