#!/usr/bin/env node
// `npm start [-- PROJECT_FILE]`: the desktop app. Builds if needed and launches Electron; when Electron cannot
// start (no binary and no way to download it, no display, or it dies at once) it says why in one line and serves
// the web host instead (same handlers, in the browser). LAYERLOOM_WEB=1 goes straight to the web host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { ensureBuilt, root } from './ensure-built.mjs';

/** An Electron that exits with an error this soon did not start (missing libraries, sandbox, GPU…). */
const STARTUP_MS = 10_000;

ensureBuilt();
const args = process.argv.slice(2);

async function serveWeb(why) {
  console.log(why ? `Layerloom: Electron cannot start here: ${why}; serving the web host instead.` : 'Layerloom: LAYERLOOM_WEB is set; serving the web host.');
  // The web host takes the same options (--port, --no-open, --root) but no project file.
  const options = args.filter((a) => a.startsWith('-') || !a.toLowerCase().endsWith('.json'));
  process.argv = [process.argv[0], path.join(root, 'dist', 'web.mjs'), ...options];
  await import(pathToFileURL(path.join(root, 'dist', 'web.mjs')).href);
}

const found = process.env.LAYERLOOM_WEB ? { why: '' } : electronBinary({ download: true });
if (!found.path || found.why !== undefined) {
  await serveWeb(found.why);
} else {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const started = Date.now();
  const child = spawn(found.path, [root, ...args], { cwd: process.cwd(), env, stdio: ['inherit', 'inherit', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (d) => {
    process.stderr.write(d);
    tail = (tail + d.toString()).slice(-2000);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => void serveWeb(`launching ${found.path} failed (${e.message})`));
  child.on('exit', (code, signal) => {
    if ((code !== 0 || signal) && Date.now() - started < STARTUP_MS) {
      const line = tail.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code ?? signal}`;
      void serveWeb(`it exited at once (${line.trim()})`);
    } else process.exit(code ?? 1);
  });
}
