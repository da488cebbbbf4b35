// The backend's own XNNPACK-backed kernels, called from our JS kernels for the heavy arithmetic.
//
// XNNPACK packs the right-hand operand (a matrix product's B, a convolution's filter) before computing, and the
// wasm backend caches that packing per tensor id. Ours are fresh every call (temporaries, or aliases of a caller's
// tensor), so the packing is paid every time: ≈ 3.5 ns per element here, against ≈ 0.07 ns per multiply-add.
// Callers therefore pick formulations whose packed operand is the smaller one.
import {
  backend_util, BatchMatMul, Conv2D, getKernel, type KernelConfig, type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';
import { alias, unalias, view, type WasmBackend } from './heap.js';
import { isOurs } from './marker.js';

let originalBatchMatMul: KernelConfig | undefined;

/** Remembers tfjs's own wasm BatchMatMul before we replace it (only the first time: later calls see ours). */
export function captureOriginalBatchMatMul(): void {
  const current = getKernel(BatchMatMul, 'wasm');
  if (!current) throw new Error('the wasm backend has no BatchMatMul kernel');
  if (!originalBatchMatMul && !isOurs(current)) originalBatchMatMul = current;
}

export function originalBatchMatMulConfig(): KernelConfig {
  if (!originalBatchMatMul) throw new Error('captureOriginalBatchMatMul() was not called');
  return originalBatchMatMul;
}

/**
 * C[m,n] = A[m,k] · B[k,n] with both operands plain row-major matrices in the heap: XNNPACK's fully-connected path
 * (packs B, under a throwaway alias: see heap.ts). Returns a new backend tensor of shape [1, m, n] (the caller
 * reshapes or frees it).
 */
export function matMul(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  const [m, k] = a.shape.slice(-2) as [number, number];
  const n = b.shape[b.shape.length - 1]!;
  const rhs = alias(backend, b, [1, k, n]);
  const out = originalBatchMatMulConfig().kernelFunc({
    inputs: { a: view(a, [1, m, k]), b: rhs },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as TensorInfo;
  unalias(backend, rhs);
  return out;
}

/**
 * The backend's Conv2D (XNNPACK, NHWC, filter HWIO; packs the filter, cached on its id: pass a temporary) with
 * explicit padding [top, bottom, left, right]. Returns a new backend tensor.
 */
export function conv2d(
  backend: WasmBackend, x: TensorInfo, filter: TensorInfo,
  opts: { pad: [number, number, number, number]; strides?: [number, number]; dilations?: [number, number] },
): TensorInfo {
  const [t, b, l, r] = opts.pad;
  const pad: backend_util.ExplicitPadding = [[0, 0], [t, b], [l, r], [0, 0]];
  const kernel = getKernel(Conv2D, 'wasm')!.kernelFunc as KernelFunc;
  return kernel({
    inputs: { x, filter },
    backend,
    attrs: { strides: opts.strides ?? [1, 1], dilations: opts.dilations ?? [1, 1], pad, dataFormat: 'NHWC' },
  }) as TensorInfo;
}
