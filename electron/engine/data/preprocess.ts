// Declarative preprocessing shared by every source: scaling, seeded shuffle, class subset, samples per class,
// train/validation split, input reshape and target encoding. Order matters and is fixed:
//   scale → shuffle (seed) → keep `classes` (re-indexed) → first `samplesPerClass` per class → split → encode.
import type { Dataset } from '../../../shared/project.js';
import { DataError } from './errors.js';
import { mulberry32, shuffleInPlace } from './random.js';
import { formatShape, product, type InputTransform, type RawDataset } from './types.js';

// ---- Scaling ------------------------------------------------------------------------------------------------------

/** The transform `scale` asks for: a number multiplies every value; 'auto' takes the source's natural one. */
export function scaleTransform(raw: RawDataset, scale: Dataset['scale']): InputTransform {
  return scale === 'auto' ? raw.autoTransform : { shift: 0, factor: scale };
}

/** Applies x' = (x - shift) * factor in place (per value of a sample when the transform has arrays). */
export function applyTransform(x: Float32Array, sampleSize: number, t: InputTransform): void {
  const { shift, factor } = t;
  if (typeof shift === 'number' && typeof factor === 'number') {
    if (shift === 0 && factor === 1) return;
    for (let i = 0; i < x.length; i++) x[i] = (x[i]! - shift) * factor;
    return;
  }
  const at = (v: number | number[], j: number) => (typeof v === 'number' ? v : v[j]!);
  for (let i = 0; i < x.length; i++) {
    const j = i % sampleSize;
    x[i] = (x[i]! - at(shift, j)) * at(factor, j);
  }
}

// ---- Selection: shuffle, class subset, samples per class ----------------------------------------------------------

export interface Selection {
  /** Indices into the raw samples, in the order they are used. */
  order: Int32Array;
  /** Classification only: the (re-indexed) class of each selected sample, parallel to `order`. */
  classOf?: Int32Array;
  classNames: string[];
}

/** original label → new class index (or -1 when dropped), and the kept class names, from `dataset.classes`. */
export function classRemap(raw: RawDataset, classes: number[] | undefined): { remap: Int32Array; classNames: string[] } {
  const names = raw.classNames ?? [];
  const remap = new Int32Array(names.length).fill(-1);
  if (!classes) {
    remap.forEach((_, i) => (remap[i] = i));
    return { remap, classNames: [...names] };
  }
  if (classes.length === 0) throw new DataError('dataset.classes is empty: list the labels to keep, or remove it');
  classes.forEach((label, i) => {
    if (label >= names.length) {
      throw new DataError(`dataset.classes: label ${label} is out of range: ${raw.file} has labels 0–${names.length - 1}`, raw.file);
    }
    if (remap[label]! >= 0) throw new DataError(`dataset.classes lists label ${label} twice`);
    remap[label] = i;
  });
  return { remap, classNames: classes.map((c) => names[c]!) };
}

export function selectSamples(raw: RawDataset, dataset: Dataset): Selection {
  const order = Int32Array.from({ length: raw.n }, (_, i) => i);
  if (dataset.shuffle) shuffleInPlace(order, mulberry32(dataset.seed ?? 0));
  if (!raw.labels) {
    if (dataset.classes) throw new DataError(`dataset.classes needs class labels, but ${raw.file} has numeric targets or no labels`, raw.file);
    if (dataset.samplesPerClass) throw new DataError(`dataset.samplesPerClass needs class labels, but ${raw.file} has numeric targets or no labels`, raw.file);
    return { order, classNames: [] };
  }
  const labels = raw.labels;
  const { remap, classNames } = classRemap(raw, dataset.classes);
  const limit = dataset.samplesPerClass ?? Infinity;
  const taken = new Int32Array(classNames.length);
  const keptOrder: number[] = [];
  const keptClass: number[] = [];
  for (const i of order) {
    const c = remap[labels[i]!]!;
    if (c < 0 || taken[c]! >= limit) continue;
    taken[c]!++;
    keptOrder.push(i);
    keptClass.push(c);
  }
  return { order: Int32Array.from(keptOrder), classOf: Int32Array.from(keptClass), classNames };
}

// ---- Split ----------------------------------------------------------------------------------------------------------

/**
 * Splits the selection into training and validation positions (indices into `order`), keeping the order.
 * Classification splits per class (stratified): each class gives its last round(count × split) samples to
 * validation, so that few-shot subsets still have every class on both sides. Regression takes the last part,
 * as Keras' validationSplit does.
 */
export function splitPositions(sel: Selection, validationSplit: number): { train: number[]; val: number[] } {
  const m = sel.order.length;
  const train: number[] = [];
  const val: number[] = [];
  if (sel.classOf) {
    const counts = new Int32Array(sel.classNames.length);
    for (const c of sel.classOf) counts[c]!++;
    const firstVal = Array.from(counts, (count) => count - Math.round(count * validationSplit));
    const seen = new Int32Array(counts.length);
    sel.classOf.forEach((c, p) => (seen[c]!++ >= firstVal[c]! ? val : train).push(p));
  } else {
    const nTrain = m - Math.round(m * validationSplit);
    for (let p = 0; p < m; p++) (p < nTrain ? train : val).push(p);
  }
  return { train, val };
}

// ---- Shapes ---------------------------------------------------------------------------------------------------------

/**
 * The per-sample shape to deliver: the Input node's shape when it holds the same number of values ([64] for an
 * MLP, [8, 8] for an LSTM reading rows, [8, 8, 1] for a CNN). One unknown dimension (null or -1) is inferred.
 */
