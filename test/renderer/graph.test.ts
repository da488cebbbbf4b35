import { describe, expect, it } from 'vitest';
import { checkConnection, connect, freeInputPort } from '../../renderer/store/connections.js';
import { removeElements, uniqueId, visibleInputPorts } from '../../renderer/store/graph.js';
import type { Model } from '../../shared/project.js';
import { cnnModel, edge, node } from './helpers.js';

function mergeModel(): Model {
  return {
    nodes: [node('a', 'Input', { shape: [4] }), node('b', 'Dense', { units: 4 }), node('c', 'Dense', { units: 4 }), node('add', 'Add'), node('out', 'Output')],
    edges: [edge('e1', 'a', 'b'), edge('e2', 'a', 'c'), edge('e3', 'b', 'add', 'in0'), edge('e4', 'c', 'add', 'in1'), edge('e5', 'add', 'out')],
  };
}

describe('ids', () => {
  it('names like Keras: conv2d, conv2d_1, …', () => {
    expect(uniqueId('Conv2D', new Set())).toBe('conv2d');
    expect(uniqueId('Conv2D', new Set(['conv2d']))).toBe('conv2d_1');
    expect(uniqueId('conv2d_1', new Set(['conv2d', 'conv2d_1']))).toBe('conv2d_2');
  });
});

describe('connection rules', () => {
  const m = cnnModel();
  it('refuses self loops, cycles, occupied ports, ports the kind lacks', () => {
    expect(checkConnection(m, { source: 'conv', target: 'conv', targetHandle: 'in' })).toMatchObject({ ok: false, reason: /itself/ });
    expect(checkConnection(m, { source: 'dense', sourceHandle: 'out', target: 'conv', targetHandle: 'in' }).ok).toBe(false);
    expect(checkConnection(m, { source: 'input', sourceHandle: 'out', target: 'flat', targetHandle: 'in' })).toMatchObject({ ok: false, reason: /already connected/ });
    expect(checkConnection(m, { source: 'output', sourceHandle: 'out', target: 'flat', targetHandle: 'in' }).ok).toBe(false);
    expect(checkConnection(m, { source: 'conv', sourceHandle: 'out', target: 'input', targetHandle: 'in' }).ok).toBe(false);
    expect(checkConnection(m, { source: 'conv', sourceHandle: 'out', target: 'dense', targetHandle: 'in3' }).ok).toBe(false);
  });

  it('accepts a free port without a cycle and adds an edge with a fresh id', () => {
    const cut = removeElements(m, [], ['e3']);
    const r = connect(cut, { source: 'conv', sourceHandle: 'out', target: 'dense', targetHandle: 'in' });
    expect(r.edge).toMatchObject({ source: 'conv', target: 'dense', targetPort: 'in' });
    expect(new Set(r.model.edges.map((e) => e.id)).size).toBe(r.model.edges.length);
  });

  it('variadic merge nodes offer one free port beyond the connected ones', () => {
    const mm = mergeModel();
    const add = mm.nodes.find((n) => n.id === 'add')!;
    expect(visibleInputPorts(add, mm.edges.filter((e) => e.target === 'add'))).toEqual(['in0', 'in1', 'in2']);
    expect(visibleInputPorts(add, [])).toEqual(['in0', 'in1']);
    expect(freeInputPort(mm, 'add')).toBe('in2');
    expect(checkConnection(mm, { source: 'a', sourceHandle: 'out', target: 'add', targetHandle: 'in2' }).ok).toBe(true);
  });

  it('keeps an unknown kind’s ports so its edges stay visible', () => {
    const n = node('x', 'Mystery');
    expect(visibleInputPorts(n, [edge('e', 'a', 'x', 'in1')])).toEqual(['in1']);
  });
});

describe('removeElements', () => {
  it('removes nodes with their edges', () => {
    const r = removeElements(cnnModel(), ['flat']);
    expect(r.nodes.map((n) => n.id)).not.toContain('flat');
    expect(r.edges.map((e) => e.id)).toEqual(['e1', 'e4']);
  });

  it('renumbers a merge node’s inputs so no gap is left', () => {
    const r = removeElements(mergeModel(), ['b']);
    expect(r.edges.find((e) => e.id === 'e4')!.targetPort).toBe('in0');
  });

  it('returns the same model when nothing matches', () => {
    const m = cnnModel();
    expect(removeElements(m, ['nope'], ['nope'])).toBe(m);
  });
});

describe('downstreamOf', () => {
  it('finds everything a node feeds', async () => {
    const { downstreamOf } = await import('../../renderer/store/connections.js');
    expect([...downstreamOf(cnnModel(), 'conv')].sort()).toEqual(['dense', 'flat', 'output']);
    expect(downstreamOf(cnnModel(), 'output').size).toBe(0);
  });
});

describe('snakeCase', () => {
  it('turns kinds into Keras-like layer names', async () => {
    const { snakeCase } = await import('../../renderer/store/graph.js');
    expect(['MaxPooling2D', 'LeakyReLU', 'ReLU', 'Conv2DTranspose', 'GlobalAveragePooling2D', 'SimpleRNN', 'LSTM', 'Dense'].map(snakeCase))
      .toEqual(['max_pooling2d', 'leaky_relu', 'relu', 'conv2d_transpose', 'global_average_pooling2d', 'simple_rnn', 'lstm', 'dense']);
  });
});
