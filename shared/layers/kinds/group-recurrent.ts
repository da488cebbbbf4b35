import type { LayerDef } from '../types.js';
import Bidirectional from './Bidirectional.js';
import GRU from './GRU.js';
import LSTM from './LSTM.js';
import PretrainedModel from './PretrainedModel.js';
import SimpleRNN from './SimpleRNN.js';

// Kinds of this group, one file each (PretrainedModel, the Transfer category, lives here too).
export default [SimpleRNN, LSTM, GRU, Bidirectional, PretrainedModel] as LayerDef<any>[];
