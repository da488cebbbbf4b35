// A host's error reply as a rejected promise: the message is meant for the user; `field` (a project JSON path such
// as `models.main.nodes[1].id`) and `node` let the UI point at what is wrong.
import type { Channel, ErrorReply } from '../../shared/ipc/contract.js';

export class HostError extends Error {
  readonly field?: string;
  readonly node?: string;

  constructor(reply: ErrorReply, readonly channel?: Channel) {
    super(reply.error);
    this.name = 'HostError';
    if (reply.field !== undefined) this.field = reply.field;
    if (reply.node !== undefined) this.node = reply.node;
  }
}
