import { imageRankHint } from '../conv-params.js';
import { toChannelsFirst, toChannelsLast } from '../layout-onnx.js';
import { p } from '../params.js';
import { only, requireRank, tuple } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, type Dim } from '../types.js';

const times = (d: Dim, f: number): Dim => (d === null ? null : d * f);

export default defineLayer({
  kind: 'UpSampling2D',
  category: 'Shape',
  title: 'UpSampling2D',
  doc: 'Enlarges an image by whole factors, repeating pixels (nearest) or interpolating them (bilinear); no weights.',
  params: {
    size: p.intOrTuple(2, 2, { min: 1, max: 64, doc: 'Factors for rows and columns.' }),
    interpolation: p.enum(['nearest', 'bilinear'] as const, 'nearest', 'nearest: repeat pixels; bilinear: interpolate between them.'),
  },
  examples: [
    { inputs: [[3, 4, 2]] },
    { inputs: [[3, 2, 2]], params: { size: [2, 3] } },
    { inputs: [[4, 4, 2]], params: { interpolation: 'bilinear' } },
    { inputs: [[2, 3, 2]], params: { size: [3, 2], interpolation: 'bilinear' } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x));
    const [sh, sw] = tuple(params.size, 2) as [number, number];
    return [x[0]!, times(x[1]!, sh), times(x[2]!, sw), x[3]!];
  },
  countParams: () => NO_PARAMS,
  // tfjs' UpSampling2D indexes `size` as an array; a plain number would give NaN sizes.
  build: (tf, params, ctx) =>
    tf.layers.upSampling2d({ name: ctx.name, size: tuple(params.size, 2), interpolation: params.interpolation }),
  onnx: {
    // Resize on NCHW with scales [1, 1, sh, sw]. tfjs resizes with alignCorners = false and halfPixelCenters = false,
    // i.e. source = destination / scale: ONNX 'asymmetric' (nearest rounds down: 'floor'). Checked numerically
    // against ONNX Runtime by the harness for both modes ('half_pixel' does not match tfjs for bilinear).
    13: ({ g, params, inputs }) => {
      const [sh, sw] = tuple(params.size, 2) as [number, number];
      const scales = g.constFloat([1, 1, sh, sw], [4]);
      const y = g.op('Resize', [toChannelsFirst(g, inputs[0]!, 4), '', scales], params.interpolation === 'nearest'
        ? { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' }
        : { mode: 'linear', coordinate_transformation_mode: 'asymmetric' });
      return toChannelsLast(g, y, 4);
    },
  },
});
