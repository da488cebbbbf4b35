import { cellParamCount, emitRecurrent, recurrentParams, sequenceInput } from '../recurrent-onnx.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'SimpleRNN',
  category: 'Recurrent',
  title: 'SimpleRNN',
  doc: 'Reads a sequence [steps, features] step by step, feeding its hidden state back in (a plain recurrent cell).',
  params: {
    units: recurrentParams.units(),
    activation: recurrentParams.activation(),
    useBias: recurrentParams.useBias(),
    returnSequences: recurrentParams.returnSequences(),
    goBackwards: recurrentParams.goBackwards(),
  },
  examples: [
    { inputs: [[6, 4]], params: { units: 5 } },
    { inputs: [[7, 3]], params: { units: 4, returnSequences: true, activation: 'relu' } },
    { inputs: [[5, 2]], params: { units: 3, goBackwards: true, returnSequences: true, useBias: false } },
    { inputs: [[5, 3]], params: { units: 4, goBackwards: true, activation: 'linear' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const { batch, steps } = sequenceInput(inputs);
    return params.returnSequences ? [batch, steps, params.units] : [batch, params.units];
  },
  countParams(inputs, params) {
    const { features } = sequenceInput(inputs);
    return { trainable: cellParamCount('SimpleRNN', features, params.units, params.useBias), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.simpleRNN({
      name: ctx.name, units: params.units, activation: params.activation, useBias: params.useBias,
      returnSequences: params.returnSequences, goBackwards: params.goBackwards,
      kernelInitializer: ctx.init('glorotUniform'), recurrentInitializer: ctx.init('orthogonal'),
      biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    13: ({ g, params, inputs, weights }) =>
      emitRecurrent(g, inputs[0]!, { cell: 'SimpleRNN', ...params, recurrentActivation: params.activation }, weights),
  },
});
