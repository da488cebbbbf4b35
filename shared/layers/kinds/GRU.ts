import { p } from '../params.js';
import { cellParamCount, emitRecurrent, recurrentParams, sequenceInput } from '../recurrent-onnx.js';
import { defineLayer, ShapeError } from '../types.js';

export default defineLayer({
  kind: 'GRU',
  category: 'Recurrent',
  title: 'GRU',
  doc: 'Gated recurrent unit: a lighter gated recurrent layer (update and reset gates, no separate cell state).',
  params: {
    units: recurrentParams.units(),
    activation: recurrentParams.activation(),
    recurrentActivation: recurrentParams.recurrentActivation(),
    useBias: recurrentParams.useBias(),
    returnSequences: recurrentParams.returnSequences(),
    goBackwards: recurrentParams.goBackwards(),
    // Keras 2's default is true (cuDNN-compatible); tfjs-layers only implements false and refuses true.
    resetAfter: p.bool(false, 'Apply the reset gate after the recurrent matrix product (Keras/cuDNN style); tfjs supports only false.'),
  },
  examples: [
    { inputs: [[6, 4]], params: { units: 5 } },
    { inputs: [[7, 3]], params: { units: 4, returnSequences: true, recurrentActivation: 'sigmoid', activation: 'relu' } },
    { inputs: [[5, 3]], params: { units: 3, goBackwards: true, returnSequences: true, useBias: false } },
    { inputs: [[5, 2]], params: { units: 4, goBackwards: true, activation: 'elu', recurrentActivation: 'softsign' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    if (params.resetAfter) {
      throw new ShapeError("has resetAfter = true, which tfjs-layers cannot train: set resetAfter to false", 'BAD_PARAM');
    }
    const { batch, steps } = sequenceInput(inputs);
    return params.returnSequences ? [batch, steps, params.units] : [batch, params.units];
  },
  countParams(inputs, params) {
    const { features } = sequenceInput(inputs);
    return { trainable: cellParamCount('GRU', features, params.units, params.useBias), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.gru({
      name: ctx.name, units: params.units, activation: params.activation,
      recurrentActivation: params.recurrentActivation, useBias: params.useBias,
      returnSequences: params.returnSequences, goBackwards: params.goBackwards,
      kernelInitializer: ctx.init('glorotUniform'), recurrentInitializer: ctx.init('orthogonal'),
      biasInitializer: ctx.init('zeros'),
    }),
  // tfjs's GRU (reset before the product) is ONNX's linear_before_reset = 0; gate order z, r, h is the same in both.
  onnx: {
    13: ({ g, params, inputs, weights }) =>
      emitRecurrent(g, inputs[0]!, { cell: 'GRU', ...params }, weights),
  },
});
