// `npm test`: unit and integration tests (vitest), then the end-to-end journeys (Playwright in Chromium), and one
// closing line `N passed, N failed` over both. Exit code 1 when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const results = path.join(root, 'test-results');
const args = process.argv.slice(2);
const only = args.find((a) => a === '--unit' || a === '--e2e');
mkdirSync(results, { recursive: true });

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return r.status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;

// Tests spawn the built CLI, worker and web host: build first so they never run stale bundles.
if (run(process.execPath, [path.join(root, 'scripts/build.mjs')]) !== 0) {
  console.log('\n0 passed, 1 failed (the build failed)');
  process.exit(1);
}

if (only !== '--e2e') {
  const out = path.join(results, 'unit.json');
  rmSync(out, { force: true });
  const code = run(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    // A file that fails to load counts as a failure even though it ran no test.
    totals.failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  } else totals.failed += 1;
  if (code !== 0) status = 1;
}

if (only !== '--unit') {
  const out = path.join(results, 'e2e.json');
  rmSync(out, { force: true });
  const code = run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test']);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.stats.expected + (r.stats.flaky ?? 0);
    totals.failed += r.stats.unexpected;
    totals.skipped += r.stats.skipped;
  } else totals.failed += 1;
  if (code !== 0) status = 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(status || (totals.failed > 0 ? 1 : 0));
