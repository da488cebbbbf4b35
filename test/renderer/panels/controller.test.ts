import { describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '../../../shared/events.js';
import type { EventPayload, HostApi } from '../../../shared/ipc/contract.js';
import { ProjectSchema } from '../../../shared/project.js';
import { TrainingController } from '../../../renderer/panels/training/controller.js';

const project = ProjectSchema.parse({
  format: 'layerloom-project', version: 1, name: 'Digits', models: { main: { nodes: [], edges: [] } },
  dataset: { source: 'builtin', name: 'digits' }, training: { epochs: 2 },
});

function fakeHost(opts: { startFails?: string; controlOk?: boolean } = {}) {
  let listener: ((p: EventPayload<'train:event'>) => void) | null = null;
  const calls: { channel: string; request: unknown }[] = [];
  let n = 0;
  const host: HostApi = {
    invoke: (async (channel: string, request: unknown) => {
      calls.push({ channel, request });
      if (channel === 'train:start') {
        if (opts.startFails) throw new Error(opts.startFails);
        return { runId: `run-${++n}` };
      }
      if (channel === 'train:control') return { ok: opts.controlOk ?? true };
      throw new Error(`unexpected ${channel}`);
    }) as HostApi['invoke'],
    on: ((_event: string, l: (p: EventPayload<'train:event'>) => void) => {
      listener = l;
      return () => { listener = null; };
    }) as HostApi['on'],
  };
  const emit = (runId: string, event: TrainingEvent) => listener?.({ runId, event });
  return { host, calls, emit };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

function controller(host: HostApi, storage = memoryStorage()) {
  let t = 0;
  const timers: (() => void)[] = [];
  const c = new TrainingController(host, {
    storage, now: () => (t += 100), throttleMs: 200,
    setTimer: (fn) => timers.push(fn), clearTimer: () => undefined,
  });
  const flush = () => timers.splice(0).forEach((fn) => fn());
  return { c, flush, storage };
}

const start: TrainingEvent = { event: 'start', backend: 'cpu', params: 1, samples: 4, epochs: 2, batchesPerEpoch: 2 };

describe('training controller', () => {
  it('starts a run, follows its events, and records it when done', async () => {
    const { host, calls, emit } = fakeHost();
    const { c, storage } = controller(host);
    c.track({ documentId: 1, path: '/p/d.layerloom.json', name: 'Digits' });
    expect(await c.start({ project, projectPath: '/p/d.layerloom.json', epochs: 2 })).toBe(true);
    expect(calls[0]).toMatchObject({ channel: 'train:start', request: { projectPath: '/p/d.layerloom.json', options: { backend: 'auto', epochs: 2 } } });
    expect(c.active).toBe(true);
    emit('run-1', start);
    emit('other-run', { event: 'error', message: 'not ours' });
    expect(c.getSnapshot().dashboard.status).toBe('running');
    emit('run-1', { event: 'done', metrics: { loss: 0.5 }, out: '/p/runs/1' });
    const snap = c.getSnapshot();
    expect(snap.dashboard.status).toBe('done');
    expect(c.active).toBe(false);
    expect(snap.runs).toHaveLength(1);
    expect(snap.runs[0]).toMatchObject({ id: 'run-1', out: '/p/runs/1', status: 'done' });
    expect([...storage.data.values()][0]).toContain('run-1');
  });

  it('throttles batch updates but passes everything else at once', async () => {
    const { host, emit } = fakeHost();
    const { c, flush } = controller(host);
    await c.start({ project, projectPath: null });
    const seen = vi.fn();
    c.subscribe(seen);
    emit('run-1', start);
    expect(seen).toHaveBeenCalledTimes(1);
    for (let b = 0; b < 2; b++) emit('run-1', { event: 'batch', epoch: 0, batch: b, batches: 2, metrics: { loss: 1 } });
    expect(seen).toHaveBeenCalledTimes(1);
    flush();
    expect(seen).toHaveBeenCalledTimes(2);
    expect(c.getSnapshot().dashboard.batchesDone).toBe(2);
  });

  it('sends pause, resume and stop for the current run', async () => {
    const { host, calls, emit } = fakeHost();
    const { c } = controller(host);
    await c.start({ project, projectPath: null });
    emit('run-1', start);
    await c.control('pause');
    await c.control('stop');
    expect(calls.slice(1).map((x) => x.request)).toEqual([{ runId: 'run-1', action: 'pause' }, { runId: 'run-1', action: 'stop' }]);
    expect(c.getSnapshot().dashboard.status).toBe('stopping');
    expect(c.active).toBe(true);
  });

  it('refuses a second run while one is going', async () => {
    const { host, emit } = fakeHost();
    const { c } = controller(host);
    await c.start({ project, projectPath: null });
    emit('run-1', start);
    expect(await c.start({ project, projectPath: null })).toBe(false);
    expect(c.getSnapshot().notice?.text).toMatch(/already/);
  });

  it('shows a failed start as an error and stays usable', async () => {
    const { host } = fakeHost({ startFails: 'the project has no dataset' });
    const { c } = controller(host);
    expect(await c.start({ project, projectPath: null })).toBe(false);
    const snap = c.getSnapshot();
    expect(snap.dashboard.status).toBe('error');
    expect(snap.dashboard.error?.message).toMatch(/could not start training: the project has no dataset/);
    expect(c.active).toBe(false);
    expect(snap.runs).toHaveLength(1);
  });

  it('treats a run the host no longer knows as lost', async () => {
    const { host, emit } = fakeHost({ controlOk: false });
    const { c } = controller(host);
    await c.start({ project, projectPath: null });
    emit('run-1', start);
    await c.control('pause');
    expect(c.getSnapshot().dashboard.status).toBe('error');
    expect(c.active).toBe(false);
  });

  it('stops the run when its project is closed or another one opens', async () => {
    const { host, calls, emit } = fakeHost();
    const { c } = controller(host);
    c.track({ documentId: 1, path: null, name: 'Digits' });
    await c.start({ project, projectPath: null });
    emit('run-1', start);
    expect(c.getSnapshot().runIsCurrent).toBe(true);
    c.track(null);
    expect(calls.at(-1)).toMatchObject({ channel: 'train:control', request: { runId: 'run-1', action: 'stop' } });
    expect(c.getSnapshot().notice?.text).toMatch(/project was closed/);
    expect(c.getSnapshot().runIsCurrent).toBe(false);
    // The same template opened again: a fresh dashboard, and the closed run lands in its history when it ends.
    c.track({ documentId: 2, path: null, name: 'Digits' });
    expect(c.active).toBe(true);
    emit('run-1', { event: 'done', metrics: {}, out: '/tmp/r', stopped: true });
    expect(c.active).toBe(false);
    expect(c.getSnapshot().runIsCurrent).toBe(false);
    expect(c.getSnapshot().runs.map((r) => r.status)).toEqual(['stopped']);
  });

  it('follows a document store and publishes nothing app-wide unless asked', async () => {
    const { host } = fakeHost();
    const { c } = controller(host);
    let state = { project: { name: 'A' } as { name: string } | null, path: null as string | null, documentId: 1 };
    const listeners = new Set<() => void>();
    c.attachDocument({ getState: () => state, subscribe: (l) => { listeners.add(l); return () => listeners.delete(l); } });
    expect(c.getSnapshot().projectKey).toBe('layerloom.runs:unsaved:A');
    state = { ...state, path: '/p/a.layerloom.json' };
    listeners.forEach((l) => l());
    expect(c.getSnapshot().projectKey).toBe('layerloom.runs:file:/p/a.layerloom.json');
    state = { project: null, path: null, documentId: 2 };
    listeners.forEach((l) => l());
    expect(c.getSnapshot().projectKey).toBeNull();
  });

  it('keeps the history when an unsaved project is saved', async () => {
    const { host, emit } = fakeHost();
    const { c, storage } = controller(host);
    c.track({ documentId: 1, path: null, name: 'Digits' });
    await c.start({ project, projectPath: null });
    emit('run-1', start);
    c.track({ documentId: 1, path: '/p/d.layerloom.json', name: 'Digits' });
    expect(c.active).toBe(true);
    emit('run-1', { event: 'done', metrics: {}, out: '/tmp/r' });
    expect(c.getSnapshot().runs.map((r) => r.id)).toEqual(['run-1']);
    expect(storage.data.get('layerloom.runs:file:/p/d.layerloom.json')).toContain('run-1');
    // Another project: its own (empty) history.
    c.track({ documentId: 2, path: '/p/other.layerloom.json', name: 'Other' });
    expect(c.getSnapshot().runs).toEqual([]);
  });

  it('replays events that arrive before train:start answers', async () => {
    let listener: ((p: EventPayload<'train:event'>) => void) | null = null;
    const host: HostApi = {
      invoke: (async (channel: string) => {
        if (channel === 'train:start') {
          listener?.({ runId: 'early', event: start });
          return { runId: 'early' };
        }
        return { ok: true };
      }) as HostApi['invoke'],
      on: ((_e: string, l: typeof listener) => { listener = l; return () => undefined; }) as HostApi['on'],
    };
    const { c } = controller(host);
    await c.start({ project, projectPath: null });
    expect(c.getSnapshot().dashboard.status).toBe('running');
  });
});
