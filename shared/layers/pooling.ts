// The eight pooling kinds differ only in max/average and 1-D/2-D, so their definitions come from two factories here;
// each kind keeps its own file (palette text and examples) under ./kinds.
import { imageRankHint, intOrTupleOrNull, sequenceRankHint } from './conv-params.js';
import { convPads, toChannelsFirst, toChannelsLast } from './layout-onnx.js';
import { p, paddingParam } from './params.js';
import { convOutputLength, only, requirePositive, requireRank, tuple } from './shape-utils.js';
import { defineLayer, NO_PARAMS, type LayerExample, type Tf, type TfLayer } from './types.js';

export type PoolMode = 'max' | 'avg';

interface PoolingKind {
  kind: string;
  title: string;
  doc: string;
  mode: PoolMode;
  /** Spatial rank: 1 for sequences [steps, channels], 2 for images [height, width, channels]. */
  rank: 1 | 2;
  examples: LayerExample<{ poolSize: number | number[]; strides: number | number[] | null; padding: 'valid' | 'same' }>[];
}

interface TfjsPoolArgs {
  name: string;
  poolSize: number | number[];
  strides?: number | number[];
  padding: 'valid' | 'same';
}

// The tfjs layer per (mode, rank). Their arg types differ only in tuple lengths, which the params schema enforces.
// Pooling1D/2D turn an absent `strides` into the pool size themselves.
function tfjsPooling(tf: Tf, mode: PoolMode, rank: 1 | 2, args: TfjsPoolArgs): TfLayer {
  const a = args as never;
  if (rank === 1) return mode === 'max' ? tf.layers.maxPooling1d(a) : tf.layers.averagePooling1d(a);
  return mode === 'max' ? tf.layers.maxPooling2d(a) : tf.layers.averagePooling2d(a);
}

export function poolingKind(o: PoolingKind) {
  const other = `${o.mode === 'max' ? 'MaxPooling' : 'AveragePooling'}${o.rank === 1 ? '2D' : '1D'}`;
  return defineLayer({
    kind: o.kind,
    category: 'Pooling',
    title: o.title,
    doc: o.doc,
    params: {
      poolSize: p.intOrTuple(2, o.rank, { min: 1, doc: 'Size of the pooling window.' }),
      strides: intOrTupleOrNull(o.rank, 'Step between windows; empty (null) = the pool size.'),
      padding: paddingParam(),
    },
    examples: o.examples,
    ports: { inputs: 'one', output: true },
    inferShape(inputs, params) {
      const x = only(inputs);
      requireRank(x, o.rank + 2, o.rank === 1 ? sequenceRankHint(x, other) : imageRankHint(x, other));
      const k = tuple(params.poolSize, o.rank);
      const s = tuple(params.strides, o.rank, params.poolSize);
      const out = k.map((ki, i) => convOutputLength(x[i + 1]!, ki, params.padding, s[i]!));
      requirePositive(out, o.rank === 1 ? `a pool window of ${k[0]} steps` : `a ${k.join('×')} pool window`, x);
      return [x[0]!, ...out, x[o.rank + 1]!];
    },
    countParams: () => NO_PARAMS,
    build: (tf, params, ctx) =>
      tfjsPooling(tf, o.mode, o.rank, {
        name: ctx.name, poolSize: params.poolSize, strides: params.strides ?? undefined, padding: params.padding,
      }),
    onnx: {
      13: ({ g, params, inputs, inputShapes }) => {
        const x = inputShapes[0]!;
        const k = tuple(params.poolSize, o.rank);
        const s = tuple(params.strides, o.rank, params.poolSize);
        const pads = convPads(x.slice(1, o.rank + 1), k, s, k.map(() => 1), params.padding);
        const rank = o.rank + 2;
        const y = o.mode === 'max'
          ? g.op('MaxPool', [toChannelsFirst(g, inputs[0]!, rank)], { kernel_shape: k, strides: s, pads })
          // tfjs averages 'same' windows over the real cells only, not the padded ones.
          : g.op('AveragePool', [toChannelsFirst(g, inputs[0]!, rank)], { kernel_shape: k, strides: s, pads, count_include_pad: 0 });
        return toChannelsLast(g, y, rank);
      },
    },
  });
}

interface GlobalPoolingKind {
  kind: string;
  title: string;
  doc: string;
  mode: PoolMode;
  rank: 1 | 2;
  examples: LayerExample<Record<string, never>>[];
}

function tfjsGlobalPooling(tf: Tf, mode: PoolMode, rank: 1 | 2, name: string): TfLayer {
  if (rank === 1) return mode === 'max' ? tf.layers.globalMaxPooling1d({ name }) : tf.layers.globalAveragePooling1d({ name });
  return mode === 'max' ? tf.layers.globalMaxPooling2d({ name }) : tf.layers.globalAveragePooling2d({ name });
}

export function globalPoolingKind(o: GlobalPoolingKind) {
  const other = `Global${o.mode === 'max' ? 'Max' : 'Average'}Pooling${o.rank === 1 ? '2D' : '1D'}`;
  return defineLayer({
    kind: o.kind,
    category: 'Pooling',
    title: o.title,
    doc: o.doc,
    params: {},
    examples: o.examples,
    ports: { inputs: 'one', output: true },
    inferShape(inputs) {
      const x = only(inputs);
      requireRank(x, o.rank + 2, o.rank === 1 ? sequenceRankHint(x, other) : imageRankHint(x, other));
      return [x[0]!, x[o.rank + 1]!];
    },
    countParams: () => NO_PARAMS,
    build: (tf, _params, ctx) => tfjsGlobalPooling(tf, o.mode, o.rank, ctx.name),
    onnx: {
      // Reducing the spatial axes of the channels-last tensor directly needs no layout Transposes. Reduce* take
      // `axes` as an attribute up to opset 17 (ReduceSum alone moved it to an input at 13).
      13: ({ g, inputs }) =>
        g.op(o.mode === 'max' ? 'ReduceMax' : 'ReduceMean', [inputs[0]!], {
          axes: o.rank === 1 ? [1] : [1, 2], keepdims: 0,
        }),
    },
  });
}
