// The contract every layer kind fulfils. A kind lives in one file under ./kinds and carries everything about it:
// palette metadata, params, ports, shape inference, parameter count, its tfjs build and its ONNX emission.
// shared/ never imports the tfjs runtime: `tf` is handed to `build` by the engine (type imports only here).
import type * as tfjs from '@tensorflow/tfjs';
import type { ParamSpecs, ParamsOf } from './params.js';

export type Dim = number | null;
/** A tensor shape with the batch dimension first (null = any). */
export type Shape = Dim[];

export const CATEGORIES = [
  'IO', 'Core', 'Activation', 'Convolution', 'Pooling', 'Shape', 'Normalization', 'Recurrent', 'Merge', 'Embedding',
  'Transfer',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Thrown by shape inference. The message speaks of the layer itself ("expects a rank-2 input, got [null, 8, 8, 16]:
 * add a Flatten before it"); validation prefixes it with the node's kind and label.
 */
export class ShapeError extends Error {
  constructor(message: string, readonly code: 'SHAPE_MISMATCH' | 'BAD_PARAM' = 'SHAPE_MISMATCH') {
    super(message);
  }
}

export interface Ports {
  /** none: a source (Input); one: port `in`; many: variadic `in0`, `in1`, … (at least two). */
  inputs: 'none' | 'one' | 'many';
  /** false only for `Output`; every other kind has one output port `out`. */
  output: boolean;
}

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

export type Tf = typeof tfjs;
export type TfLayer = tfjs.layers.Layer;
export type TfInitializer = ReturnType<typeof tfjs.initializers.glorotUniform>;
export type InitializerName =
  | 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'orthogonal' | 'zeros' | 'ones' | 'randomUniform';

/** What the engine gives a kind's `build`. */
export interface BuildContext {
  /** The tfjs layer name (derived from the node id; unique in the model). */
  name: string;
  inputShapes: Shape[];
  /** A seeded initializer: identical seeds give identical weights. Each call draws a fresh seed from the node's. */
  init(kind: InitializerName): TfInitializer;
  /** A seed for the layer's own randomness (dropout masks), drawn like init's. */
  seed(): number;
  /** For PretrainedModel: the loaded base model (already cut at the chosen layer). */
  pretrained?: tfjs.LayersModel;
}

export interface WeightTensor {
  /** tfjs weight name, e.g. `dense1/kernel`. */
  name: string;
  shape: number[];
  data: Float32Array;
}

export type AttrValue =
  | number // INT
  | number[] // INTS
  | string // STRING
  | string[] // STRINGS
  | { float: number }
  | { floats: number[] };

export const float = (v: number): AttrValue => ({ float: v });
export const floats = (v: number[]): AttrValue => ({ floats: v });

/** The small ONNX graph builder that layer emitters write to (implemented by the engine on onnx-proto). */
export interface OnnxGraphBuilder {
  readonly opset: number;
  /** Adds a node with one output and returns the output's value name. */
  op(type: string, inputs: string[], attrs?: Record<string, AttrValue>, name?: string): string;
  /** Adds a node with `outputs` outputs (e.g. LSTM's Y, Y_h, Y_c) and returns their value names. */
  opMulti(type: string, inputs: string[], outputs: number, attrs?: Record<string, AttrValue>, name?: string): string[];
  /** A float32 initializer; returns its value name. */
  constFloat(data: Float32Array | number[], dims: number[], name?: string): string;
  /** An int64 initializer (shapes, axes); returns its value name. */
  constInt64(data: number[], dims?: number[], name?: string): string;
  /** Transpose helper; the exporter cancels adjacent inverse pairs afterwards. */
  transpose(x: string, perm: number[]): string;
  /** A name unique in the graph, starting with `base`. */
  unique(base: string): string;
}

export interface OnnxEmitContext<P> {
  g: OnnxGraphBuilder;
  params: P;
  /** Unique node-name prefix for this layer. */
  name: string;
  /** ONNX value names of the inputs, in tfjs layout (channels-last). */
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  /** The layer's weights, in the order of tfjs `layer.getWeights()`. */
  weights: WeightTensor[];
  /** For PretrainedModel: emits the nested model inline and returns its output value names. */
  emitNested?: (model: tfjs.LayersModel, inputs: string[]) => string[];
  /** For PretrainedModel: the loaded base model. */
  pretrained?: tfjs.LayersModel;
}

/** Returns the ONNX value name of the layer's output, in tfjs layout. */
export type OnnxEmitter<P> = (ctx: OnnxEmitContext<P>) => string;

export interface LayerDef<S extends ParamSpecs = ParamSpecs> {
  kind: string;
  category: Category;
  title: string;
  /** One line for the palette and the inspector. */
  doc: string;
  params: S;
  ports: Ports;
  /** Output shape from the input shapes (batch dim first). Throws ShapeError when the inputs do not fit. */
  inferShape(inputs: Shape[], params: ParamsOf<S>): Shape;
  countParams(inputs: Shape[], params: ParamsOf<S>): ParamCount;
  /** Builds the tfjs layer. Absent only for Input/Output, which the compiler handles itself. */
  build?(tf: Tf, params: ParamsOf<S>, ctx: BuildContext): TfLayer;
  /** ONNX emitters keyed by the minimum opset they need; the exporter picks the highest key ≤ the target opset. */
  onnx: Record<number, OnnxEmitter<ParamsOf<S>>>;
  /** The tfjs-layers class this kind builds, when it differs from `kind` (maps loaded tfjs models back to kinds). */
  tfjsClassName?: string;
  /** Test cases for the generic per-layer harness (and documentation of typical use). */
  examples: LayerExample<ParamsOf<S>>[];
}

export interface LayerExample<P> {
  /** Input shapes without the batch dimension. */
  inputs: number[][];
  params?: Partial<P>;
  /** Max abs difference allowed between tfjs and ONNX Runtime (default 1e-5); say why when larger. */
  tolerance?: number;
  /** Input values are integers in [0, intRange) (Embedding indices). */
  intRange?: number;
}

/** Identity for typing: keeps the param types of a kind's definition precise. */
export function defineLayer<S extends ParamSpecs>(def: LayerDef<S>): LayerDef<S> {
  return def;
}

export const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };
