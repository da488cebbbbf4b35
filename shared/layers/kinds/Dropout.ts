import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'Dropout',
  category: 'Core',
  title: 'Dropout',
  doc: 'While training, zeroes a random fraction of the values (and rescales the rest); does nothing at inference.',
  params: {
    rate: p.float(0.5, { min: 0, max: 1, doc: 'Fraction of the values dropped while training (0–1).' }),
  },
  examples: [{ inputs: [[10]] }, { inputs: [[4, 3]], params: { rate: 0.2 } }],
  ports: { inputs: 'one', output: true },
  inferShape: (inputs) => only(inputs),
  countParams: () => NO_PARAMS,
  // No seed: tfjs' dropout with a fixed seed draws the same mask on every step, which defeats it.
  build: (tf, params, ctx) => tf.layers.dropout({ name: ctx.name, rate: params.rate }),
  onnx: {
    // Exported models are for inference, where dropout is the identity.
    13: ({ g, inputs }) => g.op('Identity', [inputs[0]!]),
  },
});
