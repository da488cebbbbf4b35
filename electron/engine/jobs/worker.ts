// Entry of the engine-jobs process: runs export, preview and describe jobs for a host, one at a time, so the host's
// event loop (Electron's main process, the web host) never computes. Started with child_process.fork by the web host
// (messages over process.send) or with Electron's utilityProcess by the desktop app (messages over parentPort).
// Exits when the host goes away.
import type { ParentPort } from 'electron';
import { jobs } from './jobs.js';
import { JobRequestSchema, type JobReply } from './protocol.js';

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (!parentPort && !process.send) {
  console.error('the engine-jobs process must be started by a Layerloom host (child_process.fork or utilityProcess)');
  process.exit(2);
}
const reply = (m: JobReply) => (parentPort ? parentPort.postMessage(m) : process.send!(m));
let queue: Promise<void> = Promise.resolve();

function handle(raw: unknown): void {
  const msg = JobRequestSchema.safeParse(raw);
  if (!msg.success) return; // only our host talks to us; a malformed message has no id to answer
  const { id, job, args } = msg.data;
  queue = queue.then(async () => {
    try {
      const run = jobs[job] as (...a: unknown[]) => Promise<unknown>;
      reply({ id, result: JSON.parse(JSON.stringify(await run(...args))) });
    } catch (e) {
      const err = e as Error & { node?: unknown };
      reply({ id, error: String(err?.message ?? e).split('\n')[0]!, ...(typeof err?.node === 'string' ? { node: err.node } : {}) });
    }
  });
}

if (parentPort) parentPort.on('message', ({ data }) => handle(data));
else {
  process.on('message', handle);
  process.on('disconnect', () => process.exit(0));
}
