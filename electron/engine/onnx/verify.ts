// Runs an exported model in ONNX Runtime and compares it with the tfjs model on the same inputs.
import type * as tfjs from '@tensorflow/tfjs';
import { mulberry32 } from '../../../shared/random.js';
import type { OnnxExport, OnnxIO } from './export.js';

export interface VerifyResult {
  maxAbsDiff: number;
  /** Per output name. */
  perOutput: Record<string, number>;
  samples: number;
}

export interface VerifyInputs {
  /** One array per model input, holding `batch` samples in tfjs layout. */
  data: (Float32Array | Int32Array)[];
  batch: number;
}

/** Seeded random inputs: floats in [-1, 1), or integers in [0, intRange) for int32 inputs. */
export function randomInputs(inputs: OnnxIO[], batch: number, seed: number, intRange = 10): VerifyInputs {
  const rand = mulberry32(seed);
  const data = inputs.map((io) => {
    const size = batch * io.shape.slice(1).reduce<number>((a, d) => a * (d ?? 1), 1);
    if (io.dtype === 'int32') return Int32Array.from({ length: size }, () => Math.floor(rand() * intRange));
    return Float32Array.from({ length: size }, () => rand() * 2 - 1);
  });
  return { data, batch };
}

export async function runOnnx(bytes: Uint8Array, exported: OnnxExport, inputs: VerifyInputs): Promise<Float32Array[]> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    exported.inputs.forEach((io, i) => {
      const dims = [inputs.batch, ...io.shape.slice(1).map((d) => d ?? 1)];
      feeds[io.name] = new ort.Tensor(io.dtype === 'int32' ? 'int32' : 'float32', inputs.data[i]!, dims);
    });
    const result = await session.run(feeds);
    return exported.outputs.map((o) => result[o.name]!.data as Float32Array);
  } finally {
    await session.release();
  }
}

export async function verifyOnnx(
  tf: typeof tfjs, model: tfjs.LayersModel, exported: OnnxExport, inputs: VerifyInputs,
): Promise<VerifyResult> {
  const onnxOut = await runOnnx(exported.bytes, exported, inputs);
  const tfOut = tf.tidy(() => {
    const xs = exported.inputs.map((io, i) =>
      tf.tensor(inputs.data[i]!, [inputs.batch, ...io.shape.slice(1).map((d) => d ?? 1)], io.dtype));
    const y = model.predict(xs.length === 1 ? xs[0]! : xs);
    return (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
  });
  const perOutput: Record<string, number> = {};
  let maxAbsDiff = 0;
  exported.outputs.forEach((o, i) => {
    const a = tfOut[i]!;
    const b = onnxOut[i]!;
    if (a.length !== b.length) throw new Error(`output '${o.name}': tfjs gives ${a.length} values, ONNX Runtime ${b.length}`);
    let m = 0;
    for (let k = 0; k < a.length; k++) {
      const d = Math.abs(a[k]! - b[k]!);
      if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
    }
    perOutput[o.name] = m;
    maxAbsDiff = Math.max(maxAbsDiff, m);
  });
  return { maxAbsDiff, perOutput, samples: inputs.batch };
}
