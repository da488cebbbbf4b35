// Depthwise convolution gradients for the wasm backend (DepthwiseConv2D, and SeparableConv2D's depthwise step),
// which tfjs-backend-wasm 4.22 lacks.
//
// Channel co = ci·M + m (M = channel multiplier); filter [KH, KW, Ci, M]; input pixel of output (oh, ow) and tap
// (kh, kw): (oh·sh + kh·dh − top, ow·sw + kw·dw − left). Dilations are honoured here even though tfjs-core's
// gradient refuses dilated depthwise convolutions today.
import {
  backend_util, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput,
  getKernel, type DepthwiseConv2dNativeBackpropFilterAttrs, type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { validRange } from './conv_util.js';
import { alloc, f32, free, type WasmBackend } from './heap.js';

/**
 * dW[kh,kw,ci,m] = Σ_{b,oh,ow} x[b, ih, iw, ci] · dy[b, oh, ow, ci·M+m].
 *
 * Each filter entry is one long dot product over the batch's pixels, so it is computed as such: eight output
 * channels at a time (half a cache line of NHWC data per pixel), each summed in its own local variable. That keeps
 * the additions independent and in registers, and is ~4× faster than accumulating into an array in a pixel-major
 * loop. Sums are in doubles, as in the cpu backend.
 */
const LANES = 8;

function depthwiseBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo }; backend: WasmBackend; attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, true,
  );
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const M = info.outChannels / C;
  const CM = C * M;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const out = alloc(backend, filterShape);
  const x = f32(backend, inputs.x);
  const dy = f32(backend, inputs.dy);
  const dW = f32(backend, out);
  // Input channel of each output channel j = ci·M + m (padded for the lanes past the last channel).
  const src = new Int32Array(CM + LANES);
  for (let j = 0; j < CM; j++) src[j] = Math.floor(j / M);
  const lane = new Int32Array(LANES);
  for (let kh = 0; kh < KH; kh++) {
    const [ohMin, ohMax] = validRange(kh * dh - top, sh, H, OH);
    for (let kw = 0; kw < KW; kw++) {
      const [owMin, owMax] = validRange(kw * dw - left, sw, W, OW);
      const o = (kh * KW + kw) * CM;
      for (let j = 0; j < CM; j += LANES) {
        // Output channels j … j+7; lanes past the last channel repeat channel j and are discarded.
        const n = Math.min(LANES, CM - j);
        for (let k = 0; k < LANES; k++) lane[k] = k < n ? j + k : j;
        const [y0, y1, y2, y3, y4, y5, y6, y7] = lane as unknown as number[];
        const x0 = src[y0!]!, x1 = src[y1!]!, x2 = src[y2!]!, x3 = src[y3!]!;
        const x4 = src[y4!]!, x5 = src[y5!]!, x6 = src[y6!]!, x7 = src[y7!]!;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (let b = 0; b < N; b++) {
          for (let oh = ohMin; oh < ohMax; oh++) {
            const ih = oh * sh + kh * dh - top;
            let xi = ((b * H + ih) * W + owMin * sw + kw * dw - left) * C;
            let yi = ((b * OH + oh) * OW + owMin) * CM;
            const xStep = sw * C;
            for (let ow = owMin; ow < owMax; ow++, xi += xStep, yi += CM) {
              s0 += x[xi + x0]! * dy[yi + y0!]!;
              s1 += x[xi + x1]! * dy[yi + y1!]!;
              s2 += x[xi + x2]! * dy[yi + y2!]!;
              s3 += x[xi + x3]! * dy[yi + y3!]!;
              s4 += x[xi + x4]! * dy[yi + y4!]!;
              s5 += x[xi + x5]! * dy[yi + y5!]!;
              s6 += x[xi + x6]! * dy[yi + y6!]!;
              s7 += x[xi + x7]! * dy[yi + y7!]!;
            }
          }
        }
        const sums = [s0, s1, s2, s3, s4, s5, s6, s7];
        for (let k = 0; k < n; k++) dW[o + j + k] = sums[k]!;
      }
    }
  }
  return out;
}

