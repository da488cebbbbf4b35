// The digits data set for benchmarks: 1,797 8×8 images, 64 pixel columns (0–16) then the label, gzipped CSV.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** shared/ lies beside the repository (the project's steering folder), as it does for CI. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** The repo's own copy if it has one, else the shared one. */
export function digitsPath(): string {
  const candidates = [
    path.join(REPO_ROOT, 'templates', 'data', 'digits.csv.gz'),
    path.join(SHARED_DIR, 'datasets', 'digits.csv.gz'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`digits.csv.gz not found (looked at ${candidates.join(', ')})`);
  return found;
}

export interface Digits {
  /** Pixels scaled to [0, 1] (value / 16), row-major, 64 per image. */
  x: Float32Array;
  /** Labels 0–9. */
  y: Int32Array;
  count: number;
  file: string;
}

export function loadDigits(file = digitsPath()): Digits {
  const rows = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
  const x = new Float32Array(rows.length * 64);
  const y = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const v = row.split(',');
    if (v.length !== 65) throw new Error(`${file}: row ${i + 1} has ${v.length} columns, expected 65`);
    for (let j = 0; j < 64; j++) x[i * 64 + j] = Number(v[j]) / 16;
    y[i] = Number(v[64]);
  });
  return { x, y, count: rows.length, file };
}
