// The app:// protocol: the built renderer (dist/renderer) with a strict CSP, and nothing else. No remote content
// is ever loaded, and `..` cannot leave the renderer folder (same checks as the web host).
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy, resolveStatic } from '../host/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'layerloom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app's `ready` event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    // url.pathname is already normalised by the URL parser; resolveStatic still refuses anything outside the root.
    const found = await resolveStatic(rendererDir, url.pathname);
    if ('status' in found) return new Response(found.message, { status: found.status });
    return new Response(await readFile(found.file), {
      headers: { 'Content-Type': found.type, 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}
