import { emitActivation } from '../activation-onnx.js';
import { activationParam, p, useBiasParam } from '../params.js';
import { known, only, requireRank } from '../shape-utils.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'Dense',
  category: 'Core',
  title: 'Dense',
  doc: 'Fully connected layer: every output unit sees every input feature (applied to the last axis).',
  params: {
    units: p.int(32, { min: 1, max: 1_000_000, doc: 'Number of output features.' }),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [{ inputs: [[12]] }, { inputs: [[5, 7]], params: { units: 4, activation: 'tanh' } }, { inputs: [[6]], params: { useBias: false, activation: 'softmax' } }],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, [2, 3], 'add a Flatten before it');
    known(x[x.length - 1]!, 'feature size (last axis)');
    return [...x.slice(0, -1), params.units];
  },
  countParams(inputs, params) {
    const x = only(inputs);
    const inFeatures = known(x[x.length - 1]!, 'feature size');
    return { trainable: inFeatures * params.units + (params.useBias ? params.units : 0), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.dense({
      name: ctx.name, units: params.units, activation: params.activation, useBias: params.useBias,
      kernelInitializer: ctx.init('glorotUniform'), biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    13: ({ g, params, inputs, weights }) => {
      const [kernel, bias] = weights;
      let y = g.op('MatMul', [inputs[0]!, g.constFloat(kernel!.data, kernel!.shape)]);
      if (params.useBias) y = g.op('Add', [y, g.constFloat(bias!.data, bias!.shape)]);
      return emitActivation(g, y, params.activation);
    },
  },
});
