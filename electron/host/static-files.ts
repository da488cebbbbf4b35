// Serving the built renderer (dist/renderer) to a browser (web host) or to Electron's app:// protocol: the same
// path checks, MIME types and Content-Security-Policy for both.
import { stat } from 'node:fs/promises';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page may load only its own files. Inline styles are allowed because React Flow positions nodes with style
 * attributes; scripts never run inline or from elsewhere. `connect` adds the web host's WebSocket origin (older
 * browsers do not count ws: as 'self').
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((c) => ` ${c}`).join('')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type StaticResult = { file: string; type: string } | { status: 400 | 403 | 404; message: string };

/**
 * Maps a URL path to a file under `root`. Anything that could leave the root (`..` segments, encoded or not,
 * backslashes, NUL bytes, absolute drive paths) is refused before touching the disk; `/` serves index.html.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return { status: 400, message: 'bad URL encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return { status: 400, message: 'bad path' };
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:$/.test(s))) return { status: 403, message: 'path outside the app' };
  // Hidden files (.env, .git…) are never part of a build.
  if (segments.some((s) => s.startsWith('.'))) return { status: 404, message: 'not found' };
  const base = path.resolve(root);
  const file = path.resolve(base, ...(segments.length ? segments : ['index.html']));
  if (file !== base && !file.startsWith(base + path.sep)) return { status: 403, message: 'path outside the app' };
  try {
    const s = await stat(file);
    if (s.isDirectory()) {
      const index = path.join(file, 'index.html');
      if ((await stat(index)).isFile()) return { file: index, type: mimeType(index) };
    }
    if (s.isFile()) return { file, type: mimeType(file) };
  } catch {
    // fall through
  }
  return { status: 404, message: 'not found' };
}
