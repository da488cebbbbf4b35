// PretrainedModel: a small trained CNN saved to disk, reused cut at its Flatten under a new Dense head — summary,
// validation, loading, frozen training, ONNX parity, clear errors — plus a recurrent base emitted inline.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileModel } from '../../electron/engine/compile.js';
import { loadLayersModel, saveLayersModel } from '../../electron/engine/model-io.js';
import { exportOnnx } from '../../electron/engine/onnx/export.js';
import { randomInputs, verifyOnnx } from '../../electron/engine/onnx/verify.js';
import { describePretrained, loadPretrainedFor, PretrainedError } from '../../electron/engine/pretrained.js';
import type { Project } from '../../shared/project.js';
import { validate } from '../../shared/validate.js';
import { chainProject } from '../helpers/graph.js';
import { cpuTf } from '../helpers/tf.js';

const MSE = { training: { loss: 'meanSquaredError' } } as unknown as Partial<Project>;
const SUMMARY = { inputShape: [8, 8, 1], outputShape: [144], paramCount: 56 };

let dir: string;
let tf: typeof tfjs;

/** A small CNN (56 parameters up to its Flatten) whose conv layer is named 'head', like the outer head node below,
 * to prove names cannot clash. */
function cnn(): tfjs.LayersModel {
  const input = tf.input({ shape: [8, 8, 1], name: 'image' });
  const conv = tf.layers.conv2d({
    name: 'head', filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
  }).apply(input) as tfjs.SymbolicTensor;
  // BatchNormalization and Dropout: a frozen base must keep its moving statistics and run without dropout.
  const norm = tf.layers.batchNormalization({ name: 'norm' }).apply(conv) as tfjs.SymbolicTensor;
  const drop = tf.layers.dropout({ name: 'drop', rate: 0.5 }).apply(norm) as tfjs.SymbolicTensor;
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(drop) as tfjs.SymbolicTensor;
  const out = tf.layers.dense({
    name: 'classes', units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
  }).apply(flat) as tfjs.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'cnn' });
}

async function trainAndSave(model: tfjs.LayersModel, folder: string): Promise<void> {
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const x = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 3);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 10), 'int32'), 10);
  await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
  tf.dispose([x, y]);
  await saveLayersModel(tf, model, folder);
}

