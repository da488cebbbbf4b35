// Graph → tf.LayersModel with the functional API. Any DAG, several inputs/outputs, nested PretrainedModel bases.
// Layer names derive from node ids so that saved weights, ONNX export and error messages map back to nodes.
import type * as tfjs from '@tensorflow/tfjs';
import { getLayer } from '../../shared/layers/registry.js';
import type { InitializerName, TfInitializer } from '../../shared/layers/types.js';
import type { Model, Project } from '../../shared/project.js';
import { nodeName, parseParams, validateModel, type Diagnostic, type ModelReport } from '../../shared/validate.js';

export type Tf = typeof tfjs;

export class CompileError extends Error {
  constructor(message: string, readonly node?: string) {
    super(message);
  }
}

export interface CompiledModel {
  model: tfjs.LayersModel;
  /** tfjs layer name per node id (Input nodes map to their InputLayer). */
  layerNames: Map<string, string>;
  /** Input/Output node ids in model input/output order. */
  inputNodes: string[];
  outputNodes: string[];
  report: ModelReport;
}

/** A tfjs-safe, unique layer name for a node id. */
export function layerNameFor(nodeId: string): string {
  const clean = nodeId.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z]/.test(clean) ? clean : `n_${clean}`;
}

/** A 31-bit seed per (project seed, model, node) so that identical seeds give identical weights. */
export function nodeSeed(seed: number, modelName: string, nodeId: string): number {
  let h = 2166136261 ^ seed;
  for (const ch of `${modelName}/${nodeId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return (h >>> 0) % 2147483647;
}

export interface CompileOptions {
  seed?: number;
  /** Loaded base models for PretrainedModel nodes, by node id (see loadPretrainedFor). */
  pretrained?: Map<string, tfjs.LayersModel>;
}

function seededInitializer(tf: Tf, kind: InitializerName, seed: number): TfInitializer {
  switch (kind) {
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
    case 'randomUniform':
      return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
    default:
      return (tf.initializers[kind] as (a: { seed: number }) => TfInitializer)({ seed });
  }
}

export function compileModel(tf: Tf, project: Project, modelName: string, options: CompileOptions = {}): CompiledModel {
  const model: Model | undefined = project.models[modelName];
  if (!model) throw new CompileError(`the project has no model '${modelName}' (it has ${Object.keys(project.models).join(', ')})`);
  const diagnostics: Diagnostic[] = [];
  const report = validateModel(modelName, model, diagnostics);
  const firstError = diagnostics.find((d) => d.severity === 'error');
  if (firstError) throw new CompileError(firstError.message, firstError.node);
  const seed = options.seed ?? project.training.seed;
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const inputsOf = new Map<string, string[]>();
  for (const e of [...model.edges].sort((a, b) => portOrder(a.targetPort) - portOrder(b.targetPort))) {
    inputsOf.set(e.target, [...(inputsOf.get(e.target) ?? []), e.source]);
  }

  const tensors = new Map<string, tfjs.SymbolicTensor>();
  const layerNames = new Map<string, string>();
  const inputNodes: string[] = [];
  const outputNodes: string[] = [];
  for (const id of report.order) {
    const node = nodes.get(id)!;
    if (!report.shapes[id] && node.kind !== 'Output') continue; // off the model's paths (validation warned)
    const def = getLayer(node.kind)!;
    const params = parseParams(def, node.params).params;
    const name = layerNameFor(id);
    layerNames.set(id, name);
    try {
      if (node.kind === 'Input') {
        const shape = params.shape as number[];
        tensors.set(id, tf.input({ shape, name, dtype: params.dtype as 'float32' | 'int32' }));
        inputNodes.push(id);
        continue;
      }
      const ins = (inputsOf.get(id) ?? []).map((src) => tensors.get(src));
      if (ins.some((t) => !t)) continue;
      if (node.kind === 'Output') {
        tensors.set(id, ins[0]!);
        outputNodes.push(id);
        continue;
      }
      let draws = 0;
      const base = nodeSeed(seed, modelName, id);
      const layer = def.build!(tf, params, {
        name,
        inputShapes: report.inputShapes[id]!,
        init: (kind) => seededInitializer(tf, kind, (base + 7919 * draws++) % 2147483647),
        seed: () => (base + 7919 * draws++) % 2147483647,
        pretrained: options.pretrained?.get(id),
      });
      const out = layer.apply(ins.length === 1 ? ins[0]! : (ins as tfjs.SymbolicTensor[]));
      tensors.set(id, Array.isArray(out) ? (out[0] as tfjs.SymbolicTensor) : (out as tfjs.SymbolicTensor));
    } catch (e) {
      throw new CompileError(`${nodeName(node)}: ${(e as Error).message}`, id);
    }
  }
  const built = tf.model({
    inputs: inputNodes.map((id) => tensors.get(id)!),
    outputs: outputNodes.map((id) => tensors.get(id)!),
    name: modelName,
  });
  return { model: built, layerNames, inputNodes, outputNodes, report };
}

function portOrder(port: string): number {
  return port === 'in' ? 0 : Number(port.slice(2));
}
