// `source: 'npy'`: NumPy .npy files (format versions 1–3), little-endian, C order. `x` holds the samples
// [n, …sample shape]; the optional `y` holds class labels [n] (or one-hot [n, k]) or numeric targets [n, …].
import type { Dataset } from '../../../shared/project.js';
import { DataError, fileError } from './errors.js';
import { readMaybeGzip, resolveDataPath, type ResolvedPath } from './files.js';
import { labelsFromNumbers } from './labels.js';
import { IDENTITY, product, type RawDataset } from './types.js';

export interface NpyArray {
  /** The dtype kind and size, e.g. `f4`, `u1`, `b1`. */
  dtype: string;
  shape: number[];
  values: Float32Array;
}

type Reader = (view: DataView, offset: number) => number;

const DTYPES: Record<string, { bytes: number; read: Reader }> = {
  f4: { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  f8: { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
  i1: { bytes: 1, read: (v, o) => v.getInt8(o) },
  i2: { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  i4: { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  i8: { bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  u1: { bytes: 1, read: (v, o) => v.getUint8(o) },
  u2: { bytes: 2, read: (v, o) => v.getUint16(o, true) },
  u4: { bytes: 4, read: (v, o) => v.getUint32(o, true) },
  u8: { bytes: 8, read: (v, o) => Number(v.getBigUint64(o, true)) },
  b1: { bytes: 1, read: (v, o) => (v.getUint8(o) ? 1 : 0) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Reads one `'key': value` entry of the header, a Python dict literal. */
function headerField(header: string, key: string): string | undefined {
  const match = new RegExp(`['"]${key}['"]\\s*:\\s*('[^']*'|"[^"]*"|True|False|\\([^)]*\\))`).exec(header);
  return match?.[1];
}

export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw fileError(file, 'not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) {
    headerStart = 10;
    headerLength = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw fileError(file, 'truncated header');
    headerStart = 12;
    headerLength = view.getUint32(8, true);
  } else {
    throw fileError(file, `unsupported .npy format version ${major}`);
  }
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) throw fileError(file, `truncated: the header says ${headerLength} bytes, the file ends first`);
  const header = Buffer.from(bytes.subarray(headerStart, dataStart)).toString(major === 3 ? 'utf8' : 'latin1');

  const descr = headerField(header, 'descr')?.slice(1, -1);
  const fortran = headerField(header, 'fortran_order');
  const shapeText = headerField(header, 'shape');
  if (!descr || !fortran || !shapeText) throw fileError(file, `cannot read the header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True') throw fileError(file, 'Fortran-order arrays are not supported: save with np.ascontiguousarray(a)');
  const match = /^([<>|=]?)([a-z]\d+)$/.exec(descr);
  const dtype = match?.[2];
  const spec = dtype ? DTYPES[dtype] : undefined;
  if (!match || !dtype || !spec) {
    throw fileError(file, `unsupported dtype '${descr}': use float32, float64, int8–int64, uint8–uint64 or bool`);
  }
  if (match[1] === '>' && spec.bytes > 1) throw fileError(file, `big-endian data ('${descr}') is not supported: save with a.astype('<${dtype}')`);
  const dims = shapeText.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (dims.some((d) => !/^\d+L?$/.test(d))) throw fileError(file, `cannot read the shape ${shapeText}`);
  const shape = dims.map((d) => Number.parseInt(d, 10));

  const count = product(shape);
  const expected = dataStart + count * spec.bytes;
  if (bytes.length < expected) {
    throw fileError(file, `truncated: shape (${shape.join(', ')}) of ${descr} needs ${expected} bytes, the file has ${bytes.length}`);
  }
  const values = new Float32Array(count);
  if (dtype === 'u1' || dtype === 'b1') {
    const data = bytes.subarray(dataStart, expected);
    if (dtype === 'u1') values.set(data);
    else for (let i = 0; i < count; i++) values[i] = data[i] ? 1 : 0;
  } else {
    for (let i = 0; i < count; i++) values[i] = spec.read(view, dataStart + i * spec.bytes);
  }
  if (dtype.startsWith('f')) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const record = shape.length ? Math.floor(bad / Math.max(1, product(shape.slice(1)))) : 0;
      throw new DataError(`${file} record ${record}: value ${values[bad]} is not a finite number`, file, record);
    }
  }
  return { dtype, shape, values };
}

async function readNpy(file: ResolvedPath): Promise<NpyArray> {
  return parseNpy(await readMaybeGzip(file), file.display);
}

/** Whether an [n, k] array is one-hot: every row has a single 1 and zeros elsewhere. */
function oneHotToLabels(values: Float32Array, n: number, k: number): Int32Array | undefined {
  if (k < 2) return undefined;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let hot = -1;
    for (let j = 0; j < k; j++) {
      const v = values[i * k + j]!;
      if (v === 1 && hot < 0) hot = j;
      else if (v !== 0) return undefined;
    }
    if (hot < 0) return undefined;
    labels[i] = hot;
  }
  return labels;
}

/** Image-like when each sample is [h, w, 1|3] (channels-last, as the Input node expects). */
function looksLikeImage(sampleShape: number[]): boolean {
  return sampleShape.length === 3 && (sampleShape[2] === 1 || sampleShape[2] === 3) && sampleShape[0]! >= 4 && sampleShape[1]! >= 4;
}

export async function loadNpy(dataset: Dataset, baseDir: string, needLabels: boolean): Promise<RawDataset> {
  const xFile = resolveDataPath(dataset.x, baseDir, 'x');
  const x = await readNpy(xFile);
  if (x.shape.length === 0) throw fileError(xFile.display, 'expected an array of samples [n, …], got a scalar');
  const n = x.shape[0]!;
  const sampleShape = x.shape.length === 1 ? [1] : x.shape.slice(1);
  const raw: RawDataset = {
    file: xFile.display, x: x.values, n, sampleShape, isImage: looksLikeImage(sampleShape),
    autoTransform: x.dtype === 'u1' ? { shift: 0, factor: 1 / 255 } : IDENTITY,
  };
  if (!dataset.y) {
    if (needLabels) throw new DataError('dataset.y is missing: supervised training on .npy data needs a y file');
    return raw;
  }
  const yFile = resolveDataPath(dataset.y, baseDir, 'y');
  const y = await readNpy(yFile);
  if (y.shape[0] !== n) {
    throw fileError(yFile.display, `expected ${n} records (one per sample of ${xFile.display}), got shape (${y.shape.join(', ')})`);
  }
  const perSample = y.shape.slice(1);
  const errorAt = (i: number, message: string) => new DataError(`${yFile.display} record ${i}: ${message}`, yFile.display, i);
  if (product(perSample) === 1) {
    const result = labelsFromNumbers(y.values, dataset.labelMode, errorAt, !y.dtype.startsWith('f'));
    return result.kind === 'classes'
      ? { ...raw, labels: result.labels, classNames: result.classNames }
      : { ...raw, targets: result.targets, targetShape: perSample.length ? perSample : [1] };
  }
  // [n, k]: one-hot rows are class labels (k classes, even if some never occur); anything else is a target.
  const oneHot = perSample.length === 1 && dataset.labelMode !== 'regression' ? oneHotToLabels(y.values, n, perSample[0]!) : undefined;
  if (oneHot) return { ...raw, labels: oneHot, classNames: Array.from({ length: perSample[0]! }, (_, i) => String(i)) };
  if (dataset.labelMode === 'onehot' || dataset.labelMode === 'sparse') {
    throw fileError(yFile.display, `labelMode "${dataset.labelMode}" needs class labels: shape (n,) or one-hot (n, k), got (${y.shape.join(', ')})`);
  }
  return { ...raw, targets: y.values, targetShape: perSample };
}
