// Validation of a parsed project: graph structure, params, shapes, parameter counts, dataset and loss fit.
// Runs on every edit in the editor, so it is one linear pass per model plus a small per-node memo.
import { builtinClassCount, builtinSampleShape, BUILTIN_DATASETS } from './datasets.js';
import { getLayer, inputPortNames, type RegisteredLayer } from './layers/registry.js';
import { formatShape, product } from './layers/shape-utils.js';
import { ShapeError, type ParamCount, type Shape } from './layers/types.js';
import type { GraphEdge, GraphNode, Model, Project } from './project.js';

export const DIAGNOSTIC_CODES = [
  'UNKNOWN_KIND', 'BAD_PARAM', 'MISSING_INPUT', 'TOO_MANY_INPUTS', 'CYCLE', 'SHAPE_MISMATCH', 'NO_INPUT_NODE',
  'NO_OUTPUT_NODE', 'UNREACHABLE', 'DUPLICATE_ID', 'DANGLING_EDGE', 'BAD_DATASET', 'INCOMPATIBLE_LOSS',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  model: string;
  node?: string;
  edge?: string;
  /** The param or field concerned, when there is one. */
  field?: string;
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
}

export interface ModelReport {
  /** Output shape per node id (batch first), for nodes whose shape could be inferred. */
  shapes: Record<string, Shape>;
  /** Parameter count per node id. */
  nodeParams: Record<string, ParamCount>;
  /** Input shapes per node id, in port order. */
  inputShapes: Record<string, Shape[]>;
  total: number;
  trainable: number;
  /** Node ids in a topological order (only nodes that are not in a cycle). */
  order: string[];
}

export interface ValidationResult {
  valid: boolean;
  diagnostics: Diagnostic[];
  models: Record<string, ModelReport>;
}

/** "Dense 'fc1'" — how messages name a node. */
export function nodeName(node: Pick<GraphNode, 'kind' | 'id' | 'label'>): string {
  return `${node.kind} '${node.label || node.id}'`;
}

interface ParsedParams {
  ok: boolean;
  params: Record<string, unknown>;
  issues: { field: string; message: string }[];
}

// Parsing params is the costliest step per node; the editor revalidates on every keystroke with mostly unchanged
// nodes, so parsed params are memoised by the (immutable) params object.
const paramCache = new WeakMap<object, Map<string, ParsedParams>>();

export function parseParams(def: RegisteredLayer, raw: Record<string, unknown>): ParsedParams {
  let byKind = paramCache.get(raw);
  const hit = byKind?.get(def.kind);
  if (hit) return hit;
  const result = def.schema.safeParse(raw);
  const parsed: ParsedParams = result.success
    ? { ok: true, params: result.data, issues: [] }
    : {
        ok: false, params: {},
        issues: result.error.issues.map((i) => {
          const field = i.path.length ? i.path.map(String).join('.') : i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys?.join(', ') ?? '' : '';
          return { field, message: i.message };
        }),
      };
  if (!byKind) paramCache.set(raw, (byKind = new Map()));
  byKind.set(def.kind, parsed);
  return parsed;
}

export function validate(project: Project): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const models: Record<string, ModelReport> = {};
  for (const [name, model] of Object.entries(project.models)) {
    models[name] = validateModel(name, model, diagnostics);
  }
  checkTraining(project, models, diagnostics);
  return { valid: !diagnostics.some((d) => d.severity === 'error'), diagnostics, models };
}

