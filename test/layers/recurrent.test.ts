// Recurrent kinds (SimpleRNN, LSTM, GRU, Bidirectional): shape errors as the editor shows them, stacked graphs
// through ONNX Runtime (including long sequences), and a training step of every kind on the cpu backend.
import onnxPkg from 'onnx-proto';
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../electron/engine/compile.js';
import { exportOnnx } from '../../electron/engine/onnx/export.js';
import { randomInputs, verifyOnnx } from '../../electron/engine/onnx/verify.js';
import type { Project } from '../../shared/project.js';
import { validate } from '../../shared/validate.js';
import { chainProject, type ChainLayer } from '../helpers/graph.js';
import { cpuTf, randomizeWeights } from '../helpers/tf.js';

// A regression loss keeps the project-level loss check quiet whatever the output size.
const MSE = { training: { loss: 'meanSquaredError' } } as unknown as Partial<Project>;

function errorsOf(inputs: number[][], layers: ChainLayer[]) {
  return validate(chainProject(inputs, layers, MSE)).diagnostics.filter((d) => d.severity === 'error');
}

describe('shape and param errors name the fix', () => {
  test.each(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional'])('%s on a flat vector asks for a Reshape', (kind) => {
    const errors = errorsOf([[64]], [{ kind, id: 'r', label: 'rnn' }]);
    expect(errors.map((e) => [e.code, e.node])).toEqual([['SHAPE_MISMATCH', 'r']]);
    expect(errors[0]!.message).toBe(
      `${kind} 'rnn' expects a rank-3 input [batch, steps, features], got [null, 64]: add a Reshape to [steps, features] ` +
        'before it (e.g. [64, 1]); after another recurrent layer, set its returnSequences so it passes on every step',
    );
  });

  test('an image input suggests reading rows', () => {
    const [error] = errorsOf([[8, 8, 1]], [{ kind: 'LSTM', label: 'rows' }]);
    expect(error!.code).toBe('SHAPE_MISMATCH');
    expect(error!.message).toMatch(/^LSTM 'rows' expects a rank-3 input .*got \[null, 8, 8, 1\]: add a Reshape to \[steps, features\] before it \(e\.g\. \[8, 8\]/);
  });

  test('stacking without returnSequences points at the layer before', () => {
    const errors = errorsOf([[6, 3]], [{ kind: 'LSTM', id: 'a' }, { kind: 'GRU', id: 'b', label: 'second' }]);
    expect(errors.map((e) => e.node)).toEqual(['b']);
    expect(errors[0]!.message).toMatch(/GRU 'second' .*got \[null, 32\].*set its returnSequences/);
  });

  test('GRU resetAfter = true is refused with the reason', () => {
    const [error] = errorsOf([[6, 3]], [{ kind: 'GRU', label: 'g', params: { resetAfter: true } }]);
    expect(error!.code).toBe('BAD_PARAM');
    expect(error!.message).toMatch(/GRU 'g' has resetAfter = true, which tfjs-layers cannot train: set resetAfter to false/);
  });

  test('activations without an ONNX recurrent form are not accepted', () => {
    const [error] = errorsOf([[6, 3]], [{ kind: 'LSTM', params: { activation: 'gelu' } }]);
    expect(error!.code).toBe('BAD_PARAM');
    expect(error!.field).toBe('activation');
  });

  test('shapes and counts follow the params', () => {
    const project = chainProject([[7, 3]], [
      { kind: 'Bidirectional', id: 'bi', params: { layer: 'GRU', units: 4, returnSequences: true } },
      { kind: 'LSTM', id: 'lstm', params: { units: 5, returnSequences: true } },
      { kind: 'Bidirectional', id: 'sum', params: { layer: 'SimpleRNN', units: 2, mergeMode: 'sum' } },
    ], MSE);
    const report = validate(project).models.main!;
    expect(report.shapes.bi).toEqual([null, 7, 8]);
    expect(report.shapes.lstm).toEqual([null, 7, 5]);
    expect(report.shapes.sum).toEqual([null, 2]);
    expect(report.nodeParams.bi!.trainable).toBe(2 * 3 * (3 * 4 + 4 * 4 + 4));
    expect(report.nodeParams.lstm!.trainable).toBe(4 * (8 * 5 + 5 * 5 + 5));
  });
});

/** Node op types of an exported model. */
function opTypes(bytes: Uint8Array): string[] {
  return onnxPkg.onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType!);
}

