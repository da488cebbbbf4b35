// Builds Layerloom when dist/ is missing or older than its sources, for `npm run web`, `npm start` and the e2e
// tests. A stale build is worse than a slow start: the renderer and the host must speak the same contract.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const OUTPUTS = ['dist/web.mjs', 'dist/train-worker.mjs', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/utility-train.cjs'];
const SOURCES = ['electron', 'shared', 'renderer', 'scripts/build.mjs', 'vite.config.ts', 'package.json'];
const SOURCE_EXT = /\.(ts|tsx|mts|js|mjs|css|html|json|svg|png)$/;

function newestSource(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const s = statSync(full);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const d of readdirSync(full, { withFileTypes: true })) {
    if (d.name === 'node_modules' || d.name.startsWith('.')) continue;
    const child = path.join(entry, d.name);
    if (d.isDirectory()) newest = Math.max(newest, newestSource(child));
    else if (SOURCE_EXT.test(d.name)) newest = Math.max(newest, statSync(path.join(root, child)).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or undefined when dist/ is up to date. */
export function buildReason() {
  const outputs = [...OUTPUTS];
  if (existsSync(path.join(root, 'renderer', 'index.html'))) outputs.push('dist/renderer/index.html');
  const missing = outputs.find((o) => !existsSync(path.join(root, o)));
  if (missing) return `${missing} is missing`;
  const oldest = Math.min(...outputs.map((o) => statSync(path.join(root, o)).mtimeMs));
  return SOURCES.some((s) => newestSource(s) > oldest) ? 'sources changed since the last build' : undefined;
}

/**
 * Runs scripts/build.mjs if needed. A failed build exits the process with a one-line message (or throws, with
 * `throwOnError`). LAYERLOOM_SKIP_BUILD=1 uses dist/ as it is, as long as it exists.
 */
export function ensureBuilt({ quiet = false, throwOnError = false } = {}) {
  const reason = buildReason();
  if (!reason || (process.env.LAYERLOOM_SKIP_BUILD && !reason.endsWith('missing'))) return;
  if (!quiet) console.error(`Building Layerloom (${reason})…`);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    const message = 'Layerloom: the build failed (see above); fix it or run `npm run build` to retry.';
    if (throwOnError) throw new Error(message);
    console.error(message);
    process.exit(r.status || 1);
  }
}
