// The compiler: DAGs with merges, several inputs and outputs, seeded weights, errors mapped to nodes.
import { describe, expect, test } from 'vitest';
import { parseProject, type Project } from '../../shared/project.js';
import { compileModel, CompileError } from '../../electron/engine/compile.js';
import { chainProject } from '../helpers/graph.js';
import { cpuTf } from '../helpers/tf.js';

function project(nodes: unknown[], edges: unknown[]): Project {
  const r = parseProject({ format: 'layerloom-project', version: 1, models: { main: { nodes, edges } } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.project;
}

describe('compileModel', () => {
  test('identical seeds give identical weights, other seeds other weights (dense, conv, recurrent)', async () => {
    const tf = await cpuTf();
    const p = chainProject([[8, 8]], [{ kind: 'LSTM', params: { units: 6, returnSequences: true } }, { kind: 'GRU', params: { units: 4 } }, { kind: 'Dense', params: { units: 3 } }]);
    const weights = (seed: number) => {
      const c = compileModel(tf, p, 'main', { seed });
      const w = c.model.getWeights().map((t) => Array.from(t.dataSync()));
      c.model.dispose();
      return w;
    };
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  test('a DAG with a skip connection, two inputs and two outputs', async () => {
    const tf = await cpuTf();
    const p = project([
      { id: 'a', kind: 'Input', params: { shape: [4] } }, { id: 'b', kind: 'Input', params: { shape: [4] } },
      { id: 'd', kind: 'Dense', params: { units: 4 } }, { id: 'sum', kind: 'Add' }, { id: 'cat', kind: 'Concatenate' },
      { id: 'o1', kind: 'Output' }, { id: 'o2', kind: 'Output' },
    ], [
      { id: '1', source: 'a', target: 'd' }, { id: '2', source: 'd', target: 'sum', targetPort: 'in0' },
      { id: '3', source: 'b', target: 'sum', targetPort: 'in1' }, { id: '4', source: 'sum', target: 'o1' },
      { id: '5', source: 'sum', target: 'cat', targetPort: 'in0' }, { id: '6', source: 'a', target: 'cat', targetPort: 'in1' },
      { id: '7', source: 'cat', target: 'o2' },
    ]);
    const c = compileModel(tf, p, 'main');
    expect(c.inputNodes).toEqual(['a', 'b']);
    expect(c.outputNodes).toEqual(['o1', 'o2']);
    const [y1, y2] = c.model.predict([tf.ones([2, 4]), tf.zeros([2, 4])]) as import('@tensorflow/tfjs').Tensor[];
    expect(y1!.shape).toEqual([2, 4]);
    expect(y2!.shape).toEqual([2, 8]);
  });

  test('an invalid graph is a CompileError naming the node', async () => {
    const tf = await cpuTf();
    const p = chainProject([[8, 8, 3]], [{ kind: 'Dense', id: 'fc', params: { units: 2 } }]);
    expect(() => compileModel(tf, p, 'main')).toThrow(CompileError);
    try {
      compileModel(tf, p, 'main');
    } catch (e) {
      expect((e as CompileError).node).toBe('fc');
      expect((e as Error).message).toContain("Dense 'fc'");
    }
    expect(() => compileModel(tf, p, 'nope')).toThrow("the project has no model 'nope'");
  });
});
