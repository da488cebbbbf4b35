import { p } from '../params.js';
import { only, requireRank } from '../shape-utils.js';
import { defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'RepeatVector',
  category: 'Core',
  title: 'RepeatVector',
  doc: 'Repeats each sample vector n times into a sequence (e.g. to feed an encoding to a decoder RNN).',
  params: {
    n: p.int(2, { min: 1, max: 100_000, doc: 'Number of repetitions (length of the output sequence).' }),
  },
  examples: [{ inputs: [[5]] }, { inputs: [[3]], params: { n: 7 } }],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 2, x.length > 2 ? 'add a Flatten before it' : '');
    return [x[0]!, params.n, x[1]!];
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.repeatVector({ name: ctx.name, n: params.n }),
  onnx: {
    // [batch, f] → [batch, 1, f] → [batch, n, f].
    13: ({ g, params, inputs }) =>
      g.op('Tile', [g.op('Unsqueeze', [inputs[0]!, g.constInt64([1])]), g.constInt64([1, params.n, 1])]),
  },
});
