// Training runs in the desktop app: one Electron utilityProcess per run (dist/utility-train.cjs), speaking the
// protocol of engine/train/protocol.ts. Mirrors engine/train/runner.ts, which uses child_process for the web host.
import { utilityProcess } from 'electron';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { TrainingEvent } from '../../shared/events.js';
import { appRoot } from '../engine/paths.js';
import { FromWorkerSchema, type ToWorker } from '../engine/train/protocol.js';
import type { RunHandle } from '../engine/train/runner.js';
import type { RunStarter } from '../host/context.js';

export const UTILITY_ENTRY = 'utility-train.cjs';

export const startUtilityRun: RunStarter = (start, onEvent: (e: TrainingEvent) => void): RunHandle => {
  const child = utilityProcess.fork(path.join(appRoot(), 'dist', UTILITY_ENTRY), [], {
    // No cwd: in a packaged app appRoot() is inside app.asar, which is not a real folder.
    serviceName: 'Layerloom training', stdio: ['ignore', 'inherit', 'pipe'],
  });
  let alive = true;
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let sawEnd = false;
  let code: number | undefined;
  const finished = new Promise<number>((resolve) => {
    child.on('message', (raw: unknown) => {
      const msg = FromWorkerSchema.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'exit') code = msg.data.code;
      else {
        if (msg.data.event.event === 'done' || msg.data.event.event === 'error') sawEnd = true;
        onEvent(msg.data.event);
      }
    });
    child.on('exit', (exitCode: number) => {
      alive = false;
      if (!sawEnd) {
        const detail = stderr.trim().split('\n').filter((l) => !/^\s*at /.test(l)).pop();
        onEvent({ event: 'error', message: `the training process exited with code ${exitCode}${detail ? `: ${detail}` : ''}` });
      }
      resolve(code ?? (exitCode === 0 ? 0 : 1));
    });
  });
  child.postMessage({ type: 'start', ...start } satisfies ToWorker);
  return {
    id: randomUUID(),
    control: (action) => {
      if (!alive) return false;
      child.postMessage({ type: 'control', action } satisfies ToWorker);
      return true;
    },
    finished,
    kill: () => {
      if (alive) child.kill();
    },
  };
};
