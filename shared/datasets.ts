// What the built-in datasets look like, known without loading them: validation checks models against it, and the
// engine's loaders must produce exactly this (tested).
import type { Dataset } from './project.js';

export interface BuiltinInfo {
  title: string;
  doc: string;
  /** Natural sample shape (without batch). */
  sampleShape: number[];
  /** Number of classes, or 0 for regression targets. */
  classes: number;
  /** Target shape for regression datasets. */
  targetShape?: number[];
  samples: number;
  classNames?: string[];
}

export const BUILTIN_DATASETS: Record<string, BuiltinInfo> = {
  digits: {
    title: 'Digits (8×8)',
    doc: '1,797 handwritten digits, 8×8 grey pixels scaled to [0, 1], labels 0–9 (UCI, CC BY 4.0).',
    sampleShape: [8, 8, 1], classes: 10, samples: 1797,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  iris: {
    title: 'Iris',
    doc: "Fisher's iris flowers: 4 measurements, 3 species, 150 samples.",
    sampleShape: [4], classes: 3, samples: 150, classNames: ['setosa', 'versicolor', 'virginica'],
  },
  sine: {
    title: 'Sine sequences',
    doc: 'Noisy sine waves of random frequency and phase: predict the next value from the last `steps` values.',
    sampleShape: [20, 1], classes: 0, targetShape: [1], samples: 2000,
  },
};

/** Sample shape of a built-in dataset given the dataset options (sine's length is configurable). */
export function builtinSampleShape(dataset: Dataset): number[] | undefined {
  const info = dataset.name ? BUILTIN_DATASETS[dataset.name] : undefined;
  if (!info) return undefined;
  if (dataset.name === 'sine' && dataset.steps) return [dataset.steps, 1];
  return info.sampleShape;
}

/** Number of classes left after the dataset's class subset. */
export function builtinClassCount(dataset: Dataset): number | undefined {
  const info = dataset.name ? BUILTIN_DATASETS[dataset.name] : undefined;
  if (!info) return undefined;
  if (info.classes === 0) return 0;
  return dataset.classes?.length ?? info.classes;
}
