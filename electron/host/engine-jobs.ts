// Short engine jobs the handlers run: ONNX/tfjs export, dataset preview, pretrained model description. They run in
// one engine-jobs child process per host (started on first use), so the host's event loop never loads tfjs or
// computes, and a crash there is an error reply here, not a dead host.
import { fork, type ChildProcess } from 'node:child_process';
import { engineEntry } from '../engine/child.js';
import type { Jobs } from '../engine/jobs/jobs.js';
import { JobReplySchema, type JobName, type JobRequest } from '../engine/jobs/protocol.js';
import { appRoot } from '../engine/paths.js';
import { HostError } from './errors.js';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

let child: ChildProcess | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function jobProcess(): ChildProcess {
  if (child?.connected) return child;
  const { module, execArgv } = engineEntry('engine-jobs.mjs', 'electron/engine/jobs/worker.ts');
  const proc = fork(module, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], cwd: appRoot() });
  proc.on('message', (raw) => {
    const msg = JobReplySchema.safeParse(raw);
    if (!msg.success) return;
    const p = pending.get(msg.data.id);
    if (!p) return;
    pending.delete(msg.data.id);
    if (pending.size === 0) idle(proc);
    if ('error' in msg.data) p.reject(new HostError(msg.data.error, msg.data.node ? { node: msg.data.node } : {}));
    else p.resolve(msg.data.result);
  });
  proc.on('exit', (code, signal) => {
    if (child === proc) child = undefined;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new HostError(`the engine process stopped (${signal ?? `exit code ${code}`}) while working: try again`));
    }
  });
  idle(proc);
  child = proc;
  return proc;
}

/** An idle job process never keeps the host alive; a busy one does (until its replies are in). */
function idle(proc: ChildProcess): void {
  proc.unref();
  proc.channel?.unref();
}

function busy(proc: ChildProcess): void {
  proc.ref();
  proc.channel?.ref();
}

function run<J extends JobName>(job: J, ...args: Parameters<Jobs[J]>): Promise<Awaited<ReturnType<Jobs[J]>>> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    const request: JobRequest = { id, job, args };
    const proc = jobProcess();
    busy(proc);
    proc.send(request);
  });
}

export const exportOnnx = (...a: Parameters<Jobs['exportOnnx']>) => run('exportOnnx', ...a);
export const exportTfjs = (...a: Parameters<Jobs['exportTfjs']>) => run('exportTfjs', ...a);
export const previewDataset = (...a: Parameters<Jobs['previewDataset']>) => run('previewDataset', ...a);
export const describePretrained = (...a: Parameters<Jobs['describePretrained']>) => run('describePretrained', ...a);

/** Stops the job process (host shutdown). */
export function stopEngineJobs(): void {
  child?.kill();
  child = undefined;
}
