// Starts training runs in their own child processes and relays their events, so no host event loop ever trains.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { TrainingEvent } from '../../../shared/events.js';
import { engineEntry } from '../child.js';
import { appRoot } from '../paths.js';
import { FromWorkerSchema, type ToWorker, type WorkerStart } from './protocol.js';

export interface RunHandle {
  id: string;
  control(action: 'stop' | 'pause' | 'resume' | 'checkpoint'): boolean;
  /** Resolves with the worker's exit code (0 done, 1 failed, 2 bad input). */
  finished: Promise<number>;
  kill(): void;
}

export function startRun(start: Omit<WorkerStart, 'type'>, onEvent: (e: TrainingEvent) => void): RunHandle {
  const { module, execArgv } = engineEntry('train-worker.mjs', 'electron/engine/train/worker.ts');
  const child: ChildProcess = fork(module, [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], cwd: appRoot() });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let sawEnd = false;
  const finished = new Promise<number>((resolve) => {
    let code: number | undefined;
    child.on('message', (raw) => {
      const msg = FromWorkerSchema.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'exit') code = msg.data.code;
      else {
        if (msg.data.event.event === 'done' || msg.data.event.event === 'error') sawEnd = true;
        onEvent(msg.data.event);
      }
    });
    child.on('exit', (exitCode, signal) => {
      if (!sawEnd) {
        const why = signal ? `was stopped (${signal})` : `exited with code ${exitCode}`;
        const detail = stderr.trim().split('\n').filter((l) => !/^\s*at /.test(l)).pop();
        onEvent({ event: 'error', message: `the training process ${why}${detail ? `: ${detail}` : ''}` });
      }
      resolve(code ?? (exitCode === 0 ? 0 : 1));
    });
  });
  child.send({ type: 'start', ...start } satisfies ToWorker);
  return {
    id: randomUUID(),
    control: (action) => (child.connected ? child.send({ type: 'control', action } satisfies ToWorker) : false),
    finished,
    kill: () => child.kill(),
  };
}
