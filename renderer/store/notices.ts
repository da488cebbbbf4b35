// Short messages to the user (what was pasted, why a paste or a file was refused). Shown in the status area, read
// out by screen readers, dismissed after a while.
export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

export class Notices {
  private list: readonly Notice[] = [];
  private listeners = new Set<() => void>();
  private nextId = 1;

  getSnapshot = (): readonly Notice[] => this.list;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  show(text: string, kind: Notice['kind'] = 'info', ms = kind === 'error' ? 9000 : 4500): number {
    const id = this.nextId++;
    // One info message at a time (the latest); errors stay until read or timed out, at most three.
    const kept = this.list.filter((n) => n.text !== text && (kind === 'error' || n.kind === 'error'));
    this.list = [...kept, { id, kind, text }].filter((n, i, all) => n.kind === 'info' || all.slice(i + 1).filter((m) => m.kind === 'error').length < 3);
    this.emit();
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  info(text: string): number {
    return this.show(text, 'info');
  }

  error(text: string): number {
    return this.show(text, 'error');
  }

  dismiss(id: number): void {
    const next = this.list.filter((n) => n.id !== id);
    if (next.length === this.list.length) return;
    this.list = next;
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
