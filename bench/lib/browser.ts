// Browser benchmarks: the real web host (dist/web.mjs) on a random port with its own user-data and projects folders,
// and Debian's Chromium driven by Playwright, launched as the e2e tests launch it (playwright.config.ts).
// Everything here is bounded in time and cleaned up by `stop()` / `close()`.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

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

/** The e2e tests' web host launcher: temp projects and user-data folders, a random port, its own process group. */
export { launchWebHost as startWebHost, type WebHost } from '../../e2e/web-host.js';

/** The value below which a fraction `p` of `values` lies (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
