// Entry of the training child process (web host, tests; Electron uses ./utility-entry.ts with the same session):
// messages over the child_process IPC channel; exits when the run ends or the host goes away.
import { serveTraining } from './session.js';

if (!process.send) {
  console.error('the training worker must be started with an IPC channel (child_process.fork)');
  process.exit(2);
}
process.on('message', serveTraining((m) => process.send!(m), (code) => {
  process.exitCode = code;
  process.disconnect?.();
}));
// The host going away ends the run: no orphaned training processes.
process.on('disconnect', () => process.exit(process.exitCode ?? 0));
