// The preload's bridge (electron/preload.ts) with a stand-in `electron`: only contract channels and events pass,
// and the page never gets ipcRenderer itself.
import { beforeAll, expect, test, vi } from 'vitest';
import type { LayerloomBridge } from '../../shared/ipc/contract.js';

const fake = vi.hoisted(() => {
  const state = { exposed: {} as Record<string, unknown>, invoked: [] as unknown[][], sent: [] as unknown[][], listeners: new Map<string, (...a: unknown[]) => void>() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (state.exposed[key] = api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (state.invoked.push(args), { response: { ok: true } }),
      send: (...args: unknown[]) => void state.sent.push(args),
      on: (channel: string, fn: (...a: unknown[]) => void) => void state.listeners.set(channel, fn),
    },
    webUtils: { getPathForFile: () => '/dropped/project.layerloom.json' },
  };
  return { state, electron };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

let bridge: LayerloomBridge;
beforeAll(async () => {
  (globalThis as { window?: unknown }).window = new EventTarget();
  await import('../../electron/preload.js');
  bridge = fake.state.exposed.layerloom as LayerloomBridge;
});

test('exposes only invoke, on and pathForFile', () => {
  expect(Object.keys(fake.state.exposed)).toEqual(['layerloom']);
  expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile']);
});

test('invoke passes contract channels and answers others with an error, without IPC', async () => {
  expect(await bridge.invoke('app:info', {})).toEqual({ response: { ok: true } });
  expect(fake.state.invoked).toEqual([['layerloom:invoke', 'app:info', {}]]);
  expect(await bridge.invoke('shell:exec' as never, {})).toEqual({ error: 'unknown channel "shell:exec"' });
  expect(fake.state.invoked).toHaveLength(1);
});

test('on accepts contract events only, subscribes once, and unsubscribes', () => {
  expect(() => bridge.on('secret' as never, () => undefined)).toThrow(/unknown event/);
  const got: unknown[] = [];
  const off = bridge.on('train:event', (p) => got.push(p));
  bridge.on('train:event', () => undefined);
  expect(fake.state.sent.filter((s) => s[0] === 'layerloom:subscribe')).toEqual([['layerloom:subscribe', 'train:event']]);
  const deliver = fake.state.listeners.get('layerloom:event')!;
  deliver({}, { event: 'train:event', payload: { runId: 'r' } });
  off();
  deliver({}, { event: 'train:event', payload: { runId: 's' } });
  expect(got).toEqual([{ runId: 'r' }]);
});
