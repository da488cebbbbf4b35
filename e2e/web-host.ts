// Starts the real web host (dist/web.mjs) as a child process on a random port, with its own temp user-data folder
// (recent files, recovery copy) and projects folder, and reads the address it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from '../scripts/ensure-built.mjs';

export interface WebHost {
  /** http://127.0.0.1:PORT/?token=… */
  url: string;
  origin: string;
  token: string;
  projectsDir: string;
  userDataDir: string;
  /** What the host logged on stderr so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export async function launchWebHost(): Promise<WebHost> {
  const base = mkdtempSync(path.join(tmpdir(), 'layerloom-e2e-'));
  const projectsDir = path.join(base, 'projects');
  const userDataDir = path.join(base, 'user-data');
  mkdirSync(projectsDir);
  mkdirSync(userDataDir);
  // Its own process group, so that whatever it starts (engine jobs, training) can be killed with it.
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'web.mjs'), '--port', '0', '--no-open', '--root', projectsDir], {
    cwd: projectsDir, env: { ...process.env, LAYERLOOM_USER_DATA: userDataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  /** SIGTERM, then SIGKILL to the process group after 5 s; removes the temp folders. Safe to call twice. */
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(base, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the web host did not print its address within 30 s:\n${stderr}`)), 30_000);
      child.stdout!.on('data', (d) => {
        stdout += d.toString();
        const m = /Layerloom web host: (http:\/\/\S+)/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the web host exited with code ${code}:\n${stderr}`));
      });
    });
    const parsed = new URL(url);
    return { url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', projectsDir, userDataDir, log: () => stderr, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
