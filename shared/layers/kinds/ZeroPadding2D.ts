import { imageRankHint, sidePairsParam, toPairs } from '../conv-params.js';
import { only, requireRank } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, type Dim } from '../types.js';

const plus = (d: Dim, a: number, b: number): Dim => (d === null ? null : d + a + b);

export default defineLayer({
  kind: 'ZeroPadding2D',
  category: 'Shape',
  title: 'ZeroPadding2D',
  doc: 'Adds rows and columns of zeros around an image (height × width × channels).',
  params: {
    padding: sidePairsParam(1, 'Zeros to add: n on every side, [rows, cols] on both ends of each, or [[top, bottom], [left, right]].'),
  },
  examples: [
    { inputs: [[3, 4, 2]] },
    { inputs: [[3, 3, 2]], params: { padding: [2, 0] } },
    { inputs: [[2, 3, 2]], params: { padding: [[1, 2], [0, 3]] } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    requireRank(x, 4, imageRankHint(x));
    const [[t, b], [l, r]] = toPairs(params.padding);
    return [x[0]!, plus(x[1]!, t, b), plus(x[2]!, l, r), x[3]!];
  },
  countParams: () => NO_PARAMS,
  build: (tf, params, ctx) => tf.layers.zeroPadding2d({ name: ctx.name, padding: toPairs(params.padding) }),
  onnx: {
    // Pad the channels-last tensor directly (no layout Transposes): pads = [begins of N,H,W,C, ends of N,H,W,C].
    13: ({ g, params, inputs }) => {
      const [[t, b], [l, r]] = toPairs(params.padding);
      return g.op('Pad', [inputs[0]!, g.constInt64([0, t, l, 0, 0, b, r, 0])], { mode: 'constant' });
    },
  },
});
