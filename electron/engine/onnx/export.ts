// Project graph + trained tfjs model → ONNX bytes. Each node's emitter (from its layer file) writes its ops; inputs and
// outputs keep the tfjs layout (channels-last) so the same array fed to tfjs and ONNX Runtime gives the same output.
import type * as tfjs from '@tensorflow/tfjs';
import { getLayer, LAYERS, type RegisteredLayer } from '../../../shared/layers/registry.js';
import type { OnnxEmitter, Shape, WeightTensor } from '../../../shared/layers/types.js';
import type { Project } from '../../../shared/project.js';
import { nodeName, parseParams } from '../../../shared/validate.js';
import type { CompiledModel } from '../compile.js';
import { appVersion } from '../paths.js';
import { GraphBuilder, MAX_OPSET, MIN_OPSET, toModelBytes } from './builder.js';
import { optimizeTransposes } from './optimize.js';

export class ExportError extends Error {
  constructor(message: string, readonly node?: string) {
    super(message);
  }
}

export interface OnnxIO {
  name: string;
  /** tfjs-layout shape, batch first (null = dynamic). */
  shape: Shape;
  dtype: 'float32' | 'int32';
}

export interface OnnxExport {
  bytes: Uint8Array;
  inputs: OnnxIO[];
  outputs: OnnxIO[];
}

function pickEmitter<P>(def: RegisteredLayer, opset: number): OnnxEmitter<P> {
  const keys = Object.keys(def.onnx).map(Number).filter((k) => k <= opset).sort((a, b) => b - a);
  const key = keys[0];
  if (key === undefined) throw new ExportError(`${def.kind} needs ONNX opset ${Math.min(...Object.keys(def.onnx).map(Number))} or newer`);
  return def.onnx[key] as unknown as OnnxEmitter<P>;
}

export function layerWeights(layer: tfjs.layers.Layer): WeightTensor[] {
  return layer.weights.map((w) => {
    const value = w.read();
    return { name: w.originalName, shape: value.shape, data: value.dataSync() as Float32Array };
  });
}

/** A graph value name safe for ONNX tools: the IO node's label, else its id. */
function ioName(text: string): string {
  return text.trim().replace(/[^\w.-]+/g, '_') || 'io';
}

const byTfjsClass = new Map<string, RegisteredLayer>(
  [...LAYERS.values()].map((def) => [def.tfjsClassName ?? def.kind, def]),
);

/**
 * Emits a loaded tfjs Layers model inline (nested PretrainedModel bases): each of its layers is mapped back to the
 * catalogue kind that builds that tfjs class, with params read from the layer's config (params are tfjs names).
 */
