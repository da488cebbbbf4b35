// The renderer's web HostApi (renderer/host/web.ts) against the real web server: replies, error replies as
// HostError with the field, pushed events, and a clear message when the token is wrong.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { RunHandle } from '../../electron/engine/train/runner.js';
import { startWebServer, type WebServer } from '../../electron/host/web-server.js';
import { createWebHost, HostError } from '../../renderer/host/index.js';
import { irisProject, makeContext, makeHandlers, tempDir } from './fixtures.js';

const tmp = tempDir('client');
let server: WebServer;

beforeAll(async () => {
  mkdirSync(path.join(tmp.dir, 'projects'));
  // A training process is not needed here: a fake run that reports one event.
  const startRun = (_s: unknown, onEvent: (e: unknown) => void): RunHandle => {
    setTimeout(() => onEvent({ event: 'status', state: 'running' }), 10);
    return { id: 'run-1', control: () => true, finished: new Promise(() => undefined), kill: () => undefined };
  };
  const ctx = makeContext(path.join(tmp.dir, 'user-data'), path.join(tmp.dir, 'projects'), { startRun: startRun as never });
  server = await startWebServer({ handlers: makeHandlers(ctx).handlers, rendererDir: tmp.dir, log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  tmp.cleanup();
});

/** The browser sends Origin by itself; Node's ws client needs telling. */
const impl = () => class extends WebSocket {
  constructor(url: string) {
    super(url, { origin: server.origin });
  }
} as unknown as new (url: string) => globalThis.WebSocket;

test('invokes, rejects with HostError and receives events', async () => {
  const host = createWebHost({ url: `ws://127.0.0.1:${server.port}/ws?token=${server.token}`, WebSocketImpl: impl() });
  expect(await host.invoke('app:info', {})).toMatchObject({ host: 'web' });

  const bad = irisProject();
  bad.models.main.nodes[0]!.kind = '';
  const err = await host.invoke('project:save', { path: 'x.layerloom.json', project: bad }).catch((e) => e);
  expect(err).toBeInstanceOf(HostError);
  expect(err).toMatchObject({ field: 'models.main.nodes[0].kind', channel: 'project:save' });

  const events: unknown[] = [];
  const got = new Promise((resolve) => host.on('train:event', (p) => resolve(events.push(p))));
  expect(await host.invoke('train:start', { project: irisProject() })).toEqual({ runId: 'run-1' });
  await got;
  expect(events).toEqual([{ runId: 'run-1', event: { event: 'status', state: 'running' } }]);
});

test('a wrong token gives a message that says what to do', async () => {
  const host = createWebHost({ url: `ws://127.0.0.1:${server.port}/ws?token=stale`, WebSocketImpl: impl() });
  await expect(host.invoke('app:info', {})).rejects.toThrow(/the token changes at every launch/);
});
