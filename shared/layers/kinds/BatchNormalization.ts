import { resolveAxis } from '../axis-utils.js';
import { p } from '../params.js';
import { toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { formatShape, known, only, requireRank } from '../shape-utils.js';
import { customLayers } from '../tfjs-custom.js';
import { defineLayer, float, ShapeError, type Shape } from '../types.js';

/** The channel count; the axis must be the last one. */
function channels(x: Shape, axis: number): number {
  const a = resolveAxis(axis, x);
  // tfjs' cpu batchNorm kernel cycles the per-channel statistics along the flat data, which is right only for the
  // last axis: with another axis tfjs silently computes wrong values, in training and inference alike.
  if (a !== x.length - 1) {
    throw new ShapeError(
      `has axis ${axis}, but tfjs normalises correctly only along the last axis of ${formatShape(x)}: set axis to -1, ` +
        'and add a Permute before (and after) it to move the channel axis last',
      'BAD_PARAM',
    );
  }
  return known(x[a]!, 'channel count (last axis)');
}

export default defineLayer({
  kind: 'BatchNormalization',
  category: 'Normalization',
  title: 'BatchNormalization',
  doc: 'Normalises each channel with batch statistics while training and their moving averages at inference.',
  params: {
    axis: p.int(-1, { doc: 'The channel axis; tfjs supports only the last one (-1), as in channels-last images.' }),
    momentum: p.float(0.99, { min: 0, max: 1, doc: 'How slowly the moving mean and variance follow the batches.' }),
    epsilon: p.float(1e-3, { min: 1e-12, doc: 'Added to the variance to avoid dividing by zero.' }),
    center: p.bool(true, 'Learn an offset (beta) added after normalising.'),
    scale: p.bool(true, 'Learn a factor (gamma) applied after normalising.'),
  },
  examples: [
    { inputs: [[6]] },
    { inputs: [[5, 4, 3]], params: { epsilon: 0.01 } },
    { inputs: [[4, 3]], params: { center: false } },
    { inputs: [[3, 3, 2]], params: { axis: 3, scale: false, momentum: 0.9 } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    // tfjs-layers' batchNormalization is implemented for ranks 2–4 only.
    requireRank(x, [2, 3, 4], 'tfjs normalises inputs of up to 3 axes per sample; add a Reshape before it');
    channels(x, params.axis);
    return x;
  },
  countParams(inputs, params) {
    const c = channels(only(inputs), params.axis);
    return { trainable: c * (Number(params.scale) + Number(params.center)), nonTrainable: 2 * c };
  },
  build(tf, params, ctx) {
    const args = {
      name: ctx.name, axis: params.axis, momentum: params.momentum, epsilon: params.epsilon,
      center: params.center, scale: params.scale,
      gammaInitializer: ctx.init('ones'), betaInitializer: ctx.init('zeros'),
      movingMeanInitializer: ctx.init('zeros'), movingVarianceInitializer: ctx.init('ones'),
    };
    // Without gamma or beta, tfjs' own class cannot train (see tfjs-custom.ts).
    if (params.center && params.scale) return tf.layers.batchNormalization(args);
    return new (customLayers(tf).BatchNormalizationFixed)(args);
  },
  onnx: {
    // ONNX BatchNormalization (inference form, the layer's epsilon) takes the channels on axis 1: transpose there and
    // back; the exporter cancels these Transposes against a neighbouring Conv's.
    13: ({ g, params, inputs, inputShapes, weights }) => {
      const rank = inputShapes[0]!.length;
      const c = channels(inputShapes[0]!, params.axis);
      // tfjs weight order: gamma (if scale), beta (if center), moving_mean, moving_variance.
      const queue = [...weights];
      const take = (present: boolean, fill: number): string => {
        const w = present ? queue.shift()! : undefined;
        return w ? g.constFloat(w.data, [c]) : g.constFloat(new Float32Array(c).fill(fill), [c]);
      };
      const stats = [take(params.scale, 1), take(params.center, 0), take(true, 0), take(true, 1)];
      const x = rank > 2 ? toChannelsFirst(g, inputs[0]!, rank) : inputs[0]!;
      const y = g.op('BatchNormalization', [x, ...stats], { epsilon: float(params.epsilon) });
      return rank > 2 ? toChannelsLast(g, y, rank) : y;
    },
  },
});
