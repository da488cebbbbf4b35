// One connected renderer: an Electron window or a WebSocket. Events go to the client that asked for them, and the
// training runs a client started die with it (closing a window or tab never leaves a training process behind).
import type { EventName, EventPayload } from '../../shared/ipc/contract.js';
import type { RunHandle } from '../engine/train/runner.js';

let nextId = 1;

export class HostClient {
  readonly id = nextId++;
  readonly runs = new Map<string, RunHandle>();
  private closed = false;

  constructor(private readonly push: (event: EventName, payload: unknown) => void, readonly label = `client ${nextId - 1}`) {}

  get isClosed(): boolean {
    return this.closed;
  }

  send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.closed) return;
    try {
      this.push(event, payload);
    } catch {
      // The transport went away between the check and the send; its close handler cleans up.
    }
  }

  /** Ends the client's runs; later events are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const run of this.runs.values()) run.kill();
    this.runs.clear();
  }
}
