import { p } from '../params.js';
import { formatShape, only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'Permute',
  category: 'Core',
  title: 'Permute',
  doc: 'Reorders the axes of each sample, e.g. [2, 1] swaps the two axes of a sequence (1-based, batch excluded).',
  params: {
    dims: p.ints([2, 1], {
      min: 1, minLength: 1, maxLength: 4, doc: 'New order of the sample axes, numbered from 1 (e.g. [2, 1]).',
    }),
  },
  examples: [
    { inputs: [[3, 5]] },
    { inputs: [[2, 3, 4]], params: { dims: [3, 1, 2] } },
    { inputs: [[2, 3, 4, 5]], params: { dims: [2, 4, 1, 3] } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    const n = params.dims.length;
    const sorted = [...params.dims].sort((a, b) => a - b);
    if (sorted.some((d, i) => d !== i + 1)) {
      throw new ShapeError(
        `has dims ${formatShape(params.dims)}, which is not an order of the axes 1…${n}: list each of 1…${n} once`,
        'BAD_PARAM',
      );
    }
    if (n !== x.length - 1) {
      throw new ShapeError(
        `has dims ${formatShape(params.dims)} for ${n} axes but its input ${formatShape(x)} has ${x.length - 1} ` +
          `sample axes: give dims ${x.length - 1} entries (a permutation of 1…${x.length - 1})`,
      );
    }
    return [x[0]!, ...params.dims.map((d) => x[d]!)];
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.permute({ name: ctx.name, dims: [...params.dims] }),
  onnx: {
    13: ({ g, params, inputs }) => g.transpose(inputs[0]!, [0, ...params.dims]),
  },
});
