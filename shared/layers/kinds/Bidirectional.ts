import { p } from '../params.js';
import { cellParamCount, emitRecurrent, recurrentParams, sequenceInput, type RnnActivation } from '../recurrent-onnx.js';
import { defineLayer, type BuildContext, type Tf } from '../types.js';

const WRAPPED = ['LSTM', 'GRU', 'SimpleRNN'] as const;
const MERGE_MODES = ['concat', 'sum', 'mul', 'ave'] as const;

interface WrappedParams {
  layer: (typeof WRAPPED)[number];
  units: number;
  activation: RnnActivation;
  recurrentActivation: RnnActivation;
  useBias: boolean;
  returnSequences: boolean;
}

/** The recurrent layer to wrap; tfjs clones it into forward_<name> and backward_<name> (goBackwards). */
function wrappedLayer(tf: Tf, params: WrappedParams, ctx: BuildContext) {
  const args = {
    // Derived from the node so that the copies' weight names stay unique in the model.
    name: `${ctx.name}_${params.layer.toLowerCase()}`, units: params.units,
    activation: params.activation, useBias: params.useBias, returnSequences: params.returnSequences,
    kernelInitializer: ctx.init('glorotUniform'), recurrentInitializer: ctx.init('orthogonal'),
    biasInitializer: ctx.init('zeros'),
  };
  const { recurrentActivation } = params;
  switch (params.layer) {
    case 'LSTM':
      return tf.layers.lstm({ ...args, recurrentActivation });
    case 'GRU':
      return tf.layers.gru({ ...args, recurrentActivation });
    case 'SimpleRNN':
      return tf.layers.simpleRNN(args);
  }
}

export default defineLayer({
  kind: 'Bidirectional',
  category: 'Recurrent',
  title: 'Bidirectional',
  doc: 'Runs a recurrent layer over the sequence forwards and backwards and merges both readings.',
  params: {
    layer: p.enum(WRAPPED, 'LSTM', 'The recurrent layer run in each direction.'),
    units: recurrentParams.units(),
    activation: recurrentParams.activation(),
    recurrentActivation: recurrentParams.recurrentActivation(),
    useBias: recurrentParams.useBias(),
    returnSequences: recurrentParams.returnSequences(),
    mergeMode: p.enum(MERGE_MODES, 'concat', "How the two directions combine: 'concat' doubles the features; 'sum', 'mul', 'ave' keep units."),
  },
  examples: [
    { inputs: [[6, 4]], params: { units: 5 } },
    { inputs: [[7, 3]], params: { layer: 'GRU', units: 4, returnSequences: true, mergeMode: 'sum' } },
    { inputs: [[5, 3]], params: { layer: 'SimpleRNN', units: 3, returnSequences: true, mergeMode: 'mul', activation: 'relu' } },
    { inputs: [[5, 2]], params: { layer: 'LSTM', units: 4, mergeMode: 'ave', useBias: false, recurrentActivation: 'sigmoid' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const { batch, steps } = sequenceInput(inputs);
    const units = params.mergeMode === 'concat' ? 2 * params.units : params.units;
    return params.returnSequences ? [batch, steps, units] : [batch, units];
  },
  countParams(inputs, params) {
    const { features } = sequenceInput(inputs);
    return { trainable: 2 * cellParamCount(params.layer, features, params.units, params.useBias), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.bidirectional({ name: ctx.name, layer: wrappedLayer(tf, params, ctx), mergeMode: params.mergeMode }),
  // One ONNX op with direction = "bidirectional": its backward half reads the reversed sequence and returns Y in the
  // original time order, which is what tfjs's Bidirectional does (it reverses the backward outputs back).
  onnx: {
    13: ({ g, params, inputs, weights }) =>
      emitRecurrent(g, inputs[0]!, {
        cell: params.layer, units: params.units, activation: params.activation,
        recurrentActivation: params.layer === 'SimpleRNN' ? params.activation : params.recurrentActivation,
        useBias: params.useBias, returnSequences: params.returnSequences, goBackwards: false, merge: params.mergeMode,
      }, weights),
  },
});
