// The editor's commands: what the palette, the canvas, the keyboard shortcuts and the host's menus all call. It ties
// the document store, live validation, messages and the canvas viewport together, and never throws at the user:
// anything that goes wrong becomes a message.
import type { HostApi, Response } from '../../shared/ipc/contract.js';
import { getLayer } from '../../shared/layers/registry.js';
import type { Project } from '../../shared/project.js';
import { Validator } from '../diagnostics/validator.js';
import { freeInputPort, connect, type ConnectionRequest } from '../store/connections.js';
import { insertFragment, makeFragment, parseFragment, serializeFragment } from '../store/fragment.js';
import { addNode, getModel, makeNode, moveNodes, nodeIds, removeElements, type XY } from '../store/graph.js';
import { Notices } from '../store/notices.js';
import { EditorStore, EMPTY_SELECTION } from '../store/store.js';
import { trainingLock } from '../store/training-lock.js';
import { ValueStore } from '../store/value-store.js';
import { layoutModel, type Size } from '../canvas/layout.js';
import { FileActions } from '../files/file-actions.js';

export type AppInfo = Response<'app:info'>;

/** What the canvas component lends the editor while it is mounted. */
export interface CanvasBridge {
  /** Centre of the visible area, in flow coordinates. */
  viewportCentre(): XY;
  /** The pointer position in flow coordinates while it is over the canvas. */
  pointer(): XY | null;
  /** Scrolls (and zooms if needed) so the node is in view. */
  reveal(nodeId: string): void;
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** Measured node sizes. */
  nodeSizes(): Map<string, Size>;
}

export type DockTab = 'inspector' | 'dataset' | 'training' | 'export';
export type BottomTab = 'problems' | 'summary';

export interface UiState {
  dock: DockTab;
  bottom: BottomTab;
  bottomOpen: boolean;
  snapToGrid: boolean;
  minimap: boolean;
  /** Auto-layout in progress. */
  layingOut: boolean;
  /** The keyboard shortcuts sheet is open. */
  shortcutsOpen: boolean;
}

export type DialogRequest =
  | { type: 'file'; mode: 'open' | 'save'; initialPath?: string; resolve: (path: string | null) => void }
  | { type: 'confirm'; title: string; message: string; confirm: string; resolve: (ok: boolean) => void };

const NODE_GAP = 56;

export class Editor {
  readonly store = new EditorStore();
  readonly notices = new Notices();
  readonly validator: Validator;
  readonly ui = new ValueStore<UiState>({
    dock: 'inspector', bottom: 'problems', bottomOpen: true, snapToGrid: true, minimap: true, layingOut: false, shortcutsOpen: false,
  });
  readonly dialog = new ValueStore<DialogRequest | null>(null);
  readonly info = new ValueStore<AppInfo | null>(null);
  readonly files: FileActions = new FileActions(this);
  canvas: CanvasBridge | null = null;

  /** Same-window clipboard, used when the system clipboard cannot be read. */
  private clipboard: string | null = null;
  private pasteRun = 0;
  private lastShortcut = { command: '', at: 0 };
  private unsubscribe: () => void;

  constructor(readonly host: HostApi, options: { worker?: boolean; debounceMs?: number } = {}) {
    this.validator = new Validator(options);
    const stopValidating = this.store.subscribe(() => this.validator.schedule(this.store.getState().project));
    // A training run trains the models as they were when it started: lock them while it runs.
    this.store.onRefused = (reason) => this.notices.info(reason);
    const applyLock = () => this.store.setModelLock(trainingLock.get().locked ? trainingLock.get().reason : null);
    applyLock();
    const stopLocking = trainingLock.subscribe(applyLock);
    this.unsubscribe = () => {
      stopValidating();
      stopLocking();
    };
  }

  dispose(): void {
    this.unsubscribe();
    this.validator.dispose();
  }

  get project(): Project | null {
    return this.store.getState().project;
  }

  // ── Layers ────────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Adds a layer. With `at`, exactly there (a drop). Without, at the centre of the view — or, when one layer is
   * selected, just below it and wired to it, so clicking Conv2D, MaxPooling2D, Flatten, Dense builds a chain.
   */
  addLayer(kind: string, at?: XY): string | null {
    const { project, activeModel, selection } = this.store.getState();
    if (!project) return null;
    const def = getLayer(kind);
    if (!def) {
      this.notices.error(`Unknown layer kind '${kind}'`);
      return null;
    }
    const model = getModel(project, activeModel);
    const sizes = this.canvas?.nodeSizes() ?? new Map<string, Size>();
    const size = { width: 200, height: 76 };
    let anchor: string | null = null;
    let position: XY;
    if (at) {
      position = { x: at.x - size.width / 2, y: at.y - 20 };
    } else {
      const only = selection.nodes.length === 1 ? model.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
      const onlyDef = only && getLayer(only.kind);
      if (only && onlyDef?.ports.output && def.ports.inputs !== 'none') {
        anchor = only.id;
        position = { x: only.position.x, y: only.position.y + (sizes.get(only.id)?.height ?? size.height) + NODE_GAP };
      } else {
        const c = this.canvas?.viewportCentre() ?? { x: 0, y: 0 };
        position = { x: c.x - size.width / 2, y: c.y - size.height / 2 };
      }
      position = freeSpot(model.nodes, position);
    }
    const node = makeNode(kind, this.snap(position), nodeIds(model));
    let label = `Added ${def.title} '${node.id}'`;
    this.store.commitModel((m) => {
      let next = addNode(m, node);
      const port = anchor ? freeInputPort(next, node.id) : null;
      if (anchor && port) {
        const r = connect(next, { source: anchor, sourceHandle: 'out', target: node.id, targetHandle: port });
        if (r.edge) {
          next = r.model;
          label += ` after '${anchor}'`;
        }
      }
      return next;
    }, { selection: { nodes: [node.id], edges: [] } });
    this.notices.info(label);
    return node.id;
  }

