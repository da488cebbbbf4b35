// The Dataset tab's logic as pure functions: switching source (keeping the preprocessing settings), which fields a
// source needs, where an error belongs (at which field), and whether the previewed data fits the model.
import type { Response } from '../../../shared/ipc/contract.js';
import type { Dataset, Project } from '../../../shared/project.js';
import { modelIO, type ValidationResult } from '../../../shared/validate.js';

export type Preview = Response<'dataset:preview'>;
export type Source = Dataset['source'];
export type DatasetField = 'name' | 'path' | 'images' | 'labels' | 'x' | 'y' | 'validationSplit' | 'scale' | 'classes' | 'imageSize' | 'labelColumn' | 'samplesPerClass' | 'steps' | 'samples' | 'channels' | 'labelMode' | 'seed';

export const SOURCES: { value: Source; label: string }[] = [
  { value: 'builtin', label: 'Built-in dataset' },
  { value: 'csv', label: 'CSV file' },
  { value: 'idx', label: 'IDX files (MNIST format)' },
  { value: 'images', label: 'Image folder (one sub-folder per class)' },
  { value: 'npy', label: 'NumPy arrays (.npy)' },
];

/** Fields that belong to one source only; the rest (split, scaling, labels, subset, seed) carry over. */
const SOURCE_FIELDS: Record<Source, (keyof Dataset)[]> = {
  builtin: ['name', 'steps', 'samples'],
  csv: ['path', 'labelColumn', 'header'],
  idx: ['images', 'labels'],
  images: ['path', 'imageSize', 'channels'],
  npy: ['x', 'y'],
};

export function changeSource(dataset: Dataset | undefined, source: Source): Dataset {
  const base: Record<string, unknown> = { ...(dataset ?? { validationSplit: 0.2, scale: 'auto', labelMode: 'auto', shuffle: true }) };
  for (const fields of Object.values(SOURCE_FIELDS)) for (const f of fields) delete base[f];
  // A class subset names labels of the old data; it rarely means the same thing in the new one.
  if (dataset?.source !== source) delete base.classes;
  const next = { ...base, source } as Dataset;
  if (source === 'builtin') next.name = 'digits';
  if (source === dataset?.source) {
    for (const f of SOURCE_FIELDS[source]) if (dataset[f] !== undefined) (next as Record<string, unknown>)[f] = dataset[f];
  }
  return next;
}

/** Sets or clears (undefined) one dataset field. */
export function withField<K extends keyof Dataset>(dataset: Dataset, key: K, value: Dataset[K] | undefined): Dataset {
  const next = { ...dataset } as Record<string, unknown>;
  if (value === undefined || value === '') delete next[key as string];
  else next[key as string] = value;
  return next as Dataset;
}

/** The path fields a source reads, with their labels and whether they name a folder. */
export function pathFields(source: Source, kind: Project['training']['kind']): { field: 'path' | 'images' | 'labels' | 'x' | 'y'; label: string; folder: boolean; required: boolean; hint: string }[] {
  const labelsNeeded = kind === 'supervised';
  switch (source) {
    case 'builtin': return [];
    case 'csv': return [{ field: 'path', label: 'CSV file', folder: false, required: true, hint: 'One sample per row; the label in the last column unless set below. .csv or .csv.gz' }];
    case 'images': return [{ field: 'path', label: 'Image folder', folder: true, required: true, hint: 'One sub-folder per class, PNG or JPEG images inside.' }];
    case 'idx': return [
      { field: 'images', label: 'Images file', folder: false, required: true, hint: 'e.g. train-images-idx3-ubyte(.gz)' },
      { field: 'labels', label: 'Labels file', folder: false, required: labelsNeeded, hint: 'e.g. train-labels-idx1-ubyte(.gz)' },
    ];
    case 'npy': return [
      { field: 'x', label: 'Inputs (x.npy)', folder: false, required: true, hint: 'float or uint8 array, samples first' },
      { field: 'y', label: 'Targets (y.npy)', folder: false, required: labelsNeeded, hint: 'integer labels or target values' },
    ];
  }
}

/** Problems the panel can see before asking the host: missing required paths. */
export function missingFields(dataset: Dataset, kind: Project['training']['kind']): Partial<Record<DatasetField, string>> {
  const out: Partial<Record<DatasetField, string>> = {};
  for (const p of pathFields(dataset.source, kind)) {
    if (p.required && !dataset[p.field]) out[p.field] = `choose the ${p.label.toLowerCase()}`;
  }
  return out;
}

const PATH_FIELDS = ['path', 'images', 'labels', 'x', 'y'] as const;

function baseName(p: string): string {
  return p.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? p;
}

