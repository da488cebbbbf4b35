// React Flow nodes and edges derived from the project, the selection and the latest validation. Derived objects are
// cached per id and reused while nothing they show changed, so React Flow re-renders only the nodes that did (a drag
// re-creates just the dragged nodes; a validation pass just the nodes whose shape or problems changed).
import type { Edge } from '@xyflow/react';
import { getLayer } from '../../shared/layers/registry.js';
import type { GraphEdge, GraphNode, Model } from '../../shared/project.js';
import type { Diagnostic, ModelReport } from '../../shared/validate.js';
import { incomingByTarget, visibleInputPorts } from '../store/graph.js';
import type { Selection } from '../store/store.js';
import { compactShape, fullShape } from './format.js';
import type { LayerFlowNode, LayerNodeData, NodeProblem } from './LayerNode.js';

export interface Dimensions {
  width: number;
  height: number;
}

export interface EdgeData extends Record<string, unknown> {
  shape: string | null;
}

export type LayerFlowEdge = Edge<EdgeData>;

const NO_PROBLEMS: readonly NodeProblem[] = Object.freeze([]);

interface NodeEntry {
  src: GraphNode;
  selected: boolean;
  measured: Dimensions | undefined;
  data: LayerNodeData;
  node: LayerFlowNode;
}

interface EdgeEntry {
  src: GraphEdge;
  selected: boolean;
  label: string | null;
  error: boolean;
  edge: LayerFlowEdge;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameProblems(a: readonly NodeProblem[], b: readonly NodeProblem[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.message !== b[i]!.message || a[i]!.severity !== b[i]!.severity) return false;
  return true;
}

function sameData(a: LayerNodeData, b: LayerNodeData): boolean {
  return a.kind === b.kind && a.name === b.name && a.shape === b.shape && a.fullShape === b.fullShape &&
    a.params === b.params && a.output === b.output && sameList(a.inputs, b.inputs) && sameProblems(a.problems, b.problems);
}

/** Problems per node id of one model. */
export function problemsByNode(diagnostics: readonly Diagnostic[], model: string): Map<string, NodeProblem[]> {
  const map = new Map<string, NodeProblem[]>();
  for (const d of diagnostics) {
    if (d.model !== model || !d.node) continue;
    const list = map.get(d.node);
    const p = { severity: d.severity, message: d.message };
    if (list) list.push(p);
    else map.set(d.node, [p]);
  }
  return map;
}

export class FlowDeriver {
  private nodeCache = new Map<string, NodeEntry>();
  private edgeCache = new Map<string, EdgeEntry>();
  private lastEdges: LayerFlowEdge[] = [];

  nodes(
    model: Model, selection: Selection, report: ModelReport | undefined, problems: ReadonlyMap<string, NodeProblem[]>,
    measured: ReadonlyMap<string, Dimensions>,
  ): LayerFlowNode[] {
    const incoming = incomingByTarget(model);
    const selected = new Set(selection.nodes);
    const next = new Map<string, NodeEntry>();
    const out: LayerFlowNode[] = [];
    for (const src of model.nodes) {
      if (next.has(src.id)) continue; // duplicate ids: validation reports them; the canvas shows the first
      const def = getLayer(src.kind);
      const shape = report?.shapes[src.id];
      const count = report?.nodeParams[src.id];
      const name = src.label || src.id;
      const data: LayerNodeData = {
        kind: src.kind,
        name,
        title: def?.title ?? `${src.kind} (unknown)`,
        category: def?.category ?? null,
        inputs: def?.ports.inputs === 'none' ? [] : visibleInputPorts(src, incoming.get(src.id) ?? []),
        output: def ? def.ports.output : true,
        shape: compactShape(shape),
        fullShape: shape ? fullShape(shape) : null,
        params: count ? count.trainable + count.nonTrainable : null,
        problems: problems.get(src.id) ?? NO_PROBLEMS,
      };
      const isSelected = selected.has(src.id);
      const dims = measured.get(src.id);
      const prev = this.nodeCache.get(src.id);
      if (prev && prev.src === src && prev.selected === isSelected && prev.measured === dims && sameData(prev.data, data)) {
        next.set(src.id, prev);
        out.push(prev.node);
        continue;
      }
      const keptData = prev && sameData(prev.data, data) ? prev.data : data;
      const node: LayerFlowNode = {
        id: src.id,
        type: 'layer',
        position: src.position,
        data: keptData,
        selected: isSelected,
        ariaLabel: `${name} (${keptData.title})`,
        ...(dims ? { measured: dims } : {}),
      };
      next.set(src.id, { src, selected: isSelected, measured: dims, data: keptData, node });
      out.push(node);
    }
    this.nodeCache = next;
    return out;
  }

  edges(model: Model, selection: Selection, report: ModelReport | undefined, problems: ReadonlyMap<string, NodeProblem[]>): LayerFlowEdge[] {
    const selected = new Set(selection.edges);
    const next = new Map<string, EdgeEntry>();
    const out: LayerFlowEdge[] = [];
    for (const src of model.edges) {
      if (next.has(src.id)) continue;
      const shape = report?.shapes[src.source];
      const label = compactShape(shape);
      const error = (problems.get(src.target) ?? NO_PROBLEMS).some((p) => p.severity === 'error') && !report?.shapes[src.target];
      const isSelected = selected.has(src.id);
      const prev = this.edgeCache.get(src.id);
      if (prev && prev.src === src && prev.selected === isSelected && prev.label === label && prev.error === error) {
        next.set(src.id, prev);
        out.push(prev.edge);
        continue;
      }
      const edge: LayerFlowEdge = {
        id: src.id,
        source: src.source,
        sourceHandle: src.sourcePort,
        target: src.target,
        targetHandle: src.targetPort,
        selected: isSelected,
        label: label ?? undefined,
        data: { shape: shape ? fullShape(shape) : null },
        className: error ? 'll-edge ll-edge--error' : 'll-edge',
        ariaLabel: `Connection from ${src.source} to ${src.target}${src.targetPort !== 'in' ? ` ${src.targetPort}` : ''}${label ? `, shape ${label}` : ''}`,
      };
      next.set(src.id, { src, selected: isSelected, label, error, edge });
      out.push(edge);
    }
    this.edgeCache = next;
    // Same edges as last time (a drag moves nodes only): hand back the same array, so React Flow skips its edge
    // bookkeeping altogether.
    if (out.length === this.lastEdges.length && out.every((e, i) => e === this.lastEdges[i])) return this.lastEdges;
    this.lastEdges = out;
    return out;
  }
}
