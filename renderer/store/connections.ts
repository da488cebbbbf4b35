// Connection rules, checked while the user drags a wire (so a bad drop is refused before it happens) and again when
// an edge is added from the inspector or a paste.
import { getLayer } from '../../shared/layers/registry.js';
import type { GraphEdge, Model } from '../../shared/project.js';
import { nextEdgeId, edgeIds } from './graph.js';

export interface ConnectionRequest {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

export type ConnectionCheck = { ok: true; edge: Omit<GraphEdge, 'id'> } | { ok: false; reason: string };

function isInputPortOf(kind: string, port: string): boolean {
  const def = getLayer(kind);
  if (!def) return port === 'in' || /^in\d{1,3}$/.test(port);
  if (def.ports.inputs === 'one') return port === 'in';
  if (def.ports.inputs === 'many') return /^in\d{1,3}$/.test(port);
  return false;
}

/** True when `to` can be reached from `from` following edges forward. */
export function reaches(model: Model, from: string, to: string): boolean {
  if (from === to) return true;
  const out = new Map<string, string[]>();
  for (const e of model.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    for (const next of out.get(stack.pop()!) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** Every node reachable from `from` following edges forward (not including `from` unless in a cycle). */
export function downstreamOf(model: Model, from: string): Set<string> {
  const out = new Map<string, string[]>();
  for (const e of model.edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    for (const next of out.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

export function checkConnection(model: Model, c: ConnectionRequest): ConnectionCheck {
  const source = model.nodes.find((n) => n.id === c.source);
  const target = model.nodes.find((n) => n.id === c.target);
  if (!source || !target) return { ok: false, reason: 'Both ends must be layers on the canvas' };
  const sourcePort = c.sourceHandle ?? 'out';
  const targetPort = c.targetHandle ?? 'in';
  if (source.id === target.id) return { ok: false, reason: 'A layer cannot feed itself' };
  const srcDef = getLayer(source.kind);
  if (sourcePort !== 'out' || (srcDef && !srcDef.ports.output)) {
    return { ok: false, reason: `${source.label || source.id} has no output to connect from` };
  }
  if (!isInputPortOf(target.kind, targetPort)) {
    return { ok: false, reason: `${target.label || target.id} has no input port '${targetPort}'` };
  }
  if (model.edges.some((e) => e.target === target.id && e.targetPort === targetPort)) {
    return { ok: false, reason: `Input '${targetPort}' of ${target.label || target.id} is already connected` };
  }
  if (reaches(model, target.id, source.id)) {
    return { ok: false, reason: 'That connection would make a cycle: models flow one way' };
  }
  return { ok: true, edge: { source: source.id, sourcePort, target: target.id, targetPort } };
}

/** Adds the edge when the rules allow it; returns the model unchanged (and the reason) when not. */
export function connect(model: Model, c: ConnectionRequest): { model: Model; edge?: GraphEdge; reason?: string } {
  const check = checkConnection(model, c);
  if (!check.ok) return { model, reason: check.reason };
  const edge: GraphEdge = { id: nextEdgeId(edgeIds(model)), ...check.edge };
  return { model: { ...model, edges: [...model.edges, edge] }, edge };
}

/** The first free input port of a node (for auto-connecting a newly added layer), or null. */
export function freeInputPort(model: Model, nodeId: string): string | null {
  const node = model.nodes.find((n) => n.id === nodeId);
  const def = node && getLayer(node.kind);
  if (!node || !def || def.ports.inputs === 'none') return null;
  const used = new Set(model.edges.filter((e) => e.target === nodeId).map((e) => e.targetPort));
  if (def.ports.inputs === 'one') return used.has('in') ? null : 'in';
  for (let i = 0; ; i++) if (!used.has(`in${i}`)) return `in${i}`;
}
