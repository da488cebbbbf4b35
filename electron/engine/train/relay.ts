// The host side of a training process, whatever carries its messages (child_process in the web host and CLI tests,
// Electron's utilityProcess in the desktop app): sends start and control messages, relays events, and turns a process
// that dies without a last word into an error event.
import { randomUUID } from 'node:crypto';
import type { TrainingEvent } from '../../../shared/events.js';
import { FromWorkerSchema, type ToWorker, type WorkerStart } from './protocol.js';

export interface RunHandle {
  id: string;
  control(action: 'stop' | 'pause' | 'resume' | 'checkpoint'): boolean;
  /** Resolves with the worker's exit code (0 done, 1 failed, 2 bad input). */
  finished: Promise<number>;
  kill(): void;
}

export interface WorkerTransport {
  /** Sends a message; false when the process is gone. */
  send(message: ToWorker): boolean;
  onMessage(listener: (raw: unknown) => void): void;
  /** `exitCode` null when killed by `signal`. */
  onExit(listener: (exitCode: number | null, signal?: string | null) => void): void;
  stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null | undefined;
  kill(): void;
}

export function relayRun(t: WorkerTransport, start: Omit<WorkerStart, 'type'>, onEvent: (e: TrainingEvent) => void): RunHandle {
  let stderr = '';
  t.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let sawEnd = false;
  let code: number | undefined;
  const finished = new Promise<number>((resolve) => {
    t.onMessage((raw) => {
      const msg = FromWorkerSchema.safeParse(raw);
      if (!msg.success) return;
      if (msg.data.type === 'exit') code = msg.data.code;
      else {
        if (msg.data.event.event === 'done' || msg.data.event.event === 'error') sawEnd = true;
        onEvent(msg.data.event);
      }
    });
    t.onExit((exitCode, signal) => {
      if (!sawEnd) {
        const why = signal ? `was stopped (${signal})` : `exited with code ${exitCode}`;
        const detail = stderr.trim().split('\n').filter((l) => !/^\s*at /.test(l)).pop();
        onEvent({ event: 'error', message: `the training process ${why}${detail ? `: ${detail}` : ''}` });
      }
      resolve(code ?? (exitCode === 0 ? 0 : 1));
    });
  });
  t.send({ type: 'start', ...start });
  return { id: randomUUID(), control: (action) => t.send({ type: 'control', action }), finished, kill: () => t.kill() };
}
