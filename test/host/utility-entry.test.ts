// The desktop app's training entry (electron/engine/train/utility-entry.ts) speaks the worker protocol over
// process.parentPort; here a shim provides parentPort in a plain Node child process.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { irisProject } from './fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.join(here, '..', '..', 'electron', 'engine', 'train', 'utility-entry.ts');

test('trains on a start message, reports events, then an exit code, and exits', async () => {
  const child = fork(entry, [], { execArgv: ['--import', 'tsx', '--require', path.join(here, 'parent-port-shim.cjs')], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const messages: { type: string; event?: { event: string }; code?: number }[] = [];
  child.on('message', (m) => messages.push(m as never));
  child.send({ type: 'start', project: irisProject(), baseDir: here, backend: 'cpu', epochs: 1 });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const kinds = messages.map((m) => m.event?.event ?? m.type);
  expect(kinds[0]).toBe('start');
  expect(kinds).toContain('epoch');
  expect(kinds.slice(-2)).toEqual(['done', 'exit']);
  expect(messages.at(-1)).toEqual({ type: 'exit', code: 0 });
  expect(code).toBe(0);
});
