// Our kernels for the tfjs `wasm` backend: the gradients it lacks (so that every layer the editor offers can train
// on it) and faster replacements for the built-in kernels that dominate a training step.
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig } from './batch_mat_mul.js';
import { conv2DBackpropFilterConfig } from './conv2d_backprop_filter.js';
import { conv2DBackpropInputConfig } from './conv2d_backprop_input.js';
import { depthwiseConv2dNativeBackpropFilterConfig, depthwiseConv2dNativeBackpropInputConfig } from './depthwise_backprop.js';
import { maxPoolGradConfig } from './pool_grad.js';
import { captureOriginalSum, sumConfig } from './sum.js';
import { unsortedSegmentSumConfig } from './unsorted_segment_sum.js';
import { captureOriginalBatchMatMul } from './xnn.js';

/** Kernels that tfjs-backend-wasm 4.22 does not have. */
export const ADDED_KERNELS: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Built-in wasm kernels that we replace because they are slow; each gives the same results (see test/backend). */
export const REPLACED_KERNELS: readonly KernelConfig[] = [
  batchMatMulConfig, conv2DBackpropInputConfig, maxPoolGradConfig, sumConfig,
];

/** Names of every kernel we register on `wasm`. */
export const registeredKernelNames = (): string[] => [...ADDED_KERNELS, ...REPLACED_KERNELS].map((k) => k.kernelName);

/**
 * Registers our kernels on the `wasm` backend. Call after the backend is initialised (the BatchMatMul and Sum
 * replacements delegate to the originals, which must have run their setup). Calling again is a no-op.
 */
export function registerWasmTrainingKernels(): void {
  captureOriginalBatchMatMul();
  captureOriginalSum();
  for (const config of [...ADDED_KERNELS, ...REPLACED_KERNELS]) {
    if (getKernel(config.kernelName, 'wasm') === config) continue;
    // Unregister first: registerKernel would otherwise warn about the duplicate.
    if (getKernel(config.kernelName, 'wasm')) unregisterKernel(config.kernelName, 'wasm');
    registerKernel(config);
  }
}