beforeAll(async () => {
  tf = await cpuTf();
  dir = await mkdtemp(path.join(tmpdir(), 'layerloom-pretrained-'));
  const base = cnn();
  await trainAndSave(base, path.join(dir, 'cnn'));
  // A trained Layerloom artifact folder with two models, the project listing 'main' first.
  await saveLayersModel(tf, base, path.join(dir, 'run', 'models', 'main'));
  await saveLayersModel(tf, base, path.join(dir, 'run', 'models', 'aux'));
  await writeFile(path.join(dir, 'run', 'project.layerloom.json'), JSON.stringify({ models: { main: {}, aux: {} } }));
  base.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Input [8, 8, 1] → PretrainedModel 'backbone' (cut at flatten) → Dense 'head' (3, softmax) → Output. */
function transferProject(params: Record<string, unknown> = {}, input = [8, 8, 1]): Project {
  return chainProject([input], [
    { kind: 'PretrainedModel', id: 'base', label: 'backbone', params: { path: 'cnn', cutAt: 'flatten', ...SUMMARY, ...params } },
    { kind: 'Dense', id: 'head', params: { units: 3, activation: 'softmax' } },
  ], MSE);
}

const snapshot = (weights: tfjs.LayerVariable[]) => weights.map((w) => Buffer.from(w.read().dataSync().slice().buffer));

describe('describePretrained', () => {
  test('summarises the base at the cut and lists the cut points', async () => {
    const d = await describePretrained(tf, 'cnn', dir, '', 'flatten');
    expect({ inputShape: d.inputShape, outputShape: d.outputShape, paramCount: d.paramCount }).toEqual(SUMMARY);
    expect(d.layers).toEqual([
      { name: 'head', className: 'Conv2D', outputShape: [6, 6, 4] },
      { name: 'norm', className: 'BatchNormalization', outputShape: [6, 6, 4] },
      { name: 'drop', className: 'Dropout', outputShape: [6, 6, 4] },
      { name: 'flatten', className: 'Flatten', outputShape: [144] },
      { name: 'classes', className: 'Dense', outputShape: [10] },
    ]);
    expect(d.modelJson).toBe(path.join(dir, 'cnn', 'model.json'));
    const whole = await describePretrained(tf, path.join(dir, 'cnn', 'model.json'), '/elsewhere');
    expect([whole.outputShape, whole.paramCount]).toEqual([[10], 56 + 1450]);
  });

  test('reads a trained Layerloom artifact folder: the first model by default, or the named one', async () => {
    const d = await describePretrained(tf, 'run', dir);
    expect(d.models).toEqual(['main', 'aux']);
    expect(d.modelJson).toBe(path.join(dir, 'run', 'models', 'main', 'model.json'));
    expect((await describePretrained(tf, 'run', dir, 'aux')).modelJson).toBe(path.join(dir, 'run', 'models', 'aux', 'model.json'));
    await expect(describePretrained(tf, 'run', dir, 'nope')).rejects.toThrow(/has no trained model 'nope' \(it has main, aux\)/);
  });

  test('refuses URLs, missing files and unknown cut points', async () => {
    await expect(describePretrained(tf, 'https://example.com/model.json', dir)).rejects.toThrow(/is a URL: give a file path/);
    await expect(describePretrained(tf, 'missing', dir)).rejects.toThrow(/missing: no such file or folder/);
    await expect(describePretrained(tf, 'cnn', dir, '', 'conv9')).rejects.toThrow(/has no layer 'conv9' to cut at \(its layers: head, norm, drop, flatten, classes\)/);
  });
});

describe('validation works from the recorded summary', () => {
  test('shape and parameter count', () => {
    const report = validate(transferProject()).models.main!;
    expect(report.shapes.base).toEqual([null, 144]);
    expect(report.nodeParams.base).toEqual({ trainable: 0, nonTrainable: 56 });
    expect(validate(transferProject({ trainable: true })).models.main!.nodeParams.base).toEqual({ trainable: 56, nonTrainable: 0 });
  });

  test('a wrong input shape names the fix', () => {
    const errors = validate(transferProject({}, [64])).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.code, e.node])).toEqual([['SHAPE_MISMATCH', 'base']]);
    expect(errors[0]!.message).toBe("PretrainedModel 'backbone' expects the base model's input [null, 8, 8, 1], got [null, 64]: add a Reshape to [8, 8, 1] before it");
  });

  test('sizes the base leaves open are recorded as -1 and infer as null', () => {
    const project = chainProject([[7, 3]], [
      { kind: 'PretrainedModel', id: 'enc', params: { path: 'rnn', inputShape: [-1, 3], outputShape: [-1, 4], paramCount: 64 } },
      { kind: 'Dense', params: { units: 2 } },
    ], MSE);
    const result = validate(project);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.models.main!.shapes.enc).toEqual([null, null, 4]);
  });

  test('no file chosen yet', () => {
    const errors = validate(transferProject({ path: '', inputShape: [], outputShape: [], paramCount: 0 })).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.code)).toEqual(['BAD_PARAM']);
    expect(errors[0]!.message).toMatch(/PretrainedModel 'backbone' has no base model: choose a tfjs model.json/);
  });
});

