// The last dataset preview the Dataset tab loaded, keyed by the dataset settings it was loaded for, so that the
// Training tab can warn about data that does not fit the model before a run fails on it.
import { ValueStore } from '../../store/value-store.js';
import type { Preview } from './dataset-form.js';

export const lastPreview = new ValueStore<{ key: string; preview: Preview } | null>(null);
