// Pure graph operations on the project: every edit the editor makes goes through one of these, so the undo history,
// the canvas and the file always agree. Each returns a new project (structural sharing: untouched models, nodes and
// edges keep their identity, which the canvas relies on to re-render only what changed).
import { getLayer, inputPortNames } from '../../shared/layers/registry.js';
import type { GraphEdge, GraphNode, Model, Project } from '../../shared/project.js';

export interface XY {
  x: number;
  y: number;
}

export function getModel(project: Project, name: string): Model {
  return project.models[name] ?? { nodes: [], edges: [] };
}

export function withModel(project: Project, name: string, fn: (model: Model) => Model): Project {
  const before = getModel(project, name);
  const after = fn(before);
  if (after === before) return project;
  return { ...project, models: { ...project.models, [name]: after } };
}

/** `MaxPooling2D` → `max_pooling2d`, `LeakyReLU` → `leaky_relu`, `SimpleRNN` → `simple_rnn`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z]{2})([A-Z]{2,})/g, '$1_$2')
    .toLowerCase();
}

/** Keras-style names: `conv2d`, `conv2d_1`, `conv2d_2`, … unique among `taken`. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = snakeCase(base).replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'node';
  if (!taken.has(stem)) return stem;
  const root = stem.replace(/_\d+$/, '') || stem;
  for (let i = 1; ; i++) {
    const id = `${root}_${i}`;
    if (!taken.has(id)) return id;
  }
}

export function nextEdgeId(taken: ReadonlySet<string>): string {
  for (let i = taken.size + 1; ; i++) {
    const id = `e${i}`;
    if (!taken.has(id)) return id;
  }
}

export function nodeIds(model: Model): Set<string> {
  return new Set(model.nodes.map((n) => n.id));
}

export function edgeIds(model: Model): Set<string> {
  return new Set(model.edges.map((e) => e.id));
}

/** A new node of `kind` with its default params written out (the file then says what the layer does). */
export function makeNode(kind: string, position: XY, taken: ReadonlySet<string>): GraphNode {
  const def = getLayer(kind);
  return {
    id: uniqueId(kind, taken),
    kind,
    params: def ? structuredClone(def.defaults) : {},
    position: { x: Math.round(position.x), y: Math.round(position.y) },
  };
}

export function addNode(model: Model, node: GraphNode): Model {
  return { ...model, nodes: [...model.nodes, node] };
}

export function portIndex(port: string): number {
  if (port === 'in') return 0;
  const n = Number(port.slice(2));
  return Number.isInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * Removes nodes (with every edge touching them) and edges. The inputs of variadic merge nodes that lost an edge are
 * renumbered in0, in1, … so no gap is left behind.
 */
export function removeElements(model: Model, nodes: Iterable<string>, edges: Iterable<string> = []): Model {
  const goneNodes = new Set(nodes);
  const goneEdges = new Set(edges);
  const touched = new Set<string>();
  const kept: GraphEdge[] = [];
  for (const e of model.edges) {
    if (goneEdges.has(e.id) || goneNodes.has(e.source) || goneNodes.has(e.target)) {
      if (!goneNodes.has(e.target)) touched.add(e.target);
      continue;
    }
    kept.push(e);
  }
  const keptNodes = goneNodes.size ? model.nodes.filter((n) => !goneNodes.has(n.id)) : model.nodes;
  if (keptNodes.length === model.nodes.length && kept.length === model.edges.length) return model;
  return compactPorts({ nodes: keptNodes, edges: kept }, touched);
}

/** Renumbers the incoming edges of the given variadic nodes to in0, in1, … keeping their order. */
export function compactPorts(model: Model, targets: ReadonlySet<string>): Model {
  if (targets.size === 0) return model;
  const variadic = new Set(
    model.nodes.filter((n) => targets.has(n.id) && getLayer(n.kind)?.ports.inputs === 'many').map((n) => n.id),
  );
  if (variadic.size === 0) return model;
  const byTarget = new Map<string, GraphEdge[]>();
  for (const e of model.edges) {
    if (!variadic.has(e.target)) continue;
    const list = byTarget.get(e.target);
    if (list) list.push(e);
    else byTarget.set(e.target, [e]);
  }
  const renamed = new Map<string, string>();
  for (const list of byTarget.values()) {
    list.sort((a, b) => portIndex(a.targetPort) - portIndex(b.targetPort));
    list.forEach((e, i) => {
      if (e.targetPort !== `in${i}`) renamed.set(e.id, `in${i}`);
    });
  }
  if (renamed.size === 0) return model;
  return { ...model, edges: model.edges.map((e) => (renamed.has(e.id) ? { ...e, targetPort: renamed.get(e.id)! } : e)) };
}

export function moveNodes(model: Model, positions: ReadonlyMap<string, XY>): Model {
  let changed = false;
  const nodes = model.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...model, nodes } : model;
}

export function updateNode(model: Model, id: string, fn: (node: GraphNode) => GraphNode): Model {
  let changed = false;
  const nodes = model.nodes.map((n) => {
    if (n.id !== id) return n;
    const next = fn(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...model, nodes } : model;
}

export function setParam(model: Model, id: string, name: string, value: unknown): Model {
  return updateNode(model, id, (n) =>
    Object.is(n.params[name], value) ? n : { ...n, params: { ...n.params, [name]: value } },
  );
}

export function removeParam(model: Model, id: string, name: string): Model {
  return updateNode(model, id, (n) => {
    if (!(name in n.params)) return n;
    const params = { ...n.params };
    delete params[name];
    return { ...n, params };
  });
}

export function setLabel(model: Model, id: string, label: string): Model {
  return updateNode(model, id, (n) => {
    const next = label.trim() === '' ? undefined : label;
    if (n.label === next) return n;
    const { label: _old, ...rest } = n;
    return next === undefined ? rest : { ...rest, label: next };
  });
}

/** The input ports a node shows: its kind's ports, plus one free port on variadic kinds (and any port in use). */
export function visibleInputPorts(node: GraphNode, incoming: readonly GraphEdge[]): string[] {
  const def = getLayer(node.kind);
  if (!def) {
    // Unknown kind: keep the ports its edges use so nothing vanishes from the canvas.
    const used = [...new Set(incoming.map((e) => e.targetPort))].sort((a, b) => portIndex(a) - portIndex(b));
    return used.length ? used : ['in'];
  }
  if (def.ports.inputs !== 'many') return inputPortNames(def);
  let highest = -1;
  for (const e of incoming) {
    const i = portIndex(e.targetPort);
    if (i !== Number.MAX_SAFE_INTEGER && i > highest) highest = i;
  }
  return inputPortNames(def, Math.min(highest + 2, 1000));
}

/** Incoming edges per target node id. */
export function incomingByTarget(model: Model): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  for (const e of model.edges) {
    const list = map.get(e.target);
    if (list) list.push(e);
    else map.set(e.target, [e]);
  }
  return map;
}
