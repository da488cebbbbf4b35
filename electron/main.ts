// The Electron main process: one instance, secure windows on app://, native menus and dialogs, and the shared IPC
// handlers (electron/host/handlers.ts) behind a sender check. Training runs in utility processes.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { EventName, EventPayload } from '../shared/ipc/contract.js';
import { appRoot } from './engine/paths.js';
import { HostClient } from './host/client.js';
import { createHandlers, type Handlers } from './host/handlers.js';
import { userDataDir } from './host/user-data.js';
import { chooseOpenPath, chooseSavePath } from './app/dialogs.js';
import { DROP_FILE, EVENT, INVOKE, SUBSCRIBE } from './app/ipc-names.js';
import { menuTemplate, type MenuAction } from './app/menu.js';
import { isAppUrl, registerAppScheme, serveApp } from './app/protocol.js';
import { startUtilityRun } from './app/utility-runner.js';
import { applyWindowState, createAppWindow, PRODUCT, type WindowState } from './app/window.js';

interface AppWindow {
  win: BrowserWindow;
  state: WindowState;
  client: HostClient;
  /** Events the page listens to; others (project:opened at start-up) are held until it does. */
  subscribed: Set<string>;
  held: { event: EventName; payload: unknown }[];
}

const windows = new Map<number, AppWindow>();
const log = (line: string) => console.error(line);

// Tests and side-by-side installs point LAYERLOOM_USER_DATA elsewhere; Chromium's profile (and with it the
// single-instance lock) follows, so two such instances do not collide.
if (process.env.LAYERLOOM_USER_DATA) app.setPath('userData', path.join(path.resolve(process.env.LAYERLOOM_USER_DATA), 'electron'));
registerAppScheme();
app.enableSandbox();

