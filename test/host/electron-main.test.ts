// The Electron main process (electron/main.ts) against a stand-in `electron` module: Electron cannot launch on
// machines without its binary or a display, but the wiring — window security options, the IPC sender check, the
// app:// protocol, menus, title, close prompt, command-line projects — is plain code and is checked here.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { irisProject, tempDir } from './fixtures.js';

const tmp = tempDir('electron');
const projectFile = path.join(tmp.dir, 'projects', 'iris.layerloom.json');

type Listener = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const on = (target: { listeners: Map<string, Listener[]> }) => (event: string, fn: Listener) => {
    target.listeners.set(event, [...(target.listeners.get(event) ?? []), fn]);
    return target;
  };
  const emit = (target: { listeners: Map<string, Listener[]> }, event: string, ...args: unknown[]) =>
    (target.listeners.get(event) ?? []).map((fn) => fn(...args));
  let ready!: () => void;
  const state = {
    ready: new Promise<void>((r) => (ready = r)),
    windows: [] as FakeWindow[],
    ipcHandle: new Map<string, Listener>(),
    ipcOn: new Map<string, Listener>(),
    protocolHandler: undefined as undefined | ((req: Request) => Promise<Response>),
    permissionRequest: undefined as undefined | Listener,
    menu: undefined as undefined | { label?: string; submenu?: { label?: string; role?: string; click?: () => void }[] }[],
    messageBoxChoice: 1,
    errors: [] as string[],
    children: [] as { modulePath: string; posted: unknown[]; killed: boolean; listeners: Map<string, Listener[]> }[],
  };
  class FakeWindow {
    listeners = new Map<string, Listener[]>();
    title = '';
    closed = false;
    url = '';
    sent: { channel: string; message: unknown }[] = [];
    webContents: Record<string, unknown>;
    constructor(readonly options: Record<string, unknown>) {
      const contentsListeners = { listeners: new Map<string, Listener[]>() };
      this.webContents = {
        id: state.windows.length + 1, isDestroyed: () => this.closed, on: on(contentsListeners), getURL: () => this.url,
        send: (channel: string, message: unknown) => this.sent.push({ channel, message }),
      };
      state.windows.push(this);
    }
    on = on(this);
    once = on(this);
    loadURL = async (url: string) => void (this.url = url);
    setTitle = (t: string) => void (this.title = t);
    close = () => {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      emit(this, 'close', event);
      if (!event.defaultPrevented) {
        this.closed = true;
        emit(this, 'closed');
      }
    };
    focus = () => undefined;
    isMinimized = () => false;
    static getFocusedWindow = () => state.windows.find((w) => !w.closed) ?? null;
    static getAllWindows = () => state.windows.filter((w) => !w.closed);
  }
  const appTarget = { listeners: new Map<string, Listener[]>() };
  const electron = {
    app: {
      on: on(appTarget), setPath: () => undefined, enableSandbox: () => undefined, requestSingleInstanceLock: () => true,
      whenReady: () => state.ready, getPath: () => '/tmp', isPackaged: false, quit: () => undefined, exit: () => undefined,
      getVersion: () => '0.0.0', addRecentDocument: () => undefined,
    },
    BrowserWindow: FakeWindow,
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: (_s: string, fn: (req: Request) => Promise<Response>) => void (state.protocolHandler = fn) },
    session: { defaultSession: { setPermissionRequestHandler: (fn: Listener) => void (state.permissionRequest = fn), setPermissionCheckHandler: () => undefined } },
    ipcMain: { handle: (c: string, fn: Listener) => void state.ipcHandle.set(c, fn), on: (c: string, fn: Listener) => void state.ipcOn.set(c, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: typeof state.menu) => void (state.menu = m) },
    dialog: {
      showErrorBox: (title: string, text: string) => void state.errors.push(`${title}: ${text}`),
      showMessageBoxSync: () => state.messageBoxChoice,
      showMessageBox: async () => ({ response: 0 }),
    },
    utilityProcess: {
      fork: (modulePath: string) => {
        const child = {
          listeners: new Map<string, Listener[]>(), modulePath, posted: [] as unknown[], killed: false,
          stderr: { on: () => undefined },
          postMessage: (m: unknown) => void child.posted.push(m),
          kill: () => {
            child.killed = true;
            emit(child, 'exit', 15);
          },
          on: undefined as unknown as (event: string, fn: Listener) => unknown,
        };
        child.on = on(child);
        state.children.push(child);
        return child;
      },
    },
  };
  return { state, electron, start: () => ready(), emit, FakeWindow };
});
type FakeWindow = InstanceType<typeof fake.FakeWindow>;

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

