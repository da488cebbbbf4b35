import { emitActivation } from '../activation-onnx.js';
import { depthwiseKernelToOnnx } from '../conv-onnx.js';
import { imageRankHint, requireStridesOrDilationOne } from '../conv-params.js';
import { convPads, permuteData, toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { activationParam, p, paddingParam, useBiasParam } from '../params.js';
import { convOutputLength, known, only, requirePositive, requireRank, tuple } from '../shape-utils.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'SeparableConv2D',
  category: 'Convolution',
  title: 'SeparableConv2D',
  doc: 'A cheaper Conv2D: filters each channel on its own (depthwise), then mixes channels with 1×1 filters (pointwise).',
  params: {
    filters: p.int(32, { min: 1, max: 65536, doc: 'Number of output channels (pointwise filters).' }),
    kernelSize: p.intOrTuple(3, 2, { min: 1, doc: 'Depthwise filter height and width.' }),
    strides: p.intOrTuple(1, 2, { min: 1, doc: 'Step between filter positions.' }),
    padding: paddingParam(),
    dilationRate: p.intOrTuple(1, 2, { min: 1, doc: 'Spacing between filter taps (tfjs cannot train with a rate > 1).' }),
    depthMultiplier: p.int(1, { min: 1, max: 1024, doc: 'Depthwise filters per input channel.' }),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [
    { inputs: [[8, 8, 3]], params: { filters: 4 } },
    { inputs: [[9, 7, 2]], params: { filters: 5, kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu' } },
    { inputs: [[10, 10, 3]], params: { filters: 2, kernelSize: 3, dilationRate: 2, depthMultiplier: 3, useBias: false } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x, 'Conv1D'));
    known(x[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const s = tuple(params.strides, 2);
    const d = tuple(params.dilationRate, 2);
    requireStridesOrDilationOne(s, d);
    const hw = [0, 1].map((i) => convOutputLength(x[i + 1]!, k[i]!, params.padding, s[i]!, d[i]!));
    requirePositive(hw, `a ${k.join('×')} kernel`, x);
    return [x[0]!, hw[0]!, hw[1]!, params.filters];
  },
  countParams(inputs, params) {
    const c = known(only(inputs)[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const mid = c * params.depthMultiplier;
    return {
      trainable: k[0]! * k[1]! * mid + mid * params.filters + (params.useBias ? params.filters : 0),
      nonTrainable: 0,
    };
  },
  // tfjs (4.22) builds the pointwise kernel with the *depthwise* initializer; both are seeded, so weights stay
  // reproducible either way.
  build: (tf, params, ctx) => {
    const layer = tf.layers.separableConv2d({
      name: ctx.name, filters: params.filters, kernelSize: params.kernelSize, strides: params.strides,
      padding: params.padding, dilationRate: params.dilationRate as number | [number, number],
      depthMultiplier: params.depthMultiplier, activation: params.activation, useBias: params.useBias,
      depthwiseInitializer: ctx.init('glorotUniform'), pointwiseInitializer: ctx.init('glorotUniform'),
      biasInitializer: ctx.init('zeros'),
    });
    // tfjs (4.22) leaves depthMultiplier out of SeparableConv2D's config, so a saved model.json with a multiplier
    // > 1 fails to load again (kernel shape mismatch). Put it back; the constructor reads it when loading.
    const getConfig = layer.getConfig.bind(layer);
    layer.getConfig = () => ({ ...getConfig(), depthMultiplier: params.depthMultiplier });
    return layer;
  },
  onnx: {
    // Depthwise Conv (group = C) then a pointwise 1×1 Conv carrying the bias.
    13: ({ g, params, inputs, inputShapes, weights }) => {
      const x = inputShapes[0]!;
      const c = x[3] as number;
      const k = tuple(params.kernelSize, 2);
      const s = tuple(params.strides, 2);
      const d = tuple(params.dilationRate, 2);
      const [depthwise, pointwise, bias] = weights;
      const dw = depthwiseKernelToOnnx(depthwise!);
      const mid = g.op('Conv', [toChannelsFirst(g, inputs[0]!, 4), g.constFloat(dw.data, dw.shape)], {
        group: c, kernel_shape: k, strides: s, dilations: d, pads: convPads(x.slice(1, 3), k, s, d, params.padding),
      });
      const pw = permuteData(pointwise!.data, pointwise!.shape, [3, 2, 0, 1]); // [1, 1, C·m, F] → [F, C·m, 1, 1]
      const pwInputs = [mid, g.constFloat(pw.data, pw.shape)];
      if (params.useBias) pwInputs.push(g.constFloat(bias!.data, bias!.shape));
      const y = g.op('Conv', pwInputs, { kernel_shape: [1, 1] });
      return emitActivation(g, toChannelsLast(g, y, 4), params.activation);
    },
  },
});
