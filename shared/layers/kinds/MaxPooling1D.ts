import { poolingKind } from '../pooling.js';

export default poolingKind({
  kind: 'MaxPooling1D',
  title: 'MaxPooling1D',
  doc: 'Keeps the largest value of each window along a sequence (steps × channels), shrinking it.',
  mode: 'max',
  rank: 1,
  examples: [
    { inputs: [[10, 3]] },
    { inputs: [[9, 2]], params: { poolSize: 3, strides: 2, padding: 'same' } },
    { inputs: [[7, 4]], params: { poolSize: [2], strides: 1 } },
  ],
});
