import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'ReLU',
  category: 'Activation',
  title: 'ReLU',
  doc: 'Rectified linear unit max(x, 0), optionally capped at maxValue (e.g. 6 for ReLU6).',
  params: {
    // tfjs' ReLU has only maxValue (Keras' negativeSlope and threshold are not in tfjs).
    maxValue: p.floatOrNull(null, { min: 0, doc: 'Upper bound of the output; empty for none.' }),
  },
  examples: [{ inputs: [[8]] }, { inputs: [[3, 4]], params: { maxValue: 0.5 } }],
  ports: { inputs: 'one', output: true },
  inferShape: (inputs) => only(inputs),
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.reLU({ name: ctx.name, ...(params.maxValue === null ? {} : { maxValue: params.maxValue }) }),
  onnx: {
    13: ({ g, params, inputs }) =>
      params.maxValue === null
        ? g.op('Relu', [inputs[0]!])
        : g.op('Clip', [inputs[0]!, g.constFloat([0], []), g.constFloat([params.maxValue], [])]),
  },
});
