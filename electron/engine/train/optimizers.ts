import type * as tfjs from '@tensorflow/tfjs';
import type { Project } from '../../../shared/project.js';

type OptimizerConfig = Project['training']['optimizer'];

export function makeOptimizer(tf: typeof tfjs, o: OptimizerConfig): tfjs.Optimizer {
  const lr = o.learningRate;
  switch (o.type) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, o.momentum ?? 0.9);
    case 'adam':
      return tf.train.adam(lr, o.beta1 ?? 0.9, o.beta2 ?? 0.999);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return tf.train.adadelta(lr);
    case 'adamax':
      return tf.train.adamax(lr);
  }
}
