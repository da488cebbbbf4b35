// The Layerloom renderer: the start screen until a project is open, then the editor. Everything talks to the host
// through HostApi only, so the same bundle runs in Electron and in a browser.
import { useEffect, useState } from 'react';
import type { HostApi } from '../shared/ipc/contract.js';
import { EditorContext, useEditor } from './app/context.js';
import { Editor } from './app/editor.js';
import { normalizeCommand, runCommand } from './app/commands.js';
import { Toasts } from './app/StatusBar.js';
import { ShortcutsSheet } from './app/ShortcutsSheet.js';
import { useShortcuts } from './app/useShortcuts.js';
import { Workspace } from './app/Workspace.js';
import { baseName, type Recovery } from './files/file-actions.js';
import { DialogHost } from './files/FileDialog.js';
import { StartScreen } from './files/StartScreen.js';

/** The editor lives as long as the page: one per window, made once (not per render, not per effect run). */
export function App({ host, editor: given }: { host: HostApi; editor?: Editor }) {
  const [editor] = useState(() => given ?? new Editor(host));
  return (
    <EditorContext.Provider value={editor}>
      <Shell editor={editor} />
    </EditorContext.Provider>
  );
}

function Shell({ editor }: { editor: Editor }) {
  const hasProject = useEditor((s) => s.project !== null);
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  useShortcuts(editor);
  useHost(editor, setRecovery);
  useWindowTitle(editor);
  return (
    <>
      {hasProject ? <Workspace /> : <StartScreen recovery={recovery} onRecoveryHandled={() => setRecovery(null)} />}
      <Toasts />
      <DialogHost />
      <ShortcutsSheet />
    </>
  );
}

/** Host wiring: app info, crash recovery, autosave, menu commands, projects opened from outside. */
function useHost(editor: Editor, setRecovery: (r: Recovery | null) => void): void {
  useEffect(() => {
    let live = true;
    const { host, files } = editor;
    host.invoke('app:info', {}).then((info) => live && editor.info.set(info), () => undefined);
    void files.recovery().then((r) => {
      if (live && r) setRecovery(r);
    });
    const stopAutosave = files.startAutosave(4000);
    const offMenu = host.on('menu:command', ({ command }) => {
      if (editor.isEcho(normalizeCommand(command))) return;
      void runCommand(editor, command);
    });
    const offOpened = host.on('project:opened', (payload) => void files.opened(payload));
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      // Electron's main process asks about unsaved changes itself; in a browser tab, the browser asks.
      if (editor.info.get()?.host === 'electron' || !editor.store.getState().dirty) return;
      void files.autosaveNow();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // A failure nobody caught still reaches the user as a message, never as a silent dead end.
    const onRejection = (e: PromiseRejectionEvent) => {
      e.preventDefault();
      editor.notices.error(`Something went wrong: ${(e.reason as Error)?.message ?? String(e.reason)}`);
    };
    const onError = (e: ErrorEvent) => {
      if (e.error) editor.notices.error(`Something went wrong: ${e.message}`);
    };
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
    return () => {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
      live = false;
      stopAutosave();
      offMenu();
      offOpened();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [editor, setRecovery]);
}

/**
 * The title ("● name — Layerloom" while there are unsaved changes), and the same state for the host (`window:state`:
 * Electron titles its window from it and asks before closing a dirty one).
 */
function useWindowTitle(editor: Editor): void {
  const name = useEditor((s) => (s.project ? s.project.name || (s.path ? baseName(s.path) : 'Untitled') : null));
  const path = useEditor((s) => s.path);
  const dirty = useEditor((s) => s.dirty);
  useEffect(() => {
    document.title = name === null ? 'Layerloom' : `${dirty ? '● ' : ''}${name} — Layerloom`;
    const state = { title: name ?? '', dirty, ...(path ? { path } : {}) };
    editor.host.invoke('window:state', state).catch(() => undefined);
  }, [editor, name, path, dirty]);
}
