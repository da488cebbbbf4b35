// End-to-end tests (DESIGN §11). Two projects:
//   web       Debian's Chromium against the web host (built if needed, started per worker on a random port with
//             fresh user-data and projects folders; see e2e/fixtures.ts). Runs everywhere, CI included.
//   electron  the desktop app through Playwright's _electron; skipped, with the reason printed, where the Electron
//             binary or a display is missing.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  // Two cores: one worker, one browser at a time (training in the tests needs the other core).
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure', viewport: { width: 1440, height: 900 } },
  projects: [
    {
      name: 'web',
      testDir: './e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.LAYERLOOM_CHROMIUM || '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testDir: './e2e/electron' },
  ],
});
