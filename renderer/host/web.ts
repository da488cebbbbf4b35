// HostApi over the web host's WebSocket. The page was opened as http://127.0.0.1:PORT/?token=…; the token goes with
// the socket URL (the host also checks Host and Origin). The socket opens on the first invoke and reopens on the
// next one after a drop; requests in flight when it drops are rejected (the host ends their runs too).
import type { Channel, EventName, HostApi, WireReply, WireRequest } from '../../shared/ipc/contract.js';
import { HostError } from './errors.js';

export interface WebHostOptions {
  /** Defaults to ws(s)://<this page's host>/ws?token=<the page's ?token=>. */
  url?: string;
  token?: string;
  /** For tests in Node (the `ws` package's client). */
  WebSocketImpl?: new (url: string) => WebSocket;
}

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void; channel: Channel };

export function createWebHost(opts: WebHostOptions = {}): HostApi {
  const token = opts.token ?? new URLSearchParams(globalThis.location?.search ?? '').get('token') ?? '';
  const url = opts.url ?? socketUrl(token);
  const Impl = opts.WebSocketImpl ?? WebSocket;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  function connect(): Promise<WebSocket> {
    if (socket) return socket;
    socket = new Promise<WebSocket>((resolve, reject) => {
      let opened = false;
      const ws = new Impl(url);
      ws.onopen = () => {
        opened = true;
        resolve(ws);
      };
      ws.onmessage = (e: MessageEvent) => receive(String(e.data));
      // A failed or refused connection is followed by `close`, which settles everything.
      ws.onerror = () => undefined;
      ws.onclose = () => {
        socket = undefined;
        const why = opened
          ? 'the connection to the Layerloom web host was closed'
          : 'cannot connect to the Layerloom web host: is `npm run web` still running, and is this the address it printed (the token changes at every launch)?';
        if (!opened) reject(new HostError({ error: why }));
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new HostError({ error: why }, p.channel));
        }
      };
    });
    return socket;
  }

  function receive(text: string): void {
    let msg: Partial<WireReply> & { event?: string; payload?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg.event === 'string') {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.payload);
      return;
    }
    if (typeof msg.id !== 'number') {
      if ('error' in msg) console.error(`Layerloom web host: ${msg.error}`);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if ('error' in msg && typeof msg.error === 'string') p.reject(new HostError(msg as { error: string }, p.channel));
    else p.resolve((msg as { response: unknown }).response);
  }

  return {
    async invoke(channel, request) {
      if (!token && !opts.url) {
        throw new HostError({ error: 'this page has no ?token=…: open the address that `npm run web` printed' }, channel);
      }
      const ws = await connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, channel });
        ws.send(JSON.stringify({ id, channel, request } satisfies WireRequest));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };
}

function socketUrl(token: string): string {
  const loc = globalThis.location;
  if (!loc) return '';
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

export type { EventName };
