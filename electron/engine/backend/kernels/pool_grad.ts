// MaxPoolGrad for the wasm backend. tfjs-backend-wasm's own kernel re-derives every window's argmax in a generic
// loop and costs as much as a convolution in a small CNN's step; this one makes a single pass over the windows.
//
// The gradient of each output goes to the first position (row-major within the window, padding excluded) that
// holds the window's maximum — the cpu backend's rule, so results are identical including ties.
import {
  backend_util, MaxPoolGrad, type KernelConfig, type KernelFunc, type MaxPoolGradAttrs, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alloc, f32, type WasmBackend } from './heap.js';

function maxPoolGrad(args: {
  inputs: { dy: TensorInfo; input: TensorInfo; output: TensorInfo }; backend: WasmBackend; attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;

  const out = alloc(backend, [N, H, W, C]);
  const dx = f32(backend, out);
  const x = f32(backend, inputs.input);
  const dy = f32(backend, inputs.dy);
  dx.fill(0);
  for (let b = 0; b < N; b++) {
    const xb = b * H * W * C;
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * sh - top);
      const h1 = Math.min(H, oh * sh - top + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = Math.max(0, ow * sw - left);
        const w1 = Math.min(W, ow * sw - left + KW);
        const yi = ((b * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let h = h0; h < h1; h++) {
            for (let w = w0, i = xb + (h * W + w0) * C + c; w < w1; w++, i += C) {
              const v = x[i]!;
              if (v > best) {
                best = v;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at]! += dy[yi + c]!;
        }
      }
    }
  }
  return out;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
