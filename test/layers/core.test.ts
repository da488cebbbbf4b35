// Core, activation, merge, embedding and normalization kinds (group-core): shape errors as the editor shows them,
// graphs combining several kinds through ONNX Runtime, a training step of every kind on the cpu backend, and the
// tfjs additions (Subtract, BatchNormalization without gamma/beta) surviving a save and load.
import onnxPkg from 'onnx-proto';
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../electron/engine/compile.js';
import { exportOnnx } from '../../electron/engine/onnx/export.js';
import { randomInputs, verifyOnnx } from '../../electron/engine/onnx/verify.js';
import group from '../../shared/layers/kinds/group-core.js';
import { getLayer } from '../../shared/layers/registry.js';
import { parseProject, type Project } from '../../shared/project.js';
import { validate } from '../../shared/validate.js';
import { chainProject, type ChainLayer } from '../helpers/graph.js';
import { cpuTf, randomizeWeights } from '../helpers/tf.js';

// Regression losses keep the project-level loss check quiet whatever the output size.
const MSE = { training: { loss: 'meanSquaredError' } } as unknown as Partial<Project>;

/** Error diagnostics of the node `l0` (or `id`) for Input(s) → layer → Output. */
function errorsOf(inputs: number[][], layer: ChainLayer, id = 'l0') {
  const project = chainProject(inputs, [{ ...layer, id, label: layer.label ?? 'x' }], MSE);
  return validate(project).diagnostics.filter((d) => d.severity === 'error' && d.node === id);
}

/** Expects exactly one error on the node, with this code and a message that matches every pattern. */
function expectError(inputs: number[][], layer: ChainLayer, code: string, ...patterns: RegExp[]) {
  const errors = errorsOf(inputs, layer);
  expect(errors.map((e) => e.code)).toEqual([code]);
  const message = errors[0]!.message;
  expect(message.startsWith(`${layer.kind} 'x' `), message).toBe(true);
  for (const re of patterns) expect(message).toMatch(re);
}

interface GraphNode {
  id: string;
  kind: string;
  params?: Record<string, unknown>;
  /** Source node ids, in port order (in, or in0, in1, …). */
  from?: string[];
}

