import { resolveAxis } from '../axis-utils.js';
import { p } from '../params.js';
import { formatShape, only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'Softmax',
  category: 'Activation',
  title: 'Softmax',
  doc: 'Turns scores into probabilities that sum to 1 along an axis (the last one).',
  params: {
    // Keras' default; tfjs' own default is 1, so the value is always passed explicitly.
    axis: p.int(-1, { doc: 'Axis to normalise over; tfjs supports only the last axis (-1).' }),
  },
  examples: [{ inputs: [[6]] }, { inputs: [[3, 5]] }, { inputs: [[2, 2, 4]], params: { axis: 3 } }],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    const axis = resolveAxis(params.axis, x);
    // tfjs' softmax op throws for any other axis ("Softmax along a non-last dimension is not yet supported").
    if (axis !== x.length - 1) {
      throw new ShapeError(
        `has axis ${params.axis}, but tfjs computes softmax only along the last axis of ${formatShape(x)}: set axis ` +
          'to -1, and add a Permute before (and after) it to move the axis you want last',
        'BAD_PARAM',
      );
    }
    return x;
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.softmax({ name: ctx.name, axis: params.axis }),
  onnx: {
    // From opset 13 Softmax normalises along the one given axis, as tfjs does.
    13: ({ g, inputs, inputShapes }) => g.op('Softmax', [inputs[0]!], { axis: inputShapes[0]!.length - 1 }),
  },
});
