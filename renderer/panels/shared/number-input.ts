// Parsing what a user types into a number field: bounds, integers, optional (empty) values, and fractions such as
// "1/255" (handy for scaling). Messages say what is allowed.

export interface NumberRule {
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed (e.g. a learning rate > 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Empty text means "not set" (undefined). */
  optional?: boolean;
}

export type NumberParse = { ok: true; value: number | undefined } | { ok: false; message: string };

export function parseNumber(text: string, rule: NumberRule = {}): NumberParse {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return rule.optional ? { ok: true, value: undefined } : { ok: false, message: 'enter a number' };
  let value: number;
  const fraction = /^(-?[\d.]+(?:e-?\d+)?)\s*\/\s*([\d.]+(?:e-?\d+)?)$/i.exec(t);
  if (fraction) value = Number(fraction[1]) / Number(fraction[2]);
  else value = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(value)) return { ok: false, message: `"${text.trim()}" is not a number` };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: 'must be a whole number' };
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) {
    return { ok: false, message: `must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${rule.min}` };
  }
  if (rule.max !== undefined && value > rule.max) return { ok: false, message: `must be at most ${rule.max}` };
  return { ok: true, value };
}

/** "0, 1, 7" or "0-3, 7" → [0, 1, 2, 3, 7]; an error names the bad part. Empty → undefined (all classes). */
export function parseIntList(text: string, max = 100_000): { ok: true; value: number[] | undefined } | { ok: false; message: string } {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  const out = new Set<number>();
  for (const part of t.split(/[,\s]+/).filter(Boolean)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a || b - a > max) return { ok: false, message: `"${part}" is not a valid range` };
      for (let i = a; i <= b; i++) out.add(i);
    } else if (/^\d+$/.test(part)) out.add(Number(part));
    else return { ok: false, message: `"${part}" is not a class number` };
  }
  return { ok: true, value: [...out].sort((a, b) => a - b) };
}

export function formatIntList(values: readonly number[] | undefined): string {
  return values?.join(', ') ?? '';
}
