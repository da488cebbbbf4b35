// Validation speed on a generated 1,000-node graph: the editor runs it on every edit (target: well under 20 ms).
//
//   npx tsx bench/validate.bench.ts [--json]
//
// Reports the median of 30 runs for a cold validation (fresh params objects, nothing memoised: opening a file) and for
// an edit (one node's params replaced, the rest unchanged: typing in the inspector), against a reference measured in
// the same run: a plain JSON.parse + JSON.stringify round trip of the same project, the least any editor does per edit.
import type { Project } from '../shared/project.js';
import { validate } from '../shared/validate.js';
import { generatedProject } from './lib/graphs.js';
import { emit } from './lib/rows.js';

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
