// Helpers shared by the kinds' shape inference. Formulas follow tfjs-layers (conv_utils.convOutputLength etc.).
import { ShapeError, type Dim, type Shape } from './types.js';

export function formatShape(s: Shape): string {
  return `[${s.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

/** Expands Keras' `int or tuple` argument to a tuple of length n. */
export function tuple(v: number | number[] | null | undefined, n: number, fallback?: number | number[]): number[] {
  const value = v ?? fallback;
  if (value === undefined || value === null) throw new ShapeError('missing size parameter', 'BAD_PARAM');
  if (typeof value === 'number') return Array.from({ length: n }, () => value);
  if (value.length !== n) throw new ShapeError(`expects ${n} values, got ${value.length}`, 'BAD_PARAM');
  return value;
}

/**
 * Requires an input of the given rank (batch dim included). `hint` says what would fix it, e.g. "add a Flatten
 * before it".
 */
export function requireRank(input: Shape, rank: number | number[], hint = ''): void {
  const ranks = Array.isArray(rank) ? rank : [rank];
  if (!ranks.includes(input.length)) {
    const want = ranks.map((r) => `rank-${r}`).join(' or ');
    throw new ShapeError(`expects a ${want} input, got ${formatShape(input)}${hint ? `: ${hint}` : ''}`);
  }
}

/** The one input of a single-input kind. */
export function only(inputs: Shape[]): Shape {
  const s = inputs[0];
  if (!s) throw new ShapeError('has no input');
  return s;
}

/** The known size of a dimension, or a ShapeError naming what is unknown. */
export function known(d: Dim, what: string): number {
  if (d === null) throw new ShapeError(`needs a known ${what}, got an unknown (null) size`);
  return d;
}

export function convOutputLength(
  length: Dim, kernel: number, padding: 'valid' | 'same', stride: number, dilation = 1,
): Dim {
  if (length === null) return null;
  const dilated = kernel + (kernel - 1) * (dilation - 1);
  const out = padding === 'same' ? length : length - dilated + 1;
  return Math.floor((out + stride - 1) / stride);
}

export function deconvLength(length: Dim, stride: number, kernel: number, padding: 'valid' | 'same'): Dim {
  if (length === null) return null;
  return padding === 'valid' ? length * stride + Math.max(kernel - stride, 0) : length * stride;
}

/** Throws unless every spatial output size is ≥ 1 (a kernel larger than its input). */
export function requirePositive(dims: Dim[], what: string, input: Shape): void {
  if (dims.some((d) => d !== null && d < 1)) {
    throw new ShapeError(
      `has ${what} that does not fit the input ${formatShape(input)}: the output would be empty; use a smaller kernel, ` +
        `'same' padding, or a larger input`,
    );
  }
}

export function product(dims: Dim[]): Dim {
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i] || d === null || b[i] === null);
}
