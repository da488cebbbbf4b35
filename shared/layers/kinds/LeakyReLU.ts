import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, float, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'LeakyReLU',
  category: 'Activation',
  title: 'LeakyReLU',
  doc: 'Like ReLU but lets a small slope alpha·x through for negative inputs.',
  params: {
    alpha: p.float(0.3, { min: 0, doc: 'Slope for negative inputs.' }),
  },
  examples: [{ inputs: [[8]] }, { inputs: [[3, 4]], params: { alpha: 0.05 } }],
  ports: { inputs: 'one', output: true },
  inferShape: (inputs) => only(inputs),
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.leakyReLU({ name: ctx.name, alpha: params.alpha }),
  onnx: {
    13: ({ g, params, inputs }) => g.op('LeakyRelu', [inputs[0]!], { alpha: float(params.alpha) }),
  },
});
