import { emitActivation } from '../activation-onnx.js';
import { requireStridesOrDilationOne, sequenceRankHint } from '../conv-params.js';
import { convPads, permuteData, toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { activationParam, p, paddingParam, useBiasParam } from '../params.js';
import { convOutputLength, known, only, requirePositive, requireRank, tuple } from '../shape-utils.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'Conv1D',
  category: 'Convolution',
  title: 'Conv1D',
  doc: 'Slides learned filters along a sequence (steps × channels) to detect local patterns in time or text.',
  // 1-tuples, as tfjs writes them into its configs ([3]); a plain number works too.
  params: {
    filters: p.int(32, { min: 1, max: 65536, doc: 'Number of output channels (filters).' }),
    kernelSize: p.intOrTuple(3, 1, { min: 1, doc: 'Filter length in steps.' }),
    strides: p.intOrTuple(1, 1, { min: 1, doc: 'Step between filter positions.' }),
    padding: paddingParam(),
    dilationRate: p.intOrTuple(1, 1, { min: 1, doc: 'Spacing between filter taps (tfjs cannot train with a rate > 1).' }),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [
    { inputs: [[10, 3]] },
    { inputs: [[9, 2]], params: { filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' } },
    { inputs: [[12, 1]], params: { filters: 3, kernelSize: [3], dilationRate: 2, padding: 'same', useBias: false, activation: 'tanh' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 3, sequenceRankHint(x, 'Conv2D'));
    known(x[2]!, 'channel count');
    const [k, s, d] = [tuple(params.kernelSize, 1), tuple(params.strides, 1), tuple(params.dilationRate, 1)];
    requireStridesOrDilationOne(s, d);
    const steps = convOutputLength(x[1]!, k[0]!, params.padding, s[0]!, d[0]!);
    requirePositive([steps], `a kernel of ${k[0]} steps${d[0]! > 1 ? ` dilated by ${d[0]}` : ''}`, x);
    return [x[0]!, steps, params.filters];
  },
  countParams(inputs, params) {
    const c = known(only(inputs)[2]!, 'channel count');
    const k = tuple(params.kernelSize, 1)[0]!;
    return { trainable: k * c * params.filters + (params.useBias ? params.filters : 0), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.conv1d({
      name: ctx.name, filters: params.filters, kernelSize: params.kernelSize, strides: params.strides,
      padding: params.padding, dilationRate: params.dilationRate as number | [number],
      activation: params.activation, useBias: params.useBias,
      kernelInitializer: ctx.init('glorotUniform'), biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    // ONNX Conv is N-dimensional: a 1-D kernel on NCW.
    13: ({ g, params, inputs, inputShapes, weights }) => {
      const x = inputShapes[0]!;
      const [k, s, d] = [tuple(params.kernelSize, 1), tuple(params.strides, 1), tuple(params.dilationRate, 1)];
      const [kernel, bias] = weights;
      const w = permuteData(kernel!.data, kernel!.shape, [2, 1, 0]); // [k, in, out] → [out, in, k]
      const convInputs = [toChannelsFirst(g, inputs[0]!, 3), g.constFloat(w.data, w.shape)];
      if (params.useBias) convInputs.push(g.constFloat(bias!.data, bias!.shape));
      const y = g.op('Conv', convInputs, {
        kernel_shape: k, strides: s, dilations: d, pads: convPads([x[1]!], k, s, d, params.padding),
      });
      return emitActivation(g, toChannelsLast(g, y, 3), params.activation);
    },
  },
});
