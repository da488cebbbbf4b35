// Text ↔ value for the inspector's generated fields, with messages a person can act on. The param's own zod schema
// (from the catalogue) has the final word; these checks only phrase the common mistakes better.
import type { ParamSpec } from '../../shared/layers/params.js';

export type FieldParse = { ok: true; value: unknown } | { ok: false; message: string };

/** How a value reads in its field. */
export function valueToText(spec: Pick<ParamSpec, 'kind'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (spec.kind === 'intOrTuple' || spec.kind === 'ints') {
    if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value.join(', ');
    if (typeof value === 'number') return String(value);
    return JSON.stringify(value);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function bounds(spec: ParamSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` from ${spec.min} to ${spec.max}`;
  if (spec.min !== undefined) return ` ≥ ${spec.min}`;
  if (spec.max !== undefined) return ` ≤ ${spec.max}`;
  return '';
}

function checkNumber(spec: ParamSpec, n: number, integer: boolean): string | null {
  if (!Number.isFinite(n)) return 'Enter a number';
  if (integer && !Number.isInteger(n)) return 'Enter a whole number';
  if (spec.min !== undefined && n < spec.min) return `Must be at least ${spec.min}`;
  if (spec.max !== undefined && n > spec.max) return `Must be at most ${spec.max}`;
  return null;
}

function schemaCheck(spec: ParamSpec, value: unknown, fallback: string): FieldParse {
  const r = spec.schema.safeParse(value);
  if (r.success) return { ok: true, value };
  const issue = r.error.issues[0];
  const message = issue && issue.code !== 'invalid_union' ? issue.message : fallback;
  return { ok: false, message };
}

function parseIntList(text: string): number[] | null {
  const parts = text.split(/[\s,;×x*]+/).filter(Boolean);
  const nums = parts.map(Number);
  return nums.some((n) => !Number.isFinite(n)) ? null : nums;
}

/** Parses a field's text for a param; `badInput` is the browser's flag for unparseable number-field text. */
export function parseField(spec: ParamSpec, text: string, badInput = false): FieldParse {
  const t = text.trim();
  switch (spec.kind) {
    case 'int':
    case 'float':
    case 'floatOrNull': {
      if (badInput) return { ok: false, message: 'Enter a number' };
      if (t === '') {
        return spec.kind === 'floatOrNull' ? schemaCheck(spec, null, 'Leave empty for none') : { ok: false, message: 'Enter a value' };
      }
      const n = Number(t);
      const problem = checkNumber(spec, n, spec.kind === 'int');
      if (problem) return { ok: false, message: problem };
      return schemaCheck(spec, n, `Enter a number${bounds(spec)}`);
    }
    case 'bool':
      return schemaCheck(spec, t === 'true', 'Choose yes or no');
    case 'enum':
      return schemaCheck(spec, t, `Choose one of ${(spec.options ?? []).join(', ')}`);
    case 'string':
      return schemaCheck(spec, text, 'Enter text');
    case 'intOrTuple':
    case 'ints': {
      const tupleHint = spec.kind === 'intOrTuple'
        ? `Enter a whole number${bounds(spec)}${spec.length && spec.length > 1 ? `, or ${spec.length} of them separated by commas` : ''}`
        : `Enter whole numbers${bounds(spec)} separated by commas`;
      if (t === '') {
        if (spec.kind === 'ints') return schemaCheck(spec, [], tupleHint);
        return spec.schema.safeParse(null).success ? { ok: true, value: null } : { ok: false, message: tupleHint };
      }
      if (t.startsWith('[')) {
        try {
          return schemaCheck(spec, JSON.parse(t), tupleHint);
        } catch {
          return { ok: false, message: tupleHint };
        }
      }
      const nums = parseIntList(t);
      if (!nums) return { ok: false, message: tupleHint };
      for (const n of nums) {
        const problem = checkNumber(spec, n, true);
        if (problem) return { ok: false, message: problem };
      }
      if (spec.kind === 'intOrTuple') {
        if (nums.length === 1) return schemaCheck(spec, nums[0], tupleHint);
        if (spec.length !== undefined && nums.length !== spec.length) {
          return { ok: false, message: `Enter one number or ${spec.length} of them, got ${nums.length}` };
        }
      }
      return schemaCheck(spec, nums, tupleHint);
    }
  }
}

/** Equality of param values (arrays by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
