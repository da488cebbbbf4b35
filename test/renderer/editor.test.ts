import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/app/editor.js';
import { runCommand } from '../../renderer/app/commands.js';
import { readProject } from '../../renderer/files/read-project.js';
import { serializeProject } from '../../shared/project.js';
import { createFakeHost } from './fake-host.js';
import { cnnModel, projectWith } from './helpers.js';

const editors: Editor[] = [];
function make(kind: 'web' | 'electron' = 'web') {
  const host = createFakeHost(kind);
  const editor = new Editor(host, { worker: false, debounceMs: 0 });
  editor.info.set({ version: '0', host: kind, platform: 'linux', backends: [], cwd: '/work' });
  editors.push(editor);
  return { host, editor };
}
afterEach(() => {
  for (const e of editors.splice(0)) e.dispose();
});

const model = (e: Editor) => e.store.getState().project!.models[e.store.getState().activeModel]!;

describe('Editor commands', () => {
  it('adds a layer below the selected one and wires it, so clicks build a chain', async () => {
    const { editor } = make();
    await editor.files.newEmpty();
    const input = editor.addLayer('Input')!;
    const conv = editor.addLayer('Conv2D')!;
    const flat = editor.addLayer('Flatten')!;
    expect(model(editor).edges.map((e) => [e.source, e.target])).toEqual([[input, conv], [conv, flat]]);
    expect(editor.store.getState().selection.nodes).toEqual([flat]);
    const y = (id: string) => model(editor).nodes.find((n) => n.id === id)!.position.y;
    expect(y(conv)).toBeGreaterThan(y(input));
    editor.undo();
    expect(model(editor).nodes).toHaveLength(2);
  });

  it('adds a layer where a wire was dropped, connected to the wire, in one step', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null);
    const after = editor.addConnected('Dense', { x: 500, y: 500 }, { node: 'dense', side: 'output' })!;
    expect(model(editor).edges.at(-1)).toMatchObject({ source: 'dense', target: after, targetPort: 'in' });
    const before = editor.addConnected('Input', { x: 0, y: 0 }, { node: 'add_me', side: 'input', port: 'in' });
    expect(before).toBeTruthy();
    editor.undo();
    editor.undo();
    expect(model(editor).nodes).toHaveLength(5);
  });

  it('copy, paste and duplicate as one undo step each; garbage and unknown kinds change nothing', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null);
    editor.store.setSelection({ nodes: ['conv', 'flat'], edges: [] });
    const text = editor.copyText()!;
    expect(editor.pasteText(text)).toBe(true);
    expect(model(editor).nodes).toHaveLength(7);
    expect(editor.store.getState().selection.nodes).toHaveLength(2);
    editor.duplicate();
    expect(model(editor).nodes).toHaveLength(9);
    const before = editor.store.getState().project;
    expect(editor.pasteText('not json at all')).toBe(false);
    expect(editor.pasteText(JSON.stringify({ format: 'layerloom-fragment', version: 1, nodes: [{ id: 'z', kind: 'Nope', params: {} }], edges: [] }))).toBe(false);
    expect(editor.store.getState().project).toBe(before);
    expect(editor.notices.getSnapshot().at(-1)).toMatchObject({ kind: 'error', text: expect.stringContaining("'Nope'") });
    editor.undo();
    editor.undo();
    expect(model(editor).nodes).toHaveLength(5);
  });

  it('cut removes the layers and keeps them for paste', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null);
    editor.store.setSelection({ nodes: ['flat'], edges: [] });
    const text = editor.cutText();
    expect(text).toBeTruthy();
    expect(model(editor).nodes.map((n) => n.id)).not.toContain('flat');
    editor.pasteText(undefined);
    expect(model(editor).nodes).toHaveLength(5);
  });

  it('select all, delete, and menu command names (the Electron menu spelling too)', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null);
    await runCommand(editor, 'edit.select-all');
    expect(editor.store.getState().selection.nodes).toHaveLength(5);
    await runCommand(editor, 'edit.delete');
    expect(model(editor).nodes).toHaveLength(0);
    await runCommand(editor, 'edit.undo');
    expect(model(editor).nodes).toHaveLength(5);
    await runCommand(editor, 'edit.redo');
    expect(model(editor).nodes).toHaveLength(0);
    await runCommand(editor, 'something.unknown');
  });

  it('validates after each structural edit and skips position-only changes', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null);
    await new Promise((r) => setTimeout(r, 10));
    const first = editor.validator.getSnapshot()!;
    expect(first.result.valid).toBe(true);
    expect(first.result.models.main!.shapes.flat).toEqual([null, 144]);
    editor.store.commitModel((m) => ({ ...m, nodes: m.nodes.map((n) => (n.id === 'conv' ? { ...n, position: { x: 99, y: 99 } } : n)) }));
    await new Promise((r) => setTimeout(r, 10));
    expect(editor.validator.getSnapshot()).toBe(first);
    editor.store.setSelection({ nodes: ['flat'], edges: [] });
    editor.deleteSelection();
    await new Promise((r) => setTimeout(r, 10));
    const codes = editor.validator.getSnapshot()!.result.diagnostics.map((d) => d.code);
    expect(codes).toContain('MISSING_INPUT');
  });
});

