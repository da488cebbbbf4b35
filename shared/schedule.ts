// Learning-rate schedules, per epoch. Pure, so the renderer can draw the same curve the trainer follows.
import type { Training } from './project.js';

export function learningRateAt(training: Pick<Training, 'optimizer' | 'schedule' | 'epochs'>, epoch: number): number {
  const base = training.optimizer.learningRate;
  const s = training.schedule;
  if (!s || s.type === 'constant') return base;
  switch (s.type) {
    case 'step':
      return base * s.factor ** Math.floor(epoch / s.every);
    case 'exponential':
      return base * s.decay ** epoch;
    case 'cosine': {
      const t = training.epochs > 1 ? epoch / (training.epochs - 1) : 0;
      return s.minLearningRate + 0.5 * (base - s.minLearningRate) * (1 + Math.cos(Math.PI * t));
    }
  }
}
