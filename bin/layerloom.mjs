#!/usr/bin/env node
// The `layerloom` command. Runs the bundled CLI (built by `npm install` via the prepare script, or here on first use).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--node'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('layerloom: building the CLI failed (run npm install in the Layerloom folder)');
    process.exit(2);
  }
}
await import(cli.href);
