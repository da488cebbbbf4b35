// BatchMatMul for the wasm backend, replacing tfjs's own for transposed operands.
//
// tfjs-backend-wasm 4.22 sends a BatchMatMul to XNNPACK only when neither operand is transposed and both have a
// batch of 1; every other case runs a scalar C++ triple loop that is 10–15× slower. Training hits exactly those
// cases: a Dense layer's gradients are xᵀ·dy (transposeA) and dy·Wᵀ (transposeB). So we transpose in JS (cheap:
// O(n²) against the product's O(n³)) and call the original kernel on its fast path.
import { BatchMatMul, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { alloc, f32, free, transposeInto, view, type WasmBackend } from './heap.js';
import { markOurs } from './marker.js';
import { matMul, originalBatchMatMulConfig } from './xnn.js';

/** A [rows, cols] matrix (at any rank, batch 1) transposed into a new [cols, rows] temporary. */
function transposed(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const [rows, cols] = t.shape.slice(-2) as [number, number];
  const out = alloc(backend, [cols, rows]);
  transposeInto(f32(backend, t), 0, rows, cols, f32(backend, out), 0);
  return out;
}

/**
 * Relative cost of XNNPACK packing one element of the right-hand operand, against copying one element in JS.
 * Measured here: packing ≈ 3.5 ns per element (the operator is rebuilt for every new right-hand tensor), a blocked
 * JS transpose ≈ 1 ns per element.
 */
const PACK_COST = 3;

/**
 * op(A)[m,k] · op(B)[k,n] for batch-1 float matrices through XNNPACK, choosing the cheaper of
 *   (1) C  = op(A) · op(B)            — transpose the transposed operands; pack op(B) (k·n)
 *   (2) Cᵀ = op(B)ᵀ · op(A)ᵀ, then Cᵀ → C — a transposed operand is used as stored; pack op(A)ᵀ (k·m).
 * (2) wins for a Dense layer's input gradient dy·Wᵀ: W is used in place and only the small dyᵀ is packed.
 */
function transposedProduct(backend: WasmBackend, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const [a0, a1] = a.shape.slice(-2) as [number, number];
  const [b0, b1] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const n = transposeB ? b0 : b1;
  const cost1 = (transposeA ? m * k : 0) + (transposeB ? k * n : 0) + PACK_COST * k * n;
  const cost2 = (transposeB ? 0 : k * n) + (transposeA ? 0 : m * k) + PACK_COST * k * m + m * n;
  if (cost1 <= cost2) {
    const at = transposeA ? transposed(backend, a) : a;
    const bt = transposeB ? transposed(backend, b) : b;
    const out = matMul(backend, at, bt);
    if (at !== a) free(backend, at);
    if (bt !== b) free(backend, bt);
    return out;
  }
  const lhs = transposeB ? b : transposed(backend, b); // op(B)ᵀ [n, k]
  const rhs = transposeA ? a : transposed(backend, a); // op(A)ᵀ [k, m]
  const outT = matMul(backend, view(lhs, [n, k]), view(rhs, [k, m])); // [1, n, m]
  if (lhs !== b) free(backend, lhs);
  if (rhs !== a) free(backend, rhs);
  const out = alloc(backend, [1, m, n]);
  transposeInto(f32(backend, outT), 0, n, m, f32(backend, out), 0);
  free(backend, outT);
  return out;
}

function batchMatMul(args: { inputs: { a: TensorInfo; b: TensorInfo }; backend: WasmBackend; attrs: { transposeA: boolean; transposeB: boolean } }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  // Untransposed products are already fast; batched products and non-float inputs have no fast path to win.
  if ((!transposeA && !transposeB) || batchA !== 1 || batchB !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return originalBatchMatMulConfig().kernelFunc(args as never) as TensorInfo;
  }
  const out = transposedProduct(backend, a, b, transposeA, transposeB);
  // The output keeps the rank the op expects: the broadcast outer dims (all 1 here) then [m, n].
  const outer = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  out.shape = [...outer, ...out.shape.slice(-2)];
  return out;
}

export const batchMatMulConfig: KernelConfig = markOurs({
  kernelName: BatchMatMul,
  backendName: 'wasm',
  // The original's setup binds its WASM function; run it in case the backend is (re)initialised after us.
  setupFunc: (backend: object) => originalBatchMatMulConfig().setupFunc?.(backend as never),
  kernelFunc: batchMatMul as unknown as KernelFunc,
});
