// One training run inside a training process: applies control messages and reports events. Used by the child-process
// worker entry and by Electron's utilityProcess entry, which differ only in how messages travel.
import type { TrainingEvent } from '../../../shared/events.js';
import { parseProject } from '../../../shared/project.js';
import { ToWorkerSchema, type FromWorker, type ToWorker, type WorkerStart } from './protocol.js';

export class TrainingSession {
  private stop = false;
  private paused = false;
  private checkpoint = false;
  private resume: (() => void) | undefined;

  constructor(private readonly post: (m: FromWorker) => void) {}

  control(action: Extract<ToWorker, { type: 'control' }>['action']): void {
    if (action === 'stop') {
      this.stop = true;
      this.release();
    } else if (action === 'pause') {
      this.paused = true;
      this.post({ type: 'event', event: { event: 'status', state: 'paused' } });
    } else if (action === 'resume') {
      this.release();
      this.post({ type: 'event', event: { event: 'status', state: 'running' } });
    } else this.checkpoint = true;
  }

  private release(): void {
    this.paused = false;
    this.resume?.();
    this.resume = undefined;
  }

  async run(start: WorkerStart): Promise<number> {
    const emit = (event: TrainingEvent) => this.post({ type: 'event', event });
    const parsed = parseProject(start.project);
    if (!parsed.ok) {
      emit({ event: 'error', message: `the project is malformed: ${parsed.errors[0]!.path}: ${parsed.errors[0]!.message}` });
      return 2;
    }
    const { initBackend } = await import('../backend/index.js');
    const { train, InputError } = await import('./trainer.js');
    try {
      const { tf, backend } = await initBackend(start.backend);
      await train(tf, backend, parsed.project, { baseDir: start.baseDir, epochs: start.epochs, seed: start.seed, out: start.out }, emit, {
        stopRequested: () => this.stop,
        whilePaused: () => (this.paused && !this.stop ? new Promise<void>((r) => (this.resume = r)) : Promise.resolve()),
        checkpointRequested: () => {
          const c = this.checkpoint;
          this.checkpoint = false;
          return c;
        },
      });
      return 0;
    } catch (e) {
      const err = e as Error & { node?: string };
      emit({ event: 'error', message: err.message.split('\n')[0]!, ...(err.node ? { node: err.node } : {}) });
      return e instanceof InputError ? 2 : 1;
    }
  }
}

/**
 * The message handler of a training process, whatever carries the messages: validates each one, applies controls,
 * starts the one run and calls `ended` with its exit code.
 */
export function serveTraining(post: (m: FromWorker) => void, ended: (code: number) => void): (raw: unknown) => void {
  const session = new TrainingSession(post);
  let started = false;
  return (raw) => {
    const msg = ToWorkerSchema.safeParse(raw);
    if (!msg.success) {
      post({ type: 'event', event: { event: 'error', message: `malformed message to the training process: ${msg.error.issues[0]?.message}` } });
      return;
    }
    if (msg.data.type === 'control') {
      session.control(msg.data.action);
      return;
    }
    if (started) return;
    started = true;
    void session.run(msg.data).then((code) => {
      post({ type: 'exit', code });
      ended(code);
    });
  };
}
