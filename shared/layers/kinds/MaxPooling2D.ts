import { poolingKind } from '../pooling.js';

export default poolingKind({
  kind: 'MaxPooling2D',
  title: 'MaxPooling2D',
  doc: 'Keeps the largest value of each window of an image (height × width × channels), shrinking it.',
  mode: 'max',
  rank: 2,
  examples: [
    { inputs: [[8, 8, 3]] },
    { inputs: [[9, 7, 2]], params: { poolSize: 3, strides: 2, padding: 'same' } },
    { inputs: [[7, 6, 2]], params: { poolSize: [2, 3], strides: 1 } },
    { inputs: [[5, 5, 2]], params: { padding: 'same' } },
  ],
});
