import { globalPoolingKind } from '../pooling.js';

export default globalPoolingKind({
  kind: 'GlobalAveragePooling1D',
  title: 'GlobalAveragePooling1D',
  doc: 'Averages each channel over all steps of a sequence: [steps, channels] → [channels].',
  mode: 'avg',
  rank: 1,
  examples: [{ inputs: [[10, 3]] }, { inputs: [[1, 5]] }],
});
