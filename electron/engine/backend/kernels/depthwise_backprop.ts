// Depthwise convolution gradients for the wasm backend (DepthwiseConv2D, and SeparableConv2D's depthwise step),
// which tfjs-backend-wasm 4.22 lacks. Each output channel depends on one input channel only, so there is no large
// matrix product to hand to XNNPACK: these are tight loops over NHWC memory with channels innermost.
//
// Channel co = ci·M + m (M = channel multiplier); filter [KH, KW, Ci, M]; input pixel of output (oh, ow) and tap
// (kh, kw): (oh·sh + kh·dh − top, ow·sw + kw·dw − left). Dilations are honoured here even though tfjs-core's
// gradient refuses dilated depthwise convolutions today.
import {
  backend_util, DepthwiseConv2dNativeBackpropFilter, DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropFilterAttrs, type DepthwiseConv2dNativeBackpropInputAttrs, type KernelConfig,
  type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { validRange } from './conv_util.js';
import { alloc, f32, type WasmBackend } from './heap.js';

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
  // Sums over the whole batch: accumulate in doubles (as the cpu backend does), store as float32 once.
  const acc = new Float64Array(KH * KW * CM);
  for (let kh = 0; kh < KH; kh++) {
    const [ohMin, ohMax] = validRange(kh * dh - top, sh, H, OH);
    for (let kw = 0; kw < KW; kw++) {
      const [owMin, owMax] = validRange(kw * dw - left, sw, W, OW);
      const a = (kh * KW + kw) * CM;
      for (let b = 0; b < N; b++) {
        for (let oh = ohMin; oh < ohMax; oh++) {
          const ih = oh * sh + kh * dh - top;
          for (let ow = owMin; ow < owMax; ow++) {
            const iw = ow * sw + kw * dw - left;
            const xi = ((b * H + ih) * W + iw) * C;
            const yi = ((b * OH + oh) * OW + ow) * CM;
            if (M === 1) {
              for (let c = 0; c < C; c++) acc[a + c]! += x[xi + c]! * dy[yi + c]!;
            } else {
              for (let c = 0; c < C; c++) {
                const xv = x[xi + c]!;
                const o = c * M;
                for (let m = 0; m < M; m++) acc[a + o + m]! += xv * dy[yi + o + m]!;
              }
            }
          }
        }
      }
    }
  }
  f32(backend, out).set(acc);
  return out;
}

function depthwiseBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo }; backend: WasmBackend; attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape, inputs.filter.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, true,
  );
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const { dilationHeight: dh, dilationWidth: dw } = info;
  const M = info.outChannels / C;
  const CM = C * M;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const out = alloc(backend, [N, H, W, C]);
  const dx = f32(backend, out);
  const dy = f32(backend, inputs.dy);
  const f = f32(backend, inputs.filter);
  dx.fill(0);
  // Scatter form: every (output pixel, tap) adds dy·w into the input pixel it read.
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
