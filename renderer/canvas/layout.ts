// Auto-layout with elkjs (layered, top to bottom, ports in order), computed in elk's own Web Worker so a big graph
// never blocks the UI thread. The graph conversion is pure and unit-tested; the result keeps the graph's top-left
// corner where it was.
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { Model } from '../../shared/project.js';
import { incomingByTarget, visibleInputPorts, type XY } from '../store/graph.js';
import { getLayer } from '../../shared/layers/registry.js';

export interface Size {
  width: number;
  height: number;
}

export const DEFAULT_NODE_SIZE: Size = { width: 200, height: 76 };

const portId = (node: string, port: string) => `${node}\u0000${port}`;

export function toElkGraph(model: Model, sizes: ReadonlyMap<string, Size> = new Map()): ElkNode {
  const incoming = incomingByTarget(model);
  const ids = new Set(model.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      'elk.edgeRouting': 'SPLINES',
    },
    children: model.nodes.map((n) => {
      const size = sizes.get(n.id) ?? DEFAULT_NODE_SIZE;
      const inputs = visibleInputPorts(n, incoming.get(n.id) ?? []);
      const def = getLayer(n.kind);
      const hasOutput = def ? def.ports.output : true;
      const inputsOf = def?.ports.inputs === 'none' ? [] : inputs;
      return {
        id: n.id,
        width: size.width,
        height: size.height,
        // Keeps the current left-to-right order of nodes in a layer where the graph does not force one.
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER', 'elk.position': `(${n.position.x}, ${n.position.y})` },
        ports: [
          ...inputsOf.map((p, i) => ({
            id: portId(n.id, p), width: 1, height: 1,
            layoutOptions: { 'elk.port.side': 'NORTH', 'elk.port.index': String(i) },
          })),
          ...(hasOutput ? [{ id: portId(n.id, 'out'), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } }] : []),
        ],
      };
    }),
    edges: model.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [portId(e.source, e.sourcePort)], targets: [portId(e.target, e.targetPort)] })),
  };
}

/** Node positions from elk's result, shifted so the layout starts at the model's current top-left corner. */
export function positionsFromElk(model: Model, result: ElkNode): Map<string, XY> {
  const out = new Map<string, XY>();
  if (model.nodes.length === 0) return out;
  const originX = Math.min(...model.nodes.map((n) => n.position.x));
  const originY = Math.min(...model.nodes.map((n) => n.position.y));
  const children = result.children ?? [];
  const minX = Math.min(...children.map((c) => c.x ?? 0));
  const minY = Math.min(...children.map((c) => c.y ?? 0));
  for (const c of children) {
    out.set(c.id, { x: Math.round((c.x ?? 0) - minX + originX), y: Math.round((c.y ?? 0) - minY + originY) });
  }
  return out;
}

let elk: Promise<ELK> | null = null;

async function createElk(): Promise<ELK> {
  if (typeof Worker !== 'undefined') {
    try {
      const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([
        import('elkjs/lib/elk-api.js'),
        import('elkjs/lib/elk-worker.min.js?url'),
      ]);
      return new ElkApi({ workerFactory: () => new Worker(workerUrl, { name: 'elk-layout' }) });
    } catch {
      // fall through to the in-thread build
    }
  }
  const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
  return new ElkBundled();
}

/** Lays the model out; resolves with the new position of every node. */
export async function layoutModel(model: Model, sizes?: ReadonlyMap<string, Size>): Promise<Map<string, XY>> {
  if (model.nodes.length === 0) return new Map();
  elk ??= createElk();
  const engine = await elk;
  const result = await engine.layout(toElkGraph(model, sizes));
  return positionsFromElk(model, result);
}
