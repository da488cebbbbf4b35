// Small data files written by the tests themselves into a temp folder: no binary fixtures in the repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface TempDir {
  dir: string;
  /** Writes a file (creating folders) and returns its path relative to `dir`. */
  write(rel: string, data: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'layerloom-data-'));
  return {
    dir,
    write(rel, data) {
      const abs = path.join(dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, data);
      return rel;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A PNG whose pixel (x, y) has the colour `pixel(x, y)` = [r, g, b] (opaque). */
export function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      img.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(img);
}

export function jpg(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([...pixel(x, y), 255], (y * width + x) * 4);
  }
  return jpeg.encode({ width, height, data }, 95).data;
}

const IDX_TYPES = { uint8: 0x08, int32: 0x0c, float32: 0x0d } as const;

/** An IDX file (big-endian, as MNIST ships). */
export function idx(type: keyof typeof IDX_TYPES, shape: number[], values: ArrayLike<number>, gzip = false): Uint8Array {
  const size = type === 'uint8' ? 1 : 4;
  const header = 4 + 4 * shape.length;
  const buf = Buffer.alloc(header + values.length * size);
  buf[2] = IDX_TYPES[type];
  buf[3] = shape.length;
  shape.forEach((d, i) => buf.writeUInt32BE(d, 4 + 4 * i));
  for (let i = 0; i < values.length; i++) {
    const at = header + i * size;
    if (type === 'uint8') buf.writeUInt8(values[i]!, at);
    else if (type === 'int32') buf.writeInt32BE(values[i]!, at);
    else buf.writeFloatBE(values[i]!, at);
  }
  return gzip ? gzipSync(buf) : buf;
}

const NPY_TYPES = { '<f4': 4, '<f8': 8, '|u1': 1, '<i4': 4, '<i8': 8, '|b1': 1, '>f4': 4 } as const;

/** A .npy file, format version 1 or 2, C order. */
export function npy(descr: keyof typeof NPY_TYPES, shape: number[], values: ArrayLike<number>, version: 1 | 2 = 1, fortran = false): Uint8Array {
  const size = NPY_TYPES[descr];
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  // Pad with spaces so that the data starts on a 64-byte boundary, and end the header with a newline, as NumPy does.
  const total = Math.ceil((prefix + header.length + 1) / 64) * 64;
  header = header.padEnd(total - prefix - 1, ' ') + '\n';
  const buf = Buffer.alloc(total + values.length * size);
  buf.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  if (version === 1) buf.writeUInt16LE(header.length, 8);
  else buf.writeUInt32LE(header.length, 8);
  buf.write(header, prefix, 'latin1');
  for (let i = 0; i < values.length; i++) {
    const at = total + i * size;
    const v = values[i]!;
    switch (descr) {
      case '<f4': buf.writeFloatLE(v, at); break;
      case '>f4': buf.writeFloatBE(v, at); break;
      case '<f8': buf.writeDoubleLE(v, at); break;
      case '|u1': case '|b1': buf.writeUInt8(v, at); break;
      case '<i4': buf.writeInt32LE(v, at); break;
      case '<i8': buf.writeBigInt64LE(BigInt(v), at); break;
    }
  }
  return buf;
}

/** Common load options for a model whose Input takes the natural sample shape. */
export function opts(dir: string, inputShape: number[], loss = 'sparseCategoricalCrossentropy', extra: Record<string, unknown> = {}) {
  return { baseDir: dir, inputShape, loss, kind: 'supervised' as const, ...extra };
}

/** Exact equality of two typed arrays, fast (vitest's deep equality is slow on 100k-element arrays). */
export function sameValues(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
