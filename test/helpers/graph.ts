// Builders of small projects for tests.
import { parseProject, type Project } from '../../shared/project.js';

export interface ChainLayer {
  kind: string;
  params?: Record<string, unknown>;
  id?: string;
  label?: string;
}

/** A project with one model: Input(s) → layer → Output, or a chain of layers from one Input. */
export function chainProject(inputShapes: number[][], layers: ChainLayer[], extra: Partial<Project> = {}, inputDtype = 'float32'): Project {
  const nodes: Record<string, unknown>[] = inputShapes.map((shape, i) => ({ id: `in${i}`, kind: 'Input', params: { shape, dtype: inputDtype } }));
  const edges: Record<string, unknown>[] = [];
  let prev: string[] = inputShapes.map((_, i) => `in${i}`);
  layers.forEach((layer, li) => {
    const id = layer.id ?? `l${li}`;
    nodes.push({ id, kind: layer.kind, params: layer.params ?? {}, ...(layer.label ? { label: layer.label } : {}) });
    prev.forEach((src, pi) => edges.push({ id: `e_${src}_${id}`, source: src, target: id, targetPort: prev.length > 1 ? `in${pi}` : 'in' }));
    prev = [id];
  });
  nodes.push({ id: 'out', kind: 'Output' });
  edges.push({ id: 'e_out', source: prev[0], target: 'out' });
  const parsed = parseProject({ format: 'layerloom-project', version: 1, name: 'test', models: { main: { nodes, edges } }, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}
