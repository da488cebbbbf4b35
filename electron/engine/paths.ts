// Where the app's own files are: the repo root in development, the bundle's folder once built (dist/ sits in the
// root), or resources in a packaged app. Found by walking up from this module to the folder that holds `templates/`.
import { existsSync } from 'node:fs';
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
