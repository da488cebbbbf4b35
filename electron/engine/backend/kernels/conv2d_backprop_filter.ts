// Conv2DBackpropFilter (the weight gradient of Conv2D, Conv1D, Conv2DTranspose and SeparableConv2D's pointwise
// step) for the wasm backend, which has none in tfjs 4.22.
//
// dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·sh+kh−top, ow·sw+kw−left, ci] · dy[b,oh,ow,co]
// is computed by XNNPACK in one of two ways, whichever moves less data in JS:
//  - as a convolution: images = x as [ci][h][w][b], filter = dy as [oh][ow][b][co], dilated by the stride; the
//    result [ci][kh][kw][co] is permuted back. Costs copies of x and dy.
//  - as a matrix product colsᵀ[K, P] · dy[P, Co] (K = kh·kw·ci, P = b·oh·ow) over an im2col buffer written in JS.
//    Costs K·P writes: cheaper when there are few input channels (a network's first layer).
// Both have XNNPACK pack dy; packing x instead would need dy dilated and padded, which costs more than it saves.
import {
  backend_util, Conv2DBackpropFilter, type Conv2DBackpropFilterAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alloc, f32, free, nchwToNhwc, view, type WasmBackend } from './heap.js';
import { limits, validRange } from './conv_util.js';
import { conv2d, matMul } from './xnn.js';


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

  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const im2colSize = filterHeight * filterWidth * inChannels * batchSize * outHeight * outWidth;
  const copySize = batchSize * (inHeight * inWidth * inChannels + outHeight * outWidth * outChannels);
  const dW = (copySize < im2colSize ? viaConvolution(backend, x, dy, info) : null) ?? viaColumns(backend, x, dy, info);
  if (channelsFirst) {
    free(backend, x);
    free(backend, dy);
  }
  return dW;
}

/** dW via the backend's Conv2D (see the top of this file). Null if the geometry does not fit. */
export function viaConvolution(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | null {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, padInfo } = info;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return null;
  // Rows/columns past the last one any output reads are dropped (negative padding), so that the convolution's
  // output is exactly KH × KW.
  const Hc = Math.min(H, (OH - 1) * sh + KH - padInfo.top);
  const Wc = Math.min(W, (OW - 1) * sw + KW - padInfo.left);
  const pad: [number, number, number, number] = [
    padInfo.top, KH + (OH - 1) * sh - Hc - padInfo.top, padInfo.left, KW + (OW - 1) * sw - Wc - padInfo.left,
  ];
  if (Hc <= 0 || Wc <= 0 || pad.some((p) => p < 0)) return null;

  const images = alloc(backend, [Ci, Hc, Wc, N]);
  const filter = alloc(backend, [OH, OW, N, Co]);
  {
    const xs = f32(backend, x);
    const im = f32(backend, images);
    // images[ci][h][w][b] = x[b][h][w][ci]: for each pixel, a [N, Ci] → [Ci, N] transpose.
    const hwN = Hc * Wc * N;
    for (let h = 0; h < Hc; h++) {
      for (let w = 0; w < Wc; w++) {
        const o = (h * Wc + w) * N;
        for (let b = 0; b < N; b++) {
          const xi = ((b * H + h) * W + w) * Ci;
          for (let c = 0, d = o + b; c < Ci; c++, d += hwN) im[d] = xs[xi + c]!;
        }
      }
    }
    const ys = f32(backend, dy);
    const fl = f32(backend, filter);
    // filter[oh][ow][b][co] = dy[b][oh][ow][co]: runs of Co stay contiguous.
    const pix = OH * OW;
    for (let b = 0; b < N; b++) {
      for (let q = 0; q < pix; q++) fl.set(ys.subarray((b * pix + q) * Co, (b * pix + q + 1) * Co), (q * N + b) * Co);
    }
  }
  const out = conv2d(backend, images, filter, { pad, dilations: [sh, sw] }); // [Ci, KH, KW, Co]
  free(backend, images);
  free(backend, filter);
  const dW = alloc(backend, [KH, KW, Ci, Co]);
  const o = f32(backend, out);
  const d = f32(backend, dW);
  for (let c = 0; c < Ci; c++) {
    for (let t = 0; t < KH * KW; t++) d.set(o.subarray((c * KH * KW + t) * Co, (c * KH * KW + t + 1) * Co), (t * Ci + c) * Co);
  }
  free(backend, out);
  return dW;
}

/** dW as colsᵀ · dy over an im2col buffer, in batch slices that bound its size. */
export function viaColumns(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
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
 * The buffer is zeroed in one call and then only in-image taps are copied: per-row fills of the few padded entries
 * would cost more than the copies themselves on small feature maps.
 */
export function im2colT(x: Float32Array, cols: Float32Array, info: backend_util.Conv2DInfo, b0: number, nb: number): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const P = nb * OH * OW;
  const step = sw * C;
  cols.fill(0, 0, KH * KW * C * P);
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

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
