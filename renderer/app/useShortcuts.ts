// Keyboard shortcuts (the same commands as the menus) and the clipboard: Ctrl/Cmd+C/X/V go through the browser's
// copy/cut/paste events, which need no clipboard permission and carry the layers as plain JSON text.
import { useEffect } from 'react';
import { isEditable, normalizeCommand, runCommand, shortcutCommand } from './commands.js';
import type { Editor } from './editor.js';

export function useShortcuts(editor: Editor): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || editor.dialog.get()) return;
      const active = document.activeElement;
      const inField = isEditable(active);
      const inInspector = inField && !!active?.closest('.ll-inspector');
      if (e.key === 'Escape' && !inField) {
        editor.clearSelection();
        return;
      }
      const command = shortcutCommand(e, inField, inInspector);
      if (!command) return;
      if (!editor.store.getState().project && !command.startsWith('file.')) return;
      e.preventDefault();
      editor.noteShortcut(normalizeCommand(command));
      void runCommand(editor, command);
    };
    const inField = () => isEditable(document.activeElement) || !!window.getSelection()?.toString();
    const onCopy = (e: ClipboardEvent) => {
      if (inField() || editor.dialog.get() || !editor.project) return;
      const text = editor.copyText();
      if (!text) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
      editor.notices.info(`Copied ${editor.store.getState().selection.nodes.length} layer${editor.store.getState().selection.nodes.length === 1 ? '' : 's'}`);
    };
    const onCut = (e: ClipboardEvent) => {
      if (inField() || editor.dialog.get() || !editor.project) return;
      const text = editor.cutText();
      if (!text) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(document.activeElement) || editor.dialog.get() || !editor.project) return;
      e.preventDefault();
      editor.pasteText(e.clipboardData?.getData('text/plain') ?? '');
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor]);
}
