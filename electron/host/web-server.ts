// The web host: the built renderer over HTTP on 127.0.0.1 and the IPC contract over a WebSocket. Any page in the
// user's browser can reach 127.0.0.1, so the socket demands all of: the per-launch random token (in the URL query),
// a Host header naming this server (DNS rebinding), and an Origin equal to the served origin (cross-site pages).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WireRequestSchema, type WireEvent, type WireReply } from '../../shared/ipc/contract.js';
import { HostClient } from './client.js';
import type { Handlers } from './handlers.js';
import { contentSecurityPolicy, resolveStatic } from './static-files.js';

export const WS_PATH = '/ws';
/** Projects are capped at 16 MB; leave room for JSON overhead. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface WebServerOptions {
  handlers: Handlers;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); by default a fresh random one per launch. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebServer {
  port: number;
  origin: string;
  token: string;
  /** The address to open: origin + `/?token=…`. */
  url: string;
  clients: ReadonlySet<HostClient>;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const clients = new Set<HostClient>();
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = http.createServer((req, res) => {
    serveFile(req, res).catch((e) => {
      log(`web host: ${req.method} ${req.url} failed: ${(e as Error).message}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!allowedHosts().includes(host)) return sendText(res, 403, 'wrong Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'method not allowed');
    if (!existsSync(path.join(opts.rendererDir, 'index.html'))) {
      return sendText(res, 503, 'The Layerloom renderer is not built yet: run `npm run build`, then reload.');
    }
    // The raw request path, not a URL-normalised one: `/../x` must be refused, not quietly turned into `/x`.
    const found = await resolveStatic(opts.rendererDir, req.url ?? '/');
    if ('status' in found) return sendText(res, found.status, found.message);
    res.writeHead(200, {
      ...securityHeaders(contentSecurityPolicy([`ws://${host}`])),
      'Content-Type': found.type,
      // index.html is tiny and changes with every build; hashed assets may be cached but are revalidated.
      'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, allowedHosts(), token);
    if (refusal) {
      log(`web host: refused a WebSocket from ${req.socket.remoteAddress}: ${refusal.why}`);
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const client = new HostClient((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload } satisfies WireEvent));
    }, `browser tab ${clients.size + 1}`);
    clients.add(client);
    const reply = (r: WireReply) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(r));
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const msg = decode(data, isBinary);
      if ('error' in msg) {
        log(`web host: malformed message from ${client.label}: ${msg.error}`);
        return reply({ id: msg.id, error: `malformed message: ${msg.error}` });
      }
      opts.handlers.dispatch(msg.channel, msg.request, client)
        .then((r) => reply({ id: msg.id, ...r }))
        .catch((e: Error) => log(`web host: could not answer ${msg.channel}: ${e.message}`));
    });
    ws.on('error', (e) => log(`web host: WebSocket error (${client.label}): ${e.message}`));
    // A closed tab or window ends its training runs.
    ws.on('close', () => {
      client.close();
      clients.delete(client);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port, origin, token, url: `${origin}/?token=${token}`, clients,
    close: async () => {
      for (const c of clients) c.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Why a WebSocket upgrade is refused, or undefined when it may proceed. */
export function checkUpgrade(req: IncomingMessage, allowedHosts: string[], token: string): { status: number; why: string } | undefined {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== WS_PATH) return { status: 404, why: `unknown path ${url.pathname}` };
  const host = req.headers.host ?? '';
  if (!allowedHosts.includes(host)) return { status: 403, why: `wrong Host header ${JSON.stringify(host)}` };
  const origin = req.headers.origin;
  if (origin !== `http://${host}`) return { status: 403, why: `foreign Origin ${JSON.stringify(origin ?? null)}` };
  if (!sameSecret(url.searchParams.get('token') ?? '', token)) return { status: 401, why: 'missing or wrong token' };
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Decoded = { id: string | number; channel: string; request: unknown } | { id: string | number | null; error: string };

function decode(data: RawData, isBinary: boolean): Decoded {
  if (isBinary) return { id: null, error: 'binary frames are not accepted' };
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return { id: null, error: 'not JSON' };
  }
  const parsed = WireRequestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Answer to the request's id when it has a usable one, so the sender's promise settles.
  const id = (value as { id?: unknown } | null)?.id;
  const usableId = typeof id === 'number' || (typeof id === 'string' && id.length <= 100) ? id : null;
  const issue = parsed.error.issues[0];
  return { id: usableId, error: `expected {id, channel, request}${issue ? ` (${issue.path.join('.') || 'message'}: ${issue.message})` : ''}` };
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}
