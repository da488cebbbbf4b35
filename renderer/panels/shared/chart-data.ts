// Turns series recorded at different x positions (per batch, per epoch) into the one aligned table uPlot draws:
// [x, y1, y2, …] over the union of all x values, with null where a series has no point (drawn with spanGaps).
export type Column = (number | null)[];

export interface XSeries {
  /** Increasing x positions. */
  x: readonly number[];
  /** One column per series, aligned with x. */
  ys: readonly (readonly (number | null)[])[];
}

/** Merges sources with increasing x into one aligned table. Equal x values (within 1e-9) share a row. */
export function alignSeries(sources: readonly XSeries[]): [number[], ...Column[]] {
  const x: number[] = [];
  const columns: Column[] = [];
  const idx = sources.map(() => 0);
  for (const s of sources) for (let k = 0; k < s.ys.length; k++) columns.push([]);
  for (;;) {
    let next = Infinity;
    sources.forEach((s, i) => {
      const v = s.x[idx[i]!];
      if (v !== undefined && v < next) next = v;
    });
    if (next === Infinity) break;
    x.push(next);
    let col = 0;
    sources.forEach((s, i) => {
      const j = idx[i]!;
      const v = s.x[j];
      const here = v !== undefined && Math.abs(v - next) < 1e-9;
      for (const y of s.ys) columns[col++]!.push(here ? (y[j] ?? null) : null);
      if (here) idx[i] = j + 1;
    });
  }
  return [x, ...columns];
}

/** A simple moving average of a column, skipping nulls (smooths the noisy per-batch curve). */
export function smooth(column: readonly (number | null)[], window: number): Column {
  if (window <= 1) return [...column];
  const out: Column = [];
  let sum = 0;
  let count = 0;
  const q: (number | null)[] = [];
  for (const v of column) {
    q.push(v);
    if (v !== null) {
      sum += v;
      count++;
    }
    if (q.length > window) {
      const old = q.shift()!;
      if (old !== null) {
        sum -= old;
        count--;
      }
    }
    out.push(v === null || count === 0 ? null : sum / count);
  }
  return out;
}

/** Range over the finite values of some columns, or null when there are none. */
export function valueRange(columns: readonly (readonly (number | null)[])[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of columns) {
    for (const v of c) {
      if (v === null || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo === Infinity ? null : [lo, hi];
}
