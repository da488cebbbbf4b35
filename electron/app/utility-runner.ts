// Training runs in the desktop app: one Electron utilityProcess per run (dist/utility-train.cjs), speaking the
// protocol of engine/train/protocol.ts, relayed like engine/train/runner.ts's child processes.
import { utilityProcess } from 'electron';
import path from 'node:path';
import type { TrainingEvent } from '../../shared/events.js';
import { appRoot } from '../engine/paths.js';
import { relayRun, type RunHandle } from '../engine/train/relay.js';
import type { RunStarter } from '../host/context.js';

export const UTILITY_ENTRY = 'utility-train.cjs';

export const startUtilityRun: RunStarter = (start, onEvent: (e: TrainingEvent) => void): RunHandle => {
  const child = utilityProcess.fork(path.join(appRoot(), 'dist', UTILITY_ENTRY), [], {
    // No cwd: in a packaged app appRoot() is inside app.asar, which is not a real folder.
    serviceName: 'Layerloom training', stdio: ['ignore', 'inherit', 'pipe'],
  });
  let alive = true;
  child.on('exit', () => (alive = false));
  return relayRun({
    send: (m) => {
      if (alive) child.postMessage(m);
      return alive;
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code: number) => listener(code)),
    stderr: child.stderr,
    kill: () => {
      if (alive) child.kill();
    },
  }, start, onEvent);
};
