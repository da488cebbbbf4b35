// The engine side of the PretrainedModel kind: reading a base model's summary when the user chooses a file (for the
// inspector to record it and offer cut points), and loading, checking and cutting each base before compiling.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { getLayer } from '../../shared/layers/registry.js';
import type { Project } from '../../shared/project.js';
import { nodeName, parseParams } from '../../shared/validate.js';
import { CompileError, layerNameFor, type Tf } from './compile.js';
import { loadLayersModel } from './model-io.js';
import { resolveProjectPath } from './paths.js';

/** A load or summary error of a PretrainedModel node; `node` is its id. */
export class PretrainedError extends CompileError {
  constructor(message: string, override readonly node: string) {
    super(message, node);
  }
}

export interface PretrainedLayerInfo {
  name: string;
  /** tfjs class name, e.g. Conv2D. */
  className: string;
  /** Without the batch dimension; null = open size. */
  outputShape: (number | null)[];
}

export interface PretrainedSummary {
  /** Without the batch dimension; -1 marks a size the base leaves open (the PretrainedModel params' convention). */
  inputShape: number[];
  /** At the cut, without the batch dimension (-1 = open). */
  outputShape: number[];
  /** Parameters up to the cut (trainable and not). */
  paramCount: number;
  /** The layers of the whole base model that can be cut at (all but its InputLayer and shared layers), in order. */
  layers: PretrainedLayerInfo[];
  /** The model.json that was read (absolute). */
  modelJson: string;
  /** For a trained Layerloom artifact folder: its model names (the first is the default); else []. */
  models: string[];
}


