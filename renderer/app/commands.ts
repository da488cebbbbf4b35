// Commands by name: the host's native menus send them as `menu:command` events (e.g. "file.save", "edit.undo"),
// the keyboard shortcuts and toolbar run the same ones, so every entry point behaves the same.
import type { Editor } from './editor.js';
import { theme } from '../theme/theme.js';

/** Canonical command names (case and punctuation are ignored when matching: "file.save-as" = "file.saveAs"). */
export const COMMANDS = [
  'file.new', 'file.newEmpty', 'file.open', 'file.save', 'file.saveAs', 'file.close', 'file.exportOnnx',
  'edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.delete', 'edit.selectAll', 'edit.duplicate',
  'view.fitView', 'view.zoomIn', 'view.zoomOut', 'view.autoLayout', 'view.toggleTheme', 'view.toggleMinimap',
  'view.toggleSnap', 'view.problems', 'view.inspector', 'view.dataset', 'view.training', 'view.export',
  'help.shortcuts',
] as const;

/** Other spellings of the same commands (the Electron host's menu sends the short ones). */
const ALIASES: Record<string, string> = {
  'view.fit': 'view.fitview',
  'view.layout': 'view.autolayout',
  'view.theme': 'view.toggletheme',
  'help.keys': 'help.shortcuts',
};

export function normalizeCommand(command: string): string {
  const name = command.toLowerCase().replace(/[^a-z0-9.]/g, '');
  return ALIASES[name] ?? name;
}

export function isEditable(el: Element | null | undefined): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The editor keeps its own copy; pasting in this window still works.
  }
}

async function readClipboard(): Promise<string | null> {
  try {
    return await navigator.clipboard.readText();
  } catch {
    return null;
  }
}

/** Runs a command; unknown names are ignored (a newer host may send more). */
export async function runCommand(editor: Editor, command: string): Promise<void> {
  const { files } = editor;
  const name = normalizeCommand(command);
  const hasProject = editor.store.getState().project !== null;
  const active = typeof document !== 'undefined' ? document.activeElement : null;
  // Clipboard and select-all commands act on a focused text field first, as anywhere else.
  if (isEditable(active) && ['edit.cut', 'edit.copy', 'edit.paste', 'edit.selectall'].includes(name)) {
    document.execCommand(name.slice(5) === 'selectall' ? 'selectAll' : name.slice(5));
    return;
  }
  switch (name) {
    case 'file.new':
    case 'file.close':
      return files.close();
    case 'file.newempty':
      return files.newEmpty();
    case 'file.open':
      return files.open();
    case 'file.save':
      if (hasProject) await files.save();
      return;
    case 'file.saveas':
      if (hasProject) await files.saveAs();
      return;
    case 'file.exportonnx':
    case 'view.export':
      if (hasProject) editor.ui.set((u) => ({ ...u, dock: 'export' }));
      return;
    case 'view.inspector':
    case 'view.dataset':
    case 'view.training':
      if (hasProject) editor.ui.set((u) => ({ ...u, dock: name.slice(5) as 'inspector' | 'dataset' | 'training' }));
      return;
    case 'view.problems':
      editor.ui.set((u) => ({ ...u, bottom: 'problems', bottomOpen: true }));
      return;
    case 'view.toggletheme':
      theme.toggle();
      return;
    case 'help.shortcuts':
      editor.ui.set((u) => ({ ...u, shortcutsOpen: true }));
      return;
    case 'view.toggleminimap':
      editor.ui.set((u) => ({ ...u, minimap: !u.minimap }));
      return;
    case 'view.togglesnap':
      editor.ui.set((u) => ({ ...u, snapToGrid: !u.snapToGrid }));
      return;
  }
  if (!hasProject) return;
  switch (name) {
    case 'edit.undo':
      return editor.undo();
    case 'edit.redo':
      return editor.redo();
    case 'edit.copy': {
      const text = editor.copyText();
      if (text) await writeClipboard(text);
      return;
    }
    case 'edit.cut': {
      const text = editor.cutText();
      if (text) await writeClipboard(text);
      return;
    }
    case 'edit.paste':
      editor.pasteText((await readClipboard()) ?? undefined);
      return;
    case 'edit.delete':
      return editor.deleteSelection();
    case 'edit.selectall':
      return editor.selectAll();
    case 'edit.duplicate':
      return editor.duplicate();
    case 'view.fitview':
      return editor.canvas?.fitView();
    case 'view.zoomin':
      return editor.canvas?.zoomIn();
    case 'view.zoomout':
      return editor.canvas?.zoomOut();
    case 'view.autolayout':
      return editor.autoLayout();
  }
}

/** The command a key press means, or null. `inField`: focus is in a text field (most shortcuts then stay native). */
export function shortcutCommand(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, inField: boolean, inInspector: boolean): string | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (key === 's') return e.shiftKey ? 'file.saveAs' : 'file.save';
    if (key === 'o') return 'file.open';
    // In the inspector's fields, undo is the editor's (the field shows the restored value); elsewhere native.
    if (key === 'z' && (!inField || inInspector)) return e.shiftKey ? 'edit.redo' : 'edit.undo';
    if (key === 'y' && (!inField || inInspector)) return 'edit.redo';
    if (inField) return null;
    if (key === 'a') return 'edit.selectAll';
    if (key === 'd') return 'edit.duplicate';
    return null;
  }
  if (key === 'f1') return 'help.shortcuts';
  if (inField || e.altKey) return null;
  if (key === 'delete' || key === 'backspace') return 'edit.delete';
  if (e.shiftKey && (e.code === 'Digit1' || key === '!')) return 'view.fitView';
  if (e.shiftKey && key === 'l') return 'view.autoLayout';
  if (!e.shiftKey && (key === '=' || key === '+')) return 'view.zoomIn';
  if (e.shiftKey && key === '+') return 'view.zoomIn';
  if (!e.shiftKey && key === '-') return 'view.zoomOut';
  return null;
}
