// The only bridge between the page and the main process: window.layerloom = { invoke, on, pathForFile }.
// Channel and event names are checked against the shared contract here; payloads are validated in main. The raw
// ipcRenderer never reaches the page. Dropping a project file anywhere on the window opens it (unless the page
// handled the drop itself).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, EVENT_NAMES, type Channel, type EventName, type LayerloomBridge, type Reply } from '../shared/ipc/contract.js';
import { DROP_FILE, EVENT, INVOKE, SUBSCRIBE } from './app/ipc-names.js';

const channels = new Set<string>(CHANNELS);
const eventNames = new Set<string>(EVENT_NAMES);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT, (_e, message: { event?: unknown; payload?: unknown }) => {
  for (const listener of listeners.get(String(message?.event)) ?? []) listener(message.payload);
});

const bridge: LayerloomBridge = {
  invoke(channel: Channel, request: unknown): Promise<Reply> {
    if (!channels.has(channel)) return Promise.resolve({ error: `unknown channel ${JSON.stringify(channel)}` });
    return ipcRenderer.invoke(INVOKE, channel, request);
  },
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`unknown event ${JSON.stringify(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    let set = listeners.get(event);
    if (!set) {
      listeners.set(event, (set = new Set()));
      ipcRenderer.send(SUBSCRIBE, event);
    }
    set.add(listener);
    return () => void set.delete(listener);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('layerloom', bridge);

// Bubble phase, after the page's own handlers: a drop the page took (defaultPrevented) is left alone.
window.addEventListener('dragover', (e) => {
  if (!e.defaultPrevented && e.dataTransfer?.types.includes('Files')) e.preventDefault();
});
window.addEventListener('drop', (e) => {
  if (e.defaultPrevented) return;
  const file = e.dataTransfer?.files[0];
  const filePath = file ? webUtils.getPathForFile(file) : '';
  e.preventDefault();
  if (filePath.toLowerCase().endsWith('.json')) ipcRenderer.send(DROP_FILE, filePath);
});
