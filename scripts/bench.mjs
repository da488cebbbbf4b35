#!/usr/bin/env node
// Runs the benchmarks under bench/ and prints their results as tables.
//
//   npm run bench                      every bench/*.bench.ts, in name order
//   npm run bench -- digits            only those whose file name contains "digits"
//   npm run bench -- --json            one JSON line {"results": [...]} on stdout instead of tables
//   npm run bench -- --profile         other --flags (and --name=value) are passed on to each benchmark;
//                                      digits-cnn: --profile (per-kernel time of a step), --rounds=N
//
// A benchmark is a file bench/NAME.bench.ts run with `npx tsx`. It prints each result as one JSON object per line on
// stdout (see bench/lib/rows.ts) and anything else on stderr; rows sharing a `bench` field form one table. Adding a
// benchmark is adding such a file.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Table fields shown last, whatever order the rows give them in: free text. */
const LAST = ['note', 'unavailable', 'error'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const passOn = args.filter((a) => a.startsWith('--') && a !== '--json');
const filters = args.filter((a) => !a.startsWith('--'));

const files = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')} (bench/*.bench.ts)`);
  process.exit(1);
}

const results = [];
let failed = false;
for (const file of files) {
  console.error(`▶ ${file}`);
  const r = spawnSync('npx', ['tsx', path.join('bench', file), ...passOn], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20,
  });
  const rows = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  if (r.status !== 0) {
    failed = true;
    rows.push({ bench: file.replace(/\.bench\.ts$/, ''), error: `exited with ${r.status ?? r.signal}` });
  }
  results.push(...rows);
}

if (json) {
  process.stdout.write(`${JSON.stringify({ results })}\n`);
} else {
  for (const bench of [...new Set(results.map((r) => r.bench))]) {
    const rows = results.filter((r) => r.bench === bench);
    console.log(`\n${bench}`);
    printTable(rows);
    printRatios(bench, rows);
  }
}
process.exit(failed ? 1 : 0);

/** A plain-text table whose columns are the rows' fields (except `bench`), in first-seen order (ratios, then text, last). */
function printTable(rows) {
  const seen = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'bench');
  const figures = seen.filter((k) => !LAST.includes(k));
  // Ratios (vs_*) after the figures they compare, whichever row first had them.
  const columns = [...figures.filter((k) => !k.startsWith('vs_')), ...figures.filter((k) => k.startsWith('vs_')), ...LAST.filter((k) => seen.includes(k))];
  const cell = (v) => (v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('en-US') : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (cells) => cells.map((c, i) => (typeof c === 'number' ? cell(c).padStart(widths[i]) : cell(c).padEnd(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(columns.map((c) => r[c])));
}

/** For throughput benchmarks with a PyTorch row: each backend's samples/s as a fraction of PyTorch's. */
function printRatios(bench, rows) {
  const torch = rows.find((r) => r.backend === 'pytorch');
  if (!torch) return;
  if (!torch.samples_per_s) {
    console.log(`${bench}: ${torch.unavailable ?? 'PyTorch reference unavailable'}`);
    return;
  }
  for (const r of rows) {
    if (r.backend === 'pytorch' || !r.samples_per_s) continue;
    const cpu = r.samples_per_cpu_s && torch.samples_per_cpu_s
      ? ` (per CPU second: ${(r.samples_per_cpu_s / torch.samples_per_cpu_s).toFixed(2)})` : '';
    console.log(`${bench}: ${r.backend} / PyTorch = ${(r.samples_per_s / torch.samples_per_s).toFixed(2)}${cpu}`);
  }
}
