// Choosing a data file or folder through the host's `files:list` (works on the web host, where the browser cannot
// reveal paths, and in Electron alike): a modal folder browser filtered to the data formats a field accepts.
import { useEffect, useId, useState } from 'react';
import type { HostApi } from '../../../shared/ipc/contract.js';
import { FolderBrowser, Modal, type Listing } from '../../files/FolderBrowser.js';

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
    void browse(startDir);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on open
  }, []);

  const entries = (listing?.entries ?? []).filter((e) => e.dir || (!folder && (!accept || accept.test(e.name))));

  return (
    <Modal labelledBy={titleId} onCancel={() => onClose(null)} className="ll-file-dialog">
      <h2 id={titleId} className="ll-dialog__title">{title}</h2>
      <FolderBrowser
        listing={listing}
        entries={entries}
        emptyText={folder ? 'No sub-folders here.' : 'No matching files here.'}
        isChosen={(e) => chosen === e.path}
        onBrowse={(dir) => void browse(dir)}
        onPick={(e) => !e.dir && setChosen(e.path)}
        onOpen={(e) => onClose(e.path)}
      />
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
    </Modal>
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
