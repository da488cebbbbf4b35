import { formatShape, known, only, product } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'Flatten',
  category: 'Core',
  title: 'Flatten',
  doc: 'Flattens each sample into a vector (e.g. an image before a Dense layer), in channels-last order.',
  params: {},
  examples: [{ inputs: [[3, 4]] }, { inputs: [[4, 3, 2]] }, { inputs: [[2, 3, 2, 2]] }],
  ports: { inputs: 'one', output: true },
  inferShape(inputs) {
    const x = only(inputs);
    // tfjs' Flatten requires rank ≥ 3 (batch included).
    if (x.length < 3) throw new ShapeError(`expects an input of rank 3 or more, got ${formatShape(x)}: it is already flat; remove the Flatten`);
    x.slice(1).forEach((d) => known(d, 'size on every axis'));
    return [x[0]!, product(x.slice(1))];
  },
  countParams: () => NO_PARAMS,
  build: (tf, _params, ctx) => tf.layers.flatten({ name: ctx.name }),
  onnx: {
    // The tensor is kept channels-last, so ONNX Flatten gives tfjs' order.
    13: ({ g, inputs }) => g.op('Flatten', [inputs[0]!], { axis: 1 }),
  },
});
