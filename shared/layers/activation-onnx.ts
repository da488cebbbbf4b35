// ONNX emission of the `activation` param values, exactly as tfjs-layers computes them.
import type { ActivationName } from './params.js';
import { float, type OnnxGraphBuilder } from './types.js';

export function emitActivation(g: OnnxGraphBuilder, x: string, activation: ActivationName): string {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x]);
    case 'relu6':
      return g.op('Clip', [x, g.constFloat([0], []), g.constFloat([6], [])]);
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'hardSigmoid':
      return g.op('HardSigmoid', [x], { alpha: float(0.2), beta: float(0.5) });
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'softmax':
      return g.op('Softmax', [x], { axis: -1 });
    case 'elu':
      return g.op('Elu', [x], { alpha: float(1) });
    case 'selu':
      return g.op('Selu', [x]);
    case 'softplus':
      return g.op('Softplus', [x]);
    case 'softsign':
      return g.op('Softsign', [x]);
    case 'swish':
      return g.op('Mul', [x, g.op('Sigmoid', [x])]);
    case 'mish':
      return g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x])])]);
    case 'gelu': {
      // tfjs-layers' gelu is the exact form 0.5·x·(1 + erf(x/√2)).
      const erf = g.op('Erf', [g.op('Div', [x, g.constFloat([Math.SQRT2], [])])]);
      return g.op('Mul', [g.op('Mul', [x, g.op('Add', [erf, g.constFloat([1], [])])]), g.constFloat([0.5], [])]);
    }
  }
}
