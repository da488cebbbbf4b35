// Builds Layerloom: the Node side (CLI, training worker, web host, Electron main + preload) with esbuild, and the
// renderer with Vite. `--node` builds only the Node side (what `npm install` runs through the prepare script).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nodeOnly = process.argv.includes('--node');
const at = (p) => path.join(root, p);

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning', absWorkingDir: root };

const esm = [
  ['electron/cli/entry.ts', 'dist/cli.mjs'],
  ['electron/engine/train/worker.ts', 'dist/train-worker.mjs'],
  ['electron/engine/jobs/worker.ts', 'dist/engine-jobs.mjs'],
  ['electron/host/web-entry.ts', 'dist/web.mjs'],
].filter(([src]) => existsSync(at(src)));
await Promise.all(esm.map(([src, out]) => build({ ...common, format: 'esm', entryPoints: [at(src)], outfile: at(out) })));

// Electron loads main, the training utility process and the preload as CommonJS; electron itself is provided at
// run time.
const cjs = [
  ['electron/main.ts', 'dist/electron/main.cjs'],
  ['electron/engine/train/utility-entry.ts', 'dist/utility-train.cjs'],
  // The desktop app starts the engine-jobs process with utilityProcess, which loads CommonJS.
  ['electron/engine/jobs/worker.ts', 'dist/engine-jobs.cjs'],
].filter(([src]) => existsSync(at(src)));
await Promise.all(cjs.map(([src, out]) => build({
  ...common, format: 'cjs', entryPoints: [at(src)], outfile: at(out), external: ['electron'],
  // Shared engine modules locate files from import.meta.url, which CommonJS lacks.
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
})));

// The preload runs sandboxed: its `require` knows only a few Electron modules, so everything else (zod, the shared
// contract) is bundled into it.
if (existsSync(at('electron/preload.ts'))) {
  await build({ ...common, packages: 'bundle', format: 'cjs', entryPoints: [at('electron/preload.ts')], outfile: at('dist/electron/preload.cjs'), external: ['electron'] });
}

if (!nodeOnly && existsSync(at('renderer/index.html'))) {
  const r = spawnSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
