import { emitActivation } from '../activation-onnx.js';
import { convTransposePads } from '../conv-onnx.js';
import { imageRankHint } from '../conv-params.js';
import { permuteData, toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { activationParam, p, paddingParam, useBiasParam } from '../params.js';
import { deconvLength, known, only, requireRank, tuple } from '../shape-utils.js';
import { defineLayer } from '../types.js';

// No dilationRate: tfjs' Conv2DTranspose has none (it drops the argument from its config and never applies it).
export default defineLayer({
  kind: 'Conv2DTranspose',
  category: 'Convolution',
  title: 'Conv2DTranspose',
  doc: 'Learned upsampling ("deconvolution"): spreads each pixel over a filter-sized patch, growing the image by the strides.',
  params: {
    filters: p.int(32, { min: 1, max: 65536, doc: 'Number of output channels (filters).' }),
    kernelSize: p.intOrTuple(3, 2, { min: 1, doc: 'Filter height and width.' }),
    strides: p.intOrTuple(1, 2, { min: 1, doc: 'Upsampling factor: the output is about strides × the input.' }),
    padding: paddingParam(),
    activation: activationParam(),
    useBias: useBiasParam(),
  },
  examples: [
    { inputs: [[4, 4, 3]] },
    { inputs: [[3, 5, 2]], params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' } },
    // Kernel smaller than the stride: 'valid' leaves zero-input cells at the end (ONNX output_padding).
    { inputs: [[4, 3, 2]], params: { filters: 3, kernelSize: [2, 4], strides: [3, 2], useBias: false } },
    { inputs: [[3, 3, 2]], params: { filters: 2, kernelSize: [1, 4], strides: 2, padding: 'same', activation: 'sigmoid' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x));
    known(x[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    const s = tuple(params.strides, 2);
    return [x[0]!, deconvLength(x[1]!, s[0]!, k[0]!, params.padding), deconvLength(x[2]!, s[1]!, k[1]!, params.padding), params.filters];
  },
  countParams(inputs, params) {
    const c = known(only(inputs)[3]!, 'channel count');
    const k = tuple(params.kernelSize, 2);
    return { trainable: k[0]! * k[1]! * params.filters * c + (params.useBias ? params.filters : 0), nonTrainable: 0 };
  },
  build: (tf, params, ctx) =>
    tf.layers.conv2dTranspose({
      name: ctx.name, filters: params.filters, kernelSize: params.kernelSize, strides: params.strides,
      padding: params.padding, activation: params.activation, useBias: params.useBias,
      kernelInitializer: ctx.init('glorotUniform'), biasInitializer: ctx.init('zeros'),
    }),
  onnx: {
    13: ({ g, params, inputs, inputShapes, outputShape, weights }) => {
      const k = tuple(params.kernelSize, 2);
      const s = tuple(params.strides, 2);
      const [kernel, bias] = weights;
      // tfjs [kh, kw, out, in] → ONNX ConvTranspose [in, out, kh, kw].
      const w = permuteData(kernel!.data, kernel!.shape, [3, 2, 0, 1]);
      const { pads, outputPadding } = convTransposePads(inputShapes[0]!.slice(1, 3), outputShape.slice(1, 3), k, s);
      const convInputs = [toChannelsFirst(g, inputs[0]!, 4), g.constFloat(w.data, w.shape)];
      if (params.useBias) convInputs.push(g.constFloat(bias!.data, bias!.shape));
      const y = g.op('ConvTranspose', convInputs, {
        kernel_shape: k, strides: s, pads, ...(outputPadding.some((v) => v > 0) ? { output_padding: outputPadding } : {}),
      });
      return emitActivation(g, toChannelsLast(g, y, 4), params.activation);
    },
  },
});
