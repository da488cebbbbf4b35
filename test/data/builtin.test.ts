import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUILTIN_DATASETS } from '../../shared/datasets.js';
import { builtinDataCandidates } from '../../electron/engine/data/files.js';
import { builtinDataDir, DataError, loadDataset, previewDataset, sineSeries } from '../../electron/engine/data/index.js';
import { sameValues } from './fixtures.js';

const base = { baseDir: '/nonexistent-project-folder', kind: 'supervised' as const };
const DIGIT_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

describe('digits', () => {
  test('1,797 samples of [8,8,1] in [0,1], labels 0–9, as BUILTIN_DATASETS says', async () => {
    const info = BUILTIN_DATASETS.digits!;
    const d = await loadDataset({ source: 'builtin', name: 'digits' }, { ...base, inputShape: [8, 8, 1], loss: 'sparseCategoricalCrossentropy' });
    expect(d.train.n + d.val.n).toBe(info.samples);
    expect(d.xShape).toEqual(info.sampleShape);
    expect(d.yShape).toEqual([1]);
    expect(d.numClasses).toBe(info.classes);
    expect(d.classNames).toEqual(info.classNames);
    expect(d.train.x.length).toBe(d.train.n * 64);
    expect(d.train.y.length).toBe(d.train.n);
    expect(Math.min(...d.train.x)).toBe(0);
    expect(Math.max(...d.train.x)).toBe(1);
    // Stratified split: every class on both sides, ~20% each.
    expect(d.val.n).toBeGreaterThanOrEqual(355);
    expect(d.val.n).toBeLessThanOrEqual(364);
    const counts = new Array(10).fill(0);
    for (const l of [...d.trainLabels!, ...d.valLabels!]) counts[l]++;
    expect(counts).toEqual(DIGIT_COUNTS);
    expect(Array.from(d.train.y.slice(0, 50))).toEqual(Array.from(d.trainLabels!.slice(0, 50)));
  });

  test('the seeded split is identical across loads and changes with the seed', async () => {
    const load = (seed?: number) => loadDataset({ source: 'builtin', name: 'digits', seed }, { ...base, inputShape: [64], loss: 'sparseCategoricalCrossentropy' });
    const [a, b, c] = await Promise.all([load(), load(0), load(1)]);
    expect(sameValues(a.train.x, b.train.x)).toBe(true);
    expect(sameValues(a.val.y, b.val.y)).toBe(true);
    expect(sameValues(a.train.y, c.train.y)).toBe(false);
  });

  test('reshapes to the Input shape: [64] for an MLP, [8,8] for an LSTM', async () => {
    const mlp = await loadDataset({ source: 'builtin', name: 'digits' }, { ...base, inputShape: [64], loss: 'sparseCategoricalCrossentropy' });
    const rnn = await loadDataset({ source: 'builtin', name: 'digits' }, { ...base, inputShape: [8, 8], loss: 'sparseCategoricalCrossentropy' });
    expect(mlp.xShape).toEqual([64]);
    expect(rnn.xShape).toEqual([8, 8]);
    expect(sameValues(mlp.train.x, rnn.train.x)).toBe(true); // same values, same order: only the shape differs
  });

  test('preview shows one digit of each class in turn, and the class counts', async () => {
    const p = await previewDataset({ source: 'builtin', name: 'digits' }, base.baseDir, 12);
    expect(p).toMatchObject({ source: 'digits.csv.gz', sampleShape: [8, 8, 1], samples: 1797, numClasses: 10, isImage: true, classCounts: DIGIT_COUNTS });
    expect(p.first.map((f) => f.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(p.first[0]!.x).toHaveLength(64);
    expect(Math.max(...p.first.flatMap((f) => f.x))).toBeLessThanOrEqual(1);
  });
});

describe('iris', () => {
  test('150 samples of [4], 3 named classes; auto scale standardises each feature', async () => {
    const info = BUILTIN_DATASETS.iris!;
    const d = await loadDataset({ source: 'builtin', name: 'iris', validationSplit: 0 }, { ...base, inputShape: [4], loss: 'categoricalCrossentropy' });
    expect(d.train.n).toBe(info.samples);
    expect(d.val.n).toBe(0);
    expect(d.xShape).toEqual(info.sampleShape);
    expect(d.yShape).toEqual([3]);
    expect(d.classNames).toEqual(info.classNames);
    for (let f = 0; f < 4; f++) {
      const col = Array.from({ length: 150 }, (_, i) => d.train.x[i * 4 + f]!);
      const mean = col.reduce((a, b) => a + b) / 150;
      const variance = col.reduce((a, b) => a + (b - mean) ** 2, 0) / 150;
      expect(mean).toBeCloseTo(0, 5);
      expect(variance).toBeCloseTo(1, 4);
    }
    const t = d.inputTransform;
    expect(Array.isArray(t.shift) && (t.shift as number[])[0]).toBeCloseTo(5.8433, 3);
  });

  test('a numeric scale keeps raw × scale', async () => {
    const p = await previewDataset({ source: 'builtin', name: 'iris', scale: 1 }, base.baseDir, 1);
    expect(p.first[0]!.x.map((v) => +v.toFixed(4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(p.first[0]!.label).toBe(0);
    expect(p.classCounts).toEqual([50, 50, 50]);
  });
});

describe('sine', () => {
  test('x is `steps` consecutive values [steps,1], y the next value of the same series', async () => {
    const load = (steps: number) => loadDataset({ source: 'builtin', name: 'sine', steps, samples: 50, shuffle: false, validationSplit: 0, seed: 3 }, { ...base, inputShape: [steps, 1], loss: 'meanSquaredError' });
    const [a, b] = await Promise.all([load(20), load(21)]);
    expect(a.xShape).toEqual([20, 1]);
    expect(a.yShape).toEqual([1]);
    expect(a.numClasses).toBe(0);
    expect(a.trainLabels).toBeUndefined();
    for (let i = 0; i < 50; i++) {
      const series = sineSeries(3, i, 21);
      expect(Array.from(a.train.x.subarray(i * 20, i * 20 + 20))).toEqual(Array.from(series.subarray(0, 20)));
      expect(a.train.y[i]).toBe(series[20]);
      // A longer window of the same sample continues the same series: its 21st value is the shorter one's target.
      expect(b.train.x[i * 21 + 20]).toBe(a.train.y[i]);
    }
  });

  test('defaults: 2,000 samples of 20 steps, values within ±1.3, deterministic from the seed', async () => {
    const load = (seed: number) => loadDataset({ source: 'builtin', name: 'sine', seed }, { ...base, inputShape: [20, 1], loss: 'meanSquaredError' });
    const [a, b, c] = await Promise.all([load(0), load(0), load(1)]);
    expect(a.train.n + a.val.n).toBe(BUILTIN_DATASETS.sine!.samples);
    expect(a.train.n).toBe(1600);
    expect(sameValues(a.train.x, b.train.x)).toBe(true);
    expect(sameValues(a.train.x, c.train.x)).toBe(false);
    expect(Math.max(...a.train.x.map(Math.abs))).toBeLessThan(1.3);
    // Amplitudes are 0.5–1, so waves are not flat.
    expect(Math.max(...a.train.x.map(Math.abs))).toBeGreaterThan(0.5);
  });

  test('a classification loss on sine is an error', async () => {
    await expect(loadDataset({ source: 'builtin', name: 'sine' }, { ...base, inputShape: [20, 1], loss: 'categoricalCrossentropy' }))
      .rejects.toThrow(/classification loss .* numeric targets: use meanSquaredError/);
  });
});

describe('the built-in data folder', () => {
  const saved = process.env.LAYERLOOM_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.LAYERLOOM_DATA_DIR;
    else process.env.LAYERLOOM_DATA_DIR = saved;
  });

  test('is found from the module location', () => {
    delete process.env.LAYERLOOM_DATA_DIR;
    expect(builtinDataDir()).toBe(path.resolve(__dirname, '../../templates/data'));
    expect(builtinDataCandidates()).toContain(path.resolve(__dirname, '../../templates/data'));
  });

  test('LAYERLOOM_DATA_DIR overrides it, and a wrong folder names the missing file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'layerloom-builtin-'));
    try {
      cpSync(path.resolve(__dirname, '../../templates/data'), dir, { recursive: true });
      process.env.LAYERLOOM_DATA_DIR = dir;
      expect(builtinDataDir()).toBe(dir);
      const p = await previewDataset({ source: 'builtin', name: 'iris' }, '/');
      expect(p.samples).toBe(150);
      process.env.LAYERLOOM_DATA_DIR = path.join(dir, 'missing');
      const err = await previewDataset({ source: 'builtin', name: 'digits' }, '/').catch((e) => e);
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toContain(path.join(dir, 'missing', 'digits.csv.gz'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown built-in name is a DataError', async () => {
    await expect(previewDataset({ source: 'builtin', name: 'mnist' }, '/')).rejects.toThrow(/digits, iris, sine/);
  });
});
