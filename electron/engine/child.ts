// How hosts start engine processes: the bundled entry in dist/ when built, else the TypeScript source through tsx
// (development and tests).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './paths.js';

export function engineEntry(bundled: string, source: string): { module: string; execArgv: string[] } {
  const root = appRoot();
  const file = path.join(root, 'dist', bundled);
  if (existsSync(file) && !process.env.LAYERLOOM_WORKER_FROM_SOURCE) return { module: file, execArgv: [] };
  return { module: path.join(root, source), execArgv: ['--import', 'tsx'] };
}
