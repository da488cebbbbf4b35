// Datasets for training and preview: reads a project's `dataset` (built-in, CSV, IDX, images, NPY) into plain typed
// arrays, preprocessed for one model and loss. No tfjs here: the trainer turns the arrays into tensors, and this
// code runs in any process (training worker, CLI, Electron main for previews).
import { DatasetSchema, type Dataset } from '../../../shared/project.js';
import type { z } from 'zod';
import { loadBuiltin } from './builtin.js';
import { loadCsv } from './csv.js';
import { DataError } from './errors.js';
import { loadIdx } from './idx.js';
import { loadImages } from './images.js';
import { loadNpy } from './npy.js';
import {
  applyTransform, chooseEncoding, classRemap, encodedWidth, encodeTargets, fitInputShape, gatherX, scaleTransform,
  selectSamples, splitPositions,
} from './preprocess.js';
import { formatShape, product, type InputTransform, type RawDataset } from './types.js';

export { DataError } from './errors.js';
export { builtinDataDir } from './files.js';
export { sineSeries } from './builtin.js';
export type { InputTransform } from './types.js';

export interface Split {
  x: Float32Array;
  /** Float even for sparse labels (tfjs feeds targets as float32). Empty for GANs. */
  y: Float32Array;
  n: number;
}

export interface LoadedDataset {
  train: Split;
  val: Split;
  /** Per-sample shape, = the Input node's shape. */
  xShape: number[];
  /**
   * Per-sample target shape: [1] for sparse labels (tfjs' sparseCategoricalCrossentropy takes targets [batch, 1]
   * against outputs [batch, classes], and its accuracy metric squeezes that axis); [classes] for one-hot; [1] for
   * binary labels and class indices as numbers; the target shape (or the Output's shape) for regression; the
   * output shape for autoencoders (y is then the very same array as x); [] for GANs (no y).
   */
  yShape: number[];
  /** 0 for regression. */
  numClasses: number;
  classNames: string[];
  /** Class index per sample (for confusion matrices), when classification. */
  trainLabels?: Int32Array;
  valLabels?: Int32Array;
  /** x = (raw - shift) * factor was applied to the values in the files: apply the same to new inputs. */
  inputTransform: InputTransform;
  /** How targets were encoded ('none' for GANs), e.g. to pick a metric or decode predictions. */
  encoding: 'sparse' | 'onehot' | 'binary' | 'index' | 'targets' | 'input' | 'none';
}

export interface LoadOptions {
  /** The project file's folder: dataset paths are relative to it. */
  baseDir: string;
  /** The Input node's shape without the batch dimension (for GANs: the discriminator's). */
  inputShape: number[];
  loss: string;
  kind: 'supervised' | 'autoencoder' | 'gan';
  /** The Output node's shape without the batch dimension, when known: refines the target encoding. */
  outputShape?: number[];
}

export interface DatasetPreview {
  /** What was read, as messages name it: `digits.csv.gz`, `data/train.csv`, `sine`… */
  source: string;
  sampleShape: number[];
  /** Samples used for training and validation together (after `classes` and `samplesPerClass`). */
  samples: number;
  numClasses: number;
  classNames: string[];
  classCounts: number[];
  /** A few samples, scaled as for training; one class after another (round-robin) for classification. */
  first: { x: number[]; shape: number[]; label?: number | number[] }[];
  isImage: boolean;
}

/** The dataset as the project file may hold it: defaults are filled in here. */
export type DatasetInput = z.input<typeof DatasetSchema>;

