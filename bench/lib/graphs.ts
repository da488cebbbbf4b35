// Generated graphs for benchmarks and the tests that bound them.
import { parseProject, type Project } from '../../shared/project.js';

const NODES = 1000;

/** Residual MLP blocks (Dense → ReLU → Dropout → Add with the block input), chained, between an Input and an Output. */
export function generatedProject(nodes = NODES): Project {
  const list: Record<string, unknown>[] = [{ id: 'in', kind: 'Input', params: { shape: [32] } }];
  const edges: Record<string, unknown>[] = [];
  let prev = 'in';
  let i = 0;
  const edge = (source: string, target: string, targetPort = 'in') => edges.push({ id: `e${edges.length}`, source, target, targetPort });
  while (list.length + 4 <= nodes - 1) {
    const d = `dense${i}`, r = `relu${i}`, o = `drop${i}`, a = `add${i}`;
    list.push({ id: d, kind: 'Dense', params: { units: 32, activation: 'linear' } }, { id: r, kind: 'ReLU' },
      { id: o, kind: 'Dropout', params: { rate: 0.1 } }, { id: a, kind: 'Add' });
    edge(prev, d);
    edge(d, r);
    edge(r, o);
    edge(o, a, 'in0');
    edge(prev, a, 'in1');
    prev = a;
    i++;
  }
  while (list.length < nodes - 1) {
    const d = `tail${list.length}`;
    list.push({ id: d, kind: 'Dense', params: { units: 32 } });
    edge(prev, d);
    prev = d;
  }
  list.push({ id: 'out', kind: 'Output' });
  edge(prev, 'out');
  const parsed = parseProject({ format: 'layerloom-project', version: 1, name: 'bench', models: { main: { nodes: list, edges } } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.project;
}
