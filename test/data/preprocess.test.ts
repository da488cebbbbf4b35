import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { DataError, loadDataset, type LoadOptions } from '../../electron/engine/data/index.js';
import type { DatasetInput } from '../../electron/engine/data/index.js';

const digits = { source: 'builtin', name: 'digits' } as const;
const iris = { source: 'builtin', name: 'iris' } as const;
const sine = { source: 'builtin', name: 'sine', samples: 100 } as const;
const load = (dataset: DatasetInput, o: Partial<LoadOptions> = {}) =>
  loadDataset(dataset, { baseDir: '/', inputShape: [], loss: 'sparseCategoricalCrossentropy', kind: 'supervised', ...o });

describe('scaling', () => {
  test("a number multiplies the raw values; 'auto' takes the dataset's own", async () => {
    const raw = await load({ ...digits, scale: 1 }, { inputShape: [64] });
    const auto = await load(digits, { inputShape: [64] });
    const half = await load({ ...digits, scale: 0.5 }, { inputShape: [64] });
    expect(Math.max(...raw.train.x)).toBe(16);
    expect(raw.inputTransform).toEqual({ shift: 0, factor: 1 });
    expect(auto.inputTransform).toEqual({ shift: 0, factor: 1 / 16 });
    raw.train.x.forEach((v, i) => {
      if (i % 97 === 0) {
        expect(auto.train.x[i]).toBeCloseTo(v / 16, 6);
        expect(half.train.x[i]).toBe(v / 2);
      }
    });
  });
});