/** A one-model project from nodes that name their sources; Input params are shapes. */
function graph(nodes: GraphNode[], dtype = 'float32'): Project {
  const edges = nodes.flatMap((n) =>
    (n.from ?? []).map((src, i) => ({
      id: `e_${src}_${n.id}_${i}`, source: src, target: n.id,
      targetPort: getLayer(n.kind)?.ports.inputs === 'many' ? `in${i}` : 'in',
    })));
  const parsed = parseProject({
    format: 'layerloom-project', version: 1, name: 'core-combo',
    models: {
      main: {
        nodes: nodes.map((n) => ({
          id: n.id, kind: n.kind, params: n.kind === 'Input' ? { dtype, ...n.params } : (n.params ?? {}),
        })),
        edges,
      },
    },
    training: { loss: 'meanSquaredError' },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

async function exportAndCompare(project: Project, intRange?: number, tolerance = 1e-5) {
  const tf = await cpuTf();
  const result = validate(project);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const compiled = compileModel(tf, project, 'main', { seed: 7 });
  randomizeWeights(compiled.model, 9);
  const graphs: onnxPkg.onnx.IGraphProto[] = [];
  for (const opset of [13, 17]) {
    const exported = exportOnnx(project, 'main', compiled, { opset });
    const { maxAbsDiff } = await verifyOnnx(tf, compiled.model, exported, randomInputs(exported.inputs, 4, 21, intRange));
    expect(maxAbsDiff, `opset ${opset}`).toBeLessThanOrEqual(tolerance);
    graphs.push(onnxPkg.onnx.ModelProto.decode(exported.bytes).graph!);
  }
  compiled.model.dispose();
  return graphs;
}

const opCount = (g: onnxPkg.onnx.IGraphProto, op: string) => g.node!.filter((n) => n.opType === op).length;

describe('shape errors say what is wrong and how to fix it', () => {
  test('Flatten needs something to flatten', () => {
    expectError([[16]], { kind: 'Flatten' }, 'SHAPE_MISMATCH', /rank 3 or more, got \[null, 16\]/, /remove the Flatten/);
  });

  test('Reshape checks the element count and its target', () => {
    expectError([[4, 6]], { kind: 'Reshape', params: { targetShape: [5, 5] } }, 'SHAPE_MISMATCH',
      /\[null, 4, 6\] \(24 values per sample\) to \[5, 5\] \(25 values\)/, /multiply to 24/, /-1/);
    expectError([[4, 6]], { kind: 'Reshape', params: { targetShape: [-1, 5] } }, 'SHAPE_MISMATCH', /a multiple of 5/);
    expectError([[4, 6]], { kind: 'Reshape', params: { targetShape: [-1, -1] } }, 'BAD_PARAM', /at most one -1/);
    expectError([[4, 6]], { kind: 'Reshape', params: { targetShape: [0, 24] } }, 'BAD_PARAM', /must be positive/);
    expect(errorsOf([[4, 6]], { kind: 'Reshape', params: { targetShape: [2, -1, 3] } })).toEqual([]);
  });

  test('Permute needs a permutation of the sample axes', () => {
    expectError([[3, 4]], { kind: 'Permute', params: { dims: [2, 1, 3] } }, 'SHAPE_MISMATCH', /has 2 sample axes/, /give dims 2 entries/);
    expectError([[3, 4]], { kind: 'Permute', params: { dims: [1, 1] } }, 'BAD_PARAM', /list each of 1…2 once/);
  });

  test('RepeatVector takes vectors', () => {
    expectError([[3, 4]], { kind: 'RepeatVector' }, 'SHAPE_MISMATCH', /rank-2 input, got \[null, 3, 4\]/, /add a Flatten before it/);
  });

  test('ELU and Softmax reject what tfjs cannot compute', () => {
    expectError([[4]], { kind: 'ELU', params: { alpha: 0.5 } }, 'BAD_PARAM', /supports only alpha 1/, /set alpha to 1/);
    expectError([[3, 4]], { kind: 'Softmax', params: { axis: 1 } }, 'BAD_PARAM', /only along the last axis/, /set axis to -1/, /Permute/);
    expectError([[3, 4]], { kind: 'Softmax', params: { axis: 0 } }, 'BAD_PARAM', /the batch axis/, /use 1–2 or -1–-2/);
    expectError([[3, 4]], { kind: 'Softmax', params: { axis: 5 } }, 'BAD_PARAM', /not an axis/);
  });

  test('element-wise merges need shapes that broadcast', () => {
    for (const kind of ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum']) {
      expectError([[8], [4]], { kind }, 'SHAPE_MISMATCH', /in0 \[null, 8\], in1 \[null, 4\]/, /make them match/, /Concatenate/);
    }
    expectError([[3, 4], [3, 4], [2, 4]], { kind: 'Add' }, 'SHAPE_MISMATCH', /in2 \[null, 2, 4\]/);
    // Size-1 axes and lower ranks broadcast as in tfjs.
    expect(errorsOf([[3, 4], [1, 4], [4]], { kind: 'Multiply' })).toEqual([]);
  });

  test('Subtract takes exactly two inputs', () => {
    expectError([[4], [4], [4]], { kind: 'Subtract' }, 'SHAPE_MISMATCH', /exactly two inputs \(in0 − in1\), got 3/, /disconnect in2/);
  });

  test('Concatenate needs matching sizes off the axis', () => {
    expectError([[3, 4], [2, 5]], { kind: 'Concatenate' }, 'SHAPE_MISMATCH',
      /every other axis must match, got in0 \[null, 3, 4\], in1 \[null, 2, 5\]/, /make those sizes equal/);
    expectError([[3, 4], [4]], { kind: 'Concatenate' }, 'SHAPE_MISMATCH', /same rank/, /Reshape or Flatten/);
    expectError([[4], [4]], { kind: 'Concatenate', params: { axis: 0 } }, 'BAD_PARAM', /the batch axis/);
    expect(errorsOf([[3, 4], [2, 4]], { kind: 'Concatenate', params: { axis: 1 } })).toEqual([]);
  });

  test('normalizations: rank and axis', () => {
    expectError([[2, 2, 2, 2]], { kind: 'BatchNormalization' }, 'SHAPE_MISMATCH', /rank-2 or rank-3 or rank-4/, /add a Reshape before it/);
    expectError([[3, 4]], { kind: 'BatchNormalization', params: { axis: 1 } }, 'BAD_PARAM', /only along the last axis/, /set axis to -1/);
    expectError([[2, 2, 2, 2]], { kind: 'LayerNormalization' }, 'SHAPE_MISMATCH', /add a Reshape before it/);
    expectError([[3, 4]], { kind: 'LayerNormalization', params: { axis: 3 } }, 'BAD_PARAM', /not an axis/, /use 1–2/);
  });
});

describe('combinations export and match ONNX Runtime', () => {
  test('residual MLP block: Dense → BatchNormalization → ReLU → Dropout → Dense, Add, LayerNormalization', async () => {
    const [at13, at17] = await exportAndCompare(graph([
      { id: 'x', kind: 'Input', params: { shape: [8] } },
      { id: 'd1', kind: 'Dense', params: { units: 8 }, from: ['x'] },
      { id: 'bn', kind: 'BatchNormalization', from: ['d1'] },
      { id: 'relu', kind: 'ReLU', params: { maxValue: 1.5 }, from: ['bn'] },
      { id: 'drop', kind: 'Dropout', params: { rate: 0.3 }, from: ['relu'] },
      { id: 'd2', kind: 'Dense', params: { units: 8 }, from: ['drop'] },
      { id: 'add', kind: 'Add', from: ['d2', 'x'] },
      { id: 'ln', kind: 'LayerNormalization', from: ['add'] },
      { id: 'act', kind: 'Activation', params: { activation: 'tanh' }, from: ['ln'] },
      { id: 'y', kind: 'Output', from: ['act'] },
    ]));
    // LayerNormalization is an ONNX op from opset 17 only; below it is decomposed.
    expect([opCount(at13!, 'LayerNormalization'), opCount(at17!, 'LayerNormalization')]).toEqual([0, 1]);
    expect(opCount(at13!, 'BatchNormalization')).toBe(1);
  });

  test('conv block: the BatchNormalization transposes cancel against the Conv2D ones', async () => {
    const graphs = await exportAndCompare(graph([
      { id: 'img', kind: 'Input', params: { shape: [6, 6, 2] } },
      { id: 'conv', kind: 'Conv2D', params: { filters: 3, padding: 'same' }, from: ['img'] },
      { id: 'bn', kind: 'BatchNormalization', params: { scale: false }, from: ['conv'] },
      { id: 'act', kind: 'LeakyReLU', params: { alpha: 0.1 }, from: ['bn'] },
      { id: 'flat', kind: 'Flatten', from: ['act'] },
      { id: 'fc', kind: 'Dense', params: { units: 4 }, from: ['flat'] },
      { id: 'sm', kind: 'Softmax', from: ['fc'] },
      { id: 'y', kind: 'Output', from: ['sm'] },
    ]));
    // One Transpose into the Conv, one back to channels-last before the Flatten.
    for (const g of graphs) expect(opCount(g, 'Transpose')).toBe(2);
  });

  test('two-input merges: Subtract, Multiply, Maximum, Average, Concatenate, then RepeatVector, Permute, Reshape', async () => {
    await exportAndCompare(graph([
      { id: 'a', kind: 'Input', params: { shape: [6] } },
      { id: 'b', kind: 'Input', params: { shape: [6] } },
      { id: 'sub', kind: 'Subtract', from: ['a', 'b'] },
      { id: 'mul', kind: 'Multiply', from: ['a', 'b', 'sub'] },
      { id: 'max', kind: 'Maximum', from: ['sub', 'mul'] },
      { id: 'avg', kind: 'Average', from: ['a', 'max'] },
      { id: 'cat', kind: 'Concatenate', from: ['avg', 'sub', 'b'] },
      { id: 'rep', kind: 'RepeatVector', params: { n: 3 }, from: ['cat'] },
      { id: 'perm', kind: 'Permute', params: { dims: [2, 1] }, from: ['rep'] },
      { id: 'resh', kind: 'Reshape', params: { targetShape: [-1, 6] }, from: ['perm'] },
      { id: 'elu', kind: 'ELU', from: ['resh'] },
      { id: 'y', kind: 'Output', from: ['elu'] },
    ]));
  });

  test('token model: Embedding → LayerNormalization → Flatten → Dense, with a broadcast Add', async () => {
    await exportAndCompare(graph([
      { id: 'ids', kind: 'Input', params: { shape: [5] } },
      { id: 'emb', kind: 'Embedding', params: { inputDim: 20, outputDim: 4 }, from: ['ids'] },
      { id: 'ln', kind: 'LayerNormalization', params: { axis: 1 }, from: ['emb'] },
      { id: 'flat', kind: 'Flatten', from: ['ln'] },
      { id: 'fc', kind: 'Dense', params: { units: 4 }, from: ['flat'] },
      // [null, 5, 4] + [null, 4]: tfjs expands the vector to [null, 1, 4] first.
      { id: 'add', kind: 'Add', from: ['emb', 'fc'] },
      { id: 'y', kind: 'Output', from: ['add'] },
    ], 'int32'), 20);
  });
});

describe('every kind builds and trains a step on the cpu backend', () => {
  const cases = group.flatMap((def) => def.examples.map((ex, i) => [`${def.kind} example ${i}`, def, ex] as const));
  test.each(cases)('%s', async (_name, def, ex) => {
    const tf = await cpuTf();
    const layers: ChainLayer[] = [{ kind: def.kind, params: ex.params as Record<string, unknown> }];
    const shape = validate(chainProject(ex.inputs, layers, MSE, ex.intRange ? 'int32' : 'float32')).models.main!.shapes.l0!;
    // A Dense head gives every model trainable weights (most of these kinds have none).
    if (shape.length > 2) layers.push({ kind: 'Flatten' });
    layers.push({ kind: 'Dense', params: { units: 2 } });
    const project = chainProject(ex.inputs, layers, MSE, ex.intRange ? 'int32' : 'float32');
    const compiled = compileModel(tf, project, 'main', { seed: 1 });
    const model = compiled.model;
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const xs = ex.inputs.map((s) =>
      ex.intRange ? tf.randomUniform([8, ...s], 0, ex.intRange, 'int32', 3) : tf.randomUniform([8, ...s], -1, 1, 'float32', 3));
    const ys = tf.randomUniform([8, 2], -1, 1, 'float32', 4);
    const history = await model.fit(xs.length === 1 ? xs[0]! : xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
    const loss = history.history.loss![0] as number;
    expect(Number.isFinite(loss), `loss ${loss}`).toBe(true);
    tf.dispose([...xs, ys]);
    model.dispose();
  });
});

describe('tfjs additions', () => {
  test('Subtract and normalizations without gamma or beta survive a save and load', async () => {
    const tf = await cpuTf();
    const project = graph([
      { id: 'a', kind: 'Input', params: { shape: [4] } },
      { id: 'b', kind: 'Input', params: { shape: [4] } },
      { id: 'sub', kind: 'Subtract', from: ['a', 'b'] },
      { id: 'bn', kind: 'BatchNormalization', params: { scale: false }, from: ['sub'] },
      { id: 'ln', kind: 'LayerNormalization', params: { center: false }, from: ['bn'] },
      { id: 'y', kind: 'Output', from: ['ln'] },
    ]);
    const { model } = compileModel(tf, project, 'main', { seed: 2 });
    randomizeWeights(model, 3);
    let saved: import('@tensorflow/tfjs').io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const topology = JSON.stringify(saved!.modelTopology);
    const classes = topology.match(/"class_name":"(Subtract|BatchNormalization|LayerNormalization)"/g);
    expect(classes).toEqual(['"class_name":"Subtract"', '"class_name":"BatchNormalization"', '"class_name":"LayerNormalization"']);
    // The stand-ins for the missing weights are not saved: the configs keep scale / center false.
    expect(topology.match(/"(scale|center)":false/g)).toEqual(['"scale":false', '"center":false']);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const xs = [tf.randomNormal([3, 4], 0, 1, 'float32', 1), tf.randomNormal([3, 4], 0, 1, 'float32', 2)];
    const want = (model.predict(xs) as import('@tensorflow/tfjs').Tensor).dataSync();
    const got = (loaded.predict(xs) as import('@tensorflow/tfjs').Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(want));
    tf.dispose(xs);
    model.dispose();
    loaded.dispose();
  });

  test("building a Reshape leaves the project's targetShape as written", async () => {
    const tf = await cpuTf();
    const project = chainProject([[4, 6]], [{ kind: 'Reshape', params: { targetShape: [-1, 3] } }], MSE);
    const { model } = compileModel(tf, project, 'main');
    expect(project.models.main!.nodes.find((n) => n.id === 'l0')!.params.targetShape).toEqual([-1, 3]);
    expect(model.outputs[0]!.shape).toEqual([null, 8, 3]);
    model.dispose();
  });
});
