import { describe, expect, it } from 'vitest';
import { addNode, moveNodes, setParam } from '../../renderer/store/graph.js';
import { EditorStore } from '../../renderer/store/store.js';
import { cnnModel, node, projectWith } from './helpers.js';

function loaded() {
  const store = new EditorStore();
  store.load(projectWith(cnnModel()), '/p/a.layerloom.json');
  return store;
}

describe('EditorStore', () => {
  it('starts clean, gets dirty on an edit, clean again when undone to the saved state', () => {
    const store = loaded();
    expect(store.getState().dirty).toBe(false);
    store.commitModel((m) => addNode(m, node('d2', 'Dense')));
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().canUndo).toBe(true);
    store.undo();
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().project!.models.main!.nodes).toHaveLength(5);
    store.redo();
    expect(store.getState().project!.models.main!.nodes).toHaveLength(6);
  });

  it('makes one undo step of a coalesced run (a drag, typing in one field)', () => {
    const store = loaded();
    for (let x = 1; x <= 20; x++) store.commitModel((m) => moveNodes(m, new Map([['conv', { x, y: 100 }]])), { coalesce: 'drag:1' });
    for (const units of [1, 12, 128]) store.commitModel((m) => setParam(m, 'dense', 'units', units), { coalesce: 'param:main:dense:units' });
    const pos = () => store.getState().project!.models.main!.nodes.find((n) => n.id === 'conv')!.position.x;
    const units = () => store.getState().project!.models.main!.nodes.find((n) => n.id === 'dense')!.params.units;
    expect(pos()).toBe(20);
    expect(units()).toBe(128);
    store.undo();
    expect(units()).toBe(10);
    expect(pos()).toBe(20);
    store.undo();
    expect(pos()).toBe(0);
    expect(store.getState().canUndo).toBe(false);
  });

  it('starts a new step when the same key comes back after something else', () => {
    const store = loaded();
    store.commitModel((m) => setParam(m, 'dense', 'units', 5), { coalesce: 'u' });
    store.setSelection({ nodes: ['conv'], edges: [] });
    store.commitModel((m) => setParam(m, 'dense', 'units', 6), { coalesce: 'u' });
    store.undo();
    expect(store.getState().project!.models.main!.nodes.find((n) => n.id === 'dense')!.params.units).toBe(5);
  });

  it('a no-op commit leaves history alone; a new edit clears redo', () => {
    const store = loaded();
    expect(store.commitModel((m) => m)).toBe(false);
    expect(store.getState().canUndo).toBe(false);
    store.commitModel((m) => setParam(m, 'dense', 'units', 5));
    store.undo();
    expect(store.getState().canRedo).toBe(true);
    store.commitModel((m) => setParam(m, 'dense', 'units', 7));
    expect(store.getState().canRedo).toBe(false);
  });

  it('drops selected ids that no longer exist and restores selection on undo', () => {
    const store = loaded();
    store.setSelection({ nodes: ['conv', 'flat'], edges: ['e2'] });
    store.commitModel((m) => ({ nodes: m.nodes.filter((n) => n.id !== 'flat'), edges: m.edges.filter((e) => e.id !== 'e2' && e.id !== 'e3') }));
    expect(store.getState().selection).toEqual({ nodes: ['conv'], edges: [] });
    store.undo();
    expect(store.getState().selection).toEqual({ nodes: ['conv', 'flat'], edges: ['e2'] });
  });

  it('records saves and switches models', () => {
    const store = new EditorStore();
    const p = projectWith(cnnModel());
    store.load({ ...p, models: { generator: cnnModel(), discriminator: cnnModel() } }, null, false);
    expect(store.getState().dirty).toBe(true);
    expect(store.getState().activeModel).toBe('generator');
    store.setActiveModel('discriminator');
    store.commitModel((m) => setParam(m, 'dense', 'units', 3));
    expect(store.getState().project!.models.discriminator!.nodes[3]!.params.units).toBe(3);
    expect(store.getState().project!.models.generator!.nodes[3]!.params.units).toBe(10);
    store.setActiveModel('generator');
    store.undo();
    expect(store.getState().activeModel).toBe('discriminator');
    store.markSaved(store.getState().project!, '/x.layerloom.json');
    expect(store.getState().dirty).toBe(false);
    expect(store.getState().path).toBe('/x.layerloom.json');
  });
});

describe('EditorStore model lock (a training run)', () => {
  it('refuses model changes and undo into them, allows moves and other settings, says why', () => {
    const store = loaded();
    store.commitModel((m) => addNode(m, node('d2', 'Dense')));
    const refused: string[] = [];
    store.onRefused = (r) => refused.push(r);
    store.setModelLock('Training is running');
    expect(store.commitModel((m) => setParam(m, 'dense', 'units', 3))).toBe(false);
    expect(store.undo()).toBe(false);
    expect(store.getState().project!.models.main!.nodes).toHaveLength(6);
    expect(store.commitModel((m) => moveNodes(m, new Map([['conv', { x: 5, y: 5 }]])), { positionsOnly: true })).toBe(true);
    expect(store.commit((p) => ({ ...p, training: { ...p.training, epochs: 3 } }))).toBe(true);
    expect(store.undo()).toBe(true); // the epochs change: no model change
    expect(refused).toEqual(['Training is running', 'Training is running']);
    store.setModelLock(null);
    expect(store.commitModel((m) => setParam(m, 'dense', 'units', 3))).toBe(true);
  });
});
