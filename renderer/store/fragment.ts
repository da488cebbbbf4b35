// Project fragments: what copy/cut put on the system clipboard (plain JSON text, so it pastes between windows and
// into a text editor), and what paste and duplicate insert. Parsing never trusts the text: it either yields a
// fragment whose every node has a known kind, or a message and nothing.
import { z } from 'zod';
import { getLayer } from '../../shared/layers/registry.js';
import { EdgeSchema, NodeSchema, parseProject, type GraphEdge, type GraphNode, type Model } from '../../shared/project.js';
import { compactPorts, edgeIds, nextEdgeId, nodeIds, uniqueId, type XY } from './graph.js';

export const FRAGMENT_FORMAT = 'layerloom-fragment';
const MAX_NODES = 5000;

export interface Fragment {
  format: typeof FRAGMENT_FORMAT;
  version: 1;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The selected nodes and the edges between them. */
export function makeFragment(model: Model, ids: Iterable<string>): Fragment {
  const keep = new Set(ids);
  return {
    format: FRAGMENT_FORMAT,
    version: 1,
    nodes: model.nodes.filter((n) => keep.has(n.id)),
    edges: model.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

export function serializeFragment(f: Fragment): string {
  return JSON.stringify(f, null, 1);
}

const FragmentSchema = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  version: z.literal(1),
  nodes: z.array(NodeSchema).max(MAX_NODES),
  edges: z.array(EdgeSchema).max(MAX_NODES * 4).default([]),
});

export type FragmentParse = { ok: true; fragment: Fragment } | { ok: false; message: string };

/** Reads clipboard text: a Layerloom fragment, or a whole project file (its first model is pasted). */
export function parseFragment(text: string): FragmentParse {
  const none = 'Nothing pasted: the clipboard holds no Layerloom layers';
  if (!text || text.length > 20_000_000) return { ok: false, message: none };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: none };
  }
  let fragment: Fragment;
  if (value && typeof value === 'object' && (value as { format?: unknown }).format === 'layerloom-project') {
    const parsed = parseProject(value);
    if (!parsed.ok) return { ok: false, message: `Nothing pasted: the clipboard holds a project that does not load (${parsed.errors[0]!.path}: ${parsed.errors[0]!.message})` };
    const model = Object.values(parsed.project.models)[0]!;
    fragment = { format: FRAGMENT_FORMAT, version: 1, nodes: model.nodes, edges: model.edges };
  } else {
    const parsed = FragmentSchema.safeParse(value);
    if (!parsed.success) {
      if (value && typeof value === 'object' && (value as { format?: unknown }).format === FRAGMENT_FORMAT) {
        const issue = parsed.error.issues[0]!;
        return { ok: false, message: `Nothing pasted: the copied layers are damaged (${issue.path.join('.')}: ${issue.message})` };
      }
      return { ok: false, message: none };
    }
    fragment = parsed.data as Fragment;
  }
  if (fragment.nodes.length === 0) return { ok: false, message: 'Nothing pasted: the clipboard holds no layers' };
  const unknown = [...new Set(fragment.nodes.filter((n) => !getLayer(n.kind)).map((n) => n.kind))];
  if (unknown.length) {
    return {
      ok: false,
      message: `Nothing pasted: unknown layer kind${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k.slice(0, 60)}'`).join(', ')}`,
    };
  }
  const ids = new Set<string>();
  for (const n of fragment.nodes) {
    if (ids.has(n.id)) return { ok: false, message: `Nothing pasted: two copied layers share the id '${n.id}'` };
    ids.add(n.id);
  }
  // Edges to nodes outside the fragment cannot be kept.
  fragment = { ...fragment, edges: fragment.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  return { ok: true, fragment };
}

/**
 * Inserts a fragment with fresh ids. `at` places the fragment's top-left corner there; otherwise it is offset by
 * `offset` from where it was copied. Returns the new node ids (to select them).
 */
export function insertFragment(model: Model, fragment: Fragment, place: { at?: XY; offset?: XY }): { model: Model; ids: string[] } {
  const takenNodes = nodeIds(model);
  const takenEdges = edgeIds(model);
  const minX = Math.min(...fragment.nodes.map((n) => n.position.x));
  const minY = Math.min(...fragment.nodes.map((n) => n.position.y));
  const dx = place.at ? place.at.x - minX : place.offset?.x ?? 0;
  const dy = place.at ? place.at.y - minY : place.offset?.y ?? 0;
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const n of fragment.nodes) {
    const id = uniqueId(n.id, takenNodes);
    takenNodes.add(id);
    rename.set(n.id, id);
    nodes.push({
      ...structuredClone(n),
      id,
      position: { x: Math.round(n.position.x + dx), y: Math.round(n.position.y + dy) },
    });
  }
  const edges: GraphEdge[] = [];
  const usedPorts = new Set<string>();
  for (const e of fragment.edges) {
    const key = `${e.target}\u0000${e.targetPort}`;
    if (usedPorts.has(key)) continue; // a damaged fragment may double-book a port; keep the first
    usedPorts.add(key);
    const id = nextEdgeId(takenEdges);
    takenEdges.add(id);
    edges.push({ ...e, id, source: rename.get(e.source)!, target: rename.get(e.target)! });
  }
  const next = { nodes: [...model.nodes, ...nodes], edges: [...model.edges, ...edges] };
  return { model: compactPorts(next, new Set(nodes.map((n) => n.id))), ids: nodes.map((n) => n.id) };
}
