// Picks and starts the TensorFlow.js backend the engine trains on.
//
//   auto → `tensorflow` (tfjs-node: native TensorFlow, if it is installed and loads)
//        → `wasm` (tfjs-backend-wasm + our training kernels, see ./kernels)
//        → `cpu` (pure JS; always works, slow).
//
// All of it runs in Node (Electron's main/utility process or the CLI), never in the renderer.
import * as tf from '@tensorflow/tfjs';
import { registerCpuFixes } from './kernels/cpu_fixes.js';
import { loadWasmBackend } from './wasm.js';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type Tf = typeof import('@tensorflow/tfjs');

export interface InitializedBackend {
  tf: Tf;
  backend: BackendName;
}

/** The order `auto` tries. */
export const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** Loads are attempted once per process; their outcome (success or the reason for failure) is remembered. */
const loads = new Map<BackendName, Promise<void>>();

function load(name: BackendName): Promise<void> {
  let p = loads.get(name);
  if (!p) {
    p = LOADERS[name]();
    loads.set(name, p);
  }
  return p;
}

const LOADERS: Record<BackendName, () => Promise<void>> = {
  tensorflow: loadTensorflowBackend,
  wasm: () => loadWasmBackend(tf),
  cpu: async () => {
    if (!(await tf.setBackend('cpu'))) throw new Error('the cpu backend failed to start');
  },
};

/**
 * Starts `requested` (or, for `auto`, the first backend that loads) and makes it tf's active backend.
 * An explicitly requested backend that cannot load throws an Error whose message says why in one line.
 * Safe to call repeatedly, also with different names: each backend is loaded once and then just re-activated.
 */
export async function initBackend(requested: 'auto' | BackendName = 'auto'): Promise<InitializedBackend> {
  // tfjs's cpu kernels are registered on import; the corrections replace the faulty ones (see kernels/cpu_fixes.ts).
  registerCpuFixes();
  // The engine reports its backend itself; tfjs' own advice banner ("install tfjs-node") would only be noise on the
  // CLI's and hosts' stderr.
  tf.env().set('PROD', true);
  if (requested !== 'auto') {
    if (!AUTO_ORDER.includes(requested)) throw new Error(`unknown backend '${String(requested)}' (use auto, tensorflow, wasm or cpu)`);
    await activate(requested);
    return { tf, backend: requested };
  }
  const reasons: string[] = [];
  for (const name of AUTO_ORDER) {
    try {
      await activate(name);
      return { tf, backend: name };
    } catch (e) {
      reasons.push(`${name}: ${(e as Error).message}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start (${reasons.join('; ')})`);
}

async function activate(name: BackendName): Promise<void> {
  await load(name);
  // Already loaded: switching back is cheap (the backend instance is kept by tf's engine).
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to start`);
}

async function loadTensorflowBackend(): Promise<void> {
  // An optionalDependency: absent where its install script could not fetch libtensorflow. The specifier is held in
  // a variable so that bundlers and the type checker leave this import to run time.
  const pkg = '@tensorflow/tfjs-node';
  try {
    await import(/* @vite-ignore */ pkg);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if ((err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') && String(err.message).includes(pkg)) {
      throw new Error(`the tensorflow backend needs ${pkg}, which is not installed`);
    }
    throw new Error(`the tensorflow backend could not load ${pkg}: ${firstLine(err)}`);
  }
  if (!(await tf.setBackend('tensorflow'))) throw new Error(`the tensorflow backend failed to start (${pkg} loaded)`);
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}

export { registeredKernelNames } from './kernels/index.js';
