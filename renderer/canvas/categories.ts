// Category colours (one hue per palette category; the CSS uses the same values through --cat on each node).
import { CATEGORIES } from '../../shared/layers/types.js';

export const CATEGORY_COLORS: Record<string, string> = {
  IO: '#64748b',
  Core: '#3b82f6',
  Activation: '#eab308',
  Convolution: '#22c55e',
  Pooling: '#14b8a6',
  Shape: '#a855f7',
  Normalization: '#ec4899',
  Recurrent: '#f97316',
  Merge: '#ef4444',
  Embedding: '#a16207',
  Transfer: '#6366f1',
};

export const UNKNOWN_COLOR = '#9ca3af';

export function categoryColor(category: string | null | undefined): string {
  return (category && CATEGORY_COLORS[category]) || UNKNOWN_COLOR;
}

export const CATEGORY_ORDER: readonly string[] = CATEGORIES;
