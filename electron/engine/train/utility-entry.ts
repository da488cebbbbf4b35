// Entry of the training process in the desktop app (Electron utilityProcess): the protocol of ./worker.ts, carried
// over process.parentPort instead of a child_process IPC channel. Electron ends a utility process with its parent,
// so a closed app never leaves one behind; the main process kills it when its window closes.
import type { ParentPort } from 'electron';
import { serveTraining } from './session.js';

const port = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('the training utility entry must be started with Electron utilityProcess.fork');
  process.exit(2);
}
const handle = serveTraining((m) => port.postMessage(m), (code) => {
  // Let the exit message flush before the process goes.
  setTimeout(() => process.exit(code), 50);
});
port.on('message', ({ data }) => handle(data));
