import { p } from '../params.js';
import { cellParamCount, emitRecurrent, recurrentParams, sequenceInput } from '../recurrent-onnx.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'LSTM',
  category: 'Recurrent',
  title: 'LSTM',
  doc: 'Long short-term memory: a gated recurrent layer that keeps a cell state to remember over long sequences.',
  params: {
    units: recurrentParams.units(),
    activation: recurrentParams.activation(),
    recurrentActivation: recurrentParams.recurrentActivation(),
    useBias: recurrentParams.useBias(),
    unitForgetBias: p.bool(false, 'Start the forget-gate bias at 1 (helps learning long dependencies).'),
    returnSequences: recurrentParams.returnSequences(),
    goBackwards: recurrentParams.goBackwards(),
  },
  examples: [
    { inputs: [[6, 4]], params: { units: 5 } },
    { inputs: [[7, 3]], params: { units: 4, returnSequences: true, recurrentActivation: 'sigmoid' } },
    { inputs: [[5, 3]], params: { units: 3, goBackwards: true, returnSequences: true, activation: 'linear', useBias: false } },
    { inputs: [[5, 2]], params: { units: 4, goBackwards: true, activation: 'softsign', recurrentActivation: 'hardSigmoid' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const { batch, steps } = sequenceInput(inputs);
    return params.returnSequences ? [batch, steps, params.units] : [batch, params.units];
  },
  countParams(inputs, params) {
    const { features } = sequenceInput(inputs);
    return { trainable: cellParamCount('LSTM', features, params.units, params.useBias), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.lstm({
      name: ctx.name, units: params.units, activation: params.activation,
      recurrentActivation: params.recurrentActivation, useBias: params.useBias, unitForgetBias: params.unitForgetBias,
      returnSequences: params.returnSequences, goBackwards: params.goBackwards,
      kernelInitializer: ctx.init('glorotUniform'), recurrentInitializer: ctx.init('orthogonal'),
      biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    13: ({ g, params, inputs, weights }) =>
      emitRecurrent(g, inputs[0]!, { cell: 'LSTM', ...params }, weights),
  },
});
