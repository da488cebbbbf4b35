// The training loop: supervised, autoencoder and GAN. Emits the events of shared/events.ts, honours stop/pause,
// early stopping, learning-rate schedules and NaN checks, and writes the trained artifact atomically at the end.
import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingEvent } from '../../../shared/events.js';
import type { Project } from '../../../shared/project.js';
import { seededPermutation } from '../../../shared/random.js';
import { learningRateAt } from '../../../shared/schedule.js';
import { modelIO, validate } from '../../../shared/validate.js';
import type { BackendName } from '../backend/index.js';
import { compileModel, CompileError, type CompiledModel } from '../compile.js';
import { loadDataset, type LoadedDataset } from '../data/index.js';
import { loadPretrainedFor } from '../pretrained.js';
import { evaluateClassifier, ganSamples, predictionSamples, reconstructionSamples } from './evaluate.js';
import { makeOptimizer } from './optimizers.js';
import { ArtifactWriter } from './artifact.js';

type Tf = typeof tfjs;

export interface TrainOptions {
  /** Folder that relative dataset/model paths are resolved against (the project file's folder). */
  baseDir: string;
  epochs?: number;
  seed?: number;
  /** Artifact folder to write (§6); none when undefined. */
  out?: string;
}

/** How the caller steers a run (stop, pause) while it is going. */
export interface RunControl {
  stopRequested(): boolean;
  /** Resolves when the run may continue (immediately unless paused). */
  whilePaused(): Promise<void>;
  /** Set by the caller to request a checkpoint at the next epoch end. */
  checkpointRequested?(): boolean;
}

export const NO_CONTROL: RunControl = { stopRequested: () => false, whilePaused: async () => {} };

/** An error that means "bad input" (exit code 2 in the CLI), as opposed to a training failure. */
export class InputError extends Error {
  constructor(message: string, readonly node?: string) {
    super(message);
  }
}

const BATCH_EVENT_INTERVAL_MS = 100;

export async function train(
  tf: Tf, backend: BackendName, project: Project, options: TrainOptions,
  emit: (e: TrainingEvent) => void, control: RunControl = NO_CONTROL,
): Promise<TrainingEvent & { event: 'done' }> {
  const result = validate(project);
  const firstError = result.diagnostics.find((d) => d.severity === 'error');
  if (firstError) throw new InputError(firstError.message, firstError.node);
  if (!project.dataset) throw new InputError('the project has no dataset: choose one in the Dataset panel (dataset.source)');
  const training = { ...project.training, epochs: options.epochs ?? project.training.epochs, seed: options.seed ?? project.training.seed };
  const artifact = new ArtifactWriter(options.out, project);
  const send = (e: TrainingEvent) => {
    artifact.record(e);
    emit(e);
  };
  const pretrained = new Map<string, tfjs.LayersModel>();
  for (const name of Object.keys(project.models)) {
    try {
      for (const [id, m] of await loadPretrainedFor(tf, project, name, options.baseDir)) pretrained.set(id, m);
    } catch (e) {
      if (e instanceof CompileError) throw new InputError(e.message, e.node);
      throw e;
    }
  }
  const compileOne = (name: string) => {
    try {
      return compileModel(tf, project, name, { seed: training.seed, pretrained });
    } catch (e) {
      if (e instanceof CompileError) throw new InputError(e.message, e.node);
      throw e;
    }
  };

  const models: Record<string, tfjs.LayersModel> = {};
  const checkpoint = async (epoch: number) => {
    const where = await artifact.checkpoint(tf, models, epoch);
    send({ event: 'status', state: 'checkpoint', detail: where ? `checkpoint saved: ${where}` : 'no checkpoint: this run has no output folder' });
  };
  try {
    if (training.kind === 'gan') {
      const generator = compileOne('generator');
      const discriminator = compileOne('discriminator');
      Object.assign(models, { generator: generator.model, discriminator: discriminator.model });
      const data = await load(project, discriminator, options.baseDir, 'gan');
      const done = await trainGan(tf, backend, project, training, { generator, discriminator }, data, send, control, checkpoint);
      await artifact.finish(tf, models, done, send);
      return done;
    }
    const modelName = Object.keys(project.models)[0]!;
    const compiled = compileOne(modelName);
    models[modelName] = compiled.model;
    const data = await load(project, compiled, options.baseDir, training.kind);
    const done = await trainSupervised(tf, backend, project, training, compiled, data, send, control, checkpoint);
    await artifact.finish(tf, models, done, send);
    return done;
  } catch (e) {
    await artifact.abort();
    throw e;
  } finally {
    disposeAll(tf, Object.values(models));
  }
}

