// Shared pieces of the recurrent kinds (SimpleRNN, GRU, LSTM, Bidirectional): their params, shape rules and the
// ONNX emission onto the RNN / GRU / LSTM operators, computing exactly what tfjs-layers computes.
import { p } from './params.js';
import { formatShape, known, only } from './shape-utils.js';
import { floats, ShapeError, type AttrValue, type Dim, type OnnxGraphBuilder, type Shape, type WeightTensor } from './types.js';

/**
 * The activations a recurrent layer may use: the ones the ONNX RNN/GRU/LSTM operators can apply inside the
 * recurrence (relu6, selu, gelu, swish, softmax, mish have no ONNX RNN activation, so they are not offered).
 */
export const RNN_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'hardSigmoid', 'tanh', 'elu', 'softplus', 'softsign'] as const;
export type RnnActivation = (typeof RNN_ACTIVATIONS)[number];

export const rnnActivationParam = (def: RnnActivation, doc: string) => p.enum(RNN_ACTIVATIONS, def, doc);

export const recurrentParams = {
  units: () => p.int(32, { min: 1, max: 65536, doc: 'Size of the hidden state (output features per step).' }),
  activation: () => rnnActivationParam('tanh', 'Activation of the candidate state and of the output (tanh by default).'),
  // tfjs-layers' default is hardSigmoid (Keras 2+ uses sigmoid): keep tfjs's so saved tfjs models load unchanged.
  recurrentActivation: () => rnnActivationParam('hardSigmoid', 'Activation of the gates (tfjs default: hardSigmoid).'),
  useBias: () => p.bool(true, 'Add learned bias vectors.'),
  returnSequences: () => p.bool(false, 'Output the hidden state of every step [batch, steps, units] instead of only the last [batch, units].'),
  goBackwards: () => p.bool(false, 'Read the sequence from the last step to the first (outputs come in that reversed order).'),
};

export type RnnCell = 'SimpleRNN' | 'GRU' | 'LSTM';

/** Gate blocks per cell: tfjs keeps them side by side in the kernels' last axis. */
export const GATES: Record<RnnCell, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };

/** The input of a recurrent layer: [batch, steps, features] with a known feature size. */
export function sequenceInput(inputs: Shape[]): { batch: Dim; steps: Dim; features: number } {
  const x = only(inputs);
  if (x.length !== 3) {
    const hint = x.length === 2
      ? `add a Reshape to [steps, features] before it (e.g. [${x[1] ?? 'steps'}, 1]); after another recurrent layer, set its returnSequences so it passes on every step`
      : x.length === 4
        ? `add a Reshape to [steps, features] before it (e.g. [${x[1] ?? 'height'}, ${x[2] !== null && x[3] !== null ? x[2]! * x[3]! : 'width·channels'}] to read image rows)`
        : 'add a Reshape to [steps, features] before it';
    throw new ShapeError(`expects a rank-3 input [batch, steps, features], got ${formatShape(x)}: ${hint}`);
  }
  return { batch: x[0]!, steps: x[1]!, features: known(x[2]!, 'feature size (last axis)') };
}

/** Weights of one direction: kernel [in, G·H] + recurrent kernel [H, G·H] + bias [G·H]. */
export function cellParamCount(cell: RnnCell, features: number, units: number, useBias: boolean): number {
  return GATES[cell] * (features * units + units * units + (useBias ? units : 0));
}

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

export interface RecurrentEmit {
  cell: RnnCell;
  units: number;
  activation: RnnActivation;
  /** Ignored for SimpleRNN. */
  recurrentActivation: RnnActivation;
  useBias: boolean;
  returnSequences: boolean;
  goBackwards: boolean;
  /** Set for Bidirectional: both directions in one op, merged like tfjs. */
  merge?: MergeMode;
}

const ONNX_OP: Record<RnnCell, string> = { SimpleRNN: 'RNN', GRU: 'GRU', LSTM: 'LSTM' };

/**
 * Where each ONNX gate block comes from in the tfjs kernels. LSTM: tfjs/Keras keep the gates as i, f, c, o while ONNX
 * expects i, o, f, c. GRU: both use z, r, h.
 */
