import { MERGE_EXAMPLES, elementwiseMerge } from '../merge.js';
import { customLayers } from '../tfjs-custom.js';
import { ShapeError } from '../types.js';

export default elementwiseMerge({
  kind: 'Subtract',
  title: 'Subtract',
  doc: 'Subtracts its second input from its first, element-wise (in0 − in1).',
  examples: MERGE_EXAMPLES.filter((ex) => ex.inputs.length === 2),
  check(inputs) {
    if (inputs.length !== 2) {
      throw new ShapeError(
        `subtracts exactly two inputs (in0 − in1), got ${inputs.length}: disconnect ${inputs.length === 3 ? 'in2' : `in2–in${inputs.length - 1}`}, ` +
          'or combine the extra inputs first (e.g. with Add)',
      );
    }
  },
  // tfjs has no Subtract layer: a registered subclass of its Merge base (see tfjs-custom.ts).
  build: (tf, name) => new (customLayers(tf).Subtract)({ name }),
  combine: (g, [a, b]) => g.op('Sub', [a!, b!]),
});
