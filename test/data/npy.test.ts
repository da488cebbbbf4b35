import { afterAll, describe, expect, test } from 'vitest';
import { DataError, loadDataset, previewDataset } from '../../electron/engine/data/index.js';
import { npy, opts, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const xs = Array.from({ length: 4 * 6 }, (_, i) => i / 2);
tmp.write('x-f4.npy', npy('<f4', [4, 2, 3], xs));
tmp.write('x-f8-v2.npy', npy('<f8', [4, 6], xs, 2));
tmp.write('x-u1.npy', npy('|u1', [4, 6], xs.map((v) => Math.floor(v * 10))));
tmp.write('y-i8.npy', npy('<i8', [4], [2, 0, 1, 2]));
tmp.write('y-b1.npy', npy('|b1', [4], [1, 0, 0, 1]));
tmp.write('y-f4.npy', npy('<f4', [4], [0.5, 1.5, -2, 3]));
tmp.write('y-i4-onehot.npy', npy('<i4', [4, 3], [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]));
tmp.write('y-f4-2d.npy', npy('<f4', [4, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
const base = { source: 'npy', shuffle: false, validationSplit: 0 } as const;

describe('npy', () => {
  test('v1 float32 x [n,2,3] with int64 labels', async () => {
    const d = await loadDataset({ ...base, x: 'x-f4.npy', y: 'y-i8.npy' }, opts(tmp.dir, [2, 3]));
    expect(d.xShape).toEqual([2, 3]);
    expect(Array.from(d.train.x)).toEqual(xs);
    expect(Array.from(d.train.y)).toEqual([2, 0, 1, 2]);
    expect(d.numClasses).toBe(3);
  });

  test('v2 float64 reads the same values', async () => {
    const d = await loadDataset({ ...base, x: 'x-f8-v2.npy', y: 'y-i8.npy' }, opts(tmp.dir, [6]));
    expect(Array.from(d.train.x)).toEqual(xs);
  });

  test('uint8 x is scaled by 1/255 with auto; bool labels are two classes', async () => {
    const d = await loadDataset({ ...base, x: 'x-u1.npy', y: 'y-b1.npy' }, opts(tmp.dir, [6], 'binaryCrossentropy', { outputShape: [1] }));
    expect(d.train.x[1]).toBeCloseTo(5 / 255, 6);
    expect(d.encoding).toBe('binary');
    expect(d.yShape).toEqual([1]);
    expect(Array.from(d.train.y)).toEqual([1, 0, 0, 1]);
  });

  test('float y with fractions is a regression target; one-hot y is class labels; 2-D float y keeps its shape', async () => {
    const r = await loadDataset({ ...base, x: 'x-f4.npy', y: 'y-f4.npy' }, opts(tmp.dir, [6], 'meanSquaredError'));
    expect(r.numClasses).toBe(0);
    expect(Array.from(r.train.y)).toEqual([0.5, 1.5, -2, 3]);
    const oh = await loadDataset({ ...base, x: 'x-f4.npy', y: 'y-i4-onehot.npy' }, opts(tmp.dir, [6]));
    expect(Array.from(oh.train.y)).toEqual([2, 0, 1, 2]);
    expect(oh.numClasses).toBe(3);
    const t2 = await loadDataset({ ...base, x: 'x-f4.npy', y: 'y-f4-2d.npy' }, opts(tmp.dir, [6], 'meanSquaredError'));
    expect(t2.yShape).toEqual([2]);
    expect(Array.from(t2.val.y)).toEqual([]);
    expect(Array.from(t2.train.y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  test('y is optional for a GAN; preview without labels', async () => {
    const g = await loadDataset({ ...base, x: 'x-f4.npy' }, { ...opts(tmp.dir, [6], 'binaryCrossentropy'), kind: 'gan' });
    expect(g.train.n).toBe(4);
    expect(g.train.y).toHaveLength(0);
    expect(g.yShape).toEqual([]);
    const p = await previewDataset({ ...base, x: 'x-f4.npy' }, tmp.dir, 2);
    expect(p).toMatchObject({ sampleShape: [2, 3], samples: 4, numClasses: 0, isImage: false });
    expect(p.first[1]!.x).toEqual(xs.slice(6, 12));
  });
});

describe('npy errors', () => {
  const run = (x: string, y?: string) => loadDataset({ ...base, x, y }, opts(tmp.dir, []));

  test('truncated data', async () => {
    tmp.write('trunc.npy', npy('<f4', [4, 6], xs).subarray(0, 140));
    const err = await run('trunc.npy', 'y-i8.npy').catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('trunc.npy: truncated: shape (4, 6) of <f4 needs 224 bytes, the file has 140');
  });

  test('not npy, Fortran order, big-endian, unsupported dtype', async () => {
    tmp.write('text.npy', 'just text, no magic');
    tmp.write('fortran.npy', npy('<f4', [4, 6], xs, 1, true));
    tmp.write('big.npy', npy('>f4', [4, 6], xs));
    tmp.write('complex.npy', Buffer.from(Buffer.from(npy('<f8', [4, 6], xs)).toString('latin1').replace("'<f8'", "'<c8'"), 'latin1'));
    tmp.write('short-header.npy', npy('<f4', [4, 6], xs).subarray(0, 40));
    await expect(run('text.npy')).rejects.toThrow('text.npy: not a .npy file');
    await expect(run('fortran.npy')).rejects.toThrow('fortran.npy: Fortran-order arrays are not supported');
    await expect(run('big.npy')).rejects.toThrow("big.npy: big-endian data ('>f4') is not supported");
    await expect(run('short-header.npy')).rejects.toThrow('short-header.npy: truncated: the header says 118 bytes, the file ends first');
    await expect(run('complex.npy')).rejects.toThrow("complex.npy: unsupported dtype '<c8'");
  });

  test('y with a different count; NaN in x; negative integer label', async () => {
    tmp.write('y3.npy', npy('<i8', [3], [0, 1, 2]));
    tmp.write('nan.npy', npy('<f4', [4, 6], xs.map((v, i) => (i === 13 ? Number.NaN : v))));
    tmp.write('yneg.npy', npy('<i4', [4], [0, 1, -1, 0]));
    await expect(run('x-f4.npy', 'y3.npy')).rejects.toThrow('y3.npy: expected 4 records (one per sample of x-f4.npy), got shape (3)');
    await expect(run('nan.npy', 'y-i8.npy')).rejects.toThrow('nan.npy record 2: value NaN is not a finite number');
    await expect(run('x-f4.npy', 'yneg.npy')).rejects.toThrow(/^yneg\.npy record 2: label -1 is out of range/);
  });

  test('labelMode sparse on non-class y is refused', async () => {
    await expect(loadDataset({ ...base, x: 'x-f4.npy', y: 'y-f4-2d.npy', labelMode: 'sparse' }, opts(tmp.dir, [])))
      .rejects.toThrow('y-f4-2d.npy: labelMode "sparse" needs class labels: shape (n,) or one-hot (n, k), got (4, 2)');
  });
});
