// Entry of the engine-jobs process: runs export, preview and describe jobs for a host, one at a time, so the host's
// event loop (Electron's main process, the web host) never computes. Exits when the host goes away.
import { jobs } from './jobs.js';
import { JobRequestSchema, type JobReply } from './protocol.js';

if (!process.send) {
  console.error('the engine-jobs process must be started with an IPC channel (child_process.fork)');
  process.exit(2);
}
const reply = (m: JobReply) => process.send!(m);
let queue: Promise<void> = Promise.resolve();

process.on('message', (raw) => {
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
});
process.on('disconnect', () => process.exit(0));