  /**
   * Adds a layer where a wire was dropped on empty canvas and connects it to the wire's other end: after `node` when
   * the wire came from its output, before it (into `port`) when it came from an input. One undo step.
   */
  addConnected(kind: string, at: XY, from: { node: string; side: 'output' | 'input'; port?: string }): string | null {
    const { project, activeModel } = this.store.getState();
    const def = getLayer(kind);
    if (!project || !def) return null;
    const model = getModel(project, activeModel);
    const position = from.side === 'output' ? { x: at.x - 100, y: at.y } : { x: at.x - 100, y: at.y - 66 };
    const node = makeNode(kind, this.snap(position), nodeIds(model));
    let wired = false;
    this.store.commitModel((m) => {
      let next = addNode(m, node);
      const request = from.side === 'output'
        ? { source: from.node, sourceHandle: 'out', target: node.id, targetHandle: freeInputPort(next, node.id) }
        : { source: node.id, sourceHandle: 'out', target: from.node, targetHandle: from.port ?? 'in' };
      if (request.targetHandle) {
        const r = connect(next, request);
        if (r.edge) {
          next = r.model;
          wired = true;
        }
      }
      return next;
    }, { selection: { nodes: [node.id], edges: [] } });
    this.notices.info(`Added ${def.title} '${node.id}'${wired ? (from.side === 'output' ? ` after '${from.node}'` : ` before '${from.node}'`) : ''}`);
    return node.id;
  }

  /** New layers land on the grid when snapping is on, like dragged ones. */
  private snap(p: XY): XY {
    if (!this.ui.get().snapToGrid) return p;
    return { x: Math.round(p.x / 16) * 16, y: Math.round(p.y / 16) * 16 };
  }

  connect(request: ConnectionRequest): boolean {
    let reason: string | undefined;
    const changed = this.store.commitModel((m) => {
      const r = connect(m, request);
      reason = r.reason;
      return r.model;
    });
    if (!changed && reason) this.notices.error(`Not connected: ${reason}`);
    return changed;
  }

  deleteSelection(): void {
    const { selection } = this.store.getState();
    if (selection.nodes.length === 0 && selection.edges.length === 0) return;
    const n = selection.nodes.length;
    const e = selection.edges.length;
    this.store.commitModel((m) => removeElements(m, selection.nodes, selection.edges), { selection: EMPTY_SELECTION });
    this.notices.info(`Deleted ${n ? `${n} layer${n > 1 ? 's' : ''}` : ''}${n && e ? ' and ' : ''}${e && !n ? `${e} connection${e > 1 ? 's' : ''}` : ''}`);
  }

  deleteElements(nodes: readonly string[], edges: readonly string[]): void {
    this.store.commitModel((m) => removeElements(m, nodes, edges));
  }

  selectAll(): void {
    const { project, activeModel } = this.store.getState();
    if (!project) return;
    const model = getModel(project, activeModel);
    this.store.setSelection({ nodes: model.nodes.map((n) => n.id), edges: model.edges.map((e) => e.id) });
  }

  clearSelection(): void {
    this.store.setSelection(EMPTY_SELECTION);
  }

  /** The selected layers as clipboard text, or null when nothing is selected. */
  copyText(): string | null {
    const { project, activeModel, selection } = this.store.getState();
    if (!project || selection.nodes.length === 0) return null;
    const text = serializeFragment(makeFragment(getModel(project, activeModel), selection.nodes));
    this.clipboard = text;
    this.pasteRun = 0;
    return text;
  }

  /** Removes the selected layers after copying them; returns the clipboard text. */
  cutText(): string | null {
    const text = this.copyText();
    if (text) this.deleteSelection();
    return text;
  }

