// Files: new, templates, open, save, save as, recent files, crash-recovery autosave, and projects the host opens
// (command line, drop on the window, Open Recent menu). Everything goes through HostApi; in Electron the host shows
// native dialogs when no path is given, in the browser the editor's own path dialog asks.
import type { TemplateInfo } from '../../shared/ipc/contract.js';
import { emptyProject, serializeProject, type Project } from '../../shared/project.js';
import type { Editor } from '../app/editor.js';
import { readProject } from './read-project.js';

export const PROJECT_EXT = '.layerloom.json';

export interface Recovery {
  project: Project;
  savedAt?: string;
}

function message(e: unknown): string {
  return (e as Error)?.message ?? String(e);
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function dirName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : '';
}

function joinPath(dir: string, name: string): string {
  if (!dir) return name;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

function fileNameFor(project: Project): string {
  const stem = project.name.trim().replace(/[^\w\- ]+/g, '').replace(/\s+/g, '-').toLowerCase() || 'untitled';
  return stem + PROJECT_EXT;
}

export class FileActions {
  private lastRecovered: Project | null = null;
  private recoveryStored = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private saving = false;

  constructor(private readonly editor: Editor) {}

  private get isElectron(): boolean {
    return this.editor.info.get()?.host === 'electron';
  }

  /** Asks before throwing away unsaved changes. */
  async confirmDiscard(): Promise<boolean> {
    const { dirty, project } = this.editor.store.getState();
    if (!dirty || !project) return true;
    return this.editor.confirm('Discard unsaved changes?', `“${project.name}” has changes that are not saved. They will be lost.`, 'Discard changes');
  }

  /** Loads raw project JSON; a project that does not load leaves the current document untouched. */
  load(raw: unknown, path: string | null, saved = true): boolean {
    const read = readProject(raw);
    if (!read.ok) {
      this.editor.notices.error(`Could not open ${path ? baseName(path) : 'the project'}: ${read.message}`);
      return false;
    }
    this.editor.store.load(read.project, path, saved && read.warnings.length === 0);
    for (const w of read.warnings) this.editor.notices.error(w);
    globalThis.requestAnimationFrame?.(() => this.editor.canvas?.fitView());
    return true;
  }

  async newEmpty(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    this.editor.store.load(emptyProject('Untitled'), null, true);
  }

  /** Back to the start screen. */
  async close(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    this.editor.store.close();
  }

  async templates(): Promise<TemplateInfo[]> {
    const r = await this.editor.host.invoke('templates:list', {});
    return r.templates;
  }

  async openTemplate(template: Pick<TemplateInfo, 'id' | 'name'>): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    try {
      const r = await this.editor.host.invoke('templates:instantiate', { id: template.id });
      if (this.load(r.project, null, true)) this.editor.notices.info(`Opened template ${template.name}`);
    } catch (e) {
      this.editor.notices.error(`Could not open template ${template.name}: ${message(e)}`);
    }
  }

  /** Open: a given path, or ask (native dialog in Electron, the path dialog in the browser). */
  async open(path?: string): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    let target = path;
    if (!target && !this.isElectron) {
      target = (await this.editor.askPath('open', this.suggestDir())) ?? undefined;
      if (!target) return;
    }
    try {
      const r = await this.editor.host.invoke('project:open', target ? { path: target } : {});
      if (r.canceled) return;
      if (this.load(r.project, r.path, true)) this.editor.notices.info(`Opened ${baseName(r.path)}`);
    } catch (e) {
      this.editor.notices.error(`Could not open ${target ? baseName(target) : 'the project'}: ${message(e)}`);
    }
  }

  async save(): Promise<boolean> {
    const { path } = this.editor.store.getState();
    return path ? this.saveTo(path) : this.saveAs();
  }

  async saveAs(): Promise<boolean> {
    const { project, path } = this.editor.store.getState();
    if (!project) return false;
    if (this.isElectron) return this.saveTo(undefined);
    const suggested = path ?? joinPath(this.suggestDir(), fileNameFor(project));
    let target = await this.editor.askPath('save', suggested);
    if (!target) return false;
    if (!target.toLowerCase().endsWith('.json')) target += PROJECT_EXT;
    return this.saveTo(target);
  }

  private async saveTo(path: string | undefined): Promise<boolean> {
    const { project } = this.editor.store.getState();
    if (!project || this.saving) return false;
    this.saving = true;
    try {
      // The file's canonical text, parsed back: the host receives exactly what is written.
      const raw = JSON.parse(serializeProject(project)) as unknown;
      const r = await this.editor.host.invoke('project:save', path ? { path, project: raw } : { project: raw });
      if (r.canceled) return false;
      this.editor.store.markSaved(project, r.path);
      this.editor.notices.info(`Saved ${baseName(r.path)}`);
      void this.clearRecovery();
      return true;
    } catch (e) {
      this.editor.notices.error(`Could not save ${path ? baseName(path) : 'the project'}: ${message(e)}`);
      return false;
    } finally {
      this.saving = false;
    }
  }

  async recent(): Promise<string[]> {
    try {
      return (await this.editor.host.invoke('project:recent', {})).paths;
    } catch {
      return [];
    }
  }

  suggestDir(): string {
    const { path } = this.editor.store.getState();
    return path ? dirName(path) : this.editor.info.get()?.cwd ?? '';
  }

  // ── Crash recovery ────────────────────────────────────────────────────────────────────────────────────────────

  /** The autosaved copy from a previous session, if there is one. */
  async recovery(): Promise<Recovery | null> {
    try {
      const r = await this.editor.host.invoke('project:recover', {});
      if (r.project === undefined || r.project === null) return null;
      const read = readProject(r.project);
      return read.ok ? { project: read.project, savedAt: r.savedAt } : null;
    } catch {
      return null;
    }
  }

  restore(recovery: Recovery): void {
    this.editor.store.load(recovery.project, null, false);
    this.editor.notices.info('Restored your unsaved work');
  }

  async clearRecovery(): Promise<void> {
    this.lastRecovered = null;
    this.recoveryStored = false;
    try {
      await this.editor.host.invoke('project:recover', { clear: true });
    } catch {
      // nothing to clear, or the host is gone: either way nothing to tell the user
    }
  }

  /** Stores the project for crash recovery when it has unsaved changes that were not stored yet. */
  async autosaveNow(): Promise<void> {
    const { project, dirty } = this.editor.store.getState();
    if (!project || !dirty) {
      if (this.recoveryStored && project && !dirty) await this.clearRecovery();
      return;
    }
    if (project === this.lastRecovered) return;
    this.lastRecovered = project;
    try {
      await this.editor.host.invoke('project:recover', { project: JSON.parse(serializeProject(project)) as unknown });
      this.recoveryStored = true;
    } catch {
      this.lastRecovered = null;
    }
  }

  startAutosave(everyMs = 4000): () => void {
    this.stopAutosave();
    this.timer = setInterval(() => void this.autosaveNow(), everyMs);
    return () => this.stopAutosave();
  }

  stopAutosave(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A project the host opened (command line, dropped file, Open Recent menu). */
  async opened(payload: { path: string; project: unknown }): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    if (this.load(payload.project, payload.path, true)) this.editor.notices.info(`Opened ${baseName(payload.path)}`);
  }
}
