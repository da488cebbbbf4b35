import { globalPoolingKind } from '../pooling.js';

export default globalPoolingKind({
  kind: 'GlobalMaxPooling2D',
  title: 'GlobalMaxPooling2D',
  doc: 'Keeps the largest value of each channel over the whole image: [height, width, channels] → [channels].',
  mode: 'max',
  rank: 2,
  examples: [{ inputs: [[5, 4, 3]] }, { inputs: [[1, 7, 2]] }],
});
