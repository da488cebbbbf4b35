// Starts training runs in their own child processes and relays their events, so no host event loop ever trains.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TrainingEvent } from '../../../shared/events.js';
import { appRoot } from '../paths.js';
import { FromWorkerSchema, type ToWorker, type WorkerStart } from './protocol.js';

export interface RunHandle {
  id: string;
  control(action: 'stop' | 'pause' | 'resume' | 'checkpoint'): boolean;
  /** Resolves with the worker's exit code (0 done, 1 failed, 2 bad input). */
  finished: Promise<number>;
  kill(): void;
}

/** The worker entry: the bundled file when built, else the TypeScript source through tsx (development, tests). */
function workerCommand(): { module: string; execArgv: string[] } {
  const root = appRoot();
  const bundled = path.join(root, 'dist', 'train-worker.mjs');
  if (existsSync(bundled) && !process.env.LAYERLOOM_WORKER_FROM_SOURCE) return { module: bundled, execArgv: [] };
  return { module: path.join(root, 'electron', 'engine', 'train', 'worker.ts'), execArgv: ['--import', 'tsx'] };
}

export function startRun(start: Omit<WorkerStart, 'type'>, onEvent: (e: TrainingEvent) => void): RunHandle {
  const { module, execArgv } = workerCommand();
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
