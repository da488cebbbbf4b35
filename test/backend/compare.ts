// Runs one kernel on the wasm backend (with our kernels) and on the cpu backend, on the same inputs, and reports the
// largest absolute difference. The cpu backend is tfjs's reference implementation.
import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import { initBackend, type Tf } from '../../electron/engine/backend/index.js';

export interface Input {
  shape: number[];
  values: Float32Array | Int32Array;
  dtype?: 'float32' | 'int32';
}

/** Deterministic uniform numbers in [-1, 1) (a small LCG: tests must not depend on Math.random). */
export function rand(shape: number[], seed = 1, integers = false): Input {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    // Integers from a small range produce ties, which pin down tie-breaking rules (max pooling).
    values[i] = integers ? Math.floor(u * 5) : u * 2 - 1;
  }
  return { shape, values };
}

export async function runOn(
  tf: Tf, backend: 'wasm' | 'cpu', kernel: string, inputs: Record<string, Input>, attrs: NamedAttrMap,
): Promise<{ shape: number[]; values: Float32Array | Int32Array }> {
  await initBackend(backend);
  const named = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.values, v.shape, v.dtype ?? 'float32')]),
  );
  const out = tf.engine().runKernel(kernel, named, attrs) as ReturnType<Tf['tensor']>;
  const result = { shape: out.shape, values: out.dataSync() as Float32Array | Int32Array };
  out.dispose();
  Object.values(named).forEach((t) => t.dispose());
  return result;
}

/** Largest |wasm − cpu|; throws if the shapes differ. */
export async function maxDiff(
  tf: Tf, kernel: string, inputs: Record<string, Input>, attrs: NamedAttrMap,
): Promise<number> {
  const a = await runOn(tf, 'wasm', kernel, inputs, attrs);
  const b = await runOn(tf, 'cpu', kernel, inputs, attrs);
  return diff(a, b);
}

export function diff(
  a: { shape: number[]; values: ArrayLike<number> }, b: { shape: number[]; values: ArrayLike<number> },
): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shape ${a.shape} vs ${b.shape}`);
  let d = 0;
  for (let i = 0; i < a.values.length; i++) d = Math.max(d, Math.abs(a.values[i]! - b.values[i]!));
  if (Number.isNaN(d)) throw new Error('NaN in a result');
  return d;
}
