import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DataError, loadDataset, previewDataset } from '../../electron/engine/data/index.js';
import { resizeBilinear } from '../../electron/engine/data/image-codec.js';
import { jpg, opts, png, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const red = png(4, 4, () => [200, 10, 10]);
// Classes in natural order: class2 before class10. class2 holds PNGs, class10 JPEGs (plus files to skip).
tmp.write('pets/class2/b.png', red);
tmp.write('pets/class2/a10.png', png(4, 4, (x) => [200, 10, 10 + x]));
tmp.write('pets/class2/a9.png', png(4, 4, (x, y) => [100 + y, 10, 10]));
tmp.write('pets/class2/notes.txt', 'not an image');
tmp.write('pets/class2/.DS_Store', 'junk');
tmp.write('pets/class10/x.jpg', jpg(4, 4, () => [20, 40, 220]));
tmp.write('pets/class10/y.JPEG', jpg(4, 4, () => [20, 40, 220]));
tmp.write('pets/.hidden/z.png', red);
// Grey images: one channel by default.
tmp.write('grey/a/1.png', png(3, 2, (x, y) => [x * 50 + y, x * 50 + y, x * 50 + y]));
tmp.write('grey/b/1.png', png(3, 2, () => [255, 255, 255]));

const base = { source: 'images', shuffle: false, validationSplit: 0 } as const;

describe('images', () => {
  test('PNG and JPEG in class folders: RGB [h,w,3], /255, classes in natural order, junk skipped', async () => {
    const d = await loadDataset({ ...base, path: 'pets' }, opts(tmp.dir, [4, 4, 3]));
    expect(d.classNames).toEqual(['class2', 'class10']);
    expect(d.train.n).toBe(5);
    expect(Array.from(d.train.y)).toEqual([0, 0, 0, 1, 1]);
    expect(d.xShape).toEqual([4, 4, 3]);
    // Files in natural order within a class: a9, a10, b.
    expect(d.train.x[0]).toBeCloseTo(100 / 255, 6);
    expect(d.train.x[48 + 2]).toBeCloseTo(10 / 255, 6);
    expect(d.train.x[48 + 3 * 3 + 2]).toBeCloseTo(13 / 255, 6);
    expect(Array.from(d.train.x.slice(96, 99)).map((v) => +(v * 255).toFixed(0))).toEqual([200, 10, 10]);
    // JPEG is lossy: close to the blue it was written with.
    const jpegPixel = Array.from(d.train.x.slice(3 * 48, 3 * 48 + 3)).map((v) => v * 255);
    [20, 40, 220].forEach((v, i) => expect(Math.abs(jpegPixel[i]! - v)).toBeLessThan(8));
  });

  test('channels: grey folders load as one channel; channels 1 converts colour by luma; 3 expands grey', async () => {
    const grey = await loadDataset({ ...base, path: 'grey', scale: 1 }, opts(tmp.dir, []));
    expect(grey.xShape).toEqual([2, 3, 1]);
    expect(Array.from(grey.train.x.slice(0, 6))).toEqual([0, 50, 100, 1, 51, 101]);
    const luma = await loadDataset({ ...base, path: 'pets', channels: 1, scale: 1 }, opts(tmp.dir, [16]));
    expect(luma.train.x[32]).toBeCloseTo((200 * 299 + 10 * 587 + 10 * 114) / 1000, 4);
    const rgb = await loadDataset({ ...base, path: 'grey', channels: 3 }, opts(tmp.dir, [2, 3, 3]));
    expect(rgb.train.x.length).toBe(2 * 18);
  });

  test('imageSize resizes (bilinear) so that mixed sizes load', async () => {
    tmp.write('mixed/a/small.png', png(2, 2, () => [10, 10, 10]));
    tmp.write('mixed/a/big.png', png(4, 4, () => [30, 30, 30]));
    tmp.write('mixed/b/odd.jpg', jpg(5, 3, () => [128, 128, 128]));
    const d = await loadDataset({ ...base, path: 'mixed', imageSize: [3, 3], scale: 1 }, opts(tmp.dir, [3, 3, 1]));
    expect(d.xShape).toEqual([3, 3, 1]);
    expect(d.train.n).toBe(3);
    expect(new Set(d.train.x.slice(0, 9))).toEqual(new Set([30])); // big.png sorts first
    expect(new Set(d.train.x.slice(9, 18))).toEqual(new Set([10]));
  });

  test('bilinear downscaling by 2 averages each 2×2 block (no shift)', () => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) data.fill(p * 10, p * 4, p * 4 + 4);
    const small = resizeBilinear({ width: 4, height: 4, data }, 2, 2);
    const r = Array.from({ length: 4 }, (_, p) => small.data[p * 4]);
    expect(r).toEqual([25, 45, 105, 125]); // (0+10+40+50)/4, (20+30+60+70)/4, …
  });

  test('preview: class counts of all files, a few decoded images, class by class', async () => {
    const p = await previewDataset({ source: 'images', path: 'pets' }, tmp.dir, 3);
    expect(p).toMatchObject({ source: 'pets', sampleShape: [4, 4, 3], samples: 5, classNames: ['class2', 'class10'], classCounts: [3, 2], isImage: true });
    expect(p.first.map((f) => f.label)).toEqual([0, 1, 0]);
    const only = await previewDataset({ source: 'images', path: 'pets', classes: [1] }, tmp.dir, 3);
    expect(only).toMatchObject({ samples: 2, classNames: ['class10'], classCounts: [2] });
    expect(only.first.map((f) => f.label)).toEqual([0, 0]);
  });
});

