// Corrections to tfjs's `cpu` backend (4.22) where it computes wrong gradients.
//
// ResizeNearestNeighborGrad (the gradient of UpSampling2D and of tf.image.resizeNearestNeighbor) offsets dy by the
// *input* image's batch stride, so every image after the first reads the wrong rows of dy. Its result is right for
// a batch of one; we call it once per image.
//
// ResizeBilinearGrad (bilinear UpSampling2D) computes the right values in [batch, height, width, channels] order but
// labels the result [batch, width, height, channels]: non-square images then fail to train. We relabel it.
import {
  getKernel, registerKernel, ResizeBilinearGrad, ResizeNearestNeighborGrad, unregisterKernel, util, type KernelConfig,
  type KernelFunc, type TensorInfo,
} from '@tensorflow/tfjs-core';

interface CpuBackend {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): TensorInfo;
  disposeIntermediateTensorInfo(t: TensorInfo): void;
}

let original: KernelConfig | undefined;

function perImage(args: { inputs: { images: TensorInfo; dy: TensorInfo }; backend: CpuBackend; attrs: object }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { images, dy } = inputs;
  const batch = images.shape[0]!;
  if (batch === 1) return original!.kernelFunc(args as never) as TensorInfo;
  const imageSize = util.sizeFromShape(images.shape.slice(1));
  const dySize = util.sizeFromShape(dy.shape.slice(1));
  const imageValues = backend.data.get(images.dataId).values;
  const dyValues = backend.data.get(dy.dataId).values;
  const out = new Float32Array(batch * imageSize);
  for (let b = 0; b < batch; b++) {
    const img = backend.makeTensorInfo([1, ...images.shape.slice(1)], images.dtype, imageValues.subarray(b * imageSize, (b + 1) * imageSize));
    const g = backend.makeTensorInfo([1, ...dy.shape.slice(1)], dy.dtype, dyValues.subarray(b * dySize, (b + 1) * dySize));
    const r = original!.kernelFunc({ inputs: { images: img, dy: g }, backend: backend as never, attrs: attrs as never }) as TensorInfo;
    out.set(backend.data.get(r.dataId).values, b * imageSize);
    for (const t of [img, g, r]) backend.disposeIntermediateTensorInfo(t);
  }
  return backend.makeTensorInfo(images.shape, 'float32', out);
}

const resizeNearestNeighborGradConfig: KernelConfig = {
  kernelName: ResizeNearestNeighborGrad,
  backendName: 'cpu',
  kernelFunc: perImage as unknown as KernelFunc,
};

let originalBilinear: KernelConfig | undefined;

function bilinearWithShape(args: { inputs: { images: TensorInfo; dy: TensorInfo }; backend: CpuBackend; attrs: object }): TensorInfo {
  const r = originalBilinear!.kernelFunc(args as never) as TensorInfo;
  const { images } = args.inputs;
  if (util.arraysEqual(r.shape, images.shape)) return r;
  const values = args.backend.data.get(r.dataId).values;
  const fixed = args.backend.makeTensorInfo(images.shape, 'float32', values);
  args.backend.disposeIntermediateTensorInfo(r);
  return fixed;
}

const resizeBilinearGradConfig: KernelConfig = {
  kernelName: ResizeBilinearGrad,
  backendName: 'cpu',
  kernelFunc: bilinearWithShape as unknown as KernelFunc,
};

/** Registers the corrections (once; later calls are no-ops). */
export function registerCpuFixes(): void {
  const current = getKernel(ResizeNearestNeighborGrad, 'cpu');
  if (current && current !== resizeNearestNeighborGradConfig) {
    original = current;
    unregisterKernel(ResizeNearestNeighborGrad, 'cpu');
    registerKernel(resizeNearestNeighborGradConfig);
  }
  const bilinear = getKernel(ResizeBilinearGrad, 'cpu');
  if (bilinear && bilinear !== resizeBilinearGradConfig) {
    originalBilinear = bilinear;
    unregisterKernel(ResizeBilinearGrad, 'cpu');
    registerKernel(resizeBilinearGradConfig);
  }
}