describe('reshape to the Input shape', () => {
  test('an unknown dimension (null or -1) is inferred', async () => {
    expect((await load(digits, { inputShape: [null as unknown as number, 8] })).xShape).toEqual([8, 8]);
    expect((await load(digits, { inputShape: [-1, 16] })).xShape).toEqual([4, 16]);
  });

  test('a different element count is a DataError that says what would fit', async () => {
    const err = await load(digits, { inputShape: [10] }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('dataset sample shape [8,8,1] (64 values) does not fit the Input shape [10] (10 values): set the Input shape to [8,8,1]');
    await expect(load(digits, { inputShape: [-1, 10] })).rejects.toThrow('(any multiple of 10 values)');
  });
});

describe('label encoding', () => {
  test('auto follows the loss', async () => {
    const sparse = await load(iris, { loss: 'sparseCategoricalCrossentropy', outputShape: [3] });
    expect([sparse.encoding, sparse.yShape]).toEqual(['sparse', [1]]);
    const onehot = await load(iris, { loss: 'categoricalCrossentropy', outputShape: [3] });
    expect([onehot.encoding, onehot.yShape]).toEqual(['onehot', [3]]);
    for (let i = 0; i < onehot.train.n; i++) {
      const row = Array.from(onehot.train.y.subarray(i * 3, i * 3 + 3));
      expect(row).toEqual([0, 1, 2].map((c) => (c === sparse.train.y[i] ? 1 : 0)));
    }
    const mse = await load(iris, { loss: 'meanSquaredError', outputShape: [3] });
    expect([mse.encoding, mse.yShape]).toEqual(['onehot', [3]]);
    expect((await load(iris, { loss: 'meanAbsoluteError' })).encoding).toBe('onehot');
    const index = await load(iris, { loss: 'huberLoss', outputShape: [1] });
    expect([index.encoding, index.yShape]).toEqual(['index', [1]]);
    expect(index.train.y).toEqual(sparse.train.y);
  });

  test('binaryCrossentropy: 0/1 for two classes on one unit, one-hot for one sigmoid per class', async () => {
    const two = await load({ ...iris, classes: [2, 0] }, { loss: 'binaryCrossentropy', outputShape: [1] });
    expect([two.encoding, two.yShape, two.classNames]).toEqual(['binary', [1], ['virginica', 'setosa']]);
    expect(new Set(two.train.y)).toEqual(new Set([0, 1]));
    const multi = await load(iris, { loss: 'binaryCrossentropy', outputShape: [3] });
    expect([multi.encoding, multi.yShape]).toEqual(['onehot', [3]]);
    await expect(load(iris, { loss: 'binaryCrossentropy', outputShape: [1] })).rejects.toThrow('binaryCrossentropy with one output unit needs two classes, but the dataset has 3');
  });

  test('labelMode overrides the loss', async () => {
    expect((await load({ ...iris, labelMode: 'onehot' }, { loss: 'sparseCategoricalCrossentropy' })).yShape).toEqual([3]);
    expect((await load({ ...iris, labelMode: 'sparse' }, { loss: 'categoricalCrossentropy' })).yShape).toEqual([1]);
    const r = await load({ ...iris, labelMode: 'regression' }, { loss: 'meanSquaredError' });
    expect([r.encoding, r.numClasses]).toEqual(['index', 3]);
  });

  test('regression datasets give numeric targets, shaped like the Output when it holds as many values', async () => {
    const d = await load(sine, { loss: 'meanSquaredError', inputShape: [20, 1], outputShape: [1, 1] });
    expect([d.encoding, d.yShape, d.numClasses, d.classNames]).toEqual(['targets', [1, 1], 0, []]);
    await expect(load(sine, { loss: 'meanSquaredError', outputShape: [3] })).rejects.toThrow('sine has targets of shape [1] (1 values) but the model outputs [3] (3 values) per sample');
    await expect(load({ ...sine, labelMode: 'onehot' }, { loss: 'meanSquaredError' })).rejects.toThrow('labelMode "onehot" needs class labels');
  });

  test('one-hot is as wide as the Output when it has spare units; fewer units than classes is an error', async () => {
    const wide = await load(iris, { loss: 'categoricalCrossentropy', outputShape: [5] });
    expect(wide.yShape).toEqual([5]);
    expect(wide.numClasses).toBe(3);
    await expect(load(iris, { loss: 'sparseCategoricalCrossentropy', outputShape: [2] }))
      .rejects.toThrow('labels out of range: the dataset has 3 classes (0–2) but the model outputs 2 values per sample');
  });
});

describe('class subset and samples per class', () => {
  test('classes keeps those labels, re-indexed 0..k-1 in the given order', async () => {
    const all = await load({ ...digits, validationSplit: 0 });
    const d = await load({ ...digits, classes: [7, 3], validationSplit: 0 });
    expect(d.classNames).toEqual(['7', '3']);
    expect(d.numClasses).toBe(2);
    expect(d.train.n).toBe(179 + 183);
    expect(new Set(d.train.y)).toEqual(new Set([0, 1]));
    // Same samples, same shuffled order as the full set, only filtered.
    const expected: number[] = [];
    all.trainLabels!.forEach((l) => { if (l === 7) expected.push(0); else if (l === 3) expected.push(1); });
    expect(Array.from(d.trainLabels!)).toEqual(expected);
  });

  test('bad class lists are DataErrors', async () => {
    await expect(load({ ...digits, classes: [3, 12] })).rejects.toThrow('dataset.classes: label 12 is out of range: digits.csv.gz has labels 0–9');
    await expect(load({ ...digits, classes: [3, 3] })).rejects.toThrow('dataset.classes lists label 3 twice');
    await expect(load({ ...digits, classes: [] })).rejects.toThrow('dataset.classes is empty');
    await expect(load({ ...sine, classes: [0] }, { loss: 'meanSquaredError' })).rejects.toThrow('dataset.classes needs class labels');
  });

  test('samplesPerClass takes the first N of each class after the seeded shuffle', async () => {
    const all = await load({ ...digits, validationSplit: 0, seed: 5 });
    const few = await load({ ...digits, validationSplit: 0, seed: 5, samplesPerClass: 3 });
    expect(few.train.n).toBe(30);
    const taken = new Map<number, number>();
    const expected: number[] = [];
    all.trainLabels!.forEach((l, i) => {
      const n = taken.get(l) ?? 0;
      taken.set(l, n + 1);
      if (n < 3) expected.push(i);
    });
    expect(Array.from(few.train.x)).toEqual(expected.flatMap((i) => Array.from(all.train.x.subarray(i * 64, i * 64 + 64))));
  });
});

describe('split and shuffle', () => {
  test('validationSplit is stratified for classes; every class keeps training samples', async () => {
    const d = await load({ ...digits, samplesPerClass: 5, validationSplit: 0.4 });
    expect([d.train.n, d.val.n]).toEqual([30, 20]);
    const perClass = (labels: Int32Array) => Array.from({ length: 10 }, (_, c) => labels.filter((l) => l === c).length);
    expect(perClass(d.trainLabels!)).toEqual(new Array(10).fill(3));
    expect(perClass(d.valLabels!)).toEqual(new Array(10).fill(2));
  });

  test('regression takes the last part; shuffle false keeps file order', async () => {
    const d = await load({ ...sine, shuffle: false, validationSplit: 0.25 }, { loss: 'meanSquaredError' });
    const whole = await load({ ...sine, shuffle: false, validationSplit: 0 }, { loss: 'meanSquaredError' });
    expect([d.train.n, d.val.n]).toEqual([75, 25]);
    expect(Array.from(d.val.y)).toEqual(Array.from(whole.train.y.slice(75)));
  });

  test('no training samples left is an error', async () => {
    await expect(load({ ...sine, samples: 1, validationSplit: 0.9 }, { loss: 'meanSquaredError' })).rejects.toThrow('only 1 samples, none left for training');
  });

  test('schema bounds are checked', async () => {
    await expect(load({ ...digits, validationSplit: 2 })).rejects.toThrow(/^dataset\.validationSplit: /);
  });
});

describe('training kinds', () => {
  test('autoencoder: the target is the input, shaped like the Output', async () => {
    const d = await load(digits, { kind: 'autoencoder', inputShape: [64], outputShape: [8, 8, 1], loss: 'meanSquaredError' });
    expect(d.train.y).toBe(d.train.x);
    expect(d.yShape).toEqual([8, 8, 1]);
    expect(d.encoding).toBe('input');
    await expect(load(digits, { kind: 'autoencoder', outputShape: [10], loss: 'meanSquaredError' })).rejects.toThrow('an autoencoder reproduces its input of shape [8,8,1] (64 values) but the model outputs [10] (10 values)');
  });

  test('gan: x only', async () => {
    const d = await load(digits, { kind: 'gan', inputShape: [8, 8, 1], loss: 'binaryCrossentropy' });
    expect(d.train.y.length).toBe(0);
    expect(d.yShape).toEqual([]);
    expect(d.train.n + d.val.n).toBe(1797);
  });
});

describe('tfjs accepts the arrays as shaped', () => {
  test('sparse [n,1] and one-hot [n,k] targets train with accuracy', async () => {
    await tf.setBackend('cpu');
    for (const loss of ['sparseCategoricalCrossentropy', 'categoricalCrossentropy'] as const) {
      const d = await load({ ...digits, samplesPerClass: 4 }, { loss, inputShape: [64], outputShape: [10] });
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: d.xShape, units: 10, activation: 'softmax' })] });
      model.compile({ optimizer: 'adam', loss, metrics: ['accuracy'] });
      const x = tf.tensor(d.train.x, [d.train.n, ...d.xShape]);
      const y = tf.tensor(d.train.y, [d.train.n, ...d.yShape]);
      const h = await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
      expect(Number.isFinite(h.history.loss![0] as number)).toBe(true);
      expect(h.history.acc ?? h.history.accuracy).toBeDefined();
      tf.dispose([x, y]);
      model.dispose();
    }
  });
});
