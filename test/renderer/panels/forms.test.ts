import { describe, expect, it } from 'vitest';
import { ProjectSchema, type Dataset } from '../../../shared/project.js';
import { validate } from '../../../shared/validate.js';
import { changeSource, classBars, datasetDiagnostics, datasetFit, errorField, missingFields, sampleText, withField } from '../../../renderer/panels/dataset/dataset-form.js';
import { relativeTo } from '../../../renderer/panels/dataset/FilePicker.js';
import { describeFailure, describeOnnx, exportableModels, onnxRequest, weightsOptions, weightsPath } from '../../../renderer/panels/export/export-form.js';
import { formatIntList, parseIntList, parseNumber } from '../../../renderer/panels/shared/number-input.js';
import { chartModels, compareChart } from '../../../renderer/panels/training/charts.js';
import { reduceDashboard, startingDashboard } from '../../../renderer/panels/training/dashboard.js';
import { cellExamplesView, imagesByIndex, orderedMetrics, predictionCards, usableEvaluation } from '../../../renderer/panels/training/results.js';
import type { RunRecord } from '../../../renderer/panels/training/runs.js';
import { scheduleCurve, scheduleOfType, setOptimizerType, toggleMetric, trainingHints } from '../../../renderer/panels/training/training-form.js';
import { readFileSync } from 'node:fs';

const cnn = ProjectSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/digits-cnn.layerloom.json', import.meta.url), 'utf8')));
const dataset = (d: Partial<Dataset>) => ({ validationSplit: 0.2, scale: 'auto', labelMode: 'auto', shuffle: true, source: 'builtin', ...d }) as Dataset;

