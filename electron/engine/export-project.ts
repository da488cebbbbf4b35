// Export of a project's model (fresh or trained weights) to ONNX or the tfjs Layers format, with optional
// verification in ONNX Runtime. Shared by the CLI and both hosts.
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Project } from '../../shared/project.js';
import { modelIO } from '../../shared/validate.js';
import { compileModel, type CompiledModel } from './compile.js';
import { loadDataset } from './data/index.js';
import { loadLayersModel, saveLayersModel, writeFileAtomic } from './model-io.js';
import { ExportError, exportOnnx, type OnnxIO } from './onnx/export.js';
import { randomInputs, verifyOnnx, type VerifyInputs } from './onnx/verify.js';
import { loadPretrainedFor } from './pretrained.js';

type Tf = typeof tfjs;

export const VERIFY_TOLERANCE = 1e-4;

export interface ExportRequest {
  baseDir: string;
  /** Trained artifact folder (DESIGN §6) whose weights to export. */
  weights?: string;
  model?: string;
  /** Export only the part of the model that feeds this node, with the node as the output (e.g. an encoder). */
  output?: string;
  opset?: number;
  verify?: boolean;
}

export interface OnnxExportResult {
  path: string;
  bytes: number;
  inputs: OnnxIO[];
  outputs: OnnxIO[];
  /** Present when verified: the largest difference over random and dataset inputs. */
  maxAbsDiff?: number;
  verifiedOn?: string[];
}

export function defaultModelName(project: Project): string {
  return project.training.kind === 'gan' && project.models.generator ? 'generator' : Object.keys(project.models)[0]!;
}

/** Compiles the model and loads trained weights into it when an artifact is given. */
/**
 * The project with `modelName` reduced to the nodes that feed `nodeId`, and a new Output after it. Node ids (and so
 * tfjs layer names) are kept, so trained weights load into the cut model unchanged.
 */
export function cutAt(project: Project, modelName: string, nodeId: string): Project {
  const model = project.models[modelName]!;
  const node = model.nodes.find((n) => n.id === nodeId);
  if (!node) throw new ExportError(`model '${modelName}' has no node '${nodeId}': give a node id (see 'layerloom validate --json')`);
  if (node.kind === 'Output') return { ...project, models: { ...project.models, [modelName]: keepFeeding(model, node.id) } };
  const kept = keepFeeding(model, nodeId);
  let outId = `${nodeId}_output`;
  while (model.nodes.some((n) => n.id === outId)) outId += '_';
  kept.nodes.push({ id: outId, kind: 'Output', params: { name: node.label || node.id }, position: { x: node.position.x, y: node.position.y + 150 } });
  kept.edges.push({ id: `${outId}_edge`, source: nodeId, sourcePort: 'out', target: outId, targetPort: 'in' });
  return { ...project, models: { ...project.models, [modelName]: kept } };
}