export function validateModel(modelName: string, model: Model, out: Diagnostic[]): ModelReport {
  const report: ModelReport = { shapes: {}, nodeParams: {}, inputShapes: {}, total: 0, trainable: 0, order: [] };
  const add = (d: Omit<Diagnostic, 'model' | 'severity'> & { severity?: Diagnostic['severity'] }) =>
    out.push({ model: modelName, severity: 'error', ...d });

  const nodes = new Map<string, GraphNode>();
  for (const node of model.nodes) {
    if (nodes.has(node.id)) {
      add({ node: node.id, code: 'DUPLICATE_ID', message: `Two nodes share the id '${node.id}': give each node its own id` });
      continue;
    }
    nodes.set(node.id, node);
  }
  const edgeIds = new Set<string>();
  for (const edge of model.edges) {
    if (edgeIds.has(edge.id)) add({ edge: edge.id, code: 'DUPLICATE_ID', message: `Two edges share the id '${edge.id}'` });
    edgeIds.add(edge.id);
  }

  // Kinds and params.
  const defs = new Map<string, RegisteredLayer>();
  const params = new Map<string, Record<string, unknown>>();
  for (const node of nodes.values()) {
    const def = getLayer(node.kind);
    if (!def) {
      add({ node: node.id, code: 'UNKNOWN_KIND', message: `Node '${node.label || node.id}' has an unknown layer kind '${node.kind}': replace it with a kind from the palette` });
      continue;
    }
    defs.set(node.id, def);
    const parsed = parseParams(def, node.params);
    if (parsed.ok) params.set(node.id, parsed.params);
    for (const issue of parsed.issues) {
      add({ node: node.id, field: issue.field, code: 'BAD_PARAM', message: `${nodeName(node)}: parameter ${issue.field ? `'${issue.field}' ` : ''}${issue.message}` });
    }
  }

  // Edges: endpoints and ports.
  const incoming = new Map<string, Map<string, GraphEdge>>();
  const outgoing = new Map<string, string[]>();
  for (const edge of model.edges) {
    const src = nodes.get(edge.source);
    const dst = nodes.get(edge.target);
    if (!src || !dst) {
      const missing = !src ? edge.source : edge.target;
      add({ edge: edge.id, code: 'DANGLING_EDGE', message: `Edge '${edge.id}' points to a node '${missing}' that does not exist: delete the edge` });
      continue;
    }
    const srcDef = defs.get(src.id);
    const dstDef = defs.get(dst.id);
    if (srcDef && (!srcDef.ports.output || edge.sourcePort !== 'out')) {
      add({ edge: edge.id, node: src.id, code: 'DANGLING_EDGE', message: `Edge '${edge.id}' leaves ${nodeName(src)} from port '${edge.sourcePort}', which it does not have${srcDef.ports.output ? " (its output port is 'out')" : ': an Output has no output port'}` });
      continue;
    }
    if (dstDef && !isInputPort(dstDef, edge.targetPort)) {
      add({ edge: edge.id, node: dst.id, code: 'DANGLING_EDGE', message: `Edge '${edge.id}' enters ${nodeName(dst)} at port '${edge.targetPort}', which it does not have${dstDef.ports.inputs === 'none' ? ': an Input takes no input' : ''}` });
      continue;
    }
    let ports = incoming.get(dst.id);
    if (!ports) incoming.set(dst.id, (ports = new Map()));
    if (ports.has(edge.targetPort)) {
      add({ node: dst.id, edge: edge.id, code: 'TOO_MANY_INPUTS', message: `${nodeName(dst)} has two edges into port '${edge.targetPort}': a port takes one input; use a merge layer (Add, Concatenate) to combine them` });
      continue;
    }
    ports.set(edge.targetPort, edge);
    const outs = outgoing.get(src.id);
    if (outs) outs.push(dst.id);
    else outgoing.set(src.id, [dst.id]);
  }

  // Arity.
  const inputsOf = new Map<string, string[]>();
  const arityOk = new Set<string>();
  for (const [id, def] of defs) {
    const node = nodes.get(id)!;
    const ports = incoming.get(id);
    const connected = ports ? [...ports.entries()].sort((a, b) => portIndex(a[0]) - portIndex(b[0])) : [];
    inputsOf.set(id, connected.map(([, e]) => e.source));
    if (def.ports.inputs === 'one' && connected.length === 0) {
      add({ node: id, code: 'MISSING_INPUT', message: `${nodeName(node)} has no input: connect a layer to its input port` });
    } else if (def.ports.inputs === 'many') {
      const indices = connected.map(([p]) => portIndex(p));
      if (connected.length < 2) {
        add({ node: id, code: 'MISSING_INPUT', message: `${nodeName(node)} merges at least two inputs, it has ${connected.length}: connect another layer` });
      } else if (indices.some((v, i) => v !== i)) {
        add({ node: id, code: 'MISSING_INPUT', message: `${nodeName(node)} has a gap in its input ports (${connected.map(([p]) => p).join(', ')}): connect in0, in1, … in order` });
      } else arityOk.add(id);
    } else arityOk.add(id);
  }

  // Topological order (Kahn); what remains is in or behind a cycle.
  const indegree = new Map<string, number>();
  for (const id of nodes.keys()) indegree.set(id, inputsOf.get(id)?.length ?? 0);
  const queue: string[] = [];
  for (const [id, n] of indegree) if (n === 0) queue.push(id);
  for (let i = 0; i < queue.length; i++) {
    for (const next of outgoing.get(queue[i]!) ?? []) {
      const n = indegree.get(next)! - 1;
      indegree.set(next, n);
      if (n === 0) queue.push(next);
    }
  }
  report.order = queue;
  if (queue.length < nodes.size) {
    const done = new Set(queue);
    const inCycle = [...nodes.keys()].filter((id) => !done.has(id) && reachesItself(id, outgoing, done));
    for (const id of inCycle) {
      add({ node: id, code: 'CYCLE', message: `${nodeName(nodes.get(id)!)} is part of a cycle: models must flow one way; remove one of the edges that loop back` });
    }
  }

  // IO presence.
  const all = [...nodes.values()];
  const hasInput = all.some((n) => n.kind === 'Input');
  const hasOutput = all.some((n) => n.kind === 'Output');
  if (!hasInput) add({ code: 'NO_INPUT_NODE', message: `Model '${modelName}' has no Input node: add one from the IO palette` });
  if (!hasOutput) add({ code: 'NO_OUTPUT_NODE', message: `Model '${modelName}' has no Output node: add one after the last layer` });

  // Shapes, in topological order; a node whose inputs failed is skipped so one error does not cascade.
  for (const id of queue) {
    const def = defs.get(id);
    const p = params.get(id);
    if (!def || !p || !arityOk.has(id)) continue;
    const node = nodes.get(id)!;
    const ins = inputsOf.get(id)!.map((src) => report.shapes[src]);
    if (ins.some((s) => s === undefined)) continue;
    const inputShapes = ins as Shape[];
    try {
      const shape = def.inferShape(inputShapes, p);
      const count = def.countParams(inputShapes, p);
      report.shapes[id] = shape;
      report.inputShapes[id] = inputShapes;
      report.nodeParams[id] = count;
      report.total += count.trainable + count.nonTrainable;
      report.trainable += count.trainable;
    } catch (e) {
      if (!(e instanceof ShapeError)) throw e;
      add({ node: id, code: e.code, message: `${nodeName(node)} ${e.message}` });
    }
  }

  // Reachability: every layer should lie on a path from an Input to an Output.
  const fromInput = reach(queue.filter((id) => nodes.get(id)!.kind === 'Input'), outgoing);
  const reverse = new Map<string, string[]>();
  for (const [id, srcs] of inputsOf) reverse.set(id, srcs);
  const toOutput = reach([...nodes.values()].filter((n) => n.kind === 'Output').map((n) => n.id), reverse);
  for (const node of nodes.values()) {
    if (!defs.has(node.id)) continue;
    if (hasOutput && !toOutput.has(node.id)) {
      add({ node: node.id, severity: 'warning', code: 'UNREACHABLE', message: `${nodeName(node)} does not lead to any Output: connect it or delete it` });
    } else if (hasInput && !fromInput.has(node.id) && (incoming.get(node.id)?.size ?? 0) > 0) {
      add({ node: node.id, severity: 'warning', code: 'UNREACHABLE', message: `${nodeName(node)} is not fed by any Input` });
    }
  }
  return report;
}

