// `source: 'idx'`: the MNIST / Fashion-MNIST IDX format, raw or gzipped. An IDX file is: two zero bytes, a type
// byte, the number of dimensions, one big-endian uint32 per dimension, then the values in C order, big-endian.
// `images` holds [n, rows, cols] (or [n, rows, cols, channels], or [n, features]); `labels` holds [n].
import type { Dataset } from '../../../shared/project.js';
import { DataError, fileError } from './errors.js';
import { readMaybeGzip, resolveDataPath, type ResolvedPath } from './files.js';
import { labelsFromNumbers } from './labels.js';
import { IDENTITY, product, type RawDataset } from './types.js';

interface IdxType { name: string; bytes: number; read: (view: DataView, offset: number) => number }

const TYPES: Record<number, IdxType> = {
  0x08: { name: 'uint8', bytes: 1, read: (v, o) => v.getUint8(o) },
  0x09: { name: 'int8', bytes: 1, read: (v, o) => v.getInt8(o) },
  0x0b: { name: 'int16', bytes: 2, read: (v, o) => v.getInt16(o, false) },
  0x0c: { name: 'int32', bytes: 4, read: (v, o) => v.getInt32(o, false) },
  0x0d: { name: 'float32', bytes: 4, read: (v, o) => v.getFloat32(o, false) },
  0x0e: { name: 'float64', bytes: 8, read: (v, o) => v.getFloat64(o, false) },
};

export interface IdxArray { type: string; shape: number[]; values: Float32Array }

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw fileError(file, 'not an IDX file (it must start with two zero bytes, a type byte and a dimension count)');
  }
  const type = TYPES[bytes[2]!];
  if (!type) throw fileError(file, `unknown IDX value type 0x${bytes[2]!.toString(16).padStart(2, '0')}`);
  const rank = bytes[3]!;
  if (rank < 1) throw fileError(file, 'an IDX file needs at least one dimension');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw fileError(file, `truncated: the header needs ${headerBytes} bytes, the file has ${bytes.length}`);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = product(shape);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length < expected) {
    const whole = Math.floor((bytes.length - headerBytes) / type.bytes / Math.max(1, product(shape.slice(1))));
    throw fileError(file, `truncated: shape [${shape.join(',')}] of ${type.name} needs ${expected} bytes, the file has ${bytes.length} (record ${whole} is incomplete)`);
  }
  const values = new Float32Array(count);
  if (type.bytes === 1 && type.name === 'uint8') {
    values.set(bytes.subarray(headerBytes, expected)); // the common case (MNIST), without a DataView call per value
  } else {
    for (let i = 0; i < count; i++) values[i] = type.read(view, headerBytes + i * type.bytes);
  }
  if (type.name.startsWith('float')) {
    const recordSize = Math.max(1, product(shape.slice(1)));
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const record = Math.floor(bad / recordSize);
      throw new DataError(`${file} record ${record}: value ${values[bad]} is not a finite number`, file, record);
    }
  }
  return { type: type.name, shape, values };
}

async function readIdx(file: ResolvedPath): Promise<IdxArray> {
  return parseIdx(await readMaybeGzip(file), file.display);
}

/** Per-sample shape: [rows, cols] images get a channel axis so that a CNN's [28, 28, 1] Input fits as is. */
function sampleShapeOf(shape: number[]): { sampleShape: number[]; isImage: boolean } {
  const rest = shape.slice(1);
  if (rest.length === 2) return { sampleShape: [...rest, 1], isImage: true };
  if (rest.length === 3 && (rest[2] === 1 || rest[2] === 3)) return { sampleShape: rest, isImage: true };
  return { sampleShape: rest.length ? rest : [1], isImage: false };
}

export async function loadIdx(dataset: Dataset, baseDir: string, needLabels: boolean): Promise<RawDataset> {
  const imagesFile = resolveDataPath(dataset.images, baseDir, 'images');
  const images = await readIdx(imagesFile);
  const n = images.shape[0]!;
  const { sampleShape, isImage } = sampleShapeOf(images.shape);
  const raw: RawDataset = {
    file: imagesFile.display, x: images.values, n, sampleShape, isImage,
    // uint8 pixels → [0, 1]; other types are taken as already scaled.
    autoTransform: images.type === 'uint8' ? { shift: 0, factor: 1 / 255 } : IDENTITY,
  };
  if (!dataset.labels) {
    if (needLabels) throw new DataError('dataset.labels is missing: supervised training on IDX data needs a labels file');
    return raw;
  }
  const labelsFile = resolveDataPath(dataset.labels, baseDir, 'labels');
  const labels = await readIdx(labelsFile);
  if (labels.shape[0] !== n || product(labels.shape.slice(1)) !== 1) {
    throw fileError(labelsFile.display, `expected ${n} labels (one per image in ${imagesFile.display}), got shape [${labels.shape.join(',')}]`);
  }
  const isInteger = !labels.type.startsWith('float');
  const result = labelsFromNumbers(labels.values, dataset.labelMode, (i, message) =>
    new DataError(`${labelsFile.display} record ${i}: ${message}`, labelsFile.display, i), isInteger);
  return result.kind === 'classes'
    ? { ...raw, labels: result.labels, classNames: result.classNames }
    : { ...raw, targets: result.targets, targetShape: [1] };
}
