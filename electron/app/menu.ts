// The native menus (DESIGN §9). Items send `menu:command` to the focused window's renderer, which owns the
// behaviour; Open Recent opens the file here and pushes `project:opened`.
//
// Keyboard shortcuts are handled by the renderer itself (they must work in the web host, which has no menu), so the
// File/Edit accelerators are shown but not registered (`registerAccelerator: false`): one key press, one action.
// Cut/Copy/Paste are native roles: they reach the page as DOM cut/copy/paste events, and keep working in text fields.
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** The command strings the renderer receives in `menu:command`. */
export const MENU_COMMANDS = [
  'file.new', 'file.open', 'file.save', 'file.save-as', 'file.export-onnx',
  'edit.undo', 'edit.redo', 'edit.delete', 'edit.select-all',
  'view.fit', 'view.layout', 'view.theme', 'help.shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type MenuAction =
  | { type: 'command'; command: MenuCommand }
  | { type: 'open-recent'; path: string }
  | { type: 'clear-recent' }
  | { type: 'about' };

export interface MenuOptions {
  platform: NodeJS.Platform;
  recent: string[];
  /** Development builds get Reload and the developer tools. */
  dev: boolean;
}

export function menuTemplate(opts: MenuOptions, act: (a: MenuAction) => void): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label, click: () => act({ type: 'command', command }), ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
  });
  const recent: MenuItemConstructorOptions[] = opts.recent.length
    ? [
      ...opts.recent.map((p): MenuItemConstructorOptions => ({ label: `${path.basename(p)} — ${path.dirname(p)}`, click: () => act({ type: 'open-recent', path: p }) })),
      { type: 'separator' },
      { label: 'Clear Recently Opened', click: () => act({ type: 'clear-recent' }) },
    ]
    : [{ label: 'No recent projects', enabled: false }];

  const about: MenuItemConstructorOptions = { label: 'About Layerloom', click: () => act({ type: 'about' }) };
  return [
    ...(isMac ? [{ label: 'Layerloom', submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        cmd('New from Template…', 'file.new', 'CmdOrCtrl+N'),
        cmd('Open…', 'file.open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        cmd('Save', 'file.save', 'CmdOrCtrl+S'),
        cmd('Save As…', 'file.save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        cmd('Export ONNX…', 'file.export-onnx', 'CmdOrCtrl+E'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        cmd('Redo', 'edit.redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        cmd('Delete', 'edit.delete', 'Delete'),
        { type: 'separator' },
        cmd('Select All', 'edit.select-all', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: '&View',
      submenu: [
        cmd('Fit View', 'view.fit', 'Shift+1'),
        cmd('Auto Layout', 'view.layout', 'Shift+L'),
        cmd('Toggle Light/Dark Theme', 'view.theme'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(opts.dev ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[] : []),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [cmd('Keyboard Shortcuts', 'help.shortcuts', 'F1'), ...(isMac ? [] : [{ type: 'separator' } as MenuItemConstructorOptions, about])],
    },
  ];
}