async function kindOf(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(file);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** Model names of a trained artifact folder, in the project's order (falls back to the folder listing). */
async function artifactModels(dir: string): Promise<string[]> {
  const found = new Set<string>();
  for (const entry of await readdir(path.join(dir, 'models'), { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory() && (await kindOf(path.join(dir, 'models', entry.name, 'model.json'))) === 'file') found.add(entry.name);
  }
  let order: string[] = [];
  try {
    const project = JSON.parse(await readFile(path.join(dir, 'project.layerloom.json'), 'utf8')) as { models?: object };
    order = Object.keys(project.models ?? {});
  } catch {
    // no readable project file: the folder listing decides
  }
  return [...order.filter((m) => found.has(m)), ...[...found].filter((m) => !order.includes(m)).sort()];
}

/**
 * Resolves the `path` (+ `model`) params to a model.json: a .json file, a folder holding model.json, or a trained
 * Layerloom artifact folder (models/<name>/model.json).
 */
export async function resolveModelJson(location: string, baseDir: string, model = ''): Promise<{ file: string; models: string[] }> {
  if (!location) throw new Error('no file chosen (path is empty)');
  const abs = resolveProjectPath(location, baseDir);
  const kind = await kindOf(abs);
  if (kind === undefined) throw new Error(`${abs}: no such file or folder`);
  if (kind === 'file') {
    if (!abs.endsWith('.json')) throw new Error(`${abs} is not a model.json: choose a tfjs model.json, a folder holding one, or a trained Layerloom folder`);
    return { file: abs, models: [] };
  }
  if ((await kindOf(path.join(abs, 'model.json'))) === 'file') return { file: path.join(abs, 'model.json'), models: [] };
  const models = await artifactModels(abs);
  if (models.length === 0) throw new Error(`${abs} holds neither a model.json nor a trained Layerloom model (models/<name>/model.json)`);
  const chosen = model || models[0]!;
  if (!models.includes(chosen)) throw new Error(`${abs} has no trained model '${chosen}' (it has ${models.join(', ')})`);
  return { file: path.join(abs, 'models', chosen, 'model.json'), models };
}

/**
 * The output of `layer` inside `model`. A nested model layer also has a node of its own (from its creation), and a
 * shared layer has several, so `layer.output` cannot be used: take the one node that belongs to `model`.
 */
function outputIn(model: tfjs.LayersModel, layer: tfjs.layers.Layer): tfjs.SymbolicTensor {
  const own = layer.inboundNodes.map((_, i) => i).filter((i) => model.containerNodes.has(`${layer.name}_ib-${i}`));
  if (own.length !== 1) throw new Error(`layer '${layer.name}' is used ${own.length} times in the base model: choose another cut point`);
  const output = layer.getOutputAt(own[0]!);
  if (Array.isArray(output)) throw new Error(`layer '${layer.name}' has several outputs: choose another cut point`);
  return output;
}

/**
 * The base as a functional model over the same layers: a loaded Sequential only wires up its graph (containerNodes)
 * when first built, and the cut needs that graph.
 */
function functional(tf: Tf, base: tfjs.LayersModel): tfjs.LayersModel {
  return base.getClassName() === 'Sequential' ? tf.model({ inputs: base.inputs, outputs: base.outputs, name: base.name }) : base;
}

/** The base cut at `cutAt` ('' = its own output): a model sharing the base's layers. */
function cut(tf: Tf, loaded: tfjs.LayersModel, cutAt: string): tfjs.LayersModel {
  const base = functional(tf, loaded);
  if (base.inputs.length !== 1) throw new Error(`the base model has ${base.inputs.length} inputs; a PretrainedModel node takes one`);
  if (!cutAt) {
    if (base.outputs.length !== 1) throw new Error(`the base model has ${base.outputs.length} outputs: choose a layer to cut at (cutAt)`);
    return base;
  }
  const candidates = base.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const layer = candidates.find((l) => l.name === cutAt);
  if (!layer) {
    throw new Error(`the base model has no layer '${cutAt}' to cut at (its layers: ${candidates.map((l) => l.name).join(', ')})`);
  }
  const output = outputIn(base, layer);
  return output === base.outputs[0] ? base : tf.model({ inputs: base.inputs, outputs: output });
}

const withoutBatch = (shape: (number | null)[]): number[] => shape.slice(1).map((d) => d ?? -1);

function outputShapeOf(model: tfjs.LayersModel, layer: tfjs.layers.Layer): (number | null)[] | undefined {
  try {
    return (outputIn(model, layer).shape as (number | null)[]).slice(1);
  } catch {
    return undefined; // a shared layer or one with several outputs: not a cut point
  }
}

function summarize(model: tfjs.LayersModel): Pick<PretrainedSummary, 'inputShape' | 'outputShape' | 'paramCount'> {
  return {
    inputShape: withoutBatch(model.inputs[0]!.shape),
    outputShape: withoutBatch(model.outputs[0]!.shape),
    paramCount: model.countParams(),
  };
}

/**
 * Reads a base model for the inspector: the summary to record in the node's params (inputShape, outputShape,
 * paramCount, at `cutAt` when given) and the layers to offer as cut points. `location` is relative to `baseDir`.
 */
export async function describePretrained(
  tf: Tf, location: string, baseDir: string, model = '', cutAt = '',
): Promise<PretrainedSummary> {
  const { file, models } = await resolveModelJson(location, baseDir, model);
  const base = await loadLayersModel(tf, file);
  try {
    const graph = functional(tf, base);
    const layers = graph.layers
      .filter((l) => l.getClassName() !== 'InputLayer')
      .map((l) => ({ name: l.name, className: l.getClassName(), outputShape: outputShapeOf(graph, l) }))
      .filter((l): l is PretrainedLayerInfo => l.outputShape !== undefined);
    return { ...summarize(cut(tf, base, cutAt)), layers, modelJson: file, models };
  } finally {
    base.dispose();
  }
}

type PyDict = Record<string, unknown> & { config?: PyDict; layers?: PyDict[] };

/**
 * Prefixes every layer name in a (pythonic, as from `toJSON`) model topology, including the references between
 * layers, nested models and wrapped layers, so that the base's layer and weight names cannot clash with the outer
 * model's (a base trained by Layerloom has node-id names like the new project's).
 */
function prefixNames(config: PyDict, prefix: string): void {
  const rename = (n: unknown) => (typeof n === 'string' ? prefix + n : n);
  const refs = (list: unknown) => {
    if (Array.isArray(list)) for (const ref of list) if (Array.isArray(ref)) ref[0] = rename(ref[0]);
  };
  for (const layer of config.layers ?? []) {
    if (typeof layer.name === 'string') layer.name = rename(layer.name);
    const inner = layer.config;
    if (inner) {
      if (typeof inner.name === 'string') inner.name = rename(inner.name);
      if (Array.isArray(inner.layers)) prefixNames(inner, prefix);
      const wrapped = inner.layer as PyDict | undefined;
      if (wrapped?.config && typeof wrapped.config.name === 'string') wrapped.config.name = rename(wrapped.config.name);
    }
    for (const node of (layer.inbound_nodes as unknown[]) ?? []) refs(node);
  }
  refs(config.input_layers);
  refs(config.output_layers);
}

/** A copy of `model` named `name`, its layers prefixed with `name__`, with the same weight values. */
async function renamed(tf: Tf, model: tfjs.LayersModel, name: string): Promise<tfjs.LayersModel> {
  const topology = model.toJSON(null, false) as PyDict;
  prefixNames(topology.config!, `${name}__`);
  topology.config!.name = name;
  const copy = await tf.models.modelFromJSON({ modelTopology: topology } as unknown as tfjs.io.ModelJSON);
  for (const layer of model.layers) {
    if (layer.weights.length) copy.getLayer(`${name}__${layer.name}`).setWeights(layer.getWeights());
  }
  return copy;
}

/**
 * Makes the base always run in inference mode, as Keras recommends for transfer learning (`base(x, training=False)`):
 * tfjs would otherwise update BatchNormalization's moving statistics during fit even when the base is frozen, and
 * apply its Dropout. Only `trainable` decides whether training changes the base.
 */
function inInferenceMode(model: tfjs.LayersModel): void {
  const call = model.call.bind(model);
  model.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
}

const sameDims = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const dims = (d: number[]) => `[${d.join(', ')}]`;

/**
 * Loads the base of every PretrainedModel node of `modelName`: resolves its file against `baseDir`, cuts it at
 * `cutAt`, checks it still matches the summary recorded in the node, names it after the node (layers prefixed so
 * they cannot clash with the outer model's), sets `trainable` and makes it run in inference mode. Pass the map to
 * compileModel and exportOnnx.
 * Nodes whose params do not parse are skipped (validation reports them).
 */
export async function loadPretrainedFor(
  tf: Tf, project: Project, modelName: string, baseDir: string,
): Promise<Map<string, tfjs.LayersModel>> {
  const out = new Map<string, tfjs.LayersModel>();
  const def = getLayer('PretrainedModel');
  const model = project.models[modelName];
  if (!def || !model) return out;
  try {
    for (const node of model.nodes) {
      if (node.kind !== 'PretrainedModel') continue;
      const parsed = parseParams(def, node.params);
      if (!parsed.ok) continue;
      const params = parsed.params as { path: string; model: string; cutAt: string; trainable: boolean; inputShape: number[]; outputShape: number[]; paramCount: number };
      const fail = (message: string): never => {
        throw new PretrainedError(`${nodeName(node)}: ${message}`, node.id);
      };
      let base: tfjs.LayersModel;
      let file: string;
      try {
        file = (await resolveModelJson(params.path, baseDir, params.model)).file;
        base = await loadLayersModel(tf, file);
      } catch (e) {
        return fail(`cannot load its base model: ${(e as Error).message}: choose the file again`);
      }
      try {
        let cutModel: tfjs.LayersModel;
        try {
          cutModel = cut(tf, base, params.cutAt);
        } catch (e) {
          return fail(`${(e as Error).message} (base model ${file})`);
        }
        const actual = summarize(cutModel);
        const diffs: string[] = [];
        if (!sameDims(actual.inputShape, params.inputShape)) diffs.push(`input ${dims(actual.inputShape)}, recorded ${dims(params.inputShape)}`);
        if (!sameDims(actual.outputShape, params.outputShape)) diffs.push(`output ${dims(actual.outputShape)}, recorded ${dims(params.outputShape)}`);
        if (actual.paramCount !== params.paramCount) diffs.push(`${actual.paramCount} parameters, recorded ${params.paramCount}`);
        if (diffs.length) {
          fail(`its base model ${file} no longer matches the summary recorded when it was chosen (${diffs.join('; ')}): choose the file again to refresh it`);
        }
        const loaded = await renamed(tf, cutModel, layerNameFor(node.id));
        loaded.trainable = params.trainable;
        inInferenceMode(loaded);
        out.set(node.id, loaded);
      } finally {
        base.dispose();
      }
    }
  } catch (e) {
    for (const m of out.values()) m.dispose();
    throw e;
  }
  return out;
}
