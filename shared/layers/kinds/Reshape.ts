import { p } from '../params.js';
import { formatShape, only, product } from '../shape-utils.js';
import { defineLayer, NO_PARAMS, ShapeError, type Dim, type Shape } from '../types.js';

/** The target sample shape with its -1 worked out (null while the input size is unknown), or a ShapeError. */
function resolveTarget(x: Shape, target: number[]): Dim[] {
  const free = target.filter((d) => d === -1).length;
  if (target.some((d) => d === 0) || free > 1) {
    throw new ShapeError(
      `has targetShape ${formatShape(target)}: sizes must be positive, with at most one -1 for the size to infer`,
      'BAD_PARAM',
    );
  }
  const size = product(x.slice(1));
  if (size === null) return target.map((d) => (d === -1 ? null : d));
  const fixed = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
  if (free ? size % fixed !== 0 : size !== fixed) {
    throw new ShapeError(
      `cannot reshape ${formatShape(x)} (${size} values per sample) to ${formatShape(target)} ` +
        `(${free ? `a multiple of ${fixed}` : fixed} values): choose a targetShape whose sizes multiply to ${size}, ` +
        'or put -1 on one axis to infer it',
    );
  }
  return target.map((d) => (d === -1 ? size / fixed : d));
}

export default defineLayer({
  kind: 'Reshape',
  category: 'Core',
  title: 'Reshape',
  doc: 'Rearranges each sample into a new shape holding the same number of values; one size may be -1 (inferred).',
  params: {
    targetShape: p.ints([-1], {
      min: -1, minLength: 1, maxLength: 4, doc: 'New sample shape without the batch dimension; one entry may be -1.',
    }),
  },
  examples: [
    { inputs: [[12]], params: { targetShape: [3, 4] } },
    { inputs: [[4, 6]], params: { targetShape: [-1, 3] } },
    { inputs: [[2, 3, 4]], params: { targetShape: [4, -1, 2] } },
  ],
  ports: { inputs: 'one', output: true },
  inferShape(inputs, params) {
    const x = only(inputs);
    return [x[0]!, ...resolveTarget(x, params.targetShape)];
  },
  countParams: () => NO_PARAMS,
  // tfjs leaves a -1 unknown (null) in the symbolic shape, which layers after it that need a known size (Dense) reject:
  // give it the worked-out sizes. (A fresh array also keeps tfjs, which rewrites -1 entries in place, off the params.)
  build: (tf, params, ctx) =>
    tf.layers.reshape({
      name: ctx.name, targetShape: resolveTarget(ctx.inputShapes[0]!, params.targetShape).map((d) => d ?? -1),
    }),
  onnx: {
    // 0 copies the (dynamic) batch size; the other sizes are the worked-out ones.
    13: ({ g, inputs, outputShape }) =>
      g.op('Reshape', [inputs[0]!, g.constInt64([0, ...outputShape.slice(1).map((d) => d ?? -1)])]),
  },
});
