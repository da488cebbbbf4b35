// initBackend: the auto order, explicit requests, failures and idempotence.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { initBackend, registeredKernelNames } from '../../electron/engine/backend/index.js';

const tfjsNodeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

describe('initBackend', () => {
  it.runIf(!tfjsNodeInstalled)("'auto' resolves to wasm when tfjs-node is not installed", async () => {
    const { tf, backend } = await initBackend('auto');
    expect(backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('is idempotent', async () => {
    const first = await initBackend('auto');
    const second = await initBackend('auto');
    expect(second.backend).toBe(first.backend);
    expect(second.tf).toBe(first.tf);
    expect(second.tf.getBackend()).toBe(first.backend);
  });

  it('uses the single-threaded SIMD wasm build (the threaded one cannot start in Node)', async () => {
    const { tf } = await initBackend('wasm');
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    expect(Array.from(x.matMul(x).dataSync())).toEqual([7, 10, 15, 22]);
  });

  it('registers the training kernels the wasm backend lacks, and our replacements', async () => {
    const { tf } = await initBackend('wasm');
    for (const name of [
      'Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul',
    ]) {
      expect(registeredKernelNames()).toContain(name);
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
  });

  it.runIf(!tfjsNodeInstalled)("an explicit 'tensorflow' request fails with a one-line reason and changes nothing", async () => {
    const { tf } = await initBackend('wasm');
    const error = await initBackend('tensorflow').then(() => null, (e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe('the tensorflow backend needs @tensorflow/tfjs-node, which is not installed');
    expect(tf.getBackend()).toBe('wasm');
    // Asking again gives the same answer (the failed load is remembered, not retried into a different state).
    await expect(initBackend('tensorflow')).rejects.toThrow('not installed');
  });

  it('switches between cpu and wasm and back, keeping our kernels', async () => {
    const cpu = await initBackend('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    const wasm = await initBackend('wasm');
    expect(wasm.tf.getBackend()).toBe('wasm');
    expect(wasm.tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });

  it('rejects an unknown backend name', async () => {
    await expect(initBackend('webgpu' as never)).rejects.toThrow(/unknown backend 'webgpu'/);
  });
});
