// Entry of the training process in the desktop app (Electron utilityProcess): the protocol of ./worker.ts, carried
// over process.parentPort instead of a child_process IPC channel. Electron ends a utility process with its parent,
// so a closed app never leaves one behind; the main process kills it when its window closes.
import type { ParentPort } from 'electron';
import { ToWorkerSchema, type FromWorker } from './protocol.js';
import { TrainingSession } from './session.js';

const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('the training utility entry must be started with Electron utilityProcess.fork');
  process.exit(2);
}
const post = (m: FromWorker) => port.postMessage(m);
const session = new TrainingSession(post);
let started = false;

port.on('message', ({ data }) => {
  const msg = ToWorkerSchema.safeParse(data);
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
    // Let the exit message flush before the process goes.
    setTimeout(() => process.exit(code), 50);
  });
});
