// Choosing a data file or folder through the host's `files:list` (works on the web host, where the browser cannot
// reveal paths, and in Electron alike): a modal folder browser filtered to the data formats a field accepts.
import { useEffect, useId, useRef, useState } from 'react';
import type { HostApi, Response } from '../../../shared/ipc/contract.js';
import { Icon } from '../../app/Icon.js';

type Listing = Response<'files:list'>;

export interface FilePickerProps {
  host: HostApi;
  title: string;
  /** Pick a folder instead of a file. */
  folder: boolean;
  /** With `folder` false: the folder shown can be chosen too, besides a file (e.g. a model saved as a folder). */
  allowFolder?: boolean;
  /** Which files to list (folders are always listed). */
  accept?: RegExp;
  /** Folder to start in. */
  startDir?: string;
  onClose(path: string | null): void;
}

export function FilePicker({ host, title, folder, allowFolder = false, accept, startDir, onClose }: FilePickerProps) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const browse = async (dir?: string) => {
    try {
      setListing(await host.invoke('files:list', dir ? { dir } : {}));
      setChosen(null);
      setError(null);
    } catch (e) {
      setError(`Cannot list ${dir ?? 'the folder'}: ${(e as Error)?.message ?? String(e)}`);
      if (dir && !listing) void browse();
    }
  };

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void browse(startDir);
    return () => d?.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open
  }, []);

  const entries = (listing?.entries ?? []).filter((e) => e.dir || (!folder && (!accept || accept.test(e.name))));

  return (
    <dialog ref={ref} className="ll-dialog ll-file-dialog" aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); onClose(null); }}>
      <h2 id={titleId} className="ll-dialog__title">{title}</h2>
      <div className="ll-browser" role="group" aria-label="Folder browser">
        <div className="ll-browser__bar">
          <button type="button" className="ll-icon-button" aria-label="Parent folder" disabled={!listing?.parent} onClick={() => listing?.parent && void browse(listing.parent)}>
            <Icon name="up" />
          </button>
          <span className="ll-browser__dir" title={listing?.dir}>{listing?.dir ?? '…'}</span>
        </div>
        <ul className="ll-browser__list" aria-label={`Contents of ${listing?.dir ?? 'folder'}`}>
          {entries.length === 0 && <li className="ll-muted ll-pad">{listing ? (folder ? 'No sub-folders here.' : 'No matching files here.') : 'Loading…'}</li>}
          {entries.map((e) => (
            <li key={e.path}>
              <button
                type="button"
                className={`ll-browser__entry${chosen === e.path ? ' ll-browser__entry--chosen' : ''}`}
                aria-label={e.dir ? `Folder ${e.name}` : `File ${e.name}`}
                onClick={() => (e.dir ? void browse(e.path) : setChosen(e.path))}
                onDoubleClick={() => !e.dir && onClose(e.path)}
              >
                <Icon name={e.dir ? 'folder' : 'file'} size={16} />
                <span>{e.name}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {error && <p className="ll-error-text" role="alert">{error}</p>}
      <div className="ll-dialog__buttons">
        <button type="button" className="ll-button" onClick={() => onClose(null)}>Cancel</button>
        {folder ? (
          <button type="button" className="ll-button ll-button--primary" disabled={!listing} onClick={() => listing && onClose(listing.dir)}>Choose this folder</button>
        ) : (
          <>
            {allowFolder && (
              <button type="button" className="ll-button" disabled={!listing} onClick={() => listing && onClose(listing.dir)}>Choose this folder</button>
            )}
            <button type="button" className="ll-button ll-button--primary" disabled={!chosen} onClick={() => chosen && onClose(chosen)}>Choose file</button>
          </>
        )}
      </div>
    </dialog>
  );
}

/** A path relative to `base` when it lies inside it (project files store relative paths), else unchanged. */
export function relativeTo(base: string | undefined, target: string): string {
  if (!base) return target;
  const sep = base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const b = base.endsWith(sep) ? base : base + sep;
  if (target.startsWith(b)) return target.slice(b.length) || '.';
  // One or two levels up still reads well ("../data/x.csv"); further, keep the absolute path.
  const parts = b.split(sep).filter(Boolean);
  for (let up = 1; up <= 2 && parts.length - up > 0; up++) {
    const prefix = (b.startsWith(sep) ? sep : '') + parts.slice(0, parts.length - up).join(sep) + sep;
    if (target.startsWith(prefix)) return `${`..${sep}`.repeat(up)}${target.slice(prefix.length)}`;
  }
  return target;
}

export function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}