describe('image errors', () => {
  test('mixed sizes without imageSize name the odd file', async () => {
    tmp.write('sizes/cat/a.png', png(28, 28, () => [0, 0, 0]));
    tmp.write('sizes/cat/x.png', png(32, 32, () => [0, 0, 0]));
    const err = await loadDataset({ ...base, path: 'sizes' }, opts(tmp.dir, [])).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('sizes/cat/x.png: 32×32 but the other images are 28×28 (e.g. sizes/cat/a.png): set dataset.imageSize to resize them all');
    expect(err.file).toBe('sizes/cat/x.png');
  });

  test('empty folder, loose images, empty class folder, missing folder, a file instead of a folder', async () => {
    mkdirSync(path.join(tmp.dir, 'empty'));
    tmp.write('loose/a.png', red);
    tmp.write('emptyclass/a/1.png', red);
    mkdirSync(path.join(tmp.dir, 'emptyclass/b'));
    tmp.write('emptyclass/b/readme.md', '#');
    const run = (p: string) => loadDataset({ ...base, path: p }, opts(tmp.dir, []));
    await expect(run('empty')).rejects.toThrow('empty: no class sub-folders');
    await expect(run('loose')).rejects.toThrow('loose: the images must be in one sub-folder per class');
    await expect(run('emptyclass')).rejects.toThrow('emptyclass/b: no PNG or JPEG files in this class folder');
    await expect(run('nowhere')).rejects.toThrow(`folder not found: ${path.join(tmp.dir, 'nowhere')}`);
    await expect(run('loose/a.png')).rejects.toThrow('is a file, a folder of class sub-folders was expected');
  });

  test('a corrupt PNG or JPEG names the file', async () => {
    tmp.write('corrupt/a/ok.png', red);
    tmp.write('corrupt/a/bad.png', Buffer.concat([Buffer.from(red).subarray(0, 40), Buffer.from('garbage')]));
    tmp.write('corrupt2/a/bad.jpg', 'not a jpeg at all');
    await expect(loadDataset({ ...base, path: 'corrupt' }, opts(tmp.dir, []))).rejects.toThrow(/^corrupt\/a\/bad\.png: cannot decode the image/);
    await expect(loadDataset({ ...base, path: 'corrupt2' }, opts(tmp.dir, []))).rejects.toThrow(/^corrupt2\/a\/bad\.jpg: cannot decode the image/);
  });
});
