// The app window: sandboxed, context-isolated, no Node in the page, app:// content only; the title shows the
// project name and a dirty mark, and closing a window with unsaved changes asks first.
import { BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Request } from '../../shared/ipc/contract.js';
import { appRoot } from '../engine/paths.js';
import { APP_ORIGIN } from './protocol.js';

export const PRODUCT = 'Layerloom';

export interface WindowState {
  title: string;
  dirty: boolean;
  path?: string;
  /** Set after the user chose "Save" in the close prompt: close once the renderer reports a clean state. */
  closeAfterSave: boolean;
  /** Set after "Don't Save": the next close goes through. */
  forceClose: boolean;
}

/** The window title: "● name — Layerloom" while dirty. */
export function windowTitle(state: Pick<WindowState, 'title' | 'dirty' | 'path'>): string {
  const name = state.title || (state.path ? path.basename(state.path) : '') || 'Untitled';
  return `${state.dirty ? '● ' : ''}${name} — ${PRODUCT}`;
}

export function createAppWindow(preload: string, onCommand: (win: BrowserWindow, command: string) => void): { win: BrowserWindow; state: WindowState } {
  const icon = path.join(appRoot(), 'build', 'icon.png');
  const win = new BrowserWindow({
    width: 1440, height: 900, minWidth: 800, minHeight: 560, show: false, title: PRODUCT, backgroundColor: '#1e1f24',
    ...(process.platform === 'linux' && existsSync(icon) ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const state: WindowState = { title: '', dirty: false, closeAfterSave: false, forceClose: false };

  win.once('ready-to-show', () => win.show());
  // The page's <title> must not replace ours.
  win.on('page-title-updated', (e) => e.preventDefault());
  win.on('close', (e) => {
    if (!state.dirty || state.forceClose) return;
    e.preventDefault();
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning', buttons: ['Save', "Don't Save", 'Cancel'], defaultId: 0, cancelId: 2, noLink: true,
      message: `Do you want to save the changes to “${state.title || 'Untitled'}”?`,
      detail: "Your changes will be lost if you don't save them.",
    });
    if (choice === 0) {
      state.closeAfterSave = true;
      onCommand(win, 'file.save');
    } else if (choice === 1) {
      state.forceClose = true;
      win.close();
    }
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return { win, state };
}

export function applyWindowState(win: BrowserWindow, state: WindowState, next: Request<'window:state'>): void {
  state.title = next.title;
  state.dirty = next.dirty;
  state.path = next.path;
  win.setTitle(windowTitle(state));
  if (process.platform === 'darwin') {
    win.setDocumentEdited(next.dirty);
    if (next.path) win.setRepresentedFilename(next.path);
  }
  if (state.closeAfterSave && !next.dirty) {
    state.forceClose = true;
    win.close();
  }
}
