// Errors a handler means to show the user. Anything else that escapes a handler is unexpected: the dispatcher still
// turns it into an error reply (one line), and logs it in full.
import type { ErrorReply } from '../../shared/ipc/contract.js';
import type { FieldError } from '../../shared/project.js';

export class HostError extends Error {
  constructor(message: string, readonly detail: { field?: string; node?: string } = {}) {
    super(message);
  }
}

/** The error for a project that does not parse: names the first field's JSON path (and how many more are wrong). */
export function projectError(errors: FieldError[], what = 'the project'): HostError {
  const first = errors[0] ?? { path: '(root)', message: 'invalid' };
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new HostError(`${what} is malformed: ${first.path}: ${first.message}${more}`, { field: first.path });
}

export function toErrorReply(e: unknown): ErrorReply {
  if (e instanceof HostError) return { error: e.message, ...e.detail };
  const err = e as Error & { node?: unknown };
  const message = String(err?.message ?? e).split('\n')[0] || 'unknown error';
  return { error: message, ...(typeof err?.node === 'string' ? { node: err.node } : {}) };
}
