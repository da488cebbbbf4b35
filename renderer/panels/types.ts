// The contract of the dock panels (Dataset, Training, Export). A panel lives in renderer/panels/<name>/index.tsx
// and default-exports a component taking these props; the dock finds it there (see registry.ts) — no other file
// needs to change to mount it.
import type { HostApi } from '../../shared/ipc/contract.js';
import type { Project } from '../../shared/project.js';
import type { ValidationResult } from '../../shared/validate.js';

export interface ProjectChangeOptions {
  /** Consecutive changes with the same key make one undo step (e.g. `dataset:validationSplit` while typing). */
  coalesce?: string;
}

export interface DockPanelProps {
  /** The open project (immutable: never mutate it; call onProjectChange with a new one). */
  project: Project;
  /** The host: invoke channels (`train:start`, `dataset:preview`, `export:onnx`, …) and listen to events. */
  host: HostApi;
  /** Where the project is saved; undefined until the first save (pass it as `projectPath` in requests). */
  projectPath: string | undefined;
  /**
   * Changes the project: an undoable edit that marks the document dirty. Pass the next project, or a function of
   * the current one (preferred: it never works on a stale copy).
   */
  onProjectChange(next: Project | ((current: Project) => Project), options?: ProjectChangeOptions): void;
  /** The model shown on the canvas (`main`, or `generator` / `discriminator` in a GAN). */
  activeModel: string;
  /** The latest validation of the project (null until the first pass finishes). */
  validation: ValidationResult | null;
  /** Whether this panel's tab is the one showing (panels stay mounted, e.g. to keep a training run's charts). */
  active: boolean;
}
