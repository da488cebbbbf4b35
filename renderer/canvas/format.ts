// How shapes and parameter counts read on the canvas and in tables.
import type { Shape } from '../../shared/layers/types.js';

/** Compact sample shape for the canvas: batch left out, `8×8×16`; unknown sizes as `?`. */
export function compactShape(shape: Shape | undefined): string | null {
  if (!shape) return null;
  const dims = shape.slice(1);
  if (dims.length === 0) return 'scalar';
  return dims.map((d) => (d === null ? '?' : String(d))).join('×');
}

/** Full shape as validation messages write it: `[null, 8, 8, 16]`. */
export function fullShape(shape: Shape | undefined): string {
  if (!shape) return '—';
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** 1234567 → "1.23M", 12345 → "12.3k", 999 → "999". */
export function shortCount(n: number): string {
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  const digits = (v: number) => (v < 10 ? 2 : v < 100 ? 1 : 0);
  if (n < 1000) return String(n);
  if (n < 999_500) return `${trim((n / 1e3).toFixed(digits(n / 1e3)))}k`;
  if (n < 999_500_000) return `${trim((n / 1e6).toFixed(digits(n / 1e6)))}M`;
  return `${trim((n / 1e9).toFixed(2))}B`;
}

/** 1234567 → "1,234,567". */
export function fullCount(n: number): string {
  return n.toLocaleString('en-US');
}
