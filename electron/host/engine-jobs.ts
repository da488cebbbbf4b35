// Short engine jobs the handlers run: ONNX/tfjs export, dataset preview, pretrained model description. They run in
// one engine-jobs process per host (started on first use), so the host's event loop never loads tfjs or computes, and
// a crash there is an error reply here, not a dead host. The web host forks a Node child process; the desktop app
// uses Electron's utilityProcess (packaged builds turn off ELECTRON_RUN_AS_NODE, which child_process.fork needs).
import { fork } from 'node:child_process';
import path from 'node:path';
import { engineEntry } from '../engine/child.js';
import type { Jobs } from '../engine/jobs/jobs.js';
import { JobReplySchema, type JobName, type JobRequest } from '../engine/jobs/protocol.js';
import { appRoot } from '../engine/paths.js';
import { HostError } from './errors.js';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** The few things this module needs of a process, whichever API started it. */
interface JobProcess {
  send(request: JobRequest): void;
  /** Whether the process may keep the host alive (a busy one must, an idle one must not). */
  hold(busy: boolean): void;
  kill(): void;
}

let current: Promise<JobProcess> | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function onReply(raw: unknown): void {
  const msg = JobReplySchema.safeParse(raw);
  if (!msg.success) return;
  const p = pending.get(msg.data.id);
  if (!p) return;
  pending.delete(msg.data.id);
  if (pending.size === 0) void current?.then((proc) => proc.hold(false));
  if ('error' in msg.data) p.reject(new HostError(msg.data.error, msg.data.node ? { node: msg.data.node } : {}));
  else p.resolve(msg.data.result);
}

function onExit(why: string): void {
  current = undefined;
  for (const [id, p] of pending) {
    pending.delete(id);
    p.reject(new HostError(`the engine process stopped (${why}) while working: try again`));
  }
}

async function startUtilityProcess(): Promise<JobProcess> {
  const { utilityProcess } = await import('electron');
  const child = utilityProcess.fork(path.join(appRoot(), 'dist', 'engine-jobs.cjs'), [], { serviceName: 'Layerloom engine', stdio: 'inherit' });
  child.on('message', onReply);
  child.on('exit', (code) => onExit(`exit code ${code}`));
  return { send: (r) => child.postMessage(r), hold: () => {}, kill: () => child.kill() };
}

function startChildProcess(): JobProcess {
  const { module, execArgv } = engineEntry('engine-jobs.mjs', 'electron/engine/jobs/worker.ts');
  const child = fork(module, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], cwd: appRoot() });
  child.on('message', onReply);
  child.on('exit', (code, signal) => onExit(signal ?? `exit code ${code}`));
  const hold = (busy: boolean) => {
    if (busy) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  };
  hold(false);
  return { send: (r) => child.send(r), hold, kill: () => child.kill() };
}

function jobProcess(): Promise<JobProcess> {
  current ??= process.versions.electron ? startUtilityProcess() : Promise.resolve(startChildProcess());
  return current;
}

function run<J extends JobName>(job: J, ...args: Parameters<Jobs[J]>): Promise<Awaited<ReturnType<Jobs[J]>>> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    jobProcess().then((proc) => {
      proc.hold(true);
      proc.send({ id, job, args });
    }, (e: Error) => {
      pending.delete(id);
      reject(new HostError(`the engine process could not start: ${e.message}`));
    });
  });
}

export const exportOnnx = (...a: Parameters<Jobs['exportOnnx']>) => run('exportOnnx', ...a);
export const exportTfjs = (...a: Parameters<Jobs['exportTfjs']>) => run('exportTfjs', ...a);
export const previewDataset = (...a: Parameters<Jobs['previewDataset']>) => run('previewDataset', ...a);
export const describePretrained = (...a: Parameters<Jobs['describePretrained']>) => run('describePretrained', ...a);

/** Stops the job process (host shutdown). */
export function stopEngineJobs(): void {
  void current?.then((proc) => proc.kill());
  current = undefined;
}
