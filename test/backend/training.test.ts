// Training on the wasm backend: every layer kind the editor offers gets the same gradients as on cpu, and a small
// CNN learns.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type Tf } from '../../electron/engine/backend/index.js';
import { rand } from './compare.js';

let tf: Tf;
beforeAll(async () => {
  ({ tf } = await initBackend('wasm'));
});

type Layer = import('@tensorflow/tfjs').layers.Layer;
interface LayerCase {
  name: string;
  input: number[];
  layers: (L: Tf['layers']) => Layer[];
  /** Integer inputs in [0, 10) (token ids). */
  tokens?: boolean;
}

const CASES: LayerCase[] = [
  { name: 'Dense', input: [6], layers: (L) => [L.dense({ units: 5, activation: 'relu' })] },
  { name: 'Conv1D', input: [10, 3], layers: (L) => [L.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' })] },
  { name: 'Conv2D', input: [7, 7, 2], layers: (L) => [L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }), L.conv2d({ filters: 3, kernelSize: 2 })] },
  { name: 'Conv2DTranspose', input: [4, 4, 2], layers: (L) => [L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' })] },
  { name: 'SeparableConv2D', input: [6, 6, 2], layers: (L) => [L.separableConv2d({ filters: 4, kernelSize: 3, depthMultiplier: 2, padding: 'same' })] },
  { name: 'DepthwiseConv2D', input: [7, 7, 3], layers: (L) => [L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2 })] },
  { name: 'MaxPooling1D', input: [8, 3], layers: (L) => [L.conv1d({ filters: 2, kernelSize: 1 }), L.maxPooling1d({ poolSize: 2 })] },
  { name: 'AveragePooling1D', input: [8, 3], layers: (L) => [L.conv1d({ filters: 2, kernelSize: 1 }), L.averagePooling1d({ poolSize: 2 })] },
  { name: 'MaxPooling2D', input: [6, 6, 2], layers: (L) => [L.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }), L.maxPooling2d({ poolSize: 2 })] },
  { name: 'AveragePooling2D', input: [6, 6, 2], layers: (L) => [L.conv2d({ filters: 3, kernelSize: 1 }), L.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' })] },
  { name: 'UpSampling2D', input: [3, 3, 2], layers: (L) => [L.conv2d({ filters: 2, kernelSize: 1 }), L.upSampling2d({ size: [2, 2] })] },
  { name: 'ZeroPadding2D', input: [3, 3, 2], layers: (L) => [L.conv2d({ filters: 2, kernelSize: 1 }), L.zeroPadding2d({ padding: 1 })] },
  { name: 'Cropping2D', input: [5, 5, 2], layers: (L) => [L.conv2d({ filters: 2, kernelSize: 1 }), L.cropping2D({ cropping: 1 })] },
  { name: 'BatchNormalization', input: [4, 4, 2], layers: (L) => [L.conv2d({ filters: 3, kernelSize: 1 }), L.batchNormalization()] },
  { name: 'LayerNormalization', input: [6], layers: (L) => [L.dense({ units: 4 }), L.layerNormalization()] },
  { name: 'SimpleRNN', input: [5, 3], layers: (L) => [L.simpleRNN({ units: 4 })] },
  { name: 'LSTM', input: [5, 3], layers: (L) => [L.lstm({ units: 4, returnSequences: true })] },
  { name: 'GRU', input: [5, 3], layers: (L) => [L.gru({ units: 4 })] },
  { name: 'Embedding', input: [5], tokens: true, layers: (L) => [L.embedding({ inputDim: 10, outputDim: 4 })] },
];

function buildModel(c: LayerCase) {
  const L = tf.layers;
  const m = tf.sequential();
  m.add(L.inputLayer({ inputShape: c.input }));
  for (const l of c.layers(L)) m.add(l);
  if (m.outputs[0]!.shape.length > 2) m.add(L.flatten());
  m.add(L.dense({ units: 2 }));
  return m;
}

/** Loss gradients of every trainable weight, as plain arrays, on the active backend. */
function gradients(model: ReturnType<typeof buildModel>, x: ReturnType<Tf['tensor']>, y: ReturnType<Tf['tensor']>) {
  const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as never) as never);
  const out = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, Array.from(g.dataSync())]));
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe('layers train on wasm with the gradients cpu computes', () => {
  it.each(CASES)('$name', async (c) => {
    await initBackend('wasm');
    const model = buildModel(c);
    const raw = rand([3, ...c.input], 21);
    const values = c.tokens ? raw.values.map((v) => Math.floor((v + 1) * 5)) : raw.values;
    const x = tf.tensor(values, raw.shape);
    const y = tf.tensor(rand([3, 2], 22).values, [3, 2]);
    const onWasm = gradients(model, x, y);
    await initBackend('cpu'); // the same weights and data move to cpu
    const onCpu = gradients(model, x, y);
    await initBackend('wasm');
    expect(Object.keys(onWasm).sort()).toEqual(Object.keys(onCpu).sort());
    for (const [name, g] of Object.entries(onWasm)) {
      const ref = onCpu[name]!;
      const scale = Math.max(1, ...ref.map(Math.abs));
      const d = Math.max(...g.map((v, i) => Math.abs(v - ref[i]!)));
      expect(d / scale, name).toBeLessThanOrEqual(1e-4);
    }
    // And a real optimizer step runs (Dropout below covers the training-only random path).
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const h = await model.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0 });
    expect(Number.isFinite(h.history.loss![0] as number)).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('Dropout', async () => {
    await initBackend('wasm');
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }), tf.layers.dropout({ rate: 0.3 }), tf.layers.dense({ units: 2 })] });
    m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const h = await m.fit(tf.tensor(rand([4, 6], 23).values, [4, 6]), tf.tensor(rand([4, 2], 24).values, [4, 2]), { epochs: 2, verbose: 0 });
    expect(h.history.loss!.every((v) => Number.isFinite(v as number))).toBe(true);
  });
});

