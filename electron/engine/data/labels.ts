// Turning a column of raw label values into either class labels or numeric regression targets. Shared by the CSV
// and NPY sources so that both follow one rule:
// - labelMode 'regression' → numeric targets (every value must be a number);
// - whole numbers ≥ 0 → class indices (classes 0..max, named "0", "1", …);
// - any text value → class names, indexed in natural sort order ("cat" < "dog", "class2" < "class10"), so that the
//   mapping does not depend on row order;
// - other numbers (fractions, negatives) → numeric targets, unless labelMode asks for classes (then an error).
import type { Dataset } from '../../../shared/project.js';
import type { DataError } from './errors.js';

export type LabelResult =
  | { kind: 'classes'; labels: Int32Array; classNames: string[] }
  | { kind: 'targets'; targets: Float32Array };

/** Builds the error for value `i` (knows the file and how to count rows or records). */
export type ErrorAt = (i: number, message: string) => DataError;

/** More classes than this is almost surely a numeric target mistaken for a class index. */
export const MAX_CLASSES = 100_000;

export function parseNumber(cell: string): number | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Natural order: digit runs compare as numbers. Fixed locale so that every machine gets the same class indices. */
export const naturalCompare = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' }).compare;

export function labelsFromText(cells: string[], mode: Dataset['labelMode'], errorAt: ErrorAt): LabelResult {
  const numbers = new Float64Array(cells.length);
  let firstText = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.trim() === '') throw errorAt(i, 'the label cell is empty');
    const value = parseNumber(cells[i]!);
    if (value === undefined) {
      if (firstText < 0) firstText = i;
    } else numbers[i] = value;
  }
  if (firstText < 0) return labelsFromNumbers(numbers, mode, errorAt, false);
  if (mode === 'regression') {
    throw errorAt(firstText, `label "${cells[firstText]}" is not a number (labelMode is "regression")`);
  }
  const names = [...new Set(cells.map((c) => c.trim()))].sort(naturalCompare);
  const index = new Map(names.map((name, i) => [name, i]));
  const labels = Int32Array.from(cells, (c) => index.get(c.trim())!);
  return { kind: 'classes', labels, classNames: names };
}

/**
 * `integerType`: the values come from an integer or bool array (npy), so they are class labels unless labelMode
 * says regression, and a negative one is an out-of-range label rather than a hint at regression.
 */
export function labelsFromNumbers(
  values: ArrayLike<number>, mode: Dataset['labelMode'], errorAt: ErrorAt, integerType: boolean,
): LabelResult {
  if (mode === 'regression') return { kind: 'targets', targets: Float32Array.from(values) };
  let firstBad = -1;
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0) {
      if (firstBad < 0) firstBad = i;
    } else if (v > max) max = v;
  }
  if (firstBad >= 0) {
    const classWanted = integerType || mode === 'onehot' || mode === 'sparse';
    if (!classWanted) return { kind: 'targets', targets: Float32Array.from(values) };
    throw errorAt(firstBad, `label ${values[firstBad]} is out of range: class labels are whole numbers from 0 (or set labelMode to "regression")`);
  }
  if (max + 1 > MAX_CLASSES) {
    throw errorAt(Array.prototype.indexOf.call(values, max), `label ${max} is out of range: more than ${MAX_CLASSES} classes; for numeric targets set labelMode to "regression"`);
  }
  const classNames = Array.from({ length: max + 1 }, (_, i) => String(i));
  return { kind: 'classes', labels: Int32Array.from(values), classNames };
}
