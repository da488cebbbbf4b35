// Live diagnostics: validates the project shortly after each edit (debounced), in a Web Worker when one can be
// started, so typing and dragging never wait for it. Moving nodes does not change what validation computes, so
// position-only edits are skipped altogether.
import type { Project } from '../../shared/project.js';
import type { ValidationResult } from '../../shared/validate.js';
import { runValidation } from './run-validation.js';

export interface ValidationSnapshot {
  /** The project this result was computed for (positions may have moved since). */
  project: Project;
  result: ValidationResult;
  /** Time validation took, in milliseconds. */
  ms: number;
}

/** True when the two projects differ at most in node positions (or not at all). */
export function sameStructure(a: Project, b: Project): boolean {
  if (a === b) return true;
  if (a.dataset !== b.dataset || a.training !== b.training) return false;
  const names = Object.keys(a.models);
  if (names.length !== Object.keys(b.models).length) return false;
  for (const name of names) {
    const ma = a.models[name];
    const mb = b.models[name];
    if (!ma || !mb) return false;
    if (ma === mb) continue;
    if (ma.edges !== mb.edges) {
      if (ma.edges.length !== mb.edges.length) return false;
      for (let i = 0; i < ma.edges.length; i++) if (ma.edges[i] !== mb.edges[i]) return false;
    }
    if (ma.nodes.length !== mb.nodes.length) return false;
    for (let i = 0; i < ma.nodes.length; i++) {
      const x = ma.nodes[i]!;
      const y = mb.nodes[i]!;
      if (x === y) continue;
      if (x.id !== y.id || x.kind !== y.kind || x.params !== y.params || x.label !== y.label) return false;
    }
  }
  return true;
}

interface Options {
  debounceMs?: number;
  /** Start a worker (default: when the environment has Worker). */
  worker?: boolean;
}

export class Validator {
  private snapshot: ValidationSnapshot | null = null;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: Project | null = null;
  private worker: Worker | null = null;
  private requestId = 0;
  private inFlight = new Map<number, Project>();
  private readonly debounceMs: number;

  constructor(options: Options = {}) {
    // The next task: changes made in one go still validate once, and validation (in the worker, a few ms for 500
    // nodes) shows an edit's result within a frame or two. Keystrokes arrive tens of ms apart; nothing to coalesce.
    this.debounceMs = options.debounceMs ?? 0;
    if (options.worker ?? typeof Worker !== 'undefined') {
      try {
        this.worker = new Worker(new URL('./validate.worker.ts', import.meta.url), { type: 'module', name: 'validate' });
        this.worker.onmessage = (e: MessageEvent<{ id: number; result: ValidationResult; ms: number }>) => this.onResult(e.data);
        this.worker.onerror = (e) => {
          // A worker that cannot start (e.g. a strict host policy): validate on this thread from now on.
          e.preventDefault?.();
          this.worker?.terminate();
          this.worker = null;
          const retry = [...this.inFlight.values()].pop();
          this.inFlight.clear();
          if (retry) this.runNow(retry);
        };
      } catch {
        this.worker = null;
      }
    }
  }

  getSnapshot = (): ValidationSnapshot | null => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Validates `project` soon. A position-only change keeps the current result. */
  schedule(project: Project | null): void {
    if (!project) {
      this.cancel();
      if (this.snapshot) {
        this.snapshot = null;
        this.emit();
      }
      return;
    }
    const basis = this.pending ?? [...this.inFlight.values()].pop() ?? this.snapshot?.project;
    if (basis && sameStructure(basis, project)) return;
    this.pending = project;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const p = this.pending;
      this.pending = null;
      if (p) this.runNow(p);
    }, this.debounceMs);
  }

  /** Validates immediately (first load, tests). */
  runNow(project: Project): void {
    if (this.worker) {
      const id = ++this.requestId;
      this.inFlight.set(id, project);
      this.worker.postMessage({ id, project });
      return;
    }
    const t0 = performance.now();
    const result = runValidation(project);
    this.snapshot = { project, result, ms: performance.now() - t0 };
    this.emit();
  }

  private onResult(data: { id: number; result: ValidationResult; ms: number }): void {
    const project = this.inFlight.get(data.id);
    this.inFlight.delete(data.id);
    if (!project || data.id < this.latestApplied) return;
    this.latestApplied = data.id;
    this.snapshot = { project, result: data.result, ms: data.ms };
    this.emit();
  }

  private latestApplied = 0;

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
    this.listeners.clear();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
