// The desktop app through Playwright's Electron support. Where Electron cannot run (no binary: it is downloaded on
// first use and this machine may have no network; or no display) every test here is skipped, with the reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { root } from '../../scripts/ensure-built.mjs';

const binary = electronBinary();
const skipReason = binary.why ? `Electron cannot run here: ${binary.why}` : '';
if (skipReason) console.log(`[electron] skipped: ${skipReason}`);

test.describe('desktop app', () => {
  test.skip(!!skipReason, skipReason);

  test('opens a secure window on its start screen', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'layerloom-electron-'));
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [root],
      env: { ...process.env, LAYERLOOM_USER_DATA: path.join(base, 'user-data'), LAYERLOOM_PROJECTS_DIR: base } as Record<string, string>,
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'Start a project' })).toBeVisible();
      expect(window.url()).toMatch(/^app:\/\/layerloom\//);
      // No Node in the page; only the narrow bridge.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((globalThis as { layerloom?: object }).layerloom ?? {}).sort())).toEqual(['invoke', 'on', 'pathForFile']);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getTitle())).toMatch(/Layerloom$/);
    } finally {
      await app.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
