import { imageRankHint, sidePairsParam, toPairs } from '../conv-params.js';
import { formatShape, only, requireRank } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError, type Dim } from '../types.js';

// Slice end that keeps everything up to the end of an axis (ONNX clamps ends to the axis size).
const TO_END = 2 ** 31 - 1;

export default defineLayer({
  kind: 'Cropping2D',
  category: 'Shape',
  title: 'Cropping2D',
  doc: 'Cuts rows and columns off the borders of an image (height × width × channels).',
  params: {
    cropping: sidePairsParam(0, 'Cells to cut: n on every side, [rows, cols] on both ends of each, or [[top, bottom], [left, right]].'),
  },
  examples: [
    { inputs: [[4, 4, 2]] },
    { inputs: [[5, 6, 2]], params: { cropping: 1 } },
    { inputs: [[5, 6, 2]], params: { cropping: [2, 0] } },
    { inputs: [[6, 7, 3]], params: { cropping: [[1, 2], [0, 3]] } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x));
    const pairs = toPairs(params.cropping);
    const out = (['rows', 'columns'] as const).map((what, i): Dim => {
      const size = x[i + 1]!;
      const [a, b] = pairs[i]!;
      if (size === null) return null;
      if (size - a - b < 1) {
        throw new ShapeError(
          `crops ${a} + ${b} ${what} from the input ${formatShape(x)}, which has ${size}: nothing would be left; ` +
            `crop at most ${size - 1} ${what} in total`,
        );
      }
      return size - a - b;
    });
    return [x[0]!, out[0]!, out[1]!, x[3]!];
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.cropping2D({ name: ctx.name, cropping: toPairs(params.cropping) }),
  onnx: {
    // Slice H and W of the channels-last tensor directly; ends count from the end so any size works.
    13: ({ g, params, inputs }) => {
      const [[t, b], [l, r]] = toPairs(params.cropping);
      const end = (crop: number) => (crop > 0 ? -crop : TO_END);
      return g.op('Slice', [inputs[0]!, g.constInt64([t, l]), g.constInt64([end(b), end(r)]), g.constInt64([1, 2])]);
    },
  },
});
