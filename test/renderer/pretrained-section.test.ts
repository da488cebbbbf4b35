// The logic of the inspector's "Base model" section (renderer/inspector/pretrained.ts): the describe request, the one
// undoable change it records, how the cut choices and the summary read, and where chosen paths are stored.
import { describe, expect, it } from 'vitest';
import type { Request, Response } from '../../shared/ipc/contract.js';
import { validate } from '../../shared/validate.js';
import {
  applyPatch, choiceOf, clearedPatch, cutOptions, describeBase, pickerStart, SECTION_PARAMS, storedPath, summaryMatches,
  summaryPatch, summaryText, type BaseDescription,
} from '../../renderer/inspector/pretrained.js';
import { EditorStore } from '../../renderer/store/store.js';
import { createFakeHost } from './fake-host.js';
import { edge, node, projectWith } from './helpers.js';

/** What the host answers for the digits-0-4 base shipped with the app (templates/pretrained/digits-0-4). */
const LAYERS: BaseDescription['layers'] = [
  { name: 'edges', className: 'Conv2D', outputShape: [8, 8, 32] },
  { name: 'pool', className: 'MaxPooling2D', outputShape: [4, 4, 32] },
  { name: 'strokes', className: 'Conv2D', outputShape: [4, 4, 64] },
  { name: 'flatten', className: 'Flatten', outputShape: [1024] },
  { name: 'dropout', className: 'Dropout', outputShape: [1024] },
  { name: 'combine', className: 'Dense', outputShape: [64] },
  { name: 'scores', className: 'Dense', outputShape: [5] },
];
const WHOLE: BaseDescription = { inputShape: [8, 8, 1], outputShape: [5], paramCount: 84741, layers: LAYERS };
const AT_FLATTEN: BaseDescription = { inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816, layers: LAYERS };

/** The fake host, answering `pretrained:describe` like the real one for a few paths. */
function hostWithBases() {
  const host = createFakeHost();
  const invoke = host.invoke.bind(host);
  const requests: Request<'pretrained:describe'>[] = [];
  host.invoke = (async (channel: string, request: unknown) => {
    if (channel !== 'pretrained:describe') return invoke(channel as never, request as never);
    const r = request as Request<'pretrained:describe'>;
    requests.push(r);
    if (r.path === 'missing/model.json') throw new Error('/p/missing/model.json: no such file or folder');
    if (r.path === 'notes.json') throw new Error('/p/notes.json is not a tfjs Layers model (no modelTopology)');
    if (!r.cutAt) return WHOLE;
    if (r.cutAt === 'flatten') return AT_FLATTEN;
    if (r.cutAt === 'strokes') throw new Error("layer 'strokes' is used 2 times in the base model: choose another cut point");
    throw new Error(`the base model has no layer '${r.cutAt}' to cut at`);
  }) as typeof host.invoke;
  return { host, requests };
}

function transferModel(params: Record<string, unknown> = {}) {
  return {
    nodes: [
      node('input', 'Input', { shape: [8, 8, 1] }),
      node('base', 'PretrainedModel', params, 0, 100),
      node('output', 'Output', {}, 0, 200),
    ],
    edges: [edge('e1', 'input', 'base'), edge('e2', 'base', 'output')],
  };
}

describe('describeBase', () => {
  it('asks the host with the project path, leaving out what is empty', async () => {
    const { host, requests } = hostWithBases();
    const r = await describeBase(host, { path: 'layerloom:pretrained/digits-0-4', model: '', cutAt: 'flatten' }, '/p/t.layerloom.json');
    expect(r).toEqual({ ok: true, choice: { path: 'layerloom:pretrained/digits-0-4', model: '', cutAt: 'flatten' }, description: AT_FLATTEN });
    expect(requests).toEqual([{ path: 'layerloom:pretrained/digits-0-4', projectPath: '/p/t.layerloom.json', cutAt: 'flatten' }]);
    await describeBase(host, { path: 'runs/a', model: 'main', cutAt: '' }, null);
    expect(requests[1]).toEqual({ path: 'runs/a', model: 'main' });
  });

  it('names the path in errors (a missing file, a file that is not a tfjs model)', async () => {
    const { host } = hostWithBases();
    expect(await describeBase(host, { path: 'missing/model.json', model: '', cutAt: '' }, null)).toEqual({
      ok: false, message: "Cannot read the base model 'missing/model.json': /p/missing/model.json: no such file or folder",
    });
    const r = await describeBase(host, { path: 'notes.json', model: '', cutAt: 'flatten' }, null);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^Cannot read the base model 'notes\.json': .*not a tfjs Layers model/);
  });

  it("goes back to the model's output when the new base has no layer of the old cut, and says so", async () => {
    const { host, requests } = hostWithBases();
    const r = await describeBase(host, { path: 'other', model: '', cutAt: 'gap' }, null);
    expect(r).toMatchObject({ ok: true, choice: { path: 'other', cutAt: '' }, description: WHOLE, note: expect.stringContaining("no layer 'gap'") });
    expect(requests.map((q) => q.cutAt)).toEqual(['gap', undefined]);
  });

  it('keeps the error when the layer exists but cannot be cut at', async () => {
    const { host } = hostWithBases();
    const r = await describeBase(host, { path: 'base', model: '', cutAt: 'strokes' }, null);
    expect(r).toEqual({ ok: false, message: expect.stringContaining("layer 'strokes' is used 2 times") });
  });
});

