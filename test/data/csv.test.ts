import { afterAll, describe, expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { DataError, loadDataset, previewDataset } from '../../electron/engine/data/index.js';
import { opts, tempDir } from './fixtures.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const plain = tmp.write('plain.csv', '1,2,0\n3,4,1\n5,6,2\n7,8,1\n');
const named = tmp.write('named.csv', 'width,species,height\n1.5,"dog",2\n3,cat,4\n5,dog,6\n7,bird,8\n');
const reg = tmp.write('reg.csv', 'a;b;price\n1;2;10.5\n3;4;20.25\n5;6;-3\n');
const gz = tmp.write('plain.csv.gz', gzipSync('1,2,0\n3,4,1\n'));
const load = (dataset: object, extra: Record<string, unknown> = {}, loss = 'sparseCategoricalCrossentropy', inputShape = [2]) =>
  loadDataset({ source: 'csv', shuffle: false, validationSplit: 0, ...dataset }, opts(tmp.dir, inputShape, loss, extra));

describe('csv', () => {
  test('numeric, no header, label last', async () => {
    const d = await load({ path: plain });
    expect(Array.from(d.train.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(d.train.y)).toEqual([0, 1, 2, 1]);
    expect(d.numClasses).toBe(3);
    expect(d.classNames).toEqual(['0', '1', '2']);
  });

  test('a gzipped csv reads the same', async () => {
    const d = await load({ path: gz });
    expect(Array.from(d.train.x)).toEqual([1, 2, 3, 4]);
  });

  test('header detected, label column by name, class names map to indices in natural order', async () => {
    const d = await load({ path: named, labelColumn: 'species' });
    expect(d.classNames).toEqual(['bird', 'cat', 'dog']);
    expect(Array.from(d.train.y)).toEqual([2, 1, 2, 0]);
    expect(Array.from(d.train.x)).toEqual([1.5, 2, 3, 4, 5, 6, 7, 8]);
    const byIndex = await load({ path: named, labelColumn: 1 });
    expect(byIndex.train.y).toEqual(d.train.y);
    const fromEnd = await load({ path: named, labelColumn: -2 });
    expect(fromEnd.train.y).toEqual(d.train.y);
  });

  test('header: false reads the first row as data (and then fails on the text in it)', async () => {
    const err = await load({ path: named, labelColumn: 1, header: false }).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe('named.csv row 1: column 1: "width" is not a number');
    expect(err.row).toBe(1);
    expect(err.file).toBe('named.csv');
  });

  test("labelMode 'regression' keeps numeric targets; fractional labels are targets anyway; ; delimiter", async () => {
    const d = await load({ path: reg }, {}, 'meanSquaredError');
    expect(d.numClasses).toBe(0);
    expect(d.yShape).toEqual([1]);
    expect(Array.from(d.train.y)).toEqual([10.5, 20.25, -3]);
    const explicit = await load({ path: plain, labelMode: 'regression' }, {}, 'meanSquaredError');
    expect(explicit.numClasses).toBe(0);
    expect(Array.from(explicit.train.y)).toEqual([0, 1, 2, 1]);
    expect(explicit.encoding).toBe('targets');
  });

  test('preview: rows, counts, no image', async () => {
    const p = await previewDataset({ source: 'csv', path: named, labelColumn: 'species' }, tmp.dir, 2);
    expect(p).toMatchObject({ source: 'named.csv', sampleShape: [2], samples: 4, classNames: ['bird', 'cat', 'dog'], classCounts: [1, 1, 2], isImage: false });
    expect(p.first).toEqual([{ x: [7, 8], shape: [2], label: 0 }, { x: [3, 4], shape: [2], label: 1 }]);
    const r = await previewDataset({ source: 'csv', path: reg }, tmp.dir, 1);
    expect(r.first).toEqual([{ x: [1, 2], shape: [2], label: 10.5 }]);
  });
});

describe('csv errors name the file and row', () => {
  const cases: [string, string, RegExp | string, object?][] = [
    ['short.csv', '1,2,0\n3,4,1\n5,6\n', 'short.csv row 3: expected 3 columns, got 2'],
    ['text.csv', '1,2,0\n3,x,1\n', 'text.csv row 2: column 2: "x" is not a number'],
    ['empty-cell.csv', '1,2,0\n\n3,,1\n', 'empty-cell.csv row 3: column 2: empty cell'],
    ['nolabel.csv', '1,2,0\n3,4, \n', 'nolabel.csv row 2: the label cell is empty'],
    ['nan.csv', '1,2,0\n3,NaN,1\n', 'nan.csv row 2: column 2: "NaN" is not a number'],
    ['empty.csv', '\n\n', 'empty.csv: the file is empty'],
    ['header-only.csv', 'a,b,label\n', 'header-only.csv: no data rows'],
    ['quote.csv', '1,2,0\n"3,4,1\n', 'quote.csv row 2: a quoted cell is not closed (cells cannot span lines)'],
    ['col.csv', 'a,b,c\n1,2,3\n', /col\.csv: dataset\.labelColumn "nope" is not a column; the header has "a", "b", "c"/, { labelColumn: 'nope' }],
    ['col2.csv', '1,2,3\n', 'col2.csv: dataset.labelColumn 5 is out of range: the file has 3 columns (0–2)', { labelColumn: 5 }],
    ['regtext.csv', 'a,b\n1,x\n2,y\n', 'regtext.csv row 2: label "x" is not a number (labelMode is "regression")', { labelMode: 'regression' }],
    ['neg.csv', '1,-1\n2,0\n', 'neg.csv row 1: label -1 is out of range: class labels are whole numbers from 0 (or set labelMode to "regression")', { labelMode: 'sparse' }],
  ];
  test.each(cases)('%s', async (name, text, message, extra) => {
    tmp.write(name, text);
    const err = await load({ path: name, ...extra }, {}, 'sparseCategoricalCrossentropy', []).catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });

  test('a binary file is refused', async () => {
    tmp.write('binary.csv', new Uint8Array([1, 0, 2, 44, 0]));
    await expect(load({ path: 'binary.csv' })).rejects.toThrow('binary.csv: not a text file');
  });

  test('a corrupt .gz is refused', async () => {
    tmp.write('bad.csv.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]));
    await expect(load({ path: 'bad.csv.gz' })).rejects.toThrow(/^bad\.csv\.gz: not a valid gzip file/);
  });

  test('a missing file names the resolved path; URLs are refused', async () => {
    await expect(load({ path: 'sub/missing.csv' })).rejects.toThrow(`file not found: ${tmp.dir}/sub/missing.csv`);
    await expect(load({ path: 'https://example.com/x.csv' })).rejects.toThrow('dataset.path: https://example.com/x.csv is a URL: give a file path (nothing is downloaded)');
    await expect(load({ path: 'file:///etc/passwd' })).rejects.toThrow('is a URL');
    await expect(load({ path: undefined })).rejects.toThrow('dataset.path is missing');
  });
});
