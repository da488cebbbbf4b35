import { describe, expect, it } from 'vitest';
import { insertFragment, makeFragment, parseFragment, serializeFragment } from '../../renderer/store/fragment.js';
import { serializeProject } from '../../shared/project.js';
import { cnnModel, projectWith } from './helpers.js';

describe('fragments (clipboard)', () => {
  it('round-trips the selected layers and the edges between them', () => {
    const m = cnnModel();
    const text = serializeFragment(makeFragment(m, ['conv', 'flat']));
    const parsed = parseFragment(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fragment.nodes.map((n) => n.id)).toEqual(['conv', 'flat']);
    expect(parsed.fragment.edges.map((e) => e.id)).toEqual(['e2']);
    const r = insertFragment(m, parsed.fragment, { offset: { x: 40, y: 40 } });
    expect(r.ids).toEqual(['conv_1', 'flat_1']);
    expect(r.model.nodes).toHaveLength(7);
    const pasted = r.model.nodes.find((n) => n.id === 'conv_1')!;
    expect(pasted.position).toEqual({ x: 40, y: 140 });
    expect(r.model.edges.at(-1)).toMatchObject({ source: 'conv_1', target: 'flat_1' });
  });

  it('refuses garbage with a message', () => {
    for (const text of ['', 'hello', '{"a":1}', '[1,2]', 'null', '{"format":"layerloom-fragment","version":1,"nodes":[{"kind":3}]}']) {
      const r = parseFragment(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^Nothing pasted/);
    }
  });

  it('refuses fragments with unknown kinds, naming them', () => {
    const text = JSON.stringify({
      format: 'layerloom-fragment', version: 1,
      nodes: [{ id: 'a', kind: 'Dense', params: {} }, { id: 'b', kind: 'Frobnicate', params: {} }], edges: [],
    });
    const r = parseFragment(text);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("'Frobnicate'") });
  });

  it('accepts a whole project file', () => {
    const r = parseFragment(serializeProject(projectWith(cnnModel())));
    expect(r.ok && r.fragment.nodes.length).toBe(5);
  });

  it('places a paste at a point and drops edges leaving the fragment', () => {
    const text = JSON.stringify({
      format: 'layerloom-fragment', version: 1,
      nodes: [{ id: 'x', kind: 'Dense', params: {}, position: { x: 500, y: 500 } }],
      edges: [{ id: 'q', source: 'x', sourcePort: 'out', target: 'ghost', targetPort: 'in' }],
    });
    const r = parseFragment(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fragment.edges).toEqual([]);
    const ins = insertFragment(cnnModel(), r.fragment, { at: { x: 10, y: 20 } });
    expect(ins.model.nodes.at(-1)!.position).toEqual({ x: 10, y: 20 });
  });
});
