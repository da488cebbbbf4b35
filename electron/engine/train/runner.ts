// Starts training runs in their own child processes, so no host event loop ever trains.
import { fork } from 'node:child_process';
import type { TrainingEvent } from '../../../shared/events.js';
import { engineEntry } from '../child.js';
import { appRoot } from '../paths.js';
import type { WorkerStart } from './protocol.js';
import { relayRun, type RunHandle } from './relay.js';

export type { RunHandle } from './relay.js';

export function startRun(start: Omit<WorkerStart, 'type'>, onEvent: (e: TrainingEvent) => void): RunHandle {
  const { module, execArgv } = engineEntry('train-worker.mjs', 'electron/engine/train/worker.ts');
  const child = fork(module, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], cwd: appRoot() });
  return relayRun({
    send: (m) => child.connected && child.send(m),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    stderr: child.stderr,
    kill: () => child.kill(),
  }, start, onEvent);
}
