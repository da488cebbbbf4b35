// `npm run web` (dist/web.mjs): serves the renderer and the IPC contract on 127.0.0.1 and prints the address.
//   --port N     0 (default) picks a free port
//   --no-open    do not open a browser (the default on CI and without a display)
//   --open       open one even there
//   --root DIR   where file browsing starts and unsaved projects live (default: the folder npm was run from)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot } from '../engine/paths.js';
import { startRun } from '../engine/train/runner.js';
import { createHandlers } from './handlers.js';
import { userDataDir } from './user-data.js';
import { startWebServer } from './web-server.js';

function fail(message: string): never {
  console.error(`layerloom web: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: 'string', default: '0' }, open: { type: 'boolean' }, 'no-open': { type: 'boolean' }, root: { type: 'string' } },
  }).values;
} catch (e) {
  fail(`${(e as Error).message} (options: --port N, --no-open, --open, --root DIR)`);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got ${args.port}`);
// npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
const root = path.resolve(args.root ?? process.env.INIT_CWD ?? process.cwd());
if (!existsSync(root)) fail(`--root ${root}: no such folder`);

const log = (line: string) => console.error(line);
const handlers = createHandlers({ kind: 'web', userDataDir: userDataDir(), defaultDir: root, startRun, log });
const server = await startWebServer({ handlers, rendererDir: path.join(appRoot(), 'dist', 'renderer'), port, log }).catch((e: Error) =>
  fail(`cannot listen on 127.0.0.1:${port}: ${e.message}`));

console.log(`Layerloom web host: ${server.url}`);

const headless = !!process.env.CI || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
if (args.open || (!args['no-open'] && !headless)) openBrowser(server.url);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    // Closing the server ends every client's training runs before we exit.
    void server.close().finally(() => process.exit(0));
  });
}

/** Best effort: xdg-open only where it exists; the printed address always works. */
function openBrowser(url: string): void {
  const [cmd, ...cmdArgs] =
    process.platform === 'darwin' ? ['open', url]
    : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url]
    : onPath('xdg-open') ? ['xdg-open', url] : [];
  if (!cmd) return;
  const child = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, cmd)));
}
