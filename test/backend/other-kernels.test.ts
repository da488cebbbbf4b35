// Our depthwise, pooling, segment-sum and matrix-product kernels on wasm against tfjs's cpu backend.
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type Tf } from '../../electron/engine/backend/index.js';
import { diff, maxDiff, rand, runOn, type Input } from './compare.js';

let tf: Tf;
beforeAll(async () => {
  ({ tf } = await initBackend('wasm'));
});

const TOL = 1e-4;

interface DwCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number]; // [KH, KW, Ci, multiplier]
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dilations: number | [number, number];
}

const DW_CASES: DwCase[] = [
  { name: '3x3 same, multiplier 1', x: [2, 6, 6, 4], filter: [3, 3, 4, 1], strides: 1, pad: 'same', dilations: 1 },
  { name: '3x3 same, multiplier 2', x: [2, 6, 5, 3], filter: [3, 3, 3, 2], strides: 1, pad: 'same', dilations: 1 },
  { name: '3x3 valid, stride 2, multiplier 3', x: [3, 7, 7, 2], filter: [3, 3, 2, 3], strides: 2, pad: 'valid', dilations: 1 },
  { name: '2x3 filter, strides [2, 1]', x: [2, 7, 6, 3], filter: [2, 3, 3, 1], strides: [2, 1], pad: 'same', dilations: 1 },
  { name: 'numeric padding', x: [1, 5, 5, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1, dilations: 1 },
  { name: 'dilation 2, same', x: [2, 8, 8, 3], filter: [3, 3, 3, 2], strides: 1, pad: 'same', dilations: 2 },
  { name: 'dilations [2, 3], valid', x: [1, 9, 10, 2], filter: [2, 3, 2, 1], strides: 1, pad: 'valid', dilations: [2, 3] },
];

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/**
 * The cpu backend's depthwise gradients ignore dilations, so dilated cases are checked against the equivalent
 * undilated filter: the dilated one with zeros inserted between its taps.
 */
function expandedShape(c: DwCase): [number, number, number, number] {
  const [dh, dw] = pair(c.dilations);
  return [(c.filter[0] - 1) * dh + 1, (c.filter[1] - 1) * dw + 1, c.filter[2], c.filter[3]];
}

function expandFilter(c: DwCase, f: Input): Input {
  const [dh, dw] = pair(c.dilations);
  const [EH, EW, C, M] = expandedShape(c);
  const out = new Float32Array(EH * EW * C * M);
  for (let kh = 0; kh < c.filter[0]; kh++) {
    for (let kw = 0; kw < c.filter[1]; kw++) {
      for (let i = 0; i < C * M; i++) out[((kh * dh) * EW + kw * dw) * C * M + i] = f.values[(kh * c.filter[1] + kw) * C * M + i]!;
    }
  }
  return { shape: [EH, EW, C, M], values: out };
}

function dyShape(c: DwCase): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, c.dilations, c.pad, undefined, true).outShape;
}

