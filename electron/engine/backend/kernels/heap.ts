// Helpers for kernels that run on the tfjs `wasm` backend but are written in JS: they read and write tensors
// straight in the WASM heap (no copies, no per-element tensor ops) and hand heavy products to the backend's own
// XNNPACK matrix multiply.
//
// One rule matters everywhere: a typed-array view of the heap is detached whenever the heap grows, and any
// allocation (makeOutput, a kernel call) may grow it. So allocate first, take views after, and take them again
// after every call that allocates.
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

export type WasmBackend = BackendWasm;

/** A Float32Array over a float32 tensor's heap memory (valid until the next allocation). */
export function f32(backend: WasmBackend, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** A backend-allocated tensor; its memory is NOT zeroed (malloc). */
export function alloc(backend: WasmBackend, shape: number[], dtype: DataType = 'float32'): TensorInfo {
  return backend.makeOutput(shape, dtype);
}

/** Frees a temporary made by `alloc` or returned by a kernel called from a kernel. */
export function free(backend: WasmBackend, t: TensorInfo): void {
  backend.disposeData(t.dataId);
}

/**
 * The same data under another shape (no copy). Callers must not dispose it: it borrows the tensor's dataId without
 * taking a reference, and the kernels it is passed to take and release their own.
 */
export function view(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/**
 * A second tensor id over t's memory (no copy, no allocation). We pass right-hand operands to XNNPACK under such an
 * alias: the wasm backend caches each XNNPACK operator (packed weights, shapes) by the operand's tensor id alone,
 * so handing it a caller's tensor would leave an operator cached on that id, which a later product using the same
 * tensor under another shape would wrongly reuse. Release with `unalias`, which drops the operator too.
 */
export function alias(backend: WasmBackend, t: TensorInfo, shape: number[]): TensorInfo {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId)!;
  return backend.makeOutput(shape, t.dtype, memoryOffset);
}

/** Forgets an alias made by `alias` (and any operator cached on it); the memory stays with the original tensor. */
export function unalias(backend: WasmBackend, a: TensorInfo): void {
  const { id } = backend.dataIdMap.get(a.dataId)!;
  backend.wasm.tfjs.disposeData(id);
  backend.dataIdMap.delete(a.dataId);
}

/** Copies a [rows, cols] matrix stored at `src[srcOff…]` transposed into `dst[dstOff…]` ([cols, rows]). */
export function transposeInto(
  src: Float32Array, srcOff: number, rows: number, cols: number, dst: Float32Array, dstOff: number,
): void {
  // Blocked so that both the reads and the writes stay within a few cache lines.
  const B = 32;
  for (let r0 = 0; r0 < rows; r0 += B) {
    const r1 = Math.min(r0 + B, rows);
    for (let c0 = 0; c0 < cols; c0 += B) {
      const c1 = Math.min(c0 + B, cols);
      for (let r = r0; r < r1; r++) {
        const s = srcOff + r * cols;
        for (let c = c0; c < c1; c++) dst[dstOff + c * rows + r] = src[s + c]!;
      }
    }
  }
}

/** Permutes an NCHW float tensor to a new NHWC temporary (for the rare channels-first call). */
export function nchwToNhwc(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const [n, c, h, w] = t.shape as [number, number, number, number];
  const out = alloc(backend, [n, h, w, c]);
  const src = f32(backend, t);
  const dst = f32(backend, out);
  const hw = h * w;
  for (let b = 0; b < n; b++) transposeInto(src, b * c * hw, c, hw, dst, b * c * hw);
  return out;
}

/** Permutes an NHWC float tensor to a new NCHW temporary (inverse of nchwToNhwc). */
export function nhwcToNchw(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const [n, h, w, c] = t.shape as [number, number, number, number];
  const out = alloc(backend, [n, c, h, w]);
  const src = f32(backend, t);
  const dst = f32(backend, out);
  const hw = h * w;
  for (let b = 0; b < n; b++) transposeInto(src, b * c * hw, hw, c, dst, b * c * hw);
  return out;
}