describe('number input', () => {
  it('parses numbers, fractions, bounds and optional values', () => {
    expect(parseNumber('0.001')).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('1/255')).toEqual({ ok: true, value: 1 / 255 });
    expect(parseNumber('1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseNumber('', { optional: true })).toEqual({ ok: true, value: undefined });
    expect(parseNumber('')).toMatchObject({ ok: false });
    expect(parseNumber('abc')).toMatchObject({ ok: false, message: '"abc" is not a number' });
    expect(parseNumber('0', { min: 0, exclusiveMin: true })).toMatchObject({ ok: false, message: 'must be greater than 0' });
    expect(parseNumber('2.5', { integer: true })).toMatchObject({ ok: false, message: 'must be a whole number' });
    expect(parseNumber('0.95', { max: 0.9 })).toMatchObject({ ok: false, message: 'must be at most 0.9' });
  });
  it('parses class lists with ranges', () => {
    expect(parseIntList('0-3, 7')).toEqual({ ok: true, value: [0, 1, 2, 3, 7] });
    expect(parseIntList('')).toEqual({ ok: true, value: undefined });
    expect(parseIntList('1, x')).toMatchObject({ ok: false, message: '"x" is not a class number' });
    expect(formatIntList([1, 2])).toBe('1, 2');
  });
});

describe('dataset form', () => {
  it('switches source keeping preprocessing and dropping source fields', () => {
    const d = dataset({ source: 'csv', path: 'a.csv', header: true, validationSplit: 0.3, seed: 4, classes: [1, 2] });
    const b = changeSource(d, 'builtin');
    expect(b).toMatchObject({ source: 'builtin', name: 'digits', validationSplit: 0.3, seed: 4 });
    expect(b).not.toHaveProperty('path');
    expect(b).not.toHaveProperty('header');
    expect(b).not.toHaveProperty('classes');
    expect(changeSource(undefined, 'npy')).toMatchObject({ source: 'npy', validationSplit: 0.2 });
    expect(withField(d, 'path', undefined)).not.toHaveProperty('path');
  });
  it('names missing paths and the field an error is about', () => {
    expect(missingFields(dataset({ source: 'idx' }), 'supervised')).toEqual({ images: 'choose the images file', labels: 'choose the labels file' });
    expect(missingFields(dataset({ source: 'idx', images: 'x' }), 'autoencoder')).toEqual({});
    const d = dataset({ source: 'npy', x: 'data/x.npy', y: 'data/y.npy' });
    expect(errorField(d, 'y.npy record 5: label -1 is negative')).toBe('y');
    expect(errorField(d, '/abs/data/x.npy: no such file')).toBe('x');
    expect(errorField(d, 'bad request', 'dataset.validationSplit')).toBe('validationSplit');
    expect(errorField(d, 'something else')).toBeNull();
  });
  it('checks the previewed data against the model', () => {
    const v = validate(cnn);
    const preview = { source: 'digits', sampleShape: [8, 8, 1], samples: 1797, numClasses: 10, classNames: [], classCounts: [], first: [], isImage: true };
    expect(datasetFit(preview, cnn, v).map((f) => f.severity)).toEqual(['ok', 'ok']);
    expect(datasetFit({ ...preview, sampleShape: [64] }, cnn, v)[0]).toMatchObject({ severity: 'info' });
    const bad = datasetFit({ ...preview, sampleShape: [4], numClasses: 3 }, cnn, v);
    expect(bad[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('set the Input shape to [4]') });
    expect(bad[1]).toMatchObject({ severity: 'error', message: expect.stringContaining("units to 3") });
    expect(datasetFit(preview, cnn, null)).toEqual([]);
  });
  it('sorts validation problems into fields and general ones', () => {
    const iris = { ...cnn, dataset: dataset({ name: 'iris' }) };
    const { byField, general } = datasetDiagnostics(validate(iris));
    expect(byField).toEqual({});
    expect(general.join(' ')).toMatch(/iris samples have shape \[4\]/);
    expect(datasetDiagnostics(validate({ ...cnn, dataset: dataset({ source: 'csv' }) })).byField.path).toMatch(/needs dataset.path/);
  });
  it('formats class bars and samples', () => {
    expect(classBars({ classCounts: [5, 10], classNames: ['a', 'b'] } as never)).toEqual([{ name: 'a', count: 5, share: 0.5 }, { name: 'b', count: 10, share: 1 }]);
    expect(sampleText([1, 2.3456, 3], 2)).toBe('1, 2.35, … (3)');
  });
  it('stores chosen paths relative to the project folder', () => {
    expect(relativeTo('/p/proj', '/p/proj/data/x.csv')).toBe('data/x.csv');
    expect(relativeTo('/p/proj', '/p/data/x.csv')).toBe('../data/x.csv');
    expect(relativeTo('/a/b/c/d', '/x/y.csv')).toBe('/x/y.csv');
    expect(relativeTo(undefined, '/x/y.csv')).toBe('/x/y.csv');
    expect(relativeTo('C:\\p', 'C:\\p\\d\\x.csv')).toBe('d\\x.csv');
  });
});

describe('training form', () => {
  const t = cnn.training;
  it('switches optimizer and schedule with sensible defaults', () => {
    expect(setOptimizerType({ ...t, optimizer: { type: 'adam', learningRate: 0.01, beta1: 0.8 } }, 'momentum').optimizer).toEqual({ type: 'momentum', learningRate: 0.01, momentum: 0.9 });
    expect(scheduleOfType('constant')).toBeUndefined();
    expect(scheduleOfType('step')).toEqual({ type: 'step', every: 10, factor: 0.5 });
    const cos = { type: 'cosine' as const, minLearningRate: 0.1 };
    expect(scheduleOfType('cosine', cos)).toBe(cos);
    expect(toggleMetric(['accuracy'], 'mae', true)).toEqual(['accuracy', 'mae']);
    expect(toggleMetric(['accuracy', 'mae'], 'accuracy', false)).toEqual(['mae']);
  });
  it('draws the schedule the trainer follows', () => {
    const c = scheduleCurve({ optimizer: { type: 'adam', learningRate: 0.1 }, schedule: { type: 'step', every: 2, factor: 0.5 }, epochs: 5 });
    expect(c.x).toEqual([1, 2, 3, 4, 5]);
    expect(c.y).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const long = scheduleCurve({ optimizer: { type: 'adam', learningRate: 1 }, schedule: undefined, epochs: 10_000 }, 100);
    expect(long.x.length).toBeLessThanOrEqual(101);
    expect(long.x.at(-1)).toBe(10_000);
  });
  it('hints at settings that are probably not meant', () => {
    expect(trainingHints({ ...t, optimizer: { type: 'adam', learningRate: 0.5 } })[0]).toMatch(/high/);
    expect(trainingHints({ ...t, earlyStopping: { patience: 50, monitor: 'val_loss' }, epochs: 5 }).join()).toMatch(/never trigger/);
    expect(trainingHints(t)).toEqual([]);
  });
});

describe('charts and results', () => {
  const s = [
    { event: 'start', backend: 'cpu', params: 1, samples: 4, epochs: 2, batchesPerEpoch: 2 },
    { event: 'batch', epoch: 0, batch: 0, batches: 2, metrics: { loss: 2, accuracy: 0.2 } },
    { event: 'batch', epoch: 0, batch: 1, batches: 2, metrics: { loss: 1, accuracy: 0.4 } },
    { event: 'epoch', epoch: 0, epochs: 2, seconds: 1, metrics: { loss: 1.5, accuracy: 0.3, val_loss: 1.4, val_accuracy: 0.35 } },
  ].reduce((st, e, i) => reduceDashboard(st, e as never, i), startingDashboard(0, 2));

  it('builds one chart per metric with batch, epoch and validation series', () => {
    const [loss, acc] = chartModels(s);
    expect(loss!.series.map((x) => x.label)).toEqual(['loss (batch)', 'loss (epoch)', 'val_loss']);
    expect(loss!.data).toEqual([[0.5, 1], [2, 1], [null, 1.5], [null, 1.4]]);
    expect(acc!.yRange).toEqual([0, 1]);
    expect(loss!.summary).toBe('Loss: loss 1.5, val_loss 1.4');
    const cmp = compareChart([{ label: 'Run 1', curve: { x: [1, 2], values: { loss: [1, 0.5] } } }, { label: 'Run 2', curve: { x: [1], values: {} } }], 'loss');
    expect(cmp.data).toEqual([[1, 2], [1, 0.5], [null, null]]);
  });

  it('matches prediction images to validation indices', () => {
    const img = (caption?: string) => ({ width: 1, height: 1, channels: 1, pixels: [0], ...(caption ? { caption } : {}) });
    const evaluation = {
      classNames: ['a', 'b'], confusion: [[3, 1], [0, 2]], examples: { '0,1': [7], '0,0': [1, 2] },
      predictions: [{ index: 1, label: 0, predicted: 0, confidence: 0.9 }, { index: 7, label: 0, predicted: 1, confidence: 0.6 }],
    };
    const byIndex = imagesByIndex({ kind: 'prediction', images: [img('#7 predicted b (true a)'), img()] }, evaluation);
    expect([...byIndex.keys()]).toEqual([7]);
    expect(byIndex.get(7)!.caption).toBe('#7 predicted b (true a)');
    const ordered = imagesByIndex({ kind: 'prediction', images: [img(), img()] }, evaluation);
    expect([...ordered.keys()]).toEqual([1, 7]);
    const cards = predictionCards(evaluation, ordered);
    expect(cards[1]).toMatchObject({ label: 'a', predicted: 'b', correct: false });
    expect(cards[1]!.image).toBeDefined();
    const cell = cellExamplesView(evaluation, 0, 1, ordered);
    expect(cell).toMatchObject({ title: 'a taken for b', count: 1, indices: [7] });
    expect(cellExamplesView(evaluation, 0, 0, new Map()).images).toEqual([{ index: 1 }, { index: 2 }]);
    expect(usableEvaluation(evaluation, 'supervised')).toBe(evaluation);
    expect(usableEvaluation(evaluation, 'autoencoder')).toBeNull();
    expect(usableEvaluation({ ...evaluation, predictions: [{ index: 0, label: 1, predicted: 28, confidence: 1 }] }, 'supervised')).toBeNull();
    expect(orderedMetrics({ val_accuracy: 1, accuracy: 2, val_loss: 3, loss: 4 }).map(([n]) => n)).toEqual(['loss', 'val_loss', 'accuracy', 'val_accuracy']);
  });
});

describe('export form', () => {
  const run = (id: string, out: string | null, status: RunRecord['status'] = 'done') => ({ id, out, status }) as RunRecord;
  it('offers the runs that left an artifact, newest first, then untrained and a folder', () => {
    const opts = weightsOptions([run('b', '/r/b'), run('a', null), run('c', '/r/c', 'error')], new Map([['b', 2]]), () => 'x');
    expect(opts.map((o) => o.value)).toEqual(['run:b', 'untrained', 'folder']);
    expect(opts[0]!.label).toBe('Run 2: x');
    expect(weightsPath('run:b', opts, '')).toBe('/r/b');
    expect(weightsPath('untrained', opts, '')).toBeUndefined();
    expect(weightsPath('folder', opts, ' /f ')).toBe('/f');
  });
  it('builds the request and reads the answer', () => {
    expect(exportableModels({ ...cnn, models: { discriminator: cnn.models.main!, generator: cnn.models.main! } })).toEqual(['generator', 'discriminator']);
    const req = onnxRequest(cnn, undefined, { format: 'onnx', weights: '/r/b', model: 'main', opset: 15, verify: true, out: '' });
    expect(req).toMatchObject({ weights: '/r/b', opset: 15, verify: true });
    expect(req).not.toHaveProperty('model');
    expect(req).not.toHaveProperty('out');
    const ok = describeOnnx({ canceled: false, path: '/p/m.onnx', bytes: 2048, maxAbsDiff: 3e-7, inputs: ['pixels'], outputs: ['digit'] }, true, false);
    expect(ok).toMatchObject({ kind: 'ok', path: '/p/m.onnx', verification: { passed: true } });
    expect(ok.lines.join(' ')).toMatch(/Verification passed.*3\.00e-7/);
    expect(describeOnnx({ canceled: true }, true, false).kind).toBe('canceled');
    expect(describeOnnx({ canceled: false, path: '/p', bytes: 1, inputs: [], outputs: [] }, false, true).kind).toBe('warning');
    const failed = describeFailure('verification failed: ONNX Runtime differs from tfjs by 3.20e-2 (tolerance 0.0001)');
    expect(failed).toMatchObject({ title: 'Verification failed', verification: { passed: false, maxAbsDiff: 0.032 } });
    expect(describeFailure('boom').title).toBe('Export failed');
  });
});