/** Compiles, randomises the weights, exports at opsets 13 and 17 and compares ONNX Runtime with tfjs. */
async function exportMatches(inputs: number[][], layers: ChainLayer[], tolerance = 1e-5, seed = 5) {
  const tf = await cpuTf();
  const project = chainProject(inputs, layers, MSE);
  expect(validate(project).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const compiled = compileModel(tf, project, 'main', { seed: 1 });
  randomizeWeights(compiled.model, seed);
  const ops: string[][] = [];
  for (const opset of [13, 17]) {
    const exported = exportOnnx(project, 'main', compiled, { opset });
    const { maxAbsDiff } = await verifyOnnx(tf, compiled.model, exported, randomInputs(exported.inputs, 4, 7));
    expect(maxAbsDiff, `opset ${opset}`).toBeLessThanOrEqual(tolerance);
    ops.push(opTypes(exported.bytes));
  }
  compiled.model.dispose();
  return ops[0]!;
}

describe('combined graphs match ONNX Runtime', () => {
  test('LSTM(returnSequences) → LSTM → Dense, with the layout Transposes between the LSTMs cancelled', async () => {
    const ops = await exportMatches([[6, 3]], [
      { kind: 'LSTM', params: { units: 5, returnSequences: true } },
      { kind: 'LSTM', params: { units: 4 } },
      { kind: 'Dense', params: { units: 2 } },
    ]);
    expect(ops.filter((o) => o === 'LSTM')).toHaveLength(2);
    // One Transpose into the first LSTM; the pair between the two LSTMs cancels.
    expect(ops.filter((o) => o === 'Transpose')).toHaveLength(1);
  });

  test('Bidirectional GRU → SimpleRNN(goBackwards) → Bidirectional LSTM(ave) → Dense', async () => {
    await exportMatches([[5, 4]], [
      { kind: 'Bidirectional', params: { layer: 'GRU', units: 3, returnSequences: true } },
      { kind: 'SimpleRNN', params: { units: 4, returnSequences: true, goBackwards: true } },
      { kind: 'Bidirectional', params: { layer: 'LSTM', units: 3, mergeMode: 'ave', returnSequences: true } },
      { kind: 'GRU', params: { units: 2, goBackwards: true } },
      { kind: 'Dense', params: { units: 3, activation: 'softmax' } },
    ]);
  });

  test('Conv1D features → GRU(returnSequences) → GlobalAveragePooling1D', async () => {
    await exportMatches([[9, 2]], [
      { kind: 'Conv1D', params: { filters: 4, kernelSize: 3, activation: 'relu' } },
      { kind: 'GRU', params: { units: 4, returnSequences: true, recurrentActivation: 'sigmoid' } },
      { kind: 'GlobalAveragePooling1D' },
    ]);
  });

  // 64 steps of 16 units: the recurrence compounds float32 rounding, yet it stays within 1e-5 here.
  test.each(['LSTM', 'GRU', 'SimpleRNN'])('a long sequence (%s, 64 steps) stays within 1e-5', async (kind) => {
    await exportMatches([[64, 3]], [{ kind, params: { units: 16, returnSequences: true } }]);
  });
});

describe('every recurrent kind trains a step on the cpu backend', () => {
  test.each([
    ['SimpleRNN', {}],
    ['LSTM', { unitForgetBias: true }],
    ['GRU', {}],
    ['Bidirectional', { layer: 'LSTM' }],
    ['Bidirectional', { layer: 'GRU', mergeMode: 'mul', returnSequences: true }],
  ] as const)('%s %j', async (kind, params) => {
    const tf = await cpuTf();
    const layers: ChainLayer[] = [{ kind, params: { units: 4, ...params } }];
    if ('returnSequences' in params) layers.push({ kind: 'Flatten' });
    layers.push({ kind: 'Dense', params: { units: 1 } });
    const project = chainProject([[5, 3]], layers, MSE);
    const { model } = compileModel(tf, project, 'main', { seed: 2 });
    const before = model.getLayer('l0').getWeights().map((w) => w.dataSync().slice());
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const x = tf.randomUniform([8, 5, 3], -1, 1, 'float32', 1);
    const y = tf.randomUniform([8, 1], -1, 1, 'float32', 2);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    const after = model.getLayer('l0').getWeights().map((w) => w.dataSync());
    expect(after.some((w, i) => w.some((v, j) => v !== before[i]![j]))).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });
});
