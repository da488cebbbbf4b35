// Shared setup for the host tests: a tiny valid project, temp folders, and handlers wired to them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HostClient } from '../../electron/host/client.js';
import type { HostContext } from '../../electron/host/context.js';
import { createHandlers } from '../../electron/host/handlers.js';
import { startRun } from '../../electron/engine/train/runner.js';

export function irisProject(name = 'Iris MLP') {
  return {
    format: 'layerloom-project', version: 1, name,
    models: {
      main: {
        nodes: [
          { id: 'in', kind: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } },
          { id: 'fc', kind: 'Dense', params: { units: 3, activation: 'softmax' }, position: { x: 0, y: 100 } },
          { id: 'out', kind: 'Output', params: {}, position: { x: 0, y: 200 } },
        ],
        edges: [
          { id: 'e1', source: 'in', sourcePort: 'out', target: 'fc', targetPort: 'in' },
          { id: 'e2', source: 'fc', sourcePort: 'out', target: 'out', targetPort: 'in' },
        ],
      },
    },
    dataset: { source: 'builtin', name: 'iris' },
    training: { kind: 'supervised', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], epochs: 1, batchSize: 32 },
  };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `layerloom-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeContext(userDataDir: string, defaultDir: string, overrides: Partial<HostContext> = {}): HostContext & { logs: string[] } {
  const logs: string[] = [];
  return { kind: 'web', userDataDir, defaultDir, startRun, log: (l) => logs.push(l), logs, ...overrides };
}

export function makeHandlers(ctx: HostContext) {
  const handlers = createHandlers(ctx);
  const events: { event: string; payload: unknown }[] = [];
  const client = new HostClient((event, payload) => events.push({ event, payload }), 'test client');
  return { handlers, client, events, call: (channel: string, request: unknown) => handlers.dispatch(channel, request, client) };
}
