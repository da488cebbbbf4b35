// The test fixtures: `webHost` (one per worker, see web-host.ts) and `app`, the page object for the whole app.
import { test as base } from '@playwright/test';
import { AppPage } from './pages/app-page.js';
import { launchWebHost, type WebHost } from './web-host.js';

export const test = base.extend<{ app: AppPage }, { webHost: WebHost }>({
  webHost: [async ({}, use) => {
    const host = await launchWebHost();
    await use(host);
    await host.stop();
  }, { scope: 'worker' }],
  app: async ({ page, webHost }, use) => {
    await use(new AppPage(page, webHost.url));
  },
});

export { expect } from '@playwright/test';
