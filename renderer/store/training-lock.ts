// Whether a training run is going, for the rest of the app: the canvas and inspector lock structure edits while it
// is (the run trains the project as it was when it started). Read it with `useValue(trainingLock)` or
// `trainingLock.get()`; only the training controller sets it.
import { ValueStore } from './value-store.js';

export interface TrainingLock {
  locked: boolean;
  /** Why, for a message: "Training is running: stop it to change the model's structure". */
  reason: string;
}

export const UNLOCKED: TrainingLock = Object.freeze({ locked: false, reason: '' });

export const trainingLock = new ValueStore<TrainingLock>(UNLOCKED);

export function lockFor(active: boolean): TrainingLock {
  return active ? { locked: true, reason: 'Training is running: stop it to change the model’s structure' } : UNLOCKED;
}
