import { emptyProject, type GraphEdge, type GraphNode, type Model, type Project } from '../../shared/project.js';
import { getLayer } from '../../shared/layers/registry.js';

export function node(id: string, kind: string, params: Record<string, unknown> = {}, x = 0, y = 0): GraphNode {
  return { id, kind, params: { ...(getLayer(kind)?.defaults ?? {}), ...params }, position: { x, y } };
}

export function edge(id: string, source: string, target: string, targetPort = 'in'): GraphEdge {
  return { id, source, sourcePort: 'out', target, targetPort };
}

/** Input [8,8,1] → Conv2D → Flatten → Dense(10) → Output. */
export function cnnModel(): Model {
  return {
    nodes: [
      node('input', 'Input', { shape: [8, 8, 1] }, 0, 0),
      node('conv', 'Conv2D', { filters: 4 }, 0, 100),
      node('flat', 'Flatten', {}, 0, 200),
      node('dense', 'Dense', { units: 10 }, 0, 300),
      node('output', 'Output', {}, 0, 400),
    ],
    edges: [edge('e1', 'input', 'conv'), edge('e2', 'conv', 'flat'), edge('e3', 'flat', 'dense'), edge('e4', 'dense', 'output')],
  };
}

export function projectWith(model: Model, name = 'main'): Project {
  const p = emptyProject('Test');
  return { ...p, models: { [name]: model } };
}
