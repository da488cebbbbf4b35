// What differs between the two hosts, given to the shared handlers: where files go by default, how to ask the user
// for a path (Electron's native dialogs; the web renderer asks itself and always sends a path), how training
// processes start (utilityProcess or child_process), and the window chrome (Electron only).
import type { Request } from '../../shared/ipc/contract.js';
import type { RunHandle } from '../engine/train/runner.js';
import type { WorkerStart } from '../engine/train/protocol.js';
import type { TrainingEvent } from '../../shared/events.js';
import type { HostClient } from './client.js';

export type RunStarter = (start: Omit<WorkerStart, 'type'>, onEvent: (e: TrainingEvent) => void) => RunHandle;

export type SaveKind = 'project' | 'onnx' | 'folder';

export interface HostContext {
  kind: 'electron' | 'web';
  /** Recent files and the recovery copy live here. */
  userDataDir: string;
  /** Where dialogs and `files:list` start, and the folder unsaved projects resolve relative paths against. */
  defaultDir: string;
  startRun: RunStarter;
  /** Native "Open" dialog; undefined = canceled. Absent on the web host. */
  chooseOpenPath?(client: HostClient): Promise<string | undefined>;
  /** Native "Save as" dialog; undefined = canceled. Absent on the web host. */
  chooseSavePath?(client: HostClient, kind: SaveKind, suggested: string): Promise<string | undefined>;
  windowState?(client: HostClient, state: Request<'window:state'>): void;
  recentChanged?(paths: string[]): void;
  log(line: string): void;
}
