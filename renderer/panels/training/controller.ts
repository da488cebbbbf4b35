// The training run as the app sees it: starts runs through the host, follows their events into dashboard state
// (dashboard.ts), steers them (pause, resume, stop), and records finished runs in the project's run history
// (runs.ts). It lives outside React — switching dock tabs must not lose a run — one per host (`trainingFor`), and
// tells its subscribers at most every `throttleMs` while batches stream in (at once for anything else).
import type { TrainingEvent } from '../../../shared/events.js';
import type { EventPayload, HostApi } from '../../../shared/ipc/contract.js';
import type { Project } from '../../../shared/project.js';
import {
  initialDashboard, isActive, markLost, markStopping, reduceDashboard, startingDashboard, type DashboardState,
} from './dashboard.js';
import { lockFor, trainingLock } from '../../store/training-lock.js';
import {
  addRun, loadRuns, recordRun, removeRun, runConfig, saveRuns, storageKey, type KeyValueStorage, type RunConfig, type RunRecord,
} from './runs.js';

export type ControlAction = 'stop' | 'pause' | 'resume' | 'checkpoint';

export interface TrainingSnapshot {
  /** The current (or last) run in this session, with its live state. */
  runId: string | null;
  dashboard: DashboardState;
  config: RunConfig | null;
  /** The run history of the project the panel shows, newest first. */
  runs: readonly RunRecord[];
  /** Which project the history belongs to (storage key). */
  projectKey: string | null;
  /** The project key the current run was started for (its record goes to that history). */
  runProjectKey: string | null;
  /** Whether the current run belongs to the open document (false once that project was closed or replaced). */
  runIsCurrent: boolean;
  /** A control request in flight (buttons wait for it). */
  pending: ControlAction | 'start' | null;
  /** A message about the last start or control request (it failed, or a note such as "stopped: project closed"). */
  notice: { kind: 'error' | 'info'; text: string } | null;
}