function disposeAll(tf: Tf, models: tfjs.LayersModel[]): void {
  for (const m of models) m.dispose();
  tf.disposeVariables();
}

async function load(project: Project, compiled: CompiledModel, baseDir: string, kind: 'supervised' | 'autoencoder' | 'gan'): Promise<LoadedDataset> {
  const model = project.models[compiled.model.name] ?? Object.values(project.models)[0]!;
  const io = modelIO(model, compiled.report);
  if (io.inputs.length !== 1 || io.outputs.length !== 1) {
    throw new InputError('training needs a model with exactly one Input and one Output (multi-input models can be exported but not trained yet)');
  }
  try {
    return await loadDataset(project.dataset!, {
      baseDir, kind, loss: project.training.loss,
      inputShape: io.inputs[0]!.slice(1) as number[], outputShape: io.outputs[0]!.slice(1) as number[],
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

type Training = Project['training'];

/**
 * The shuffled mini-batches (sample indices) of one epoch. Between batches it waits while paused, ends early when a
 * stop is requested, and yields to the event loop so that control messages are read.
 */
async function* epochBatches(n: number, batchSize: number, seed: number, control: RunControl, count = Math.ceil(n / batchSize)): AsyncGenerator<Int32Array> {
  const order = seededPermutation(n, seed);
  for (let b = 0; b < count; b++) {
    await control.whilePaused();
    if (control.stopRequested()) return;
    yield order.subarray(b * batchSize, Math.min((b + 1) * batchSize, n));
    await new Promise((r) => setImmediate(r));
  }
}

interface Tensors {
  x: tfjs.Tensor;
  y: tfjs.Tensor;
}

function toTensors(tf: Tf, split: { x: Float32Array; y: Float32Array; n: number }, data: LoadedDataset): Tensors {
  return { x: tf.tensor(split.x, [split.n, ...data.xShape]), y: tf.tensor(split.y, [split.n, ...data.yShape]) };
}

const METRIC_NAME: Record<string, string> = { acc: 'accuracy', accuracy: 'accuracy', mse: 'mse', mae: 'mae', meanSquaredError: 'mse', meanAbsoluteError: 'mae' };

function metricNames(model: tfjs.LayersModel): string[] {
  return model.metricsNames.map((n) => (n === 'loss' ? 'loss' : METRIC_NAME[n] ?? n));
}

async function trainSupervised(
  tf: Tf, backend: BackendName, project: Project, training: Training, compiled: CompiledModel, data: LoadedDataset,
  send: (e: TrainingEvent) => void, control: RunControl, checkpoint: (epoch: number) => Promise<void>,
): Promise<TrainingEvent & { event: 'done' }> {
  const { model } = compiled;
  const optimizer = makeOptimizer(tf, training.optimizer);
  model.compile({ optimizer, loss: training.loss, metrics: training.metrics });
  const names = metricNames(model);
  const train = toTensors(tf, data.train, data);
  const val = data.val.n > 0 ? toTensors(tf, data.val, data) : undefined;
  const batchSize = Math.min(training.batchSize, data.train.n);
  const batches = Math.ceil(data.train.n / batchSize);
  send({
    event: 'start', backend, params: model.countParams(), samples: data.train.n, validationSamples: data.val.n,
    epochs: training.epochs, batchesPerEpoch: batches,
  });

  let metrics: Record<string, number> = {};
  let best = Infinity;
  let sinceBest = 0;
  let stopped = false;
  let lastBatchEvent = 0;
  for (let epoch = 0; epoch < training.epochs && !stopped; epoch++) {
    const started = performance.now();
    const lr = learningRateAt(training, epoch);
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
    const sums = new Array<number>(names.length).fill(0);
    let seen = 0;
    let b = -1;
    for await (const idx of epochBatches(data.train.n, batchSize, training.seed * 1009 + epoch, control)) {
      b++;
      const [bx, by] = tf.tidy(() => {
        const i = tf.tensor1d(idx, 'int32');
        return [tf.gather(train.x, i), tf.gather(train.y, i)];
      });
      const out = await model.trainOnBatch(bx!, by!);
      tf.dispose([bx!, by!]);
      const values = Array.isArray(out) ? out : [out];
      if (!values.every(Number.isFinite)) {
        throw new Error(`the loss became NaN at epoch ${epoch + 1}, batch ${b + 1}: lower the learning rate (now ${lr}) or check the data scaling`);
      }
      values.forEach((v, i) => (sums[i]! += v * idx.length));
      seen += idx.length;
      const now = performance.now();
      if (now - lastBatchEvent >= BATCH_EVENT_INTERVAL_MS || b === batches - 1) {
        lastBatchEvent = now;
        send({ event: 'batch', epoch, batch: b, batches, metrics: Object.fromEntries(names.map((n, i) => [n, values[i]!])) });
      }
    }
    stopped = control.stopRequested();
    if (seen === 0) break;
    metrics = Object.fromEntries(names.map((n, i) => [n, sums[i]! / seen]));
    if (val) {
      const ev = model.evaluate(val.x, val.y, { batchSize: 256 });
      const scalars = Array.isArray(ev) ? ev : [ev];
      const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]!));
      tf.dispose(scalars);
      names.forEach((n, i) => (metrics[`val_${n}`] = values[i]!));
    }
    send({ event: 'epoch', epoch, epochs: training.epochs, metrics, seconds: (performance.now() - started) / 1000, learningRate: lr });
    if (training.kind === 'autoencoder' && val) {
      send({ event: 'sample', kind: 'reconstruction', epoch, images: reconstructionSamples(tf, model, val.x, data.xShape, 8) });
    }
    if (training.earlyStopping) {
      const monitored = metrics[training.earlyStopping.monitor] ?? metrics.loss!;
      if (monitored < best - 1e-7) {
        best = monitored;
        sinceBest = 0;
      } else if (++sinceBest >= training.earlyStopping.patience) {
        send({ event: 'status', state: 'stopping', detail: `early stopping: ${training.earlyStopping.monitor} has not improved for ${sinceBest} epochs` });
        stopped = true;
      }
    }
    if (control.checkpointRequested?.()) await checkpoint(epoch);
  }
  const evaluation = val && training.kind === 'supervised' && data.numClasses > 0 ? evaluateClassifier(tf, model, val.x, data) : undefined;
  if (evaluation && val) {
    // Pictures of the samples the results show (predictions, confusion-matrix examples), captioned by index.
    const images = predictionSamples(tf, val.x, data.xShape, evaluation);
    if (images.length > 0) send({ event: 'sample', kind: 'prediction', images });
  }
  tf.dispose([train.x, train.y, ...(val ? [val.x, val.y] : [])]);
  optimizer.dispose();
  return { event: 'done', metrics, out: '', stopped, ...(evaluation ? { evaluation } : {}) };
}

async function trainGan(
  tf: Tf, backend: BackendName, project: Project, training: Training,
  models: { generator: CompiledModel; discriminator: CompiledModel }, data: LoadedDataset,
  send: (e: TrainingEvent) => void, control: RunControl, checkpoint: (epoch: number) => Promise<void>,
): Promise<TrainingEvent & { event: 'done' }> {
  const G = models.generator.model;
  const D = models.discriminator.model;
  const latentShape = G.inputs[0]!.shape.slice(1) as number[];
  const gOpt = makeOptimizer(tf, training.optimizer);
  const dOpt = makeOptimizer(tf, training.discriminatorOptimizer ?? training.optimizer);
  const real = tf.tensor(data.train.x, [data.train.n, ...data.xShape]);
  const batchSize = Math.min(training.batchSize, data.train.n);
  const batches = Math.floor(data.train.n / batchSize) || 1;
  const fixedNoise = tf.randomNormal([16, ...latentShape], 0, 1, 'float32', training.seed + 17);
  send({ event: 'start', backend, params: G.countParams() + D.countParams(), samples: data.train.n, epochs: training.epochs, batchesPerEpoch: batches });
  const gVars = G.trainableWeights.map((w) => (w as unknown as { val: tfjs.Variable }).val);
  const dVars = D.trainableWeights.map((w) => (w as unknown as { val: tfjs.Variable }).val);
  const bce = (pred: tfjs.Tensor, target: number) => tf.losses.logLoss(tf.fill(pred.shape, target), pred);
  let metrics: Record<string, number> = {};
  let stopped = false;
  let lastBatchEvent = 0;
  let step = 0;
  for (let epoch = 0; epoch < training.epochs && !stopped; epoch++) {
    const started = performance.now();
    const lr = learningRateAt(training, epoch);
    (gOpt as unknown as { learningRate: number }).learningRate = lr;
    // The discriminator follows the same schedule, relative to its own base rate.
    const dBase = (training.discriminatorOptimizer ?? training.optimizer).learningRate;
    (dOpt as unknown as { learningRate: number }).learningRate = lr * (dBase / training.optimizer.learningRate);
    let dSum = 0;
    let gSum = 0;
    let seen = 0;
    let b = -1;
    // Whole batches only: a last, tiny batch would give the discriminator a noisy step.
    for await (const idx of epochBatches(data.train.n, batchSize, training.seed * 1009 + epoch, control, batches)) {
      b++;
      const n = idx.length;
      const seed = training.seed * 7919 + step++;
      const dLoss = tf.tidy(() => {
        const xb = tf.gather(real, tf.tensor1d(idx, 'int32'));
        const z = tf.randomNormal([n, ...latentShape], 0, 1, 'float32', seed);
        const fake = G.apply(z, { training: true }) as tfjs.Tensor;
        const cost = dOpt.minimize(() => {
          const pr = D.apply(xb, { training: true }) as tfjs.Tensor;
          const pf = D.apply(fake, { training: true }) as tfjs.Tensor;
          // One-sided label smoothing (0.9) keeps the discriminator from overpowering the generator early.
          return tf.add(bce(pr, 0.9), bce(pf, 0)) as tfjs.Scalar;
        }, true, dVars)!;
        return cost.dataSync()[0]!;
      });
      const gLoss = tf.tidy(() => {
        const z = tf.randomNormal([n, ...latentShape], 0, 1, 'float32', seed + 1_000_003);
        const cost = gOpt.minimize(() => bce(D.apply(G.apply(z, { training: true }) as tfjs.Tensor, { training: true }) as tfjs.Tensor, 1) as tfjs.Scalar, true, gVars)!;
        return cost.dataSync()[0]!;
      });
      if (!Number.isFinite(dLoss) || !Number.isFinite(gLoss)) {
        throw new Error(`the GAN loss became NaN at epoch ${epoch + 1}, batch ${b + 1}: lower the learning rate`);
      }
      dSum += dLoss * n;
      gSum += gLoss * n;
      seen += n;
      const now = performance.now();
      if (now - lastBatchEvent >= BATCH_EVENT_INTERVAL_MS || b === batches - 1) {
        lastBatchEvent = now;
        send({ event: 'batch', epoch, batch: b, batches, metrics: { d_loss: dLoss, g_loss: gLoss } });
      }
    }
    stopped = control.stopRequested();
    if (seen === 0) break;
    metrics = { d_loss: dSum / seen, g_loss: gSum / seen };
    send({ event: 'epoch', epoch, epochs: training.epochs, metrics, seconds: (performance.now() - started) / 1000, learningRate: lr });
    send({ event: 'sample', kind: 'gan', epoch, images: ganSamples(tf, G, fixedNoise, data.xShape) });
    if (control.checkpointRequested?.()) await checkpoint(epoch);
  }
  tf.dispose([real, fixedNoise]);
  gOpt.dispose();
  dOpt.dispose();
  return { event: 'done', metrics, out: '', stopped };
}
