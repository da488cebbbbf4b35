// Marks the kernel configs that replace one of tfjs's own, so that a second registration pass never mistakes ours
// for the original it must delegate to.
import type { KernelConfig } from '@tensorflow/tfjs-core';

const OURS = Symbol('layerloom');

export function markOurs(config: KernelConfig): KernelConfig {
  return Object.assign(config, { [OURS]: true });
}

export function isOurs(config: KernelConfig | undefined): boolean {
  return (config as unknown as Record<symbol, boolean> | undefined)?.[OURS] === true;
}
