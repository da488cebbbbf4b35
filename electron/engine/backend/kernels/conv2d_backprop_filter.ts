// Conv2DBackpropFilter (the weight gradient of Conv2D, Conv1D, Conv2DTranspose and SeparableConv2D's pointwise
// step) for the wasm backend, which has none in tfjs 4.22.
//
// dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh+kh−top, ow·sw+kw−left, ci] · dy[b,oh,ow,co]
// is one matrix product: colsᵀ[K, P] · dy[P, Co] with K = kh·kw·ci and P = b·oh·ow. We write colsᵀ (im2col, already
// transposed so that XNNPACK's fast path applies) in JS straight into the heap and let the backend multiply.
// (Computing it instead as an XNNPACK convolution of x with dy as the filter avoids the im2col buffer but measured
// slower on every shape tried: XNNPACK is tuned for small filters.)
import {
  backend_util, Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alloc, f32, free, nchwToNhwc, view, type WasmBackend } from './heap.js';
import { limits, validRange } from './conv_util.js';
import { matMul } from './xnn.js';


function conv2DBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo }; backend: WasmBackend; attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const info = backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, format,
  );
  // Work in NHWC; channels-first inputs (not produced by tfjs layers) are permuted once.
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const x = channelsFirst ? nchwToNhwc(backend, inputs.x) : inputs.x;
  const dy = channelsFirst ? nchwToNhwc(backend, inputs.dy) : inputs.dy;

  const dW = viaColumns(backend, x, dy, info);
  if (channelsFirst) {
    free(backend, x);
    free(backend, dy);
  }
  return dW;
}

/** dW = colsᵀ · dy, in batch slices that bound the im2col buffer's size. */
function viaColumns(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = info;
  const K = filterHeight * filterWidth * inChannels;
  const perImage = outHeight * outWidth;
  const slice = Math.max(1, Math.min(batchSize, Math.floor(limits.maxColumnFloats / (K * perImage))));
  const dW = alloc(backend, [filterHeight, filterWidth, inChannels, outChannels]);
  for (let b0 = 0; b0 < batchSize; b0 += slice) {
    const nb = Math.min(slice, batchSize - b0);
    const P = nb * perImage;
    const cols = alloc(backend, [K, P]);
    // dy rows of this slice: the whole tensor when there is one slice, else a copy of the slice.
    const dySlice = nb === batchSize ? view(dy, [P, outChannels]) : alloc(backend, [P, outChannels]);
    if (dySlice.dataId !== dy.dataId) {
      f32(backend, dySlice).set(f32(backend, dy).subarray(b0 * perImage * outChannels, (b0 + nb) * perImage * outChannels));
    }
    im2colT(f32(backend, x), f32(backend, cols), info, b0, nb);
    const prod = matMul(backend, cols, dySlice); // [1, K, Co]
    const acc = f32(backend, dW);
    const p = f32(backend, prod);
    if (b0 === 0) acc.set(p);
    else for (let i = 0; i < acc.length; i++) acc[i]! += p[i]!;
    free(backend, prod);
    free(backend, cols);
    if (dySlice.dataId !== dy.dataId) free(backend, dySlice);
  }
  return dW;
}

/**
 * colsᵀ[(kh·KW + kw)·Ci + ci, p] for images b0 … b0+nb−1 of NHWC x; p runs over (b, oh, ow). Padding reads as 0.
 * The buffer is zeroed in one call and then only in-image taps are copied (per-row fills of the few padded entries
 * would cost more than the copies on small feature maps). Of the two loop orders, the one whose innermost run is
 * longer wins: channels when there are more of them than output columns, else output columns.
 */
function im2colT(x: Float32Array, cols: Float32Array, info: backend_util.Conv2DInfo, b0: number, nb: number): void {
  const P = nb * info.outHeight * info.outWidth;
  cols.fill(0, 0, info.filterHeight * info.filterWidth * info.inChannels * P);
  if (info.inChannels >= info.outWidth) im2colTByPixel(x, cols, info, b0, nb);
  else im2colTByRow(x, cols, info, b0, nb);
}

/** Innermost loop over the output columns of one (tap, channel) row: sequential writes, strided reads. */
function im2colTByRow(x: Float32Array, cols: Float32Array, info: backend_util.Conv2DInfo, b0: number, nb: number): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const P = nb * OH * OW;
  const step = sw * C;
  for (let kh = 0; kh < KH; kh++) {
    const offH = kh * dh - top;
    const [ohMin, ohMax] = validRange(offH, sh, H, OH);
    for (let kw = 0; kw < KW; kw++) {
      const offW = kw * dw - left;
      const [owMin, owMax] = validRange(offW, sw, W, OW);
      for (let c = 0; c < C; c++) {
        const row = ((kh * KW + kw) * C + c) * P;
        for (let b = 0; b < nb; b++) {
          for (let oh = ohMin; oh < ohMax; oh++) {
            const o = row + (b * OH + oh) * OW;
            let xi = (((b0 + b) * H + oh * sh + offH) * W + owMin * sw + offW) * C + c;
            for (let ow = owMin; ow < owMax; ow++, xi += step) cols[o + ow] = x[xi]!;
          }
        }
      }
    }
  }
}

/** Innermost loop over the channels of one (pixel, tap): sequential reads, writes one row apart. */
function im2colTByPixel(x: Float32Array, cols: Float32Array, info: backend_util.Conv2DInfo, b0: number, nb: number): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const P = nb * OH * OW;
  let p = 0;
  for (let b = 0; b < nb; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, p++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh * dh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw * dw - left;
            if (iw < 0 || iw >= W) continue;
            const xi = (((b0 + b) * H + ih) * W + iw) * C;
            for (let c = 0, o = (kh * KW + kw) * C * P + p; c < C; c++, o += P) cols[o] = x[xi + c]!;
          }
        }
      }
    }
  }
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
