import { elementwiseMerge } from '../merge.js';

export default elementwiseMerge({
  kind: 'Maximum',
  title: 'Maximum',
  doc: 'Takes the element-wise maximum of its inputs.',
  build: (tf, name) => tf.layers.maximum({ name }),
  combine: (g, inputs) => g.op('Max', inputs),
});
