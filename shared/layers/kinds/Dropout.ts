import { p } from '../params.js';
import { customLayers } from '../tfjs-custom.js';
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
  // A new mask every step, drawn from the node's seed: runs with the same seed repeat exactly.
  build: (tf, params, ctx) => new (customLayers(tf).SeededDropout)({ name: ctx.name, rate: params.rate, seed: ctx.seed() }),
  onnx: {
    // Exported models are for inference, where dropout is the identity.
    13: ({ g, inputs }) => g.op('Identity', [inputs[0]!]),
  },
});
