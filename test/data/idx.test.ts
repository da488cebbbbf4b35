import { existsSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { DataError, loadDataset, previewDataset } from '../../electron/engine/data/index.js';
import { idx, opts, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

// Five 2×3 "images"; image i has every pixel = 50 * i, label i % 3.
const pixels = Array.from({ length: 5 * 6 }, (_, k) => 50 * Math.floor(k / 6));
const labels = [0, 1, 2, 0, 1];
tmp.write('raw/images-idx3-ubyte', idx('uint8', [5, 2, 3], pixels));
tmp.write('raw/labels-idx1-ubyte', idx('uint8', [5], labels));
tmp.write('gz/images-idx3-ubyte.gz', idx('uint8', [5, 2, 3], pixels, true));
tmp.write('gz/labels-idx1-ubyte.gz', idx('uint8', [5], labels, true));
tmp.write('float-images.idx', idx('float32', [5, 6], pixels.map((p) => p / 1000)));
const base = { source: 'idx', shuffle: false, validationSplit: 0 } as const;

describe('idx', () => {
  test.each(['raw', 'gz'])('%s: uint8 images → [rows, cols, 1] scaled to [0, 1]', async (folder) => {
    const ext = folder === 'gz' ? '.gz' : '';
    const d = await loadDataset({ ...base, images: `${folder}/images-idx3-ubyte${ext}`, labels: `${folder}/labels-idx1-ubyte${ext}` }, opts(tmp.dir, [2, 3, 1]));
    expect(d.train.n).toBe(5);
    expect(d.xShape).toEqual([2, 3, 1]);
    expect(d.train.x[6 * 4]).toBeCloseTo(200 / 255, 6);
    expect(Array.from(d.train.y)).toEqual(labels);
    expect(d.numClasses).toBe(3);
    expect(d.inputTransform).toEqual({ shift: 0, factor: 1 / 255 });
  });

  test('an explicit scale replaces the automatic one; float data is not rescaled by auto', async () => {
    const d = await loadDataset({ ...base, images: 'raw/images-idx3-ubyte', labels: 'raw/labels-idx1-ubyte', scale: 1 }, opts(tmp.dir, [6]));
    expect(d.train.x[6]).toBe(50);
    const f = await loadDataset({ ...base, images: 'float-images.idx', labels: 'raw/labels-idx1-ubyte' }, opts(tmp.dir, [6]));
    expect(f.train.x[6]).toBeCloseTo(0.05, 6);
  });

  test('labels are optional for autoencoders and GANs, required for supervised training', async () => {
    const ae = await loadDataset({ ...base, images: 'raw/images-idx3-ubyte' }, { ...opts(tmp.dir, [6], 'meanSquaredError'), kind: 'autoencoder' });
    expect(ae.train.y).toBe(ae.train.x);
    expect(ae.yShape).toEqual([6]);
    await expect(loadDataset({ ...base, images: 'raw/images-idx3-ubyte' }, opts(tmp.dir, [6])))
      .rejects.toThrow('dataset.labels is missing');
  });

  test('preview', async () => {
    const p = await previewDataset({ ...base, images: 'gz/images-idx3-ubyte.gz', labels: 'gz/labels-idx1-ubyte.gz' }, tmp.dir, 4);
    expect(p).toMatchObject({ source: 'gz/images-idx3-ubyte.gz', sampleShape: [2, 3, 1], samples: 5, classCounts: [2, 2, 1], isImage: true });
    expect(p.first.map((f) => f.label)).toEqual([0, 1, 2, 0]);
  });
});

describe('idx errors', () => {
  test('truncated images file', async () => {
    tmp.write('trunc.idx', idx('uint8', [5, 2, 3], pixels).subarray(0, 30));
    const err = await loadDataset({ ...base, images: 'trunc.idx', labels: 'raw/labels-idx1-ubyte' }, opts(tmp.dir, [])).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('trunc.idx: truncated: shape [5,2,3] of uint8 needs 46 bytes, the file has 30 (record 2 is incomplete)');
  });

  test('truncated header, wrong magic, unknown type', async () => {
    tmp.write('hdr.idx', new Uint8Array([0, 0, 8, 3, 0, 0]));
    tmp.write('magic.idx', new TextEncoder().encode('hello world'));
    tmp.write('type.idx', new Uint8Array([0, 0, 0x42, 1, 0, 0, 0, 0]));
    const run = (images: string) => loadDataset({ ...base, images, labels: 'raw/labels-idx1-ubyte' }, opts(tmp.dir, []));
    await expect(run('hdr.idx')).rejects.toThrow('hdr.idx: truncated: the header needs 16 bytes, the file has 6');
    await expect(run('magic.idx')).rejects.toThrow('magic.idx: not an IDX file');
    await expect(run('type.idx')).rejects.toThrow('type.idx: unknown IDX value type 0x42');
  });

  test('corrupt gzip', async () => {
    const good = idx('uint8', [5, 2, 3], pixels, true);
    const bad = Uint8Array.from(good);
    bad.fill(0xff, 12, 30);
    tmp.write('corrupt.idx.gz', bad);
    await expect(loadDataset({ ...base, images: 'corrupt.idx.gz', labels: 'raw/labels-idx1-ubyte' }, opts(tmp.dir, [])))
      .rejects.toThrow(/^corrupt\.idx\.gz: not a valid gzip file/);
  });

  test('label count mismatch and negative labels', async () => {
    tmp.write('four-labels.idx', idx('uint8', [4], [0, 1, 2, 0]));
    tmp.write('neg-labels.idx', idx('int32', [5], [0, 1, -2, 0, 1]));
    await expect(loadDataset({ ...base, images: 'raw/images-idx3-ubyte', labels: 'four-labels.idx' }, opts(tmp.dir, [])))
      .rejects.toThrow('four-labels.idx: expected 5 labels (one per image in raw/images-idx3-ubyte), got shape [4]');
    const err = await loadDataset({ ...base, images: 'raw/images-idx3-ubyte', labels: 'neg-labels.idx' }, opts(tmp.dir, [])).catch((e) => e);
    expect(err.message).toMatch(/^neg-labels\.idx record 2: label -2 is out of range/);
    expect(err.row).toBe(2);
  });

  test('the Input shape must hold as many values', async () => {
    await expect(loadDataset({ ...base, images: 'raw/images-idx3-ubyte', labels: 'raw/labels-idx1-ubyte' }, opts(tmp.dir, [10])))
      .rejects.toThrow('dataset sample shape [2,3,1] (6 values) does not fit the Input shape [10] (10 values): set the Input shape to [2,3,1]');
  });
});

// Real data when Debian's dataset-fashion-mnist is installed (not in the repository; skipped elsewhere).
const FASHION = '/usr/share/datasets/fashion-mnist';
test.skipIf(!existsSync(`${FASHION}/t10k-images-idx3-ubyte.gz`))('Fashion-MNIST test set from Debian', async () => {
  const d = await loadDataset({ source: 'idx', images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz', validationSplit: 0.1 }, opts(FASHION, [784]));
  expect([d.train.n, d.val.n, d.numClasses]).toEqual([9000, 1000, 10]);
  expect(d.xShape).toEqual([784]);
  expect(Math.max(...d.train.x.subarray(0, 784 * 10))).toBeLessThanOrEqual(1);
  expect(Array.from({ length: 10 }, (_, c) => d.valLabels!.filter((l) => l === c).length)).toEqual(new Array(10).fill(100));
});
