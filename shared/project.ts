// The project file (`*.layerloom.json`), format version 1: one runtime schema, its TypeScript types inferred from it,
// and a parser that migrates older versions and reports each problem with its JSON path.
import { z } from 'zod';
import { migrate, CURRENT_VERSION } from './migrations.js';

export const FORMAT = 'layerloom-project';
export { CURRENT_VERSION };

const id = z.string().min(1, 'must not be empty').max(200);

export const NodeSchema = z.object({
  id,
  kind: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  label: z.string().max(200).optional(),
});

export const EdgeSchema = z.object({
  id,
  source: id,
  sourcePort: z.string().default('out'),
  target: id,
  targetPort: z.string().default('in'),
});

export const ModelSchema = z.object({
  nodes: z.array(NodeSchema).max(100_000),
  edges: z.array(EdgeSchema).max(200_000),
});

export const DatasetSchema = z.looseObject({
  source: z.enum(['builtin', 'csv', 'idx', 'images', 'npy']),
  /** builtin: digits | iris | sine */
  name: z.string().optional(),
  /** csv, images (folder) */
  path: z.string().optional(),
  /** idx */
  images: z.string().optional(),
  labels: z.string().optional(),
  /** npy */
  x: z.string().optional(),
  y: z.string().optional(),
  validationSplit: z.number().min(0).max(0.9).default(0.2),
  seed: z.number().int().optional(),
  /** Multiply inputs by this factor (e.g. 1/255); `auto` scales pixels to [0, 1] and standardises iris' features. */
  scale: z.union([z.number(), z.literal('auto')]).default('auto'),
  /** How labels are encoded: `auto` picks from the loss. */
  labelMode: z.enum(['auto', 'onehot', 'sparse', 'regression']).default('auto'),
  /** Keep only these classes (original label values). */
  classes: z.array(z.number().int().min(0)).optional(),
  /** Keep at most this many samples per class (few-shot experiments). */
  samplesPerClass: z.number().int().min(1).optional(),
  shuffle: z.boolean().default(true),
  /** csv: which column holds the label (default the last); whether the first row is a header. */
  labelColumn: z.union([z.number().int(), z.string()]).optional(),
  header: z.boolean().optional(),
  /** images: target size [height, width] and channels. */
  imageSize: z.array(z.number().int().min(1)).length(2).optional(),
  channels: z.union([z.literal(1), z.literal(3)]).optional(),
  /** builtin sine: sequence length and sample count. */
  steps: z.number().int().min(2).max(10_000).optional(),
  samples: z.number().int().min(1).max(1_000_000).optional(),
});

export const OptimizerSchema = z.looseObject({
  type: z.enum(['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax']).default('adam'),
  learningRate: z.number().positive().max(100).default(0.001),
  momentum: z.number().min(0).max(1).optional(),
  beta1: z.number().min(0).max(1).optional(),
  beta2: z.number().min(0).max(1).optional(),
});

export const LOSSES = [
  'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError',
  'meanAbsoluteError', 'huberLoss',
] as const;
export type LossName = (typeof LOSSES)[number];

export const METRICS = ['accuracy', 'mse', 'mae'] as const;

export const ScheduleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('constant') }),
  z.object({ type: z.literal('step'), every: z.number().int().min(1), factor: z.number().positive().max(1) }),
  z.object({ type: z.literal('exponential'), decay: z.number().positive().max(1) }),
  z.object({ type: z.literal('cosine'), minLearningRate: z.number().min(0).default(0) }),
]);

export const TrainingSchema = z.looseObject({
  kind: z.enum(['supervised', 'autoencoder', 'gan']).default('supervised'),
  optimizer: OptimizerSchema.default({ type: 'adam', learningRate: 0.001 }),
  loss: z.enum(LOSSES).default('sparseCategoricalCrossentropy'),
  metrics: z.array(z.enum(METRICS)).default([]),
  epochs: z.number().int().min(1).max(100_000).default(10),
  batchSize: z.number().int().min(1).max(65_536).default(32),
  seed: z.number().int().default(0),
  /** Stop when val_loss has not improved for `patience` epochs; restores nothing (keeps the last weights). */
  earlyStopping: z.object({ patience: z.number().int().min(1), monitor: z.string().default('val_loss') }).optional(),
  schedule: ScheduleSchema.optional(),
  /** GAN: size of the generator's noise input, and the discriminator's optimizer (defaults to `optimizer`). */
  latentDim: z.number().int().min(1).max(4096).optional(),
  discriminatorOptimizer: OptimizerSchema.optional(),
});

export const ProjectSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  name: z.string().max(500).default('Untitled'),
  description: z.string().max(100_000).default(''),
  /** Keywords shown in the template gallery. */
  tags: z.array(z.string().max(40)).max(20).optional(),
  models: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'model names are letters, digits, _ and -'), ModelSchema)
    .refine((m) => Object.keys(m).length > 0, 'a project needs at least one model'),
  dataset: DatasetSchema.optional(),
  training: TrainingSchema.default(TrainingSchema.parse({})),
});

export type Project = z.infer<typeof ProjectSchema>;
export type ProjectInput = z.input<typeof ProjectSchema>;
export type GraphNode = z.infer<typeof NodeSchema>;
export type GraphEdge = z.infer<typeof EdgeSchema>;
export type Model = z.infer<typeof ModelSchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
export type Training = z.infer<typeof TrainingSchema>;

export interface FieldError {
  /** JSON path, e.g. `models.main.nodes[3].params.units`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; project: Project } | { ok: false; errors: FieldError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

export function zodErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  return error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}

/** Validates an already-decoded JSON value as a project, migrating older versions first. */
export function parseProject(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '(root)', message: 'a project file must hold a JSON object' }] };
  }
  const raw = value as Record<string, unknown>;
  if (raw.format !== FORMAT) {
    return { ok: false, errors: [{ path: 'format', message: `expected "${FORMAT}", got ${JSON.stringify(raw.format) ?? 'nothing'}` }] };
  }
  const migrated = migrate(raw);
  if (!migrated.ok) return { ok: false, errors: [{ path: 'version', message: migrated.message }] };
  const parsed = ProjectSchema.safeParse(migrated.value);
  return parsed.success ? { ok: true, project: parsed.data } : { ok: false, errors: zodErrors(parsed.error) };
}

/** Decodes and validates project file text. */
export function parseProjectText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(root)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  return parseProject(value);
}

/** Canonical text of a project file (stable key order as the schema gives it, 2-space indent, final newline). */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

export function emptyProject(name = 'Untitled'): Project {
  return ProjectSchema.parse({
    format: FORMAT, version: CURRENT_VERSION, name,
    models: { main: { nodes: [], edges: [] } },
  });
}