describe('DepthwiseConv2dNativeBackpropFilter on wasm = cpu', () => {
  it.each(DW_CASES)('$name', async (c) => {
    const inputs = { x: rand(c.x, 1), dy: rand(dyShape(c), 2) };
    const attrs = { strides: c.strides, pad: c.pad, dilations: c.dilations, filterShape: c.filter };
    const ours = await runOn(tf, 'wasm', 'DepthwiseConv2dNativeBackpropFilter', inputs, attrs as never);
    // Reference: the expanded filter's gradient, read at the real taps.
    const E = expandedShape(c);
    const ref = await runOn(tf, 'cpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, { ...attrs, dilations: 1, filterShape: E } as never);
    const [dh, dw] = pair(c.dilations);
    const picked = new Float32Array(ours.values.length);
    const CM = c.filter[2] * c.filter[3];
    for (let kh = 0; kh < c.filter[0]; kh++) {
      for (let kw = 0; kw < c.filter[1]; kw++) {
        for (let i = 0; i < CM; i++) picked[(kh * c.filter[1] + kw) * CM + i] = ref.values[((kh * dh) * E[1] + kw * dw) * CM + i]!;
      }
    }
    expect(diff(ours, { shape: c.filter, values: picked })).toBeLessThanOrEqual(TOL);
  });
});

describe('DepthwiseConv2dNativeBackpropInput on wasm = cpu', () => {
  it.each(DW_CASES)('$name', async (c) => {
    const filter = rand(c.filter, 3);
    const dy = rand(dyShape(c), 4);
    const attrs = { strides: c.strides, pad: c.pad, dilations: c.dilations, inputShape: c.x };
    const ours = await runOn(tf, 'wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrs as never);
    const ref = await runOn(tf, 'cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: expandFilter(c, filter) }, { ...attrs, dilations: 1 } as never);
    expect(diff(ours, ref)).toBeLessThanOrEqual(TOL);
  });
});

describe('MaxPoolGrad on wasm = cpu (ties included)', () => {
  const POOLS = [
    { name: '2x2 stride 2 valid', x: [2, 6, 6, 3], filterSize: 2, strides: 2, pad: 'valid' },
    { name: '3x3 stride 2 same', x: [2, 7, 7, 2], filterSize: 3, strides: 2, pad: 'same' },
    { name: '3x3 stride 1 same (overlapping windows)', x: [1, 5, 6, 4], filterSize: 3, strides: 1, pad: 'same' },
    { name: '[2, 3] strides [1, 2] valid', x: [3, 5, 9, 2], filterSize: [2, 3], strides: [1, 2], pad: 'valid' },
    { name: '3x3 stride 3 valid, leftover rows', x: [2, 8, 8, 1], filterSize: 3, strides: 3, pad: 'valid' },
    { name: 'MaxPooling1D as 1×k', x: [2, 1, 11, 5], filterSize: [1, 2], strides: [1, 2], pad: 'valid' },
  ] as const;
  it.each(POOLS)('$name', async (p) => {
    for (const integers of [false, true]) {
      const x = rand([...p.x], 5, integers);
      await initBackend('cpu');
      const y = tf.maxPool(tf.tensor4d(x.values, p.x as never), p.filterSize as never, p.strides as never, p.pad as never);
      const output: Input = { shape: y.shape, values: y.dataSync() as Float32Array };
      y.dispose();
      const inputs = { dy: rand(output.shape, 6), input: x, output };
      const d = await maxDiff(tf, 'MaxPoolGrad', inputs, { filterSize: p.filterSize, strides: p.strides, pad: p.pad } as never);
      expect(d).toBeLessThanOrEqual(TOL);
    }
  });
});

describe('UnsortedSegmentSum on wasm = cpu', () => {
  const ids = (values: number[]): Input => ({ shape: [values.length], values: Int32Array.from(values), dtype: 'int32' });
  it('rows with repeated ids, unused segments', async () => {
    const d = await maxDiff(tf, 'UnsortedSegmentSum', { x: rand([6, 4], 7), segmentIds: ids([3, 0, 3, 1, 0, 3]) }, { numSegments: 5 });
    expect(d).toBeLessThanOrEqual(TOL);
  });
  it('rank-3 values (Embedding gradient)', async () => {
    const d = await maxDiff(tf, 'UnsortedSegmentSum', { x: rand([5, 2, 3], 8), segmentIds: ids([1, 1, 4, 0, 2]) }, { numSegments: 6 });
    expect(d).toBeLessThanOrEqual(TOL);
  });
  it('ids outside [0, numSegments) are dropped', async () => {
    const d = await maxDiff(tf, 'UnsortedSegmentSum', { x: rand([4, 3], 9), segmentIds: ids([-1, 2, 3, 0]) }, { numSegments: 3 });
    expect(d).toBeLessThanOrEqual(TOL);
  });
  it('int32 values', async () => {
    const x: Input = { shape: [4, 3], values: Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), dtype: 'int32' };
    const d = await maxDiff(tf, 'UnsortedSegmentSum', { x, segmentIds: ids([2, 0, 2, 1]) }, { numSegments: 3 });
    expect(d).toBe(0);
  });
});

describe('BatchMatMul on wasm = cpu', () => {
  const CASES = [
    { name: 'plain', a: [5, 7], b: [7, 3], tA: false, tB: false },
    { name: 'transposeA (Dense weight gradient)', a: [32, 20], b: [32, 6], tA: true, tB: false },
    { name: 'transposeB (Dense input gradient)', a: [4, 16], b: [64, 16], tA: false, tB: true },
    { name: 'both transposed', a: [7, 5], b: [3, 7], tA: true, tB: true },
    { name: 'rank 3, batch 1, transposeA', a: [1, 9, 4], b: [1, 9, 5], tA: true, tB: false },
    { name: 'broadcast batch 1 × rank 2, transposeB', a: [1, 3, 8], b: [6, 8], tA: false, tB: true },
    { name: 'batched, transposeB (original kernel)', a: [3, 4, 5], b: [3, 6, 5], tA: false, tB: true },
    { name: 'batched, transposeA (original kernel)', a: [2, 5, 4], b: [2, 5, 3], tA: true, tB: false },
  ];
  it.each(CASES)('$name', async (c) => {
    const d = await maxDiff(tf, 'BatchMatMul', { a: rand(c.a, 10), b: rand(c.b, 11) }, { transposeA: c.tA, transposeB: c.tB });
    expect(d).toBeLessThanOrEqual(TOL);
  });
});

describe('ResizeNearestNeighborGrad (UpSampling2D) on cpu is corrected for batches > 1', () => {
  it('matches the sum over each 2×2 block, on cpu and on wasm', async () => {
    const images = rand([3, 3, 3, 2], 12);
    const dy = rand([3, 6, 6, 2], 13);
    const truth = new Float32Array(3 * 3 * 3 * 2);
    for (let b = 0; b < 3; b++) {
      for (let h = 0; h < 6; h++) {
        for (let w = 0; w < 6; w++) {
          for (let c = 0; c < 2; c++) truth[((b * 3 + (h >> 1)) * 3 + (w >> 1)) * 2 + c]! += dy.values[((b * 6 + h) * 6 + w) * 2 + c]!;
        }
      }
    }
    for (const backend of ['cpu', 'wasm'] as const) {
      const r = await runOn(tf, backend, 'ResizeNearestNeighborGrad', { images, dy }, { alignCorners: false, halfPixelCenters: false });
      expect(diff(r, { shape: [3, 3, 3, 2], values: truth }), backend).toBeLessThanOrEqual(TOL);
    }
  });
});

describe('Sum on wasm = cpu', () => {
  const CASES = [
    { name: 'leading axes (bias gradient, our route)', shape: [4, 3, 5, 6], axis: [0, 1, 2], keepDims: false },
    { name: 'leading axes, keepDims, negative axis', shape: [4, 3, 7], axis: [1, -3], keepDims: true },
    { name: 'axis 0 of a matrix', shape: [9, 5], axis: 0, keepDims: false },
    { name: 'last axis (original kernel)', shape: [4, 6], axis: -1, keepDims: false },
    { name: 'all axes (original kernel)', shape: [3, 4], axis: [0, 1], keepDims: false },
    { name: 'middle axis (original kernel)', shape: [3, 4, 5], axis: 1, keepDims: true },
  ];
  it.each(CASES)('$name', async (c) => {
    expect(await maxDiff(tf, 'Sum', { x: rand(c.shape, 14) }, { axis: c.axis, keepDims: c.keepDims })).toBeLessThanOrEqual(TOL);
  });
  it('int32 input (original kernel)', async () => {
    const x: Input = { shape: [3, 2], values: Int32Array.from([1, 2, 3, 4, 5, 6]), dtype: 'int32' };
    expect(await maxDiff(tf, 'Sum', { x }, { axis: 0, keepDims: false })).toBe(0);
  });
});