let handlers: Handlers;
let defaultDir = homedir();
const pendingFiles: string[] = [];

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    const aw = mainWindow();
    if (aw) {
      if (aw.win.isMinimized()) aw.win.restore();
      aw.win.focus();
    }
    const file = projectArg(argv.slice(1), cwd);
    if (file) void openProjectIn(file, aw ?? openWindow());
  });
  // macOS: a project opened from Finder or the Dock, possibly before `ready`.
  app.on('open-file', (e, file) => {
    e.preventDefault();
    if (!handlers) pendingFiles.push(file);
    else void openProjectIn(file, mainWindow() ?? openWindow());
  });
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (handlers && windows.size === 0) openWindow();
  });
  app.whenReady().then(start).catch((e: Error) => {
    dialog.showErrorBox(`${PRODUCT} could not start`, e.stack ?? e.message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const rendererDir = path.join(appRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error(`the renderer is not built (${rendererDir}): run npm run build`);
  serveApp(rendererDir);
  allowOnlyAppPermissions();
  try {
    defaultDir = process.env.LAYERLOOM_PROJECTS_DIR ? path.resolve(process.env.LAYERLOOM_PROJECTS_DIR) : app.getPath('documents');
  } catch {
    defaultDir = homedir();
  }
  handlers = createHandlers({
    kind: 'electron', userDataDir: userDataDir(), defaultDir, startRun: startUtilityRun, log,
    chooseOpenPath: (client) => chooseOpenPath(windowOf(client)?.win, defaultDir),
    chooseSavePath: (client, kind, suggested) => chooseSavePath(windowOf(client)?.win, kind, suggested),
    windowState: (client, state) => {
      const aw = windowOf(client);
      if (aw) applyWindowState(aw.win, aw.state, state);
    },
    recentChanged: (paths) => setMenu(paths),
  });
  registerIpc();
  setMenu(await handlers.recent.list());
  const aw = openWindow();
  const file = projectArg(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());
  for (const f of [...(file ? [file] : []), ...pendingFiles.splice(0)]) await openProjectIn(f, aw);
}

function openWindow(): AppWindow {
  const { win, state } = createAppWindow(path.join(appRoot(), 'dist', 'electron', 'preload.cjs'), (w, command) => {
    const target = windows.get(w.webContents.id);
    if (target) send(target, 'menu:command', { command });
  });
  const contents = win.webContents;
  const id = contents.id;
  const client = new HostClient((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT, { event, payload });
  }, `window ${id}`);
  const aw: AppWindow = { win, state, client, subscribed: new Set(), held: [] };
  windows.set(id, aw);
  // A closed window, or a crashed page, ends the runs it started.
  win.on('closed', () => {
    client.close();
    windows.delete(id);
  });
  contents.on('render-process-gone', (_e, details) => {
    log(`the page of ${client.label} is gone (${details.reason}); stopping its training runs`);
    for (const run of client.runs.values()) run.kill();
  });
  return aw;
}

function registerIpc(): void {
  ipcMain.handle(INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown) => {
    const aw = trusted(event);
    if (!aw) return { error: 'refused: the request did not come from a Layerloom window' };
    return handlers.dispatch(channel, request, aw.client);
  });
  ipcMain.on(SUBSCRIBE, (event: IpcMainEvent, name: unknown) => {
    const aw = trusted(event);
    if (!aw || typeof name !== 'string') return;
    aw.subscribed.add(name);
    const ready = aw.held.filter((h) => h.event === name);
    aw.held = aw.held.filter((h) => h.event !== name);
    for (const h of ready) aw.client.send(h.event, h.payload as never);
  });
  ipcMain.on(DROP_FILE, (event: IpcMainEvent, file: unknown) => {
    const aw = trusted(event);
    const parsed = z.string().min(1).max(4096).safeParse(file);
    if (aw && parsed.success) void openProjectIn(parsed.data, aw);
  });
}

/** The window that sent an IPC message, if it is ours and the message came from its top frame on app://. */
function trusted(event: IpcMainEvent | IpcMainInvokeEvent): AppWindow | undefined {
  const aw = windows.get(event.sender.id);
  const frame = event.senderFrame;
  if (aw && frame && frame.parent === null && isAppUrl(frame.url)) return aw;
  log(`refused an IPC message from ${frame?.url ?? 'an unknown frame'}`);
  return undefined;
}

function send<E extends EventName>(aw: AppWindow, event: E, payload: EventPayload<E>): void {
  if (aw.subscribed.has(event)) aw.client.send(event, payload);
  else aw.held.push({ event, payload });
}

async function openProjectIn(file: string, aw: AppWindow): Promise<void> {
  try {
    const opened = await handlers.openProject(file);
    setMenu(await handlers.recent.add(opened.path));
    send(aw, 'project:opened', opened);
    aw.win.focus();
  } catch (e) {
    dialog.showErrorBox('Cannot open the project', (e as Error).message);
  }
}

function onMenu(action: MenuAction): void {
  const aw = windowOf(undefined);
  if (action.type === 'command') {
    send(aw ?? openWindow(), 'menu:command', { command: action.command });
  } else if (action.type === 'open-recent') {
    if (existsSync(action.path)) void openProjectIn(action.path, aw ?? openWindow());
    else {
      dialog.showErrorBox('Cannot open the project', `${action.path} no longer exists.`);
      void handlers.recent.remove(action.path).then(setMenu);
    }
  } else if (action.type === 'clear-recent') {
    void handlers.recent.clear().then(setMenu);
  } else {
    const v = process.versions;
    void dialog.showMessageBox({
      type: 'info', title: `About ${PRODUCT}`, message: `${PRODUCT} ${app.getVersion()}`,
      detail: `Design, train and export neural networks.\n\nElectron ${v.electron} · Chromium ${v.chrome} · Node ${v.node}`,
    });
  }
}

function setMenu(recent: string[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, recent, dev: !app.isPackaged }, onMenu)));
  if (process.platform !== 'linux') for (const p of recent.slice().reverse()) app.addRecentDocument(p);
}

/** The window of a client, or (no client) the focused window, else the first one. */
function windowOf(client: HostClient | undefined): AppWindow | undefined {
  if (client) return [...windows.values()].find((w) => w.client === client);
  const focused = BrowserWindow.getFocusedWindow();
  return (focused && windows.get(focused.webContents.id)) || mainWindow();
}

function mainWindow(): AppWindow | undefined {
  return windows.values().next().value;
}

/** The first argument naming an existing .json file (a project passed on the command line or by the OS). */
export function projectArg(argv: string[], cwd: string): string | undefined {
  for (const arg of argv) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith('.json')) continue;
    const full = path.resolve(cwd, arg);
    if (existsSync(full)) return full;
  }
  return undefined;
}

/** No navigation, no new windows, no <webview>: the app is one page on app://. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The page may use the clipboard and full screen; every other permission (camera, geolocation, …) is refused. */
function allowOnlyAppPermissions(): void {
  const allowed = new Set(['clipboard-read', 'clipboard-sanitized-write', 'fullscreen']);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => callback(isAppUrl(contents.getURL()) && allowed.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => isAppUrl(origin) && allowed.has(permission));
}