  /** Pastes clipboard text; refuses anything that is not a set of known layers, with a message and no change. */
  pasteText(text: string | null | undefined): boolean {
    if (!this.project) return false;
    const source = text ?? this.clipboard;
    if (!source) {
      this.notices.error('Nothing to paste: copy some layers first');
      return false;
    }
    const parsed = parseFragment(source);
    if (!parsed.ok) {
      this.notices.error(parsed.message);
      return false;
    }
    if (source !== this.clipboard) {
      this.clipboard = source;
      this.pasteRun = 0;
    }
    this.pasteRun++;
    const pointer = this.canvas?.pointer() ?? null;
    const place = pointer ? { at: pointer } : { offset: { x: 32 * this.pasteRun, y: 32 * this.pasteRun } };
    let ids: string[] = [];
    this.store.commitModel((m) => {
      const r = insertFragment(m, parsed.fragment, place);
      ids = r.ids;
      return r.model;
    }, { selection: { nodes: [], edges: [] } });
    this.selectInserted(ids);
    this.notices.info(`Pasted ${ids.length} layer${ids.length === 1 ? '' : 's'}`);
    return true;
  }

  duplicate(): void {
    const { project, activeModel, selection } = this.store.getState();
    if (!project || selection.nodes.length === 0) return;
    const fragment = makeFragment(getModel(project, activeModel), selection.nodes);
    let ids: string[] = [];
    this.store.commitModel((m) => {
      const r = insertFragment(m, fragment, { offset: { x: 40, y: 40 } });
      ids = r.ids;
      return r.model;
    });
    this.selectInserted(ids);
    this.notices.info(`Duplicated ${ids.length} layer${ids.length === 1 ? '' : 's'}`);
  }

  private selectInserted(ids: string[]): void {
    const { project, activeModel } = this.store.getState();
    if (!project) return;
    const set = new Set(ids);
    const edges = getModel(project, activeModel).edges.filter((e) => set.has(e.source) && set.has(e.target)).map((e) => e.id);
    this.store.setSelection({ nodes: ids, edges });
  }

  undo(): void {
    if (!this.store.undo() && this.project) this.notices.info('Nothing to undo');
  }

  redo(): void {
    if (!this.store.redo() && this.project) this.notices.info('Nothing to redo');
  }

  async autoLayout(): Promise<void> {
    const { project, activeModel } = this.store.getState();
    if (!project || this.ui.get().layingOut) return;
    const model = getModel(project, activeModel);
    if (model.nodes.length === 0) return;
    this.ui.set((u) => ({ ...u, layingOut: true }));
    try {
      const positions = await layoutModel(model, this.canvas?.nodeSizes());
      // Only apply to the model the layout was computed for, if nobody edited it meanwhile.
      if (this.store.getState().project?.models[activeModel] !== model) {
        this.notices.info('Layout skipped: the graph changed while it was computed');
        return;
      }
      this.store.commit((p) => ({ ...p, models: { ...p.models, [activeModel]: moveNodes(model, positions) } }));
      globalThis.requestAnimationFrame?.(() => this.canvas?.fitView());
    } catch (e) {
      this.notices.error(`Auto-layout failed: ${(e as Error)?.message ?? String(e)}`);
    } finally {
      this.ui.set((u) => ({ ...u, layingOut: false }));
    }
  }

  /** Shows a node: switches to its model, selects it and scrolls it into view. */
  reveal(model: string, nodeId: string): void {
    const { project } = this.store.getState();
    if (!project?.models[model]) return;
    this.store.setActiveModel(model);
    if (!project.models[model]!.nodes.some((n) => n.id === nodeId)) return;
    this.store.setSelection({ nodes: [nodeId], edges: [] });
    this.ui.set((u) => ({ ...u, dock: 'inspector' }));
    // The canvas may re-mount for another model; give it a frame.
    setTimeout(() => this.canvas?.reveal(nodeId), 0);
  }

  // ── Dialogs ───────────────────────────────────────────────────────────────────────────────────────────────────

  askPath(mode: 'open' | 'save', initialPath?: string): Promise<string | null> {
    return new Promise((resolve) => {
      this.dialog.get()?.resolve(null as never);
      this.dialog.set({ type: 'file', mode, initialPath, resolve: (v) => { this.dialog.set(null); resolve(v); } });
    });
  }

  confirm(title: string, message: string, confirm: string): Promise<boolean> {
    return new Promise((resolve) => {
      this.dialog.get()?.resolve(null as never);
      this.dialog.set({ type: 'confirm', title, message, confirm, resolve: (v) => { this.dialog.set(null); resolve(v); } });
    });
  }

  /** Records that a shortcut ran `command`, so the same command arriving from a native menu right after is dropped. */
  noteShortcut(command: string): void {
    this.lastShortcut = { command, at: Date.now() };
  }

  isEcho(command: string): boolean {
    return this.lastShortcut.command === command && Date.now() - this.lastShortcut.at < 250;
  }
}

/** Moves a position down-right until it does not sit on top of an existing node. */
function freeSpot(nodes: readonly { position: XY }[], p: XY): XY {
  let pos = { ...p };
  for (let i = 0; i < 50; i++) {
    if (!nodes.some((n) => Math.abs(n.position.x - pos.x) < 16 && Math.abs(n.position.y - pos.y) < 16)) return pos;
    pos = { x: pos.x + 28, y: pos.y + 28 };
  }
  return pos;
}
