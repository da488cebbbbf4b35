// Conv2DBackpropInput (the input gradient of Conv2D, and the forward pass of Conv2DTranspose) for the wasm backend.
// tfjs-backend-wasm has one, but it is a scalar C++ loop ~7× slower than the route below, which makes it one of
// the largest costs of a CNN training step; we replace it.
//
// Stride 1 (the usual case): dx is a plain convolution of dy with the filter rotated by 180° and its in/out
// channels swapped, padded by (kernel − 1 − forward padding); the backend's XNNPACK Conv2D computes it.
// Other strides: dcols[P, K] = dy[P, Co] · Wᵀ[Co, K] (XNNPACK matrix product), then col2im adds each column back to
// the input pixel it came from: dx[b, oh·sh+kh−top, ow·sw+kw−left, ci] += dcols[p, (kh,kw,ci)].
import {
  backend_util, Conv2DBackpropInput, type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { limits } from './conv_util.js';
import { alloc, f32, free, nchwToNhwc, nhwcToNchw, transposeInto, view, type WasmBackend } from './heap.js';
import { conv2d, matMul } from './xnn.js';

function conv2DBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo }; backend: WasmBackend; attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const { filter } = inputs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const info = backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, format,
  );
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const dy = channelsFirst ? nchwToNhwc(backend, inputs.dy) : inputs.dy;

  const dx = viaConvolution(backend, dy, filter, info) ?? viaColumns(backend, dy, filter, info);
  if (!channelsFirst) return dx;
  free(backend, dy);
  const out = nhwcToNchw(backend, dx);
  free(backend, dx);
  return out;
}

/** Stride 1: dx = conv(dy, rot180(W) with [ci, co] swapped). Null when the padding does not allow it. */
function viaConvolution(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo | null {
  const { filterHeight: KH, filterWidth: KW, inChannels: Ci, outChannels: Co, padInfo } = info;
  const pad: [number, number, number, number] = [
    KH - 1 - padInfo.top, KH - 1 - padInfo.bottom, KW - 1 - padInfo.left, KW - 1 - padInfo.right,
  ];
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || pad.some((p) => p < 0)) return null;
  const rotated = alloc(backend, [KH, KW, Co, Ci]);
  const w = f32(backend, filter);
  const r = f32(backend, rotated);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      // Tap (kh, kw) of the rotated filter is tap (KH−1−kh, KW−1−kw) of W, transposed from [ci, co] to [co, ci].
      transposeInto(w, ((KH - 1 - kh) * KW + (KW - 1 - kw)) * Ci * Co, Ci, Co, r, (kh * KW + kw) * Co * Ci);
    }
  }
  const dx = conv2d(backend, dy, rotated, { pad });
  free(backend, rotated);
  return dx;
}

/** Any stride: XNNPACK product into columns, then col2im. */
function viaColumns(backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const K = filterHeight * filterWidth * inChannels;
  const perImage = outHeight * outWidth;
  const slice = Math.max(1, Math.min(batchSize, Math.floor(limits.maxColumnFloats / (K * perImage))));

  const wT = alloc(backend, [outChannels, K]);
  transposeInto(f32(backend, filter), 0, K, outChannels, f32(backend, wT), 0);
  const dx = alloc(backend, [batchSize, inHeight, inWidth, inChannels]);
  f32(backend, dx).fill(0);
  for (let b0 = 0; b0 < batchSize; b0 += slice) {
    const nb = Math.min(slice, batchSize - b0);
    const P = nb * perImage;
    const dySlice = nb === batchSize ? view(dy, [P, outChannels]) : alloc(backend, [P, outChannels]);
    if (dySlice.dataId !== dy.dataId) {
      f32(backend, dySlice).set(f32(backend, dy).subarray(b0 * perImage * outChannels, (b0 + nb) * perImage * outChannels));
    }
    const dcols = matMul(backend, dySlice, wT); // [1, P, K]
    col2im(f32(backend, dcols), f32(backend, dx), info, b0, nb);
    free(backend, dcols);
    if (dySlice.dataId !== dy.dataId) free(backend, dySlice);
  }
  free(backend, wT);
  return dx;
}

/** Adds dcols[p, (kh·KW + kw)·C + c] into dx at the pixel each column was read from (images b0 … b0+nb−1). */
function col2im(dcols: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo, b0: number, nb: number): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: KH, filterWidth: KW } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const K = KH * KW * C;
  let p = 0;
  for (let b = b0; b < b0 + nb; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, p++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh + kh * dh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw + kw * dw - left;
            if (iw < 0 || iw >= W) continue;
            const d = ((b * H + ih) * W + iw) * C;
            const s = p * K + (kh * KW + kw) * C;
            for (let c = 0; c < C; c++) dx[d + c]! += dcols[s + c]!;
          }
        }
      }
    }
  }
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
