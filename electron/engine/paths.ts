// Where the app's own files are: the repo root in development, the bundle's folder once built (dist/ sits in the
// root), or resources in a packaged app. Found by walking up from this module to the folder that holds `templates/`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function appRoot(): string {
  if (cached) return cached;
  const override = process.env.LAYERLOOM_ROOT;
  if (override && existsSync(path.join(override, 'templates'))) return (cached = override);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'package.json'))) return (cached = dir);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('cannot find the Layerloom installation folder (templates/); set LAYERLOOM_ROOT');
}

export const templatesDir = (): string => path.join(appRoot(), 'templates');

let version: string | undefined;

/** Layerloom's version, from its package.json. */
export function appVersion(): string {
  version ??= String(JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')).version);
  return version;
}

/**
 * Files that ship with Layerloom (a template's pretrained base, its data) are named `layerloom:<path under
 * templates/>` in project files, so a project made from a template keeps working wherever it is saved or shared.
 */
export const RESOURCE_PREFIX = 'layerloom:';

/** Anything with a scheme (`http:`, `file:`, `s3:`…) or a protocol-relative `//host`: nothing is ever downloaded. */
const URL_PATTERN = /^(?:[a-z][a-z0-9+.-]+:|\/\/)/i;

export class PathError extends Error {}

/** Resolves a path field of a project file: relative to the project's folder, or a shipped resource. */
export function resolveProjectPath(value: string, baseDir: string): string {
  if (value.startsWith(RESOURCE_PREFIX)) {
    const rel = value.slice(RESOURCE_PREFIX.length);
    const root = templatesDir();
    const abs = path.resolve(root, rel);
    if (path.relative(root, abs).startsWith('..')) throw new PathError(`${value} points outside Layerloom's resources`);
    return abs;
  }
  // A Windows drive letter (C:\…) looks like a scheme to the pattern; it is a path, not a URL.
  if (URL_PATTERN.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    throw new PathError(`${value} is a URL: give a file path (nothing is downloaded)`);
  }
  return path.resolve(baseDir, value);
}
