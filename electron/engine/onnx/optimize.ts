// Removes the layout Transposes that channels-first emitters leave around each op: a Transpose feeding another
// Transpose composes into one (dropped when it is the identity), and unary element-wise ops let a Transpose move
// past them so that such pairs meet. Mirrors what tf2onnx's transpose optimizer does for the common cases.
import type { GraphBuilder, NodeRecord } from './builder.js';

const ELEMENTWISE_UNARY = new Set([
  'Relu', 'Sigmoid', 'Tanh', 'Elu', 'Selu', 'LeakyRelu', 'Softplus', 'Softsign', 'HardSigmoid', 'Identity', 'Erf',
  'Abs', 'Neg', 'Exp', 'Log', 'Sqrt',
]);

function perm(node: NodeRecord): number[] {
  return node.attrs.perm as number[];
}

function isIdentityPerm(p: number[]): boolean {
  return p.every((v, i) => v === i);
}

export function optimizeTransposes(g: GraphBuilder): void {
  const graphOutputs = new Set(g.outputs.map((o) => o.name));
  for (let changed = true; changed; ) {
    changed = false;
    const producer = new Map<string, NodeRecord>();
    const consumers = new Map<string, NodeRecord[]>();
    for (const n of g.nodes) {
      for (const o of n.outputs) producer.set(o, n);
      for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
    }
    const soleConsumer = (value: string) => !graphOutputs.has(value) && (consumers.get(value)?.length ?? 0) === 1;
    const replaceUses = (from: string, to: string) => {
      for (const n of consumers.get(from) ?? []) n.inputs = n.inputs.map((i) => (i === from ? to : i));
    };

    for (const node of g.nodes) {
      const src = producer.get(node.inputs[0] ?? '');
      if (!src || src.opType !== 'Transpose' || !soleConsumer(src.outputs[0]!)) continue;
      if (node.opType === 'Transpose') {
        // y = T_b(T_a(x)) = T_c(x) with c[i] = a[b[i]].
        const a = perm(src);
        const composed = perm(node).map((i) => a[i]!);
        g.nodes = g.nodes.filter((n) => n !== src);
        if (isIdentityPerm(composed) && !graphOutputs.has(node.outputs[0]!)) {
          g.nodes = g.nodes.filter((n) => n !== node);
          replaceUses(node.outputs[0]!, src.inputs[0]!);
        } else {
          node.inputs = [src.inputs[0]!];
          node.attrs = { ...node.attrs, perm: composed };
        }
        changed = true;
        break;
      }
      if (ELEMENTWISE_UNARY.has(node.opType) && node.inputs.length === 1 && soleConsumer(node.outputs[0]!)) {
        // op(T(x)) → T(op(x)): swap the two nodes' positions in the chain.
        const x = src.inputs[0]!;
        const mid = src.outputs[0]!;
        const out = node.outputs[0]!;
        node.inputs = [x];
        node.outputs = [mid];
        src.inputs = [mid];
        src.outputs = [out];
        const i = g.nodes.indexOf(src);
        const j = g.nodes.indexOf(node);
        g.nodes[i] = node;
        g.nodes[j] = src;
        changed = true;
        break;
      }
    }
  }
}