describe('loading, training and export', () => {
  test('frozen base: training changes the head only, bit for bit; ONNX matches; the model saves and reloads', async () => {
    const project = transferProject();
    const pretrained = await loadPretrainedFor(tf, project, 'main', dir);
    const compiled = compileModel(tf, project, 'main', { seed: 4, pretrained });
    const { model } = compiled;
    const base = model.getLayer('base') as unknown as tfjs.LayersModel;
    expect(base).toBe(pretrained.get('base'));
    // Names are prefixed with the node's, so the base's 'head' conv cannot clash with the outer 'head' Dense.
    expect(base.layers.map((l) => l.name)).toEqual(['base__image', 'base__head', 'base__norm', 'base__drop', 'base__flatten']);
    const names = model.weights.map((w) => w.originalName);
    expect(new Set(names).size).toBe(names.length);
    expect(model.trainableWeights.map((w) => w.originalName)).toEqual(['head/kernel', 'head/bias']);

    const baseBefore = snapshot(base.weights);
    const headBefore = snapshot(model.getLayer('head').weights);
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    const x = tf.randomUniform([12, 8, 8, 1], 0, 1, 'float32', 5);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 12 }, (_, i) => i % 3), 'int32'), 3);
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0 });
    expect((history.history.loss as number[]).every(Number.isFinite)).toBe(true);
    snapshot(base.weights).forEach((w, i) => expect(w.equals(baseBefore[i]!), base.weights[i]!.originalName).toBe(true));
    expect(snapshot(model.getLayer('head').weights).some((w, i) => !w.equals(headBefore[i]!))).toBe(true);

    for (const opset of [13, 17]) {
      const exported = exportOnnx(project, 'main', compiled, { opset, pretrained });
      const { maxAbsDiff } = await verifyOnnx(tf, model, exported, randomInputs(exported.inputs, 3, 9));
      expect(maxAbsDiff, `opset ${opset}`).toBeLessThanOrEqual(1e-5);
    }

    const saved = path.join(dir, 'saved-transfer');
    await saveLayersModel(tf, model, saved);
    const reloaded = await loadLayersModel(tf, saved);
    const a = model.predict(x) as tfjs.Tensor;
    const b = reloaded.predict(x) as tfjs.Tensor;
    expect(Buffer.from(b.dataSync().buffer).equals(Buffer.from(a.dataSync().buffer))).toBe(true);
    tf.dispose([x, y, a, b]);
    reloaded.dispose();
    model.dispose();
  });

  test('trainable = true fine-tunes the base as well', async () => {
    const project = transferProject({ trainable: true });
    const pretrained = await loadPretrainedFor(tf, project, 'main', dir);
    const { model } = compileModel(tf, project, 'main', { seed: 4, pretrained });
    const base = pretrained.get('base')!;
    expect(model.trainableWeights).toHaveLength(6); // conv kernel, bias; norm gamma, beta; head kernel, bias
    const before = snapshot(base.weights);
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const x = tf.randomUniform([8, 8, 8, 1], 0, 1, 'float32', 6);
    const y = tf.randomUniform([8, 3], 0, 1, 'float32', 7);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    expect(snapshot(base.weights).some((w, i) => !w.equals(before[i]!))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  test('the compiler asks for a loaded base instead of failing obscurely', async () => {
    expect(() => compileModel(tf, transferProject(), 'main')).toThrow(/PretrainedModel 'backbone': its base model 'cnn' is not loaded/);
  });

  test('a Sequential base (the usual saved tfjs model) cuts, trains and exports', async () => {
    const seq = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 3, kernelSize: 3, activation: 'relu', name: 'c1' }),
      tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 10, name: 'logits' }),
    ] });
    await saveLayersModel(tf, seq, path.join(dir, 'seq'));
    seq.dispose();
    const d = await describePretrained(tf, 'seq', dir, '', 'flat');
    expect(d.layers.map((l) => l.name)).toEqual(['c1', 'pool', 'flat', 'logits']);
    expect([d.inputShape, d.outputShape, d.paramCount]).toEqual([[8, 8, 1], [27], 30]);
    const project = chainProject([[8, 8, 1]], [
      { kind: 'PretrainedModel', id: 'seq', params: { path: 'seq', cutAt: 'flat', inputShape: d.inputShape, outputShape: d.outputShape, paramCount: d.paramCount } },
      { kind: 'Dense', params: { units: 2 } },
    ], MSE);
    const pretrained = await loadPretrainedFor(tf, project, 'main', dir);
    const compiled = compileModel(tf, project, 'main', { seed: 1, pretrained });
    compiled.model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.randomUniform([4, 8, 8, 1]);
    const y = tf.randomUniform([4, 2]);
    await compiled.model.fit(x, y, { epochs: 1, verbose: 0 });
    const exported = exportOnnx(project, 'main', compiled, { opset: 13, pretrained });
    const { maxAbsDiff } = await verifyOnnx(tf, compiled.model, exported, randomInputs(exported.inputs, 3, 4));
    expect(maxAbsDiff).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, y]);
    compiled.model.dispose();
  });

  test('a recurrent base (LSTM → GRU) exports inline and matches ONNX Runtime', async () => {
    const input = tf.input({ shape: [6, 3], name: 'seq' });
    const h1 = tf.layers.lstm({ name: 'enc', units: 5, returnSequences: true, goBackwards: true }).apply(input) as tfjs.SymbolicTensor;
    const h2 = tf.layers.gru({ name: 'enc2', units: 4, recurrentActivation: 'sigmoid' }).apply(h1) as tfjs.SymbolicTensor;
    const out = tf.layers.dense({ name: 'cls', units: 2 }).apply(h2) as tfjs.SymbolicTensor;
    const rnnBase = tf.model({ inputs: input, outputs: out });
    await saveLayersModel(tf, rnnBase, path.join(dir, 'rnn'));
    rnnBase.dispose();
    const summary = await describePretrained(tf, 'rnn', dir, '', 'enc2');
    const project = chainProject([[6, 3]], [
      { kind: 'PretrainedModel', id: 'enc', params: { path: 'rnn', cutAt: 'enc2', inputShape: summary.inputShape, outputShape: summary.outputShape, paramCount: summary.paramCount } },
      { kind: 'Dense', params: { units: 2 } },
    ], MSE);
    const pretrained = await loadPretrainedFor(tf, project, 'main', dir);
    const compiled = compileModel(tf, project, 'main', { seed: 1, pretrained });
    for (const opset of [13, 17]) {
      const exported = exportOnnx(project, 'main', compiled, { opset, pretrained });
      const { maxAbsDiff } = await verifyOnnx(tf, compiled.model, exported, randomInputs(exported.inputs, 3, 2));
      expect(maxAbsDiff, `opset ${opset}`).toBeLessThanOrEqual(1e-5);
    }
    compiled.model.dispose();
  });
});

describe('load errors name the node and the fix', () => {
  async function loadError(params: Record<string, unknown>): Promise<PretrainedError> {
    const e = await loadPretrainedFor(tf, transferProject(params), 'main', dir).then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(PretrainedError);
    expect((e as PretrainedError).node).toBe('base');
    return e as PretrainedError;
  }

  test('a missing file', async () => {
    const e = await loadError({ path: 'gone/model.json' });
    expect(e.message).toMatch(/^PretrainedModel 'backbone': cannot load its base model: .*gone\/model\.json: no such file or folder: choose the file again$/);
  });

  test('a file that no longer matches the recorded summary', async () => {
    const e = await loadError({ paramCount: 41, outputShape: [100] });
    expect(e.message).toMatch(/^PretrainedModel 'backbone': its base model .*cnn\/model\.json no longer matches the summary recorded when it was chosen \(output \[144\], recorded \[100\]; 56 parameters, recorded 41\): choose the file again to refresh it$/);
  });

  test('a cut point that is gone', async () => {
    const e = await loadError({ cutAt: 'flatten_1' });
    expect(e.message).toMatch(/^PretrainedModel 'backbone': the base model has no layer 'flatten_1' to cut at \(its layers: head, norm, drop, flatten, classes\)/);
  });
});
