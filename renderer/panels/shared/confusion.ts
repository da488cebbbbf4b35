// Figures derived from a confusion matrix (confusion[true][predicted] counts) for the table and its colouring.

export interface ConfusionSummary {
  total: number;
  correct: number;
  accuracy: number;
  /** Per true class: share of its samples predicted right (recall). NaN when a class has no samples. */
  recall: number[];
  /** Per predicted class: share of its predictions that were right (precision). NaN when never predicted. */
  precision: number[];
  rowTotals: number[];
  /** Largest off-diagonal cell (the most common mistake), or null when there is none. */
  worst: { truth: number; predicted: number; count: number } | null;
}

export function summarizeConfusion(confusion: readonly (readonly number[])[]): ConfusionSummary {
  const k = confusion.length;
  const rowTotals = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = new Array<number>(k).fill(0);
  let correct = 0;
  let worst: ConfusionSummary['worst'] = null;
  confusion.forEach((row, t) => row.forEach((v, p) => {
    if (p < k) colTotals[p]! += v;
    if (t === p) correct += v;
    else if (v > 0 && (!worst || v > worst.count)) worst = { truth: t, predicted: p, count: v };
  }));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  return {
    total, correct, accuracy: total ? correct / total : NaN,
    recall: confusion.map((row, t) => (rowTotals[t] ? (row[t] ?? 0) / rowTotals[t]! : NaN)),
    precision: colTotals.map((c, p) => (c ? (confusion[p]?.[p] ?? 0) / c : NaN)),
    rowTotals, worst,
  };
}

/** Share of the true class's samples in a cell (0–1): what the cell's colour shows. */
export function cellShare(confusion: readonly (readonly number[])[], truth: number, predicted: number): number {
  const row = confusion[truth];
  if (!row) return 0;
  const total = row.reduce((a, b) => a + b, 0);
  return total ? (row[predicted] ?? 0) / total : 0;
}

/** Validation sample indices recorded for a cell. */
export function cellExamples(examples: Readonly<Record<string, readonly number[]>> | undefined, truth: number, predicted: number): readonly number[] {
  return examples?.[`${truth},${predicted}`] ?? [];
}
