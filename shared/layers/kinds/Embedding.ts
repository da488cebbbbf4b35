import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer } from '../types.js';

const INT64 = 7; // onnx.TensorProto.DataType.INT64

export default defineLayer({
  kind: 'Embedding',
  category: 'Embedding',
  title: 'Embedding',
  doc: 'Looks up a learned vector for each integer id (e.g. word ids 0…inputDim−1 of a token sequence).',
  params: {
    inputDim: p.int(1000, { min: 1, max: 10_000_000, doc: 'Vocabulary size: ids run from 0 to inputDim − 1.' }),
    outputDim: p.int(32, { min: 1, max: 100_000, doc: 'Length of each embedding vector.' }),
  },
  examples: [
    { inputs: [[6]], params: { inputDim: 10, outputDim: 4 }, intRange: 10 },
    { inputs: [[5]], params: { inputDim: 50, outputDim: 3 }, intRange: 50 },
    { inputs: [[3, 4]], params: { inputDim: 7, outputDim: 2 }, intRange: 7 },
  ],
  ports: { inputs: 'one', output: true },
  // Every input (a sequence of ids, or a grid of them) gains a trailing axis of outputDim, as in tfjs.
  inferShape: (inputs, params) => [...only(inputs), params.outputDim],
  countParams: (_inputs, params) => ({ trainable: params.inputDim * params.outputDim, nonTrainable: 0 }),
  build: (tf, params, ctx) =>
    tf.layers.embedding({
      name: ctx.name, inputDim: params.inputDim, outputDim: params.outputDim,
      embeddingsInitializer: ctx.init('randomUniform'),
    }),
  onnx: {
    // tfjs casts the ids to int32 (floats truncate); Cast to int64 does the same and is what Gather expects.
    13: ({ g, inputs, weights }) => {
      const table = weights[0]!;
      const ids = g.op('Cast', [inputs[0]!], { to: INT64 });
      return g.op('Gather', [g.constFloat(table.data, table.shape), ids], { axis: 0 });
    },
  },
});
