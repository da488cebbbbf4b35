// What every source loader produces before preprocessing: the samples in file order, in their natural shape and
// natural units, with labels as the original label values. Preprocessing (scale, subset, shuffle, split, encode,
// reshape) is shared by all sources and lives in preprocess.ts.

/** x' = (x - shift) * factor, either one number for all values or one per value of a sample (flattened). */
export interface InputTransform {
  shift: number | number[];
  factor: number | number[];
}

export interface RawDataset {
  /** Display name of the main file or folder, for messages. */
  file: string;
  /** n × prod(sampleShape) values, sample after sample, C order. */
  x: Float32Array;
  n: number;
  sampleShape: number[];
  /** Classification: the label value of each sample, an index into `classNames`. */
  labels?: Int32Array;
  classNames?: string[];
  /** Regression: n × prod(targetShape) numeric targets. */
  targets?: Float32Array;
  targetShape?: number[];
  /** What `scale: 'auto'` applies (e.g. 1/255 for uint8 images, 1/16 for digits). */
  autoTransform: InputTransform;
  /** Whether samples are pictures (the UI draws them as images). */
  isImage: boolean;
  /** Preview only: `x` holds some of the samples; these are the whole dataset's count and labels. */
  partial?: { n: number; labels: Int32Array };
}

export const IDENTITY: InputTransform = { shift: 0, factor: 1 };

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(',')}]`;
}
