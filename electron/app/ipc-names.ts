// Electron IPC channel names between the preload and the main process. Not part of the renderer's contract: the
// page only sees window.layerloom (shared/ipc/contract.ts LayerloomBridge). Imported by the sandboxed preload, so
// this module imports nothing.
/** invoke(channel, request) → Reply */
export const INVOKE = 'layerloom:invoke';
/** main → page: { event, payload } */
export const EVENT = 'layerloom:event';
/** page → main: the page listens to this event now (events such as project:opened are held until then). */
export const SUBSCRIBE = 'layerloom:subscribe';
/** page → main: the path of a project file dropped on the window. */
export const DROP_FILE = 'layerloom:drop-file';
