// Validation speed on a generated 1,000-node graph: the editor runs it on every edit (target: well under 20 ms).
//
//   npx tsx bench/validate.bench.ts [--json]
//
// Reports the median of 30 runs for a cold validation (fresh params objects, nothing memoised: opening a file) and for
// an edit (one node's params replaced, the rest unchanged: typing in the inspector), against a reference measured in
// the same run: a plain JSON.parse + JSON.stringify round trip of the same project, the least any editor does per edit.
import { parseProject, type Project } from '../shared/project.js';
import { validate } from '../shared/validate.js';
import { emit } from './lib/rows.js';

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

function median(f: () => void, runs = 30): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const project = generatedProject();
const text = JSON.stringify(project);
const check = validate(project);
if (!check.valid) throw new Error(`generated graph is invalid: ${check.diagnostics[0]!.message}`);

for (let k = 0; k < 5; k++) validate(structuredClone(project)); // warm up the JIT
const cold = median(() => validate(JSON.parse(text) as Project));
let n = 0;
const edit = median(() => {
  const node = project.models.main!.nodes[1]!;
  node.params = { ...node.params, units: 32 + (n++ % 2) };
  validate(project);
});
const reference = median(() => JSON.parse(JSON.stringify(project)));

emit({ bench: 'validate-1000-nodes', backend: 'cold (open a file)', ms: round(cold), vs_json_roundtrip: round(cold / reference) });
emit({ bench: 'validate-1000-nodes', backend: 'edit (one node changed)', ms: round(edit), vs_json_roundtrip: round(edit / reference) });
emit({ bench: 'validate-1000-nodes', backend: 'reference: JSON round trip', ms: round(reference) });

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
