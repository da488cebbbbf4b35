// The web host's protocol-level security and robustness, against the real server started in-process on port 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { RunHandle } from '../../electron/engine/train/runner.js';
import { startRun } from '../../electron/engine/train/runner.js';
import { startWebServer, type WebServer } from '../../electron/host/web-server.js';
import { irisProject, makeContext, makeHandlers, tempDir } from './fixtures.js';

const tmp = tempDir('web');
let server: WebServer;
const runs: RunHandle[] = [];

beforeAll(async () => {
  const renderer = path.join(tmp.dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Layerloom</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tmp.dir, 'secret.txt'), 'secret');
  mkdirSync(path.join(tmp.dir, 'projects'));
  // Record every training run the server starts, to check that none outlives its client.
  const ctx = makeContext(path.join(tmp.dir, 'user-data'), path.join(tmp.dir, 'projects'), {
    startRun: (start, onEvent) => {
      const run = startRun(start, onEvent);
      runs.push(run);
      return run;
    },
  });
  server = await startWebServer({ handlers: makeHandlers(ctx).handlers, rendererDir: renderer, port: 0, log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  tmp.cleanup();
});

const wsUrl = (token = server.token) => `ws://127.0.0.1:${server.port}/ws?token=${token}`;

function connect(url: string, opts: WebSocket.ClientOptions = { origin: server.origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, opts);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends raw text and waits for the next message. */
function roundTrip(ws: WebSocket, text: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(text);
  });
}

function get(urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; type?: string; csp?: string; body: string }> {
  return new Promise((resolve, reject) => {
    // http.request sends the path as given: no client-side normalisation of `..`.
    const req = http.request({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], csp: res.headers['content-security-policy'] as string, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('WebSocket admission', () => {
  test('the right token, Host and Origin get in', async () => {
    const ws = await connect(wsUrl());
    expect(await roundTrip(ws, JSON.stringify({ id: 1, channel: 'app:info', request: {} }))).toMatchObject({ id: 1, response: { host: 'web' } });
    ws.close();
  });

  test('no token or a wrong token is refused', async () => {
    await expect(connect(`ws://127.0.0.1:${server.port}/ws`)).rejects.toThrow(/401/);
    await expect(connect(wsUrl('x'.repeat(server.token.length)))).rejects.toThrow(/401/);
  });

  test('a foreign Origin, or none, is refused even with the token', async () => {
    await expect(connect(wsUrl(), { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(wsUrl(), { origin: `http://127.0.0.1:${server.port + 1}` })).rejects.toThrow(/403/);
    await expect(connect(wsUrl(), {})).rejects.toThrow(/403/);
  });

  test('a wrong Host header (DNS rebinding) is refused', async () => {
    const host = `evil.example:${server.port}`;
    await expect(connect(wsUrl(), { origin: `http://${host}`, headers: { host } })).rejects.toThrow(/403/);
  });
});

describe('messages', () => {
  test('malformed JSON and unknown channels get error replies, and the server keeps serving', async () => {
    const ws = await connect(wsUrl());
    expect(await roundTrip(ws, '{not json')).toEqual({ id: null, error: 'malformed message: not JSON' });
    expect(await roundTrip(ws, JSON.stringify({ id: 7, request: {} }))).toMatchObject({ id: 7, error: expect.stringMatching(/malformed message: expected \{id, channel, request\}/) });
    expect(await roundTrip(ws, JSON.stringify([1, 2]))).toMatchObject({ id: null, error: expect.stringMatching(/malformed/) });
    expect(await roundTrip(ws, JSON.stringify({ id: 2, channel: 'fs:rm', request: {} }))).toEqual({ id: 2, error: 'unknown channel "fs:rm"' });
    expect(await roundTrip(ws, JSON.stringify({ id: 3, channel: 'project:save', request: { path: 'a.json', project: { format: 'nope' } } })))
      .toMatchObject({ id: 3, field: 'format' });
    expect(await roundTrip(ws, JSON.stringify({ id: 4, channel: 'app:info', request: {} }))).toMatchObject({ id: 4, response: { host: 'web' } });
    ws.close();
  });

  test('closing the socket ends the training runs it started', async () => {
    const ws = await connect(wsUrl());
    const first = new Promise<Record<string, unknown>>((resolve) => ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.event === 'train:event') resolve(m);
    }));
    const reply = await roundTrip(ws, JSON.stringify({ id: 1, channel: 'train:start', request: { project: { ...irisProject(), training: { ...irisProject().training, epochs: 500 } }, options: { backend: 'cpu' } } }));
    expect(reply).toMatchObject({ id: 1, response: { runId: expect.any(String) } });
    // A real training process: its first event is `start` (not an error from a process that failed to launch).
    expect(await first).toMatchObject({ payload: { runId: (reply.response as { runId: string }).runId, event: { event: 'start', backend: 'cpu' } } });
    ws.close();
    // The training process exits (killed): finished settles instead of running 500 epochs.
    await expect(Promise.race([runs[0]!.finished, new Promise((r) => setTimeout(() => r('still running'), 15_000))])).resolves.not.toBe('still running');
  });
});

describe('static files', () => {
  test('serves the renderer with MIME types and a CSP', async () => {
    const index = await get('/', { host: `127.0.0.1:${server.port}` });
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(index.csp).toContain("script-src 'self'");
    expect(index.csp).toContain(`ws://127.0.0.1:${server.port}`);
    expect(await get('/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect((await get('/missing.js')).status).toBe(404);
  });

  test('path traversal is refused', async () => {
    for (const p of ['/../../etc/passwd', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt']) {
      const r = await get(p);
      expect([400, 403], p).toContain(r.status);
      expect(r.body).not.toContain('secret');
      expect(r.body).not.toContain('root:');
    }
  });

  test('a wrong Host header is refused', async () => {
    expect((await get('/', { host: 'evil.example' })).status).toBe(403);
  });
});