function normalise(dataset: DatasetInput): Dataset {
  const parsed = DatasetSchema.safeParse(dataset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(`dataset.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

interface ReadOptions { needLabels: boolean; previewCount?: number }

async function readSource(dataset: Dataset, baseDir: string, options: ReadOptions): Promise<RawDataset> {
  switch (dataset.source) {
    case 'builtin': return loadBuiltin(dataset);
    case 'csv': return loadCsv(dataset, baseDir);
    case 'idx': return loadIdx(dataset, baseDir, options.needLabels);
    case 'npy': return loadNpy(dataset, baseDir, options.needLabels);
    case 'images': return loadImages(dataset, baseDir, { previewCount: options.previewCount });
    default:
      throw new DataError(`unknown dataset.source ${JSON.stringify((dataset as { source: unknown }).source)}`);
  }
}

/** Every failure leaves as a DataError: a bug in a decoder must not look like a crash to the user. */
async function guarded<T>(dataset: DatasetInput, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DataError) throw e;
    const what = dataset.path ?? dataset.x ?? dataset.images ?? dataset.name ?? dataset.source;
    const err = new DataError(`${what}: cannot load the dataset (${(e as Error)?.message ?? String(e)})`);
    (err as { cause?: unknown }).cause = e;
    throw err;
  }
}

export async function loadDataset(datasetInput: DatasetInput, opts: LoadOptions): Promise<LoadedDataset> {
  return guarded(datasetInput, async () => {
    const dataset = normalise(datasetInput);
    const raw = await readSource(dataset, opts.baseDir, { needLabels: opts.kind === 'supervised' });
    const xShape = fitInputShape(raw.sampleShape, opts.inputShape);
    const inputTransform = scaleTransform(raw, dataset.scale);
    applyTransform(raw.x, product(raw.sampleShape), inputTransform);

    const sel = selectSamples(raw, dataset);
    if (sel.order.length === 0) throw new DataError(`${raw.file}: no samples left after dataset.classes / samplesPerClass`, raw.file);
    const { train, val } = splitPositions(sel, dataset.validationSplit);
    if (train.length === 0) {
      throw new DataError(`${raw.file}: only ${sel.order.length} samples, none left for training after the validation split of ${dataset.validationSplit}`, raw.file);
    }
    const numClasses = sel.classOf ? sel.classNames.length : 0;
    const trainX = gatherX(raw, sel, train);
    const valX = gatherX(raw, sel, val);

    let yShape: number[];
    let trainY: Float32Array;
    let valY: Float32Array;
    let encoding: LoadedDataset['encoding'];
    if (opts.kind === 'gan') {
      yShape = [];
      trainY = new Float32Array(0);
      valY = new Float32Array(0);
      encoding = 'none';
    } else if (opts.kind === 'autoencoder') {
      yShape = targetShape(xShape, opts.outputShape, 'an autoencoder reproduces its input');
      trainY = trainX;
      valY = valX;
      encoding = 'input';
    } else {
      const enc = chooseEncoding(raw, dataset, opts.loss, numClasses, opts.outputShape);
      const outLast = opts.outputShape?.[opts.outputShape.length - 1];
      const width = encodedWidth(enc, numClasses, raw, outLast ?? undefined);
      trainY = encodeTargets(enc, width, raw, sel, train);
      valY = encodeTargets(enc, width, raw, sel, val);
      encoding = enc;
      if (enc === 'targets') yShape = targetShape(raw.targetShape ?? [1], opts.outputShape, `${raw.file} has targets`);
      else if (enc === 'onehot') yShape = [width];
      else yShape = [1];
    }

    const result: LoadedDataset = {
      train: { x: trainX, y: trainY, n: train.length },
      val: { x: valX, y: valY, n: val.length },
      xShape, yShape, numClasses, classNames: sel.classNames, inputTransform, encoding,
    };
    if (sel.classOf) {
      result.trainLabels = Int32Array.from(train, (p) => sel.classOf![p]!);
      result.valLabels = Int32Array.from(val, (p) => sel.classOf![p]!);
    }
    return result;
  });
}

/** Targets take the Output node's shape when it holds as many values; a different count is an error. */
function targetShape(natural: number[], outputShape: number[] | undefined, what: string): number[] {
  if (!outputShape?.length || outputShape.some((d) => typeof d !== 'number' || d < 0)) return natural;
  if (product(outputShape) !== product(natural)) {
    throw new DataError(`${what} of shape ${formatShape(natural)} (${product(natural)} values) but the model outputs ${formatShape(outputShape)} (${product(outputShape)} values) per sample`);
  }
  return [...outputShape];
}

export async function previewDataset(datasetInput: DatasetInput, baseDir: string, count = 8): Promise<DatasetPreview> {
  return guarded(datasetInput, async () => {
    const dataset = normalise(datasetInput);
    const raw = await readSource(dataset, baseDir, { needLabels: false, previewCount: count });
    const size = product(raw.sampleShape);
    applyTransform(raw.x, size, scaleTransform(raw, dataset.scale));

    const sample = (i: number, label?: number | number[]) => ({
      x: Array.from(raw.x.subarray(i * size, (i + 1) * size)), shape: [...raw.sampleShape], ...(label === undefined ? {} : { label }),
    });
    const base = { source: raw.file, sampleShape: [...raw.sampleShape], isImage: raw.isImage };

    if (!raw.labels) {
      const targetSize = raw.targets ? product(raw.targetShape ?? [1]) : 0;
      const first = Array.from({ length: Math.min(count, raw.n) }, (_, i) => {
        if (!raw.targets) return sample(i);
        const t = Array.from(raw.targets.subarray(i * targetSize, (i + 1) * targetSize));
        return sample(i, targetSize === 1 ? t[0]! : t);
      });
      return { ...base, samples: raw.n, numClasses: 0, classNames: [], classCounts: [], first };
    }

    // Class counts over the whole dataset (all files even when only some images were decoded), after the subset.
    const { remap, classNames } = classRemap(raw, dataset.classes);
    const allLabels = raw.partial?.labels ?? raw.labels;
    const classCounts = new Array<number>(classNames.length).fill(0);
    for (const label of allLabels) if (remap[label]! >= 0) classCounts[remap[label]!]!++;
    const limit = dataset.samplesPerClass ?? Infinity;
    const used = classCounts.map((c) => Math.min(c, limit));

    // First samples one class after another, in file order within each class.
    const byClass = classNames.map(() => [] as number[]);
    for (let i = 0; i < raw.n; i++) {
      const c = remap[raw.labels[i]!]!;
      if (c >= 0 && byClass[c]!.length < count) byClass[c]!.push(i);
    }
    const first: DatasetPreview['first'] = [];
    for (let round = 0; first.length < count && byClass.some((list) => list.length > round); round++) {
      byClass.forEach((list, c) => {
        if (first.length < count && round < list.length) first.push(sample(list[round]!, c));
      });
    }
    return { ...base, samples: used.reduce((a, b) => a + b, 0), numClasses: classNames.length, classNames, classCounts: used, first };
  });
}