describe('a small CNN learns on wasm', () => {
  it('loss falls and it separates two patterns', async () => {
    await initBackend('wasm');
    // Class 0: a horizontal bar, class 1: a vertical bar, at random positions with noise.
    const n = 96;
    const xs = new Float32Array(n * 64);
    const ys = new Float32Array(n * 2);
    const noise = rand([n * 64], 31).values;
    for (let i = 0; i < n; i++) {
      const cls = i % 2;
      const pos = (i * 7) % 8;
      for (let j = 0; j < 8; j++) xs[i * 64 + (cls === 0 ? pos * 8 + j : j * 8 + pos)] = 1;
      for (let k = 0; k < 64; k++) xs[i * 64 + k]! += 0.2 * noise[i * 64 + k]!;
      ys[i * 2 + cls] = 1;
    }
    const x = tf.tensor4d(xs, [n, 8, 8, 1]);
    const y = tf.tensor2d(ys, [n, 2]);
    const L = tf.layers;
    const m = tf.sequential({
      layers: [
        L.conv2d({ inputShape: [8, 8, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.flatten(),
        L.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const h = await m.fit(x, y, { epochs: 15, batchSize: 16, shuffle: false, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(tf.getBackend()).toBe('wasm');
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]! * 0.5);
    expect(h.history.acc!.at(-1) as number).toBeGreaterThan(0.9);
  });
});

describe('our kernels free their temporaries', () => {
  it('the wasm heap holds the same tensors after every epoch', async () => {
    await initBackend('wasm');
    const L = tf.layers;
    const m = tf.sequential({
      layers: [
        L.conv2d({ inputShape: [8, 8, 3], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
        L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
        L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.flatten(),
        L.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tf.tensor4d(rand([32, 8, 8, 3], 41).values, [32, 8, 8, 3]);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10), 'int32'), 10).toFloat();
    const backend = tf.backend() as unknown as { numDataIds(): number };
    await m.fit(x, y, { batchSize: 8, epochs: 1, verbose: 0 });
    const after1 = backend.numDataIds();
    await m.fit(x, y, { batchSize: 8, epochs: 2, verbose: 0 });
    expect(backend.numDataIds()).toBe(after1);
  });
});