export interface ControllerOptions {
  storage?: KeyValueStorage;
  now?: () => number;
  throttleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Publish the run state as the app-wide `trainingLock` (the app's controller does; tests do not). */
  publishLock?: boolean;
}

/** The editor's document store, as far as the controller needs it (see renderer/store/store.ts). */
export interface DocumentSource {
  getState(): { project: { name: string } | null; path: string | null; documentId: number };
  subscribe(listener: () => void): () => void;
}

export interface StartRequest {
  project: Project;
  projectPath: string | null;
  epochs?: number;
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
}

function defaultStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export class TrainingController {
  private snapshot: TrainingSnapshot = {
    runId: null, dashboard: initialDashboard(), config: null, runs: [], projectKey: null, runProjectKey: null, runIsCurrent: false, pending: null, notice: null,
  };
  private listeners = new Set<() => void>();
  private timer: unknown = null;
  private dirty = false;
  /** Events that arrived before train:start answered with their run id. */
  private early: EventPayload<'train:event'>[] = [];
  private starting = false;
  private document: { documentId: number; key: string } | null = null;
  private readonly storage: KeyValueStorage | undefined;
  private readonly now: () => number;
  private readonly throttleMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly unsubscribeHost: () => void;
  private readonly publishLock: boolean;
  private detachDocument: (() => void) | null = null;

  constructor(private readonly host: HostApi, options: ControllerOptions = {}) {
    this.storage = 'storage' in options ? options.storage : defaultStorage();
    this.now = options.now ?? (() => Date.now());
    this.throttleMs = options.throttleMs ?? 200;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.publishLock = options.publishLock ?? false;
    this.unsubscribeHost = host.on('train:event', (payload) => this.receive(payload));
  }

  /**
   * Follows a document store for as long as the controller lives (not just while a panel is mounted), so that
   * closing the project or opening another one stops its run even when the Training tab was never shown again.
   */
  attachDocument(source: DocumentSource): void {
    this.detachDocument?.();
    let last: { documentId: number; path: string | null; name: string } | null | undefined;
    const sync = () => {
      const { project, path, documentId } = source.getState();
      const doc = project ? { documentId, path, name: project.name } : null;
      if (last !== undefined && (last === doc || (last && doc && last.documentId === doc.documentId && last.path === doc.path && last.name === doc.name))) return;
      last = doc;
      this.track(doc);
    };
    sync();
    this.detachDocument = source.subscribe(sync);
  }

  dispose(): void {
    this.detachDocument?.();
    this.unsubscribeHost();
    if (this.timer !== null) this.clearTimer(this.timer);
    this.listeners.clear();
  }

  getSnapshot = (): TrainingSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** True while a run is starting, running, paused or stopping: the canvas locks structure edits meanwhile. */
  get active(): boolean {
    return isActive(this.snapshot.dashboard.status);
  }

  /**
   * Follows the open document: call it with every change of the open project's identity. Another document (or none)
   * stops a run of the previous one, so no training process outlives its project; the same document saved under a
   * new path (or renamed while unsaved) takes its run history along.
   */
  track(doc: { documentId: number; path: string | null; name: string } | null): void {
    const key = doc ? storageKey(doc.path, doc.name) : null;
    const previous = this.document;
    this.document = doc ? { documentId: doc.documentId, key: key! } : null;
    if (!doc || !previous || previous.documentId !== doc.documentId) {
      if (previous && this.snapshot.runIsCurrent) {
        if (this.active) this.projectClosed();
        this.set({ runIsCurrent: false }, true);
      }
      if (key !== this.snapshot.projectKey) this.set({ projectKey: key, runs: key ? loadRuns(this.storage, key) : [] }, true);
      return;
    }
    if (key === previous.key) return;
    const merged = [...loadRuns(this.storage, key!)];
    for (const r of this.snapshot.runs) if (!merged.some((m) => m.id === r.id)) merged.push(r);
    merged.sort((a, b) => b.startedAt - a.startedAt);
    saveRuns(this.storage, key!, merged);
    this.set({
      projectKey: key, runs: merged,
      ...(this.snapshot.runProjectKey === previous.key ? { runProjectKey: key } : {}),
    }, true);
  }

  async start(req: StartRequest): Promise<boolean> {
    if (this.active || this.starting) {
      this.set({ notice: { kind: 'error', text: 'A run is already going: stop it first' } }, true);
      return false;
    }
    const key = storageKey(req.projectPath, req.project.name);
    if (key !== this.snapshot.projectKey) this.set({ projectKey: key, runs: loadRuns(this.storage, key) }, true);
    const epochs = req.epochs ?? req.project.training.epochs;
    this.starting = true;
    this.early = [];
    this.set({
      runId: null, runProjectKey: key, runIsCurrent: true, config: runConfig(req.project, epochs), dashboard: startingDashboard(this.now(), epochs),
      pending: 'start', notice: null,
    }, true);
    try {
      const { runId } = await this.host.invoke('train:start', {
        project: req.project, ...(req.projectPath ? { projectPath: req.projectPath } : {}),
        options: { backend: req.backend ?? 'auto', ...(req.epochs ? { epochs: req.epochs } : {}) },
      });
      this.starting = false;
      this.set({ runId, pending: null }, true);
      const early = this.early;
      this.early = [];
      for (const p of early) if (p.runId === runId) this.apply(p.event);
      // A stop pressed while the start request was in flight.
      if (this.snapshot.dashboard.status === 'stopping') void this.sendControl('stop');
      return true;
    } catch (e) {
      this.starting = false;
      const message = (e as Error)?.message ?? String(e);
      this.set({ pending: null, dashboard: { ...this.snapshot.dashboard, status: 'error', error: { message: `could not start training: ${message}` }, finishedAt: this.now(), version: this.snapshot.dashboard.version + 1 } }, true);
      this.finish();
      return false;
    }
  }

  async control(action: ControlAction): Promise<boolean> {
    if (!this.active) return false;
    if (action === 'stop') {
      this.set({ dashboard: markStopping(this.snapshot.dashboard) }, true);
      if (!this.snapshot.runId) return true; // sent once the start request answers
    }
    return this.sendControl(action);
  }

  private async sendControl(action: ControlAction): Promise<boolean> {
    const runId = this.snapshot.runId;
    if (!runId) return false;
    this.set({ pending: action }, true);
    try {
      const { ok } = await this.host.invoke('train:control', { runId, action });
      if (!ok && this.snapshot.runId === runId && this.active) {
        // The host no longer knows the run: it ended without telling us (its process died, the connection dropped).
        this.set({ dashboard: markLost(this.snapshot.dashboard, 'the training process is gone (it ended without a result)', this.now()) }, true);
        this.finish();
      }
      this.set({ pending: null }, true);
      return ok;
    } catch (e) {
      this.set({ pending: null, notice: { kind: 'error', text: `${action} failed: ${(e as Error)?.message ?? String(e)}` } }, true);
      if (this.snapshot.runId === runId && this.active && /connection|connect/i.test((e as Error)?.message ?? '')) {
        this.set({ dashboard: markLost(this.snapshot.dashboard, (e as Error).message, this.now()) }, true);
        this.finish();
      }
      return false;
    }
  }

  /** The project the run belongs to was closed or replaced: stop the run so no training process is left behind. */
  projectClosed(): void {
    if (!this.active) return;
    void this.control('stop');
    this.set({ notice: { kind: 'info', text: 'Training stopped: its project was closed' } }, true);
  }

  /** Removes a run from the history (not its artifact folder). */
  forget(id: string): void {
    const runs = removeRun(this.snapshot.runs, id);
    if (this.snapshot.projectKey) saveRuns(this.storage, this.snapshot.projectKey, runs);
    this.set({ runs }, true);
  }

  dismissNotice(): void {
    if (this.snapshot.notice) this.set({ notice: null }, true);
  }

  private receive(payload: EventPayload<'train:event'>): void {
    if (this.starting && !this.snapshot.runId) {
      this.early.push(payload);
      return;
    }
    if (payload.runId !== this.snapshot.runId) return;
    this.apply(payload.event);
  }

  private apply(event: TrainingEvent): void {
    const dashboard = reduceDashboard(this.snapshot.dashboard, event, this.now());
    this.set({ dashboard }, event.event !== 'batch');
    if (event.event === 'done' || event.event === 'error') this.finish();
  }

  /** Records a finished run in its project's history. */
  private finish(): void {
    const { dashboard, config, runProjectKey } = this.snapshot;
    if (!config || !runProjectKey) return;
    const id = this.snapshot.runId ?? `failed-${dashboard.startedAt ?? this.now()}`;
    const record = recordRun(id, dashboard, config);
    if (!record) return;
    const stored = runProjectKey === this.snapshot.projectKey ? this.snapshot.runs : loadRuns(this.storage, runProjectKey);
    const runs = addRun(stored, record);
    saveRuns(this.storage, runProjectKey, runs);
    if (runProjectKey === this.snapshot.projectKey) this.set({ runs }, true);
  }

  private set(patch: Partial<TrainingSnapshot>, immediate: boolean): void {
    const wasActive = this.active;
    this.snapshot = { ...this.snapshot, ...patch };
    if (this.publishLock && wasActive !== this.active) trainingLock.set(lockFor(this.active));
    if (immediate) {
      if (this.timer !== null) {
        this.clearTimer(this.timer);
        this.timer = null;
      }
      this.dirty = false;
      this.emit();
    } else if (this.timer === null) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        if (this.dirty) {
          this.dirty = false;
          this.emit();
        }
      }, this.throttleMs);
      this.dirty = true;
    } else this.dirty = true;
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}

const controllers = new WeakMap<HostApi, TrainingController>();

/** The one training controller of a host (the app has one host; tests make their own controllers). */
export function trainingFor(host: HostApi): TrainingController {
  let c = controllers.get(host);
  if (!c) controllers.set(host, (c = new TrainingController(host, { publishLock: true })));
  return c;
}
