// Browser benchmarks: the real web host (dist/web.mjs) on a random port with its own user-data and projects folders,
// and Debian's Chromium driven by Playwright, launched as the e2e tests launch it (playwright.config.ts).
// Everything here is bounded in time and cleaned up by `stop()` / `close()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { root } from '../../scripts/ensure-built.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium binary to use (LAYERLOOM_CHROMIUM, else Debian's), or undefined when it is not installed. */
export function chromiumPath(): string | undefined {
  const p = process.env.LAYERLOOM_CHROMIUM || '/usr/bin/chromium';
  return existsSync(p) ? p : undefined;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/** Closes the browser, giving up after `ms` (Playwright kills it when this process exits in any case). */
export async function closeBrowser(browser: Browser | undefined, ms = 10_000): Promise<void> {
  if (!browser) return;
  await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);
}

export interface WebHost {
  /** http://127.0.0.1:PORT/?token=… */
  url: string;
  /** The folder the host serves as its projects root (`--root`). */
  projectsDir: string;
  /** What the host wrote on stderr so far. */
  log(): string;
  /** SIGTERM, then SIGKILL to its process group after 5 s; removes the temp folders. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `node dist/web.mjs --port 0 --no-open --root <tmp>/projects` with LAYERLOOM_USER_DATA=<tmp>/user-data. */
export async function startWebHost(): Promise<WebHost> {
  const base = mkdtempSync(path.join(tmpdir(), 'layerloom-bench-'));
  const projectsDir = path.join(base, 'projects');
  const userDataDir = path.join(base, 'user-data');
  mkdirSync(projectsDir);
  mkdirSync(userDataDir);
  // Its own process group, so that whatever it starts (engine jobs) goes with it.
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'web.mjs'), '--port', '0', '--no-open', '--root', projectsDir], {
    cwd: projectsDir, env: { ...process.env, LAYERLOOM_USER_DATA: userDataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
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
    return { url, projectsDir, log: () => stderr, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The value below which a fraction `p` of `values` lies (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