beforeAll(async () => {
  const root = path.join(tmp.dir, 'root');
  mkdirSync(path.join(root, 'templates'), { recursive: true });
  mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), '{"version":"1.2.3"}');
  writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  mkdirSync(path.dirname(projectFile), { recursive: true });
  writeFileSync(projectFile, JSON.stringify(irisProject()));
  process.env.LAYERLOOM_ROOT = root;
  process.env.LAYERLOOM_USER_DATA = path.join(tmp.dir, 'user-data');
  process.env.LAYERLOOM_PROJECTS_DIR = path.dirname(projectFile);
  // As if launched as `electron . iris.layerloom.json`.
  process.argv = [process.argv[0]!, 'main.cjs', projectFile];
  await import('../../electron/main.js');
  fake.start();
  await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
  await vi.waitFor(() => expect(fake.state.ipcHandle.size).toBe(1));
});
afterAll(() => tmp.cleanup());

const win = () => fake.state.windows[0]!;
const topFrame = (url = 'app://layerloom/index.html') => ({ sender: win().webContents, senderFrame: { url, parent: null } });
const invoke = (channel: string, request: unknown, event = topFrame()) => fake.state.ipcHandle.get('layerloom:invoke')!(event, channel, request);
const events = () => win().sent.filter((s) => s.channel === 'layerloom:event').map((s) => s.message);

describe('window', () => {
  test('is sandboxed, context-isolated, without Node, and loads app://', () => {
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String((win().options.webPreferences as { preload: string }).preload)).toMatch(/dist[/\\]electron[/\\]preload\.cjs$/);
    expect(win().url).toBe('app://layerloom/index.html');
  });

  test('the title follows window:state, with a dirty mark', async () => {
    expect(await invoke('window:state', { title: 'Iris MLP', dirty: true })).toEqual({ response: {} });
    expect(win().title).toBe('● Iris MLP — Layerloom');
    await invoke('window:state', { title: 'Iris MLP', dirty: false });
    expect(win().title).toBe('Iris MLP — Layerloom');
  });
});

describe('IPC', () => {
  test('requests from the app frame reach the handlers', async () => {
    expect(await invoke('app:info', {})).toMatchObject({ response: { host: 'electron', version: '1.2.3' } });
    expect(await invoke('project:open', { path: 42 })).toMatchObject({ field: 'path' });
  });

  test('requests from another origin or a sub-frame are refused', async () => {
    expect(await invoke('app:info', {}, topFrame('https://evil.example/'))).toMatchObject({ error: expect.stringMatching(/refused/) });
    expect(await invoke('app:info', {}, { sender: win().webContents, senderFrame: { url: 'app://layerloom/x.html', parent: {} } } as never))
      .toMatchObject({ error: expect.stringMatching(/refused/) });
  });

  test('a project given on the command line is held until the page listens, then delivered', () => {
    expect(events()).toEqual([]);
    fake.state.ipcOn.get('layerloom:subscribe')!(topFrame(), 'project:opened');
    expect(events()).toMatchObject([{ event: 'project:opened', payload: { path: projectFile, project: { name: 'Iris MLP' } } }]);
  });
});

