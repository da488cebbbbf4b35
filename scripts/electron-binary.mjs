// Where the Electron binary is, without triggering a download on `require('electron')` (Electron ≥ 42 fetches its
// binary on first use). Shared by `npm start` and the Playwright electron project.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './ensure-built.mjs';

const pkg = path.join(root, 'node_modules', 'electron');

function installed() {
  try {
    const rel = readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
    const bin = path.join(base, rel);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `{ path }` of a binary that exists, or `{ why }` in one line. With `download`, a missing binary is fetched first
 * (what `require('electron')` would do), and a failed download becomes the reason.
 */
export function electronBinary({ download = false } = {}) {
  if (!existsSync(path.join(pkg, 'package.json'))) return { why: 'the electron package is not installed' };
  let bin = installed();
  if (!bin && download) {
    const r = spawnSync(process.execPath, [path.join(pkg, 'install.js')], { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 });
    bin = installed();
    if (!bin) {
      const line = `${r.stderr ?? ''}\n${r.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l) && !l.startsWith('at '));
      return { why: `the Electron binary is not installed and downloading it failed${line ? ` (${line})` : ''}` };
    }
  }
  if (!bin) return { why: 'the Electron binary is not installed (Electron downloads it on first use: run `npm start` once where the network allows)' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { why: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)', path: bin };
  }
  return { path: bin };
}