/**
 * Which field an error from the host (or validation) is about: its `field` JSON path when it has one
 * (`dataset.path`), else the path field whose file the message starts with ("digits.csv row 17: …").
 */
export function errorField(dataset: Dataset, message: string, field?: string): DatasetField | null {
  if (field?.startsWith('dataset.')) return field.slice('dataset.'.length).split(/[.[]/)[0] as DatasetField;
  let best: DatasetField | null = null;
  let bestAt = Infinity;
  for (const f of PATH_FIELDS) {
    const v = dataset[f];
    if (typeof v !== 'string' || !v) continue;
    for (const candidate of [v, baseName(v)]) {
      const at = message.indexOf(candidate);
      if (at >= 0 && at < bestAt) {
        best = f;
        bestAt = at;
      }
    }
  }
  return best;
}

/** Validation diagnostics about the dataset, by field (the rest are general). */
export function datasetDiagnostics(validation: ValidationResult | null): { byField: Partial<Record<DatasetField, string>>; general: string[] } {
  const byField: Partial<Record<DatasetField, string>> = {};
  const general: string[] = [];
  for (const d of validation?.diagnostics ?? []) {
    if (d.code !== 'BAD_DATASET' && d.code !== 'INCOMPATIBLE_LOSS') continue;
    if (d.field?.startsWith('dataset.')) byField[d.field.slice(8) as DatasetField] ??= d.message;
    else general.push(d.message);
  }
  return { byField, general };
}

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const fmt = (s: readonly (number | null)[]) => `[${s.join(', ')}]`;

export interface Fit {
  severity: 'ok' | 'info' | 'error';
  message: string;
}

/**
 * How the previewed data meets the model: sample shape against the Input (reshaped when the value counts match),
 * classes against the output units. Uses the validation's inferred shapes.
 */
export function datasetFit(preview: Preview, project: Project, validation: ValidationResult | null): Fit[] {
  const kind = project.training.kind;
  const modelName = kind === 'gan' ? 'discriminator' : Object.keys(project.models)[0]!;
  const model = project.models[modelName];
  const report = validation?.models[modelName];
  if (!model || !report) return [];
  const { inputs, outputs } = modelIO(model, report);
  if (inputs.length !== 1) return [];
  const input = inputs[0]!.slice(1) as number[];
  const out: Fit[] = [];
  const sample = preview.sampleShape;
  if (input.some((d) => d === null)) return out;
  if (product(input) !== product(sample)) {
    out.push({
      severity: 'error',
      message: `Samples have shape ${fmt(sample)} (${product(sample)} values) but the model's input takes ${fmt(input)} (${product(input)} values): set the Input shape to ${fmt(sample)}${preview.isImage ? ' or resize the images (image size)' : ''}.`,
    });
  } else if (fmt(input) !== fmt(sample)) {
    out.push({ severity: 'info', message: `Samples ${fmt(sample)} will be reshaped to the model's input ${fmt(input)}.` });
  } else {
    out.push({ severity: 'ok', message: `Samples ${fmt(sample)} match the model's input.` });
  }
  const output = outputs[0];
  const units = output ? output[output.length - 1] : null;
  if (kind === 'supervised' && preview.numClasses > 0 && typeof units === 'number' && output!.length === 2) {
    const sparse = /^(sparseCategorical|categorical)Crossentropy$/.test(project.training.loss);
    if (sparse && units !== preview.numClasses) {
      out.push({ severity: 'error', message: `The data has ${preview.numClasses} classes but the model outputs ${units} values: set the last Dense layer's units to ${preview.numClasses}.` });
    } else if (sparse) {
      out.push({ severity: 'ok', message: `${preview.numClasses} classes match the model's ${units} outputs.` });
    }
  }
  return out;
}

/** Class counts as bars: share of the largest class. */
export function classBars(preview: Preview): { name: string; count: number; share: number }[] {
  const max = Math.max(1, ...preview.classCounts);
  return preview.classCounts.map((count, i) => ({ name: preview.classNames[i] ?? String(i), count, share: count / max }));
}

/** A short text for a non-image sample: "5.1, 3.5, 1.4, 0.2". */
export function sampleText(x: readonly number[], max = 8): string {
  const shown = x.slice(0, max).map((v) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString()));
  return shown.join(', ') + (x.length > max ? `, … (${x.length})` : '');
}

export function labelText(preview: Preview, label: number | number[] | undefined): string {
  if (label === undefined) return '';
  if (Array.isArray(label)) return sampleText(label, 4);
  return preview.classNames[label] ?? String(label);
}

/** A stable key for "the dataset settings changed" (to refresh the preview). */
export function datasetKey(dataset: Dataset | undefined): string {
  return dataset ? JSON.stringify(dataset) : '';
}