/**
 * dx[b, ih, iw, ci] = Σ_{kh,kw,m} dy[b, oh, ow, ci·M+m] · w[kh, kw, ci, m].
 * With stride 1 this is a depthwise convolution of dy with the filter rotated by 180° (each of the C·M channels on
 * its own), summed over each input channel's M outputs: XNNPACK's depthwise kernel does the heavy part.
 * Other strides: a scatter loop in JS.
 */
function depthwiseBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo }; backend: WasmBackend; attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, inputs.filter.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, true,
  );
  return viaDepthwiseConvolution(backend, inputs.dy, inputs.filter, info) ?? scatter(backend, inputs.dy, inputs.filter, info);
}

function viaDepthwiseConvolution(
  backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, filterHeight: KH, filterWidth: KW, padInfo } = info;
  const { effectiveFilterHeight: EH, effectiveFilterWidth: EW } = info;
  const M = info.outChannels / C;
  const CM = C * M;
  const pads = [EH - 1 - padInfo.top, EH - 1 - padInfo.bottom, EW - 1 - padInfo.left, EW - 1 - padInfo.right] as const;
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || pads.some((p) => p < 0)) return null;

  // [KH, KW, C, M] and [KH, KW, C·M, 1] have the same memory layout: only the taps are reordered.
  const rotated = alloc(backend, [KH, KW, CM, 1]);
  {
    const w = f32(backend, filter);
    const r = f32(backend, rotated);
    for (let t = 0; t < KH * KW; t++) r.set(w.subarray((KH * KW - 1 - t) * CM, (KH * KW - t) * CM), t * CM);
  }
  const conv = getKernel(DepthwiseConv2dNative, 'wasm')!.kernelFunc as KernelFunc;
  const perChannel = conv({
    inputs: { x: dy, filter: rotated },
    backend,
    attrs: {
      strides: [1, 1], dilations: [info.dilationHeight, info.dilationWidth],
      pad: [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]],
    },
  }) as TensorInfo; // [N, H, W, C·M]
  free(backend, rotated);
  if (M === 1) return perChannel;
  const dx = alloc(backend, [N, H, W, C]);
  const p = f32(backend, perChannel);
  const d = f32(backend, dx);
  for (let i = 0, k = 0; i < N * H * W * C; i++) {
    let s = 0;
    for (let m = 0; m < M; m++, k++) s += p[k]!;
    d[i] = s;
  }
  free(backend, perChannel);
  return dx;
}

function scatter(backend: WasmBackend, dyInfo: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const M = info.outChannels / C;
  const CM = C * M;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const out = alloc(backend, [N, H, W, C]);
  const dx = f32(backend, out);
  const dy = f32(backend, dyInfo);
  const f = f32(backend, filter);
  dx.fill(0);
  // Every (output pixel, tap) adds dy·w into the input pixel it read.
  for (let b = 0; b < N; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let kh = 0; kh < KH; kh++) {
        const ih = oh * sh + kh * dh - top;
        if (ih < 0 || ih >= H) continue;
        for (let ow = 0; ow < OW; ow++) {
          const yi = ((b * OH + oh) * OW + ow) * CM;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw * dw - left;
            if (iw < 0 || iw >= W) continue;
            const xi = ((b * H + ih) * W + iw) * C;
            const fi = (kh * KW + kw) * CM;
            if (M === 1) {
              for (let c = 0; c < C; c++) dx[xi + c]! += dy[yi + c]! * f[fi + c]!;
            } else {
              for (let c = 0; c < C; c++) {
                let s = 0;
                for (let m = 0, o = c * M; m < M; m++, o++) s += dy[yi + o]! * f[fi + o]!;
                dx[xi + c]! += s;
              }
            }
          }
        }
      }
    }
  }
  return out;
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};
