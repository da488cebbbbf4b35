import { elementwiseMerge, foldOp } from '../merge.js';

export default elementwiseMerge({
  kind: 'Average',
  title: 'Average',
  doc: 'Averages its inputs element-wise (e.g. an ensemble of branches).',
  build: (tf, name) => tf.layers.average({ name }),
  // tfjs sums, then multiplies by 1/n (not a division): the same steps give the same rounding.
  combine: (g, inputs) => g.op('Mul', [foldOp(g, 'Add', inputs), g.constFloat([1 / inputs.length], [])]),
});