describe('files', () => {
  it('saves (asking for a path in the browser), reopens the same graph, tracks dirty state', async () => {
    const { editor, host } = make('web');
    editor.store.load(projectWith(cnnModel()), null, false);
    expect(editor.store.getState().dirty).toBe(true);
    const saving = editor.files.save();
    const dialog = editor.dialog.get();
    expect(dialog).toMatchObject({ type: 'file', mode: 'save' });
    if (dialog?.type === 'file') dialog.resolve('/work/net');
    expect(await saving).toBe(true);
    expect(host.files.has('/work/net.layerloom.json')).toBe(true);
    expect(editor.store.getState()).toMatchObject({ dirty: false, path: '/work/net.layerloom.json' });
    const saved = editor.store.getState().project;

    await editor.files.close();
    expect(editor.store.getState().project).toBeNull();
    await editor.files.open('/work/net.layerloom.json');
    expect(editor.store.getState().project).toEqual(saved);
    expect(editor.store.getState().dirty).toBe(false);
  });

  it('uses the native dialog in Electron (no path from the renderer)', async () => {
    const { editor, host } = make('electron');
    editor.store.load(projectWith(cnnModel()), null, false);
    host.dialogPath = '/native/picked.layerloom.json';
    expect(await editor.files.saveAs()).toBe(true);
    expect(host.calls.find((c) => c.channel === 'project:save')!.request).not.toHaveProperty('path');
    expect(editor.store.getState().path).toBe('/native/picked.layerloom.json');
  });

  it('asks before discarding unsaved changes', async () => {
    const { editor } = make();
    editor.store.load(projectWith(cnnModel()), null, false);
    const closing = editor.files.close();
    const d = editor.dialog.get();
    expect(d?.type).toBe('confirm');
    if (d?.type === 'confirm') d.resolve(false);
    await closing;
    expect(editor.store.getState().project).not.toBeNull();
  });

  it('autosaves unsaved work for recovery and clears it after a save', async () => {
    const { editor, host } = make();
    editor.store.load(projectWith(cnnModel()), '/work/a.layerloom.json');
    await editor.files.autosaveNow();
    expect(host.recovery.project).toBeUndefined();
    editor.addLayer('Dense');
    await editor.files.autosaveNow();
    expect(host.recovery.project).toBeTruthy();
    const rec = await editor.files.recovery();
    expect(rec?.project.models.main!.nodes).toHaveLength(6);
    await editor.files.save();
    expect(host.recovery.project).toBeUndefined();
  });

  it('refuses a file that is not a project and keeps the open document', async () => {
    const { editor, host } = make();
    editor.store.load(projectWith(cnnModel()), null);
    host.files.set('/bad.json', '{"hello": 1}');
    const before = editor.store.getState().project;
    await editor.files.open('/bad.json');
    expect(editor.store.getState().project).toBe(before);
    expect(editor.notices.getSnapshot().at(-1)?.kind).toBe('error');
  });

  it('opens a project with a broken node without it (saying so), and keeps unknown kinds', () => {
    const raw = JSON.parse(serializeProject(projectWith(cnnModel()))) as { models: { main: { nodes: unknown[] } } };
    raw.models.main.nodes.push({ id: '', kind: 'Dense' });
    raw.models.main.nodes.push({ id: 'weird', kind: 'NotAKind', params: { a: 1 } });
    const r = readProject(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    expect(r.project.models.main!.nodes.map((n) => n.id)).toEqual(['input', 'conv', 'flat', 'dense', 'output', 'weird']);
    expect(readProject({ format: 'layerloom-project', version: 99, models: {} })).toMatchObject({ ok: false, message: expect.stringContaining('newer') });
  });

  it('follows projects the host opens and menu commands it sends', async () => {
    const { editor, host } = make();
    await editor.files.opened({ path: '/x/y.layerloom.json', project: JSON.parse(serializeProject(projectWith(cnnModel()))) });
    expect(editor.store.getState().path).toBe('/x/y.layerloom.json');
    editor.store.setSelection({ nodes: ['dense'], edges: [] });
    await runCommand(editor, 'edit.delete');
    await runCommand(editor, 'file.save');
    expect(host.files.get('/x/y.layerloom.json')).toContain('"input"');
    expect(editor.store.getState().dirty).toBe(false);
  });
});
