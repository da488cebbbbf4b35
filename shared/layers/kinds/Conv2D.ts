import { emitActivation } from '../activation-onnx.js';
import { convPads, permuteData, toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { activationParam, p, paddingParam, useBiasParam } from '../params.js';
import { convOutputLength, known, only, requirePositive, requireRank, tuple } from '../shape-utils.js';
import { defineLayer } from '../types.js';

export default defineLayer({
  kind: 'Conv2D',
  category: 'Convolution',
  title: 'Conv2D',
  doc: 'Slides learned filters over an image (height × width × channels) to detect local patterns.',
  params: {
    filters: p.int(32, { min: 1, max: 65536, doc: 'Number of output channels (filters).' }),
    kernelSize: p.intOrTuple(3, 2, { min: 1, doc: 'Filter height and width.' }),
    strides: p.intOrTuple(1, 2, { min: 1, doc: 'Step between filter positions.' }),
    padding: paddingParam(),
    dilationRate: p.intOrTuple(1, 2, { min: 1, doc: 'Spacing between filter taps (atrous convolution).' }),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [
    { inputs: [[8, 8, 3]] },
    { inputs: [[9, 7, 2]], params: { filters: 4, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'relu' } },
    { inputs: [[10, 10, 1]], params: { filters: 2, kernelSize: 3, dilationRate: 2, useBias: false } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, x.length === 3 ? 'add a Reshape to [height, width, 1] before it' : 'it needs [height, width, channels] images');
    known(x[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const s = tuple(params.strides, 2);
    const d = tuple(params.dilationRate, 2);
    const hw = [0, 1].map((i) => convOutputLength(x[i + 1]!, k[i]!, params.padding, s[i]!, d[i]!));
    requirePositive(hw, `a ${k.join('×')} kernel`, x);
    return [x[0]!, hw[0]!, hw[1]!, params.filters];
  },
  countParams(inputs, params) {
    const x = only(inputs);
    const k = tuple(params.kernelSize, 2);
    const c = known(x[3]!, 'channel count');
    return { trainable: k[0]! * k[1]! * c * params.filters + (params.useBias ? params.filters : 0), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.conv2d({
      name: ctx.name, filters: params.filters, kernelSize: params.kernelSize, strides: params.strides,
      padding: params.padding, dilationRate: params.dilationRate as number | [number, number],
      activation: params.activation, useBias: params.useBias,
      kernelInitializer: ctx.init('glorotUniform'), biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    13: ({ g, params, inputs, inputShapes, weights }) => {
      const x = inputShapes[0]!;
      const k = tuple(params.kernelSize, 2);
      const s = tuple(params.strides, 2);
      const d = tuple(params.dilationRate, 2);
      const [kernel, bias] = weights;
      const w = permuteData(kernel!.data, kernel!.shape, [3, 2, 0, 1]); // HWIO → OIHW
      const convInputs = [toChannelsFirst(g, inputs[0]!, 4), g.constFloat(w.data, w.shape)];
      if (params.useBias) convInputs.push(g.constFloat(bias!.data, bias!.shape));
      const y = g.op('Conv', convInputs, {
        kernel_shape: k, strides: s, dilations: d, pads: convPads(x.slice(1, 3), k, s, d, params.padding),
      });
      return emitActivation(g, toChannelsLast(g, y, 4), params.activation);
    },
  },
});