function isInputPort(def: RegisteredLayer, port: string): boolean {
  if (def.ports.inputs === 'one') return port === 'in';
  if (def.ports.inputs === 'many') return /^in\d{1,3}$/.test(port);
  return false;
}

function portIndex(port: string): number {
  return port === 'in' ? 0 : Number(port.slice(2));
}

function reach(starts: string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

function reachesItself(start: string, next: Map<string, string[]>, skip: Set<string>): boolean {
  const seen = new Set<string>();
  const stack = [...(next.get(start) ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === start) return true;
    if (seen.has(n) || skip.has(n)) continue;
    seen.add(n);
    stack.push(...(next.get(n) ?? []));
  }
  return false;
}

/** The shapes a model takes and produces, in node order of its Input and Output nodes. */
export function modelIO(model: Model, report: ModelReport): { inputs: Shape[]; outputs: Shape[] } {
  const io = (kind: string) =>
    model.nodes.filter((n) => n.kind === kind).map((n) => report.shapes[n.id]).filter((s): s is Shape => !!s);
  return { inputs: io('Input'), outputs: io('Output') };
}

const CLASSIFICATION_LOSSES = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy']);

function checkTraining(project: Project, reports: Record<string, ModelReport>, out: Diagnostic[]): void {
  const { dataset, training } = project;
  const firstModel = Object.keys(project.models)[0]!;
  const modelName = training.kind === 'gan' ? 'generator' : firstModel;
  const add = (code: DiagnosticCode, message: string, field?: string, model = modelName) =>
    out.push({ model, severity: 'error', code, message, ...(field ? { field } : {}) });

  if (dataset) {
    if (dataset.source === 'builtin') {
      if (!dataset.name || !BUILTIN_DATASETS[dataset.name]) {
        add('BAD_DATASET', `dataset.name must be one of ${Object.keys(BUILTIN_DATASETS).join(', ')}, got ${JSON.stringify(dataset.name ?? null)}`, 'dataset.name');
      }
    } else {
      const need = { csv: ['path'], images: ['path'], idx: ['images'], npy: ['x'] }[dataset.source];
      for (const field of need) {
        if (!dataset[field]) add('BAD_DATASET', `a ${dataset.source} dataset needs dataset.${field} (a path relative to the project file)`, `dataset.${field}`);
      }
      for (const field of ['path', 'images', 'labels', 'x', 'y'] as const) {
        const value = dataset[field];
        if (typeof value === 'string' && /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(value)) {
          add('BAD_DATASET', `dataset.${field} must be a file path, not a URL: nothing is downloaded`, `dataset.${field}`);
        }
      }
    }
  }

  if (training.kind === 'gan') {
    checkGan(project, reports, add);
    return;
  }
  const model = project.models[firstModel]!;
  const report = reports[firstModel]!;
  const { inputs, outputs } = modelIO(model, report);
  if (inputs.length !== 1 || outputs.length !== 1) return; // multi-IO models take their data from the engine's rules
  const output = outputs[0]!;
  const input = inputs[0]!;
  const outUnits = output[output.length - 1];

  const sample = dataset?.source === 'builtin' ? builtinSampleShape(dataset) : undefined;
  if (sample && product(input.slice(1)) !== product(sample)) {
    const inputNode = model.nodes.find((n) => n.kind === 'Input')!;
    out.push({
      model: firstModel, node: inputNode.id, field: 'shape', severity: 'error', code: 'BAD_DATASET',
      message: `${nodeName(inputNode)} has shape ${formatShape(input.slice(1))} (${product(input.slice(1))} values) but ${dataset!.name} samples have shape ${formatShape(sample)} (${product(sample)} values): set the Input shape to ${formatShape(sample)}`,
    });
  }

  if (training.kind === 'autoencoder') {
    if (product(output.slice(1)) !== product(input.slice(1))) {
      add('INCOMPATIBLE_LOSS', `an autoencoder must reproduce its input: the output ${formatShape(output)} must have as many values as the input ${formatShape(input)}`);
    }
    return;
  }

  const classes = dataset?.source === 'builtin' ? builtinClassCount(dataset) : undefined;
  if (CLASSIFICATION_LOSSES.has(training.loss)) {
    if (classes === 0) {
      add('INCOMPATIBLE_LOSS', `${training.loss} is a classification loss but the ${dataset!.name} dataset has numeric targets: use meanSquaredError`, 'training.loss');
    } else if (training.loss === 'binaryCrossentropy') {
      if (outUnits !== 1 && classes !== undefined && classes !== outUnits) {
        add('INCOMPATIBLE_LOSS', `binaryCrossentropy needs one sigmoid output unit (or one per label); the model outputs ${formatShape(output)}`, 'training.loss');
      }
    } else if (outUnits === 1) {
      add('INCOMPATIBLE_LOSS', `${training.loss} needs one output unit per class, the model has 1: use binaryCrossentropy for two classes, or more units`, 'training.loss');
    } else if (classes !== undefined && outUnits !== null && outUnits !== classes) {
      add('INCOMPATIBLE_LOSS', `the model outputs ${outUnits} values per sample but the ${dataset!.name} dataset has ${classes} classes: set the last Dense layer's units to ${classes}`, 'training.loss');
    }
  } else if (classes !== undefined && classes > 0 && outUnits !== null && outUnits !== 1 && outUnits !== classes) {
    add('INCOMPATIBLE_LOSS', `${training.loss} on ${classes} classes needs ${classes} outputs (one-hot targets) or 1, the model has ${outUnits}`, 'training.loss');
  }
}

function checkGan(
  project: Project, reports: Record<string, ModelReport>,
  add: (code: DiagnosticCode, message: string, field?: string, model?: string) => void,
): void {
  const gen = project.models.generator;
  const disc = project.models.discriminator;
  if (!gen || !disc) {
    add('BAD_DATASET', "a GAN project needs two models named 'generator' and 'discriminator'", 'models', Object.keys(project.models)[0]);
    return;
  }
  const g = modelIO(gen, reports.generator!);
  const d = modelIO(disc, reports.discriminator!);
  const latent = project.training.latentDim;
  if (g.inputs.length === 1 && latent !== undefined && product(g.inputs[0]!.slice(1)) !== latent) {
    add('SHAPE_MISMATCH', `the generator's Input has shape ${formatShape(g.inputs[0]!.slice(1))} but training.latentDim is ${latent}: make them agree`, 'training.latentDim', 'generator');
  }
  if (g.outputs.length === 1 && d.inputs.length === 1 && formatShape(g.outputs[0]!.slice(1)) !== formatShape(d.inputs[0]!.slice(1))) {
    add('SHAPE_MISMATCH', `the generator outputs ${formatShape(g.outputs[0]!)} but the discriminator takes ${formatShape(d.inputs[0]!)}: they must match`, undefined, 'discriminator');
  }
  if (d.outputs.length === 1 && d.outputs[0]![d.outputs[0]!.length - 1] !== 1) {
    add('INCOMPATIBLE_LOSS', `the discriminator must output one real/fake score per sample, it outputs ${formatShape(d.outputs[0]!)}: end it with Dense(1, sigmoid)`, undefined, 'discriminator');
  }
}
