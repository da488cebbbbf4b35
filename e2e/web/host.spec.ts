// Smoke journey for the web host: the built app loads from the host, talks to it, and shows its start screen.
import { expect, test } from '../fixtures.js';

test('the app loads and shows its start screen', async ({ app }) => {
  await app.goto();
  await expect(app.start.heading).toBeVisible();
  app.expectNoConsoleErrors();
});

test('the page is served with a strict Content-Security-Policy', async ({ page, webHost }) => {
  const response = await page.goto(webHost.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
});
