// Our Conv2D gradient kernels on wasm against tfjs's cpu backend.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type Tf } from '../../electron/engine/backend/index.js';
import { limits } from '../../electron/engine/backend/kernels/conv_util.js';
import { maxDiff, rand } from './compare.js';

let tf: Tf;
beforeAll(async () => {
  ({ tf } = await initBackend('wasm'));
});
afterEach(() => {
  limits.maxColumnFloats = 4 << 20;
});

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
interface ConvCase {
  name: string;
  x: [number, number, number, number]; // NHWC
  filter: [number, number, number, number]; // HWIO
  strides: number | [number, number];
  pad: Pad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const CASES: ConvCase[] = [
  { name: '3x3 same, stride 1, many channels (convolution route)', x: [2, 7, 7, 8], filter: [3, 3, 8, 6], strides: 1, pad: 'same' },
  { name: '3x3 same, stride 1, one input channel (column route)', x: [3, 8, 8, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { name: '3x3 valid, stride 1', x: [2, 6, 5, 4], filter: [3, 3, 4, 5], strides: 1, pad: 'valid' },
  { name: '3x3 same, stride 2', x: [2, 7, 7, 5], filter: [3, 3, 5, 4], strides: 2, pad: 'same' },
  { name: '2x2 valid, stride 2 (last row unused)', x: [2, 7, 7, 6], filter: [2, 2, 6, 3], strides: 2, pad: 'valid' },
  { name: '2x3 filter, strides [1, 2]', x: [2, 6, 9, 3], filter: [2, 3, 3, 4], strides: [1, 2], pad: 'same' },
  { name: '5x5 same, stride 1', x: [1, 9, 9, 4], filter: [5, 5, 4, 2], strides: 1, pad: 'same' },
  { name: '1x1 filter', x: [4, 5, 5, 6], filter: [1, 1, 6, 7], strides: 1, pad: 'valid' },
  { name: 'explicit padding', x: [2, 6, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { name: 'padding larger than the kernel', x: [2, 5, 5, 3], filter: [2, 2, 3, 2], strides: 1, pad: 3 },
  { name: 'numeric padding, stride 2, floor rounding', x: [2, 8, 8, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dimRoundingMode: 'floor' },
  { name: 'Conv1D as 1×k (1-D signal)', x: [3, 1, 12, 4], filter: [1, 3, 4, 5], strides: [1, 2], pad: 'same' },
];

function outShape(c: ConvCase): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad, c.dimRoundingMode).outShape;
}

describe('Conv2DBackpropFilter on wasm = cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.dimRoundingMode, filterShape: c.filter };
    const d = await maxDiff(tf, 'Conv2DBackpropFilter', { x: rand(c.x, 1), dy: rand(outShape(c), 2) }, attrs as never);
    expect(d).toBeLessThanOrEqual(1e-4);
  });

  it('in batch slices when the column buffer would be large', async () => {
    limits.maxColumnFloats = 500; // forces one image per slice
    const c = CASES[1]!;
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    expect(await maxDiff(tf, 'Conv2DBackpropFilter', { x: rand(c.x, 3), dy: rand(outShape(c), 4) }, attrs as never)).toBeLessThanOrEqual(1e-4);
  });

  it('channels-first (NCHW)', async () => {
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 4, 5] };
    const d = await maxDiff(tf, 'Conv2DBackpropFilter', { x: rand([2, 4, 6, 5], 5), dy: rand([2, 5, 6, 5], 6) }, attrs as never);
    expect(d).toBeLessThanOrEqual(1e-4);
  });
});

describe('Conv2DBackpropInput on wasm = cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: c.dimRoundingMode, inputShape: c.x };
    const d = await maxDiff(tf, 'Conv2DBackpropInput', { dy: rand(outShape(c), 7), filter: rand(c.filter, 8) }, attrs as never);
    expect(d).toBeLessThanOrEqual(1e-4);
  });

  it('in batch slices when the column buffer would be large', async () => {
    limits.maxColumnFloats = 300;
    const c = CASES[3]!; // stride 2: column route
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    expect(await maxDiff(tf, 'Conv2DBackpropInput', { dy: rand(outShape(c), 9), filter: rand(c.filter, 10) }, attrs as never)).toBeLessThanOrEqual(1e-4);
  });

  it('channels-first (NCHW), stride 1 and 2', async () => {
    for (const strides of [1, 2]) {
      const attrs = { strides, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 4, 6, 5] };
      const dyShape = strides === 1 ? [2, 3, 6, 5] : [2, 3, 3, 3];
      const d = await maxDiff(tf, 'Conv2DBackpropInput', { dy: rand(dyShape, 11), filter: rand([3, 3, 4, 3], 12) }, attrs as never);
      expect(d).toBeLessThanOrEqual(1e-4);
    }
  });
});