describe('the recorded change', () => {
  it('sets path and summary in one undo step, and validation then infers the cut shape', () => {
    const store = new EditorStore();
    store.load(projectWith(transferModel()), null);
    const before = validate(store.getState().project!);
    expect(before.diagnostics.map((d) => d.message).join('\n')).toMatch(/has no base model/);

    const choice = { path: 'layerloom:pretrained/digits-0-4', model: '', cutAt: 'flatten' };
    expect(store.commitModel((m) => applyPatch(m, 'base', summaryPatch(choice, AT_FLATTEN)))).toBe(true);
    const base = () => store.getState().project!.models.main!.nodes.find((n) => n.id === 'base')!;
    expect(base().params).toMatchObject({ ...choice, inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816, trainable: false });
    expect(summaryMatches(base().params, AT_FLATTEN)).toBe(true);
    expect(summaryMatches(base().params, WHOLE)).toBe(false);

    const result = validate(store.getState().project!);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.models.main!.shapes.base).toEqual([null, 1024]);
    expect(result.models.main!.nodeParams.base).toEqual({ trainable: 0, nonTrainable: 18816 });

    store.undo();
    expect(base().params).toMatchObject({ path: '', cutAt: '', inputShape: [], outputShape: [], paramCount: 0 });
    expect(store.getState().canUndo).toBe(false);
  });

  it('changes nothing when the file reads as recorded', () => {
    const model = transferModel({ path: 'b', cutAt: 'flatten', inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816 });
    expect(applyPatch(model, 'base', summaryPatch(choiceOf(model.nodes[1]!.params), AT_FLATTEN))).toBe(model);
  });

  it('clears the summary with the path', () => {
    const model = transferModel({ path: 'b', cutAt: 'flatten', inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816 });
    const next = applyPatch(model, 'base', clearedPatch({ path: '', model: '', cutAt: 'flatten' }));
    expect(next.nodes[1]!.params).toMatchObject({ path: '', cutAt: 'flatten', inputShape: [], outputShape: [], paramCount: 0 });
  });

  it('covers exactly the params the generic form leaves out', () => {
    expect([...SECTION_PARAMS].sort()).toEqual(['cutAt', 'inputShape', 'model', 'outputShape', 'paramCount', 'path']);
    expect(Object.keys(summaryPatch(choiceOf({}), WHOLE)).sort()).toEqual([...SECTION_PARAMS].sort());
  });
});

describe('how it reads', () => {
  it('lists the cut points with their class and shape, the model output first', () => {
    expect(cutOptions(LAYERS, 'flatten')).toEqual([
      { value: '', label: "(the model's output)" },
      { value: 'edges', label: 'edges — Conv2D → [null, 8, 8, 32]' },
      { value: 'pool', label: 'pool — MaxPooling2D → [null, 4, 4, 32]' },
      { value: 'strokes', label: 'strokes — Conv2D → [null, 4, 4, 64]' },
      { value: 'flatten', label: 'flatten — Flatten → [null, 1024]' },
      { value: 'dropout', label: 'dropout — Dropout → [null, 1024]' },
      { value: 'combine', label: 'combine — Dense → [null, 64]' },
      { value: 'scores', label: 'scores — Dense → [null, 5]' },
    ]);
    expect(cutOptions([{ name: 'lstm', className: 'LSTM', outputShape: [null, 32] }], '')[1]!.label).toBe('lstm — LSTM → [null, null, 32]');
  });

  it('keeps a stored cut the list does not have', () => {
    expect(cutOptions(null, 'flatten')).toEqual([{ value: '', label: "(the model's output)" }, { value: 'flatten', label: 'flatten' }]);
    expect(cutOptions(LAYERS, 'gap').at(-1)).toEqual({ value: 'gap', label: 'gap (not in this model)' });
  });

  it('sums the base up: shapes, parameters, frozen or trainable', () => {
    const params = { inputShape: [8, 8, 1], outputShape: [1024], paramCount: 18816, trainable: false };
    expect(summaryText(params)).toBe('8×8×1 → 1024, 18,816 parameters, frozen');
    expect(summaryText({ ...params, trainable: true })).toBe('8×8×1 → 1024, 18,816 parameters, trainable');
    expect(summaryText({ inputShape: [-1, 16], outputShape: [1], paramCount: 1 })).toBe('?×16 → 1, 1 parameter, frozen');
    expect(summaryText({ inputShape: [], outputShape: [], paramCount: 0 })).toBeNull();
    expect(summaryText({ inputShape: 'x', outputShape: [1] })).toBeNull();
  });
});

describe('stored paths', () => {
  it('are relative to the project file, absolute while it is unsaved; app files keep their name', () => {
    expect(storedPath('/home/u/proj/bases/cnn/model.json', '/home/u/proj/t.layerloom.json')).toBe('bases/cnn/model.json');
    expect(storedPath('/home/u/runs/cnn', '/home/u/proj/t.layerloom.json')).toBe('../runs/cnn');
    expect(storedPath('/home/u/proj/bases/cnn', null)).toBe('/home/u/proj/bases/cnn');
    expect(storedPath('layerloom:pretrained/digits-0-4', '/home/u/proj/t.layerloom.json')).toBe('layerloom:pretrained/digits-0-4');
    expect(storedPath('C:\\u\\proj\\base\\model.json', 'C:\\u\\proj\\t.layerloom.json')).toBe('base\\model.json');
  });

  it('the picker starts beside an absolute choice, else in the project folder', () => {
    expect(pickerStart('/data/bases/model.json', '/p/t.layerloom.json')).toBe('/data/bases');
    expect(pickerStart('bases/model.json', '/p/t.layerloom.json')).toBe('/p');
    expect(pickerStart('layerloom:pretrained/digits-0-4', null)).toBeUndefined();
  });
});

// The fake host's other channels still answer (the wrapper only adds pretrained:describe).
it('the wrapped fake host still lists files', async () => {
  const { host } = hostWithBases();
  const listing: Response<'files:list'> = await host.invoke('files:list', { dir: '/p' });
  expect(listing.dir).toBe('/p');
});
