import { poolingKind } from '../pooling.js';

export default poolingKind({
  kind: 'AveragePooling2D',
  title: 'AveragePooling2D',
  doc: 'Averages each window of an image (height × width × channels), shrinking it.',
  mode: 'avg',
  rank: 2,
  examples: [
    { inputs: [[8, 8, 3]] },
    // 'same' windows at the borders are partly padding, which tfjs leaves out of the average.
    { inputs: [[9, 7, 2]], params: { poolSize: 3, strides: 2, padding: 'same' } },
    { inputs: [[7, 6, 2]], params: { poolSize: [2, 3], strides: 1 } },
    { inputs: [[5, 5, 2]], params: { padding: 'same' } },
  ],
});
