// HostApi over the Electron preload's `window.layerloom` bridge (contextBridge; the preload checks channel names and
// the main process validates every payload).
import type { Channel, EventName, HostApi, LayerloomBridge } from '../../shared/ipc/contract.js';
import { HostError } from './errors.js';

declare global {
  interface Window {
    layerloom?: LayerloomBridge;
  }
}

export function createElectronHost(bridge: LayerloomBridge): HostApi {
  return {
    async invoke(channel, request) {
      const reply = await bridge.invoke(channel as Channel, request);
      if ('error' in reply) throw new HostError(reply, channel);
      return reply.response as never;
    },
    on(event, listener) {
      return bridge.on(event as EventName, listener as (payload: unknown) => void);
    },
  };
}
