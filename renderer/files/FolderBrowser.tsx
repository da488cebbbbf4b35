// The folder browser of the web host's file dialogs (project open/save, data and model pickers): the folder shown,
// a button up, and its entries. Listing comes from the host's `files:list`; callers decide what a click means.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Response } from '../../shared/ipc/contract.js';
import { Icon } from '../app/Icon.js';

export type Listing = Response<'files:list'>;
export type FileEntry = Listing['entries'][number];

/** A native modal <dialog>: opened on mount, closed on unmount; Escape calls `onCancel`. */
export function Modal({ labelledBy, onCancel, children, className }: { labelledBy: string; onCancel(): void; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`ll-dialog ${className ?? ''}`}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}

export interface FolderBrowserProps {
  listing: Listing | null;
  /** The entries to show (already filtered and sorted by the caller). */
  entries: FileEntry[];
  /** Shown when there are no entries. */
  emptyText: string;
  isChosen(entry: FileEntry): boolean;
  onBrowse(dir: string): void;
  /** A click on a file (folders are browsed into, and reported here too). */
  onPick(entry: FileEntry): void;
  /** A double click on a file. */
  onOpen(entry: FileEntry): void;
}

export function FolderBrowser({ listing, entries, emptyText, isChosen, onBrowse, onPick, onOpen }: FolderBrowserProps) {
  return (
    <div className="ll-browser" role="group" aria-label="Folder browser">
      <div className="ll-browser__bar">
        <button type="button" className="ll-icon-button" aria-label="Parent folder" disabled={!listing?.parent} onClick={() => listing?.parent && onBrowse(listing.parent)}>
          <Icon name="up" />
        </button>
        <span className="ll-browser__dir" title={listing?.dir}>{listing?.dir ?? '…'}</span>
      </div>
      <ul className="ll-browser__list" aria-label={`Contents of ${listing?.dir ?? 'folder'}`}>
        {entries.length === 0 && <li className="ll-muted ll-pad">{listing ? emptyText : 'Loading…'}</li>}
        {entries.map((e) => (
          <li key={e.path}>
            <button
              type="button"
              className={`ll-browser__entry${isChosen(e) ? ' ll-browser__entry--chosen' : ''}`}
              aria-label={e.dir ? `Folder ${e.name}` : `File ${e.name}`}
              onClick={() => {
                if (e.dir) onBrowse(e.path);
                onPick(e);
              }}
              onDoubleClick={() => !e.dir && onOpen(e)}
            >
              <Icon name={e.dir ? 'folder' : 'file'} size={16} />
              <span>{e.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
