// Param specs and checks shared by the convolution, pooling and padding kinds, for Keras arguments that the generic
// vocabulary of params.ts does not cover: a size that may be null, and per-side pairs. Both accept every form tfjs
// itself writes into a layer's config, so nested PretrainedModel layers parse too.
import { z } from 'zod';
import type { ParamSpec } from './params.js';
import { formatShape } from './shape-utils.js';
import { ShapeError, type Shape } from './types.js';

/**
 * Keras' `strides=None` of the pooling layers: an int or a tuple of `length`, or null meaning "the pool size".
 * Declared as an intOrTuple so the inspector edits it as one; an empty field is null.
 */
export function intOrTupleOrNull(length: number, doc: string): ParamSpec<number | number[] | null> {
  const n = z.number().int().min(1);
  return {
    kind: 'intOrTuple', default: null, doc, min: 1, length,
    schema: z.union([n, z.array(n).length(length)]).nullable(),
  };
}

/** ZeroPadding2D.padding and Cropping2D.cropping as Keras takes them. */
export type SidePairs = number | number[] | number[][];
export type Pairs2D = [[number, number], [number, number]];

/**
 * A per-side amount for the two spatial axes: `n` (all four sides), `[rows, cols]` (symmetric per axis) or
 * `[[top, bottom], [left, right]]`. The inspector edits the first two forms (an intOrTuple of 2); the nested form
 * is what tfjs configs hold and what a project file may say for asymmetric amounts.
 */
export function sidePairsParam(def: number, doc: string): ParamSpec<SidePairs> {
  const n = z.number().int().min(0);
  return {
    kind: 'intOrTuple', default: def, doc, min: 0, length: 2,
    schema: z.union([n, z.array(n).length(2), z.array(z.array(n).length(2)).length(2)]),
  };
}

/** Normalises any SidePairs form to [[top, bottom], [left, right]]. */
export function toPairs(v: SidePairs): Pairs2D {
  if (typeof v === 'number') return [[v, v], [v, v]];
  const [a, b] = v as (number | number[])[];
  if (typeof a === 'number' && typeof b === 'number') return [[a, a], [b, b]];
  const [t, bo] = a as number[];
  const [l, r] = b as number[];
  return [[t!, bo!], [l!, r!]];
}

/**
 * tfjs' conv kernels refuse strides > 1 together with dilations > 1 on the same layer (at predict time, with an
 * error that names no node); reject it at validation instead.
 */
export function requireStridesOrDilationOne(strides: number[], dilations: number[]): void {
  if (strides.some((s) => s > 1) && dilations.some((d) => d > 1)) {
    throw new ShapeError(
      `cannot combine strides ${formatShape(strides)} with dilationRate ${formatShape(dilations)}: tfjs supports ` +
        'either strides > 1 or dilationRate > 1, not both; set one of them to 1',
      'BAD_PARAM',
    );
  }
}

/** Rank hint for kinds that take images: says what to put before the layer. */
export function imageRankHint(x: Shape, oneD?: string): string {
  if (x.length === 3) return oneD ? `use ${oneD} for sequences, or add a Reshape to [height, width, 1] before it` : 'add a Reshape to [height, width, 1] before it';
  if (x.length === 2) return 'it needs [height, width, channels] images: add a Reshape before it';
  return 'it needs [height, width, channels] images';
}

/** Rank hint for kinds that take sequences [steps, channels]. */
export function sequenceRankHint(x: Shape, twoD?: string): string {
  if (x.length === 2) return 'add a Reshape to [steps, 1] before it';
  if (x.length === 4) return twoD ? `use ${twoD} for images, or add a Reshape to [steps, channels] before it` : 'add a Reshape to [steps, channels] before it';
  return 'it needs [steps, channels] sequences';
}
