// The editor's single source of truth: the open project (immutable snapshots), where it lives, what is selected,
// and the undo history. React reads it through useSyncExternalStore (see hooks.ts); the canvas derives its nodes
// from it. Every graph change is one `commit`; commits with the same `coalesce` key in a row (a drag, typing in one
// field) make one undo step.
import type { Model, Project } from '../../shared/project.js';
import { getModel, withModel } from './graph.js';

export interface Selection {
  nodes: readonly string[];
  edges: readonly string[];
}

export const EMPTY_SELECTION: Selection = Object.freeze({ nodes: Object.freeze([]), edges: Object.freeze([]) }) as Selection;

export interface EditorState {
  /** null: no project open (the start screen shows). */
  project: Project | null;
  /** The project as last saved or opened; the document is dirty when `project` differs from it. */
  savedProject: Project | null;
  /** Where the project is saved; null until the first save. */
  path: string | null;
  activeModel: string;
  selection: Selection;
  canUndo: boolean;
  canRedo: boolean;
  dirty: boolean;
  /** Changes whenever another document is loaded (the canvas fits its view then). */
  documentId: number;
}

interface Entry {
  project: Project;
  activeModel: string;
  selection: Selection;
}

export interface CommitOptions {
  /** Consecutive commits with the same key merge into one undo step. */
  coalesce?: string;
  /** Selection after the change (default: unchanged, minus anything that no longer exists). */
  selection?: Selection;
  /** Only node positions change (a drag): allowed even while the models are locked. */
  positionsOnly?: boolean;
}

const HISTORY_LIMIT = 300;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  return sameIds(a.nodes, b.nodes) && sameIds(a.edges, b.edges);
}

/** Drops selected ids that are not in the model. */
export function pruneSelection(sel: Selection, model: Model): Selection {
  if (sel.nodes.length === 0 && sel.edges.length === 0) return sel;
  const nodes = new Set(model.nodes.map((n) => n.id));
  const edges = new Set(model.edges.map((e) => e.id));
  const next = { nodes: sel.nodes.filter((id) => nodes.has(id)), edges: sel.edges.filter((id) => edges.has(id)) };
  return sameSelection(next, sel) ? sel : next;
}

export class EditorStore {
  private state: EditorState = {
    project: null, savedProject: null, path: null, activeModel: 'main', selection: EMPTY_SELECTION,
    canUndo: false, canRedo: false, dirty: false, documentId: 0,
  };
  private past: Entry[] = [];
  private future: Entry[] = [];
  private lastKey: string | null = null;
  private listeners = new Set<() => void>();

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<EditorState>): void {
    const next = { ...this.state, ...patch };
    next.canUndo = this.past.length > 0;
    next.canRedo = this.future.length > 0;
    next.dirty = next.project !== null && next.project !== next.savedProject;
    this.state = next;
    for (const l of [...this.listeners]) l();
  }

  /** Opens a document. `saved` false marks it as unsaved work (a template or a recovered copy). */
  load(project: Project, path: string | null, saved = true): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
    const activeModel = Object.keys(project.models)[0] ?? 'main';
    this.set({
      project, savedProject: saved ? project : null, path, activeModel, selection: EMPTY_SELECTION,
      documentId: this.state.documentId + 1,
    });
  }

  /** Back to the start screen. */
  close(): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
    this.set({ project: null, savedProject: null, path: null, selection: EMPTY_SELECTION, documentId: this.state.documentId + 1 });
  }

  /** Applies a change to the whole project as one undoable step (or merged into the previous one, see coalesce). */
  commit(fn: (project: Project) => Project, options: CommitOptions = {}): boolean {
    const { project } = this.state;
    if (!project) return false;
    const next = fn(project);
    const model = getModel(next, this.state.activeModel);
    const selection = pruneSelection(options.selection ?? this.state.selection, model);
    if (next === project) {
      if (!sameSelection(selection, this.state.selection)) this.set({ selection });
      return false;
    }
    const key = options.coalesce ?? null;
    if (key === null || key !== this.lastKey) {
      this.past.push({ project, activeModel: this.state.activeModel, selection: this.state.selection });
      if (this.past.length > HISTORY_LIMIT) this.past.shift();
    }
    this.future = [];
    this.lastKey = key;
    this.set({ project: next, selection });
    return true;
  }

  /** Why model changes are refused right now (a training run), or null. */
  private modelLock: string | null = null;
  /** Told when a change is refused because of the lock (the editor shows it as a message). */
  onRefused: (reason: string) => void = () => {};

  /**
   * While a training run uses the models, changes to their structure and params are refused with `reason`; moving
   * nodes, and dataset or training settings, stay editable.
   */
  setModelLock(reason: string | null): void {
    this.modelLock = reason;
  }

  private refusedByLock(): boolean {
    if (this.modelLock === null) return false;
    this.onRefused(this.modelLock);
    return true;
  }

  /** A change to the active model. */
  commitModel(fn: (model: Model) => Model, options: CommitOptions = {}): boolean {
    if (!options.positionsOnly && this.refusedByLock()) return false;
    const name = this.state.activeModel;
    return this.commit((p) => withModel(p, name, fn), options);
  }

  /** Ends the current coalescing run: the next change is a new undo step even with the same key. */
  breakCoalescing(): void {
    this.lastKey = null;
  }

  undo(): boolean {
    if (this.changesLockedModels(this.past.at(-1))) return false;
    const entry = this.past.pop();
    if (!entry || !this.state.project) return false;
    this.future.push({ project: this.state.project, activeModel: this.state.activeModel, selection: this.state.selection });
    this.lastKey = null;
    this.restore(entry);
    return true;
  }

  redo(): boolean {
    if (this.changesLockedModels(this.future.at(-1))) return false;
    const entry = this.future.pop();
    if (!entry || !this.state.project) return false;
    this.past.push({ project: this.state.project, activeModel: this.state.activeModel, selection: this.state.selection });
    this.lastKey = null;
    this.restore(entry);
    return true;
  }

  /** Whether stepping to `entry` would change the models while they are locked (and says so). */
  private changesLockedModels(entry: Entry | undefined): boolean {
    return !!entry && entry.project.models !== this.state.project?.models && this.refusedByLock();
  }

  private restore(entry: Entry): void {
    const activeModel = entry.project.models[entry.activeModel] ? entry.activeModel : Object.keys(entry.project.models)[0]!;
    this.set({
      project: entry.project, activeModel,
      selection: pruneSelection(entry.selection, getModel(entry.project, activeModel)),
    });
  }

  setSelection(selection: Selection): void {
    if (sameSelection(selection, this.state.selection)) return;
    this.lastKey = null;
    this.set({ selection });
  }

  setActiveModel(name: string): void {
    if (!this.state.project?.models[name] || name === this.state.activeModel) return;
    this.lastKey = null;
    this.set({ activeModel: name, selection: EMPTY_SELECTION });
  }

  /** Records a successful save of `project` at `path`. */
  markSaved(project: Project, path: string): void {
    this.set({ savedProject: project, path });
  }
}
