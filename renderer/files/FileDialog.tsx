// The path dialog used where the host has no native file dialog (the web host): a path field plus a folder
// browser backed by `files:list`. Also the confirm dialog. Both are native <dialog> elements (modal, Escape closes).
import { useEffect, useId, useRef, useState } from 'react';
import { useEditorInstance, useValue } from '../app/context.js';
import { Icon } from '../app/Icon.js';
import { baseName, dirName, PROJECT_EXT } from './file-actions.js';
import { FolderBrowser, Modal, type Listing } from './FolderBrowser.js';

export function DialogHost() {
  const editor = useEditorInstance();
  const request = useValue(editor.dialog);
  if (!request) return null;
  if (request.type === 'confirm') {
    return <ConfirmDialog key="confirm" title={request.title} message={request.message} confirm={request.confirm} onClose={request.resolve} />;
  }
  return <FileDialog key={`${request.mode}`} mode={request.mode} initialPath={request.initialPath} onClose={request.resolve} />;
}

function ConfirmDialog({ title, message, confirm, onClose }: { title: string; message: string; confirm: string; onClose(ok: boolean): void }) {
  const id = useId();
  return (
    <Modal labelledBy={id} onCancel={() => onClose(false)}>
      <h2 id={id} className="ll-dialog__title">{title}</h2>
      <p>{message}</p>
      <div className="ll-dialog__buttons">
        <button type="button" className="ll-button" autoFocus onClick={() => onClose(false)}>Cancel</button>
        <button type="button" className="ll-button ll-button--danger" onClick={() => onClose(true)}>{confirm}</button>
      </div>
    </Modal>
  );
}

function FileDialog({ mode, initialPath, onClose }: { mode: 'open' | 'save'; initialPath?: string; onClose(path: string | null): void }) {
  const editor = useEditorInstance();
  const titleId = useId();
  const pathId = useId();
  const isSave = mode === 'save';
  const startDir = initialPath && (isSave || /\.json$/i.test(initialPath)) ? dirName(initialPath) : initialPath ?? '';
  const [path, setPath] = useState(isSave ? initialPath ?? '' : '');
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replace, setReplace] = useState<string | null>(null);
  const [recent, setRecent] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const browse = async (dir?: string) => {
    try {
      const r = await editor.host.invoke('files:list', dir ? { dir } : {});
      setListing(r);
      setError(null);
    } catch (e) {
      setError(`Cannot list ${dir || 'the folder'}: ${(e as Error)?.message ?? String(e)}`);
    }
  };

  useEffect(() => {
    void browse(startDir || undefined);
    if (!isSave) void editor.files.recent().then(setRecent);
    const t = setTimeout(() => {
      input.current?.focus();
      if (isSave && input.current) {
        const name = baseName(input.current.value);
        const start = input.current.value.length - name.length;
        const stem = name.toLowerCase().endsWith(PROJECT_EXT) ? name.length - PROJECT_EXT.length : name.length;
        input.current.setSelectionRange(start, start + stem);
      }
    }, 0);
    return () => clearTimeout(t);
    // Once, when the dialog opens.
  }, []);

  const entries = (listing?.entries ?? [])
    .filter((e) => e.dir || /\.json$/i.test(e.name))
    .sort((a, b) => (a.dir === b.dir ? a.name.localeCompare(b.name) : a.dir ? -1 : 1));

  const joinDir = (name: string) => {
    const dir = listing?.dir ?? '';
    if (!dir) return name;
    const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
    return dir.endsWith(sep) ? dir + name : dir + sep + name;
  };

  const resolvedPath = () => {
    const p = path.trim();
    if (!p) return '';
    // A bare file name goes into the folder shown.
    return /[\\/]/.test(p) || !listing ? p : joinDir(p);
  };

  const submit = () => {
    let p = resolvedPath();
    if (!p) {
      setError(isSave ? 'Enter a file name' : 'Choose a project file');
      return;
    }
    if (isSave && !p.toLowerCase().endsWith('.json')) p += PROJECT_EXT;
    if (isSave && replace !== p && listing && dirName(p) === listing.dir && listing.entries.some((e) => !e.dir && e.name === baseName(p))) {
      setReplace(p);
      return;
    }
    onClose(p);
  };

  return (
    <Modal labelledBy={titleId} onCancel={() => onClose(null)} className="ll-file-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 id={titleId} className="ll-dialog__title">{isSave ? 'Save project as' : 'Open project'}</h2>
        <div className="ll-field">
          <label htmlFor={pathId} className="ll-field__label">File path</label>
          <div className="ll-field__control">
            <input
              ref={input}
              id={pathId}
              type="text"
              value={path}
              spellCheck={false}
              autoComplete="off"
              placeholder={isSave ? `name${PROJECT_EXT}` : `path/to/project${PROJECT_EXT}`}
              onChange={(e) => {
                setPath(e.target.value);
                setReplace(null);
                setError(null);
              }}
            />
          </div>
        </div>
        <FolderBrowser
          listing={listing}
          entries={entries}
          emptyText="No folders or project files here."
          isChosen={(e) => !e.dir && resolvedPath() === e.path}
          onBrowse={(dir) => void browse(dir)}
          onPick={(e) => {
            if (e.dir) {
              if (isSave) setPath((p) => joinPathTo(e.path, baseName(p) || ''));
            } else {
              setPath(e.path);
              setReplace(null);
            }
          }}
          onOpen={(e) => {
            if (!isSave) onClose(e.path);
          }}
        />
        {recent.length > 0 && (
          <div className="ll-browser__recent">
            <h3 id={`${titleId}-recent`}>Recent</h3>
            <ul aria-labelledby={`${titleId}-recent`}>
              {recent.map((p) => (
                <li key={p}>
                  <button
                    type="button"
                    className={`ll-browser__entry${resolvedPath() === p ? ' ll-browser__entry--chosen' : ''}`}
                    aria-label={`Recent ${p}`}
                    onClick={() => setPath(p)}
                    onDoubleClick={() => onClose(p)}
                  >
                    <Icon name="file" size={16} />
                    <span>{baseName(p)}</span>
                    <span className="ll-muted">{dirName(p)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && <p className="ll-error-text" role="alert">{error}</p>}
        {replace && <p className="ll-warning-text" role="alert">{baseName(replace)} already exists. Save again to replace it.</p>}
        <div className="ll-dialog__buttons">
          <button type="button" className="ll-button" onClick={() => onClose(null)}>Cancel</button>
          <button type="submit" className="ll-button ll-button--primary">{isSave ? (replace ? 'Replace' : 'Save') : 'Open'}</button>
        </div>
      </form>
    </Modal>
  );
}

function joinPathTo(dir: string, name: string): string {
  if (!name) return dir;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}
