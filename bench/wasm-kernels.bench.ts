// Per-kernel cost on the wasm backend: tfjs's own kernel against ours, for the kernels we replace, plus our added
// gradients (which tfjs does not have), on the shapes of the digits CNN's training step.
//
//   npx tsx bench/wasm-kernels.bench.ts
//
// Figures are CPU microseconds per call, best of several blocks: other processes share this machine's cores and
// CPU time is less disturbed by them than wall time.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../electron/engine/backend/kernels/index.js';
import { wasmDistDir } from '../electron/engine/backend/wasm.js';
import { emit } from './lib/rows.js';

interface Case {
  label: string;
  kernel: string;
  inputs: () => Record<string, ReturnType<typeof tf.tensor>>;
  attrs: Record<string, unknown>;
}

const relu = (shape: number[]) => tf.randomNormal(shape).relu();
const CASES: Case[] = [
  {
    label: 'conv1 weight grad 32×8×8×1 → 3×3×1×16', kernel: 'Conv2DBackpropFilter',
    inputs: () => ({ x: relu([32, 8, 8, 1]), dy: tf.randomNormal([32, 8, 8, 16]) }),
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 1, 16] },
  },
  {
    label: 'conv2 weight grad 32×4×4×16 → 3×3×16×32', kernel: 'Conv2DBackpropFilter',
    inputs: () => ({ x: relu([32, 4, 4, 16]), dy: tf.randomNormal([32, 4, 4, 32]) }),
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 16, 32] },
  },
  {
    label: 'conv2 input grad', kernel: 'Conv2DBackpropInput',
    inputs: () => ({ dy: tf.randomNormal([32, 4, 4, 32]), filter: tf.randomNormal([3, 3, 16, 32]) }),
    attrs: { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 4, 4, 16] },
  },
  {
    label: 'maxpool 2×2 grad 32×8×8×16', kernel: 'MaxPoolGrad',
    inputs: () => {
      const input = relu([32, 8, 8, 16]);
      return { dy: tf.randomNormal([32, 4, 4, 16]), input, output: tf.maxPool(input as never, 2, 2, 'valid') };
    },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
  },
  {
    label: 'dense weight grad xᵀ·dy 512×32·32×64', kernel: 'BatchMatMul',
    inputs: () => ({ a: relu([32, 512]), b: tf.randomNormal([32, 64]) }),
    attrs: { transposeA: true, transposeB: false },
  },
  {
    label: 'dense input grad dy·Wᵀ 32×64·64×512', kernel: 'BatchMatMul',
    inputs: () => ({ a: tf.randomNormal([32, 64]), b: tf.randomNormal([512, 64]) }),
    attrs: { transposeA: false, transposeB: true },
  },
  {
    label: 'conv1 bias grad: Σ over 32×8×8 of 16 channels', kernel: 'Sum',
    inputs: () => ({ x: tf.randomNormal([32, 8, 8, 16]) }),
    attrs: { axis: [0, 1, 2], keepDims: false },
  },
  {
    label: 'depthwise weight grad 32×8×8×16, 3×3', kernel: 'DepthwiseConv2dNativeBackpropFilter',
    inputs: () => ({ x: relu([32, 8, 8, 16]), dy: tf.randomNormal([32, 8, 8, 16]) }),
    attrs: { strides: 1, pad: 'same', dilations: 1, filterShape: [3, 3, 16, 1] },
  },
  {
    label: 'depthwise input grad 32×8×8×16, 3×3', kernel: 'DepthwiseConv2dNativeBackpropInput',
    inputs: () => ({ dy: tf.randomNormal([32, 8, 8, 16]), filter: tf.randomNormal([3, 3, 16, 1]) }),
    attrs: { strides: 1, pad: 'same', dilations: 1, inputShape: [32, 8, 8, 16] },
  },
  {
    label: 'embedding grad 640 rows × 32 → 1000', kernel: 'UnsortedSegmentSum',
    inputs: () => ({ x: tf.randomNormal([640, 32]), segmentIds: tf.randomUniform([640], 0, 1000, 'int32') }),
    attrs: { numSegments: 1000 },
  },
];

/** CPU µs per call of the kernel currently registered, best of 5 blocks; null if there is none. */
function time(c: Case, inputs: Record<string, unknown>): number | null {
  const k = tf.getKernel(c.kernel, 'wasm');
  if (!k) return null;
  const backend = tf.backend() as unknown as { disposeData(id: object): void };
  const once = () => backend.disposeData((k.kernelFunc({ inputs, attrs: c.attrs, backend } as never) as { dataId: object }).dataId);
  for (let i = 0; i < 50; i++) once();
  let best = Infinity;
  for (let block = 0; block < 5; block++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < 50; i++) once();
    const used = process.cpuUsage(c0);
    best = Math.min(best, (used.user + used.system) / 50);
  }
  return Math.round(best);
}

// tfjs's wasm backend as shipped first, then with our kernels registered over it.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths(wasmDistDir());
await tf.setBackend('wasm');
const inputs = CASES.map((c) => c.inputs());
const before = CASES.map((c, i) => time(c, inputs[i]!));
registerWasmTrainingKernels();
const after = CASES.map((c, i) => time(c, inputs[i]!));
CASES.forEach((c, i) => {
  const tfjs = before[i];
  const ours = after[i]!;
  emit({
    bench: 'wasm-kernels', kernel: c.kernel, shape: c.label, tfjs_us: tfjs ?? 'missing', ours_us: ours,
    speedup: tfjs == null ? '—' : `${(tfjs / ours).toFixed(1)}×`,
  });
});
