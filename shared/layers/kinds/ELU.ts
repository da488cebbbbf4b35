import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, float, NO_PARAMS, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'ELU',
  category: 'Activation',
  title: 'ELU',
  doc: 'Exponential linear unit: x for x > 0, alpha·(exp(x) − 1) otherwise.',
  params: {
    alpha: p.float(1, { min: 0, doc: 'Scale of the negative part (tfjs supports only 1).' }),
  },
  examples: [{ inputs: [[8]] }, { inputs: [[2, 3, 4]] }],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    // tfjs' ELU layer throws on any other alpha ("Non-default alpha value is not supported"); say so before building.
    if (params.alpha !== 1) {
      throw new ShapeError(`has alpha ${params.alpha}, but tfjs' ELU layer supports only alpha 1: set alpha to 1`, 'BAD_PARAM');
    }
    return only(inputs);
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.elu({ name: ctx.name, alpha: params.alpha }),
  onnx: {
    13: ({ g, params, inputs }) => g.op('Elu', [inputs[0]!], { alpha: float(params.alpha) }),
  },
});
