import { emitActivation } from '../activation-onnx.js';
import { depthwiseKernelToOnnx } from '../conv-onnx.js';
import { imageRankHint } from '../conv-params.js';
import { convPads, toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { activationParam, p, paddingParam, useBiasParam } from '../params.js';
import { convOutputLength, known, only, requirePositive, requireRank, tuple } from '../shape-utils.js';
import { defineLayer } from '../types.js';

// No dilationRate: tfjs' DepthwiseConv2D accepts the argument but never applies it (neither in call nor in its
// output shape), so offering it would promise something tfjs does not compute.
export default defineLayer({
  kind: 'DepthwiseConv2D',
  category: 'Convolution',
  title: 'DepthwiseConv2D',
  doc: 'Filters each input channel on its own (no mixing across channels); depthMultiplier filters per channel.',
  params: {
    kernelSize: p.intOrTuple(3, 2, { min: 1, doc: 'Filter height and width.' }),
    strides: p.intOrTuple(1, 2, { min: 1, doc: 'Step between filter positions.' }),
    padding: paddingParam(),
    depthMultiplier: p.int(1, { min: 1, max: 1024, doc: 'Filters per input channel: the output has channels × depthMultiplier channels.' }),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [
    { inputs: [[8, 8, 3]] },
    { inputs: [[9, 7, 2]], params: { kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 3, activation: 'relu' } },
    { inputs: [[6, 6, 4]], params: { kernelSize: 2, depthMultiplier: 2, padding: 'same', useBias: false } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x, 'Conv1D'));
    const c = known(x[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const s = tuple(params.strides, 2);
    const hw = [0, 1].map((i) => convOutputLength(x[i + 1]!, k[i]!, params.padding, s[i]!));
    requirePositive(hw, `a ${k.join('×')} kernel`, x);
    return [x[0]!, hw[0]!, hw[1]!, c * params.depthMultiplier];
  },
  countParams(inputs, params) {
    const c = known(only(inputs)[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const out = c * params.depthMultiplier;
    return { trainable: k[0]! * k[1]! * out + (params.useBias ? out : 0), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.depthwiseConv2d({
      name: ctx.name, kernelSize: params.kernelSize as number | [number, number], strides: params.strides,
      padding: params.padding, depthMultiplier: params.depthMultiplier, activation: params.activation,
      useBias: params.useBias, depthwiseInitializer: ctx.init('glorotUniform'), biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    // A grouped Conv with one group per input channel.
    13: ({ g, params, inputs, inputShapes, weights }) => {
      const x = inputShapes[0]!;
      const k = tuple(params.kernelSize, 2);
      const s = tuple(params.strides, 2);
      const [kernel, bias] = weights;
      const w = depthwiseKernelToOnnx(kernel!);
      const convInputs = [toChannelsFirst(g, inputs[0]!, 4), g.constFloat(w.data, w.shape)];
      if (params.useBias) convInputs.push(g.constFloat(bias!.data, bias!.shape));
      const y = g.op('Conv', convInputs, {
        group: x[3] as number, kernel_shape: k, strides: s, pads: convPads(x.slice(1, 3), k, s, [1, 1], params.padding),
      });
      return emitActivation(g, toChannelsLast(g, y, 4), params.activation);
    },
  },
});
