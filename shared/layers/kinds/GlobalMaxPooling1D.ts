import { globalPoolingKind } from '../pooling.js';

export default globalPoolingKind({
  kind: 'GlobalMaxPooling1D',
  title: 'GlobalMaxPooling1D',
  doc: 'Keeps the largest value of each channel over all steps of a sequence: [steps, channels] → [channels].',
  mode: 'max',
  rank: 1,
  examples: [{ inputs: [[10, 3]] }, { inputs: [[1, 5]] }],
});
