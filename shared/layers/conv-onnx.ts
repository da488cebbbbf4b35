// ONNX helpers for the convolution kinds beyond layout-onnx.ts: depthwise kernels and ConvTranspose padding.
import { permuteData } from './layout-onnx.js';
import type { Dim, WeightTensor } from './types.js';

/**
 * tfjs depthwise kernel [kh, kw, C, m] → ONNX grouped-Conv weight [C·m, 1, kh, kw] (group = C). tfjs numbers
 * output channel c·m + j for input channel c and multiplier j, which is exactly how a Conv with group = C lays out
 * its C·m outputs (group c owns outputs c·m … c·m + m − 1), so [C, m] flattens in place to C·m.
 */
export function depthwiseKernelToOnnx(kernel: WeightTensor): { data: Float32Array; shape: number[] } {
  const [kh, kw, c, m] = kernel.shape as [number, number, number, number];
  return permuteData(kernel.data, [kh, kw, c * m, 1], [2, 3, 0, 1]);
}

/**
 * Explicit `pads` and `output_padding` for ONNX ConvTranspose reproducing tfjs conv2dTranspose, whose output size is
 * fixed (deconvLength). ONNX gives out = s·(in − 1) + outputPadding + ((k − 1)·d + 1) − padBegin − padEnd, so the
 * total padding is s·(in − 1) + ((k − 1)·d + 1) − out, split as TF splits 'same' padding (the extra cell at the end).
 * When it is negative (kernel smaller than the stride) TF leaves the missing cells at the end, which is what
 * output_padding adds. Never auto_pad: the spec and ONNX Runtime disagreed about it for years.
 */
export function convTransposePads(
  inSpatial: Dim[], outSpatial: Dim[], kernel: number[], strides: number[], dilations?: number[],
): { pads: number[]; outputPadding: number[] } {
  const begins: number[] = [];
  const ends: number[] = [];
  const outputPadding: number[] = [];
  inSpatial.forEach((size, i) => {
    const out = outSpatial[i];
    if (size === null || size === undefined || out === null || out === undefined) {
      throw new Error('transposed convolution needs known spatial sizes for ONNX export');
    }
    const k = (kernel[i]! - 1) * (dilations?.[i] ?? 1) + 1;
    const total = strides[i]! * (size - 1) + k - out;
    const pad = Math.max(total, 0);
    begins.push(Math.floor(pad / 2));
    ends.push(pad - Math.floor(pad / 2));
    outputPadding.push(Math.max(-total, 0));
  });
  return { pads: [...begins, ...ends], outputPadding };
}
