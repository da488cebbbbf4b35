// The renderer's one way to reach its host: `getHost()` gives the Electron bridge when the preload exposed one,
// otherwise the web host's WebSocket. Both implement the same HostApi, typed from shared/ipc/contract.ts.
import type { HostApi } from '../../shared/ipc/contract.js';
import { createElectronHost } from './electron.js';
import { createWebHost } from './web.js';

export { HostError } from './errors.js';
export { createElectronHost } from './electron.js';
export { createWebHost } from './web.js';
export type { HostApi } from '../../shared/ipc/contract.js';

let host: HostApi | undefined;

export function hostKind(): 'electron' | 'web' {
  return typeof window !== 'undefined' && window.layerloom ? 'electron' : 'web';
}

export function getHost(): HostApi {
  host ??= hostKind() === 'electron' ? createElectronHost(window.layerloom!) : createWebHost();
  return host;
}

/** Replaces the host (renderer tests use an in-memory fake). */
export function setHost(next: HostApi | undefined): void {
  host = next;
}

/** The path of a file dropped on the window: Electron only (a browser never reveals it); '' elsewhere. */
export function pathForFile(file: File): string {
  return hostKind() === 'electron' ? window.layerloom!.pathForFile(file) : '';
}