describe('app:// protocol', () => {
  test('serves the renderer with a CSP and nothing outside it', async () => {
    const res = await fake.state.protocolHandler!(new Request('app://layerloom/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fake.state.protocolHandler!(new Request('app://elsewhere/index.html'))).status).toBe(404);
    // The URL parser folds `%2e%2e` segments itself; an encoded slash survives it and is refused by the path check.
    expect((await fake.state.protocolHandler!(new Request('app://layerloom/%2e%2e/package.json'))).status).toBe(404);
    expect((await fake.state.protocolHandler!(new Request('app://layerloom/..%2fpackage.json'))).status).toBe(403);
  });

  test('permissions other than clipboard and full screen are refused', () => {
    const decide = (permission: string) => {
      let allowed: boolean | undefined;
      fake.state.permissionRequest!({ getURL: () => 'app://layerloom/index.html' }, permission, (ok: boolean) => (allowed = ok));
      return allowed;
    };
    expect(decide('geolocation')).toBe(false);
    expect(decide('media')).toBe(false);
    expect(decide('clipboard-sanitized-write')).toBe(true);
  });
});

describe('menus', () => {
  test('File, Edit, View and Help carry the DESIGN §9 items and send menu:command', () => {
    const labels = (name: string) => fake.state.menu!.find((m) => m.label?.replace('&', '') === name)!.submenu!.map((i) => i.label ?? i.role).filter(Boolean);
    expect(labels('File')).toEqual(['New from Template…', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export ONNX…', 'Quit']);
    expect(labels('Edit')).toEqual(['Undo', 'Redo', 'cut', 'copy', 'paste', 'Delete', 'Select All']);
    expect(labels('View')).toContain('Fit View');
    expect(labels('Help')).toContain('Keyboard Shortcuts');
    const recent = fake.state.menu!.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'Open Recent') as { submenu: { label: string }[] };
    expect(recent.submenu[0]!.label).toContain('iris.layerloom.json');

    fake.state.ipcOn.get('layerloom:subscribe')!(topFrame(), 'menu:command');
    fake.state.menu!.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'Save')!.click!();
    expect(events().at(-1)).toEqual({ event: 'menu:command', payload: { command: 'file.save' } });
  });
});

describe('training', () => {
  test('runs in a utility process, relays its events, and stops when the window closes', async () => {
    fake.state.ipcOn.get('layerloom:subscribe')!(topFrame(), 'train:event');
    const reply = await invoke('train:start', { project: irisProject(), options: { backend: 'cpu', epochs: 1 } }) as { response: { runId: string } };
    const child = fake.state.children[0]!;
    expect(child.modulePath).toMatch(/dist[/\\]utility-train\.cjs$/);
    expect(child.posted[0]).toMatchObject({ type: 'start', backend: 'cpu', epochs: 1, project: { name: 'Iris MLP' } });
    fake.emit(child, 'message', { type: 'event', event: { event: 'status', state: 'running' } });
    expect(events().at(-1)).toEqual({ event: 'train:event', payload: { runId: reply.response.runId, event: { event: 'status', state: 'running' } } });
    expect(await invoke('train:control', { runId: reply.response.runId, action: 'pause' })).toEqual({ response: { ok: true } });
    expect(child.posted[1]).toEqual({ type: 'control', action: 'pause' });
    expect(child.killed).toBe(false);
  });
});

describe('closing', () => {
  test('a dirty window asks; "Save" saves first and closes once clean', async () => {
    await invoke('window:state', { title: 'Iris MLP', dirty: true });
    fake.state.messageBoxChoice = 2; // Cancel
    win().close();
    expect(win().closed).toBe(false);
    fake.state.messageBoxChoice = 0; // Save
    win().close();
    expect(win().closed).toBe(false);
    expect(events().at(-1)).toEqual({ event: 'menu:command', payload: { command: 'file.save' } });
    await invoke('window:state', { title: 'Iris MLP', dirty: false });
    expect(win().closed).toBe(true);
    // Its training run went with it.
    expect(fake.state.children[0]!.killed).toBe(true);
  });
});
