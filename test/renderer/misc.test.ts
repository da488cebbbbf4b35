import { describe, expect, it } from 'vitest';
import ELK from 'elkjs/lib/elk.bundled.js';
import { positionsFromElk, toElkGraph } from '../../renderer/canvas/layout.js';
import { FlowDeriver, problemsByNode } from '../../renderer/canvas/derive.js';
import { compactShape, shortCount } from '../../renderer/canvas/format.js';
import { sameStructure } from '../../renderer/diagnostics/validator.js';
import { parseField, valueToText } from '../../renderer/inspector/param-input.js';
import { getLayer } from '../../shared/layers/registry.js';
import { validate } from '../../shared/validate.js';
import { shortcutCommand } from '../../renderer/app/commands.js';
import { EMPTY_SELECTION } from '../../renderer/store/store.js';
import { cnnModel, projectWith } from './helpers.js';

describe('auto-layout', () => {
  it('lays a model out top to bottom with elk, keeping its top-left corner', async () => {
    const m = cnnModel();
    m.nodes = m.nodes.map((n, i) => ({ ...n, position: { x: 100 + (i % 2) * 300, y: 50 + i * 10 } }));
    const graph = toElkGraph(m);
    expect(graph.children).toHaveLength(5);
    expect(graph.edges).toHaveLength(4);
    const result = await new ELK().layout(graph);
    const pos = positionsFromElk(m, result);
    const ys = m.nodes.map((n) => pos.get(n.id)!.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(Math.min(...ys)).toBe(50);
    expect(Math.min(...m.nodes.map((n) => pos.get(n.id)!.x))).toBe(100);
  });
});

describe('param fields', () => {
  const spec = (kind: string, name: string) => getLayer(kind)!.params[name]!;
  it('parses and checks numbers with readable messages', () => {
    expect(parseField(spec('Dense', 'units'), '64')).toEqual({ ok: true, value: 64 });
    expect(parseField(spec('Dense', 'units'), '0')).toMatchObject({ ok: false, message: 'Must be at least 1' });
    expect(parseField(spec('Dense', 'units'), '1.5')).toMatchObject({ ok: false, message: 'Enter a whole number' });
    expect(parseField(spec('Dense', 'units'), '')).toMatchObject({ ok: false });
    expect(parseField(spec('Dense', 'units'), '', true)).toMatchObject({ ok: false, message: 'Enter a number' });
  });
  it('parses int-or-tuple and int lists', () => {
    const k = spec('Conv2D', 'kernelSize');
    expect(parseField(k, '3')).toEqual({ ok: true, value: 3 });
    expect(parseField(k, '3, 5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseField(k, '3x5')).toEqual({ ok: true, value: [3, 5] });
    expect(parseField(k, '3, 5, 7')).toMatchObject({ ok: false });
    expect(parseField(k, 'abc')).toMatchObject({ ok: false });
    const shape = spec('Input', 'shape');
    expect(parseField(shape, '28, 28, 1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseField(shape, '28')).toEqual({ ok: true, value: [28] });
    expect(parseField(shape, '0, 1')).toMatchObject({ ok: false });
    expect(valueToText(shape, [8, 8, 1])).toBe('8, 8, 1');
  });
  it('enum and bool', () => {
    expect(parseField(spec('Dense', 'activation'), 'relu')).toEqual({ ok: true, value: 'relu' });
    expect(parseField(spec('Dense', 'activation'), 'nope').ok).toBe(false);
    expect(parseField(spec('Dense', 'useBias'), 'false')).toEqual({ ok: true, value: false });
  });
});

describe('canvas derivation', () => {
  it('reuses node objects that did not change', () => {
    const p = projectWith(cnnModel());
    const r = validate(p);
    const deriver = new FlowDeriver();
    const problems = problemsByNode(r.diagnostics, 'main');
    const a = deriver.nodes(p.models.main!, EMPTY_SELECTION, r.models.main, problems, new Map());
    expect(a.find((n) => n.id === 'conv')!.data.shape).toBe('6×6×4');
    const moved = { ...p.models.main!, nodes: p.models.main!.nodes.map((n) => (n.id === 'dense' ? { ...n, position: { x: 5, y: 5 } } : n)) };
    const b = deriver.nodes(moved, EMPTY_SELECTION, validate(projectWith(moved)).models.main, problems, new Map());
    expect(b.filter((n, i) => n !== a[i]).map((n) => n.id)).toEqual(['dense']);
    const edges = deriver.edges(p.models.main!, EMPTY_SELECTION, r.models.main, problems);
    expect(edges[1]!.label).toBe('6×6×4');
  });

  it('formats shapes and counts', () => {
    expect(compactShape([null, 8, 8, 16])).toBe('8×8×16');
    expect(compactShape([null, null, 4])).toBe('?×4');
    expect(shortCount(999)).toBe('999');
    expect(shortCount(1000)).toBe('1k');
    expect(shortCount(38282)).toBe('38.3k');
    expect(shortCount(100000)).toBe('100k');
    expect(shortCount(2_500_000)).toBe('2.5M');
  });
});

describe('validation scheduling', () => {
  it('treats position-only changes as the same structure', () => {
    const p = projectWith(cnnModel());
    const moved = { ...p, models: { main: { ...p.models.main!, nodes: p.models.main!.nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) } } };
    expect(sameStructure(p, moved)).toBe(true);
    const changed = { ...p, models: { main: { ...p.models.main!, nodes: p.models.main!.nodes.map((n) => ({ ...n, params: { ...n.params } })) } } };
    expect(sameStructure(p, changed)).toBe(false);
  });
});

describe('shortcuts', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
  it('maps keys to the menu commands', () => {
    expect(shortcutCommand(key('z', { ctrlKey: true }), false, false)).toBe('edit.undo');
    expect(shortcutCommand(key('Z', { ctrlKey: true, shiftKey: true }), false, false)).toBe('edit.redo');
    expect(shortcutCommand(key('y', { ctrlKey: true }), false, false)).toBe('edit.redo');
    expect(shortcutCommand(key('d', { metaKey: true }), false, false)).toBe('edit.duplicate');
    expect(shortcutCommand(key('a', { ctrlKey: true }), false, false)).toBe('edit.selectAll');
    expect(shortcutCommand(key('s', { ctrlKey: true }), true, false)).toBe('file.save');
    expect(shortcutCommand(key('Delete'), false, false)).toBe('edit.delete');
    expect(shortcutCommand(key('Backspace'), true, false)).toBeNull();
    expect(shortcutCommand(key('a', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutCommand(key('z', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutCommand(key('z', { ctrlKey: true }), true, true)).toBe('edit.undo');
  });
});
