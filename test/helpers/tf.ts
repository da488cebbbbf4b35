// tfjs on the pure-JS backend (as the engine sets it up, with its kernel corrections) for tests that compare shapes,
// counts and numerics: deterministic, no wasm start-up.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../electron/engine/backend/index.js';
import { mulberry32 } from '../../shared/random.js';

export async function cpuTf(): Promise<typeof tf> {
  await initBackend('cpu');
  return tf;
}

/** Overwrites every weight with seeded random values so that exports are compared on non-trivial weights. */
export function randomizeWeights(model: tf.LayersModel, seed = 1): void {
  const rand = mulberry32(seed);
  for (const w of model.weights) {
    const size = w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
    const positive = /variance/i.test(w.originalName);
    const values = Float32Array.from({ length: size }, () => (positive ? 0.5 + rand() : rand() - 0.5));
    w.write(tf.tensor(values, w.shape as number[]));
  }
}
