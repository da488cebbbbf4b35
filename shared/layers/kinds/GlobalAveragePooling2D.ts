import { globalPoolingKind } from '../pooling.js';

export default globalPoolingKind({
  kind: 'GlobalAveragePooling2D',
  title: 'GlobalAveragePooling2D',
  doc: 'Averages each channel over the whole image: [height, width, channels] → [channels].',
  mode: 'avg',
  rank: 2,
  examples: [{ inputs: [[5, 4, 3]] }, { inputs: [[1, 7, 2]] }],
});