const GATE_ORDER: Record<RnnCell, number[]> = { SimpleRNN: [0], GRU: [0, 1, 2], LSTM: [0, 3, 1, 2] };

/** ONNX RNN activation names and their alpha/beta, matching tfjs's functions exactly. */
const ONNX_ACTIVATION: Record<RnnActivation, { name: string; alpha?: number; beta?: number }> = {
  linear: { name: 'Affine', alpha: 1, beta: 0 },
  relu: { name: 'Relu' },
  sigmoid: { name: 'Sigmoid' },
  hardSigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 }, // tfjs: clip(0.2·x + 0.5, 0, 1)
  tanh: { name: 'Tanh' },
  elu: { name: 'Elu', alpha: 1 },
  softplus: { name: 'Softplus' },
  softsign: { name: 'Softsign' },
};

/**
 * tfjs kernel [rows, G·H] → ONNX [G·H, rows]: transposed, with the gate blocks in ONNX order.
 */
function gateMatrix(w: WeightTensor, cell: RnnCell, units: number): Float32Array {
  const [rows, cols] = w.shape as [number, number];
  const out = new Float32Array(rows * cols);
  GATE_ORDER[cell].forEach((src, dst) => {
    for (let h = 0; h < units; h++) {
      const o = (dst * units + h) * rows;
      const c = src * units + h;
      for (let r = 0; r < rows; r++) out[o + r] = w.data[r * cols + c]!;
    }
  });
  return out;
}

/** ONNX B = [Wb | Rb]: tfjs has one bias per gate, added with the input product; the recurrent half stays zero. */
function gateBias(b: WeightTensor | undefined, cell: RnnCell, units: number): Float32Array {
  const g = GATES[cell];
  const out = new Float32Array(2 * g * units);
  if (!b) return out;
  GATE_ORDER[cell].forEach((src, dst) => out.set(b.data.subarray(src * units, (src + 1) * units), dst * units));
  return out;
}