export function emitTfjsModel(g: GraphBuilder, model: tfjs.LayersModel, inputs: string[]): string[] {
  const values = new Map<string, string>();
  model.inputs.forEach((t, i) => values.set(t.name, inputs[i]!));
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    // A layer shared with an outer model has several inbound nodes: use the one wired inside this model.
    const inbound = layer.inboundNodes.find((n) => n.inputTensors.every((t) => values.has(t.name)));
    if (!inbound) throw new ExportError(`nested model layer '${layer.name}' has inputs from outside the model`);
    const inTensors = inbound.inputTensors;
    const ins = inTensors.map((t) => values.get(t.name)!);
    let def = byTfjsClass.get(className);
    if (!def && (className === 'Model' || className === 'Functional' || className === 'Sequential')) {
      const outs = emitTfjsModel(g, layer as unknown as tfjs.LayersModel, ins);
      inbound.outputTensors.forEach((t, i) => values.set(t.name, outs[i]!));
      continue;
    }
    if (!def) throw new ExportError(`nested model layer '${layer.name}' is a ${className}, which Layerloom cannot export`);
    let config = layer.getConfig() as Record<string, unknown>;
    if (className === 'Bidirectional') {
      // The wrapped layer's settings sit in config.layer; our Bidirectional kind takes them flat.
      const wrapped = config.layer as { className: string; config: Record<string, unknown> };
      config = { ...wrapped.config, ...config, layer: wrapped.className };
    }
    const raw: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(def.params)) {
      if (config[key] !== undefined && config[key] !== null) raw[key] = paramFromConfig(spec.kind, config[key]);
    }
    const parsed = parseParams(def, raw);
    if (!parsed.ok) throw new ExportError(`nested model layer '${layer.name}' (${className}): ${parsed.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    const out = pickEmitter<Record<string, unknown>>(def, g.opset)({
      g, params: parsed.params, name: layer.name, inputs: ins,
      inputShapes: inTensors.map((t) => t.shape as Shape),
      outputShape: inbound.outputTensors[0]!.shape as Shape,
      weights: layerWeights(layer),
      emitNested: (m, i) => emitTfjsModel(g, m, i),
    });
    values.set(inbound.outputTensors[0]!.name, out);
  }
  return model.outputs.map((t) => {
    const v = values.get(t.name);
    if (!v) throw new ExportError(`nested model output '${t.name}' was not produced`);
    return v;
  });
}

/**
 * A built tfjs layer's config can hold forms our params do not take: LayerNormalization reports its axis as a list,
 * Reshape's target shape holds null where Keras accepts -1.
 */
function paramFromConfig(kind: string, value: unknown): unknown {
  if (kind === 'int' && Array.isArray(value) && value.length === 1) return value[0];
  if (kind === 'ints' && Array.isArray(value)) return value.map((v) => v ?? -1);
  return value;
}

export interface ExportOptions {
  opset?: number;
  /** Loaded PretrainedModel bases by node id (as given to the compiler). */
  pretrained?: Map<string, tfjs.LayersModel>;
}

export function exportOnnx(project: Project, modelName: string, compiled: CompiledModel, options: ExportOptions = {}): OnnxExport {
  const opset = options.opset ?? MIN_OPSET;
  if (!Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new ExportError(`opset ${opset} is not supported: choose ${MIN_OPSET}–${MAX_OPSET}`);
  }
  const model = project.models[modelName]!;
  const { report } = compiled;
  const g = new GraphBuilder(opset);
  const values = new Map<string, string>();
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, string[]>();
  for (const e of [...model.edges].sort((a, b) => portOrder(a.targetPort) - portOrder(b.targetPort))) {
    sources.set(e.target, [...(sources.get(e.target) ?? []), e.source]);
  }
  const inputs: OnnxIO[] = [];
  const outputs: OnnxIO[] = [];
  const taken = new Set<string>();
  const uniqueIo = (base: string) => {
    let n = base;
    for (let i = 1; taken.has(n); i++) n = `${base}_${i}`;
    taken.add(n);
    return n;
  };

  for (const id of report.order) {
    const node = nodes.get(id)!;
    const shape = report.shapes[id];
    if (!shape) continue;
    const def = getLayer(node.kind)!;
    const params = parseParams(def, node.params).params;
    try {
      if (node.kind === 'Input') {
        const name = g.reserve(uniqueIo(ioName(node.label || id)));
        const dtype = params.dtype === 'int32' ? 'int32' : 'float32';
        g.inputs.push({ name, dims: shape, elemType: dtype === 'int32' ? 'int32' : 'float' });
        inputs.push({ name, shape, dtype });
        values.set(id, name);
        continue;
      }
      const ins = (sources.get(id) ?? []).map((s) => values.get(s)!);
      if (node.kind === 'Output') {
        const name = g.reserve(uniqueIo(ioName((params.name as string) || node.label || id)));
        g.nodes.push({ opType: 'Identity', inputs: [ins[0]!], outputs: [name], attrs: {}, name: g.unique(`${name}_identity`) });
        g.outputs.push({ name, dims: shape });
        outputs.push({ name, shape, dtype: 'float32' });
        continue;
      }
      const layerName = compiled.layerNames.get(id)!;
      const layer = compiled.model.getLayer(layerName);
      const pretrained = options.pretrained?.get(id);
      const out = pickEmitter<Record<string, unknown>>(def, opset)({
        g, params, name: layerName, inputs: ins, inputShapes: report.inputShapes[id]!, outputShape: shape,
        weights: layerWeights(layer), pretrained: pretrained ?? (layer as unknown as tfjs.LayersModel),
        emitNested: (m, i) => emitTfjsModel(g, m, i),
      });
      values.set(id, out);
    } catch (e) {
      if (e instanceof ExportError && e.node) throw e;
      throw new ExportError(`${nodeName(node)}: ${(e as Error).message}`, id);
    }
  }
  optimizeTransposes(g);
  const kinds = [...new Set(model.nodes.map((n) => n.kind))].sort();
  const bytes = toModelBytes(g, {
    graphName: `${project.name} — ${modelName}`.slice(0, 200),
    producerVersion: appVersion(),
    docString: project.description.slice(0, 2000),
    metadata: { project: project.name, model: modelName, layer_kinds: kinds.join(','), layerloom_version: appVersion() },
  });
  return { bytes, inputs, outputs };
}

function portOrder(port: string): number {
  return port === 'in' ? 0 : Number(port.slice(2));
}
