// Geometry shared by the convolution kernels.

/**
 * [min, max) of the output positions o whose input position o·stride + off lies inside [0, size): the taps that read
 * real pixels rather than padding. Hoisting this out of the inner loops removes every bounds test from them.
 */
export function validRange(off: number, stride: number, size: number, outSize: number): [number, number] {
  const lo = Math.min(outSize, Math.max(0, Math.ceil(-off / stride)));
  const hi = Math.max(lo, Math.min(outSize, Math.ceil((size - off) / stride)));
  return [lo, hi];
}

/**
 * Upper bound, in floats, on the column buffers the im2col/col2im routes allocate; larger batches are processed in
 * slices. A setting rather than a constant so that tests can drive the sliced path with small tensors.
 */
export const limits = { maxColumnFloats: 4 << 20 };
