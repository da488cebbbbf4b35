// The keyboard shortcuts sheet (Help › Keyboard Shortcuts, F1).
import { useEffect, useRef } from 'react';
import { useEditorInstance, useValue } from './context.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const M = isMac ? '⌘' : 'Ctrl';

const ROWS: [string, string][] = [
  [`${M}+Z`, 'Undo'],
  [isMac ? '⌘+Shift+Z' : 'Ctrl+Y or Ctrl+Shift+Z', 'Redo'],
  [`${M}+C / ${M}+X / ${M}+V`, 'Copy, cut, paste layers (as JSON text: works between windows)'],
  [`${M}+D`, 'Duplicate the selection'],
  [`${M}+A`, 'Select all'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Drag on empty canvas', 'Box select (Shift or Ctrl adds to the selection)'],
  ['Space+drag, middle or right drag', 'Pan'],
  ['Wheel, + / -', 'Zoom'],
  ['Shift+1', 'Fit view'],
  ['Shift+L', 'Auto layout'],
  [`${M}+S / ${M}+Shift+S`, 'Save / Save as'],
  [`${M}+O`, 'Open'],
  ['Escape', 'Clear the selection'],
  ['Palette: click or Enter', 'Add the layer (below and wired to the selected layer)'],
];

export function ShortcutsSheet() {
  const editor = useEditorInstance();
  const { shortcutsOpen } = useValue(editor.ui);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (shortcutsOpen && !d.open) d.showModal();
    if (!shortcutsOpen && d.open) d.close();
  }, [shortcutsOpen]);
  const close = () => editor.ui.set((u) => ({ ...u, shortcutsOpen: false }));
  if (!shortcutsOpen) return null;
  return (
    <dialog ref={ref} className="ll-dialog" aria-labelledby="ll-keys-h" onCancel={(e) => { e.preventDefault(); close(); }}>
      <h2 id="ll-keys-h" className="ll-dialog__title">Keyboard shortcuts</h2>
      <table className="ll-table ll-keys">
        <tbody>
          {ROWS.map(([k, v]) => (
            <tr key={k}><th scope="row"><kbd>{k}</kbd></th><td>{v}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="ll-dialog__buttons">
        <button type="button" className="ll-button ll-button--primary" autoFocus onClick={close}>Close</button>
      </div>
    </dialog>
  );
}
