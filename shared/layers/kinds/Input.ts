import { p } from '../params.js';
import { ShapeError, defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'Input',
  category: 'IO',
  title: 'Input',
  doc: 'Where data enters the model; shape excludes the batch dimension.',
  params: {
    shape: p.ints([8, 8, 1], { min: 1, minLength: 1, maxLength: 4, doc: 'Sample shape without the batch dimension, e.g. [28, 28, 1].' }),
    dtype: p.enum(['float32', 'int32'] as const, 'float32', 'int32 for token ids feeding an Embedding.'),
  },
  examples: [],
  ports: { inputs: 'none', output: true },
  inferShape(inputs, params) {
    if (inputs.length > 0) throw new ShapeError('takes no input');
    return [null, ...params.shape];
  },
  countParams: () => NO_PARAMS,
  // The compiler creates the symbolic input itself (tf.input); the exporter declares a graph input.
  onnx: { 13: ({ inputs }) => inputs[0]! },
});
