import { elementwiseMerge, foldOp } from '../merge.js';

export default elementwiseMerge({
  kind: 'Add',
  title: 'Add',
  doc: 'Adds its inputs element-wise (e.g. the skip connection of a residual block).',
  build: (tf, name) => tf.layers.add({ name }),
  combine: (g, inputs) => foldOp(g, 'Add', inputs),
});
