// Pure helpers for the results view: the final metrics in a readable order, the images of validation samples
// (matched by index from a `prediction` sample set), and what to show for a confusion-matrix cell.
import type { Evaluation, SampleImage } from '../../../shared/events.js';
import type { SampleSet } from './dashboard.js';

/**
 * The evaluation when it means something: a classifier's (supervised run) whose matrix is square over its classes and
 * whose predictions name those classes. Anything else (e.g. an autoencoder evaluated as if it classified) is dropped.
 */
export function usableEvaluation(evaluation: Evaluation | null, kind: string | undefined): Evaluation | null {
  if (!evaluation || (kind !== undefined && kind !== 'supervised')) return null;
  const k = evaluation.confusion.length;
  if (k === 0 || evaluation.confusion.some((row) => row.length !== k)) return null;
  if (evaluation.predictions.some((p) => p.label >= k || p.predicted >= k || p.label < 0 || p.predicted < 0)) return null;
  return evaluation;
}

/** loss first, then the other metrics, each train value before its validation twin. */
export function orderedMetrics(metrics: Record<string, number>): [string, number][] {
  const rank = (name: string) => {
    const base = name.replace(/^val_/, '');
    return (base === 'loss' ? 0 : base === 'd_loss' ? 1 : base === 'g_loss' ? 2 : 3) * 2 + (name.startsWith('val_') ? 1 : 0);
  };
  return Object.entries(metrics).sort(([a], [b]) => rank(a) - rank(b) || a.replace(/^val_/, '').localeCompare(b.replace(/^val_/, '')));
}

/**
 * Images of validation samples by index. The engine sends them as a `prediction` sample set whose captions start
 * with `#<index>` (e.g. "#12 predicted 3 (true 5)"); a set without such captions is matched to the evaluation's
 * predictions in order.
 */
export function imagesByIndex(set: SampleSet | undefined, evaluation: Evaluation | null): Map<number, SampleImage> {
  const out = new Map<number, SampleImage>();
  if (!set) return out;
  const indexOf = (img: SampleImage) => /^#(\d+)\b/.exec(img.caption ?? '');
  if (set.images.some((img) => indexOf(img))) {
    for (const img of set.images) {
      const m = indexOf(img);
      if (m) out.set(Number(m[1]), img);
    }
  } else {
    set.images.forEach((img, i) => {
      const p = evaluation?.predictions[i];
      if (p) out.set(p.index, img);
    });
  }
  return out;
}

export interface PredictionCard {
  index: number;
  label: string;
  predicted: string;
  confidence: number;
  correct: boolean;
  image?: SampleImage;
}

export function predictionCards(evaluation: Evaluation, images: Map<number, SampleImage>): PredictionCard[] {
  const name = (i: number) => evaluation.classNames[i] ?? String(i);
  return evaluation.predictions.map((p) => ({
    index: p.index, label: name(p.label), predicted: name(p.predicted), confidence: p.confidence, correct: p.label === p.predicted,
    ...(images.has(p.index) ? { image: images.get(p.index)! } : {}),
  }));
}

export interface CellExamples {
  title: string;
  count: number;
  indices: readonly number[];
  images: { index: number; image?: SampleImage }[];
}

export function cellExamplesView(evaluation: Evaluation, truth: number, predicted: number, images: Map<number, SampleImage>): CellExamples {
  const name = (i: number) => evaluation.classNames[i] ?? String(i);
  const indices = evaluation.examples?.[`${truth},${predicted}`] ?? [];
  const count = evaluation.confusion[truth]?.[predicted] ?? 0;
  const title = truth === predicted ? `${name(truth)} recognised correctly` : `${name(truth)} taken for ${name(predicted)}`;
  return { title, count, indices, images: indices.map((index) => (images.has(index) ? { index, image: images.get(index)! } : { index })) };
}
