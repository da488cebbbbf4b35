// Edits of the project's `training` section as pure functions (the panel only wires them to controls), the
// learning-rate schedule preview, and hints about settings that do not fit together.
import { OptimizerSchema, ScheduleSchema, type LossName, type Project, type Training } from '../../../shared/project.js';
import { learningRateAt } from '../../../shared/schedule.js';
import type { z } from 'zod';

export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleType = Schedule['type'];
export type OptimizerType = z.infer<typeof OptimizerSchema>['type'];

export const OPTIMIZERS: { value: OptimizerType; label: string }[] = [
  { value: 'adam', label: 'Adam' }, { value: 'sgd', label: 'SGD' }, { value: 'momentum', label: 'SGD with momentum' },
  { value: 'rmsprop', label: 'RMSprop' }, { value: 'adagrad', label: 'Adagrad' }, { value: 'adadelta', label: 'Adadelta' },
  { value: 'adamax', label: 'Adamax' },
];

export const LOSS_OPTIONS: { value: LossName; label: string }[] = [
  { value: 'sparseCategoricalCrossentropy', label: 'Sparse cross-entropy' },
  { value: 'categoricalCrossentropy', label: 'Cross-entropy (one-hot)' },
  { value: 'binaryCrossentropy', label: 'Binary cross-entropy' },
  { value: 'meanSquaredError', label: 'Mean squared error' },
  { value: 'meanAbsoluteError', label: 'Mean absolute error' },
  { value: 'huberLoss', label: 'Huber loss' },
];

export const METRIC_OPTIONS = [
  { value: 'accuracy', label: 'Accuracy' }, { value: 'mse', label: 'Mean squared error' }, { value: 'mae', label: 'Mean absolute error' },
] as const;
export type MetricName = (typeof METRIC_OPTIONS)[number]['value'];

export const SCHEDULES: { value: ScheduleType; label: string }[] = [
  { value: 'constant', label: 'Constant' }, { value: 'step', label: 'Step decay' },
  { value: 'exponential', label: 'Exponential decay' }, { value: 'cosine', label: 'Cosine' },
];

export function withTraining(project: Project, patch: Partial<Training>): Project {
  return { ...project, training: { ...project.training, ...patch } };
}

export function setOptimizerType(training: Training, type: OptimizerType): Partial<Training> {
  const { momentum: _m, beta1: _b1, beta2: _b2, ...rest } = training.optimizer;
  return { optimizer: { ...rest, type, ...(type === 'momentum' ? { momentum: training.optimizer.momentum ?? 0.9 } : {}) } };
}

export function setLearningRate(training: Training, learningRate: number): Partial<Training> {
  return { optimizer: { ...training.optimizer, learningRate } };
}

/** Switching schedule type keeps sensible defaults for the new type's fields. */
export function scheduleOfType(type: ScheduleType, previous?: Schedule): Schedule | undefined {
  if (type === 'constant') return undefined;
  if (previous?.type === type) return previous;
  switch (type) {
    case 'step': return { type: 'step', every: 10, factor: 0.5 };
    case 'exponential': return { type: 'exponential', decay: 0.95 };
    case 'cosine': return { type: 'cosine', minLearningRate: 0 };
  }
}

export function toggleMetric(metrics: readonly string[], metric: MetricName, on: boolean): MetricName[] {
  const set = new Set(metrics as MetricName[]);
  if (on) set.add(metric);
  else set.delete(metric);
  return METRIC_OPTIONS.map((m) => m.value).filter((m) => set.has(m));
}

/** The learning rate per epoch (1-based x), for the schedule preview curve. At most `max` points. */
export function scheduleCurve(training: Pick<Training, 'optimizer' | 'schedule' | 'epochs'>, max = 400): { x: number[]; y: number[] } {
  const n = Math.max(1, training.epochs);
  const stride = Math.max(1, Math.ceil(n / max));
  const x: number[] = [];
  const y: number[] = [];
  for (let e = 0; e < n; e += stride) {
    x.push(e + 1);
    y.push(learningRateAt(training, e));
  }
  if (x.at(-1) !== n) {
    x.push(n);
    y.push(learningRateAt(training, n - 1));
  }
  return { x, y };
}

/** Settings that are allowed but probably not meant, as short hints (validation reports real errors). */
export function trainingHints(training: Training): string[] {
  const hints: string[] = [];
  const lr = training.optimizer.learningRate;
  if (lr > 0.1 && training.optimizer.type !== 'sgd' && training.optimizer.type !== 'adadelta') hints.push(`A learning rate of ${lr} is high for ${training.optimizer.type}; training may diverge (NaN). Try 0.001–0.01.`);
  if (training.kind === 'supervised' && /Crossentropy/.test(training.loss) && training.metrics.length === 0) hints.push('Add the accuracy metric to see how often the classifier is right.');
  if (training.earlyStopping && training.earlyStopping.patience >= training.epochs) hints.push('Early stopping patience is at least the number of epochs: it can never trigger.');
  const s = training.schedule;
  if (s?.type === 'step' && s.every >= training.epochs) hints.push('The step schedule never steps: "every" is not below the number of epochs.');
  return hints;
}
