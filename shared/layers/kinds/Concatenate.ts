import { resolveAxis } from '../axis-utils.js';
import { p } from '../params.js';
import { formatShape } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'Concatenate',
  category: 'Merge',
  title: 'Concatenate',
  doc: 'Joins its inputs side by side along an axis (by default the features); other axes must match.',
  params: {
    axis: p.int(-1, { doc: 'Axis to join along (-1: the last; 0 is the batch and cannot be used).' }),
  },
  examples: [
    { inputs: [[3], [5]] },
    { inputs: [[2, 3], [2, 4], [2, 1]] },
    { inputs: [[2, 3, 2], [4, 3, 2]], params: { axis: 1 } },
  ],
  ports: { inputs: 'many', output: true },
  inferShape(inputs, params) {
    if (inputs.length < 2) throw new ShapeError(`merges at least two inputs, got ${inputs.length}: connect another layer`);
    const first = inputs[0]!;
    const axis = resolveAxis(params.axis, first);
    const list = () => inputs.map((s, i) => `in${i} ${formatShape(s)}`).join(', ');
    if (inputs.some((s) => s.length !== first.length)) {
      throw new ShapeError(`needs inputs of the same rank, got ${list()}: add a Reshape or Flatten on one branch`);
    }
    const mismatch = inputs.some((s) => s.some((d, i) => i !== axis && d !== first[i]));
    if (mismatch) {
      throw new ShapeError(
        `joins along axis ${params.axis}, so every other axis must match, got ${list()}: make those sizes equal, or ` +
          'choose the axis on which they differ',
      );
    }
    const out = first.slice();
    out[axis] = inputs.some((s) => s[axis] === null) ? null : inputs.reduce((a, s) => a + s[axis]!, 0);
    return out;
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.concatenate({ name: ctx.name, axis: params.axis }),
  onnx: {
    13: ({ g, params, inputs, inputShapes }) => g.op('Concat', inputs, { axis: resolveAxis(params.axis, inputShapes[0]!) }),
  },
});
