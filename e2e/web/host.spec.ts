// Smoke journey for the web host: the built app loads from the host, talks to it, and shows its start screen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures.js';
import { EditorPage } from '../pages/editor.js';

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

test('open a template, save it under a new name, reopen it: the same graph', async ({ app, webHost }) => {
  await app.goto();
  const ed = new EditorPage(app.page);
  await expect(ed.startHeading).toBeVisible();
  await ed.openTemplate(/Digits CNN/);
  await expect(ed.nodes).toHaveCount(9);
  await expect(ed.noProblems).toBeVisible();
  const before = await ed.nodeNames();

  await ed.saveAs('my-digits-cnn');
  await expect(ed.dirtyMark).toHaveCount(0);
  const saved = JSON.parse(readFileSync(path.join(webHost.projectsDir, 'my-digits-cnn.layerloom.json'), 'utf8'));
  expect(saved.models.main.nodes).toHaveLength(9);

  await ed.button('Start screen').click();
  await expect(ed.startHeading).toBeVisible();
  await ed.open('my-digits-cnn.layerloom.json');
  await expect(ed.nodes).toHaveCount(9);
  expect(await ed.nodeNames()).toEqual(before);
  await expect(ed.edges).toHaveCount(8);
  app.expectNoConsoleErrors();
});
