// Layout helpers for emitters of channels-first ONNX ops (Conv, pooling, BatchNormalization, Resize) on tensors that
// the graph keeps channels-last like tfjs. The exporter cancels the adjacent inverse Transposes this leaves behind.
import type { Dim, OnnxGraphBuilder } from './types.js';

/** Permutation channels-last → channels-first for a tensor of the given rank (batch first). */
export function toChannelsFirstPerm(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** Permutation channels-first → channels-last. */
export function toChannelsLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

export function toChannelsFirst(g: OnnxGraphBuilder, x: string, rank: number): string {
  return g.transpose(x, toChannelsFirstPerm(rank));
}

export function toChannelsLast(g: OnnxGraphBuilder, x: string, rank: number): string {
  return g.transpose(x, toChannelsLastPerm(rank));
}

/**
 * Explicit ONNX `pads` ([begins…, ends…]) for TensorFlow's padding. 'same' puts the extra cell at the end, as TF does;
 * never use auto_pad (ONNX Runtime and the spec disagreed about SAME_UPPER/LOWER for years).
 */
export function convPads(
  spatial: Dim[], kernel: number[], strides: number[], dilations: number[], padding: 'valid' | 'same',
): number[] {
  const begins: number[] = [];
  const ends: number[] = [];
  spatial.forEach((size, i) => {
    if (padding === 'valid') {
      begins.push(0);
      ends.push(0);
      return;
    }
    const k = (kernel[i]! - 1) * dilations[i]! + 1;
    const s = strides[i]!;
    if (size === null) throw new Error("'same' padding needs known spatial sizes for ONNX export");
    const out = Math.ceil(size / s);
    const total = Math.max((out - 1) * s + k - size, 0);
    begins.push(Math.floor(total / 2));
    ends.push(total - Math.floor(total / 2));
  });
  return [...begins, ...ends];
}

/** Reorders a float32 tensor's axes (used to turn tfjs kernels into ONNX layouts at export time). */
export function permuteData(data: Float32Array, shape: number[], perm: number[]): { data: Float32Array; shape: number[] } {
  const outShape = perm.map((p) => shape[p]!);
  const rank = shape.length;
  const inStrides = new Array<number>(rank);
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = acc;
    acc *= shape[i]!;
  }
  const out = new Float32Array(data.length);
  const idx = new Array<number>(rank).fill(0);
  const strideForOut = perm.map((p) => inStrides[p]!);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += idx[d]! * strideForOut[d]!;
    out[o] = data[src]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < outShape[d]!) break;
      idx[d] = 0;
    }
  }
  return { data: out, shape: outShape };
}
