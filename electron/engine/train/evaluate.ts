// Evaluation after training and the image samples streamed during it.
import type * as tfjs from '@tensorflow/tfjs';
import type { Evaluation, SampleImage } from '../../../shared/events.js';
import type { LoadedDataset } from '../data/index.js';

type Tf = typeof tfjs;

const EXAMPLES_PER_CELL = 6;
const PREDICTIONS = 24;

/** Confusion matrix over the validation set, example indices per cell, and the first predictions. */
export function evaluateClassifier(tf: Tf, model: tfjs.LayersModel, x: tfjs.Tensor, data: LoadedDataset): Evaluation | undefined {
  const labels = data.valLabels;
  if (!labels) return undefined;
  const k = data.numClasses;
  const [predicted, confidence] = tf.tidy(() => {
    let p = model.predict(x, { batchSize: 256 }) as tfjs.Tensor;
    if (p.shape[p.shape.length - 1] === 1) p = tf.concat([tf.sub(1, p), p], -1); // one sigmoid unit: two classes
    return [p.argMax(-1).dataSync() as Int32Array, p.max(-1).dataSync() as Float32Array];
  });
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const examples: Record<string, number[]> = {};
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted![i]!;
    if (t < k && p < k) confusion[t]![p]!++;
    const key = `${t},${p}`;
    const list = (examples[key] ??= []);
    if (list.length < EXAMPLES_PER_CELL) list.push(i);
  }
  const predictions = Array.from({ length: Math.min(PREDICTIONS, labels.length) }, (_, i) => ({
    index: i, label: labels[i]!, predicted: predicted![i]!, confidence: confidence![i]!,
  }));
  return { classNames: data.classNames.slice(0, k), confusion, examples, predictions };
}

/** Turns samples shaped like the model's data into images when they look like images (rank 2 or 3). */
export function toImages(values: Float32Array, count: number, sampleShape: number[], caption?: (i: number) => string): SampleImage[] {
  const size = sampleShape.reduce((a, b) => a * b, 1);
  let [height, width, channels] = sampleShape.length >= 2 ? [sampleShape[0]!, sampleShape[1]!, sampleShape[2] ?? 1] : [0, 0, 1];
  if (sampleShape.length === 1) {
    const side = Math.round(Math.sqrt(size));
    if (side * side !== size || side < 4) return []; // only flattened square images (e.g. 64 = 8×8) are pictures
    [height, width, channels] = [side, side, 1];
  }
  return Array.from({ length: count }, (_, i) => ({
    width, height, channels,
    pixels: Array.from(values.subarray(i * size, (i + 1) * size), (v) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000))),
    ...(caption ? { caption: caption(i) } : {}),
  }));
}

export function reconstructionSamples(tf: Tf, model: tfjs.LayersModel, x: tfjs.Tensor, sampleShape: number[], count: number): SampleImage[] {
  const n = Math.min(count, x.shape[0]!);
  const [orig, rec] = tf.tidy(() => {
    const xs = x.slice(0, n);
    return [xs.dataSync() as Float32Array, (model.predict(xs) as tfjs.Tensor).dataSync() as Float32Array];
  });
  const originals = toImages(orig!, n, sampleShape, () => 'original');
  const recons = toImages(rec!, n, sampleShape, () => 'reconstruction');
  return originals.flatMap((o, i) => [o, recons[i]!]);
}

export function ganSamples(tf: Tf, generator: tfjs.LayersModel, noise: tfjs.Tensor, sampleShape: number[]): SampleImage[] {
  const values = tf.tidy(() => (generator.predict(noise) as tfjs.Tensor).dataSync() as Float32Array);
  return toImages(values, noise.shape[0]!, sampleShape);
}

const MAX_PREDICTION_IMAGES = 300;

/** Images of the validation samples an evaluation refers to, captioned `#<index>` so the UI can match them. */
export function predictionSamples(tf: Tf, x: tfjs.Tensor, sampleShape: number[], evaluation: Evaluation): SampleImage[] {
  const wanted = new Set<number>(evaluation.predictions.map((p) => p.index));
  for (const list of Object.values(evaluation.examples ?? {})) for (const i of list) wanted.add(i);
  const indices = [...wanted].sort((a, b) => a - b).slice(0, MAX_PREDICTION_IMAGES);
  if (indices.length === 0) return [];
  const values = tf.tidy(() => tf.gather(x, tf.tensor1d(indices, 'int32')).dataSync() as Float32Array);
  return toImages(values, indices.length, sampleShape, (i) => `#${indices[i]}`);
}
