import { elementwiseMerge, foldOp } from '../merge.js';

export default elementwiseMerge({
  kind: 'Multiply',
  title: 'Multiply',
  doc: 'Multiplies its inputs element-wise (e.g. gating one branch by another).',
  build: (tf, name) => tf.layers.multiply({ name }),
  combine: (g, inputs) => foldOp(g, 'Mul', inputs),
});
