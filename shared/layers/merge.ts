// Shared parts of the element-wise merge kinds (Add, Subtract, Multiply, Average, Maximum): shape rules exactly as
// tfjs-layers' Merge computes them, and the ONNX alignment of inputs of different ranks.
import { formatShape } from './shape-utils.js';
import {
  defineLayer, NO_PARAMS, ShapeError, type Dim, type LayerExample, type OnnxGraphBuilder, type Shape, type Tf, type TfLayer,
} from './types.js';

/**
 * Broadcasts two shapes without the batch axis the way tfjs' Merge does: aligned at the end, a size-1 axis stretches
 * to the other's size, an unknown size stays unknown. Undefined when they cannot be combined.
 */
function broadcastPair(a: Dim[], b: Dim[]): Dim[] | undefined {
  if (a.length < b.length) return broadcastPair(b, a);
  const out: Dim[] = a.slice(0, a.length - b.length);
  for (let k = 0; k < b.length; k++) {
    const i = a[a.length - b.length + k]!;
    const j = b[k]!;
    if (i === null || j === null) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) return undefined;
    else out.push(i);
  }
  return out;
}

const listInputs = (inputs: Shape[]) => inputs.map((s, i) => `in${i} ${formatShape(s)}`).join(', ');

/** Output shape of an element-wise merge; throws a ShapeError naming every input when they do not fit. */
export function elementwiseShape(inputs: Shape[]): Shape {
  let out: Dim[] = inputs[0]!.slice(1);
  for (const s of inputs.slice(1)) {
    const next = broadcastPair(out, s.slice(1));
    if (!next) {
      throw new ShapeError(
        `needs inputs of the same shape (or with size-1 axes that broadcast), got ${listInputs(inputs)}: make them ` +
          'match, e.g. with a Dense or Reshape on one branch, or use Concatenate to join them side by side',
      );
    }
    out = next;
  }
  return [inputs[0]![0] ?? null, ...out];
}

/**
 * tfjs inserts size-1 axes right after the batch into lower-rank inputs (K.expandDims(x, 1)) before combining, while
 * ONNX broadcasting aligns whole shapes at the end, batch included; Unsqueeze those inputs the same way first.
 */
export function alignRanks(g: OnnxGraphBuilder, inputs: string[], shapes: Shape[]): string[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return inputs.map((x, i) => {
    const missing = rank - shapes[i]!.length;
    if (missing === 0) return x;
    return g.op('Unsqueeze', [x, g.constInt64(Array.from({ length: missing }, (_, k) => k + 1))]);
  });
}

/** Examples shared by the element-wise merges: equal shapes, three inputs, size-1 broadcasting, lower rank. */
export const MERGE_EXAMPLES: LayerExample<Record<string, never>>[] = [
  { inputs: [[6], [6]] },
  { inputs: [[3, 4], [3, 4], [3, 4]] },
  { inputs: [[2, 5], [1, 5]] },
  { inputs: [[3, 4], [4]] },
];

interface ElementwiseMerge {
  kind: string;
  title: string;
  doc: string;
  build(tf: Tf, name: string): TfLayer;
  /** Combines the rank-aligned inputs in tfjs' order; returns the output value name. */
  combine(g: OnnxGraphBuilder, inputs: string[]): string;
  examples?: LayerExample<Record<string, never>>[];
  /** Extra input checks (e.g. Subtract's exactly two inputs), before the shape rule. */
  check?(inputs: Shape[]): void;
}

export function elementwiseMerge(m: ElementwiseMerge) {
  return defineLayer({
    kind: m.kind,
    category: 'Merge',
    title: m.title,
    doc: m.doc,
    params: {},
    examples: m.examples ?? MERGE_EXAMPLES,
    ports: { inputs: 'many', output: true },
    inferShape(inputs) {
      if (inputs.length < 2) throw new ShapeError(`merges at least two inputs, got ${inputs.length}: connect another layer`);
      m.check?.(inputs);
      return elementwiseShape(inputs);
    },
    countParams: () => NO_PARAMS,
    build: (tf, _params, ctx) => m.build(tf, ctx.name),
    onnx: {
      13: ({ g, inputs, inputShapes }) => m.combine(g, alignRanks(g, inputs, inputShapes)),
    },
  });
}

/** Left fold of a binary ONNX op, the order in which tfjs accumulates (((a + b) + c) …). */
export function foldOp(g: OnnxGraphBuilder, op: string, inputs: string[]): string {
  return inputs.slice(1).reduce((acc, x) => g.op(op, [acc, x]), inputs[0]!);
}
