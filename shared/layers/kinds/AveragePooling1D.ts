import { poolingKind } from '../pooling.js';

export default poolingKind({
  kind: 'AveragePooling1D',
  title: 'AveragePooling1D',
  doc: 'Averages each window along a sequence (steps × channels), shrinking it.',
  mode: 'avg',
  rank: 1,
  examples: [
    { inputs: [[10, 3]] },
    // 'same' with an odd length: the last window is partly padding, which tfjs leaves out of the average.
    { inputs: [[9, 2]], params: { poolSize: 3, strides: 2, padding: 'same' } },
    { inputs: [[7, 4]], params: { poolSize: [2], strides: 1 } },
  ],
});