/** The ONNX `activations` list and its alpha/beta lists for one direction. */
function activations(e: RecurrentEmit): { names: string[]; alpha: number[]; beta: number[] } {
  // ONNX order: RNN (f), GRU (f = gates, g = candidate), LSTM (f = gates, g = cell input, h = cell output).
  const fns: RnnActivation[] =
    e.cell === 'SimpleRNN' ? [e.activation]
      : e.cell === 'GRU' ? [e.recurrentActivation, e.activation]
        : [e.recurrentActivation, e.activation, e.activation];
  const names: string[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  // Each function that takes alpha/beta gets its values in turn. They all equal the ONNX defaults of those functions,
  // so a runtime that reads the lists another way still computes the same.
  for (const fn of fns) {
    const a = ONNX_ACTIVATION[fn];
    names.push(a.name);
    if (a.alpha !== undefined) alpha.push(a.alpha);
    if (a.beta !== undefined) beta.push(a.beta);
  }
  return { names, alpha, beta };
}

/** Reverses the steps (axis 1 of [batch, steps, features]) with a negative-step Slice, whatever the length. */
function reverseSteps(g: OnnxGraphBuilder, x: string): string {
  return g.op('Slice', [x, g.constInt64([-1]), g.constInt64([Number.MIN_SAFE_INTEGER]), g.constInt64([1]), g.constInt64([-1])]);
}

/**
 * Emits a recurrent layer on `x` ([batch, steps, features], tfjs layout) and returns its output in tfjs layout:
 * [batch, steps, H·k] with returnSequences, else [batch, H·k] (k = 2 for a concatenating Bidirectional).
 * `weights` are tfjs's: kernel, recurrent kernel, bias? — for Bidirectional the forward layer's, then the backward's.
 * Only opset 13's [seq, batch, …] layout is used: opset 14's `layout = 1` would save two Transposes, but ONNX Runtime
 * refuses it ("Batchwise recurrent operations (layout == 1) are not supported").
 */
export function emitRecurrent(g: OnnxGraphBuilder, x: string, e: RecurrentEmit, weights: WeightTensor[]): string {
  const H = e.units;
  const dirs = e.merge ? 2 : 1;
  const perDir = e.useBias ? 3 : 2;
  if (weights.length !== dirs * perDir) {
    throw new Error(`${e.cell} expects ${dirs * perDir} weight tensors, got ${weights.length}`);
  }
  const features = weights[0]!.shape[0]!;
  const G = GATES[e.cell];
  // The params must describe these weights (they come from a loaded model's config for nested bases).
  if (weights[0]!.shape[1] !== G * H || weights[1]!.shape.join() !== `${H},${G * H}`) {
    throw new Error(`${e.cell} weights [${weights[0]!.shape}] / [${weights[1]!.shape}] do not fit ${H} units`);
  }
  const W = new Float32Array(dirs * G * H * features);
  const R = new Float32Array(dirs * G * H * H);
  const B = new Float32Array(dirs * 2 * G * H);
  for (let d = 0; d < dirs; d++) {
    const [kernel, recurrent, bias] = weights.slice(d * perDir, (d + 1) * perDir);
    W.set(gateMatrix(kernel!, e.cell, H), d * G * H * features);
    R.set(gateMatrix(recurrent!, e.cell, H), d * G * H * H);
    B.set(gateBias(e.useBias ? bias : undefined, e.cell, H), d * 2 * G * H);
  }

  // goBackwards: tfjs reverses the input and emits outputs in processing order, so a forward op on the reversed
  // input gives the same Y (ONNX's "reverse" direction would return Y in the original time order instead).
  // Bidirectional needs no reversal: ONNX's backward half, like tfjs's, returns Y in the original time order.
  const input = g.transpose(e.goBackwards && !e.merge ? reverseSteps(g, x) : x, [1, 0, 2]); // ONNX wants [seq, batch, in]

  const act = activations(e);
  const attrs: Record<string, AttrValue> = {
    hidden_size: H,
    direction: e.merge ? 'bidirectional' : 'forward',
    activations: Array.from({ length: dirs }, () => act.names).flat(),
  };
  if (act.alpha.length) attrs.activation_alpha = floats(Array.from({ length: dirs }, () => act.alpha).flat());
  if (act.beta.length) attrs.activation_beta = floats(Array.from({ length: dirs }, () => act.beta).flat());
  if (e.cell === 'GRU') attrs.linear_before_reset = 0; // tfjs's GRU applies the reset gate before the matmul

  const opInputs = [input, g.constFloat(W, [dirs, G * H, features]), g.constFloat(R, [dirs, G * H, H])];
  if (e.useBias) opInputs.push(g.constFloat(B, [dirs, 2 * G * H]));
  const [Y, Yh] = g.opMulti(ONNX_OP[e.cell], opInputs, e.cell === 'LSTM' ? 3 : 2, attrs);

  if (e.returnSequences) {
    // Y: [seq, dirs, batch, H].
    if (dirs === 1) {
      // Squeeze then [seq, batch, H] → [batch, seq, H]: the Transpose cancels against a following recurrent
      // layer's input Transpose, so stacked layers stay in [seq, batch, …].
      return g.transpose(g.op('Squeeze', [Y!, g.constInt64([1])]), [1, 0, 2]);
    }
    return mergeDirections(g, g.transpose(Y!, [2, 0, 1, 3]), 2, e.merge!, [0, 0, 2 * H]);
  }
  // Y_h: [dirs, batch, H].
  if (dirs === 1) return g.op('Reshape', [Yh!, g.constInt64([-1, H])]);
  return mergeDirections(g, g.transpose(Yh!, [1, 0, 2]), 1, e.merge!, [0, 2 * H]);
}

/** Merges the forward/backward halves on `axis` like tfjs's Bidirectional (concat puts forward first). */
function mergeDirections(g: OnnxGraphBuilder, y: string, axis: number, mode: MergeMode, concatShape: number[]): string {
  if (mode === 'concat') return g.op('Reshape', [y, g.constInt64(concatShape)]);
  const fwd = g.op('Gather', [y, g.constInt64([0], [])], { axis });
  const bwd = g.op('Gather', [y, g.constInt64([1], [])], { axis });
  if (mode === 'mul') return g.op('Mul', [fwd, bwd]);
  const sum = g.op('Add', [fwd, bwd]);
  return mode === 'ave' ? g.op('Mul', [sum, g.constFloat([0.5], [])]) : sum;
}
