// Small additions to tfjs-layers that some kinds need. shared/ cannot import the tfjs runtime, so the classes are made
// from the `tf` the engine hands over, once per tfjs instance. They lean on tfjs-layers 4.22 internals (the pinned
// version); test/layers/core.test.ts trains, saves and exports them, so an upgrade that moves these fails loudly.
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf, TfLayer } from './types.js';

type LayerClass = new (args: Record<string, unknown>) => TfLayer;

interface Custom {
  Subtract: LayerClass;
  SeededDropout: LayerClass;
  BatchNormalizationFixed: LayerClass;
  LayerNormalizationFixed: LayerClass;
}

/** The fields of tfjs' normalization layers that the fixes below touch. */
interface NormFields {
  scale: boolean;
  center: boolean;
  gamma?: unknown;
  beta?: unknown;
}

const constant = (read: () => tfjs.Tensor) => ({ read });

const cache = new WeakMap<Tf, Custom>();

function make(tf: Tf): Custom {
  // tfjs has no Subtract layer and does not export its Merge base class; Add's parent is that class. Subclassing it
  // keeps tfjs' merge semantics (shape checks, broadcasting of lower-rank inputs) and only swaps the combining op.
  // The class name is Keras' own, so a saved model.json reads as a Keras Subtract too.
  const Merge = Object.getPrototypeOf(tf.layers.add({}).constructor) as LayerClass;
  class Subtract extends Merge {
    static className = 'Subtract';
    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      if (!Array.isArray(inputShape[0]) || inputShape.length !== 2) {
        throw new Error(`A Subtract layer takes exactly two inputs, got ${Array.isArray(inputShape[0]) ? inputShape.length : 1}`);
      }
      super.build(inputShape);
    }
    mergeFunction(inputs: tfjs.Tensor[]): tfjs.Tensor {
      return tf.sub(inputs[0]!, inputs[1]!);
    }
  }
  tf.serialization.registerClass(Subtract as unknown as tfjs.serialization.SerializableConstructor<tfjs.serialization.Serializable>);

  // tfjs' BatchNormalization reads `gamma` and `beta` unconditionally when training, so `scale: false` or
  // `center: false` crash in fit ("Cannot read properties of undefined (reading 'read')"). Standing in constant ones /
  // zeros (not weights) fixes training and changes nothing else: the class name, weights and saved config stay those
  // of a plain BatchNormalization.
  const BatchNorm = tf.layers.batchNormalization({}).constructor as LayerClass;
  class BatchNormalizationFixed extends BatchNorm {
    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      super.build(inputShape);
      const self = this as unknown as NormFields & { movingMean: { read(): tfjs.Tensor } };
      if (!self.scale) self.gamma = constant(() => tf.onesLike(self.movingMean.read()));
      if (!self.center) self.beta = constant(() => tf.zerosLike(self.movingMean.read()));
    }
  }

  // tfjs' LayerNormalization passes a null scale or offset to tf.batchNorm, whose gradient then fails ("Cannot read
  // properties of undefined"). It tests its `scale`/`center` flags, so during each call the flags read true with
  // constant ones / zeros standing in; outside calls (getConfig, weights) the layer is the plain one.
  const LayerNorm = tf.layers.layerNormalization({}).constructor as LayerClass;
  class LayerNormalizationFixed extends LayerNorm {
    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      super.build(inputShape);
      const self = this as unknown as NormFields & { axis: number[] };
      const shape = self.axis.map((a) => (inputShape as tfjs.Shape)[a]!);
      if (!self.scale) self.gamma = constant(() => tf.ones(shape));
      if (!self.center) self.beta = constant(() => tf.zeros(shape));
    }
    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor | tfjs.Tensor[] {
      const self = this as unknown as NormFields;
      const flags = { scale: self.scale, center: self.center };
      self.scale = self.center = true;
      try {
        return super.call(inputs, kwargs);
      } finally {
        Object.assign(self, flags);
      }
    }
  }
  // tfjs' Dropout with a fixed seed draws the same mask at every step, and without one its masks come from
  // Math.random, so runs cannot be repeated. Here each call draws from the seed plus a call counter: a new mask every
  // step, the same sequence for the same seed. Saved configs carry no seed, so a loaded model is a plain Dropout.
  const Dropout = tf.layers.dropout({ rate: 0.5 }).constructor as LayerClass;
  class SeededDropout extends Dropout {
    private calls = 0;
    private readonly baseSeed: number;
    constructor(args: Record<string, unknown>) {
      super(args);
      this.baseSeed = Number(args.seed ?? 0);
    }
    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor | tfjs.Tensor[] {
      (this as unknown as { seed: number }).seed = (this.baseSeed + 7919 * this.calls++) % 2147483647;
      return super.call(inputs, kwargs);
    }
    override getConfig(): tfjs.serialization.ConfigDict {
      const config = super.getConfig();
      delete config.seed;
      return config;
    }
  }
  return { Subtract, SeededDropout, BatchNormalizationFixed, LayerNormalizationFixed };
}

/** The custom layer classes for this tfjs instance; registers them for model loading on first use. */
export function customLayers(tf: Tf): Custom {
  let c = cache.get(tf);
  if (!c) cache.set(tf, (c = make(tf)));
  return c;
}

/**
 * Registers Layerloom's custom tfjs layer classes (Subtract) so that `tf.loadLayersModel` can read saved models that
 * contain them. Building a model registers them too; call this before loading in a process that has built nothing.
 */
export function registerCustomLayers(tf: Tf): void {
  customLayers(tf);
}
