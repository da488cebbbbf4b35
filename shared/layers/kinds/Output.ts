import { p } from '../params.js';
import { only } from '../shape-utils.js';
import { defineLayer, NO_PARAMS } from '../types.js';

export default defineLayer({
  kind: 'Output',
  category: 'IO',
  title: 'Output',
  doc: 'Marks a model output; its label names the output in exports.',
  params: {
    name: p.string('', 'Output name in exports (defaults to the label or id).'),
  },
  examples: [],
  ports: { inputs: 'one', output: false },
  inferShape: (inputs) => only(inputs),
  countParams: () => NO_PARAMS,
  onnx: { 13: ({ inputs }) => inputs[0]! },
});
