import { resolveAxis } from '../axis-utils.js';
import { p } from '../params.js';
import { known, only, requireRank } from '../shape-utils.js';
import { customLayers } from '../tfjs-custom.js';
import { defineLayer, float, type OnnxEmitContext } from '../types.js';

interface LnParams {
  axis: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
}

/** gamma and beta as ONNX constants shaped to broadcast against the input on `axis` (ones / zeros when absent). */
function affine(ctx: OnnxEmitContext<LnParams>, axis: number) {
  const { g, params, weights, inputShapes } = ctx;
  const x = inputShapes[0]!;
  const c = x[axis]!;
  const dims = [c, ...Array.from({ length: x.length - 1 - axis }, () => 1)];
  // tfjs weight order: gamma (if scale), then beta (if center).
  const queue = [...weights];
  const gamma = params.scale ? queue.shift()!.data : new Float32Array(c).fill(1);
  const beta = params.center ? queue.shift()!.data : new Float32Array(c);
  return { gamma: g.constFloat(gamma, dims), beta: g.constFloat(beta, dims) };
}

/** (x − mean) / √(var + ε) · γ + β over one axis, from basic ops (opsets without LayerNormalization). */
function decomposed(ctx: OnnxEmitContext<LnParams>): string {
  const { g, params, inputs, inputShapes } = ctx;
  const axis = resolveAxis(params.axis, inputShapes[0]!);
  const x = inputs[0]!;
  // ReduceMean takes `axes` as an attribute up to opset 17.
  const centered = g.op('Sub', [x, g.op('ReduceMean', [x], { axes: [axis], keepdims: 1 })]);
  const variance = g.op('ReduceMean', [g.op('Mul', [centered, centered])], { axes: [axis], keepdims: 1 });
  const std = g.op('Sqrt', [g.op('Add', [variance, g.constFloat([params.epsilon], [])])]);
  const { gamma, beta } = affine(ctx, axis);
  return g.op('Add', [g.op('Mul', [g.op('Div', [centered, std]), gamma]), beta]);
}

export default defineLayer({
  kind: 'LayerNormalization',
  category: 'Normalization',
  title: 'LayerNormalization',
  doc: 'Normalises each sample over its features (mean 0, variance 1), then scales and shifts; same in training and inference.',
  params: {
    axis: p.int(-1, { doc: 'The axis normalised over (-1: the last, the features).' }),
    epsilon: p.float(1e-3, { min: 1e-12, doc: 'Added to the variance to avoid dividing by zero.' }),
    center: p.bool(true, 'Learn an offset (beta) added after normalising.'),
    scale: p.bool(true, 'Learn a factor (gamma) applied after normalising.'),
  },
  examples: [
    { inputs: [[8]] },
    { inputs: [[4, 6]], params: { epsilon: 1e-5, center: false } },
    { inputs: [[3, 5, 2]], params: { axis: 1, scale: false } },
    { inputs: [[2, 3, 4]], params: { axis: -1 } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    // tfjs-layers normalises through batchNormalization, implemented for ranks 2–4 only.
    requireRank(x, [2, 3, 4], 'tfjs normalises inputs of up to 3 axes per sample; add a Reshape before it');
    known(x[resolveAxis(params.axis, x)]!, 'size on the normalised axis');
    return x;
  },
  countParams(inputs, params) {
    const x = only(inputs);
    const c = known(x[resolveAxis(params.axis, x)]!, 'size on the normalised axis');
    return { trainable: c * (Number(params.scale) + Number(params.center)), nonTrainable: 0 };
  },
  build(tf, params, ctx) {
    const args = {
      name: ctx.name, axis: params.axis, epsilon: params.epsilon, center: params.center, scale: params.scale,
      gammaInitializer: ctx.init('ones'), betaInitializer: ctx.init('zeros'),
    };
    // Without gamma or beta, tfjs' own class cannot train (see tfjs-custom.ts).
    if (params.center && params.scale) return tf.layers.layerNormalization(args);
    return new (customLayers(tf).LayerNormalizationFixed)(args);
  },
  onnx: {
    13: decomposed,
    // ONNX LayerNormalization normalises over every axis from `axis` to the end, so it fits only the last axis.
    17: (ctx) => {
      const { g, params, inputs, inputShapes } = ctx;
      const x = inputShapes[0]!;
      const axis = resolveAxis(params.axis, x);
      if (axis !== x.length - 1) return decomposed(ctx);
      const { gamma, beta } = affine(ctx, axis);
      return g.op('LayerNormalization', [inputs[0]!, gamma, beta], { axis: -1, epsilon: float(params.epsilon) });
    },
  },
});