function keepFeeding(model: Project['models'][string], nodeId: string): Project['models'][string] {
  const keep = new Set([nodeId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const e of model.edges) {
      if (keep.has(e.target) && !keep.has(e.source)) {
        keep.add(e.source);
        grew = true;
      }
    }
  }
  return {
    nodes: model.nodes.filter((n) => keep.has(n.id)),
    edges: model.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

export async function prepareModel(tf: Tf, project: Project, req: ExportRequest): Promise<{ compiled: CompiledModel; modelName: string; pretrained: Map<string, tfjs.LayersModel>; project: Project }> {
  const modelName = req.model ?? defaultModelName(project);
  if (!project.models[modelName]) {
    throw new ExportError(`the project has no model '${modelName}': choose one of ${Object.keys(project.models).join(', ')}`);
  }
  if (req.output) project = cutAt(project, modelName, req.output);
  const pretrained = await loadPretrainedFor(tf, project, modelName, req.baseDir);
  const compiled = compileModel(tf, project, modelName, { pretrained });
  if (req.weights) {
    const file = path.join(req.weights, 'models', modelName, 'model.json');
    const trained = await loadLayersModel(tf, file);
    try {
      for (const layer of compiled.model.layers) {
        if (layer.weights.length === 0) continue;
        let source: tfjs.layers.Layer;
        try {
          source = trained.getLayer(layer.name);
        } catch {
          throw new ExportError(`the weights in ${file} do not match the graph: they have no layer '${layer.name}' (trained from another version of the project?)`);
        }
        const values = source.getWeights();
        const want = layer.weights.map((w) => w.shape.join('×')).join(', ');
        const have = values.map((v) => v.shape.join('×')).join(', ');
        if (want !== have) throw new ExportError(`the weights in ${file} do not match the graph: layer '${layer.name}' needs [${want}], the file has [${have}]`);
        layer.setWeights(values);
      }
    } finally {
      trained.dispose();
    }
  }
  return { compiled, modelName, pretrained, project };
}

export async function exportProjectOnnx(tf: Tf, project: Project, req: ExportRequest & { out: string }): Promise<OnnxExportResult> {
  const prepared = await prepareModel(tf, project, req);
  const { compiled, modelName, pretrained } = prepared;
  project = prepared.project;
  try {
    const exported = exportOnnx(project, modelName, compiled, { opset: req.opset, pretrained });
    let maxAbsDiff: number | undefined;
    const verifiedOn: string[] = [];
    if (req.verify) {
      const cases: [string, VerifyInputs][] = [['random inputs', randomInputs(exported.inputs, 8, 1234, intRangeOf(compiled))]];
      const samples = await datasetSamples(project, compiled, req.baseDir, modelName);
      if (samples) cases.push(['dataset samples', samples]);
      maxAbsDiff = 0;
      for (const [what, inputs] of cases) {
        const r = await verifyOnnx(tf, compiled.model, exported, inputs);
        maxAbsDiff = Math.max(maxAbsDiff, r.maxAbsDiff);
        verifiedOn.push(`${inputs.batch} ${what}`);
      }
      if (!(maxAbsDiff <= VERIFY_TOLERANCE)) {
        throw new ExportError(`verification failed: ONNX Runtime differs from tfjs by ${maxAbsDiff.toExponential(2)} (tolerance ${VERIFY_TOLERANCE})`);
      }
    }
    await writeFileAtomic(req.out, exported.bytes);
    return { path: path.resolve(req.out), bytes: exported.bytes.length, inputs: exported.inputs, outputs: exported.outputs, maxAbsDiff, verifiedOn };
  } finally {
    compiled.model.dispose();
  }
}

export async function exportProjectTfjs(tf: Tf, project: Project, req: ExportRequest & { out: string }): Promise<{ path: string }> {
  const { compiled } = await prepareModel(tf, project, req);
  try {
    await saveLayersModel(tf, compiled.model, req.out);
    return { path: path.resolve(req.out) };
  } finally {
    compiled.model.dispose();
  }
}

/** Embedding inputs take ids: random test ids stay below the smallest vocabulary. */
function intRangeOf(compiled: CompiledModel): number {
  const dims = compiled.model.layers
    .filter((l) => l.getClassName() === 'Embedding')
    .map((l) => (l.getConfig() as { inputDim: number }).inputDim);
  return dims.length ? Math.min(...dims) : 10;
}

async function datasetSamples(project: Project, compiled: CompiledModel, baseDir: string, modelName: string): Promise<VerifyInputs | undefined> {
  if (!project.dataset || project.training.kind === 'gan' && modelName === 'generator') return undefined;
  const io = modelIO(project.models[modelName]!, compiled.report);
  if (io.inputs.length !== 1 || compiled.model.inputs[0]!.dtype === 'int32') return undefined;
  try {
    const data = await loadDataset(project.dataset, {
      baseDir, kind: project.training.kind === 'autoencoder' ? 'autoencoder' : 'supervised', loss: project.training.loss,
      inputShape: io.inputs[0]!.slice(1) as number[], outputShape: io.outputs[0]?.slice(1) as number[] | undefined,
    });
    const split = data.val.n > 0 ? data.val : data.train;
    const batch = Math.min(16, split.n);
    const size = data.xShape.reduce((a, b) => a * b, 1);
    return { data: [split.x.slice(0, batch * size)], batch };
  } catch {
    return undefined; // the dataset is optional for export; random inputs still verify the mapping
  }
}
