import { emitActivation } from '../activation-onnx.js';
import { activationParam } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'Activation',
  category: 'Core',
  title: 'Activation',
  doc: 'Applies an activation function element-wise (softmax: along the last axis).',
  params: {
    activation: activationParam('relu', 'The function applied to every value.'),
  },
  examples: [
    { inputs: [[7]] },
    { inputs: [[3, 5]], params: { activation: 'softmax' } },
    { inputs: [[4, 4, 2]], params: { activation: 'gelu' } },
    { inputs: [[9]], params: { activation: 'hardSigmoid' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape: (inputs) => only(inputs),
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.activation({ name: ctx.name, activation: params.activation }),
  onnx: {
    13: ({ g, params, inputs }) => emitActivation(g, inputs[0]!, params.activation),
  },
});
