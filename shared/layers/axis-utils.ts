// Keras-style axis arguments: counted with the batch as axis 0, negative values count from the end.
import { formatShape } from './shape-utils.js';
import { ShapeError, type Shape } from './types.js';

/**
 * The non-negative axis an `axis` param names on `input` (batch included). The batch axis cannot be chosen: layers
 * act per sample, and its size is unknown.
 */
export function resolveAxis(axis: number, input: Shape, what = 'axis'): number {
  const rank = input.length;
  const a = axis < 0 ? rank + axis : axis;
  if (a < 1 || a >= rank) {
    const choices = rank > 2 ? `1–${rank - 1} or -1–-${rank - 1}` : '1 or -1';
    throw new ShapeError(
      `has ${what} ${axis}, which is ${a === 0 ? 'the batch axis' : 'not an axis'} of its input ${formatShape(input)}: ` +
        `use ${choices} (axis 0 is the batch)`,
      'BAD_PARAM',
    );
  }
  return a;
}
