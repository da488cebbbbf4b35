// React access to the editor: the context, and hooks that subscribe to exactly the slice a component renders.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ValidationSnapshot } from '../diagnostics/validator.js';
import type { Notice } from '../store/notices.js';
import type { EditorState } from '../store/store.js';
import type { ValueStore } from '../store/value-store.js';
import type { Editor } from './editor.js';

export const EditorContext = createContext<Editor | null>(null);

export function useEditorInstance(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditorInstance outside <EditorContext.Provider>');
  return editor;
}

/** A slice of the document state; the selector must return a stable value (a field, not a new object). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  const { store } = useEditorInstance();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useValidation(): ValidationSnapshot | null {
  const { validator } = useEditorInstance();
  return useSyncExternalStore(validator.subscribe, validator.getSnapshot);
}

export function useNotices(): readonly Notice[] {
  const { notices } = useEditorInstance();
  return useSyncExternalStore(notices.subscribe, notices.getSnapshot);
}

export function useValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
