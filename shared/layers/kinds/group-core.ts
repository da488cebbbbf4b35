import type { LayerDef } from '../types.js';
import Activation from './Activation.js';
import Add from './Add.js';
import Average from './Average.js';
import BatchNormalization from './BatchNormalization.js';
import Concatenate from './Concatenate.js';
import Dropout from './Dropout.js';
import ELU from './ELU.js';
import Embedding from './Embedding.js';
import Flatten from './Flatten.js';
import LayerNormalization from './LayerNormalization.js';
import LeakyReLU from './LeakyReLU.js';
import Maximum from './Maximum.js';
import Multiply from './Multiply.js';
import Permute from './Permute.js';
import ReLU from './ReLU.js';
import RepeatVector from './RepeatVector.js';
import Reshape from './Reshape.js';
import Softmax from './Softmax.js';
import Subtract from './Subtract.js';

// Kinds of this group, one file each: core, activation, merge, embedding and normalization layers.
export default [
  Activation, Dropout, Flatten, Reshape, Permute, RepeatVector,
  ReLU, LeakyReLU, ELU, Softmax,
  Add, Subtract, Multiply, Average, Maximum, Concatenate,
  Embedding,
  BatchNormalization, LayerNormalization,
] as LayerDef<any>[];
