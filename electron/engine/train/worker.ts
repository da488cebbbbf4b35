// Entry of the training child process (web host, tests; Electron uses utilityProcess with the same session). Reads
// one start message and control messages over the IPC channel, posts events back, and exits when the run ends.
import { ToWorkerSchema } from './protocol.js';
import { TrainingSession } from './session.js';

if (!process.send) {
  console.error('the training worker must be started with an IPC channel (child_process.fork)');
  process.exit(2);
}
const post = (m: unknown) => process.send!(m);
const session = new TrainingSession(post);
let started = false;

process.on('message', (raw) => {
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
    process.disconnect?.();
    process.exitCode = code;
  });
});
// The host going away ends the run: no orphaned training processes.
process.on('disconnect', () => process.exit(process.exitCode ?? 0));
