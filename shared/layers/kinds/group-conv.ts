import AveragePooling1D from './AveragePooling1D.js';
import AveragePooling2D from './AveragePooling2D.js';
import Conv1D from './Conv1D.js';
import Conv2DTranspose from './Conv2DTranspose.js';
import Cropping2D from './Cropping2D.js';
import DepthwiseConv2D from './DepthwiseConv2D.js';
import GlobalAveragePooling1D from './GlobalAveragePooling1D.js';
import GlobalAveragePooling2D from './GlobalAveragePooling2D.js';
import GlobalMaxPooling1D from './GlobalMaxPooling1D.js';
import GlobalMaxPooling2D from './GlobalMaxPooling2D.js';
import MaxPooling1D from './MaxPooling1D.js';
import MaxPooling2D from './MaxPooling2D.js';
import SeparableConv2D from './SeparableConv2D.js';
import UpSampling2D from './UpSampling2D.js';
import ZeroPadding2D from './ZeroPadding2D.js';
import type { LayerDef } from '../types.js';

// Kinds of this group, one file each: convolution, pooling and the spatial shape kinds.
export default [
  Conv1D, Conv2DTranspose, SeparableConv2D, DepthwiseConv2D,
  MaxPooling1D, MaxPooling2D, AveragePooling1D, AveragePooling2D,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
  UpSampling2D, ZeroPadding2D, Cropping2D,
] as LayerDef<any>[];