export function fitInputShape(sampleShape: number[], inputShape: readonly (number | null)[] | undefined): number[] {
  if (!inputShape || inputShape.length === 0) return sampleShape;
  const size = product(sampleShape);
  const unknown = inputShape.filter((d) => d === null || d === undefined || d < 0).length;
  const known = product(inputShape.filter((d): d is number => typeof d === 'number' && d >= 0));
  const mismatch = () => new DataError(`dataset sample shape ${formatShape(sampleShape)} (${size} values) does not fit the Input shape ${formatShape(inputShape)} (${unknown ? 'any multiple of ' : ''}${known} values): set the Input shape to ${formatShape(sampleShape)}`);
  if (unknown > 1) throw new DataError(`the Input shape ${formatShape(inputShape)} has more than one unknown dimension: give all but one`);
  if (unknown === 1) {
    if (known === 0 || size % known !== 0) throw mismatch();
    return inputShape.map((d) => (typeof d === 'number' && d >= 0 ? d : size / known));
  }
  if (known !== size) throw mismatch();
  return inputShape.map((d) => d as number);
}

// ---- Target encoding ------------------------------------------------------------------------------------------------

/**
 * - `sparse`: the class index as a float, per-sample shape [1] (tfjs' sparseCategoricalCrossentropy expects
 *   targets [batch, 1] against outputs [batch, classes]; float32 because tfjs feeds targets as float32);
 * - `onehot`: [classes];
 * - `binary`: 0/1 as a float [1] (two classes, one sigmoid output);
 * - `index`: the class index as a numeric target [1] (a regression loss on one output unit);
 * - `targets`: the dataset's numeric targets.
 */
export type Encoding = 'sparse' | 'onehot' | 'binary' | 'index' | 'targets';

const CLASS_LOSSES = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy']);

export function chooseEncoding(
  raw: RawDataset, dataset: Dataset, loss: string, numClasses: number, outputShape: readonly (number | null)[] | undefined,
): Encoding {
  const outLast = outputShape?.length ? outputShape[outputShape.length - 1] ?? undefined : undefined;
  const mode = dataset.labelMode;
  if (!raw.labels) {
    if (mode === 'onehot' || mode === 'sparse') throw new DataError(`labelMode "${mode}" needs class labels, but ${raw.file} has numeric targets`, raw.file);
    if (CLASS_LOSSES.has(loss)) throw new DataError(`${loss} is a classification loss but ${raw.file} has numeric targets: use meanSquaredError (or another regression loss)`, raw.file);
    return 'targets';
  }
  let encoding: Encoding;
  if (mode === 'sparse') encoding = 'sparse';
  else if (mode === 'onehot') encoding = 'onehot';
  else if (mode === 'regression') encoding = 'index';
  else if (loss === 'sparseCategoricalCrossentropy') encoding = 'sparse';
  else if (loss === 'categoricalCrossentropy') encoding = 'onehot';
  else if (loss === 'binaryCrossentropy') {
    if (numClasses <= 2 && (outLast === undefined || outLast === 1)) encoding = 'binary';
    else if (outLast === 1) {
      throw new DataError(`binaryCrossentropy with one output unit needs two classes, but the dataset has ${numClasses}: use categoricalCrossentropy with ${numClasses} output units, or keep two classes with dataset.classes`);
    } else encoding = 'onehot'; // one sigmoid per class
  } else encoding = outLast === 1 ? 'index' : 'onehot'; // MSE/MAE/Huber on classes: one-hot, or the index on 1 unit
  if ((encoding === 'sparse' || encoding === 'onehot') && outLast !== undefined && outLast < numClasses) {
    throw new DataError(`labels out of range: the dataset has ${numClasses} classes (0–${numClasses - 1}) but the model outputs ${outLast} values per sample: set the last layer's units to ${numClasses}, or keep fewer classes with dataset.classes`);
  }
  return encoding;
}

/** Per-sample target width of an encoding (one-hot may be wider when the model has spare output units). */
export function encodedWidth(encoding: Encoding, numClasses: number, raw: RawDataset, outLast: number | undefined): number {
  switch (encoding) {
    case 'onehot': return Math.max(numClasses, outLast ?? 0);
    case 'targets': return product(raw.targetShape ?? [1]);
    default: return 1;
  }
}

/** Writes the targets of the selected positions. `classOf[p]` is the re-indexed class at position p. */
export function encodeTargets(
  encoding: Encoding, width: number, raw: RawDataset, sel: Selection, positions: number[],
): Float32Array {
  const y = new Float32Array(positions.length * width);
  positions.forEach((p, row) => {
    if (encoding === 'targets') {
      const i = sel.order[p]!;
      y.set(raw.targets!.subarray(i * width, (i + 1) * width), row * width);
      return;
    }
    const c = sel.classOf![p]!;
    if (encoding === 'onehot') y[row * width + c] = 1;
    else y[row] = c; // sparse, binary (0/1 with two classes) and index all carry the class index itself
  });
  return y;
}

/** Copies the selected samples' values into one array. */
export function gatherX(raw: RawDataset, sel: Selection, positions: number[]): Float32Array {
  const size = product(raw.sampleShape);
  const x = new Float32Array(positions.length * size);
  positions.forEach((p, row) => {
    const i = sel.order[p]!;
    x.set(raw.x.subarray(i * size, (i + 1) * size), row * size);
  });
  return x;
}
